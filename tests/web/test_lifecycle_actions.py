"""The lifecycle edits on the web (web/lifecycle.py): leave, rejoin, move, open to introductions,
end a mentorship, remove a KNOWS link, nominate, withdraw, change readiness, delete a position.

Each runs on a fresh copy of the demo on each store. In the demo, p009 Sana Saleh (the ``sana``
account) holds pos-principal-platform, is nominated for pos-head-platform, mentors p033 Dana Okafor
and has three introductions in flight (i009, i016, i020); pos-head-sales is held by p078 and has
two successors, p099 (ready now) and p083.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.io.importer import import_document
from netgraph.model.validate import validate
from tests.conftest import ACCOUNTS, PASSWORD
from tests.web.conftest import Browser, make_app
from tests.web.test_openapi import request_schema, response_schema, validator

#: (path in the description, url, a body that would be accepted) for every lifecycle API operation
API = [
    ("/api/people/{person}/leave", "/api/people/p009/leave", {"on": "2026-11-30"}),
    ("/api/people/{person}/rejoin", "/api/people/p009/rejoin", {}),
    ("/api/people/{person}/move", "/api/people/p033/move", {"unit": "u-platform"}),
    ("/api/mentorships/end", "/api/mentorships/end", {"mentor": "p009", "mentee": "p033", "on": "2026-11-30"}),
    ("/api/knows/remove", "/api/knows/remove", {"a": "p033", "b": "p028"}),
    (
        "/api/succession/positions/{position}/successors",
        "/api/succession/positions/pos-head-sales/successors",
        {"person": "p033", "readiness": "ready_3_plus_years"},
    ),
    (
        "/api/succession/positions/{position}/successors/{person}/withdraw",
        "/api/succession/positions/pos-head-sales/successors/p099/withdraw",
        {},
    ),
    (
        "/api/succession/positions/{position}/successors/{person}/readiness",
        "/api/succession/positions/pos-head-sales/successors/p083/readiness",
        {"readiness": "ready_now"},
    ),
    ("/api/succession/positions/{position}/delete", "/api/succession/positions/pos-head-sales/delete", {}),
]
HR_ONLY_API = [(url, body) for _, url, body in API]
OPEN_TO_INTROS = ("/api/people/p009/open-to-intros", {"open_to_intros": False})

#: (url, form) of every page form, each one that would be accepted
FORMS = [
    ("/people/p009/leave", {"on": "2026-11-30"}),
    ("/people/p009/rejoin", {}),
    ("/people/p033/move", {"unit": "u-platform"}),
    ("/people/p009/open-to-intros", {"open_to_intros": "no"}),
    ("/people/p009/open-to-mentoring", {"open_to_mentoring": "no"}),
    ("/mentorships/end", {"mentor": "p009", "mentee": "p033", "on": "2026-11-30"}),
    ("/knows/remove", {"a": "p033", "b": "p028"}),
    ("/succession/positions/pos-head-sales/successors", {"person": "p033", "readiness": "ready_now"}),
    ("/succession/positions/pos-head-sales/successors/p099/withdraw", {}),
    ("/succession/positions/pos-head-sales/successors/p083/readiness", {"readiness": "ready_now"}),
    ("/succession/positions/pos-head-sales/delete", {}),
]


def answers_as_described(response, path: str, status: int = 200) -> dict:
    """The response has ``status`` and a body matching the description of that answer; return the body."""
    assert response.status_code == status, response.data[:300]
    validator(response_schema("POST", path, status))(response.json)
    return response.json


def flashed(browser, response) -> str:
    """The page a form's redirect leads to, as text (its flash first)."""
    assert response.status_code == 302, response.data[:300]
    return browser.get(response.headers["Location"]).get_data(as_text=True)


@pytest.fixture
def dana_app(store, demo_document, tmp_path):
    """The demo on each store, with one more account: ``dana``, a viewer linked to p033 Dana Okafor."""
    from netgraph.accounts import Accounts

    import_document(store, demo_document)
    book = Accounts(tmp_path / "users.json")
    for name, (role, person) in {**ACCOUNTS, "dana": ("viewer", "p033")}.items():
        book.add(name, PASSWORD, role=role, person=person)
    return make_app(store, tmp_path / "users.json")


# -- who may, and the token every change needs -----------------------------------------------------------------


@pytest.mark.parametrize("user", ["vic", "sana", "olga"])
@pytest.mark.parametrize("url, body", HR_ONLY_API)
def test_only_hr_and_admin_may_use_the_lifecycle_api(embedded_writable_as, user, url, body):
    assert embedded_writable_as(user).post_json(url, body).status_code == 403


