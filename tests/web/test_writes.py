"""Pages and API endpoints that change the graph, on a fresh copy of the demo on each store."""

from __future__ import annotations

from netgraph.io.importer import import_document


def test_a_mentor_proposes_from_the_person_page_and_sees_it_listed(writable_as):
    sana = writable_as("sana")
    response = sana.post_form("/introductions", {"by": "p009", "introduce": "p033", "to": "p084", "note": "pricing"})
    assert response.status_code == 302
    listed = sana.get("/api/introductions?status=proposed").json["introductions"]
    assert any(i["introduce"] == "p033" and i["to"] == "p084" for i in listed)


def test_a_mentor_cannot_propose_for_someone_else(writable_as):
    response = writable_as("olga").post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"})
    assert response.status_code == 403


def test_a_mentor_proposing_a_pair_introduced_out_of_her_sight_is_answered_as_for_any_pair(writable_as):
    """i003 (p008 introduces p065 to p010) is hidden from sana, who knows both: a 409 saying "already
    introduced" would confirm it. She is answered as for any pair she may propose."""
    sana = writable_as("sana")
    assert not any(i["id"] == "i003" for i in sana.get("/api/introductions").json["introductions"])
    made = sana.post_json("/api/introductions", {"by": "p009", "introduce": "p065", "to": "p010"})
    assert made.status_code == 201 and (made.json["by"], made.json["introduce"], made.json["to"]) == (
        "p009",
        "p065",
        "p010",
    )


def test_hr_proposing_a_pair_already_introduced_is_told_so(writable_as):
    refused = writable_as("hr").post_json("/api/introductions", {"by": "p009", "introduce": "p065", "to": "p010"})
    assert refused.status_code == 409 and "already introduced" in refused.json["error"]


def test_hr_moves_an_introduction_on_and_rates_it(writable_as):
    hr = writable_as("hr")
    made = hr.post_json("/api/introductions", {"by": "p009", "introduce": "p033", "to": "p084"})
    assert made.status_code == 201
    intro = made.json["id"]
    for status in ("made", "accepted", "met"):
        assert hr.post_json(f"/api/introductions/{intro}", {"status": status}).json["status"] == status
    assert hr.post_json(f"/api/introductions/{intro}", {"outcome": 5}).json["outcome"] == 5


def test_an_illegal_transition_is_a_409_and_changes_nothing(writable_as):
    hr = writable_as("hr")
    response = hr.post_json("/api/introductions/i004", {"status": "made"})
    assert response.status_code == 409 and "declined" in response.json["error"]
    assert hr.get("/api/introductions?status=declined").json["introductions"][-1]["status"] == "declined"


def test_a_person_named_like_html_is_shown_as_text(store, demo_document, accounts_file):
    from tests.web.conftest import Browser, make_app

    evil = "<img src=x onerror=alert(1)>"
    document = {**demo_document, "people": demo_document["people"] + [{"id": "p-evil", "name": evil, "level": 3}]}
    import_document(store, document)
    browser = Browser(make_app(store, accounts_file)).login("hr")
    for url in ("/people/p-evil", "/?q=onerror"):
        page = browser.get(url).data.decode()
        assert evil not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_rating_that_is_not_a_number_is_refused_clearly(writable_as):
    hr = writable_as("hr")
    met = next(i for i in hr.get("/api/introductions?status=met").json["introductions"])
    for outcome in ("great", 4.5, True):
        response = hr.post_json(f"/api/introductions/{met['id']}", {"outcome": outcome})
        assert response.status_code == 422 and response.json["problems"][0]["field"] == "outcome"
    assert hr.post_form(f"/introductions/{met['id']}", {"outcome": "great"}).status_code == 422
