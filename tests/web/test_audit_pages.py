"""The audit trail through the web app, on each store: who acts, which reads are recorded, /audit, erasure.

Accounts (tests/conftest.py): admin; hr; sana, a mentor who is p009; olga, a
mentor who is p125; vic, a viewer. In the demo, p136 Kamala Zhang has a high
flight risk, p012 Kofi Novak none; p065 Femi Costa has three introductions.
"""

from __future__ import annotations

import re

import pytest

from netgraph.accounts import Accounts
from netgraph.analysis import audit
from netgraph.analysis.people import profile
from netgraph.analysis.succession import coverage, pipeline, position_report
from netgraph.analysis.what_if import what_if
from netgraph.model.audit import current_actor
from netgraph.web import audit as web_audit
from tests.conftest import ACCOUNTS, PASSWORD
from tests.web.clock import clocked
from tests.web.conftest import Browser, make_app
from tests.web.test_openapi import response_schema, validator
from tests.web.test_roles import USERS


def store_of(app):
    return app.extensions["netgraph_store"]


def new_events(app, before: int) -> list[dict]:
    """The events recorded since the trail held ``before`` of them."""
    return [e for e in audit.events(store_of(app)) if e["seq"] > before]


def trail_length(app) -> int:
    anchor = store_of(app).audit_anchor()
    return anchor["count"] if anchor else 0


def reads(app, before: int) -> list[tuple[str, str, list[str]]]:
    return [
        (e["actor"], e["action"], e["entities"]) for e in new_events(app, before) if e["action"].startswith("read.")
    ]


# -- who acts ----------------------------------------------------------------------------------------


def test_a_web_write_records_the_account_and_the_request_leaves_no_actor_behind(writable_app):
    before = trail_length(writable_app)
    sana = Browser(writable_app).login("sana")
    made = sana.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"})
    assert made.status_code == 201, made.data[:300]
    hr = Browser(writable_app).login("hr")
    assert hr.post_json(f"/api/introductions/{made.json['id']}", {"status": "made"}).status_code == 200
    written = [(e["actor"], e["action"]) for e in new_events(writable_app, before)]
    assert written == [("web:sana", "intro.propose"), ("web:hr", "intro.update")]
    assert current_actor().startswith("cli:")  # the request's account did not stay on this thread


def test_a_form_write_records_the_account_too(writable_app):
    before = trail_length(writable_app)
    hr = Browser(writable_app).login("hr")
    assert hr.post_form("/people/p078/leave", {"on": "2026-11-30"}).status_code == 302
    assert [(e["actor"], e["action"]) for e in new_events(writable_app, before)] == [("web:hr", "leave")]


# -- sensitive reads -----------------------------------------------------------------------------------


def test_a_succession_page_read_is_recorded_once_a_minute_per_account(app):
    clock = clocked(app)
    before = trail_length(app)
    hr, admin = Browser(app).login("hr"), Browser(app).login("admin")
    for _ in range(3):
        assert hr.get("/succession").status_code == 200
    assert reads(app, before) == [("web:hr", "read.succession", ["page:/succession"])]
    assert admin.get("/succession").status_code == 200  # another account: its own event
    assert hr.get("/api/succession").status_code == 200  # another page: its own event
    assert len(reads(app, before)) == 3
    clock.advance(59)
    hr.get("/succession")
    assert len(reads(app, before)) == 3
    clock.advance(1)  # a minute after the one recorded
    hr.get("/succession")
    assert reads(app, before)[-1] == ("web:hr", "read.succession", ["page:/succession"])
    assert len(reads(app, before)) == 4


def test_the_same_page_about_other_people_is_another_read(app):
    clocked(app)
    before = trail_length(app)
    hr = Browser(app).login("hr")
    for leavers in (["p099"], ["p078"], ["p099"]):
        assert hr.post_json("/api/succession/what-if", {"leavers": leavers}).status_code == 200
    assert reads(app, before) == [
        ("web:hr", "read.what_if", ["person:p099"]),
        ("web:hr", "read.what_if", ["person:p078"]),
    ]


