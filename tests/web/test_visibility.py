"""Who sees which field and which introduction, in every answer, for every role (web/visibility.py).

The description (``x-visible-to`` in web/openapi.json) is the specification:
for each GET operation and each account of the role matrix, the answer must
be exactly the full answer (admin's) with the fields the account may not see
set to null and the records it may not see left out. Who actively mentors whom
is read from the demo organisation itself, not from the code under test.

Accounts (tests/conftest.py): admin; hr; sana, a mentor who is p009 and
mentors p033; olga, a mentor who is p125 and mentors p013, p036, p054, p066,
p109, p139; vic, a viewer linked to no one.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from netgraph.accounts import ROLES
from netgraph.web import visibility
from tests.conftest import ACCOUNTS
from tests.web.conftest import with_a_round
from tests.web.test_openapi import GET_SAMPLES, OPERATIONS, SPEC, resolved, response_schema, spec_path
from tests.web.test_roles import USERS

CONFIDENTIAL = "CONFIDENTIAL: Dana is thinking of leaving"

#: Answers about people and introductions, chosen for the rules they exercise, besides GET_SAMPLES:
#: p084 (introduced twice by sana), p054 and p109 (olga's mentees: introduced, or introducing),
#: p009 and p125 (sana and olga themselves), p033 (sana's mentee), p001 (closed to introductions).
#: Answers about the asking account itself (its home): each account's is its own, not admin's with fields
#: hidden, so they are checked role by role in tests/web/test_homes.py instead.
PERSONAL = {"/api/home"}
SAMPLES = sorted(
    {url for _, url in GET_SAMPLES if url not in PERSONAL}
    | {
        "/api/people/p084",
        "/api/people/p054",
        "/api/people/p109",
        "/api/people/p009",
        "/api/people/p125",
        "/api/people/p033",
        "/api/people/p001",
        "/api/people/p033/recommendations",
        "/api/people/p054/network?depth=2",
        "/api/people/p084/network?depth=2",
        "/api/people/p009/network",
        "/api/people/p109/network?types=INTRODUCTION&types=MENTORS",
        "/api/introductions",
        "/api/introductions?person=p054",
        "/api/introductions?status=met",
    }
)


@pytest.fixture(scope="module")
def embedded_app(embedded_app):
    """The role matrices' app, its store holding one mentoring round (the round's answer is a sample too)."""
    return with_a_round(embedded_app)


@pytest.fixture(scope="module")
def mentees(demo_clean) -> dict[str, set[str]]:
    """person -> the people they actively mentor, from the demo document."""
    found: dict[str, set[str]] = {}
    for m in demo_clean["mentorships"]:
        if m["status"] == "active":
            found.setdefault(m["mentor"], set()).add(m["mentee"])
    return found


def subject_of(url: str) -> str | None:
    """The ``{person}`` of the path, whom the answer is about."""
    template = spec_path(url).split("/")
    return next((s for t, s in zip(template, urlsplit(url).path.split("/"), strict=True) if t == "{person}"), None)


def in_audience(user: str, audience, record: dict, subject: str | None, mentees) -> bool:
    """The description's tokens, read literally (see info.description in web/openapi.json)."""
    role, person = ACCOUNTS[user]
    for token in audience:
        kind, _, name = token.partition(":")
        if (
            token == role
            or person is not None
            and (
                token == "self"
                and subject == person
                or kind == "person"
                and record.get(name) == person
                or kind == "mentor-of"
                and record.get(name) in mentees.get(person, set())
            )
        ):
            return True
    return False


def expected(schema: dict, full, user: str, subject, mentees, introductions: list[dict]):
    """What ``user`` must get, from the full answer and the description's ``x-visible-to`` alone."""
    schema = resolved(schema)
    if isinstance(full, dict) and "properties" in schema:
        shown = {}
        for key, value in full.items():
            prop = schema["properties"].get(key, {})
            audience = prop.get("x-visible-to")
            shown[key] = (
                None
                if audience and not in_audience(user, audience, full, subject, mentees)
                else expected(prop, value, user, subject, mentees, introductions)
            )
        return shown
    if isinstance(full, list) and "items" in schema:
        item = resolved(schema["items"])
        kept = [
            v
            for v in full
            if "x-visible-to" not in item or in_audience(user, item["x-visible-to"], v, subject, mentees)
        ]
        if "x-visible-to-if-dashed" in item:
            audience = resolved({"$ref": item["x-visible-to-if-dashed"]})["x-visible-to"]
            kept = [
                e
                for e in kept
                if not e.get("dashes")
                or any(
                    in_audience(user, audience, i, subject, mentees)
                    for i in introductions
                    if (i["introduce"], i["to"]) == (e["from"], e["to"])
                )
            ]
        return [expected(item, v, user, subject, mentees, introductions) for v in kept]
    return full


def as_admin_would_ask(user: str, url: str) -> str:
    """The same question from admin; a mentor's recommendations always come via their own network."""
    role, person = ACCOUNTS[user]
    if role != "mentor" or not url.split("?")[0].endswith("/recommendations"):
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "via"] + [("via", person)]
    return f"{parts.path}?{urlencode(query)}"


