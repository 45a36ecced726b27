"""One more day reads each touched pair's running figures, not its history: and gives the same ties.

Days of events ingested in a random order (late events among them), with a
link removed by hand, a person opting out and an ``--as-of`` before some
pair's latest day, on both stores: after every ingest each pair it touched
has exactly the tie the full recomputation (``ties_sql`` over every stored
count, less what the removal hides) gives at that ingest's day, and every
pair's kept figures are those of all its counts (netgraph/model/ties.py).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from netgraph.analysis import lifecycle
from netgraph.analysis.ties import ingest, set_opt_out
from netgraph.io import interactions
from netgraph.model.ties import DEFAULT_SETTINGS, carried_figures, figures_rule
from netgraph.model.validate import validate

PEOPLE = [{"id": f"p{i}", "name": f"Person {i}", "org_unit": "u1"} for i in range(1, 9)]
DOCUMENT = {"org_units": [{"id": "u1", "name": "One"}], "people": PEOPLE}
HEADER = "timestamp,channel,sender,participants,duration_minutes\n"
START = date(2026, 6, 1)
TODAY = date(2026, 12, 31)


def day_files(tmp_path, rng: random.Random) -> list:
    """Ten files of events over 150 days; each file mostly one stretch of days, some late events from earlier."""
    files = []
    for number in range(10):
        lines = []
        for _ in range(rng.randint(8, 16)):
            offset = rng.randrange(15 * number, 15 * number + 15) if rng.random() < 0.8 else rng.randrange(150)
            when = START + timedelta(days=offset)
            people = rng.sample([p["id"] for p in PEOPLE], rng.choice([2, 2, 2, 3]))
            channel = rng.choice(["meeting", "call", "chat", "email", "project"])
            lines.append(
                f"{when}T{rng.randrange(8, 18):02}:{rng.randrange(60):02}:00Z,{channel},{people[0]},{';'.join(people)},"
            )
        path = tmp_path / f"day{number}.csv"
        path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def full_recomputation(store, as_of: date) -> dict[tuple[str, str], tuple]:
    """Every pair's tie from every stored count, as `ties refresh` judges them: (first, last, strength, retire)."""
    con = interactions.connect()
    try:
        rows = list(store.tie_evidence())
        con.execute("CREATE TABLE counts (a VARCHAR, b VARCHAR, channel VARCHAR, day DATE, events INTEGER)")
        if rows:
            con.executemany(
                "INSERT INTO counts VALUES (?, ?, ?, ?, ?)",
                [(r["a"], r["b"], r["channel"], r["day"], r["events"]) for r in rows],
            )
        for (a, b), on in store.removed_ties().items():
            con.execute("DELETE FROM counts WHERE a = ? AND b = ? AND day <= ?::DATE", [a, b, on])
        con.execute(
            "CREATE TABLE summed AS SELECT a, b, channel, day, sum(events)::INTEGER AS events FROM counts GROUP BY ALL"
        )
        found = con.execute(
            f"SELECT a, b, strftime(first_seen, '%Y-%m-%d'), strftime(last_seen, '%Y-%m-%d'), strength, retire "
            f"FROM ({interactions.ties_sql('summed', DEFAULT_SETTINGS, as_of=as_of)})"
        ).fetchall()
    finally:
        con.close()
    return {(a, b): (first, last, strength, retire) for a, b, first, last, strength, retire in found}


def pairs_of(path) -> set[tuple[str, str]]:
    """The pairs the file's events tie (an email: its sender and each recipient only)."""
    pairs = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        _, channel, sender, participants, _ = line.split(",")
        people = sorted(set(participants.split(";")))
        if channel == "email":
            pairs.update((min(sender, p), max(sender, p)) for p in people if p != sender)
        else:
            pairs.update((a, b) for i, a in enumerate(people) for b in people[i + 1 :])
    return pairs


def links(store) -> dict[tuple[str, str], dict]:
    return {(k["a"], k["b"]): k for k in store.export()["knows"]}


def assert_touched_pairs_judged_from_every_count(store, before, touched, as_of):
    expected = full_recomputation(store, as_of)
    after = links(store)
    for pair in touched:
        if pair in expected:
            first, last, strength, retire = expected[pair]
            link = after[pair]
            assert (link["first_seen"], link["last_seen"]) == (first, last), pair
            assert abs(link["evidence_strength"] - round(strength, 4)) <= 1e-9, pair
            assert (link["retired_on"] is not None) == retire, pair
        else:  # no tie from the evidence: the ingest left the pair's link as it was
            assert after.get(pair) == before.get(pair), pair


def assert_figures_are_those_of_every_count(store):
    counts: dict[tuple[str, str], list] = {}
    for r in store.tie_evidence():
        counts.setdefault((r["a"], r["b"]), []).append((r["channel"], date.fromisoformat(r["day"]), r["events"]))
    kept = {(f.a, f.b): f for f in store.tie_figures(sorted(counts))}
    wanted = {pair: carried_figures(None, rows) for pair, rows in counts.items()}
    assert set(kept) == {pair for pair, want in wanted.items() if want.qualified_by is not None}  # the others: counts
    for pair in kept:
        want, got = wanted[pair], kept[pair]
        assert got.rule == figures_rule()
        assert (got.first_seen, got.last_seen, got.events) == (
            want.first_seen.isoformat(),
            want.last_seen.isoformat(),
            want.events,
        )
        assert abs(got.evidence - want.evidence) <= 1e-9 * max(1.0, want.evidence)


