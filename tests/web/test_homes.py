"""Each account lands on its own home (web/home.py): a mentor on their mentees, HR on gaps and changes,
a person on their own mentors and warm paths, admin on the HR home with admin links; JSON at /api/home.

Accounts: those of tests/conftest.py (sana mentors p033 Dana Okafor; vic is linked to no one), plus
``vera``, a viewer who is p033 Dana Okafor herself, and ``mia``, a mentor who is p001 and mentors no one.
"""

from __future__ import annotations

import shutil

import pytest

from netgraph.accounts import Accounts
from tests.conftest import PASSWORD
from tests.web.conftest import Browser, make_app
from tests.web.one_store import embedded_demo_store, embedded_store, same_answers  # noqa: F401 (one store)
from tests.web.test_openapi import response_schema, validator

#: accounts these tests add to the shared accounts file: name -> (role, person)
MORE_ACCOUNTS = {"vera": ("viewer", "p033"), "mia": ("mentor", "p001")}


@pytest.fixture(scope="session")
def more_accounts(accounts_file):
    """The shared accounts file, with vera and mia too (added once; the other tests do not list them)."""
    book = Accounts(accounts_file)
    for name, (role, person) in MORE_ACCOUNTS.items():
        if book.get(name) is None:
            book.add(name, PASSWORD, role=role, person=person)
    return accounts_file


@pytest.fixture
def home_of(app, more_accounts):
    """name -> (the logged-in Browser, its /api/home answer)."""

    def home(name):
        browser = Browser(app).login(name)
        answer = browser.get("/api/home")
        assert answer.status_code == 200, answer.data[:300]
        return browser, answer.json

    return home


@pytest.fixture
def writable_home_of(store, demo_document, more_accounts, tmp_path):
    """As ``home_of``, on a fresh copy of the demo organisation and of the accounts (so no visit is left
    from another test)."""
    from netgraph.io.importer import import_document

    import_document(store, demo_document)
    accounts = tmp_path / "users.json"
    shutil.copy(more_accounts, accounts)
    app = make_app(store, accounts)

    def home(name):
        browser = Browser(app).login(name)
        return browser, browser.get("/api/home").json

    return home


# -- which home ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user, kind",
    [
        ("admin", "admin"),
        ("hr", "hr"),
        ("sana", "mentor"),
        ("olga", "mentor"),
        ("vera", "self"),
        ("mia", "self"),
        ("vic", "search"),
    ],
)
def test_each_account_gets_the_home_of_its_role_and_person(home_of, user, kind):
    _, answer = home_of(user)
    assert answer["kind"] == kind
    assert answer["account"]["name"] == user


@pytest.mark.parametrize("user", ["admin", "hr", "sana", "olga", "vera", "mia", "vic"])
def test_every_home_answer_matches_its_description(home_of, user):
    validator(response_schema("GET", "/api/home", 200))(home_of(user)[1])


@pytest.mark.parametrize("user", ["admin", "hr", "sana", "vera", "vic"])
def test_every_home_page_offers_the_name_search(home_of, user):
    page = home_of(user)[0].get("/").get_data(as_text=True)
    assert 'class="inline search"' in page and 'action="/search"' in page and "search.js" in page


def test_the_name_search_answers_at_search_and_still_at_the_root_with_a_query(as_user):
    vic = as_user("vic")
    for url in ("/search?q=okafor", "/?q=okafor"):
        page = vic.get(url).get_data(as_text=True)
        assert 'href="/people/p033"' in page and "Dana Okafor" in page


def test_the_home_is_for_logged_in_accounts_only(app):
    assert app.test_client().get("/api/home").status_code == 401
    assert "/login" in app.test_client().get("/").headers["Location"]


# -- a mentor ----------------------------------------------------------------------------------------


def test_a_mentor_lands_on_each_mentee_with_their_top_recommendation_from_the_mentors_network(home_of):
    _, answer = home_of("sana")
    assert [m["person"] for m in answer["mentees"]] == ["p033"]
    top = answer["mentees"][0]["top_recommendation"]
    assert top["introducer"] == "p009" and top["path"][0] == "p033"
    assert top["components"] is None  # as on the person page: a mentor gets the score and the reasons


def test_a_mentors_top_recommendation_is_the_first_of_the_person_pages_list(home_of, as_user):
    _, answer = home_of("sana")
    listed = as_user("sana").get("/api/people/p033/recommendations").json["results"]
    assert answer["mentees"][0]["top_recommendation"] == listed[0]


def test_a_mentor_with_many_mentees_gets_each_of_them(home_of):
    _, answer = home_of("olga")
    assert {m["person"] for m in answer["mentees"]} == {"p013", "p036", "p054", "p066", "p109", "p139"}