def incumbent_with_flight_risk(app) -> tuple[str, str]:
    """(position, person): a position held by someone with a flight risk."""
    store = store_of(app)
    for row in coverage(store)["positions"]:
        report = position_report(store, row["id"])
        for held in report["incumbent_details"]:
            if held["flight_risk"]:
                return row["id"], held["person"]
    raise AssertionError("the demo has no incumbent with a flight risk")


@pytest.mark.parametrize(
    "method, url, body, action, entities",
    [
        ("GET", "/succession?org_unit=u-sales", None, "read.succession", ["org_unit:u-sales", "page:/succession"]),
        ("GET", "/succession.csv", None, "read.succession", ["page:/succession.csv"]),
        ("GET", "/api/succession", None, "read.succession", ["page:/api/succession"]),
        ("GET", "/succession/positions/pos-head-sales", None, "read.position", ["position:pos-head-sales"]),
        ("GET", "/api/succession/positions/pos-head-sales", None, "read.position", ["position:pos-head-sales"]),
        ("GET", "/api/succession/pipeline", None, "read.pipeline", ["page:/api/succession/pipeline"]),
        (
            "GET",
            "/api/succession/pipeline?position=pos-principal-platform",
            None,
            "read.pipeline",
            ["page:/api/succession/pipeline", "position:pos-principal-platform"],
        ),
        (
            "POST",
            "/api/succession/what-if",
            {"leavers": ["p099", "p078"]},
            "read.what_if",
            ["person:p078", "person:p099"],
        ),
        (
            "FORM",
            "/succession/what-if",
            {"leavers": "p099, p078", "promote": "1"},
            "read.what_if",
            ["person:p078", "person:p099"],
        ),
        ("GET", "/people/p136", None, "read.flight_risk", ["person:p136"]),
        ("GET", "/api/people/p136", None, "read.flight_risk", ["person:p136"]),
    ],
)
@pytest.mark.parametrize("user", ["hr", "admin"])
def test_each_sensitive_read_is_recorded_with_what_was_read(app, user, method, url, body, action, entities):
    before = trail_length(app)
    browser = Browser(app).login(user)
    response = (
        browser.get(url)
        if method == "GET"
        else browser.post_json(url, body)
        if method == "POST"
        else browser.post_form(url, body)
    )
    assert response.status_code == 200, response.data[:300]
    assert reads(app, before) == [(f"web:{user}", action, entities)]
    assert new_events(app, before)[0]["changes"] == []


def test_a_position_read_names_the_incumbents_whose_flight_risk_it_shows(app):
    position, person = incumbent_with_flight_risk(app)
    before = trail_length(app)
    Browser(app).login("hr").get(f"/succession/positions/{position}")
    assert reads(app, before) == [("web:hr", "read.position", [f"person:{person}", f"position:{position}"])]


@pytest.mark.parametrize(
    "user, url",
    [
        ("hr", "/people/p012"),  # no flight risk to show
        ("hr", "/api/people/p012"),
        ("vic", "/people/p136"),  # a flight risk, hidden from a viewer
        ("vic", "/api/people/p136"),
        ("sana", "/api/people/p136"),
        ("hr", "/succession/what-if"),  # the form, nothing asked yet
        ("hr", "/search"),
        ("hr", "/programme"),
    ],
)
def test_answers_without_succession_plans_or_a_flight_risk_are_not_recorded(app, user, url):
    before = trail_length(app)
    assert Browser(app).login(user).get(url).status_code == 200
    assert new_events(app, before) == []


def test_a_refused_or_failed_read_is_not_recorded(app):
    before = trail_length(app)
    assert Browser(app).login("vic").get("/succession").status_code == 403
    hr = Browser(app).login("hr")
    assert hr.get("/api/succession/positions/pos-none").status_code == 404
    assert hr.post_json("/api/succession/what-if", {"leavers": []}).status_code == 422
    assert new_events(app, before) == []


def test_reads_through_the_analysis_functions_as_the_cli_makes_them_record_nothing(app):
    store, before = store_of(app), trail_length(app)
    coverage(store)
    position_report(store, "pos-head-sales")
    pipeline(store)
    what_if(store, ["p099"], promote=True)
    assert profile(store, "p136")["flight_risk"] == "high"
    assert new_events(app, before) == []


