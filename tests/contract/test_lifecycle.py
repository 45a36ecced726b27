"""Contract: people leave and things end, the same way on both stores.

fixtures/small.json: Ada (p1) holds pos-vpe and mentors Bruno (p2); Dana (p4)
holds pos-hos, is nominated for pos-vpe and knows Ada and Chen (p3); Chen is
nominated for pos-hos. The network tests use the demo organisation, where
Sana Saleh (p009) mentors Dana Okafor (p033).
"""

from __future__ import annotations

import csv
from datetime import date

import networkx as nx
import pytest

from netgraph.analysis import lifecycle
from netgraph.analysis.introductions import propose, update
from netgraph.analysis.paths import warm_path
from netgraph.analysis.recommend import recommend
from netgraph.errors import Conflict, InvalidInput, NotFound
from netgraph.io.csv_folder import read_csv_folder, write_csv_folder
from netgraph.io.graph_formats import people_network
from netgraph.io.importer import import_document

LEFT_ON = date(2026, 6, 30)
TODAY = date(2026, 11, 24)


@pytest.fixture
def small_store(store, small):
    store.write(small)
    return store


@pytest.fixture
def demo(store, demo_document):
    import_document(store, demo_document)
    return store


def person(store, pid: str) -> dict:
    return store.people([pid])[pid]


# -- leaving ---------------------------------------------------------------------------------------------------


def test_leaving_vacates_the_seats_and_withdraws_the_nominations(small_store):
    found = lifecycle.leave(small_store, "p4", on=LEFT_ON)
    assert (found["vacated"], found["withdrawn"]) == (["pos-hos"], ["pos-vpe"])
    assert small_store.roles_of("p4") == {"holds": [], "nominations": []}
    hos = next(p for p in small_store.export()["positions"] if p["id"] == "pos-hos")
    assert hos["holders"] == []


def test_leaving_marks_the_person_left_on_the_day_and_keeps_their_record(small_store, small):
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    dana = person(small_store, "p4")
    assert (dana["status"], dana["left_on"]) == ("left", "2026-06-30")
    assert {k: v for k, v in dana.items() if k not in ("status", "left_on")} == {
        k: v for k, v in small["people"][3].items() if k not in ("status", "left_on")
    }


def test_leaving_ends_active_mentorships_on_the_day_and_keeps_ended_ones(small_store):
    found = lifecycle.leave(small_store, "p1", on=LEFT_ON)
    assert found["mentorships_ended"] == ["p2"]
    mentorships = {(m["mentor"], m["mentee"]): m for m in small_store.export()["mentorships"]}
    assert (mentorships["p1", "p2"]["status"], mentorships["p1", "p2"]["until"]) == ("ended", "2026-06-30")
    assert mentorships["p2", "p1"]["until"] == "2023-12-31"  # an ended one stays as it was


def test_leaving_closes_in_flight_introductions_with_the_reason_and_keeps_finished_ones(demo):
    proposal = propose(demo, "p009", "p033", "p065", today=TODAY)
    finished = {i["id"]: i for i in demo.introductions(person="p065") if i["status"] in ("met", "declined")}
    lifecycle.leave(demo, "p065", on=TODAY)
    closed = demo.introductions(id=proposal["id"])[0]
    assert (closed["status"], closed["closed_reason"], closed["closed_on"]) == ("closed", "person left", "2026-11-24")
    assert {i["id"]: i for i in demo.introductions(person="p065") if i["id"] in finished} == finished


def test_leaving_keeps_the_knows_links(small_store):
    before = small_store.export()["knows"]
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    assert small_store.export()["knows"] == before


def test_leaving_twice_is_refused(small_store):
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    with pytest.raises(Conflict, match="already left, on 2026-06-30"):
        lifecycle.leave(small_store, "p4", on=LEFT_ON)


def test_a_leaving_date_before_joining_is_refused_and_nothing_changes(small_store):
    before = small_store.export()
    with pytest.raises(InvalidInput, match="before Dana Kovač \\(p4\\) joined, on 2019-01-07"):
        lifecycle.leave(small_store, "p4", on=date(2018, 12, 31))
    assert small_store.export() == before


def test_rejoining_makes_a_leaver_active_and_what_ended_stays_ended(small_store):
    lifecycle.leave(small_store, "p1", on=LEFT_ON)
    lifecycle.rejoin(small_store, "p1")
    ada = person(small_store, "p1")
    assert (ada["status"], ada["left_on"]) == ("active", None)
    assert small_store.roles_of("p1")["holds"] == []
    assert next(m for m in small_store.export()["mentorships"] if m["mentor"] == "p1")["status"] == "ended"


def test_rejoining_someone_who_has_not_left_is_refused(small_store):
    with pytest.raises(Conflict, match="has not left"):
        lifecycle.rejoin(small_store, "p1")


# -- a leaver is out of the network -----------------------------------------------------------------------------


