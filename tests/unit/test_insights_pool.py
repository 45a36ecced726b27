"""The refresh's long C calls on other cores, and Leiden's capped passes: the same answers as one process.

Betweenness is counted in a fixed number of chunks (``people.CHUNKS``) whose sums are added in chunk
order, so one process and a pool of two give the same bits; against one igraph call over every source
the figures move in the last bits only. Leiden runs pass after pass until one changes nothing or the
cap (``[insights] leiden_passes``) is reached: a network that settles within the cap gets what
unlimited passes (igraph's ``n_iterations=-1``) give.
"""

from __future__ import annotations

import json
import random
from datetime import date

import igraph
import numpy as np
import pytest

from netgraph.analysis.insights import stored
from netgraph.analysis.insights.communities import leiden
from netgraph.analysis.insights.people import CHUNKS, betweenness, betweenness_plan, sampled_sources
from netgraph.analysis.insights.projection import Projection, load_projection
from netgraph.io.generate import generate_dataset
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import validate
from netgraph.store import EmbeddedStore
from netgraph.workers import Inline, cpu_pool
from tests.contract.conftest import insight_document

SAMPLED = InsightSettings(exact_below=100, sample_sources=120, seed=5)
#: a cap no test network comes near: Leiden until a pass changes nothing
UNLIMITED = 1_000


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    found = EmbeddedStore(None)
    found.write(insight_document())
    return found


@pytest.fixture(scope="module")
def projection(store) -> Projection:
    return load_projection(store, RecommendSettings())


@pytest.fixture(scope="module")
def pool():
    with cpu_pool(2) as two:
        yield two


def _unlimited_leiden(projection: Projection, seed: int, passes: int = -1) -> list[int]:
    """igraph's own Leiden with the same seed, as the refresh called it before passes were capped."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        raw = projection.igraph.community_leiden(
            objective_function="modularity", weights="strength", n_iterations=passes
        ).membership
    finally:
        igraph.set_random_number_generator(random)
    return raw


def _same_partition(a: list[int], b: list[int]) -> bool:
    """The same groups of people, whatever their numbers."""

    def canonical(membership: list[int]) -> list[int]:
        first: dict[int, int] = {}
        return [first.setdefault(c, len(first)) for c in membership]

    return canonical(a) == canonical(b)


def test_the_sources_are_split_into_the_fixed_number_of_chunks_in_their_drawn_order(projection):
    plan = betweenness_plan(projection.size, SAMPLED)
    assert len(plan.chunks) == CHUNKS
    assert [s for chunk in plan.chunks for s in chunk] == sampled_sources(projection.size, 120, 5)


def test_sampled_betweenness_in_one_process_and_in_two_is_the_same_to_the_bit(projection, pool):
    alone = betweenness(projection, SAMPLED, pool=Inline())
    shared = betweenness(projection, SAMPLED, pool=pool)
    assert alone.values.tobytes() == shared.values.tobytes()


def test_exact_betweenness_in_one_process_and_in_two_is_the_same_to_the_bit(projection, pool):
    alone = betweenness(projection, SAMPLED, exact=True, pool=Inline())
    shared = betweenness(projection, SAMPLED, exact=True, pool=pool)
    assert alone.values.tobytes() == shared.values.tobytes()


def test_sampled_betweenness_in_chunks_is_within_1e_12_of_one_igraph_call_over_every_source(projection):
    chosen = sampled_sources(projection.size, 120, 5)
    n = projection.size
    one_call = np.array(projection.igraph.betweenness(directed=False, sources=chosen, targets=None))
    scale = np.full(n, 1 / (120 * (n - 2)))
    scale[chosen] = 1 / (119 * (n - 2))
    assert betweenness(projection, SAMPLED).values == pytest.approx(2 * one_call * scale, rel=1e-12, abs=0)


def test_exact_betweenness_in_chunks_is_within_1e_12_of_igraphs_whole_betweenness(projection):
    n = projection.size
    whole = 2 * np.array(projection.igraph.betweenness(directed=False)) / ((n - 1) * (n - 2))
    assert betweenness(projection, SAMPLED, exact=True).values == pytest.approx(whole, rel=1e-12, abs=1e-15)


def test_leiden_on_a_network_that_settles_within_the_cap_gives_the_communities_of_unlimited_passes(projection):
    capped = leiden(projection, 0, InsightSettings().leiden_passes)
    assert _same_partition(capped, _unlimited_leiden(projection, 0))


def test_leiden_stops_at_the_cap_on_a_network_that_has_not_settled(projection):
    once = leiden(projection, 0, 1)
    assert _same_partition(once, _unlimited_leiden(projection, 0, passes=1))
    assert not _same_partition(once, _unlimited_leiden(projection, 0))


def test_leiden_numbers_communities_by_size_largest_first(projection):
    found = leiden(projection, 0, UNLIMITED)
    sizes = np.bincount(found)
    assert list(sizes) == sorted(sizes, reverse=True)


@pytest.fixture(scope="module")
def pooled_store() -> EmbeddedStore:
    """An organisation big enough that a refresh hands its calls to the pool (``stored.POOL_FROM``)."""
    found = EmbeddedStore(None)
    found.write(validate(generate_dataset(stored.POOL_FROM + 200, seed=3)))
    return found


def test_a_refresh_with_a_pool_of_two_stores_what_a_refresh_in_one_process_stores(pooled_store, pool):
    store = pooled_store

    def saved_by(with_pool) -> str:
        kept: dict = {}

        def save(state, rows, parts, orders):
            kept.update(state={k: v for k, v in state.items() if k != "computed_at"}, rows=rows, parts=parts)
            kept.update(orders=orders)

        store.save_insights = save
        try:
            stored.refresh(store, SAMPLED, RecommendSettings(), as_of=date(2026, 6, 30), pool=with_pool)
        finally:
            del store.save_insights
        return json.dumps(kept, sort_keys=True, default=str)

    assert saved_by(pool) == saved_by(None)


class CountingPool(Inline):
    """Runs calls in the caller, counting them: which refreshes hand work to a pool at all."""

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        return super().submit(fn, *args, **kwargs)


def test_a_refresh_of_a_network_below_pool_from_hands_nothing_to_the_pool(store):
    counting = CountingPool()
    stored.refresh(store, SAMPLED, RecommendSettings(), as_of=date(2026, 6, 30), pool=counting)
    assert load_projection(store, RecommendSettings()).size < stored.POOL_FROM and counting.calls == 0


def test_a_refresh_of_a_network_from_pool_from_hands_betweenness_and_leiden_to_the_pool(pooled_store):
    counting = CountingPool()
    stored.refresh(pooled_store, SAMPLED, RecommendSettings(), as_of=date(2026, 6, 30), pool=counting)
    assert counting.calls == stored.POOL_CALLS