@pytest.mark.parametrize("user", ["vic", "sana"])
@pytest.mark.parametrize("url, form", [f for f in FORMS if "open-to-" not in f[0]])
def test_only_hr_and_admin_may_post_the_lifecycle_forms(embedded_writable_as, user, url, form):
    assert embedded_writable_as(user).post_form(url, form).status_code == 403


@pytest.mark.parametrize("user", ["vic", "sana"])
def test_the_leave_confirmation_page_is_for_hr_and_admin_only(embedded_writable_as, user):
    assert embedded_writable_as(user).get("/people/p009/leave").status_code == 403


@pytest.mark.parametrize("url, body", [*HR_ONLY_API, OPEN_TO_INTROS])
def test_an_api_change_without_the_csrf_header_is_refused_and_changes_nothing(embedded_writable_as, url, body):
    admin = embedded_writable_as("admin")
    response = admin.client.post(url, json=body)
    assert response.status_code == 400 and "CSRF" in response.json["error"]
    assert admin.get("/api/people/p009").json["status"] == "active"


@pytest.mark.parametrize("url, form", FORMS)
def test_a_form_without_the_csrf_token_is_refused(embedded_writable_as, url, form):
    response = embedded_writable_as("admin").client.post(url, data=form)
    assert response.status_code == 400 and b"CSRF" in response.data


@pytest.mark.parametrize(
    "path, body",
    [(path, body) for path, _, body in API if body]
    + [
        ("/api/people/{person}/leave", {}),
        ("/api/mentorships/end", {"mentor": "p009", "mentee": "p033"}),
        ("/api/people/{person}/open-to-intros", {"open_to_intros": True}),
        ("/api/people/{person}/open-to-mentoring", {"open_to_mentoring": False}),
    ],
)
def test_the_bodies_these_tests_send_are_described(path, body):
    validator(request_schema(path))(body)


# -- leaving ---------------------------------------------------------------------------------------------------


def test_hr_leaves_a_person_through_the_api_and_learns_what_ended(writable_as):
    found = answers_as_described(
        writable_as("hr").post_json("/api/people/p009/leave", {"on": "2026-11-30"}), "/api/people/{person}/leave"
    )
    assert (found["person"]["status"], found["person"]["left_on"]) == ("left", "2026-11-30")
    assert (found["vacated"], found["withdrawn"], found["mentorships_ended"]) == (
        ["pos-principal-platform"],
        ["pos-head-platform"],
        ["p033"],
    )
    assert sorted(found["introductions_closed"]) == ["i009", "i016", "i020"]


def test_leaving_without_a_date_leaves_today(writable_as):
    found = writable_as("admin").post_json("/api/people/p009/leave", {}).json
    assert found["person"]["left_on"] == date.today().isoformat()


