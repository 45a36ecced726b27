"""Ties from evidence, on both stores: ingest, idempotence, provenance, ageing, removal, opt-out, org chart.

The organisation is small and the events are written here, so every tie
below can be checked by hand against the rules of netgraph/model/ties.py
(two events within 28 days make a tie; strength 1 - exp(-evidence / 5)).
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from netgraph.analysis import erasure, lifecycle
from netgraph.analysis.ties import figures, from_org_chart, ingest, refresh, set_opt_out
from netgraph.model.validate import validate
from netgraph.store import EmbeddedStore
from tests import neo4j_support

PEOPLE = [
    {"id": f"p{i}", "name": f"Person {i}", "email": f"p{i}@example.com", "org_unit": "u1" if i <= 4 else "u2"}
    for i in range(1, 10)
]
DOCUMENT = {
    "org_units": [{"id": "u1", "name": "One"}, {"id": "u2", "name": "Two"}],
    "people": PEOPLE,
    "positions": [
        {"id": "boss", "title": "Boss", "holders": [{"person": "p5"}]},
        {"id": "dev", "title": "Dev", "reports_to": "boss", "holders": [{"person": "p1"}]},
    ],
    "knows": [{"a": "p3", "b": "p4", "strength": 0.9, "context": "same team"}],
}
HEADER = "timestamp,channel,sender,participants,duration_minutes\n"
EVENTS = (
    "2026-11-02T09:00:00Z,meeting,p1,p1;p2,30\n"
    "2026-11-10T09:00:00Z,meeting,P2@Example.com,p1;p2,30\n"  # p1-p2: two meetings 8 days apart, a tie
    "2026-11-03T09:00:00Z,meeting,p1,p1;p3,30\n"  # p1-p3: once only, no tie
    "2026-11-04T09:00:00Z,email,p3,p4,\n"
    "2026-11-05T09:00:00Z,chat,p3,p4,\n"  # p3-p4: declared 0.9, and evidence
    "2026-11-06T09:00:00Z,meeting,p1,p1;p2;p3;p4;p5;p6;p7;p8;p9,60\n"  # nine people: too large to count
    "2026-11-07T09:00:00Z,meeting,p1,p1;nobody@example.com,30\n"
)


@pytest.fixture
def org(store):
    store.write(validate(DOCUMENT))
    return store


def events_file(tmp_path, text=EVENTS, name="events.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def knows(store) -> dict[tuple[str, str], dict]:
    return {(k["a"], k["b"]): k for k in store.export()["knows"]}


def evidence(store, pairs=None) -> list[dict]:
    """The store's counts, sorted (the port streams them in no particular order)."""
    return sorted(store.tie_evidence(pairs), key=lambda r: (r["a"], r["b"], r["channel"], r["day"], r["events"]))


def strength(*observations) -> float:
    """The rule, by hand: (channel weight, age in days) per event."""
    return round(1 - math.exp(-sum(w * 2 ** (-age / 90) for w, age in observations) / 5), 4)


