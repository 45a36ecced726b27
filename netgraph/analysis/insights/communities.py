"""Communities against the org chart: how the informal groups sit beside the units.

Leiden (igraph, modularity with strengths) finds the communities, seeded
from ``[insights] seed`` so that every run and both stores agree, in passes
until one changes nothing or ``[insights] leiden_passes`` have run; then the
normalised mutual information (NMI, arithmetic mean) between communities and
people's own units says how closely the informal structure follows the
formal one (1: the same partition; 0: unrelated). Someone without a unit
counts as a group of their own.

Reported: each community with its size and its largest units (the name it
goes by), and each unit with the communities its people fall into. A
community spanning several units, or a unit split across several
communities, is where the org chart and the real network part ways.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import igraph
import numpy as np

from netgraph.analysis.insights.projection import Network, Projection

#: How many of its largest units a community is named by.
NAMED_BY = 3


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` for the block, then the default again."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def leiden(projection: Projection, seed: int, passes: int) -> list[int]:
    """Each person's community (numbered by size, largest first, then by lowest person position)."""
    return leiden_of(Network(projection), seed, passes)


def leiden_of(network: Network, seed: int, passes: int) -> list[int]:
    """:func:`leiden` on a network sent to any process: the same communities wherever it runs.

    One pass at a time, each from the last one's communities, until a pass changes nothing or
    ``passes`` have run: a network that settles within the cap gets what unlimited passes give.
    """
    graph = network.graph()
    with _seeded(seed):
        raw = graph.community_leiden(objective_function="modularity", weights="strength", n_iterations=1).membership
        for _ in range(passes - 1):
            again = graph.community_leiden(
                objective_function="modularity", weights="strength", n_iterations=1, initial_membership=raw
            ).membership
            if again == raw:
                break
            raw = again
    members: dict[int, list[int]] = {}
    for person, community in enumerate(raw):
        members.setdefault(community, []).append(person)
    order = sorted(members, key=lambda c: (-len(members[c]), members[c][0]))
    renumber = {old: new for new, old in enumerate(order)}
    return [renumber[c] for c in raw]


def nmi(projection: Projection, membership: list[int]) -> float:
    """Normalised mutual information between the communities and people's own units."""
    return float(igraph.compare_communities(membership, projection.group_codes.tolist(), method="nmi"))


def community_summary(
    projection: Projection, membership: list[int], *, shown: set[str], min_group_size: int
) -> dict[str, Any]:
    """The communities (size, shown units by members) and the shown units (communities by members), and the NMI.

    Names no person. Privacy (:mod:`.privacy`): a community of fewer than ``min_group_size`` people is only
    counted (``hidden_communities``); a unit's count within a community is shown when both pass; the rest of
    a community or a unit is one ``other`` figure, shown only when it passes too.
    """
    names = sorted({u for u in projection.units if u is not None})  # unit code k is names[k] (group_codes)
    nobody = len(names)  # everyone without a unit: one code, never shown
    unit_codes = np.minimum(projection.group_codes, nobody)
    ids, dense, counts = np.unique(np.asarray(membership, dtype=np.int64), return_inverse=True, return_counts=True)
    sizes = dict(zip(ids.tolist(), counts.tolist(), strict=True))
    big = counts >= min_group_size
    is_shown = np.array([name in shown for name in names] + [False])
    # one count per (community, unit) pair present, not one step per person
    keys, together = np.unique(dense.ravel() * (nobody + 1) + unit_codes, return_counts=True)
    community, unit = keys // (nobody + 1), keys % (nobody + 1)
    keep = big[community] & is_shown[unit]
    by_community: dict[int, dict[str, int]] = {int(c): {} for c in ids[big]}
    for c, u, n in zip(ids[community[keep]].tolist(), unit[keep].tolist(), together[keep].tolist(), strict=True):
        by_community[c][names[u]] = n

    def passing(n: int) -> int | None:
        return n if n >= min_group_size else None

    def ranked(counts: Mapping[Any, int]) -> list[list[Any]]:
        return [[key, n] for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))]

    communities = []
    by_unit: dict[str, Counter[int]] = {}
    for c, in_units in by_community.items():
        listed = ranked(in_units)
        for u, n in listed:
            by_unit.setdefault(u, Counter())[c] = n
        communities.append(
            {
                "community": c,
                "size": sizes[c],
                "units": listed,
                "other": passing(sizes[c] - sum(n for _, n in listed)),
                "named_by": [u for u, _ in listed][:NAMED_BY],
            }
        )
    members = np.bincount(unit_codes, minlength=nobody + 1)
    unit_members = {name: int(members[k]) for k, name in enumerate(names)}
    unit_rows = [
        {
            "unit": unit,
            "members": unit_members[unit],
            "communities": ranked(by_unit.get(unit, {})),
            "other": passing(unit_members[unit] - sum(by_unit.get(unit, {}).values())),
        }
        for unit in sorted(shown)
        if unit_members.get(unit)
    ]
    return {
        "nmi": nmi(projection, membership),
        "communities": communities,
        "units": unit_rows,
        "hidden_communities": len(sizes) - int(big.sum()),
    }
