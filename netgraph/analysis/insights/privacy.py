"""Which unit-level figures may be shown: none about fewer than ``[insights] min_group_size`` active people.

* A unit counts the active people in it and in every unit under it, so a
  unit with few direct members but a large subtree is shown.
* A figure about a pair of units (a heat-map cell, a unit's share of a
  community) needs both to pass.
* A hidden unit is left out of its parent's figure wherever subtraction
  would reveal it: if the parent's people, less those of its shown child
  units, are fewer than ``min_group_size`` (and include a hidden child), the
  parent's figures are computed without the hidden children's people, who
  then count as in no unit; the heat map leaves them out at every level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netgraph.analysis.insights.units import UnitTree


@dataclass(frozen=True)
class Hiding:
    """``hidden``: unit nodes not shown; ``adjusted``: shown units computed without hidden children;
    ``codes``: each person's unit node with the people of those hidden children moved to no unit."""

    hidden: set[int]
    adjusted: set[int]
    codes: np.ndarray


def hiding(tree: UnitTree, codes: np.ndarray, min_group_size: int) -> Hiding:
    """What to hide and what to compute without hidden children (see the module docstring)."""
    size = len(tree.units)
    members = tree.subtree_sums(np.bincount(codes, minlength=len(tree.parent)).astype(float))
    hidden = {u for u in range(size) if members[u] < min_group_size}
    children: dict[int, list[int]] = {}
    for u in range(size):
        children.setdefault(int(tree.parent[u]), []).append(u)
    adjusted, left_out = set(), set()
    for unit in range(size):
        if unit in hidden:
            continue
        below = children.get(unit, [])
        hidden_below = [c for c in below if c in hidden]
        rest = members[unit] - sum(members[c] for c in below if c not in hidden)
        if hidden_below and rest < min_group_size:
            adjusted.add(unit)
            left_out.update(hidden_below)
    moved = codes.copy()
    if left_out:
        inside = np.asarray(tree.ancestors[:, sorted(left_out)].sum(axis=1)).ravel() > 0
        moved[inside[codes]] = tree.none
    return Hiding(hidden=hidden, adjusted=adjusted, codes=moved)
