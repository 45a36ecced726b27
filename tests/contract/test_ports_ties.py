"""Contract of the TieEvidence port, member by member, on both stores (test_<member>_<guarantee>)."""

from __future__ import annotations

import pytest

from netgraph.model.validate import validate
from netgraph.store.ports import TieFiguresRow
from tests.conftest import _fresh_neo4j
from tests.neo4j_support import run_text

ROW = {"a": "p1", "b": "p2", "channel": "meeting", "day": "2026-11-02", "events": 2, "minutes": 60.0}
PEOPLE = {
    "org_units": [{"id": "u1", "name": "One"}],
    "people": [
        {"id": "p1", "name": "Ada", "email": "ada@example.com", "org_unit": "u1"},
        {"id": "p2", "name": "Bo"},
        {"id": "p3", "name": "Cy", "status": "left", "left_on": "2026-01-01"},
    ],
    "positions": [
        {"id": "top", "title": "Top", "holders": [{"person": "p2"}]},
        {"id": "low", "title": "Low", "reports_to": "top", "holders": [{"person": "p1"}]},
    ],
}


def loaded(store):
    store.write(validate(PEOPLE))
    return store


def test_tie_batches_are_the_hashes_of_the_files_ingested(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1"), ("b.csv", "h2")])
    assert store.tie_batches() == {"h1", "h2"}


def test_add_tie_evidence_writes_the_rows_and_says_how_many(store):
    assert store.add_tie_evidence("b1", iter([ROW, {**ROW, "day": "2026-11-03"}]), files=[("a.csv", "h1")]) == 2


def test_add_tie_evidence_again_under_the_same_batch_replaces_its_rows(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")])
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")])
    assert list(store.tie_evidence()) == [ROW]


def test_tie_evidence_gives_one_row_per_batch_and_only_the_pairs_asked(store):
    store.add_tie_evidence("b1", [ROW, {**ROW, "b": "p3"}], files=[("a.csv", "h1")])
    store.add_tie_evidence("b2", [{**ROW, "events": 1, "minutes": None}], files=[("b.csv", "h2")])
    rows = sorted(store.tie_evidence([("p1", "p2")]), key=lambda r: r["events"])
    assert rows == [{**ROW, "events": 1, "minutes": None}, ROW]


def test_purge_tie_evidence_drops_every_count_naming_the_people(store):
    store.add_tie_evidence("b1", [ROW, {**ROW, "a": "p3", "b": "p4"}], files=[("a.csv", "h1")])
    assert store.purge_tie_evidence(["p2"]) == 1
    assert [(r["a"], r["b"]) for r in store.tie_evidence()] == [("p3", "p4")]


def test_note_removed_tie_keeps_the_latest_day_per_pair(store):
    store.note_removed_tie("p2", "p1", "2026-11-01")
    store.note_removed_tie("p1", "p2", "2026-11-20")
    assert store.removed_ties() == {("p1", "p2"): "2026-11-20"}


def test_removed_ties_are_dropped_with_the_persons_counts(store):
    store.note_removed_tie("p1", "p2", "2026-11-01")
    store.purge_tie_evidence(["p1"])
    assert store.removed_ties() == {}


def test_knows_links_give_the_stored_records_of_the_pairs_asked(store):
    loaded(store).write(validate({"knows": [{"a": "p2", "b": "p1", "strength": 0.4}]}, existing=store))
    found = store.knows_links([("p1", "p2"), ("p1", "p3")])
    assert [(k["a"], k["b"], k["sources"], k["declared_strength"]) for k in found] == [("p1", "p2", ["declared"], 0.4)]


def test_links_with_source_give_the_links_naming_it_of_the_people_asked(store):
    loaded(store).write(
        validate(
            {
                "knows": [
                    {"a": "p1", "b": "p2", "sources": ["org_chart"], "org_chart_strength": 0.5},
                    {"a": "p2", "b": "p3", "strength": 0.4},
                ]
            },
            existing=store,
        )
    )
    assert [(k["a"], k["b"]) for k in store.links_with_source("org_chart")] == [("p1", "p2")]
    assert store.links_with_source("declared", ["p1"]) == []


def test_signal_people_name_everyone_with_email_status_unit_and_choice(store):
    found = loaded(store).signal_people()
    assert found[0] == {
        "id": "p1",
        "email": "ada@example.com",
        "status": "active",
        "signals_opt_out": False,
        "org_unit": "u1",
    }
    assert [p["status"] for p in found] == ["active", "active", "left"]


def test_manager_pairs_follow_the_seats_reporting_line(store):
    assert loaded(store).manager_pairs() == [("p2", "p1")]


@pytest.mark.neo4j
def test_neo4j_keeps_one_node_per_pair_and_input(request):
    neo4j = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    rows = [ROW, {**ROW, "day": "2026-11-03"}, {**ROW, "channel": "chat", "minutes": None}, {**ROW, "b": "p3"}]
    assert neo4j.add_tie_evidence("b1", rows, files=[("a.csv", "h1")]) == 4
    assert run_text(neo4j, "MATCH (e:TieEvidence) RETURN count(e) AS n")[0]["n"] == 2
    assert sorted(neo4j.tie_evidence(), key=_order) == sorted(rows, key=_order)


@pytest.mark.neo4j
def test_neo4j_adds_a_later_ingests_counts_and_figures_to_the_pairs_pack(request):
    neo4j = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    neo4j.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], figures=[FIGURES])
    later = FIGURES._replace(events=4, evidence=3.0)
    neo4j.add_tie_evidence("b2", [{**ROW, "day": "2026-11-09"}], files=[("b.csv", "h2")], figures=[later])
    packs = run_text(
        neo4j, "MATCH (e) WHERE e.a IS NOT NULL RETURN labels(e) AS labels, e.days AS days, e.evidence AS f"
    )
    assert packs == [{"labels": ["TieEvidence"], "days": ["2026-11-02", "2026-11-09"], "f": 3.0}]


