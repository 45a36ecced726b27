"""Log-in answers: where it sends you afterwards, and what it gives away about who has an account."""

from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from netgraph.accounts import Accounts
from tests.conftest import PASSWORD
from tests.web.conftest import csrf_from


def log_in_with_next(app, query: str):
    client = app.test_client()
    token = csrf_from(client.get("/login"))
    return client.post(f"/login?{query}", data={"name": "hr", "password": PASSWORD, "csrf_token": token})


@pytest.mark.parametrize(
    "query",
    [
        "next=/%09/evil.example",  # a tab: browsers drop it, leaving //evil.example
        "next=/%0a/evil.example",  # a newline: was a 500 (a header may not hold one)
        "next=/%0d%0aSet-Cookie:%20x=1",
        "next=/%5Cevil.example",  # /\\evil.example: browsers read \\ as /
        "next=//evil.example/x",
        "next=https://evil.example/",
        "next=javascript:alert(1)",
        "next=people/p033",
        "next=",
    ],
)
def test_log_in_goes_only_to_paths_of_this_site_else_home(app, query):
    response = log_in_with_next(app, query)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_log_in_returns_to_the_page_that_asked_for_it(app):
    asked = app.test_client().get("/people/p033?tab=x").headers["Location"]
    query = asked.split("?", 1)[1]
    assert log_in_with_next(app, query).headers["Location"] == "/people/p033?tab=x"


def counting_checks(path):
    checks = []

    def check(hashed, password):
        checks.append(hashed)
        return check_password_hash(hashed, password)

    return Accounts(path, check_hash=check), checks


@pytest.mark.parametrize("name", ["nobody", "", "hr"])
def test_a_wrong_log_in_costs_exactly_one_password_hash_check_whether_or_not_the_name_exists(accounts_file, name):
    book, checks = counting_checks(accounts_file)
    assert book.check(name, "wrong password") is None
    assert len(checks) == 1 and checks[0].startswith("scrypt:")


def test_an_unknown_name_is_checked_against_a_hash_made_like_the_real_ones(accounts_file_as_made):
    book, checks = counting_checks(accounts_file_as_made)
    book.check("hr", "wrong password")
    book.check("nobody", "wrong password")
    real, dummy = checks
    assert real != dummy and real.split("$")[0] == dummy.split("$")[0]  # same method and cost