def test_reimporting_an_old_export_does_not_rehire_a_leaver(small_store, small):
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    old = {
        **small,
        "people": [{k: v for k, v in p.items() if k not in ("status", "left_on", "source")} for p in small["people"]],
    }
    old = {k: v for k, v in old.items() if k not in ("positions", "successors")}  # as an HR list of people
    import_document(small_store, old)
    assert (person(small_store, "p4")["status"], person(small_store, "p4")["left_on"]) == ("left", "2026-06-30")


def test_an_empty_status_cell_in_a_csv_import_keeps_the_stored_status(small_store, tmp_path):
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    write_csv_folder({"people": small_store.export()["people"]}, tmp_path)
    with open(tmp_path / "people.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["status"] = row["left_on"] = ""
    with open(tmp_path / "people.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_document(small_store, read_csv_folder(tmp_path)[0])
    assert person(small_store, "p4")["status"] == "left"


def test_a_document_may_not_give_a_leaver_a_seat_or_a_live_mentorship(small_store):
    lifecycle.leave(small_store, "p4", on=LEFT_ON)
    with pytest.raises(InvalidInput) as caught:
        import_document(
            small_store,
            {
                "successors": [{"person": "p4", "position": "pos-hos", "readiness": "ready_now"}],
                "mentorships": [{"mentor": "p4", "mentee": "p3"}],
            },
        )
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("person", "p4 has left: they cannot be nominated"),
        ("mentor", "p4 has left: end the mentorship (status 'ended')"),
    ]


@pytest.fixture
def demo_with_leavers(demo):
    """The demo with three of its best-connected people gone."""
    degrees = people_network(demo.export()).degree()
    hubs = [p for p, _ in sorted(degrees, key=lambda d: (-d[1], d[0]))][:3]
    for hub in hubs:
        lifecycle.leave(demo, hub, on=TODAY)
    return demo, hubs


def test_a_leaver_is_never_a_candidate_or_an_introducer(demo_with_leavers):
    store, hubs = demo_with_leavers
    for mentee in ("p033", "p074", "p100", "p136"):
        for result in recommend(store, mentee, via="all", limit=50, today=TODAY)["results"]:
            assert result["candidate"] not in hubs and result["introducer"] not in hubs


def test_adamic_adar_equals_networkx_on_the_network_without_the_leavers(demo_with_leavers):
    store, hubs = demo_with_leavers
    graph = people_network(store.export())
    assert not set(hubs) & set(graph)
    checked = 0
    for mentee in ("p033", "p074", "p100", "p136", "p009"):
        for result in recommend(store, mentee, via="all", limit=50, today=TODAY)["results"]:
            ((_, _, expected),) = nx.adamic_adar_index(graph, [(mentee, result["candidate"])])
            assert result["components"]["adamic_adar"] == pytest.approx(expected, abs=1e-9)
            checked += 1
    assert checked > 20


def test_recommendations_for_a_leaver_are_refused(demo_with_leavers):
    store, hubs = demo_with_leavers
    with pytest.raises(Conflict, match="has left the organisation"):
        recommend(store, hubs[0], via="all", today=TODAY)


def test_no_warm_path_starts_ends_or_passes_through_a_leaver(demo_with_leavers):
    store, hubs = demo_with_leavers
    with pytest.raises(Conflict, match="has left"):
        warm_path(store, "p033", hubs[0])
    for target in ("p100", "p136", "p074"):
        for path in warm_path(store, "p033", target)["paths"]:
            assert not set(path["people"]) & set(hubs)


def test_a_leaver_is_in_no_neighbourhood_unit_list_or_contact_list(demo_with_leavers):
    store, hubs = demo_with_leavers
    everyone = [p["id"] for p in store.export()["people"]]
    assert not any(set(found) & set(hubs) for found in store.neighbours(everyone).values())
    units = sorted({p["org_unit"] for p in store.export()["people"] if p["org_unit"]})
    assert not any(set(found) & set(hubs) for found in store.unit_members(units).values())
    assert not any(c["id"] in hubs for p in everyone[:40] for c in store.contacts(p))
    view = store.neighbourhood("p033", 3, 1000)
    assert not {p["id"] for p in view["people"]} & set(hubs)
    assert store.neighbourhood(hubs[0], 2, 100)["total"] == 0


def test_a_leaver_is_not_listed_as_a_mentee_without_a_mentor(small_store):
    lifecycle.end_mentorship(small_store, "p1", "p2", on=LEFT_ON)
    assert [m["id"] for m in small_store.mentees_without_mentor()] == ["p1", "p2"]
    lifecycle.leave(small_store, "p2", on=LEFT_ON)
    assert [m["id"] for m in small_store.mentees_without_mentor()] == ["p1"]


def test_a_leaver_cannot_be_proposed_for_an_introduction(demo_with_leavers):
    store, hubs = demo_with_leavers
    with pytest.raises(Conflict, match="has left"):
        propose(store, hubs[0], "p033", "p065", today=TODAY)


# -- introductions remember when each step happened ----------------------------------------------------------


def test_each_status_change_of_an_introduction_records_its_date(demo):
    proposal = propose(demo, "p009", "p033", "p065", today=date(2026, 11, 1))
    update(demo, proposal["id"], status="made", today=date(2026, 11, 3))
    update(demo, proposal["id"], status="accepted", today=date(2026, 11, 5))
    met = update(demo, proposal["id"], status="met", today=date(2026, 11, 20))
    assert [met[f] for f in ("created_on", "made_on", "accepted_on", "met_on", "declined_on", "closed_on")] == [
        "2026-11-01",
        "2026-11-03",
        "2026-11-05",
        "2026-11-20",
        None,
        None,
    ]


# -- edits -----------------------------------------------------------------------------------------------------


def test_nominate_then_change_readiness_then_withdraw(small_store):
    lifecycle.nominate(small_store, "p2", "pos-hos", readiness="ready_3_plus_years", on=LEFT_ON)
    lifecycle.set_readiness(small_store, "p2", "pos-hos", readiness="ready_now")
    assert small_store.roles_of("p2")["nominations"] == [
        {"position": "pos-hos", "title": "Head of Sales", "readiness": "ready_now", "nominated_on": "2026-06-30"}
    ]
    lifecycle.withdraw(small_store, "p2", "pos-hos")
    assert small_store.roles_of("p2")["nominations"] == []


@pytest.mark.parametrize(
    "person, position, error, message",
    [
        ("p3", "pos-hos", Conflict, "already nominated"),
        ("p4", "pos-hos", Conflict, "cannot succeed themselves"),
        ("p2", "pos-nowhere", NotFound, "unknown position"),
        ("p-nobody", "pos-hos", NotFound, "unknown person"),
    ],
)
def test_a_nomination_that_cannot_be_is_refused(small_store, person, position, error, message):
    with pytest.raises(error, match=message):
        lifecycle.nominate(small_store, person, position, readiness="ready_now", on=LEFT_ON)


def test_withdrawing_a_nomination_that_does_not_exist_is_refused(small_store):
    with pytest.raises(NotFound, match="p2 is not nominated for pos-hos"):
        lifecycle.withdraw(small_store, "p2", "pos-hos")


def test_ending_a_mentorship_sets_its_last_day_and_ending_it_again_is_refused(small_store):
    assert lifecycle.end_mentorship(small_store, "p1", "p2", on=LEFT_ON)["until"] == "2026-06-30"
    with pytest.raises(Conflict, match="already ended"):
        lifecycle.end_mentorship(small_store, "p1", "p2", on=LEFT_ON)


def test_removing_a_knows_link_works_either_way_round(small_store):
    lifecycle.remove_knows(small_store, "p4", "p1")
    assert [(k["a"], k["b"]) for k in small_store.export()["knows"]] == [("p1", "p2"), ("p3", "p4")]
    with pytest.raises(NotFound, match="no KNOWS link"):
        lifecycle.remove_knows(small_store, "p1", "p4")


def test_deleting_a_position_that_is_still_referred_to_names_what_refers_to_it(small_store):
    before = small_store.export()
    with pytest.raises(Conflict) as caught:
        lifecycle.delete_position(small_store, "pos-hos")
    assert str(caught.value) == (
        "position pos-hos cannot be deleted while it has holders: p4; nominees: p3; positions reporting to it: pos-ae"
    )
    assert small_store.export() == before


def test_deleting_a_position_nothing_refers_to_removes_it(small_store):
    lifecycle.delete_position(small_store, "pos-ae")
    assert [p["id"] for p in small_store.export()["positions"]] == ["pos-hos", "pos-vpe"]


def test_moving_a_person_changes_their_unit_only(small_store, small):
    moved = lifecycle.move_person(small_store, "p3", unit="u-eng")
    assert moved == {**small["people"][2], "org_unit": "u-eng"}


def test_moving_a_person_the_hr_sync_owns_is_refused(small_store):
    small_store.write({"people": [{**person(small_store, "p3"), "source": "hr"}]})
    with pytest.raises(Conflict, match="comes from the HR system"):
        lifecycle.move_person(small_store, "p3", unit="u-eng")


def test_moving_a_person_to_an_unknown_unit_is_refused(small_store):
    with pytest.raises(InvalidInput, match="unknown org unit 'u-nowhere'"):
        lifecycle.move_person(small_store, "p3", unit="u-nowhere")


def test_a_person_can_close_and_reopen_themselves_to_introductions(small_store):
    assert lifecycle.set_open_to_intros(small_store, "p1", False)["open_to_intros"] is False
    assert lifecycle.set_open_to_intros(small_store, "p1", True)["open_to_intros"] is True


def test_a_person_can_stand_aside_from_mentoring_rounds_and_come_back(small_store):
    assert lifecycle.set_open_to_mentoring(small_store, "p1", False)["open_to_mentoring"] is False
    assert lifecycle.set_open_to_mentoring(small_store, "p1", True)["open_to_mentoring"] is True