def test_the_read_log_keeps_only_the_last_minute_and_forgets_an_erased_person():
    log = web_audit.ReadLog()
    assert log.claim(("hr", "/people/p4", ("person:p4",)), 0.0)
    assert not log.claim(("hr", "/people/p4", ("person:p4",)), 10.0)
    log.release(("hr", "/people/p4", ("person:p4",)), 0.0)  # the event could not be written: try again
    assert log.claim(("hr", "/people/p4", ("person:p4",)), 10.0)
    log.claim(("hr", "/succession", ("page:/succession",)), 20.0)
    log.forget("p4")
    assert log.claim(("hr", "/people/p4", ("person:p4",)), 21.0)
    assert not log.claim(("hr", "/succession", ("page:/succession",)), 21.0)
    log.claim(("vic", "/x", ()), 200.0)  # every entry older than a minute goes
    assert len(log._last) == 1


# -- the audit page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("user", USERS)
def test_only_admin_may_read_the_trail(app, user):
    browser = Browser(app).login(user)
    expected = 200 if user == "admin" else 403
    assert browser.get("/audit").status_code == expected
    assert browser.get("/api/audit").status_code == expected


def test_anonymous_visitors_are_sent_to_log_in_for_the_trail(app):
    client = app.test_client()
    assert client.get("/audit").status_code == 302
    assert client.get("/api/audit").status_code == 401


def test_the_nav_links_to_the_audit_page_for_admin_only(app):
    assert 'href="/audit"' in Browser(app).login("admin").get("/").get_data(as_text=True)
    assert 'href="/audit"' not in Browser(app).login("hr").get("/").get_data(as_text=True)


def test_the_page_shows_that_the_trail_verifies_and_the_events_newest_first(writable_app):
    hr = Browser(writable_app).login("hr")
    hr.get("/api/people/p136")
    hr.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": "pricing"})
    admin = Browser(writable_app).login("admin")
    page = admin.get("/audit").get_data(as_text=True)
    count = trail_length(writable_app)
    assert f"The trail verifies: {count} events, chain and anchor intact." in page
    assert f"Showing 1–{count} of {count} events, newest first, at most 500 a page." in page
    seqs = [int(s) for s in re.findall(r'<tr data-seq="(\d+)"', page)]
    assert seqs == list(range(count, 0, -1))
    newest = page.split('<tr data-seq="')[1]
    assert "web:hr" in newest and "intro.propose" in newest and "person:p033" in newest
    assert re.search(r"introduction:\S+ status: none → proposed", newest)
    assert "read.flight_risk" in page.split('<tr data-seq="')[2]


def test_the_page_shows_the_anchor_to_copy_as_the_cli_prints_it(writable_app):
    admin = Browser(writable_app).login("admin")
    page = admin.get("/audit").get_data(as_text=True)
    token = audit.report(store_of(writable_app))["anchor"]["token"]
    assert f'id="anchor" class="anchor-token" value="{token}" readonly' in page
    assert admin.get("/api/audit").json["anchor"] == token
    assert "Not keyed." in page and admin.get("/api/audit").json["keyed_from"] is None


def test_no_anchor_is_offered_for_a_trail_that_does_not_verify(writable_app):
    store = store_of(writable_app)
    events = store.audit_events()
    store.replace_audit_events([{**events[-1], "action": "read.nothing"}])
    answer = Browser(writable_app).login("admin").get("/api/audit").json
    assert answer["verifies"] is False and answer["anchor"] is None


