"""The unit tree over the projection: who sits under which unit, and where two people's units meet.

Units are numbered in id order; two virtual nodes sit beside them: the
*root* above every top unit, and *nobody's unit*, under the root, for people
without a unit (it is never reported). Sums over "a unit and every unit
under it" are one sparse product with the ancestor matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from netgraph.analysis.insights.projection import Projection


@dataclass(frozen=True)
class UnitTree:
    """``units[i]`` has parent ``parent[i]`` and depth ``depth[i]`` (top units 1); ``root`` and ``none`` are
    the virtual nodes."""

    units: list[str]
    parent: np.ndarray
    depth: np.ndarray

    @property
    def root(self) -> int:
        return len(self.units)

    @property
    def none(self) -> int:
        return len(self.units) + 1

    @cached_property
    def index(self) -> dict[str, int]:
        return {unit: i for i, unit in enumerate(self.units)}

    @cached_property
    def ancestors(self) -> sparse.csr_matrix:
        """``[x, y]`` is 1 when y is x or above it: ``counts @ ancestors`` sums each unit's whole subtree."""
        rows, cols = [], []
        for node in range(len(self.parent)):
            here = node
            while True:
                rows.append(node)
                cols.append(here)
                if here == self.root:
                    break
                here = int(self.parent[here])
        size = len(self.parent)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))

    def subtree_sums(self, per_node: np.ndarray) -> np.ndarray:
        """Per real unit, the sum of ``per_node`` over it and every unit under it."""
        return np.asarray(per_node @ self.ancestors).ravel()[: len(self.units)]

    @cached_property
    def by_depth(self) -> np.ndarray:
        """``[d, x]``: the node above (or at) node x at depth d, -1 where x is above depth d (row 0: the root)."""
        nodes = np.arange(len(self.parent))
        found = np.full((int(self.depth.max()) + 1, len(self.parent)), -1, dtype=np.int64)
        here = nodes.copy()
        for d in range(found.shape[0] - 1, -1, -1):
            at = self.depth[here] > d
            here[at] = self.parent[here[at]]
            found[d] = np.where(self.depth[here] == d, here, -1)
        return found

    def internal_counts(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Per real unit, how many pairs ``(a[k], b[k])`` have both ends in it or in units under it.

        One pass per depth: a unit at depth d holds both ends when both ends' nodes at depth d are it.
        (The subtree sums of how many pairs meet at each node, without climbing the tree pair by pair.)
        """
        size = len(self.units)
        counts = np.zeros(size, dtype=np.int64)
        for row in self.by_depth[1:]:
            up_a, up_b = row[a], row[b]
            both = (up_a == up_b) & (up_a >= 0)
            # pairs apart at depth d are apart deeper down too: only those together go on
            a, b, up_a = a[both], b[both], up_a[both]
            counts += np.bincount(up_a[up_a < size], minlength=size)
        return counts

    def at_level(self, codes: np.ndarray, level: int) -> np.ndarray:
        """Each code's unit at ``level`` (1: the top units); -1 for people above the level or without a unit."""
        found = self.by_depth[level][codes] if level < len(self.by_depth) else np.full(len(codes), -1, dtype=np.int64)
        found[found >= len(self.units)] = -1
        return found

    @property
    def levels(self) -> int:
        return int(self.depth[: len(self.units)].max()) if self.units else 0


def unit_tree(projection: Projection) -> UnitTree:
    """The tree of every stored unit (``projection.unit_parents``), numbered in id order."""
    units = sorted(projection.unit_parents)
    index = {unit: i for i, unit in enumerate(units)}
    root, none = len(units), len(units) + 1
    parent = np.array(
        [index.get(above, root) if (above := projection.unit_parents[u]) else root for u in units] + [root, root],
        dtype=np.int64,
    )
    depth = np.zeros(len(parent), dtype=np.int64)
    for node in range(len(units)):
        here, steps = node, 0
        while here != root:
            here, steps = int(parent[here]), steps + 1
        depth[node] = steps
    depth[none] = 1
    return UnitTree(units=units, parent=parent, depth=depth)


def person_codes(projection: Projection, tree: UnitTree) -> np.ndarray:
    """Each person's unit as a node of ``tree`` (``tree.none`` without one)."""
    return np.array([tree.index[u] if u is not None else tree.none for u in projection.units], dtype=np.int64)
