"""When Neo4j's statistics are out of date after a write, and when they are fresh again.

Neo4j plans a statement once and caches the plan; it costs the plan from the
count store (always exact) and from index *samples* (taken now and then). A
sample taken on an emptied database says "no rows", and a plan made on such
figures may scan a whole label for every key it looks up. The statements of
``cypher/`` name the index they use (``USING INDEX``) so that they cannot go
that way; beyond them, after a write that changed a large share of a label
or link type, the store has Neo4j sample its outdated indexes again and
drops the cached plans (``Neo4jStore.refresh_statistics``).

Examples
--------
>>> changed_share({"Person": 100, "KNOWS": 0}, {"Person": 110, "KNOWS": 0})
0.1
>>> changed_share({"Person": 0}, {"Person": 5})
inf
>>> outdated([{"tokens": ["Person"], "properties": ["id"], "size": 0, "updates": 300}])
{(('Person',), ('id',)): 300}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: Neo4j's own rule (``db.index_sampling.update_percentage``, 5 by default): an index is out
#: of date, and ``db.resampleOutdatedIndexes()`` samples it, once the writes since its last
#: sample exceed this share of the rows that sample counted.
NEO4J_OUTDATED_SHARE = 0.05


def changed_share(before: Mapping[str, int], after: Mapping[str, int], *, least: int = 0) -> float:
    """The largest change of one label's (or link type's) count, as a share of its count before.

    A label that was empty and is not now counts as an infinite share; changes of
    ``least`` rows or fewer count as none (on a small graph every plan is cheap).
    """
    shares = [0.0]
    for name in set(before) | set(after):
        was, now = before.get(name, 0), after.get(name, 0)
        moved = abs(now - was)
        if moved > least:
            shares.append(moved / was if was else float("inf"))
    return max(shares)


def outdated(samples: Iterable[Mapping[str, Any]]) -> dict[tuple[Any, ...], int]:
    """The indexes whose sample Neo4j counts as out of date, with the writes since it was taken.

    ``samples`` are rows of ``admin/index_samples`` (tokens, properties, size, updates).
    """
    return {
        (tuple(s["tokens"]), tuple(s["properties"])): s["updates"]
        for s in samples
        if s["updates"] > s["size"] * NEO4J_OUTDATED_SHARE
    }


def resampled(was: Mapping[tuple[Any, ...], int], samples: Iterable[Mapping[str, Any]]) -> bool:
    """Whether every index of ``was`` (from :func:`outdated`) was sampled since: fewer writes counted now."""
    now = {(tuple(s["tokens"]), tuple(s["properties"])): s["updates"] for s in samples}
    return all(now.get(index, 0) < updates for index, updates in was.items())
