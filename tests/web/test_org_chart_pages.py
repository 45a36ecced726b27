"""The succession org chart page and its /api twin: levels, limits, roles and refusals, on both stores."""

from __future__ import annotations

import json
import re

import pytest

from netgraph.analysis.org_chart import MAX_CHART_LIMIT
from tests.web.one_store import embedded_demo_store, embedded_store, same_answers  # noqa: F401 (one store)


def chart_data(page: str) -> dict:
    """The level a chart page carries for static/orgchart.js (the JSON block, not executed)."""
    found = re.search(r'<script type="application/json" class="oc-data">(.*?)</script>', page, re.S)
    assert found, page[:500]
    return json.loads(found.group(1))


def ids(cards: list[dict]) -> list[str]:
    return [c["id"] for c in cards]


def test_the_chart_api_gives_a_position_and_its_direct_reports_with_child_counts(as_user):
    level = as_user("hr").get("/api/succession/chart?position=pos-ceo").json
    assert level["focus"]["id"] == "pos-ceo" and level["total"] == 7 and level["shown"] == 7
    assert all(c["reports_to"] == "pos-ceo" for c in level["cards"])
    cto = next(c for c in level["cards"] if c["id"] == "pos-cto")
    assert (cto["child_count"], cto["has_children"]) == (3, True)
    assert level["next_offset"] is None


def test_a_card_shows_names_successors_by_readiness_ready_now_first_and_the_heat_map_status(as_user):
    hr = as_user("hr")
    sales = hr.get("/api/succession/chart?position=pos-head-sales").json["focus"]
    assert sales["incumbents"] == [{"id": "p078", "name": "Jin Larsen"}]
    assert [g["readiness"] for g in sales["successors"]] == ["ready_now", "ready_1_2_years", "ready_3_plus_years"]
    assert sales["successors"][0]["people"] == [{"id": "p099", "name": "Eitan Eze"}]
    heat = next(p for p in hr.get("/api/succession").json["positions"] if p["id"] == "pos-head-sales")
    assert (sales["status"], sales["flags"]) == (heat["status"], heat["flags"])


def test_the_chart_marks_covered_seats_the_bench_cannot_fill_at_once(as_user):
    level = as_user("hr").get("/api/succession/chart?position=pos-cto").json
    marks = {c["id"]: c["cover_at_once"] for c in level["cards"]}
    assert marks == {"pos-head-apps": "filled", "pos-head-data": "loses_out", "pos-head-platform": "loses_out"}
    assert level["focus"]["cover_at_once"] == "loses_out"


def test_a_chart_level_gives_the_organisation_s_figures_only_when_asked(as_user):
    hr = as_user("hr")
    assert hr.get("/api/succession/chart?position=pos-cto").json["simultaneous"] is None
    level = hr.get("/api/succession/chart?position=pos-cto&figures=1").json
    assert level["simultaneous"] == {"critical": 18, "critical_covered": 8, "simultaneous_cover": 2}


def test_the_chart_page_says_how_many_critical_seats_could_be_filled_at_once(as_user):
    page = as_user("hr").get("/succession/chart").get_data(as_text=True)
    line = page.split('id="oc-at-once"')[1].split("</p>")[0]
    assert "with a ready-now successor: 8" in line and "<strong>2</strong>" in line and "not at once" in line


def test_the_chart_api_pages_a_level_with_showing_n_of_m(as_user):
    hr = as_user("hr")
    first = hr.get("/api/succession/chart?position=pos-ceo&limit=3").json
    assert (first["shown"], first["total"], first["next_offset"]) == (3, 7, 3)
    rest = hr.get("/api/succession/chart?position=pos-ceo&limit=3&offset=6").json
    assert (rest["shown"], rest["next_offset"]) == (1, None)


def test_the_chart_starts_at_the_top_or_at_a_unit(as_user):
    hr = as_user("hr")
    assert ids(hr.get("/api/succession/chart").json["cards"]) == ["pos-ceo"]
    assert ids(hr.get("/api/succession/chart?unit=u-eng").json["cards"]) == ["pos-cto"]


def test_the_chart_around_positions_gives_them_and_those_above(as_user):
    level = as_user("hr").get("/api/succession/chart?around=pos-sre-lead").json
    assert sorted(ids(level["cards"])) == ["pos-ceo", "pos-cto", "pos-head-platform", "pos-sre-lead"]


@pytest.mark.parametrize(
    "url, where",
    [
        ("/succession/chart?position=pos-head-sales", "pos-head-sales"),
        ("/succession/chart?unit=u-sales", "u-sales"),
    ],
)
def test_the_chart_page_carries_its_first_level_for_the_script(as_user, url, where):
    page = as_user("hr").get(url).data.decode()
    data = chart_data(page)
    assert where in (data["position"], data["unit"])
    assert 'src="/static/orgchart.js"' in page and 'data-api="/api/succession/chart"' in page
    assert 'role="tree"' in page