def may_call(user: str, url: str, mentees) -> bool:
    role, person = ACCOUNTS[user]
    if role not in SPEC["paths"][spec_path(url)]["get"]["x-roles"]:
        return False
    if url.split("?")[0].endswith("/recommendations") and role == "mentor":
        return subject_of(url) in mentees.get(person, set())
    return True


def check_answer(browser, admin, user: str, url: str, mentees) -> dict:
    """Assert ``user``'s answer to ``url`` is exactly what the description lets them see; return it."""
    response = browser.get(url)
    if not may_call(user, url, mentees):
        assert response.status_code == 403, response.data[:300]
        return {}
    assert response.status_code == 200, response.data[:300]
    full = admin.get(as_admin_would_ask(user, url))
    assert full.status_code == 200, full.data[:300]
    introductions = admin.get("/api/introductions").json["introductions"] if "/network" in url else []
    schema = response_schema("GET", spec_path(url), 200)
    assert response.json == expected(schema, full.json, user, subject_of(url), mentees, introductions)
    return response.json


# -- the description and the policy agree -------------------------------------------------------


def described_audiences() -> dict[tuple[str, str], tuple[str, ...]]:
    found = {}
    for name, schema in SPEC["components"]["schemas"].items():
        if "x-visible-to" in schema:
            found[name, "*"] = tuple(schema["x-visible-to"])
        for prop, node in schema.get("properties", {}).items():
            if "x-visible-to" in node:
                found[name, prop] = tuple(node["x-visible-to"])
    return found


def test_the_description_states_the_policy_table_field_by_field():
    assert described_audiences() == visibility.AUDIENCES


@pytest.mark.parametrize("schema, field", list(visibility.AUDIENCES))
def test_every_audience_names_roles_or_fields_of_its_record(schema, field):
    fields = set(SPEC["components"]["schemas"][schema]["properties"])
    for token in visibility.AUDIENCES[schema, field]:
        kind, _, name = token.partition(":")
        assert token in ROLES or token == "self" or kind in ("person", "mentor-of") and name in fields, token
    # HR sees everything but how many events two people had, which nobody but admin sees
    assert {"admin", "hr"} <= set(visibility.AUDIENCES[schema, field]) or (schema, field) == ("Tie", "counts")


@pytest.mark.parametrize("schema, field", [k for k in visibility.AUDIENCES if k[1] != "*"])
def test_a_field_that_may_be_hidden_may_be_null(schema, field):
    node = SPEC["components"]["schemas"][schema]["properties"][field]
    assert "null" in node.get("type", []) or None in node.get("enum", []), node


def test_every_get_operation_is_checked_for_every_role():
    assert {spec_path(url) for url in SAMPLES} == {p for m, p in OPERATIONS if m == "GET"} - PERSONAL


# -- real answers, across the role matrix ---------------------------------------------------------


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("url", SAMPLES)
def test_each_role_gets_exactly_the_fields_and_records_the_description_lets_it_see(
    embedded_as_user, mentees, url, user
):
    check_answer(embedded_as_user(user), embedded_as_user("admin"), user, url, mentees)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize(
    "url", ["/api/people/p084", "/api/people/p033", "/api/introductions", "/api/people/p033/network?depth=2"]
)
def test_an_introduction_added_by_hr_is_seen_as_described(writable_as, mentees, url, user):
    hr = writable_as("hr")
    assert (
        hr.post_json(
            "/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": CONFIDENTIAL}
        ).status_code
        == 201
    )
    check_answer(writable_as(user), writable_as("admin"), user, url, mentees)


# -- the rules, one by one ------------------------------------------------------------------------


@pytest.mark.parametrize("user, sees", [("admin", True), ("hr", True), ("sana", True), ("olga", False), ("vic", False)])
def test_an_hr_note_reaches_only_the_people_the_introduction_concerns(writable_as, user, sees):
    """sana makes the introduction and mentors Dana; olga and vic are not concerned."""
    writable_as("hr").post_json(
        "/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": CONFIDENTIAL}
    )
    browser = writable_as(user)
    for url in ("/api/people/p084", "/api/people/p033"):
        assert (CONFIDENTIAL in browser.get(url).get_data(as_text=True)) == sees, url


@pytest.mark.parametrize(
    "user, listed",
    [
        ("sana", {"i009", "i015", "i016", "i020"}),  # introducing sana, by her
        (
            "olga",
            {
                "i023",  # by her
                "i005",
                "i007",
                "i015",
                "i021",
                "i024",
            },
        ),  # introducing or introduced to her mentees (not i004, by one)
    ],
)
def test_a_mentor_lists_the_introductions_naming_them_or_introducing_their_mentees(as_user, user, listed):
    assert {i["id"] for i in as_user(user).get("/api/introductions").json["introductions"]} == listed


def test_hr_lists_every_introduction(as_user):
    assert len(as_user("hr").get("/api/introductions").json["introductions"]) == 25