def test_a_mentors_other_open_introductions_are_listed_apart(home_of):
    _, answer = home_of("sana")
    assert {i["id"] for i in answer["also_waiting"]} == {"i016", "i020"}  # made by sana, introducing p084
    assert answer["mentees"][0]["waiting"] == [] and answer["mentees"][0]["cohort_proposals"] == []


def test_a_cohort_runs_proposals_are_shown_apart_from_what_the_mentor_proposed(writable_home_of):
    hr, _ = writable_home_of("hr")
    run = hr.post_json(
        "/api/programme/cohort/propose", {"rows": [{"person": "p033", "candidate": "p083", "introducer": "p009"}]}
    )
    assert run.status_code == 200 and len(run.json["proposed"]) == 1, run.json
    sana, _ = writable_home_of("sana")
    own = sana.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p008"})
    assert own.status_code == 201
    dana = sana.get("/api/home").json["mentees"][0]
    assert [i["id"] for i in dana["cohort_proposals"]] == [run.json["proposed"][0]["id"]]
    assert [i["id"] for i in dana["waiting"]] == [own.json["id"]]
    page = sana.get("/").get_data(as_text=True)
    assert "Proposed by the programme" in page and "Kamala Berg" in page and "Dilnoza Jansen" in page


def test_an_introduction_moved_on_still_waits_on_the_mentor_until_it_is_met(writable_home_of):
    sana, _ = writable_home_of("sana")
    made = sana.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p008"}).json
    sana.post_json(f"/api/introductions/{made['id']}", {"status": "made"})
    assert [i["status"] for i in sana.get("/api/home").json["mentees"][0]["waiting"]] == ["made"]
    for status in ("accepted", "met"):
        sana.post_json(f"/api/introductions/{made['id']}", {"status": status})
    assert sana.get("/api/home").json["mentees"][0]["waiting"] == []


# -- HR and admin --------------------------------------------------------------------------------------


def test_hr_lands_on_the_worst_gaps_of_the_coverage_report(home_of, as_user):
    _, answer = home_of("hr")
    report = as_user("hr").get("/api/succession").json["positions"]
    not_covered = [p["id"] for p in report if p["status"] != "covered"]
    assert [p["id"] for p in answer["gaps"]["positions"]] == not_covered[:5]
    assert answer["gaps"]["open"] == len(not_covered)
    assert answer["gaps"]["positions"][0]["critical"] is True


def test_the_first_visit_shows_the_last_week_of_changes(writable_home_of):
    _, answer = writable_home_of("hr")
    assert answer["changes"]["first_visit"] is True
    assert [e["action"] for e in answer["changes"]["events"]] == ["import"]


def test_hr_sees_what_changed_since_their_last_visit_and_nothing_before(writable_home_of):
    writable_home_of("hr")  # the first visit, in a session of its own
    admin, _ = writable_home_of("admin")
    assert admin.post_json("/api/people/p033/open-to-intros", {"open_to_intros": False}).status_code == 200
    _, answer = writable_home_of("hr")  # a new session: a new visit
    changes = answer["changes"]
    assert changes["first_visit"] is False
    assert [e["action"] for e in changes["events"]] == ["person.open_to_intros"]
    assert changes["events"][0]["entities"] == [{"kind": "person", "id": "p033", "name": "Dana Okafor"}]
    assert changes["by_action"] == [{"action": "person.open_to_intros", "count": 1}]


def test_reloading_the_home_in_the_same_session_keeps_showing_the_changes(writable_home_of):
    writable_home_of("hr")
    admin, _ = writable_home_of("admin")
    admin.post_json("/api/people/p033/open-to-intros", {"open_to_intros": False})
    hr, first = writable_home_of("hr")
    again = hr.get("/api/home").json
    assert again["changes"] == first["changes"] and again["changes"]["total"] == 1


def test_the_last_visit_is_kept_per_account(writable_home_of):
    writable_home_of("hr")
    _, admin = writable_home_of("admin")
    assert admin["changes"]["first_visit"] is True


def test_hr_changes_name_neither_who_nor_values_nor_reads(writable_home_of):
    writable_home_of("hr")
    admin, _ = writable_home_of("admin")
    admin.get("/api/people/p136")  # a read of a flight risk: recorded, but not a change
    admin.post_json("/api/people/p033/open-to-intros", {"open_to_intros": False})
    _, answer = writable_home_of("hr")
    text = str(answer["changes"]["events"]) + str(answer["changes"]["by_action"])
    assert "read." not in text and "web:admin" not in text and "False" not in text
    assert all(set(e) == {"at", "action", "entities"} for e in answer["changes"]["events"])


