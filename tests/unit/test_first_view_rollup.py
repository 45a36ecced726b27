"""The succession page rolls units up as lists and makes a row only for the units it draws: the same rows and the
same units chosen as rolling up every unit into rows first."""

from __future__ import annotations

import random

import pytest

from netgraph.analysis.succession_first_view import top_unit_ids, top_units, uncovered
from netgraph.store.rollup import SLOTS, rolled_totals, rolled_up, unit_row


def tree(seed: int, size: int, *, loop: bool = False) -> dict[str, dict]:
    """``size`` units under a few roots, each with its own counts; with ``loop``, two units each other's parent."""
    rng = random.Random(seed)
    units: dict[str, dict] = {}
    for i in range(size):
        uid = f"u{i:03d}"
        parent = None if i < 3 or rng.random() < 0.05 else f"u{rng.randrange(i):03d}"
        units[uid] = {"id": uid, "name": f"Unit {i}", "parent": parent}
    if loop:
        units["u010"]["parent"], units["u011"]["parent"] = "u011", "u010"
    return units


def own_counts(units: dict[str, dict], seed: int) -> dict[str, list[int]]:
    rng = random.Random(seed)
    own = {}
    for uid in units:
        critical = rng.randrange(4)
        own[uid] = [rng.randrange(9), 0, 0, 0, critical, rng.randrange(critical + 1), rng.randrange(5)]
    return own


def below(units: dict[str, dict], uid: str) -> set[str]:
    """``uid`` and every unit whose chain of parents reaches it, the long way."""
    found = set()
    for unit in units:
        seen = []
        while unit in units and unit not in seen:
            seen.append(unit)
            unit = units[unit]["parent"]
        if uid in seen:
            found.add(seen[0])
    return found


@pytest.mark.parametrize("loop", [False, True])
def test_each_unit_s_totals_add_up_its_own_counts_and_those_of_every_unit_below_it(loop):
    units = tree(1, 300, loop=loop)
    own = own_counts(units, 2)
    expected = {uid: [sum(own[b][i] for b in below(units, uid)) for i in range(len(SLOTS))] for uid in units}
    assert rolled_totals(units, own_counts(units, 2)) == expected


def test_the_rows_of_every_unit_are_its_totals_made_rows():
    units = tree(1, 300)
    totals = rolled_totals(units, own_counts(units, 2))
    assert [unit_row(uid, units[uid], totals[uid]) for uid in sorted(totals)] == rolled_up(units, own_counts(units, 2))


@pytest.mark.parametrize("most", [0, 1, 5, 40, 400])
def test_the_units_taken_are_a_top_of_the_tree_with_the_most_uncovered_seats_first_at_each_level(most):
    units = tree(3, 300)
    rows = {row["id"]: row for row in rolled_up(units, own_counts(units, 4))}
    taken = top_unit_ids({uid: row["parent"] for uid, row in rows.items()}, lambda uid: uncovered(rows[uid]), most)
    assert taken == sorted(taken) and len(taken) == min(most, len(rows))
    assert all(rows[uid]["parent"] in (None, *taken) for uid in taken)
    for uid in set(rows) - set(taken):  # a unit left out under a unit taken never has more uncovered than one taken
        level = [t for t in taken if rows[t]["parent"] == rows[uid]["parent"]]
        if rows[uid]["parent"] in (None, *taken) and level:
            assert all((-uncovered(rows[t]), t) < (-uncovered(rows[uid]), uid) for t in level)
    assert [row["id"] for row in top_units(list(rows.values()), most)] == taken