def test_a_mentor_asking_for_someone_elses_introductions_gets_only_those_they_may_see(as_user):
    assert as_user("olga").get("/api/introductions?person=p084").json["introductions"] == []
    assert {i["id"] for i in as_user("olga").get("/api/introductions?person=p109").json["introductions"]} == {"i005"}


@pytest.mark.parametrize(
    "user, shown", [("admin", True), ("hr", True), ("sana", True), ("olga", False), ("vic", False)]
)
def test_the_person_page_lists_only_the_introductions_the_account_may_see(as_user, user, shown):
    page = as_user(user).get("/people/p084").get_data(as_text=True)
    assert ("Sana Saleh introduces Mateus Pillai to Rania Farooq" in re.sub(r"<[^>]+>", "", page)) == shown
    assert ('title="i' in page) == shown  # the introduction's id only in a tooltip


def test_the_introductions_page_lists_a_mentors_visible_introductions_and_offers_updates_only_on_their_own(as_user):
    page = as_user("olga").get("/introductions").get_data(as_text=True)
    assert 'data-introduction="i005"' in page and 'data-introduction="i004"' not in page
    assert 'data-introduction="i016"' not in page
    assert page.count('action="/introductions/') == 1  # i023, the one olga made


#: the introductions among the people within two links of p054 (olga's mentee): from introduce to to
I007, I024, I015, I023, I019, I025 = (
    ("p056", "p054"),
    ("p062", "p054"),
    ("p013", "p083"),
    ("p127", "p126"),
    ("p150", "p146"),
    ("p147", "p143"),
)


@pytest.mark.parametrize(
    "user, edges",
    [
        ("admin", {I007, I024, I015, I023, I019, I025}),
        ("hr", {I007, I024, I015, I023, I019, I025}),
        (
            "olga",
            {
                I007,
                I024,  # introducing someone to her mentee p054
                I015,  # introducing her mentee p013
                I023,
            },
        ),  # made by her
        ("sana", {I015}),  # made by her
        ("vic", set()),
    ],
)
def test_the_explorer_draws_only_the_introductions_the_account_may_see(as_user, user, edges):
    drawn = as_user(user).get("/api/people/p054/network?depth=2").json["edges"]
    assert {(e["from"], e["to"]) for e in drawn if e.get("dashes")} == edges


def test_the_explorer_still_draws_every_other_link_for_a_viewer(as_user):
    full = as_user("admin").get("/api/people/p054/network?depth=2").json
    seen = as_user("vic").get("/api/people/p054/network?depth=2").json
    assert [e for e in full["edges"] if not e.get("dashes")] == seen["edges"]
    assert full["nodes"] == seen["nodes"]


def test_a_mentor_cannot_tell_an_introduction_they_may_not_see_from_one_that_does_not_exist(as_user):
    olga = as_user("olga")
    for hidden in ("i016", "i-none"):
        response = olga.post_json(f"/api/introductions/{hidden}", {"status": "accepted"})
        assert response.status_code == 404 and response.json["error"] == f"unknown introduction {hidden!r}"
    assert olga.post_json("/api/introductions/i005", {"status": "accepted"}).status_code == 403  # seen, not hers


@pytest.mark.parametrize("user, sees", [("admin", True), ("hr", True), ("sana", True), ("olga", False), ("vic", False)])
def test_email_location_and_joining_date_go_to_hr_admin_and_the_person_themselves(as_user, user, sees):
    record = as_user(user).get("/api/people/p009").json
    assert (record["email"], record["location"], record["joined_on"]) == (
        ("sana.saleh@northwind.example", "Berlin", "2013-07-22") if sees else (None, None, None)
    )


@pytest.mark.parametrize(
    "user, shown", [("admin", False), ("hr", False), ("sana", False), ("olga", False), ("vic", None)]
)
def test_being_closed_to_introductions_is_for_those_who_may_propose_them(as_user, user, shown):
    assert as_user(user).get("/api/people/p001").json["open_to_intros"] is shown
    assert ("closed to introductions" in as_user(user).get("/people/p001").get_data(as_text=True)) == (shown is False)


@pytest.mark.parametrize("user, sees", [("admin", True), ("hr", True), ("sana", True), ("olga", False), ("vic", False)])
def test_a_mentorships_dates_and_focus_go_to_its_two_people_and_hr(as_user, user, sees):
    mentorship = next(m for m in as_user(user).get("/api/people/p033").json["mentors"] if m["other"] == "p009")
    assert (mentorship["status"], mentorship["kind"]) == ("active", "standard")
    assert (mentorship["since"], mentorship["focus"]) == (
        ("2025-09-01", ["negotiation", "product strategy"]) if sees else (None, None)
    )


def test_a_mentor_gets_scores_and_reasons_but_not_the_scoring_components(as_user):
    for result in as_user("sana").get("/api/people/p033/recommendations").json["results"]:
        assert result["components"] is None and result["reasons"] and result["score"] > 0
    assert all(r["components"] for r in as_user("hr").get("/api/people/p033/recommendations").json["results"])