def test_the_chart_page_has_no_inline_script_or_style(as_user):
    page = as_user("hr").get("/succession/chart").data.decode()
    assert " style=" not in page and " onclick=" not in page
    assert all("src=" in tag or 'type="application/json"' in tag for tag in re.findall(r"<script[^>]*>", page))


@pytest.mark.parametrize(
    "url, status, words",
    [
        ("/api/succession/chart?position=pos-nope", 404, "unknown position 'pos-nope'"),
        ("/api/succession/chart?unit=u-nope", 404, "unknown org unit 'u-nope'"),
        ("/api/succession/chart?position=pos-ceo&unit=u-sales", 422, "not both"),
        ("/api/succession/chart?around=pos-ceo&unit=u-sales", 422, "not several"),
        (f"/api/succession/chart?limit={MAX_CHART_LIMIT + 1}", 422, f"from 1 to {MAX_CHART_LIMIT}"),
        ("/api/succession/chart?limit=0", 422, "from 1 to"),
        ("/api/succession/chart?limit=many", 422, "not a whole number"),
        ("/api/succession/chart?offset=-1", 422, "from 0 to"),
        ("/api/succession/chart?position=" + "x" * 201, 422, "position"),
        ("/api/succession/chart?around=" + ",".join(f"pos-{i}" for i in range(101)), 422, "more than the limit of 100"),
    ],
)
def test_bad_chart_parameters_are_refused_with_a_clear_message(as_user, url, status, words):
    response = as_user("hr").get(url)
    assert response.status_code == status
    assert words in json.dumps(response.json), response.json


def test_an_unknown_position_on_the_chart_page_is_a_404_page(as_user):
    response = as_user("hr").get("/succession/chart?position=pos-nope")
    assert response.status_code == 404 and "unknown position" in response.data.decode()


@pytest.mark.parametrize("user", ["sana", "olga", "vic"])
def test_only_hr_and_admin_see_the_chart(as_user, user):
    browser = as_user(user)
    assert browser.get("/succession/chart").status_code == 403
    assert browser.get("/api/succession/chart?position=pos-ceo").status_code == 403


def test_the_chart_is_401_without_a_session(app):
    assert app.test_client().get("/api/succession/chart").status_code == 401


def test_the_admin_sees_the_chart_as_hr_does(as_user):
    assert (
        as_user("admin").get("/api/succession/chart?position=pos-ceo").json
        == as_user("hr").get("/api/succession/chart?position=pos-ceo").json
    )


def test_the_what_if_page_draws_the_result_on_the_chart(as_user):
    page = as_user("hr").post_form("/succession/what-if", {"leavers": "p001", "promote": "1"}).data.decode()
    data = chart_data(page)
    assert data["marks"]["pos-ceo"]["marks"] == ["vacated", "promoted-into"]
    assert data["marks"]["pos-principal-platform"]["marks"] == ["vacated", "left-vacant"]
    assert [s["step"] for m in data["marks"].values() for s in m["steps"] if s["role"] == "filled"] == [1, 2, 3]
    assert data["names"]["p004"] == "Umar Dahl"
    assert {"pos-ceo", "pos-cto", "pos-head-platform", "pos-principal-platform"} <= set(ids(data["cards"]))


def test_the_heat_map_links_each_unit_to_its_chart(as_user):
    page = as_user("hr").get("/succession").data.decode()
    assert 'href="/succession/chart?unit=u-sales"' in page


def test_the_position_page_links_to_the_chart_at_the_position(as_user):
    page = as_user("hr").get("/succession/positions/pos-head-sales").data.decode()
    assert 'href="/succession/chart?position=pos-head-sales"' in page


@pytest.mark.parametrize(
    "url, entities",
    [
        ("/api/succession/chart?position=pos-cto", ["page:/api/succession/chart", "position:pos-cto"]),
        ("/succession/chart?unit=u-sales", ["org_unit:u-sales", "page:/succession/chart"]),
    ],
)
def test_reading_the_chart_is_recorded_as_a_succession_read(app, as_user, url, entities):
    from tests.web.test_audit_pages import reads, trail_length

    before = trail_length(app)
    assert as_user("hr").get(url).status_code == 200
    assert reads(app, before) == [("web:hr", "read.succession", entities)]


@pytest.mark.neo4j
def test_the_chart_answers_the_same_on_neo4j(demo_pair, accounts_file):
    same_answers(
        demo_pair,
        accounts_file,
        "hr",
        [
            "/api/succession/chart",
            "/api/succession/chart?position=pos-ceo&limit=3&offset=6",
            "/api/succession/chart?around=pos-sre-lead",
            "/api/succession/chart?position=pos-ceo&unit=u-sales",
            "/api/succession/chart?unit=u-nope",
        ],
    )