@pytest.mark.neo4j
def test_neo4j_adds_to_the_pack_with_the_figures_of_a_pair_packed_once_per_input(request):
    neo4j = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    run_text(
        neo4j,
        "CREATE (:TieEvidence {batch: 'old1', a: 'p1', b: 'p2', channels: ['chat'], days: ['2026-11-01'], "
        "events: [1], minutes: [-1.0]}), (:TieEvidence {batch: 'old2', a: 'p1', b: 'p2', channels: ['chat'], "
        "days: ['2026-11-02'], events: [1], minutes: [-1.0], figures_rule: 'r1', evidence: 2.5})",
        write=True,
    )
    neo4j.add_tie_evidence("b3", [{**ROW, "day": "2026-11-09"}], files=[("c.csv", "h3")], figures=[FIGURES])
    packs = run_text(neo4j, "MATCH (e:TieEvidence) RETURN e.batch AS batch, e.days AS days ORDER BY batch")
    assert packs == [
        {"batch": "old1", "days": ["2026-11-01"]},
        {"batch": "old2", "days": ["2026-11-02", "2026-11-09"]},
    ]
    assert list(neo4j.tie_figures([("p1", "p2")])) == [FIGURES]


@pytest.mark.neo4j
def test_neo4j_reads_and_purges_counts_stored_one_per_node_before_packing(request):
    neo4j = _fresh_neo4j(request.getfixturevalue("neo4j_store"))
    run_text(
        neo4j,
        "CREATE (:TieEvidence {batch: 'old', a: 'p1', b: 'p2', channel: 'meeting', day: '2026-11-02', "
        "events: 2, minutes: 60.0}), (:TieEvidence {batch: 'old', a: 'p1', b: 'p2', channel: 'chat', "
        "day: '2026-11-02', events: 1})",
        write=True,
    )
    assert sorted(neo4j.tie_evidence([("p1", "p2")]), key=_order) == sorted(
        [ROW, {**ROW, "channel": "chat", "events": 1, "minutes": None}], key=_order
    )
    assert neo4j.purge_tie_evidence(["p1"]) == 2 and list(neo4j.tie_evidence()) == []


