"""``/api/ties/<a>/<b>``: a tie's provenance for everyone who may explore; event counts for admin alone."""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.ties import ingest
from tests.web.conftest import Browser, make_app

EVENTS = (
    "timestamp,channel,sender,participants\n"
    "2026-11-02T09:00:00Z,meeting,p033,p033;p065\n"
    "2026-11-09T09:00:00Z,email,p033,p065\n"
)


@pytest.fixture
def tie_app(store, demo_document, accounts_file, tmp_path):
    from netgraph.io.importer import import_document

    import_document(store, demo_document)
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, "utf-8")
    ingest(store, [path], as_of=date(2026, 11, 9))
    return make_app(store, accounts_file)


@pytest.mark.parametrize("account", ["vic", "sana", "hr"])
def test_every_role_sees_where_a_tie_comes_from_but_not_the_counts(tie_app, account):
    tie = Browser(tie_app).login(account).get("/api/ties/p065/p033").get_json()
    assert tie["sources"] == ["interactions"] and tie["last_seen"] == "2026-11-09"
    assert tie["first_seen"] == "2026-11-02" and tie["counts"] is None


@pytest.mark.parametrize("account", ["vic", "sana", "hr"])
def test_other_roles_get_strengths_from_evidence_to_one_decimal_that_do_not_give_the_counts_back(tie_app, account):
    exact = Browser(tie_app).login("admin").get("/api/ties/p033/p065").get_json()
    tie = Browser(tie_app).login(account).get("/api/ties/p033/p065").get_json()
    assert exact["evidence_strength"] != round(exact["evidence_strength"], 1)
    assert tie["evidence_strength"] == round(exact["evidence_strength"], 1)
    assert tie["strength"] == round(exact["strength"], 1)


@pytest.mark.parametrize("account", ["vic", "sana", "hr"])
def test_other_roles_see_the_explorers_strengths_from_evidence_to_one_decimal(tie_app, account):
    def drawn(who) -> float:
        """The line's width, which the explorer draws from the strength (1 + 4 * strength)."""
        edges = Browser(tie_app).login(who).get("/api/people/p033/network").get_json()["edges"]
        return next(e for e in edges if {e["from"], e["to"]} == {"p033", "p065"} and e["id"].startswith("knows"))[
            "width"
        ]

    exact = (drawn("admin") - 1) / 4
    assert exact != round(exact, 1) and drawn(account) == pytest.approx(1 + 4 * round(exact, 1))


def test_admin_alone_sees_how_many_events_by_channel_and_the_read_is_audited(tie_app, store):
    before = store.stats()["audit"]["events"]
    tie = Browser(tie_app).login("admin").get("/api/ties/p033/p065").get_json()
    assert tie["counts"] == {"email": 1, "meeting": 1}
    assert store.audit_events()[-1]["action"] == "read.tie_counts" and store.stats()["audit"]["events"] == before + 1


def test_a_pair_with_no_link_is_a_404(tie_app):
    assert Browser(tie_app).login("vic").get("/api/ties/p033/p999").status_code == 404


def test_a_bad_id_is_refused_with_a_422(tie_app):
    assert Browser(tie_app).login("vic").get("/api/ties/p033/bad%20id").status_code == 422


def test_logged_out_is_a_401(tie_app):
    assert tie_app.test_client().get("/api/ties/p033/p065", headers={"Accept": "application/json"}).status_code == 401
