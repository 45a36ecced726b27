"""How tie evidence is packed for Neo4j (netgraph/store/neo4j_backend/evidence.py)."""

from __future__ import annotations

from netgraph.store.neo4j_backend.evidence import packed, unpacked


def _row(a: str, b: str, day: str, minutes: float | None = 30.0) -> dict:
    return {"a": a, "b": b, "channel": "meeting", "day": day, "events": 1, "minutes": minutes}


def test_a_run_of_rows_of_one_pair_becomes_one_pack():
    rows = [_row("p1", "p2", "2026-11-01"), _row("p1", "p2", "2026-11-02"), _row("p1", "p3", "2026-11-01")]
    [batch] = list(packed(rows, counts_per_batch=100))
    assert [(p["a"], p["b"], p["days"]) for p in batch] == [
        ("p1", "p2", ["2026-11-01", "2026-11-02"]),
        ("p1", "p3", ["2026-11-01"]),
    ]


def test_a_batch_closes_between_packs_once_it_holds_enough_counts():
    rows = [_row("p1", "p2", f"2026-11-0{d}") for d in range(1, 4)] + [_row("p1", "p3", "2026-11-01")]
    batches = list(packed(rows, counts_per_batch=2))
    assert [[len(p["days"]) for p in b] for b in batches] == [[3], [1]]


def test_unknown_minutes_survive_the_round_trip_as_none():
    rows = [_row("p1", "p2", "2026-11-01", minutes=None), _row("p1", "p2", "2026-11-02", minutes=0.0)]
    [[pack]] = list(packed(rows, counts_per_batch=10))
    assert list(unpacked(pack)) == rows


def test_no_rows_make_no_batches():
    assert list(packed([], counts_per_batch=10)) == []