def _order(row: dict) -> tuple:
    return (row["a"], row["b"], row["channel"], row["day"], row["events"])


def test_tie_event_key_is_made_once_and_kept(store):
    key = store.tie_event_key()
    assert len(key) == 32 and store.tie_event_key() == key


def test_add_tie_evidence_keeps_the_hashes_of_the_events_counted(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], events=[("e1", "2026-11-02"), ("e2", "2026-11-03")])
    assert sorted(store.counted_events()) == ["e1", "e2"]


def test_counted_events_are_none_until_evidence_brings_hashes(store):
    assert list(store.counted_events()) == []
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")])
    assert list(store.counted_events()) == []


def test_forget_counted_events_drops_those_dated_before_the_day(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], events=[("e1", "2026-11-02"), ("e2", "2026-11-03")])
    assert store.forget_counted_events("2026-11-03") == 1
    assert list(store.counted_events()) == ["e2"]


def test_forget_counted_events_says_how_many_hashes_went_of_several_a_day(store):
    events = [("e1", "2026-11-02"), ("e2", "2026-11-02"), ("e3", "2026-11-03")]
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], events=events)
    assert store.forget_counted_events("2026-11-03") == 2
    assert list(store.counted_events()) == ["e3"]


def test_the_event_hashes_of_an_interrupted_add_tie_evidence_do_not_count(store):
    def events_then_a_crash():
        yield from ((f"e{i}", "2026-11-02") for i in range(20_000))  # one transaction's worth on Neo4j
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], events=events_then_a_crash())
    assert list(store.counted_events()) == [] and store.tie_batches() == set()

    store.add_tie_evidence("b2", [ROW], files=[("b.csv", "h2")], events=[("e1", "2026-11-02")])
    assert list(store.counted_events()) == ["e1"]


def test_add_tie_evidence_of_pairs_said_new_keeps_their_counts_beside_the_stored_ones(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")])
    later = [{**ROW, "day": "2026-11-09"}, {**ROW, "b": "p3", "events": 1}]
    store.add_tie_evidence("b2", later, files=[("b.csv", "h2")], new_pairs=iter([("p1", "p3")]))
    rows = sorted(store.tie_evidence(), key=lambda r: (r["b"], r["day"]))
    assert rows == [ROW, *later]


FIGURES = TieFiguresRow("p1", "p2", "r1", "2026-11-02", "2026-11-09", 3, 2.5, "2026-11-09", "[[],[]]")
OPEN = FIGURES._replace(b="p3", last_seen="2026-11-02", events=1, evidence=1.0, qualified_by=None)
OPEN = OPEN._replace(pending='[["2026-11-02"],[1]]')


def _pairs(rows) -> list:
    return sorted(rows, key=lambda r: (r.a, r.b))


def test_tie_figures_give_what_the_ingest_kept_of_the_pairs_asked(store):
    rows = [ROW, {**ROW, "b": "p3", "events": 1}]
    store.add_tie_evidence("b1", rows, files=[("a.csv", "h1")], figures=iter([FIGURES, OPEN]))
    assert _pairs(store.tie_figures([("p1", "p2"), ("p1", "p3"), ("p1", "p9")])) == [FIGURES, OPEN]
    assert list(store.tie_figures([("p1", "p3")])) == [OPEN]


def test_add_tie_evidence_of_pairs_said_new_keeps_their_figures(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")])
    later = [{**ROW, "day": "2026-11-09"}, {**ROW, "b": "p3", "events": 1}]
    store.add_tie_evidence(
        "b2", later, files=[("b.csv", "h2")], figures=iter([FIGURES, OPEN]), new_pairs=iter([("p1", "p3")])
    )
    assert _pairs(store.tie_figures([("p1", "p2"), ("p1", "p3")])) == [FIGURES, OPEN]


def test_tie_figures_or_counts_gives_qualified_figures_of_the_rule_and_the_counts_of_the_other_pairs(store):
    rows = [ROW, {**ROW, "b": "p3", "events": 1}, {**ROW, "b": "p4"}]
    store.add_tie_evidence("b1", rows, files=[("a.csv", "h1")], figures=[FIGURES, OPEN])  # none for p1-p4
    figures, counts = store.tie_figures_or_counts([("p1", "p2"), ("p1", "p3"), ("p1", "p4"), ("p1", "p9")], "r1")
    assert figures == [FIGURES]
    assert sorted(counts, key=lambda r: r["b"]) == rows[1:]


def test_tie_figures_or_counts_gives_the_counts_of_a_pair_whose_figures_are_of_another_rule(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], figures=[FIGURES])
    assert store.tie_figures_or_counts([("p1", "p2")], "r2") == ([], [ROW])


def test_tie_figures_or_counts_reads_a_pair_as_it_was_before_an_interrupted_add_tie_evidence(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], figures=[FIGURES._replace(qualified_by=None)])

    def figures_then_a_crash():
        yield FIGURES
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence(
            "b2", [{**ROW, "day": "2026-11-09"}], files=[("b.csv", "h2")], figures=figures_then_a_crash()
        )
    assert store.tie_figures_or_counts([("p1", "p2")], "r1") == ([], [ROW])