def test_the_filters_work_as_in_the_cli(writable_app):
    hr = Browser(writable_app).login("hr")
    hr.get("/api/people/p136")
    hr.get("/succession")
    hr.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"})
    admin = Browser(writable_app).login("admin")
    admin.get("/api/people/p065")

    def answer(query: str) -> dict:
        response = admin.get(f"/api/audit?{query}")
        assert response.status_code == 200, response.data[:300]
        validator(response_schema("GET", "/api/audit", 200))(response.json)
        return response.json

    found = answer("action=read")
    assert [e["action"] for e in found["events"]] == ["read.flight_risk", "read.succession", "read.flight_risk"]
    assert found["filters"] == {"since": None, "actor": None, "entity": None, "action": "read"}
    assert [e["actor"] for e in answer("actor=web:hr")["events"]] == ["web:hr"] * 3
    assert {e["action"] for e in answer("entity=p136")["events"]} >= {"read.flight_risk"}
    assert all(
        "person:p136" in e["entities"] or any("p136" in (x or "") for x in e["entities"])
        for e in answer("entity=person:p136")["events"]
    )
    assert answer("action=intro")["events"][0]["actor"] == "web:hr"
    assert answer("since=2999-01-01")["total"] == 0
    assert answer("since=2000-01-01")["total"] == trail_length(writable_app)
    page = admin.get("/audit?actor=web:hr&action=read").get_data(as_text=True)
    assert page.count('<tr data-seq="') == 2 and 'value="web:hr"' in page
    assert "Showing 1–2 of 2 events matching the filters" in page


def test_a_bad_filter_is_a_422_naming_it(app):
    admin = Browser(app).login("admin")
    for query, field in (("since=yesterday", "since"), ("page=0", "page"), ("page=two", "page")):
        response = admin.get(f"/api/audit?{query}")
        assert response.status_code == 422 and response.json["problems"][0]["field"] == field
        assert admin.get(f"/audit?{query}").status_code == 422


def test_the_trail_is_shown_a_page_at_a_time(app, monkeypatch):
    monkeypatch.setattr(web_audit, "PER_PAGE", 2)
    hr = Browser(app).login("hr")
    for person in ("p136", "p065", "p084"):
        hr.get(f"/api/people/{person}")
    admin = Browser(app).login("admin")
    total = len(audit.events(store_of(app)))
    first = admin.get("/api/audit").json
    second = admin.get("/api/audit?page=2").json
    assert (first["first"], first["last"], first["total"]) == (1, 2, total)
    assert (second["first"], second["last"]) == (3, 4)
    assert [e["seq"] for e in first["events"] + second["events"]] == list(range(total, total - 4, -1))
    page = admin.get("/audit?page=2&action=read").get_data(as_text=True)
    assert "Showing 3–" in page and "← newer" in page and "action=read" in page
    beyond = admin.get("/api/audit?page=9999").json
    assert beyond["events"] == [] and beyond["first"] == 0


def test_a_broken_trail_is_shown_as_such(writable_app):
    store = store_of(writable_app)
    Browser(writable_app).login("hr").get("/api/people/p136")
    events = store.audit_events()
    tampered = {**events[-1], "action": "read.nothing"}
    store.replace_audit_events([tampered])
    admin = Browser(writable_app).login("admin")
    page = admin.get("/audit").get_data(as_text=True)
    assert "The trail does not verify:" in page and f"event {len(events)} was edited" in page
    answer = admin.get("/api/audit").json
    assert answer["verifies"] is False and f"event {len(events)}" in answer["problem"]


# -- erasure ------------------------------------------------------------------------------------------


def test_the_confirmation_page_says_what_will_be_removed(app):
    admin = Browser(app).login("admin")
    page = admin.get("/people/p065/erase").get_data(as_text=True)
    assert "<h1>Erase Femi Costa</h1>" in page
    assert "introductions naming them: 3;" in page
    assert re.search(r"people linked \(KNOWS or MENTORS\) \d+", page)
    assert 'name="reason"' in page and "required" in page and "Confirm: erase Femi Costa" in page
    assert 'web accounts linked to them: <span class="muted">none</span>' in page
    assert "web accounts linked to them: sana;" in admin.get("/people/p009/erase").get_data(as_text=True)
    assert admin.get("/people/p-none/erase").status_code == 404
    assert Browser(app).login("hr").get("/people/p065/erase").status_code == 403


def test_the_person_page_links_to_erasure_for_admin_only(app):
    assert 'href="/people/p065/erase"' in Browser(app).login("admin").get("/people/p065").get_data(as_text=True)
    assert 'href="/people/p065/erase"' not in Browser(app).login("hr").get("/people/p065").get_data(as_text=True)