def test_a_leaver_no_longer_holds_their_seat(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/people/p078/leave", {"on": "2026-11-30"})
    assert hr.get("/api/succession/positions/pos-head-sales").json["incumbents"] == []


@pytest.mark.parametrize("on", ["30/11/2026", "2026-02-30", "20261130", 20261130])
def test_a_leaving_date_that_is_not_a_day_is_a_422_naming_on_and_nothing_changes(writable_as, on):
    hr = writable_as("hr")
    response = hr.post_json("/api/people/p009/leave", {"on": on})
    assert response.status_code == 422 and [p["field"] for p in response.json["problems"]] == ["on"]
    assert hr.get("/api/people/p009").json["status"] == "active"


def test_leaving_before_joining_is_a_422_naming_on(writable_as):
    response = writable_as("hr").post_json("/api/people/p009/leave", {"on": "2001-01-01"})
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "on"


def test_leaving_twice_is_a_409_that_says_when_they_left(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    found = answers_as_described(hr.post_json("/api/people/p009/leave", {}), "/api/people/{person}/leave", 409)
    assert "already left" in found["error"] and "2026-11-30" in found["error"]


def test_leaving_an_unknown_person_is_a_404(writable_as):
    answers_as_described(writable_as("hr").post_json("/api/people/p999/leave", {}), "/api/people/{person}/leave", 404)


def test_the_leave_page_shows_what_will_end_and_changes_nothing(writable_as):
    hr = writable_as("hr")
    page = hr.get("/people/p009/leave").get_data(as_text=True)
    for ending in ("pos-principal-platform", "pos-head-platform", "Dana Okafor", "i009", "i016", "i020"):
        assert ending in page, ending
    assert f'name="on" value="{date.today().isoformat()}"' in page and "Confirm: Sana Saleh leaves" in page
    assert hr.get("/api/people/p009").json["status"] == "active"


def test_the_person_page_offers_hr_the_leave_step_and_not_a_viewer(writable_as):
    assert 'href="/people/p009/leave"' in writable_as("hr").get("/people/p009").get_data(as_text=True)
    assert 'href="/people/p009/leave"' not in writable_as("vic").get("/people/p009").get_data(as_text=True)


def test_confirming_the_leave_form_goes_to_the_person_page_with_a_summary_and_the_left_badge(writable_as):
    hr = writable_as("hr")
    response = hr.post_form("/people/p009/leave", {"on": "2026-11-30"})
    assert response.headers["Location"] == "/people/p009"
    page = flashed(hr, response)
    assert "Sana Saleh (p009) left on 2026-11-30. Seats vacated: pos-principal-platform" in page
    assert "Left on 2026-11-30" in page


def test_the_leave_form_with_a_bad_date_is_a_422_page_naming_on(writable_as):
    response = writable_as("hr").post_form("/people/p009/leave", {"on": "tomorrow"})
    assert response.status_code == 422 and b"on: &#39;tomorrow&#39; is not a date" in response.data


def test_the_leave_form_for_someone_who_left_goes_back_with_the_reason(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    assert "Not done: Sana Saleh (p009) has already left, on 2026-11-30" in flashed(
        hr, hr.post_form("/people/p009/leave", {})
    )


@pytest.mark.parametrize("user, dated", [("admin", True), ("hr", True), ("olga", False), ("vic", False)])
def test_everyone_sees_that_a_person_left_and_only_hr_and_admin_see_when(writable_as, user, dated):
    writable_as("hr").post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    page = writable_as(user).get("/people/p009").get_data(as_text=True)
    assert 'id="left-badge">Left' in page
    assert ("Left on 2026-11-30" in page) == dated


def test_the_person_who_left_can_no_longer_sign_in_to_see_it(writable_as):
    writable_as("hr").post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    answer = writable_as("sana").get("/people/p009")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login")


def test_a_mentor_who_left_is_marked_left_on_their_mentees_page(writable_as):
    writable_as("hr").post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    page = writable_as("vic").get("/people/p033").get_data(as_text=True)
    assert 'Sana Saleh</a> <span class="badge badge-left">left</span> (standard, ended)' in page


# -- rejoining -------------------------------------------------------------------------------------------------


def test_hr_rejoins_a_person_who_left_and_their_seat_stays_vacant(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    found = answers_as_described(hr.post_json("/api/people/p009/rejoin", {}), "/api/people/{person}/rejoin")
    assert (found["status"], found["left_on"]) == ("active", None)
    assert hr.get("/api/succession/positions/pos-principal-platform").json["incumbents"] == []


def test_rejoining_someone_who_never_left_is_a_409(writable_as):
    answers_as_described(writable_as("hr").post_json("/api/people/p009/rejoin", {}), "/api/people/{person}/rejoin", 409)


def test_the_rejoin_button_shows_for_a_leaver_and_its_form_says_they_are_back(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/people/p009/leave", {"on": "2026-11-30"})
    assert 'action="/people/p009/rejoin"' in hr.get("/people/p009").get_data(as_text=True)
    page = flashed(hr, hr.post_form("/people/p009/rejoin", {}))
    assert "Sana Saleh (p009) is active again" in page and "left-badge" not in page


# -- moving ----------------------------------------------------------------------------------------------------


def test_hr_moves_a_person_to_another_unit(writable_as):
    found = answers_as_described(
        writable_as("hr").post_json("/api/people/p033/move", {"unit": "u-platform"}), "/api/people/{person}/move"
    )
    assert found["org_unit"] == "u-platform"


def test_moving_someone_the_hr_sync_owns_is_a_409_and_changes_nothing(writable_as, store):
    store.write(
        validate(
            {"people": [{"id": "p-sync", "name": "Sam Sync", "org_unit": "u-apps", "source": "hr"}]}, existing=store
        )
    )
    hr = writable_as("hr")
    found = answers_as_described(
        hr.post_json("/api/people/p-sync/move", {"unit": "u-platform"}), "/api/people/{person}/move", 409
    )
    assert "HR system" in found["error"] and hr.get("/api/people/p-sync").json["org_unit"] == "u-apps"


def test_moving_to_an_unknown_unit_is_a_422(writable_as):
    response = writable_as("hr").post_json("/api/people/p033/move", {"unit": "u-nope"})
    answers_as_described(response, "/api/people/{person}/move", 422)


def test_moving_needs_a_unit(writable_as):
    response = writable_as("hr").post_json("/api/people/p033/move", {})
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "unit"


def test_the_move_form_goes_back_to_the_person_page_saying_where_they_are_now(writable_as):
    hr = writable_as("hr")
    page = flashed(hr, hr.post_form("/people/p033/move", {"unit": "u-platform"}))
    assert "Dana Okafor (p033) is now in u-platform" in page


# -- open to introductions -------------------------------------------------------------------------------------


def test_a_person_closes_themselves_to_introductions(dana_app):
    dana = Browser(dana_app).login("dana")
    found = answers_as_described(
        dana.post_json("/api/people/p033/open-to-intros", {"open_to_intros": False}),
        "/api/people/{person}/open-to-intros",
    )
    assert found == {"person": "p033", "open_to_intros": False}
    assert Browser(dana_app).login("hr").get("/api/people/p033").json["open_to_intros"] is False


@pytest.mark.parametrize("user", ["vic", "olga", "sana"])
def test_nobody_else_but_hr_and_admin_may_set_it_for_someone(dana_app, user):
    browser = Browser(dana_app).login(user)
    response = browser.post_json("/api/people/p033/open-to-intros", {"open_to_intros": False})
    answers_as_described(response, "/api/people/{person}/open-to-intros", 403)
    assert browser.post_form("/people/p033/open-to-intros", {"open_to_intros": "no"}).status_code == 403


@pytest.mark.parametrize("user", ["hr", "admin"])
def test_hr_and_admin_may_set_it_for_anyone(dana_app, user):
    response = Browser(dana_app).login(user).post_json("/api/people/p033/open-to-intros", {"open_to_intros": False})
    assert response.status_code == 200 and response.json["open_to_intros"] is False


def test_a_person_stands_aside_from_mentoring_rounds(dana_app):
    dana = Browser(dana_app).login("dana")
    found = answers_as_described(
        dana.post_json("/api/people/p033/open-to-mentoring", {"open_to_mentoring": False}),
        "/api/people/{person}/open-to-mentoring",
    )
    assert found == {"person": "p033", "open_to_mentoring": False}
    assert Browser(dana_app).login("hr").get("/api/people/p033").json["open_to_mentoring"] is False


def test_nobody_else_but_hr_and_admin_may_set_someones_mentoring_choice(dana_app):
    response = (
        Browser(dana_app).login("sana").post_json("/api/people/p033/open-to-mentoring", {"open_to_mentoring": False})
    )
    answers_as_described(response, "/api/people/{person}/open-to-mentoring", 403)


def test_setting_it_for_an_unknown_person_is_a_404_for_everyone(dana_app):
    response = Browser(dana_app).login("vic").post_json("/api/people/p999/open-to-intros", {"open_to_intros": True})
    answers_as_described(response, "/api/people/{person}/open-to-intros", 404)


@pytest.mark.parametrize("body", [{"open_to_intros": "no"}, {"open_to_intros": None}, {}])
def test_open_to_intros_must_be_true_or_false(dana_app, body):
    response = Browser(dana_app).login("dana").post_json("/api/people/p033/open-to-intros", body)
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "open_to_intros"


def test_a_person_sees_the_switch_on_their_own_page_only(dana_app):
    dana = Browser(dana_app).login("dana")
    assert 'action="/people/p033/open-to-intros"' in dana.get("/people/p033").get_data(as_text=True)
    assert "open-to-intros" not in dana.get("/people/p009").get_data(as_text=True)


def test_the_switch_turns_introductions_off_and_back_on(dana_app):
    dana = Browser(dana_app).login("dana")
    page = flashed(dana, dana.post_form("/people/p033/open-to-intros", {"open_to_intros": "no"}))
    assert "Not open to introductions" in page and 'value="yes">Turn introductions on' in page
    page = flashed(dana, dana.post_form("/people/p033/open-to-intros", {"open_to_intros": "yes"}))
    assert 'value="no">Turn introductions off' in page


# -- mentorships and KNOWS links -------------------------------------------------------------------------------


def test_hr_ends_a_mentorship_on_a_given_day(writable_as):
    body = {"mentor": "p009", "mentee": "p033", "on": "2026-11-30"}
    found = answers_as_described(writable_as("hr").post_json("/api/mentorships/end", body), "/api/mentorships/end")
    assert (found["status"], found["until"]) == ("ended", "2026-11-30")


def test_ending_a_mentorship_that_ended_is_a_409(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/mentorships/end", {"mentor": "p009", "mentee": "p033"})
    answers_as_described(
        hr.post_json("/api/mentorships/end", {"mentor": "p009", "mentee": "p033"}), "/api/mentorships/end", 409
    )


def test_ending_a_mentorship_that_does_not_exist_is_a_404(writable_as):
    answers_as_described(
        writable_as("hr").post_json("/api/mentorships/end", {"mentor": "p033", "mentee": "p009"}),
        "/api/mentorships/end",
        404,
    )


def test_the_end_mentorship_button_is_on_each_active_mentorship_and_goes_back_to_the_page(writable_as):
    hr = writable_as("hr")
    assert 'action="/mentorships/end"' in hr.get("/people/p033").get_data(as_text=True)
    response = hr.post_form(
        "/mentorships/end", {"mentor": "p009", "mentee": "p033", "on": "2026-11-30", "next": "/people/p009"}
    )
    assert response.headers["Location"] == "/people/p009"
    assert "the mentorship of p033 by p009 ended on 2026-11-30" in flashed(hr, response)


def test_the_end_mentorship_form_does_not_go_back_to_another_site(writable_as):
    response = writable_as("hr").post_form(
        "/mentorships/end", {"mentor": "p009", "mentee": "p033", "next": "//evil.example/"}
    )
    assert response.headers["Location"] == "/people/p033"


def test_hr_removes_a_knows_link_given_either_way_round(writable_as):
    found = answers_as_described(
        writable_as("hr").post_json("/api/knows/remove", {"a": "p033", "b": "p028"}), "/api/knows/remove"
    )
    assert found == {"a": "p028", "b": "p033", "removed": True}


def test_removing_a_knows_link_that_is_not_there_is_a_404(writable_as):
    hr = writable_as("hr")
    hr.post_json("/api/knows/remove", {"a": "p033", "b": "p028"})
    answers_as_described(hr.post_json("/api/knows/remove", {"a": "p028", "b": "p033"}), "/api/knows/remove", 404)


def test_the_remove_knows_form_goes_back_to_the_person_page(writable_as):
    hr = writable_as("hr")
    response = hr.post_form("/knows/remove", {"a": "p033", "b": "p028", "next": "/people/p033"})
    assert "removed the KNOWS link p028 - p033" in flashed(hr, response)


# -- succession: nominations -----------------------------------------------------------------------------------


def test_hr_nominates_a_successor(writable_as):
    hr = writable_as("hr")
    body = {"person": "p033", "readiness": "ready_3_plus_years", "on": "2026-11-30"}
    found = answers_as_described(
        hr.post_json("/api/succession/positions/pos-head-sales/successors", body),
        "/api/succession/positions/{position}/successors",
        201,
    )
    assert found == {
        "person": "p033",
        "position": "pos-head-sales",
        "readiness": "ready_3_plus_years",
        "nominated_on": "2026-11-30",
    }
    assert "p033" in hr.get("/api/succession/positions/pos-head-sales").json["successors"]["ready_3_plus_years"]


def test_nominating_the_holder_is_a_409(writable_as):
    response = writable_as("hr").post_json(
        "/api/succession/positions/pos-head-sales/successors", {"person": "p078", "readiness": "ready_now"}
    )
    assert (
        "cannot succeed themselves"
        in answers_as_described(response, "/api/succession/positions/{position}/successors", 409)["error"]
    )


def test_nominating_with_an_unknown_readiness_is_a_422_naming_readiness(writable_as):
    response = writable_as("hr").post_json(
        "/api/succession/positions/pos-head-sales/successors", {"person": "p033", "readiness": "soon"}
    )
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "readiness"


def test_nominating_for_an_unknown_position_is_a_404(writable_as):
    response = writable_as("hr").post_json(
        "/api/succession/positions/pos-nope/successors", {"person": "p033", "readiness": "ready_now"}
    )
    answers_as_described(response, "/api/succession/positions/{position}/successors", 404)


def test_the_nominate_form_goes_back_to_the_position_page_listing_the_new_successor(writable_as):
    hr = writable_as("hr")
    response = hr.post_form(
        "/succession/positions/pos-head-sales/successors", {"person": "p033", "readiness": "ready_1_2_years"}
    )
    assert response.headers["Location"] == "/succession/positions/pos-head-sales"
    page = flashed(hr, response)
    assert "nominated p033 for pos-head-sales (ready_1_2_years)" in page and 'data-person="p033"' in page


def test_hr_withdraws_a_nomination(writable_as):
    hr = writable_as("hr")
    found = answers_as_described(
        hr.post_json("/api/succession/positions/pos-head-sales/successors/p099/withdraw", {}),
        "/api/succession/positions/{position}/successors/{person}/withdraw",
    )
    assert (found["person"], found["position"], found["readiness"]) == ("p099", "pos-head-sales", "ready_now")
    assert "p099" not in hr.get("/api/succession/positions/pos-head-sales").json["successors"]["ready_now"]


def test_withdrawing_a_nomination_that_is_not_there_is_a_404(writable_as):
    response = writable_as("hr").post_json("/api/succession/positions/pos-head-sales/successors/p033/withdraw", {})
    answers_as_described(response, "/api/succession/positions/{position}/successors/{person}/withdraw", 404)


def test_the_withdraw_button_removes_the_successors_row(writable_as):
    hr = writable_as("hr")
    assert 'data-person="p099"' in hr.get("/succession/positions/pos-head-sales").get_data(as_text=True)
    page = flashed(hr, hr.post_form("/succession/positions/pos-head-sales/successors/p099/withdraw", {}))
    assert "withdrew p099&#39;s nomination for pos-head-sales" in page and 'data-person="p099"' not in page


def test_hr_changes_a_nominations_readiness_and_keeps_its_date(writable_as):
    hr = writable_as("hr")
    url = "/api/succession/positions/pos-head-sales/successors/p083/readiness"
    found = answers_as_described(
        hr.post_json(url, {"readiness": "ready_now"}),
        "/api/succession/positions/{position}/successors/{person}/readiness",
    )
    assert found["readiness"] == "ready_now" and found["nominated_on"]
    assert "p083" in hr.get("/api/succession/positions/pos-head-sales").json["successors"]["ready_now"]


def test_changing_readiness_needs_a_known_readiness(writable_as):
    response = writable_as("hr").post_json("/api/succession/positions/pos-head-sales/successors/p083/readiness", {})
    assert response.status_code == 422 and response.json["problems"][0]["field"] == "readiness"


def test_the_readiness_form_goes_back_to_the_position_page_saying_what_changed(writable_as):
    hr = writable_as("hr")
    response = hr.post_form(
        "/succession/positions/pos-head-sales/successors/p083/readiness", {"readiness": "ready_3_plus_years"}
    )
    assert "p083 is now ready_3_plus_years for pos-head-sales" in flashed(hr, response)


# -- succession: deleting a position ---------------------------------------------------------------------------


def test_deleting_a_position_in_use_is_a_409_naming_what_refers_to_it(writable_as):
    found = answers_as_described(
        writable_as("hr").post_json("/api/succession/positions/pos-head-sales/delete", {}),
        "/api/succession/positions/{position}/delete",
        409,
    )
    assert "holders: p078" in found["error"] and "nominees: p083, p099" in found["error"]
    assert "positions reporting to it: pos-head-apac" in found["error"]


def test_hr_deletes_a_position_nothing_refers_to(writable_as, store):
    store.write(validate({"positions": [{"id": "pos-spare", "title": "Spare", "org_unit": "u-apps"}]}, existing=store))
    hr = writable_as("hr")
    found = answers_as_described(
        hr.post_json("/api/succession/positions/pos-spare/delete", {}), "/api/succession/positions/{position}/delete"
    )
    assert found == {"position": "pos-spare", "deleted": True}
    assert hr.get("/api/succession/positions/pos-spare").status_code == 404


def test_the_delete_form_of_a_position_in_use_goes_back_to_it_with_the_reason(writable_as):
    hr = writable_as("hr")
    response = hr.post_form("/succession/positions/pos-head-sales/delete", {})
    assert response.headers["Location"] == "/succession/positions/pos-head-sales"
    page = flashed(hr, response)
    assert "Not deleted: position pos-head-sales cannot be deleted while it has holders: p078" in page
    assert "Traceback" not in page


def test_the_delete_form_goes_to_the_succession_page_once_the_position_is_gone(writable_as, store):
    store.write(validate({"positions": [{"id": "pos-spare", "title": "Spare", "org_unit": "u-apps"}]}, existing=store))
    hr = writable_as("hr")
    response = hr.post_form("/succession/positions/pos-spare/delete", {})
    assert response.headers["Location"] == "/succession"
    assert "deleted position pos-spare" in flashed(hr, response)
