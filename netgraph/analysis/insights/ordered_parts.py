"""The heat maps and silo rows stored again in the order the bounded reads show them.

The page and the JSON API show at most N units of a level's heat map (the
busiest, :func:`busiest_order`) and at most N silo rows (the clearest,
:func:`clearest_first`). Ranked once at refresh and keyed ``<scope>/<rank>``,
the first N are N keyed look-ups on either store: the read opens 40 small
records, not a level's whole matrix (60,000 cells at 100k people) or every
silo row. Each unit of a heat map carries its cells with the units ranked
before it, so the first N units carry every cell among them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from netgraph.model.insight_rows import (
    CommunitiesUnder,
    HeatMapLevel,
    HeatMapUnit,
    RankedSilo,
    RankedUnitCommunities,
    SiloRow,
    UnitCommunities,
)

#: The scope of the silo rows of every unit (a level's scope is its number).
EVERY_UNIT = "all"


def rank_key(scope: int | str, rank: int) -> str:
    return f"{scope}/{rank}"


def first_keys(scope: int | str, count: int) -> list[str]:
    """The keys of the first ``count`` ranked parts of ``scope``."""
    return [rank_key(scope, rank) for rank in range(count)]


def busiest_order(count: int, ties: list[list[int]]) -> list[int]:
    """A level's unit positions by their ties, most first (a pair's ties count for both of its units, a
    unit's own once); even counts go to the unit listed first.

    >>> busiest_order(3, [[0, 0, 1], [1, 2, 5], [0, 2, 2]])
    [2, 1, 0]
    """
    total = np.zeros(count, dtype=np.int64)
    if ties:
        pairs = np.asarray(ties, dtype=np.int64)
        np.add.at(total, pairs[:, 0], pairs[:, 2])
        other = pairs[:, 0] != pairs[:, 1]
        np.add.at(total, pairs[other, 1], pairs[other, 2])
    return [int(k) for k in np.lexsort((np.arange(count), -total))]


def heat_map_units(matrix: HeatMapLevel) -> list[tuple[str, HeatMapUnit]]:
    """One level's units busiest first, each with its cells to itself and the units ranked before it."""
    units, sizes, ties = matrix["units"], matrix["sizes"], matrix["ties"]
    order = busiest_order(len(units), ties)
    rank = {position: r for r, position in enumerate(order)}
    cells: list[list[list[int]]] = [[] for _ in order]
    for t, (i, j, n) in enumerate(ties):
        cells[max(rank[i], rank[j])].append([t, i, j, n])
    level = matrix["level"]
    return [
        (
            rank_key(level, r),
            {
                "level": level,
                "rank": r,
                "position": k,
                "unit": units[k],
                "members": sizes[k],
                "holds": len(units),
                "ties": cells[r],
            },
        )
        for r, k in enumerate(order)
    ]


def silo_order(
    scope: int | str, rows: list[SiloRow], clearest: Callable[[SiloRow], Any]
) -> list[tuple[str, RankedSilo]]:
    """The silo rows of ``scope`` (in the stored order) clearest first, each with its stored position."""
    ranked = sorted(range(len(rows)), key=lambda k: clearest(rows[k]))
    return [
        (rank_key(scope, r), {"rank": r, "of": len(rows), "position": k, "row": rows[k]}) for r, k in enumerate(ranked)
    ]


def first_units(found: list[HeatMapUnit]) -> tuple[list[HeatMapUnit], list[list[int]], int]:
    """The first units of a level read back (``found``: any order): in the level's order, their cells in
    the level's order, and how many units the level holds."""
    shown = sorted(found, key=lambda u: u["position"])
    cells = sorted((cell for unit in found for cell in unit["ties"]), key=lambda cell: cell[0])
    return shown, [cell[1:] for cell in cells], found[0]["holds"] if found else 0


def first_silos(found: list[RankedSilo]) -> tuple[list[SiloRow], int]:
    """The first silo rows of a scope read back (``found``: any order), and how many it leaves out: when
    every row of the scope was read, in the stored order, as an unlimited read lists them."""
    of = found[0]["of"] if found else 0
    if of <= len(found):
        return [r["row"] for r in sorted(found, key=lambda r: r["position"])], 0
    return [r["row"] for r in sorted(found, key=lambda r: r["rank"])], of - len(found)


def most_split(row: UnitCommunities) -> tuple[int, int, str]:
    """The order of a limited list of units beside the communities: split across the most communities
    first, then the most people, then by id.

    >>> rows = [{"unit": "a", "members": 9, "communities": [[0, 9]]},
    ...         {"unit": "b", "members": 5, "communities": [[0, 3], [1, 2]]},
    ...         {"unit": "c", "members": 7, "communities": [[1, 4], [2, 3]]}]
    >>> [r["unit"] for r in sorted(rows, key=most_split)]
    ['c', 'b', 'a']
    """
    return (-len(row["communities"]), -row["members"], row["unit"])


def unit_community_order(rows: list[UnitCommunities]) -> list[tuple[str, RankedUnitCommunities]]:
    """Every unit's row beside the communities, most split first, keyed ``all/<rank>``."""
    ranked = sorted(rows, key=most_split)
    return [(rank_key(EVERY_UNIT, r), {"rank": r, "of": len(rows), "row": row}) for r, row in enumerate(ranked)]


def first_unit_communities(found: list[RankedUnitCommunities]) -> tuple[list[UnitCommunities], int]:
    """The first units beside the communities read back (``found``: any order), most split first, and how
    many the stored result leaves out."""
    of = found[0]["of"] if found else 0
    return [r["row"] for r in sorted(found, key=lambda r: r["rank"])], of - len(found)


def communities_under(
    rows: list[UnitCommunities], parents: dict[str, str | None]
) -> list[tuple[str, CommunitiesUnder]]:
    """For every unit of the tree (``parents``: unit -> parent), keyed by unit: the communities holding people
    of it or of a unit under it, and those units' rows (``rows``) by id, most split first. Each row counts
    for its unit and every unit above it, so building them all takes the rows times the tree's depth.

    >>> rows = [{"unit": "a", "members": 9, "communities": [[0, 9]]},
    ...         {"unit": "b", "members": 5, "communities": [[0, 3], [2, 2]]}]
    >>> dict(communities_under(rows, {"top": None, "a": "top", "b": "top", "c": "b"}))["top"]
    {'unit': 'top', 'communities': [0, 2], 'units': ['b', 'a']}
    """
    held: dict[str, set[int]] = {unit: set() for unit in parents}
    under: dict[str, list[UnitCommunities]] = {unit: [] for unit in parents}
    for row in sorted(rows, key=most_split):
        unit: str | None = row["unit"]
        seen: set[str] = set()
        while unit is not None and unit not in seen:  # seen: a tree with a cycle stops instead of looping
            seen.add(unit)
            held.setdefault(unit, set()).update(c for c, _ in row["communities"])
            under.setdefault(unit, []).append(row)
            unit = parents.get(unit)
    return [
        (unit, {"unit": unit, "communities": sorted(held[unit]), "units": [r["unit"] for r in under[unit]]})
        for unit in sorted(held)
    ]
