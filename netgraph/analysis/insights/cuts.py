"""Cut points: the people whose departure would break the network apart, and what they alone connect.

* **Articulation points**: people whose leaving splits their part of the
  network. Each lists the pieces that would be cut off from the rest (every
  piece but the largest): their size, and their people when a piece holds at
  most :data:`LISTED_PIECE` people. Computed once for everyone from the tree of
  biconnected blocks (igraph), not by removing people one at a time.
* **Bridges**: links that are the only path between two parts; each end lists the other.
* **Sole links between units**: a person who takes part in every tie between
  their unit and another unit: when they leave, the two units have no tie.

The what-if (``netgraph what-if``) shows the cut for chosen leavers; this finds the candidates.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from netgraph.analysis.insights.projection import Projection

#: A cut-off piece of at most this many people lists them; a larger one only its size.
LISTED_PIECE = 10


def _block_cut_tree(
    projection: Projection,
) -> tuple[list[list[int]], list[int], dict[int, int], dict[int, list[int]], list[int]]:
    """The blocks, the articulation points, and the tree joining them (block nodes 0..B-1, then one per point)."""
    components, points = projection.igraph.biconnected_components(return_articulation_points=True)
    blocks: list[list[int]] = [list(b) for b in components]
    point_node = {p: len(blocks) + k for k, p in enumerate(points)}
    neighbours: dict[int, list[int]] = defaultdict(list)
    weight = [sum(1 for v in b if v not in point_node) for b in blocks] + [1] * len(points)
    for b, members in enumerate(blocks):
        for v in members:
            if v in point_node:
                neighbours[b].append(point_node[v])
                neighbours[point_node[v]].append(b)
    return blocks, points, point_node, neighbours, weight


def _people_under(
    node: int,
    parent: int,
    blocks: list[list[int]],
    point_node: dict[int, int],
    point_of: dict[int, int],
    neighbours: dict[int, list[int]],
    limit: int,
) -> list[int] | None:
    """The people of the subtree at ``node`` (away from ``parent``), or None past ``limit``.

    ``point_of``: tree node -> person, the inverse of ``point_node``, built once by the caller."""
    found: set[int] = set()
    stack = [(node, parent)]
    while stack:
        here, came = stack.pop()
        if here < len(blocks):
            found.update(v for v in blocks[here] if v not in point_node)
        else:
            found.add(point_of[here])
        if len(found) > limit:
            return None
        stack += [(n, here) for n in neighbours[here] if n != came]
    return sorted(found)


def articulation_pieces(projection: Projection) -> dict[int, list[dict[str, Any]]]:
    """person -> the pieces their leaving cuts off (every piece but the largest), largest first."""
    blocks, points, point_node, neighbours, weight = _block_cut_tree(projection)
    total_nodes = len(weight)
    parent = [-1] * total_nodes
    below = list(weight)
    tree_of = [-1] * total_nodes
    tree_size: list[int] = []
    for start in range(total_nodes):
        if tree_of[start] >= 0:
            continue
        order, stack = [], [start]
        tree_of[start] = len(tree_size)
        while stack:
            here = stack.pop()
            order.append(here)
            for n in neighbours[here]:
                if tree_of[n] < 0:
                    tree_of[n], parent[n] = tree_of[start], here
                    stack.append(n)
        for here in reversed(order):
            if parent[here] >= 0:
                below[parent[here]] += below[here]
        tree_size.append(below[start])
    point_of = {n: v for v, n in point_node.items()}
    found: dict[int, list[dict[str, Any]]] = {}
    for person, node in point_node.items():
        pieces = [(below[child], child, node) for child in neighbours[node] if child != parent[node]]
        above = tree_size[tree_of[node]] - below[node]
        if above > 0:
            pieces.append((above, parent[node], node))
        pieces.sort(key=lambda p: -p[0])
        found[person] = [
            {"size": size, "people": _people_under(child, away, blocks, point_node, point_of, neighbours, LISTED_PIECE)}
            for size, child, away in pieces[1:]
        ]
    return found


def bridges(projection: Projection) -> list[tuple[int, int]]:
    """The links that are the only path between their two ends, as (lower, higher) positions."""
    found = np.asarray(projection.igraph.bridges(), dtype=np.int64)
    # edge e of the graph is link e of the projection (built in that order), whose source is the lower end
    pairs = zip(projection.sources[found].tolist(), projection.targets[found].tolist(), strict=True)
    return sorted(pairs)


def sole_links(projection: Projection) -> dict[int, list[tuple[str, str]]]:
    """person -> the unit pairs (own unit first) whose every tie they take part in.

    Counted at once for every pair of units: a person takes part in every tie of a pair when the ties
    of that pair touching them are all its ties.
    """
    n, codes = projection.size, projection.group_codes
    names = sorted({u for u in projection.units if u is not None})  # code k is names[k] (group_codes)
    src, dst = projection.sources, projection.targets
    cross = (codes[src] < len(names)) & (codes[dst] < len(names)) & (codes[src] != codes[dst])
    a, b = src[cross], dst[cross]
    if not len(a):
        return {}
    width = len(names)
    pair_keys = np.minimum(codes[a], codes[b]) * width + np.maximum(codes[a], codes[b])
    unit_pairs, pair, ties = np.unique(pair_keys, return_inverse=True, return_counts=True)
    keys, touching = np.unique(np.concatenate([pair, pair]) * n + np.concatenate([a, b]), return_counts=True)
    on_every = touching == ties[keys // n]
    sole: np.ndarray = keys[on_every] % n
    their_pairs = unit_pairs[keys[on_every] // n]
    low, high = their_pairs // width, their_pairs % width
    own: np.ndarray = codes[sole]
    other: np.ndarray = np.where(own == low, high, low)
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for person, mine, theirs in zip(sole.tolist(), own.tolist(), other.tolist(), strict=True):
        found[person].append((names[mine], names[theirs]))
    return {person: sorted(listed) for person, listed in found.items()}


def cut_rows(projection: Projection) -> dict[int, dict[str, Any]]:
    """person position -> their cut-point figures (only people with any), naming people by id."""
    people = projection.people
    rows: dict[int, dict[str, Any]] = defaultdict(lambda: {"cuts_off": [], "bridges": [], "sole_links": []})
    for person, pieces in articulation_pieces(projection).items():
        rows[person]["cuts_off"] = [
            {"size": p["size"], "people": None if p["people"] is None else [people[v] for v in p["people"]]}
            for p in pieces
        ]
    for a, b in bridges(projection):
        rows[a]["bridges"].append(people[b])
        rows[b]["bridges"].append(people[a])
    for person, pairs in sole_links(projection).items():
        rows[person]["sole_links"] = [list(p) for p in pairs]
    return dict(rows)


def empty_cut() -> dict[str, Any]:
    return {"cuts_off": [], "bridges": [], "sole_links": []}