def test_tie_figures_are_replaced_by_a_later_ingests(store):
    store.add_tie_evidence("b1", [{**ROW, "b": "p3"}], files=[("a.csv", "h1")], figures=[OPEN])
    later = OPEN._replace(events=2, qualified_by="2026-11-03", pending="[[],[]]")
    store.add_tie_evidence("b2", [{**ROW, "b": "p3"}], files=[("b.csv", "h2")], figures=[later])
    assert list(store.tie_figures([("p1", "p3")])) == [later]


def test_tie_figures_naming_a_purged_person_go_with_the_counts(store):
    rows = [ROW, {**ROW, "a": "p3", "b": "p4"}]
    store.add_tie_evidence("b1", rows, files=[("a.csv", "h1")], figures=[FIGURES, OPEN._replace(a="p3", b="p4")])
    store.purge_tie_evidence(["p2"])
    assert list(store.tie_figures([("p1", "p2"), ("p3", "p4")])) == [OPEN._replace(a="p3", b="p4")]


def test_tie_figures_an_interrupted_add_tie_evidence_wrote_are_never_read(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], figures=[FIGURES])

    def figures_then_a_crash():
        yield FIGURES._replace(events=5)
        yield from (OPEN._replace(b=f"q{i:05}") for i in range(19_999))  # one transaction's worth on Neo4j
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence(
            "b2", [{**ROW, "day": "2026-11-09"}], files=[("b.csv", "h2")], figures=figures_then_a_crash()
        )
    # the earlier figures, or none (then the pair is judged from its counts): never those of the counts not kept
    assert list(store.tie_figures([("p1", "p2")])) in ([], [FIGURES])
    store.add_tie_evidence("b3", [{**ROW, "b": "p3"}], files=[("c.csv", "h3")], figures=[OPEN])
    assert list(store.tie_figures([("p1", "p2")])) in ([], [FIGURES])
    assert list(store.tie_evidence([("p1", "p2")])) == [ROW]


def test_counts_an_interrupted_add_tie_evidence_added_to_a_pair_are_never_read(store):
    store.add_tie_evidence("b1", [ROW], files=[("a.csv", "h1")], figures=[FIGURES])

    def figures_then_a_crash():
        yield FIGURES._replace(events=5)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_tie_evidence(
            "b2", [{**ROW, "day": "2026-11-09"}], files=[("b.csv", "h2")], figures=figures_then_a_crash()
        )
    assert list(store.tie_evidence([("p1", "p2")])) == [ROW] and list(store.tie_evidence()) == [ROW]
    store.add_tie_evidence("b3", [{**ROW, "day": "2026-11-10"}], files=[("c.csv", "h3")])
    assert sorted(r["day"] for r in store.tie_evidence()) == ["2026-11-02", "2026-11-10"]
    assert list(store.tie_figures([("p1", "p2")])) in ([], [FIGURES])