def test_admin_erases_through_the_form_and_the_trail_still_verifies(writable_app):
    store = store_of(writable_app)
    Browser(writable_app).login("hr").get("/api/people/p065")  # a read naming Femi, to be redacted
    admin = Browser(writable_app).login("admin")
    response = admin.post_form("/people/p065/erase", {"reason": "request 2026-12-01 from Femi Costa"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = admin.get("/").get_data(as_text=True)
    assert re.search(r"erased: [1-9]\d* audit events redacted, 0 accounts removed", home)
    assert admin.get("/people/p065").status_code == 404
    assert admin.get("/api/people/p065").status_code == 404
    assert audit.check(store) is None
    page = admin.get("/audit").get_data(as_text=True)
    assert "The trail verifies" in page and "[erased]" in page
    assert "Femi Costa" not in page and "p065" not in page and "femi.costa" not in page
    erasures = admin.get("/audit?action=erase").get_data(as_text=True)  # the home's read came after it
    newest = erasures.split('<tr data-seq="')[1]
    assert "web:admin" in newest and ">erase<" in newest and "request 2026-12-01 from [erased]" in newest
    read = next(e for e in admin.get("/api/audit?action=read.flight_risk").json["events"])
    assert read["entities"] == [None] and read["redacted"] == ["entities.0"]


def test_admin_erases_through_the_api(writable_app):
    admin = Browser(writable_app).login("admin")
    response = admin.post_json("/api/people/p084/erase", {"reason": "request 2026-12-02"})
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", "/api/people/{person}/erase", 200))(response.json)
    assert response.json["erased"] is True and response.json["accounts_removed"] == 0
    assert admin.get("/api/people/p084").status_code == 404
    assert audit.check(store_of(writable_app)) is None
    erased = admin.get("/api/audit?action=erase").json["events"]
    assert [(e["actor"], e["entities"], e["note"]) for e in erased] == [("web:admin", [], "request 2026-12-02")]
    assert admin.post_json("/api/people/p084/erase", {"reason": "again"}).status_code == 404


def test_erasure_needs_admin_a_reason_and_the_csrf_token(writable_app):
    hr = Browser(writable_app).login("hr")
    assert hr.post_json("/api/people/p065/erase", {"reason": "x"}).status_code == 403
    assert hr.post_form("/people/p065/erase", {"reason": "x"}).status_code == 403
    admin = Browser(writable_app).login("admin")
    assert admin.client.post("/api/people/p065/erase", json={"reason": "x"}).status_code == 400
    assert admin.client.post("/people/p065/erase", data={"reason": "x"}).status_code == 400
    for body in ({}, {"reason": ""}, {"reason": "   "}, {"reason": 5}):
        response = admin.post_json("/api/people/p065/erase", body)
        assert response.status_code == 422 and response.json["problems"][0]["field"] == "reason", body
    assert admin.post_form("/people/p065/erase", {"reason": ""}).status_code == 422
    assert admin.get("/api/people/p065").status_code == 200  # still there
    assert not [e for e in audit.events(store_of(writable_app)) if e["action"] == "erase"]


def test_erasure_removes_the_accounts_linked_to_the_person(store, demo_document, tmp_path):
    from netgraph.io.importer import import_document

    import_document(store, demo_document)
    users = tmp_path / "users.json"
    book = Accounts(users)
    for name, (role, person) in ACCOUNTS.items():
        book.add(name, PASSWORD, role=role, person=person)
    app = make_app(store, users)
    olga = Browser(app).login("olga")
    page = Browser(app).login("admin").get("/people/p125/erase").get_data(as_text=True)
    assert "web accounts linked to them: olga;" in page
    done = Browser(app).login("admin").post_json("/api/people/p125/erase", {"reason": "left, asked to be forgotten"})
    assert done.json == {
        "erased": True,
        "audit_events_redacted": done.json["audit_events_redacted"],
        "accounts_removed": 1,
    }
    assert Accounts(users).get("olga") is None
    assert olga.get("/api/people/p009").status_code == 401  # her session ended with her account