@pytest.mark.parametrize("seed", [1, 2])
def test_days_ingested_in_any_order_give_the_ties_of_the_full_recomputation(store, tmp_path, seed):
    rng = random.Random(seed)
    store.write(validate(DOCUMENT))
    files = day_files(tmp_path, rng)
    rng.shuffle(files)
    for step, path in enumerate(files):
        before = links(store)
        as_of = START + timedelta(days=60) if step == len(files) - 1 else None  # the last one: an earlier --as-of
        report = ingest(store, [path], today=TODAY, as_of=as_of)
        touched = {p for p in pairs_of(path) if not {"p8"} & set(p) or step < 6}
        assert_touched_pairs_judged_from_every_count(store, before, touched, date.fromisoformat(report["as_of"]))
        assert_figures_are_those_of_every_count(store)
        if step == 3:  # a tie removed by hand on a day in the middle: its evidence up to then no longer counts
            derived = sorted(p for p, k in links(store).items() if "interactions" in k["sources"])
            lifecycle.remove_knows(store, *derived[0], today=START + timedelta(days=75))
        if step == 5:  # someone opts out: their counts and figures go, their later events are dropped
            set_opt_out(store, "p8")
            assert not [f for f in store.tie_figures([(f"p{i}", "p8") for i in range(1, 8)])]


def test_one_more_day_reads_the_figures_of_qualified_pairs_and_the_counts_of_the_others_in_one_read(
    store, tmp_path, monkeypatch
):
    store.write(validate(DOCUMENT))
    first = tmp_path / "first.csv"
    first.write_text(
        HEADER
        + "2026-11-02T09:00:00Z,meeting,p1,p1;p2,\n2026-11-03T09:00:00Z,email,p1,p1;p2,\n"
        + "2026-11-03T09:00:00Z,chat,p1,p1;p3,\n"
    )
    ingest(store, [first], today=TODAY)  # p1-p2 qualifies, p1-p3 not yet
    asked: dict[str, list] = {"counts": [], "figures": [], "one_read": []}
    counts, figures, one_read = store.tie_evidence, store.tie_figures, store.tie_figures_or_counts
    monkeypatch.setattr(store, "tie_evidence", lambda pairs=None: asked["counts"].append(pairs) or counts(pairs))
    monkeypatch.setattr(store, "tie_figures", lambda pairs: asked["figures"].append(pairs) or figures(pairs))
    monkeypatch.setattr(
        store, "tie_figures_or_counts", lambda pairs, rule: asked["one_read"].append(pairs) or one_read(pairs, rule)
    )
    day = tmp_path / "day.csv"
    day.write_text(HEADER + "2026-11-10T09:00:00Z,meeting,p1,p1;p2,\n2026-11-11T09:00:00Z,call,p1,p1;p3,\n")

    report = ingest(store, [day], today=TODAY)

    assert asked == {"counts": [], "figures": [], "one_read": [[("p1", "p2"), ("p1", "p3")]]}
    assert report["ties"]["created"] == 1 and links(store)[("p1", "p2")]["last_seen"] == "2026-11-10"


def test_a_pair_without_figures_is_judged_from_all_its_counts_and_gets_them(store, tmp_path):
    store.write(validate(DOCUMENT))
    row = {"a": "p1", "b": "p2", "channel": "meeting", "day": "2026-11-02", "events": 1, "minutes": None}
    store.add_tie_evidence("before", [row], files=[("old.csv", "h0")])  # counted before figures were kept
    day = tmp_path / "day.csv"
    day.write_text(HEADER + "2026-11-10T09:00:00Z,meeting,p1,p1;p2,\n")

    ingest(store, [day], today=TODAY)

    assert links(store)[("p1", "p2")]["first_seen"] == "2026-11-02"
    [kept] = store.tie_figures([("p1", "p2")])
    assert (kept.first_seen, kept.events, kept.qualified_by) == ("2026-11-02", 2, "2026-11-10")


def test_a_pair_without_figures_with_days_after_the_as_of_is_judged_from_its_counts_up_to_it(store, tmp_path):
    store.write(validate(DOCUMENT))
    rows = [
        {"a": "p1", "b": "p2", "channel": "meeting", "day": day, "events": 1, "minutes": None}
        for day in ("2026-11-02", "2026-11-05")
    ]
    store.add_tie_evidence("before", rows, files=[("old.csv", "h0")])  # counted before figures were kept
    day = tmp_path / "day.csv"
    day.write_text(HEADER + "2026-11-20T09:00:00Z,meeting,p1,p1;p2,\n")

    ingest(store, [day], today=TODAY, as_of=date(2026, 11, 10))

    link = links(store)[("p1", "p2")]
    assert (link["first_seen"], link["last_seen"]) == ("2026-11-02", "2026-11-05")
