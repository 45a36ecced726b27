"""``recommend`` ranks as the rolling-origin harness does, on contacts loaded through ``ties ingest``.

The benchmark (``python -m benchmarks.bench_history_fit --only high_school_2012``)
runs the same check on High School 2012, whose licence keeps it out of the
repository; here a week of generated school contacts, written in the
SocioPatterns format and loaded the same way, goes through it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from benchmarks import sociopatterns
from benchmarks.bench_history_fit import contact_network

#: A week of seven school days, as High School 2012's plan: fit days 1-3 -> 4, choose 1-4 -> 5, test 1-5 -> 6-7.
PLAN = ((3, 3), (4, 4), (5, 6))
EARLIER = ((1, 1), (2, 2))
SCHOOL = sociopatterns.Network("school_week", "a generated school week", "", "gs")


def school_week(seed: int = 3) -> list[tuple[int, str, str, str, str]]:
    """Contacts of 128 pupils in 8 classes over 7 days, as SocioPatterns rows ``(time, i, j, class_i, class_j)``.

    Each day every pupil meets two classmates at least twice (a tie), meets
    a friend of a friend twice when they share a class or a contact seen
    that week (closure: what the model learns), and someone anywhere once
    (evidence below the tie rule).
    """
    rng = random.Random(seed)
    pupils = [str(1000 + n) for n in range(128)]
    cls = {p: "ABCDEFGH"[n % 8] for n, p in enumerate(pupils)}
    friends: dict[str, set[str]] = {p: set() for p in pupils}
    rows = []
    start = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
    for day in range(7):
        clock = int((start + timedelta(days=day)).timestamp())

        def meet(a: str, b: str, times: int, clock: int = clock) -> None:
            for t in range(times):
                rows.append((clock + rng.randrange(8 * 3600) // 20 * 20 + t, a, b, cls[a], cls[b]))

        for p in pupils:
            for q in rng.sample([x for x in pupils if cls[x] == cls[p] and x != p], 2):
                meet(p, q, 2)
            reach = sorted({r for f in friends[p] for r in friends[f]} - friends[p] - {p})
            if reach:
                q = rng.choice(reach)
                if cls[q] == cls[p] or rng.random() < 0.1:
                    meet(p, q, 2)
            meet(p, rng.choice([x for x in pupils if x != p]), 1)
        for _, a, b, _, _ in rows:
            friends[a].add(b)
            friends[b].add(a)
    return sorted(rows)


@pytest.fixture(scope="module")
def harness(tmp_path_factory) -> dict:
    return contact_network(SCHOOL, school_week(), tmp_path_factory.mktemp("school"), PLAN, EARLIER, places=(0.01,))


def test_the_store_recommend_reads_holds_the_network_the_harness_ranks_on(harness):
    assert harness["recommend"]["same_network"]


def test_recommend_gives_each_evaluated_person_the_harness_ranking_with_the_written_model(harness):
    check = harness["recommend"]
    assert check["people"] > 20
    assert check["differ"] == {}


def test_recommend_keeps_the_new_unit_place_where_the_harness_does(harness):
    check = harness["recommend_with_place"]["0.01"]
    assert check["moved_by_the_place"] > 0
    assert check["differ"] == {}


def test_the_chosen_model_reads_the_pairs_own_meetings_which_recommend_computes_from_the_store(harness):
    """Pupils meet someone anywhere once a day, below the tie rule: the fit counts those meetings, and the store."""
    assert "pair_contacts" in harness["model"]["features"]
    assert harness["recommend"]["differ"] == {}
