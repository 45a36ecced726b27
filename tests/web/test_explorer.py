"""The explorer that grows: expansions with their limits said, a view in the URL that survives going stale,
unit names in the legend, and the mentor overlay's candidate links (the web layer, on one store; the
answers on Neo4j: the last test)."""

from __future__ import annotations

import json

import pytest

from netgraph.web import create_app
from tests.web.conftest import Browser
from tests.web.one_store import embedded_demo_store, embedded_store, same_answers  # noqa: F401 (one store)

API = "/api/people/{}/network"


def drawn(answer: dict) -> set[str]:
    return {n["id"] for n in answer["nodes"]}


def page_view(response) -> dict:
    page = response.data.decode()
    return json.loads(page.split('<script type="application/json" id="explorer-view">')[1].split("</script>")[0])


@pytest.fixture
def small_views(demo_store, accounts_file):
    """The demo app with at most 8 people drawn per view and per expansion, logged in as a viewer."""
    app = create_app(
        {
            "SECRET_KEY": "test secret",
            "TESTING": True,
            "NETGRAPH_USERS": str(accounts_file),
            "NETGRAPH_EXPLORER_MAX_NODES": 8,
        },
        store=demo_store,
    )
    return Browser(app).login("vic")


def test_expanding_a_person_adds_their_contacts_and_says_how_many_of_how_many(as_user):
    before = as_user("vic").get(API.format("p033")).json
    grown = as_user("vic").get(API.format("p033") + "?expand=p036").json
    [expansion] = grown["expansions"]
    assert expansion["person"] == "p036" and expansion["name"] == "Nia Menon"
    assert expansion["shown"] == expansion["total"] == 9 and expansion["cut"] == 0
    assert set(expansion["added"]) == drawn(grown) - drawn(before) and expansion["added"]


def test_an_expansion_beyond_the_limit_is_cut_and_says_so(small_views):
    grown = small_views.get(API.format("p033") + "?expand=p036").json
    [expansion] = grown["expansions"]
    assert (expansion["shown"], expansion["total"], expansion["cut"], expansion["limit"]) == (8, 9, 1, 8)
    assert (grown["shown"], grown["total"]) == (8, 11)


def test_every_link_among_the_people_drawn_is_drawn_after_expansions(as_user, demo_store):
    grown = as_user("vic").get(API.format("p033") + "?expand=p036&expand=p029").json
    people = drawn(grown)
    linked = {
        frozenset((a, b)) for a, others in demo_store.neighbours(sorted(people)).items() for b in others if b in people
    }
    edges = {frozenset((e["from"], e["to"])) for e in grown["edges"] if e["id"].split(":")[0] in ("knows", "mentors")}
    assert edges == linked


def test_each_edge_is_drawn_once_with_a_stable_id(as_user):
    grown = as_user("vic").get(API.format("p033") + "?depth=2&expand=p036").json
    ids = [e["id"] for e in grown["edges"]]
    assert len(ids) == len(set(ids))
    assert ids == [e["id"] for e in as_user("vic").get(API.format("p033") + "?depth=2&expand=p036").json["edges"]]


def test_collapsing_an_expansion_leaves_the_people_another_expansion_also_brought(as_user):
    both = as_user("vic").get(API.format("p033") + "?expand=p036&expand=p038").json
    only_second = as_user("vic").get(API.format("p033") + "?expand=p038").json
    first = next(e for e in both["expansions"] if e["person"] == "p036")
    assert drawn(only_second) == drawn(both) - (set(first["added"]) - drawn(only_second))
    assert drawn(only_second) < drawn(both) and "p033" in drawn(only_second)


def test_expansions_of_people_not_in_view_or_unknown_are_left_out_with_a_notice(as_user):
    answer = as_user("vic").get(API.format("p033") + "?expand=p999&expand=p100&expand=p036")
    assert answer.status_code == 200
    assert [e["person"] for e in answer.json["expansions"]] == ["p036"]
    assert answer.json["notices"] == [
        "there is no one with id 'p999' (any more): their expansion is left out",
        "Lucia Rojas is not in this view (any more): their expansion is left out",
    ]


def test_an_unknown_unit_filter_is_dropped_with_a_notice(as_user):
    answer = as_user("vic").get(API.format("p033") + "?units=u-nowhere").json
    assert answer["notices"] == ["there is no org unit 'u-nowhere': it is left out of the filter"]
    assert len(answer["nodes"]) == len(as_user("vic").get(API.format("p033")).json["nodes"])


def test_the_legend_names_org_units_and_keeps_the_id_for_tooltips(as_user):
    answer = as_user("vic").get(API.format("p033")).json
    assert {"org_unit": "u-apps", "name": "Applications", "colour": "#4e79a7"} in answer["legend"]
    assert answer["units"]["u-apps"] == "Applications"
    me = next(n for n in answer["nodes"] if n["id"] == "p033")
    assert "Applications (u-apps)" in me["title"].split("\n")


