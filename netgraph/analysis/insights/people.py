"""Person measures of the contact network: who brokers, who connects, who sits on the edge.

* **betweenness**: unweighted hop counts, normalised as networkx 3.6 normalises
  it (exact: over the (n-1)(n-2) ordered pairs; sampled from k sources: the
  sources over (k-1)(n-2), everyone else over k(n-2)). igraph's subset
  betweenness counts each source-target pair once, networkx's dependencies
  count it from the source: hence the factor 2.
* **constraint** and **effective size**: Burt's, with strengths, as networkx
  defines them (mutual weights, normalised by their sum or their maximum),
  computed as sparse matrix products, not per person.
* **degree**: contacts, the load a person carries; **external**: contacts in another unit.
* **brokerage**: Gould-Fernandez roles on the undirected network
  (:func:`netgraph.model.insights.brokerage_role`), counted per broker from
  the units of their contacts, less the pairs of contacts linked themselves.

Someone with no contact has no constraint or effective size (None), as in networkx.
"""

from __future__ import annotations

import random
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from netgraph.analysis.insights.projection import Network, Projection
from netgraph.model.insights import ROLES, InsightSettings, Thresholds, cross_labels, possibly_overloaded
from netgraph.workers import Inline

#: Betweenness's sources go to this many igraph calls whatever the machine, so that the order in which the
#: calls' sums are added, and so every figure to the last bit, never depends on the cores that ran them.
CHUNKS = 4


@dataclass(frozen=True)
class Betweenness:
    """Each person's betweenness, and how it was computed: ``mode`` exact or sampled from ``sources`` people."""

    values: np.ndarray
    mode: str
    sources: int


@dataclass(frozen=True)
class BetweennessPlan:
    """Which sources betweenness counts from, in :data:`CHUNKS` pieces (empty ones left out), and how to scale."""

    size: int
    mode: str
    sources: list[int]
    chunks: list[list[int]]


def sampled_sources(size: int, count: int, seed: int) -> list[int]:
    """The sources of sampled betweenness: ``random.Random(seed).sample`` of the positions, as networkx draws them."""
    return random.Random(seed).sample(range(size), count)


def betweenness_plan(
    size: int, settings: InsightSettings, *, exact: bool | None = None, sample: int | None = None
) -> BetweennessPlan:
    """Exact below ``settings.exact_below`` people (or when ``exact``), else sampled from ``sample`` sources."""
    count = min(sample or settings.sample_sources, size)
    if exact is None:
        exact = size < settings.exact_below
    if exact or count >= size:
        chosen, mode = list(range(size)) if size > 2 else [], "exact"
    else:
        chosen, mode = sampled_sources(size, count, settings.seed), "sampled"
    chunks = [c.tolist() for c in np.array_split(np.array(chosen, dtype=np.int64), CHUNKS) if len(c)]
    return BetweennessPlan(size, mode, chosen, chunks)


def chunk_betweenness(network: Network, sources: list[int]) -> np.ndarray:
    """igraph's betweenness counted from ``sources`` only (every target): one chunk of a plan, in any process."""
    return np.array(network.graph().betweenness(directed=False, sources=sources, targets=None), dtype=float)


def submit_betweenness(pool: Executor, network: Network, plan: BetweennessPlan) -> list[Future[np.ndarray]]:
    return [pool.submit(chunk_betweenness, network, chunk) for chunk in plan.chunks]


def betweenness_of(plan: BetweennessPlan, chunks: list[np.ndarray]) -> Betweenness:
    """The chunks' counts added in chunk order, normalised.

    Exact: over the (n-1)(n-2) ordered pairs (the chunks together count from everyone: igraph's whole
    betweenness, to the last bits); sampled from k sources: the sources over (k-1)(n-2), everyone else
    over k(n-2).
    """
    n, count = plan.size, len(plan.sources)
    raw = np.zeros(n)
    for counted in chunks:
        raw = raw + counted
    if plan.mode == "exact":
        if n <= 2:
            return Betweenness(np.zeros(n), "exact", n)
        return Betweenness(2 * raw / ((n - 1) * (n - 2)), "exact", n)
    scale = np.full(n, 1 / (count * (n - 2)))
    scale[plan.sources] = 1 / ((count - 1) * (n - 2)) if count > 1 else 0.0
    return Betweenness(2 * raw * scale, "sampled", count)