def test_two_meetings_within_the_window_make_a_tie_with_its_sources_and_dates(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    tie = knows(org)[("p1", "p2")]
    assert tie["sources"] == ["interactions"]
    assert (tie["first_seen"], tie["last_seen"], tie["since"]) == ("2026-11-02", "2026-11-10", "2026-11-02")
    assert tie["evidence_strength"] == strength((1, 8), (1, 0)) == tie["strength"]
    assert tie["declared_strength"] is None and tie["retired_on"] is None


def test_one_meeting_or_one_too_large_to_count_makes_no_tie(org, tmp_path):
    report = ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    assert ("p1", "p3") not in knows(org) and ("p5", "p6") not in knows(org)
    assert report["events"]["skipped_too_large"] == 1


def test_unknown_people_are_counted_and_listed(org, tmp_path):
    report = ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    assert report["events"]["unknown_people"] == 1 and report["events"]["unknown_first"] == ["nobody@example.com"]


def test_evidence_joins_a_declared_tie_and_the_strongest_source_counts(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    tie = knows(org)[("p3", "p4")]
    assert tie["sources"] == ["declared", "interactions"]
    assert tie["declared_strength"] == 0.9 and tie["evidence_strength"] == strength((0.3, 6), (0.5, 5))
    assert tie["strength"] == 0.9 and tie["context"] == "same team"


def test_ingesting_the_same_file_again_changes_nothing(org, tmp_path):
    path = events_file(tmp_path)
    ingest(org, [path], as_of=date(2026, 11, 10))
    before = (org.export(), evidence(org), org.stats()["audit"])

    again = ingest(org, [path], as_of=date(2026, 11, 10))

    assert (again["new_files"], again["already_ingested"]) == (0, 1)
    assert (org.export(), evidence(org), org.stats()["audit"]) == before


def test_the_store_keeps_per_pair_channel_day_counts_and_never_an_event(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    rows = sorted(org.tie_evidence([("p1", "p2")]), key=lambda r: r["day"])
    assert [(r["channel"], r["day"], r["events"]) for r in rows] == [
        ("meeting", "2026-11-02", 1),
        ("meeting", "2026-11-10", 1),
    ]
    assert set(rows[0]) == {"a", "b", "channel", "day", "events", "minutes"}


def test_late_events_for_days_already_ingested_are_added_to_them(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    late = events_file(tmp_path, "2026-11-02T15:00:00Z,call,p1,p1;p2,10\n", name="late.csv")

    ingest(org, [late], as_of=date(2026, 11, 10))

    days = {(r["channel"], r["day"]): r["events"] for r in org.tie_evidence([("p1", "p2")])}
    assert days[("call", "2026-11-02")] == 1 and days[("meeting", "2026-11-02")] == 1
    assert knows(org)[("p1", "p2")]["evidence_strength"] == strength((1, 8), (1, 8), (1, 0))


def test_a_dry_run_reads_and_counts_but_writes_nothing(org, tmp_path):
    before = (org.export(), org.tie_batches())
    report = ingest(org, [events_file(tmp_path)], dry_run=True)
    assert report["pairs_touched"] == 3 and (org.export(), org.tie_batches()) == before


def test_refresh_ages_ties_and_retires_those_known_only_from_faded_evidence(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))

    report = refresh(org, as_of=date(2028, 1, 1))

    ties = knows(org)
    assert ties[("p1", "p2")]["retired_on"] == "2028-01-01" and report["ties"]["retired"] == 1
    assert ties[("p3", "p4")]["retired_on"] is None  # declared: people's word does not age


def test_a_retired_tie_is_in_no_analysis(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    assert "p2" in org.neighbours(["p1"])["p1"]
    refresh(org, as_of=date(2028, 1, 1))

    assert "p2" not in org.neighbours(["p1"])["p1"]
    assert all(c["id"] != "p2" for c in org.contacts("p1"))
    view = org.neighbourhood("p1", 2, 50)
    assert all({link["from"], link["to"]} != {"p1", "p2"} for link in view["links"])
    assert org.strongest_path("p1", "p2", max_hops=3, mentor_strength=0.5, missing_strength=0.3) is None


def test_refreshing_to_an_earlier_day_brings_a_retired_tie_back(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    refresh(org, as_of=date(2028, 1, 1))
    refresh(org, as_of=date(2026, 12, 1))
    assert knows(org)[("p1", "p2")]["retired_on"] is None
    assert "p2" in org.neighbours(["p1"])["p1"]


def test_a_link_removed_by_hand_is_not_recreated_by_evidence_from_before_its_removal(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    lifecycle.remove_knows(org, "p1", "p2", today=date(2026, 11, 20))
    older = events_file(tmp_path, "2026-11-11T09:00:00Z,meeting,p1,p1;p2,30\n", name="older.csv")

    ingest(org, [older], as_of=date(2026, 11, 20))
    assert ("p1", "p2") not in knows(org)

    newer = events_file(
        tmp_path,
        "2026-11-25T09:00:00Z,meeting,p1,p1;p2,30\n2026-11-26T09:00:00Z,meeting,p1,p1;p2,30\n",
        name="newer.csv",
    )
    ingest(org, [newer], as_of=date(2026, 11, 26))
    assert knows(org)[("p1", "p2")]["first_seen"] == "2026-11-25"


def test_opting_out_drops_the_counts_and_the_ties_from_their_events_only(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))

    done = set_opt_out(org, "p3")

    ties = knows(org)
    assert org.people(["p3"])["p3"]["signals_opt_out"] is True and done["counts_dropped"] == 3
    assert evidence(org, [("p3", "p4")]) == [] and evidence(org, [("p1", "p2")])
    assert ties[("p3", "p4")]["sources"] == ["declared"] and ties[("p3", "p4")]["strength"] == 0.9
    assert ties[("p3", "p4")]["evidence_strength"] is None and ("p1", "p2") in ties


def test_the_events_of_someone_who_opted_out_never_become_ties(org, tmp_path):
    set_opt_out(org, "p2")
    report = ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    assert ("p1", "p2") not in knows(org) and report["opted_out_pairs"] == 1
    assert evidence(org, [("p1", "p2")]) == []


def test_erasure_purges_the_persons_counts(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    erasure.erase(org, "p2", reason="request")
    assert evidence(org) and all("p2" not in (r["a"], r["b"]) for r in evidence(org))


def test_an_old_export_without_provenance_keeps_it_when_imported_again(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    before = knows(org)[("p1", "p2")]

    org.write(
        validate({"knows": [{"a": "p1", "b": "p2", "since": "2026-11-02", "context": "met at work"}]}, existing=org)
    )

    after = knows(org)[("p1", "p2")]
    assert after["sources"] == ["interactions"] and after["evidence_strength"] == before["evidence_strength"]
    assert after["strength"] == before["strength"] and after["context"] == "met at work"


def test_a_declared_strength_on_a_retired_tie_brings_it_back(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    refresh(org, as_of=date(2028, 1, 1))

    org.write(validate({"knows": [{"a": "p1", "b": "p2", "strength": 0.6}]}, existing=org))

    tie = knows(org)[("p1", "p2")]
    assert tie["sources"] == ["declared", "interactions"] and tie["retired_on"] is None
    assert tie["strength"] == 0.6 and "p2" in org.neighbours(["p1"])["p1"]


def stored_form(store, since: str) -> dict:
    """The properties a store keeps on the one KNOWS link dated ``since`` (None values left out)."""
    if isinstance(store, EmbeddedStore):
        links = [d for _, _, key, d in store.graph.edges(keys=True, data=True) if key == "KNOWS"]
    else:
        links = [
            r["props"]
            for r in neo4j_support.run_text(store, neo4j_support.testing_statement("every_property"))
            if r["kind"] == ["KNOWS"]
        ]
    (found,) = [link for link in links if link.get("since") == since]
    return {k: v for k, v in found.items() if v is not None}


def test_a_link_that_says_only_declared_is_stored_in_three_properties_whatever_the_record_leaves_out(org):
    # declared_strength given, sources and the evidence fields left out (as the generator writes links)
    org.write(
        validate(
            {
                "knows": [
                    {
                        "a": "p1",
                        "b": "p2",
                        "since": "2026-01-02",
                        "strength": 0.5,
                        "declared_strength": 0.5,
                        "context": "met",
                    }
                ]
            },
            existing=org,
        )
    )

    assert stored_form(org, "2026-01-02") == {"since": "2026-01-02", "strength": 0.5, "context": "met"}


def test_a_link_with_evidence_keeps_its_provenance_when_declared_again(org, tmp_path):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))

    org.write(validate({"knows": [{"a": "p1", "b": "p2", "since": "2026-01-03", "strength": 0.2}]}, existing=org))

    stored = stored_form(org, "2026-01-03")
    assert stored["sources"] == ["declared", "interactions"] and stored["declared_strength"] == 0.2
    assert stored["strength"] == max(0.2, stored["evidence_strength"])


def test_an_export_read_back_gives_the_same_ties(org, tmp_path, store):
    ingest(org, [events_file(tmp_path)], as_of=date(2026, 11, 10))
    refresh(org, as_of=date(2028, 1, 1))
    exported = org.export()
    org.clear()

    org.write(validate(exported))

    assert org.export()["knows"] == exported["knows"]


def test_the_org_chart_gives_manager_and_small_team_ties(org):
    report = from_org_chart(org)
    ties = knows(org)
    assert ties[("p1", "p5")]["sources"] == ["org_chart"] and ties[("p1", "p5")]["org_chart_strength"] == 0.5
    assert ties[("p1", "p2")]["strength"] == 0.3 and ties[("p5", "p6")]["strength"] == 0.3
    assert ties[("p3", "p4")]["sources"] == ["declared", "org_chart"] and ties[("p3", "p4")]["strength"] == 0.9
    assert report["ties"] == 6 + 10 + 1  # a team of 4: 6 pairs, of 5: 10; the manager pair spans the two


def test_deriving_the_org_chart_again_changes_nothing(org):
    from_org_chart(org)
    before = org.export()
    assert from_org_chart(org)["written"] == 0 and org.export() == before


def test_a_move_drops_the_org_chart_ties_the_old_team_gave(org):
    from_org_chart(org)
    lifecycle.move_person(org, "p2", unit="u2")

    from_org_chart(org)

    ties = knows(org)
    assert ("p1", "p2") not in ties and ties[("p2", "p5")]["sources"] == ["org_chart"]


def test_group_figures_withhold_units_of_fewer_than_min_group_size_people(org, tmp_path):
    more = "2026-11-02T10:00:00Z,meeting,p5,p5;p6,30\n2026-11-03T10:00:00Z,meeting,p5,p5;p6,30\n"
    ingest(org, [events_file(tmp_path, EVENTS + more)], as_of=date(2026, 11, 10))

    found = figures(org)

    units = {u["unit"]: u for u in found["units"]}
    assert units["u1"] == {"unit": "u1", "people": 4, "shown": False, "ties": None, "mean_strength": None}
    assert units["u2"]["shown"] and units["u2"]["ties"] == 1
    assert found["unit_pairs"] == [] and found["min_group_size"] == 5


def test_the_generators_events_give_the_same_ties_on_both_stores(generated_document, tmp_path_factory, request):
    from netgraph.io.generate_events import write_events
    from netgraph.store.embedded.store import EmbeddedStore
    from tests.conftest import _fresh_neo4j

    events = tmp_path_factory.mktemp("events") / "events.csv"
    summary = write_events(generated_document, events, events=4_000, days=30, seed=5, fmt="csv")
    embedded = EmbeddedStore(tmp_path_factory.mktemp("ties") / "graph.json")
    neo4j = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    reports = []
    for store in (embedded, neo4j):
        store.write(generated_document)
        reports.append({k: v for k, v in ingest(store, [events]).items() if k != "timings"})

    assert reports[0] == reports[1] and reports[0]["events"]["events_read"] == summary["events"]
    assert reports[0]["events"]["skipped_too_large"] > 0 and reports[0]["ties"]["created"] > 100
    assert embedded.export()["knows"] == neo4j.export()["knows"]
    assert evidence(embedded) == evidence(neo4j)


test_the_generators_events_give_the_same_ties_on_both_stores = pytest.mark.neo4j(
    test_the_generators_events_give_the_same_ties_on_both_stores
)