def test_the_explorer_page_brings_a_bad_url_to_the_nearest_view_with_notices(as_user):
    response = as_user("vic").get("/explore/p033?depth=7&types=KNOWS&types=FRIENDS&unit=u-nowhere&expand=p036")
    assert response.status_code == 200
    data = page_view(response)
    assert data["view"] == {
        "depth": 3,
        "types": ["KNOWS"],
        "unit": "",
        "path_to": "",
        "expand": ["p036"],
        "overlay": False,
        "mentee": "",
    }
    assert data["notices"] == [
        "depth 7 is out of range (1 to 3): showing depth 3",
        "'FRIENDS' is not a kind of link (knows, mentors, introduction): left out",
        "there is no org unit 'u-nowhere': showing every unit",
    ]


def test_the_explorer_page_reads_a_depth_that_is_not_a_number_as_one(as_user):
    data = page_view(as_user("vic").get("/explore/p033?depth=two"))
    assert data["view"]["depth"] == 1 and data["notices"] == ["depth 'two' is not a whole number: showing depth 1"]


def test_the_explorer_page_of_an_unknown_person_is_a_404_offering_the_name_search(as_user):
    response = as_user("vic").get("/explore/p-nobody")
    page = response.data.decode()
    assert response.status_code == 404
    assert "There is no one with id “p-nobody”" in page and 'role="search"' in page and 'name="q"' in page


def test_the_mentor_overlay_draws_a_mentees_recommendations_as_candidate_links(as_user):
    sana = as_user("sana")
    answer = sana.get(API.format("p009") + "?overlay=mentor&mentee=p033").json
    recommended = [r["candidate"] for r in sana.get("/api/people/p033/recommendations").json["results"]]
    assert {"id": "p033", "name": "Dana Okafor"} in answer["overlay"]["mentees"]
    assert [c["to"] for c in answer["overlay"]["candidates"]] == recommended
    candidates = [e for e in answer["edges"] if e["id"].startswith("candidate:")]
    assert [(e["from"], e["to"]) for e in candidates] == [("p033", r) for r in recommended]
    assert set(recommended) <= drawn(answer)
    assert all(not e.get("dashes") and e["smooth"]["type"] == "curvedCW" for e in candidates)
    assert [k["kind"] for k in answer["link_legend"]][-1] == "candidate"


def test_the_mentor_overlay_shows_recommendations_only_to_whom_may_see_them(as_user):
    answer = as_user("vic").get(API.format("p009") + "?overlay=mentor&mentee=p033").json
    assert answer["overlay"]["candidates"] == [] and answer["overlay"]["mentee"] is None
    assert answer["notices"] == ["only a mentee's own mentor, HR or an admin may see their recommended introductions"]
    assert "candidate" not in [k["kind"] for k in answer["link_legend"]]


def test_the_mentor_overlay_refuses_a_mentee_of_someone_else_with_a_notice(as_user):
    answer = as_user("hr").get(API.format("p009") + "?overlay=mentor&mentee=p100").json
    assert answer["overlay"]["mentee"] is None and answer["overlay"]["candidates"] == []
    assert answer["notices"] == ["'p100' is not a mentee of Sana Saleh: pick one of their mentees"]


@pytest.mark.parametrize(
    "user, url",
    [
        ("vic", "/api/people/p033/network?depth=2&expand=p036&expand=p029&expand=p999&units=u-nowhere"),
        ("sana", "/api/people/p009/network?overlay=mentor&mentee=p033"),
        ("vic", "/api/people/p009/network?overlay=mentor&mentee=p033"),
    ],
)
def test_grown_views_and_the_overlay_match_the_described_schema(as_user, user, url):
    from tests.web.test_openapi import response_schema, validator

    response = as_user(user).get(url)
    assert response.status_code == 200
    validator(response_schema("GET", "/api/people/{person}/network", 200))(response.json)


def test_an_expansion_of_someone_who_has_left_is_left_out_with_a_notice(writable_as):
    hr = writable_as("hr")
    assert hr.post_json("/api/people/p036/leave", {"on": "2026-11-30"}).status_code == 200
    answer = hr.get(API.format("p033") + "?expand=p036").json
    assert answer["expansions"] == [] and "p036" not in drawn(answer)
    assert answer["notices"] == ["Nia Menon has left: their expansion is left out"]


def test_parameters_of_a_shared_url_reach_the_page_only_as_escaped_data(as_user):
    page = as_user("vic").get("/explore/p033?unit=</script><script>alert(1)</script>&expand=<b>").data.decode()
    assert "<script>alert(1)" not in page and "<b>" not in page
    assert page_view(as_user("vic").get("/explore/p033?unit=</script>x"))["notices"] == [
        "there is no org unit '</script>x': showing every unit"
    ]


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "user, url",
    [
        ("vic", API.format("p033") + "?depth=2&expand=p036&expand=p029&expand=p999&units=u-nowhere"),
        ("sana", API.format("p009") + "?overlay=mentor&mentee=p033"),
    ],
)
def test_grown_views_and_the_overlay_answer_the_same_on_neo4j(demo_pair, accounts_file, user, url):
    same_answers(demo_pair, accounts_file, user, [url])