def betweenness(
    projection: Projection,
    settings: InsightSettings,
    *,
    exact: bool | None = None,
    sample: int | None = None,
    pool: Executor | None = None,
) -> Betweenness:
    """Exact below ``settings.exact_below`` people (or when ``exact``), else sampled from ``sample`` sources;
    the chunks on ``pool`` (in this process without one), the same figures either way."""
    plan = betweenness_plan(projection.size, settings, exact=exact, sample=sample)
    futures = submit_betweenness(pool or Inline(), Network(projection), plan)
    return betweenness_of(plan, [f.result() for f in futures])


def _row_normalised(matrix: sparse.csr_matrix, by: np.ndarray) -> sparse.csr_matrix:
    safe = np.where(by > 0, by, 1.0)
    return sparse.diags(np.where(by > 0, 1 / safe, 0.0)) @ matrix


def structural_holes(projection: Projection) -> tuple[np.ndarray, np.ndarray]:
    """(constraint, effective size) of everyone, NaN for people without contacts.

    With ``P`` the strengths normalised by each row's sum and ``M`` by each
    row's maximum, over the contacts ``N(i)``: constraint ``sum_j (P_ij + (PP)_ij)^2``,
    effective size ``|N(i)| - sum_q P_iq (AM)_iq`` (``A`` the 0/1 adjacency).
    """
    adjacency, weights = projection.adjacency, projection.weights
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    row_sum = np.asarray(weights.sum(axis=1)).ravel()
    row_max = weights.max(axis=1).toarray().ravel() if weights.shape[0] else np.zeros(0)
    share = _row_normalised(weights, row_sum).tocsr()
    relative = _row_normalised(weights, row_max).tocsr()
    through = adjacency.multiply(share + share @ share)
    constraint = np.asarray(through.multiply(through).sum(axis=1)).ravel()
    redundancy = np.asarray(share.multiply(adjacency @ relative).sum(axis=1)).ravel()
    effective = degree - redundancy
    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return constraint, effective


def external_contacts(projection: Projection) -> np.ndarray:
    """Contacts in another unit than the person's (anyone with a unit, for someone without one)."""
    units = projection.units
    has_unit = np.array([u is not None for u in units])
    codes = projection.group_codes
    src, dst = projection.sources, projection.targets
    counts = np.zeros(projection.size, dtype=np.int64)
    differ = codes[src] != codes[dst]
    np.add.at(counts, src[differ & has_unit[dst]], 1)
    np.add.at(counts, dst[differ & has_unit[src]], 1)
    return counts


def brokerage(projection: Projection) -> dict[str, np.ndarray]:
    """role -> how many pairs of unlinked contacts each person brokers in that role."""
    n = projection.size
    codes = projection.group_codes
    src, dst = projection.sources, projection.targets
    brokers = np.concatenate([src, dst])
    contact_groups = codes[np.concatenate([dst, src])]
    degree = np.bincount(brokers, minlength=n).astype(np.int64)
    width = int(codes.max()) + 1 if n else 1
    keys, per_group = np.unique(brokers * width + contact_groups, return_counts=True)
    key_broker, key_group = keys // width, keys % width
    pairs = per_group * (per_group - 1) // 2
    own = key_group == codes[key_broker]
    in_own = np.zeros(n, dtype=np.int64)
    np.add.at(in_own, key_broker[own], per_group[own])
    counts = {role: np.zeros(n, dtype=np.int64) for role in ROLES}
    np.add.at(counts["coordinator"], key_broker[own], pairs[own])
    np.add.at(counts["itinerant"], key_broker[~own], pairs[~own])
    outside = degree - in_own
    counts["gatekeeper_representative"] += in_own * outside
    counts["liaison"] += outside * (outside - 1) // 2 - counts["itinerant"]
    _less_closed_pairs(projection, codes, counts)
    return counts


