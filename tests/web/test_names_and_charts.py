"""Pages speak in names: people, positions and units by name, the id only in a tooltip or small print;
fields suggest names and send ids; the programme and succession pages draw their figures as SVG charts."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from netgraph.model.validate import validate
from netgraph.web.chart_shapes import MENTORS_SHOWN
from tests.web.one_store import embedded_demo_store, embedded_store, same_answers  # noqa: F401 (one store)

#: A person's id as the demo spells it (p001...p150).
PERSON_ID = re.compile(r"\bp\d{3}\b")


def seen(page: str) -> str:
    """The text a reader sees: scripts, tooltips and small print (``<small>``) taken out with the tags."""
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    page = re.sub(r"<small\b.*?</small>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", "", page)


def svg(page: str, chart_id: str) -> str:
    """The ``<svg>`` of the chart ``chart_id`` on a page."""
    figure = page.split(f'id="{chart_id}"', 1)[1]
    return figure.split("<svg", 1)[1].split("</svg>", 1)[0]


# -- names where a person reads -------------------------------------------------------------------


def test_the_heat_map_lists_successors_by_name_with_the_id_as_tooltip(as_user):
    page = as_user("hr").get("/succession").get_data(as_text=True)
    row = page.split('data-position="pos-head-sales"', 1)[1].split("</tr>", 1)[0]
    assert 'title="p099">Eitan Eze</a>' in row and "Sales" in seen(row)
    assert not PERSON_ID.search(seen(page)) and "pos-" not in seen(page)


def test_the_heat_map_names_the_people_nominated_for_many_positions(as_user):
    page = as_user("hr").get("/succession").get_data(as_text=True)
    report = as_user("hr").get("/api/succession").json
    for many in report["nominated_for_many"]:
        assert f'title="{many["person"]}">{many["name"]}</a>' in page


def test_the_succession_api_carries_names_beside_the_ids(as_user):
    report = as_user("hr").get("/api/succession").json
    head_sales = next(p for p in report["positions"] if p["id"] == "pos-head-sales")
    assert head_sales["org_unit_name"] == "Sales" and head_sales["incumbent_names"] == ["Jin Larsen"]
    assert {s["person"]: s["name"] for s in head_sales["successor_details"]}["p099"] == "Eitan Eze"


def test_the_position_page_names_people_and_seats_and_keeps_the_id_in_small_print(as_user):
    page = as_user("hr").get("/succession/positions/pos-cto").get_data(as_text=True)
    assert '<small class="muted id">pos-cto</small>' in page
    assert "Left vacant: Principal Engineer." in seen(page)
    assert not PERSON_ID.search(seen(page)) and "pos-" not in seen(page)


def test_the_promotion_chain_graph_labels_seats_by_title_and_people_by_name(as_user):
    page = as_user("hr").get("/succession/positions/pos-cto").get_data(as_text=True)
    graph = json.loads(html.unescape(page.split('id="chain-data">', 1)[1].split("</script>", 1)[0]))
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    assert labels["position:pos-head-platform"] == "Head of Platform" and labels["person:p008"] == "Dilnoza Jansen"
    assert {n["title"] for n in graph["nodes"]} >= {"Head of Platform (pos-head-platform)", "Dilnoza Jansen (p008)"}


def test_the_what_if_page_names_everyone_and_every_seat(as_user):
    page = as_user("hr").post_form("/succession/what-if", {"leavers": "p078", "promote": "1"}).get_data(as_text=True)
    shown = seen(page)
    assert "If Jin Larsen leaves" in shown
    assert "Promote Eitan Eze into VP Sales, vacating Head of Sales APAC" in shown
    assert not PERSON_ID.search(shown) and "pos-" not in shown
    assert 'data-id="p078"' in page  # the leaver stays chosen in the field, sent by id


def test_the_what_if_api_names_the_ids_it_lists(as_user):
    found = as_user("hr").post_json("/api/succession/what-if", {"leavers": ["p078"], "promote": True}).json
    assert found["names"]["people"]["p099"] == "Eitan Eze"
    assert found["names"]["positions"] == {"pos-head-sales": "VP Sales", "pos-head-apac": "Head of Sales APAC"}


def test_the_introductions_page_names_the_three_people_with_ids_in_tooltips(as_user):
    page = as_user("hr").get("/introductions").get_data(as_text=True)
    row = page.split('data-introduction="i001"', 1)[1].split("</tr>", 1)[0]
    assert 'title="p008">' in row and not PERSON_ID.search(seen(row)) and "i001" not in seen(row)


def test_the_introductions_api_carries_names_only_of_the_introductions_the_caller_sees(as_user):
    listed = as_user("olga").get("/api/introductions").json["introductions"]
    assert {i["id"] for i in listed} >= {"i005"} and "i004" not in {i["id"] for i in listed}
    assert all(i["by_name"] and i["introduce_name"] and i["to_name"] for i in listed)


def test_the_person_page_names_the_unit_and_the_people_of_each_introduction(as_user):
    page = as_user("hr").get("/people/p065").get_data(as_text=True)
    assert re.search(r'<span class="unit" title="u-[a-z-]+">[A-Z]', page)
    introductions = page.split('<ul class="introductions">', 1)[1].split("</ul>", 1)[0]
    assert introductions.count("<li") == 3 and not PERSON_ID.search(seen(introductions))


def test_the_warm_path_form_shows_the_names_it_was_sent_and_sends_ids(as_user):
    page = as_user("vic").get("/paths?from=p033&to=p100").get_data(as_text=True)
    assert 'value="Dana Okafor" title="p033"' in page and '<input type="hidden" name="from" value="p033">' in page
    assert not PERSON_ID.search(seen(page))


# -- fields that suggest names --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, field, kind",
    [
        ("/succession/positions/pos-cto", "person", "people"),
        ("/people/p033", "unit", "units"),
        ("/people/p033", "b", "people"),
        ("/paths", "to_skill", "skills"),
        ("/succession/what-if", "leavers", "people"),
    ],
)
def test_every_field_asking_for_someone_suggests_names_and_sends_the_id(as_user, url, field, kind):
    page = as_user("hr").get(url).get_data(as_text=True)
    box = page.split(f'<input type="hidden" name="{field}"', 1)[0].rsplit('<span class="suggest', 1)[1]
    assert f'data-suggest="{kind}"' in box and 'role="combobox"' in box
    assert '<script src="/static/suggest.js" defer></script>' in page


def test_the_unit_search_api_gives_names_ids_and_the_parent(as_user):
    found = as_user("vic").get("/api/units?q=sales").json["units"]
    assert [(u["id"], u["name"], u["parent_name"]) for u in found] == [
        ("u-sales", "Sales", "Northwind Labs"),
        ("u-sales-apac", "Sales APAC", "Sales"),
        ("u-sales-emea", "Sales EMEA", "Sales"),
    ]


def test_the_skill_search_api_gives_skill_names(as_user):
    assert as_user("olga").get("/api/skills?q=NEG").json == {"skills": ["negotiation"]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/units?q=s",
        "/api/skills?q=",
        "/api/units?q=sa&limit=51",
        "/api/skills?q=an&limit=0",
        "/api/units?q=sa&limit=ten",
    ],
)
def test_the_searches_refuse_short_text_and_limits_out_of_range(as_user, url):
    response = as_user("vic").get(url)
    assert response.status_code == 422 and response.json["problems"][0]["field"] in ("q", "limit")


def test_the_searches_stop_at_the_limit(as_user):
    viewer = as_user("vic")
    assert len(viewer.get("/api/units?q=u-&limit=2").json["units"]) == 2
    assert len(viewer.get("/api/skills?q=an&limit=3").json["skills"]) == 3


@pytest.mark.parametrize("url", ["/api/units?q=sales", "/api/skills?q=neg"])
def test_the_searches_need_a_login(app, url):
    response = app.test_client().get(url)
    assert response.status_code == 401


def test_people_of_one_name_are_told_apart_by_title_and_unit(store, writable_as):
    hr = writable_as("hr")
    store.write(
        validate(
            {"people": [{"id": "p900", "name": "Dana Okafor", "title": "Controller", "org_unit": "u-finance"}]},
            existing=store,
        )
    )
    found = hr.get("/api/people?q=dana okafor").json["people"]
    assert [(p["id"], p["title"], p["org_unit_name"]) for p in found] == [
        ("p033", "Senior Developer", "Applications"),
        ("p900", "Controller", "Finance"),
    ]


# -- CSV with names -------------------------------------------------------------------------------


def test_the_succession_csv_has_a_name_column_beside_each_id_column(as_user):
    rows = list(csv.DictReader(io.StringIO(as_user("hr").get("/succession.csv").get_data(as_text=True))))
    head_sales = next(r for r in rows if r["id"] == "pos-head-sales")
    assert head_sales["org_unit_name"] == "Sales" and head_sales["incumbent_names"] == "Jin Larsen"
    ready = dict(zip(head_sales["ready_now"].split(";"), head_sales["ready_now_names"].split(";"), strict=True))
    assert ready["p099"] == "Eitan Eze"


# -- charts ---------------------------------------------------------------------------------------


def test_the_succession_page_charts_bench_strength_with_a_bar_per_unit(as_user):
    page = as_user("hr").get("/succession").get_data(as_text=True)
    drawn = svg(page, "chart-bench")
    units = as_user("hr").get("/api/succession").json["org_units"]
    assert drawn.count('<rect class="chart-bar') == len(units) == 12
    assert 'role="img"' in drawn and "<desc" in drawn and "Northwind Labs: 44%" in drawn


def test_a_chart_has_a_table_twin_with_the_same_numbers(as_user):
    page = as_user("hr").get("/succession").get_data(as_text=True)
    twin = page.split('id="chart-bench"', 1)[1].split("</figure>", 1)[0].split("<table>", 1)[1]
    assert twin.count("<tr>") == 12 + 1 and "<td>44%</td>" in twin


def test_the_programme_page_charts_mentor_load_and_introductions_by_month(as_user):
    hr = as_user("hr")
    page = hr.get("/programme").get_data(as_text=True)
    overview = hr.get("/api/programme").json
    assert svg(page, "chart-mentor-load").count('<rect class="chart-bar') == min(
        MENTORS_SHOWN, len(overview["mentors"])
    )
    by_month = svg(page, "chart-by-month")
    assert by_month.count('<g class="chart-column">') == len(overview["introductions_by_month"])
    assert by_month.count('<rect class="chart-segment') == sum(
        1 for row in overview["introductions_by_month"] for s in overview["introductions_by_status"] if row[s]
    )


def test_the_programme_page_charts_the_time_from_proposal_to_meeting(writable_as):
    hr = writable_as("hr")
    assert hr.post_json("/api/introductions/i002", {"status": "met"}).status_code == 200  # accepted -> met
    overview = hr.get("/api/programme").json
    assert overview["time_to_meet"]["met"] == 1 and sum(b["count"] for b in overview["time_to_meet"]["buckets"]) == 1
    page = hr.get("/programme").get_data(as_text=True)
    assert svg(page, "chart-time-to-meet").count('<rect class="chart-bar') == 6
    assert "1 met introduction with both dates" in page


def test_charts_use_no_inline_style_and_load_nothing(as_user):
    for url in ("/succession", "/programme"):
        page = as_user("hr").get(url).get_data(as_text=True)
        assert "style=" not in page and "<script>" not in page


@pytest.mark.neo4j
def test_names_and_chart_data_answer_the_same_on_neo4j(demo_pair, accounts_file):
    same_answers(
        demo_pair,
        accounts_file,
        "hr",
        [
            "/api/units?q=sales",
            "/api/units?q=u-&limit=2",
            "/api/skills?q=an&limit=3",
            "/api/succession",
            "/api/programme",
        ],
    )
