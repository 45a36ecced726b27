"""The cohort run on the programme page (web/programme.py): run, read, propose the ticked rows; the /api twins.

On each store. In the demo, p033 Dana Okafor is mentored by p009 Sana Saleh (the ``sana`` account);
p013 Camila Xu and p036 Nia Menon by p125 Olga Amini (``olga``); p070 Ximena Tehrani has no mentor;
p001 Hiroko Russo is closed to introductions.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import fastjsonschema
import pytest

from netgraph.analysis.cohort import all_mentees
from netgraph.web import programme
from tests.web.conftest import Browser, csrf_from
from tests.web.test_openapi import request_schema, response_schema, validator

COHORT = "/api/programme/cohort"
PROPOSE = "/api/programme/cohort/propose"
FEW = ["p033", "p036", "p013"]
MENTOR = {"p033": "p009", "p036": "p125", "p013": "p125"}
NAMES = {"p033": "Dana Okafor", "p036": "Nia Menon", "p013": "Camila Xu", "p009": "Sana Saleh", "p125": "Olga Amini"}


def run(browser, body: dict) -> dict:
    response = browser.post_json(COHORT, body)
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", "/api/programme/cohort", 200))(response.json)
    return response.json


def post_form(browser, url: str, data: dict, **kw):
    return browser.client.post(url, data={**data, "csrf_token": browser.token}, **kw)


def page_text(response) -> str:
    """The page's text as a reader sees it: no tags, one space between words."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def ticked(response) -> list[str]:
    """The values of the checked row boxes of a cohort result page."""
    return re.findall(r'<input type="checkbox" name="row" value="([^"]+)" checked', response.get_data(as_text=True))


def as_rows(values: list[str]) -> list[dict]:
    return [dict(zip(("person", "candidate", "introducer"), v.split("|"), strict=True)) for v in values]


def flashes(response) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<p class="flash">(.*?)</p>', response.get_data(as_text=True))]


def problem(response) -> tuple[str, str]:
    assert response.status_code == 422, response.data[:300]
    (found,) = response.json["problems"]
    return found["field"], found["message"]


# -- running a cohort -------------------------------------------------------------------------------------


def test_hr_runs_a_cohort_on_the_page_and_sees_each_persons_suggestions_named_with_the_mentor(as_user):
    hr = as_user("hr")
    form = {"who": "people", "people": "p033\r\np036, p013", "per_person": "2", "max_exposure": "1"}
    response = post_form(hr, "/programme/cohort", form)
    assert response.status_code == 200, response.data[:300]
    text = page_text(response)
    report = run(hr, {"people": FEW, "per_person": 2, "max_exposure": 1})
    assert report["rows"] and {r["person"] for r in report["rows"]} == set(FEW)
    for row in report["rows"]:
        assert f"{row['person_name']} ({row['person']})" in text
        assert f"{row['name']} ({row['candidate']})" in text
        assert f"{NAMES[MENTOR[row['person']]]} ({MENTOR[row['person']]})" in text
        assert f"{row['score']:.2f}" in text
    assert ticked(response) == [f"{r['person']}|{r['candidate']}|{r['introducer']}" for r in report["rows"]]
    assert "Score given up by the caps" in text and "Exposure Gini" in text
    assert f"{report['score']['given_up']:.2f} of {report['score']['uncapped']:.2f}" in text
    assert (
        f"Exposure Gini {report['exposure']['gini_uncapped']:.2f} → {report['exposure']['gini_assigned']:.2f}" in text
    )
    assert "Propose selected" in text
    assert ">p033\r\np036, p013</textarea>" in response.get_data(as_text=True)  # kept in the form


def test_the_programme_page_offers_the_form_and_a_get_of_the_run_url_shows_it_too(as_user):
    for url in ("/programme", "/programme/cohort"):
        text = page_text(as_user("hr").get(url))
        assert "Cohort run" in text and "everyone with an active mentor" in text and "Run the cohort" in text
        assert "Propose selected" not in text