def _less_closed_pairs(projection: Projection, codes: np.ndarray, counts: dict[str, np.ndarray]) -> None:
    """Take out the pairs of contacts who are linked themselves (each triangle, from each of its corners)."""
    triangles = np.array(projection.igraph.list_triangles(), dtype=np.int64).reshape(-1, 3)
    for corner in range(3):
        broker = triangles[:, corner]
        a, c = triangles[:, (corner + 1) % 3], triangles[:, (corner + 2) % 3]
        gb, ga, gc = codes[broker], codes[a], codes[c]
        with_a, with_c = ga == gb, gc == gb
        roles = {
            "coordinator": with_a & with_c,
            "itinerant": ~with_a & ~with_c & (ga == gc),
            "gatekeeper_representative": with_a ^ with_c,
            "liaison": ~with_a & ~with_c & (ga != gc),
        }
        for role, where in roles.items():
            np.subtract.at(counts[role], broker[where], 1)


def thresholds(
    degree: np.ndarray, betweenness_values: np.ndarray, external: np.ndarray, settings: InsightSettings
) -> Thresholds:
    """The percentile thresholds of Cross's labels within this organisation."""

    def at(values: np.ndarray, percentile: float) -> float:
        return float(np.percentile(values, percentile)) if len(values) else 0.0

    return Thresholds(
        connector_degree=at(degree, settings.connector_percentile),
        broker_betweenness=at(betweenness_values, settings.broker_percentile),
        spanner_external=at(external, settings.spanner_percentile),
        peripheral_degree=at(degree, settings.peripheral_percentile),
        overload_degree=at(degree, settings.overload_percentile),
    )


@dataclass(frozen=True)
class PersonMeasures:
    """Every person measure, one entry per person of the projection (same order)."""

    betweenness: Betweenness
    constraint: np.ndarray
    effective_size: np.ndarray
    degree: np.ndarray
    external: np.ndarray
    brokerage: dict[str, np.ndarray]
    thresholds: Thresholds

    def rows(self, projection: Projection) -> list[dict[str, Any]]:
        """One plain row per person, by id: what is stored and shown."""
        found = []
        for i, person in enumerate(projection.people):
            degree = int(self.degree[i])
            labels = cross_labels(degree, float(self.betweenness.values[i]), int(self.external[i]), self.thresholds)
            found.append(
                {
                    "person": person,
                    "unit": projection.units[i],
                    "degree": degree,
                    "external": int(self.external[i]),
                    "betweenness": float(self.betweenness.values[i]),
                    "constraint": None if np.isnan(self.constraint[i]) else float(self.constraint[i]),
                    "effective_size": None if np.isnan(self.effective_size[i]) else float(self.effective_size[i]),
                    **{role: int(self.brokerage[role][i]) for role in ROLES},
                    "labels": labels,
                    "overloaded": possibly_overloaded(labels, degree, self.thresholds),
                }
            )
        return found


@dataclass(frozen=True)
class LocalMeasures:
    """The person measures that need no betweenness: computed in this process while the chunks run elsewhere."""

    constraint: np.ndarray
    effective_size: np.ndarray
    degree: np.ndarray
    external: np.ndarray
    brokerage: dict[str, np.ndarray]


def degrees(projection: Projection) -> np.ndarray:
    ends = np.concatenate([projection.sources, projection.targets])
    return np.bincount(ends, minlength=projection.size).astype(np.int64)


def local_measures(projection: Projection) -> LocalMeasures:
    constraint, effective = structural_holes(projection)
    return LocalMeasures(
        constraint=constraint,
        effective_size=effective,
        degree=degrees(projection),
        external=external_contacts(projection),
        brokerage=brokerage(projection),
    )


def combined(local: LocalMeasures, between: Betweenness, settings: InsightSettings) -> PersonMeasures:
    return PersonMeasures(
        betweenness=between,
        constraint=local.constraint,
        effective_size=local.effective_size,
        degree=local.degree,
        external=local.external,
        brokerage=local.brokerage,
        thresholds=thresholds(local.degree, between.values, local.external, settings),
    )


def person_measures(
    projection: Projection, settings: InsightSettings, *, exact: bool | None = None, sample: int | None = None
) -> PersonMeasures:
    """Every person measure of ``projection`` (see the module docstring), in this process."""
    between = betweenness(projection, settings, exact=exact, sample=sample)
    return combined(local_measures(projection), between, settings)
