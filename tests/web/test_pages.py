"""The pages render what the library finds, for the roles that may see them."""

from __future__ import annotations

import json
import re


def text(page: str) -> str:
    """What a reader sees of a page: the tags (and their tooltips) taken out."""
    return re.sub(r"<[^>]+>", "", page)


def test_searching_a_name_lists_matching_people(as_user):
    page = as_user("vic").get("/?q=okafor").data.decode()
    assert 'href="/people/p033"' in page and "Dana Okafor" in page


def test_the_search_api_returns_people_by_name(as_user):
    found = as_user("vic").get("/api/people?q=okafor").json["people"]
    assert [p["id"] for p in found] == ["p033"]


def test_a_mentor_sees_explained_recommendations_with_a_propose_action(as_user):
    page = as_user("sana").get("/people/p033").data.decode()
    assert "Whom to introduce Dana Okafor to" in page
    assert "Mateus Pillai" in page and "Dana Okafor → Sana Saleh → Mateus Pillai" in text(page)
    assert "Propose this introduction" in page


def test_a_viewer_sees_the_person_but_no_recommendations(as_user):
    page = as_user("vic").get("/people/p033").data.decode()
    assert "Sana Saleh" in page and "Whom to introduce" not in page


def test_the_person_page_lists_mentors_mentees_skills_and_goals(as_user):
    page = as_user("hr").get("/people/p125").data.decode()
    assert "Mentees" in page and page.count('href="/people/p0') + page.count('href="/people/p1') >= 6


def test_the_warm_path_page_names_each_link(as_user):
    page = as_user("vic").get("/paths?from=p033&to=p100").data.decode()
    assert "Dana Okafor → Zeynep Lund → Eitan Eze → Lucia Rojas" in text(page)


def test_the_succession_heat_map_shows_bench_strength_per_unit(as_user):
    page = as_user("hr").get("/succession").data.decode()
    assert 'class="heat-mid"' in page and "Sales APAC" in page and "44%" in page
    assert "cascade" in page and "shared_cover" in page


def test_the_succession_heat_map_shows_the_seats_the_bench_can_fill_at_once(as_user):
    page = as_user("hr").get("/succession").data.decode()
    engineering = next(row for row in page.split("<tr") if 'title="u-eng"' in row)
    assert "57%" in engineering and '<td class="at-once">14%</td>' in engineering
    assert 'href="/succession/positions/pos-head-data"' in engineering


def test_the_succession_csv_downloads_every_position(as_user):
    response = as_user("hr").get("/succession.csv")
    assert response.mimetype == "text/csv" and len(response.data.decode().splitlines()) == 43


def test_the_position_page_shows_successors_and_pipeline(as_user):
    page = as_user("hr").get("/succession/positions/pos-staff-apps").data.decode()
    assert "Amara Byrne" in page and "mentored by the incumbent" in page


def test_the_what_if_form_shows_before_and_after(as_user):
    hr = as_user("hr")
    page = hr.post_form("/succession/what-if", {"leavers": "p099", "promote": "1"}).data.decode()
    assert "Newly vacant: Head of Sales APAC" in text(page) and "Lucia Rojas, Arjun Petrovic" in text(page)


def test_the_what_if_api_matches_the_library(as_user):
    found = as_user("hr").post_json("/api/succession/what-if", {"leavers": ["p078"], "promote": True}).json
    assert found["chain"] == [{"position": "pos-head-sales", "filled_by": "p099", "vacates": "pos-head-apac"}]


def test_the_programme_overview_lists_mentees_without_a_mentor(as_user):
    overview = as_user("hr").get("/api/programme").json
    assert [m["id"] for m in overview["mentees_without_mentor"]] == ["p070", "p113", "p143"]
    assert overview["mentors"][0] == {"id": "p125", "name": "Olga Amini", "mentees": 6}
    assert sum(overview["introductions_by_status"].values()) == 25
    assert "Ximena Tehrani" in as_user("hr").get("/programme").data.decode()


def test_the_introductions_page_filters_by_status(as_user):
    page = as_user("hr").get("/introductions?status=declined").data.decode()
    assert "i004" in page and "i022" in page and "i001" not in page


def test_the_network_api_returns_the_capped_neighbourhood_with_styles(as_user):
    found = as_user("vic").get("/api/people/p033/network?depth=2").json
    assert found["person"] == "p033" and found["shown"] == found["total"] == len(found["nodes"]) - 1
    me = next(n for n in found["nodes"] if n["id"] == "p033")
    assert (me["x"], me["y"]) == (0.0, 0.0) and me["label"] == "Dana Okafor"
    mentoring = [e for e in found["edges"] if e["from"] == "p009" and e["to"] == "p033"]
    assert any(e["arrows"] == "to" and e["title"].startswith("mentors") for e in mentoring)
    assert {item["org_unit"] for item in found["legend"]} >= {"u-apps", "u-platform"}


def test_the_network_api_filters_link_types_and_units(as_user):
    only_knows = as_user("vic").get("/api/people/p033/network?types=KNOWS").json
    assert {e["title"].split()[0] for e in only_knows["edges"]} == {"knows,"}
    one_unit = as_user("vic").get("/api/people/p033/network?depth=2&units=u-sales-emea").json
    assert {n["color"] for n in one_unit["nodes"] if n["id"] != "p033"} and all(
        "u-sales-emea" in n["title"] for n in one_unit["nodes"] if n["id"] != "p033"
    )


def test_the_network_api_refuses_a_depth_beyond_three(as_user):
    assert as_user("vic").get("/api/people/p033/network?depth=4").status_code == 422


def test_the_explorer_page_loads_only_assets_of_this_app(as_user):
    page = as_user("vic").get("/explore/p033").data.decode()
    assert 'data-person="p033"' in page
    assert 'src="/vendor/vis-network.min.js"' in page and "http" not in page.split("<main>")[1]
    assert as_user("vic").get("/vendor/vis-network.min.js").status_code == 200
    assert as_user("vic").get("/vendor/other.js").status_code == 404


def test_the_network_api_highlights_a_warm_path_beyond_the_drawn_depth(as_user):
    path = as_user("vic").get("/api/paths?from=p033&to=p100").json["paths"][0]["people"]
    found = as_user("vic").get("/api/people/p033/network?depth=1&" + "&".join(f"path={p}" for p in path)).json
    drawn = {n["id"] for n in found["nodes"]}
    assert set(path) <= drawn
    highlighted = [(e["from"], e["to"]) for e in found["edges"] if e["title"] == "the warm path"]
    assert highlighted == list(zip(path, path[1:], strict=False))
    assert all(n["borderWidth"] == 4 for n in found["nodes"] if n["id"] in path)


def test_the_position_page_draws_the_promotion_chain_if_the_incumbent_leaves(as_user):
    page = as_user("hr").get("/succession/positions/pos-cto").data.decode()
    data = json.loads(page.split('<script type="application/json" id="chain-data">')[1].split("</script>")[0])
    assert {n["id"] for n in data["nodes"]} >= {"position:pos-cto", "person:p008", "position:pos-head-platform"}
    assert "Left vacant: Principal Engineer." in text(page)


def test_the_what_if_page_draws_the_chain_when_promoting(as_user):
    page = as_user("hr").post_form("/succession/what-if", {"leavers": "p078", "promote": "1"}).data.decode()
    assert 'id="chain-data"' in page and "person:p099" in page