def test_the_answer_names_people_and_each_suggestion_comes_through_the_persons_mentor(as_user):
    report = run(as_user("hr"), {"people": FEW + ["p070", "p001", "p999"], "per_person": 2, "max_exposure": 3})
    assert report["via"] == "mentors"
    for row in report["rows"]:
        assert row["introducer"] == MENTOR[row["person"]]
        assert (row["person_name"], row["introducer_name"]) == (NAMES[row["person"]], NAMES[row["introducer"]])
    assert report["without"] == [
        {"person": "p070", "name": "Ximena Tehrani", "why": "no introducer"},
        {"person": "p001", "name": "Hiroko Russo", "why": "closed to introductions"},
        {"person": "p999", "name": None, "why": "unknown id"},
    ]
    assert report["people"]["asked"] == 6 and report["people"]["without"] == 3


def test_the_page_says_who_got_no_suggestion_and_why(as_user):
    response = post_form(
        as_user("hr"),
        "/programme/cohort",
        {"who": "people", "people": "p033 p070 p001 p999", "per_person": "1", "max_exposure": "1"},
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Ximena Tehrani (p070): no introducer" in text
    assert "Hiroko Russo (p001): closed to introductions" in text
    assert "p999: unknown id" in text


@pytest.mark.parametrize("per_person, max_exposure", [(1, 1), (2, 1), (3, 2), (10, 100)])
def test_the_caps_hold_in_the_answer_for_all_mentees(as_user, demo_store, per_person, max_exposure):
    report = run(as_user("hr"), {"all_mentees": True, "per_person": per_person, "max_exposure": max_exposure})
    assert report["people"]["asked"] == len(all_mentees(demo_store)) > 0
    assert (report["per_person"], report["max_exposure"]) == (per_person, max_exposure)
    per = Counter(r["person"] for r in report["rows"])
    assert report["rows"] and max(per.values()) <= per_person
    assert max(Counter(r["candidate"] for r in report["rows"]).values()) <= max_exposure
    assert report["exposure"]["most_assigned"] <= max_exposure
    assert len({(r["person"], r["candidate"]) for r in report["rows"]}) == len(report["rows"])
    assert report["people"]["suggested"] == len(per)


def test_tight_caps_give_up_score_and_spread_exposure(as_user):
    hr = as_user("hr")
    loose = run(hr, {"all_mentees": True, "per_person": 2, "max_exposure": 100})
    tight = run(hr, {"all_mentees": True, "per_person": 2, "max_exposure": 1})
    assert loose["score"]["given_up"] == 0 and tight["score"]["given_up"] > 0
    assert tight["exposure"]["gini_assigned"] < tight["exposure"]["gini_uncapped"]


def test_the_page_form_for_all_mentees_respects_the_caps(as_user, demo_store):
    response = post_form(
        as_user("admin"),
        "/programme/cohort",
        {"who": "all_mentees", "people": "", "per_person": "2", "max_exposure": "1"},
    )
    assert response.status_code == 200
    rows = as_rows(ticked(response))
    assert rows and {r["person"] for r in rows} <= set(all_mentees(demo_store))
    assert max(Counter(r["person"] for r in rows).values()) <= 2
    assert max(Counter(r["candidate"] for r in rows).values()) == 1


# -- proposing the ticked rows ----------------------------------------------------------------------------


def proposed_now(browser) -> list[dict]:
    return browser.get("/api/introductions?status=proposed").json["introductions"]


def test_proposing_the_ticked_rows_creates_proposed_introductions_made_by_the_mentor(writable_as):
    hr = writable_as("hr")
    before = {i["id"] for i in proposed_now(hr)}
    page = post_form(
        hr, "/programme/cohort", {"who": "people", "people": "p033, p036, p013", "per_person": "2", "max_exposure": "1"}
    )
    values = ticked(page)
    assert len(values) >= 4
    chosen, unticked = values[1:], values[0]
    response = post_form(hr, "/programme/cohort/propose", {"row": chosen, "note": "spring cohort"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/programme")
    assert flashes(hr.get("/programme")) == [f"{len(chosen)} proposed, 0 refused"]
    made = [i for i in proposed_now(hr) if i["id"] not in before]
    assert sorted((i["introduce"], i["to"], i["by"]) for i in made) == sorted(
        (r["person"], r["candidate"], r["introducer"]) for r in as_rows(chosen)
    )
    assert all(
        i["by"] == MENTOR[i["introduce"]] and i["status"] == "proposed" and i["note"] == "spring cohort" for i in made
    )
    person, candidate, _ = unticked.split("|")
    assert not [i for i in made if (i["introduce"], i["to"]) == (person, candidate)]


def test_the_api_proposes_rows_and_answers_as_described(writable_as):
    hr = writable_as("hr")
    report = run(hr, {"people": FEW, "per_person": 1, "max_exposure": 1})
    rows = [{k: r[k] for k in ("person", "candidate", "introducer")} for r in report["rows"]]
    body = {"rows": rows}
    validator(request_schema(PROPOSE))(body)
    response = hr.post_json(PROPOSE, body)
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", PROPOSE, 200))(response.json)
    assert response.json["refused"] == []
    assert [(i["by"], i["introduce"], i["to"], i["status"]) for i in response.json["proposed"]] == [
        (r["introducer"], r["person"], r["candidate"], "proposed") for r in rows
    ]


def refusable_rows(hr) -> tuple[dict, list[dict]]:
    """A row that can be proposed, and three that cannot: it again, an unknown person, someone closed."""
    report = run(hr, {"people": ["p033"], "per_person": 1, "max_exposure": 1})
    good = {k: report["rows"][0][k] for k in ("person", "candidate", "introducer")}
    return good, [
        good,
        {**good, "person": "p999"},
        {"person": "p001", "candidate": good["candidate"], "introducer": "p009"},
    ]


def test_refused_rows_are_reported_and_do_not_stop_the_others(writable_as):
    hr = writable_as("hr")
    good, bad = refusable_rows(hr)
    response = hr.post_json(PROPOSE, {"rows": [bad[1], good, *bad[::2]]})
    assert response.status_code == 200, response.data[:300]
    validator(response_schema("POST", PROPOSE, 200))(response.json)
    assert [(i["introduce"], i["to"], i["by"]) for i in response.json["proposed"]] == [
        (good["person"], good["candidate"], good["introducer"])
    ]
    refused = response.json["refused"]
    assert [{k: r[k] for k in ("person", "candidate", "introducer")} for r in refused] == [bad[1], bad[0], bad[2]]
    assert "p999" in refused[0]["why"]
    assert "already introduced" in refused[1]["why"]
    assert "closed to introductions" in refused[2]["why"]


def test_the_flash_names_each_refusal(writable_as):
    hr = writable_as("hr")
    good, bad = refusable_rows(hr)
    values = ["|".join((r["person"], r["candidate"], r["introducer"])) for r in (good, *bad)]
    response = post_form(hr, "/programme/cohort/propose", {"row": values}, follow_redirects=True)
    assert response.status_code == 200
    said = flashes(response)
    assert said[0] == "1 proposed, 3 refused" and len(said) == 4
    assert said[1].startswith("Refused: Sana Saleh (p009) introducing Dana Okafor (p033) to ")
    assert "already introduced" in said[1]
    assert said[2].startswith("Refused: Sana Saleh (p009) introducing p999 to ") and "p999" in said[2]
    assert said[3].startswith("Refused: Sana Saleh (p009) introducing Hiroko Russo (p001) to ")
    assert "closed to introductions" in said[3]


def test_only_the_first_refusals_are_named_one_by_one(writable_as):
    hr = writable_as("hr")
    rows = [f"p99{i}|p083|p009" for i in range(programme.REFUSALS_SHOWN + 3)]
    said = flashes(post_form(hr, "/programme/cohort/propose", {"row": rows}, follow_redirects=True))
    assert said[0] == f"0 proposed, {len(rows)} refused"
    assert len(said) == 1 + programme.REFUSALS_SHOWN + 1 and said[-1] == "... and 3 more refused"


# -- the proposals wait on the mentors' own pages -------------------------------------------------------


def test_each_mentor_finds_the_proposals_they_make_on_their_introductions_page(writable_as):
    hr = writable_as("hr")
    report = run(hr, {"people": FEW, "per_person": 2, "max_exposure": 1})
    rows = [{k: r[k] for k in ("person", "candidate", "introducer")} for r in report["rows"]]
    made = hr.post_json(PROPOSE, {"rows": rows}).json["proposed"]
    assert len(made) == len(rows) and {i["by"] for i in made} == {"p009", "p125"}
    for account, person in (("sana", "p009"), ("olga", "p125")):
        mentor = writable_as(account)
        theirs = {i["id"] for i in made if i["by"] == person}
        listed = {i["id"]: i for i in mentor.get("/api/introductions?status=proposed").json["introductions"]}
        assert theirs <= set(listed)
        page = mentor.get("/introductions?status=proposed").get_data(as_text=True)
        for introduction in theirs:
            assert f'data-introduction="{introduction}"' in page
            assert f'action="/introductions/{introduction}"' in page  # theirs to move on
    mine = next(i for i in made if i["by"] == "p009")
    moved = writable_as("sana").post_json(f"/api/introductions/{mine['id']}", {"status": "made"})
    assert moved.status_code == 200 and moved.json["status"] == "made"
    olgas = next(i for i in made if i["by"] == "p125")
    assert writable_as("sana").post_json(f"/api/introductions/{olgas['id']}", {"status": "made"}).status_code in (
        403,
        404,
    )


# -- who may ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["sana", "olga", "vic"])
def test_mentors_and_viewers_may_neither_run_nor_propose(embedded_as_user, user):
    browser = embedded_as_user(user)
    assert browser.post_json(COHORT, {"people": ["p033"], "per_person": 1, "max_exposure": 1}).status_code == 403
    assert (
        browser.post_json(
            PROPOSE, {"rows": [{"person": "p033", "candidate": "p083", "introducer": "p009"}]}
        ).status_code
        == 403
    )
    assert (
        post_form(
            browser, "/programme/cohort", {"who": "people", "people": "p033", "per_person": "1", "max_exposure": "1"}
        ).status_code
        == 403
    )
    assert post_form(browser, "/programme/cohort/propose", {"row": "p033|p083|p009"}).status_code == 403
    assert browser.get("/programme/cohort").status_code == 403


def test_admin_may_run_and_nobody_logged_out_may(app, as_user):
    assert (
        as_user("admin").post_json(COHORT, {"people": ["p033"], "per_person": 1, "max_exposure": 1}).status_code == 200
    )
    anonymous = Browser(app)
    anonymous.token = csrf_from(anonymous.client.get("/login"))
    assert anonymous.post_json(COHORT, {"people": ["p033"], "per_person": 1, "max_exposure": 1}).status_code == 401
    assert anonymous.post_json(PROPOSE, {"rows": []}).status_code == 401
    response = post_form(anonymous, "/programme/cohort", {"who": "all_mentees", "per_person": "1", "max_exposure": "1"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# -- CSRF ---------------------------------------------------------------------------------------------------


def test_runs_and_proposals_without_the_csrf_token_are_refused_and_change_nothing(writable_as):
    hr = writable_as("hr")
    before = len(proposed_now(hr))
    row = {"person": "p033", "candidate": "p083", "introducer": "p009"}
    assert hr.client.post(COHORT, json={"people": ["p033"], "per_person": 1, "max_exposure": 1}).status_code == 400
    assert hr.client.post(PROPOSE, json={"rows": [row]}).status_code == 400
    assert (
        hr.client.post(
            "/programme/cohort", data={"who": "people", "people": "p033", "per_person": "1", "max_exposure": "1"}
        ).status_code
        == 400
    )
    refused = hr.client.post("/programme/cohort/propose", data={"row": "p033|p083|p009"})
    assert refused.status_code == 400 and b"CSRF" in refused.data
    assert hr.client.post(PROPOSE, json={"rows": [row]}, headers={"X-CSRFToken": "forged"}).status_code == 400
    assert len(proposed_now(hr)) == before


# -- bad inputs ---------------------------------------------------------------------------------------------

GOOD = {"people": ["p033"], "per_person": 2, "max_exposure": 1}
ROW = {"person": "p033", "candidate": "p083", "introducer": "p009"}

#: (body, the field the 422 names, whether the description's schema refuses it too)
BAD_RUNS = [
    ({}, "people", True),
    ({"per_person": 2, "max_exposure": 1}, "people", True),
    ({**GOOD, "people": []}, "people", True),
    ({**GOOD, "people": "p033"}, "people", True),
    ({**GOOD, "people": [33]}, "people", True),
    ({**GOOD, "people": ["p0/33"]}, "people", False),
    ({**GOOD, "people": ["p1"] * 5001}, "people", True),
    ({**GOOD, "all_mentees": True}, "people", True),
    ({"all_mentees": False, "per_person": 2, "max_exposure": 1}, "people", True),
    ({**GOOD, "all_mentees": "yes"}, "all_mentees", True),
    ({**GOOD, "per_person": 0}, "per_person", True),
    ({**GOOD, "per_person": 11}, "per_person", True),
    ({**GOOD, "per_person": "3"}, "per_person", True),
    ({**GOOD, "per_person": 2.5}, "per_person", True),
    ({**GOOD, "per_person": True}, "per_person", True),
    ({"people": ["p033"], "max_exposure": 1}, "per_person", True),
    ({**GOOD, "max_exposure": 0}, "max_exposure", True),
    ({**GOOD, "max_exposure": 101}, "max_exposure", True),
    ({**GOOD, "max_exposure": None}, "max_exposure", True),
    ({**GOOD, "via": "all"}, "via", True),
]
BAD_PROPOSALS = [
    ({}, "rows", True),
    ({"rows": []}, "rows", True),
    ({"rows": "p033|p083|p009"}, "rows", True),
    ({"rows": [ROW] * 10_001}, "rows", True),
    ({"rows": [ROW, "p033"]}, "rows[1]", True),
    ({"rows": [{"person": "p033", "candidate": "p083"}]}, "rows[0].introducer", True),
    ({"rows": [{**ROW, "introducer": ""}]}, "rows[0].introducer", True),
    ({"rows": [{**ROW, "candidate": 83}]}, "rows[0].candidate", True),
    ({"rows": [{**ROW, "person": "p0/33"}]}, "rows[0].person", False),
    ({"rows": [{**ROW, "by": "p009"}]}, "rows[0].by", True),
    ({"rows": [ROW], "note": "n" * 4001}, "note", True),
    ({"rows": [ROW], "by": "p009"}, "by", True),
]


@pytest.mark.parametrize("body, field, described", BAD_RUNS)
def test_a_bad_run_is_a_422_naming_the_field(embedded_as_user, body, field, described):
    response = embedded_as_user("hr").post_json(COHORT, body)
    assert problem(response)[0] == field
    validator(response_schema("POST", COHORT, 422))(response.json)
    if described:
        with pytest.raises(fastjsonschema.JsonSchemaValueException):
            validator(request_schema(COHORT))(body)


@pytest.mark.parametrize("body, field, described", BAD_PROPOSALS)
def test_a_bad_proposal_is_a_422_naming_the_field_and_proposes_nothing(embedded_as_user, body, field, described):
    hr = embedded_as_user("hr")
    before = len(proposed_now(hr))
    response = hr.post_json(PROPOSE, body)
    assert problem(response)[0] == field
    validator(response_schema("POST", PROPOSE, 422))(response.json)
    if described:
        with pytest.raises(fastjsonschema.JsonSchemaValueException):
            validator(request_schema(PROPOSE))(body)
    assert len(proposed_now(hr)) == before


@pytest.mark.parametrize(
    "body",
    [
        GOOD,
        {"all_mentees": True, "per_person": 10, "max_exposure": 100},
        {"people": ["p1"] * 5000, "all_mentees": False, "per_person": 1, "max_exposure": 1},
    ],
)
def test_the_description_accepts_the_runs_the_server_accepts(body):
    validator(request_schema(COHORT))(body)


def test_all_mentees_beyond_the_webs_limit_is_a_422(as_user, monkeypatch):
    monkeypatch.setattr(programme, "MAX_PEOPLE", 5)
    field, message = problem(as_user("hr").post_json(COHORT, {"all_mentees": True, "per_person": 1, "max_exposure": 1}))
    assert field == "all_mentees" and "more than the web's limit of 5" in message


@pytest.mark.parametrize(
    "form, field",
    [
        ({"who": "people", "people": ""}, "people"),
        ({"who": "people", "people": " ,\r\n "}, "people"),
        ({"who": "people", "people": "p033\r\np0/36"}, "people"),
        ({"who": "people", "people": "\n".join(f"p{i}" for i in range(5001))}, "people"),
        ({"who": "all_mentees", "people": "p033"}, "people"),
        ({"who": "everyone", "people": ""}, "who"),
        ({"who": "people", "people": "p033", "per_person": "0"}, "per_person"),
        ({"who": "people", "people": "p033", "per_person": "11"}, "per_person"),
        ({"who": "people", "people": "p033", "per_person": "three"}, "per_person"),
        ({"who": "people", "people": "p033", "per_person": ""}, "per_person"),
        ({"who": "people", "people": "p033", "max_exposure": "101"}, "max_exposure"),
        ({"who": "people", "people": "p033", "max_exposure": "-1"}, "max_exposure"),
    ],
)
def test_a_bad_run_form_comes_back_as_a_422_with_the_problem_and_what_was_typed(embedded_as_user, form, field):
    data = {"per_person": "2", "max_exposure": "1", **form}
    response = post_form(embedded_as_user("hr"), "/programme/cohort", data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    problems = re.findall(r'<ul class="error cohort-problems"><li>(.*?)</li>', body)
    assert problems and html.unescape(problems[0]).startswith(f"{field}: ")
    assert "Run the cohort" in body and "Propose selected" not in body
    if len(data["people"]) < 100:
        assert f">{data['people']}</textarea>" in body


@pytest.mark.parametrize(
    "rows, field",
    [
        ([], "row"),
        (["p033|p083"], "row[0]"),
        (["p033|p083|p009|p001"], "row[0]"),
        (["p033|p083|p009", "p033||p009"], "row[1].candidate"),
        (["p0/33|p083|p009"], "row[0].person"),
    ],
)
def test_a_bad_proposal_form_is_a_422_naming_the_row(embedded_as_user, rows, field):
    hr = embedded_as_user("hr")
    before = len(proposed_now(hr))
    response = post_form(hr, "/programme/cohort/propose", {"row": rows})
    assert response.status_code == 422
    assert f"{field}:" in page_text(response)
    assert len(proposed_now(hr)) == before


def test_a_proposal_form_over_the_row_limit_is_a_422(as_user, monkeypatch):
    monkeypatch.setattr(programme, "MAX_ROWS", 2)
    response = post_form(as_user("hr"), "/programme/cohort/propose", {"row": ["p033|p083|p009"] * 3})
    assert response.status_code == 422 and "more than the limit of 2" in page_text(response)