def test_the_hr_home_records_its_gaps_as_a_succession_read(writable_home_of):
    hr, _ = writable_home_of("hr")
    admin, _ = writable_home_of("admin")
    reads = admin.get("/api/audit?action=read.succession").json["events"]
    assert [(e["actor"], e["entities"]) for e in reads] == [
        ("web:admin", ["page:/api/home"]),
        ("web:hr", ["page:/api/home"]),
    ]


def test_other_homes_record_no_read(writable_home_of):
    for name in ("sana", "vera", "vic"):
        writable_home_of(name)[0].get("/")
    admin, _ = writable_home_of("admin")  # admin's own home is a read
    assert {e["actor"] for e in admin.get("/api/audit?action=read").json["events"]} == {"web:admin"}


def test_admin_lands_on_the_hr_home_with_links_to_the_audit_trail(home_of):
    browser, answer = home_of("admin")
    assert answer["gaps"] is not None and answer["changes"] is not None
    page = browser.get("/").get_data(as_text=True)
    assert 'href="/audit?since=' in page and "Worst gaps" in page


def test_hr_home_page_lists_the_gaps_with_links_to_their_positions(home_of):
    browser, answer = home_of("hr")
    page = browser.get("/").get_data(as_text=True)
    assert f'href="/succession/positions/{answer["gaps"]["positions"][0]["id"]}"' in page
    assert 'href="/audit' not in page


# -- a person's own home -------------------------------------------------------------------------------


def test_a_viewer_linked_to_a_person_lands_on_their_mentors_and_warm_paths_to_their_goals(home_of):
    _, answer = home_of("vera")
    me = answer["me"]
    assert me["person"] == "p033" and me["open_to_intros"] is True
    assert me["mentors"] == [{"person": "p009", "name": "Sana Saleh", "kind": "standard"}]
    assert [g["skill"] for g in me["growth"]] == ["negotiation", "product strategy"]
    assert all(p["people"][0] == "p033" for g in me["growth"] for p in g["paths"])
    assert me["growth"][0]["paths"]


def test_a_persons_warm_paths_are_those_of_the_paths_api(home_of, as_user):
    _, answer = home_of("vera")
    found = as_user("vic").get("/api/paths?from=p033&to_skill=negotiation").json["paths"]
    assert answer["me"]["growth"][0]["paths"] == found[:3]


def test_a_person_turns_introductions_off_from_their_home_with_the_person_pages_form(writable_home_of):
    vera, _ = writable_home_of("vera")
    page = vera.get("/").get_data(as_text=True)
    assert 'action="/people/p033/open-to-intros"' in page
    assert vera.post_form("/people/p033/open-to-intros", {"open_to_intros": "no"}).status_code == 302
    assert vera.get("/api/home").json["me"]["open_to_intros"] is False
    assert "Turn introductions on" in vera.get("/").get_data(as_text=True)


def test_a_mentor_without_mentees_gets_their_own_home(home_of):
    _, answer = home_of("mia")
    assert answer["me"]["person"] == "p001" and answer["mentees"] is None


def test_an_account_linked_to_no_one_gets_the_search_and_nothing_else(home_of):
    browser, answer = home_of("vic")
    assert {k: v for k, v in answer.items() if k not in ("kind", "account")} == dict.fromkeys(
        ("mentees", "also_waiting", "gaps", "changes", "me", "proposals", "messages")
    )
    assert "not linked to a person" in browser.get("/").get_data(as_text=True)


def test_an_account_whose_person_is_not_stored_gets_a_home_that_says_so(demo_store, accounts_file, tmp_path):
    """Linked ahead of an HR sync (``users add --person-not-yet-stored``), or the person was erased."""
    accounts = shutil.copy(accounts_file, tmp_path / "users.json")
    Accounts(accounts).add("newbie", PASSWORD, role="viewer", person="p999")
    browser = Browser(make_app(demo_store, accounts)).login("newbie")
    answer, page = browser.get("/api/home"), browser.get("/")
    assert answer.status_code == 200 and answer.json["kind"] == "missing" and answer.json["me"] is None
    assert page.status_code == 200 and "does not hold (yet)" in page.get_data(as_text=True)


@pytest.mark.neo4j
@pytest.mark.parametrize("user", sorted({"admin", "hr", "sana", "olga", "vic", *MORE_ACCOUNTS}))
def test_every_home_answers_the_same_on_neo4j(demo_pair, more_accounts, user):
    same_answers(demo_pair, more_accounts, user, ["/api/home"], normalize=_without_clock)


def _without_clock(answer: dict) -> dict:
    """The home without the start of "what changed" (a week before the request, when there was no visit)."""
    return {**answer, "changes": answer["changes"] and {**answer["changes"], "since": None}}
