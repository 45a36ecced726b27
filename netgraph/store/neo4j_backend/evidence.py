"""Tie evidence on Neo4j, packed: one ``TieEvidence`` node per pair, its counts as lists.

Ten million events at 100k people make about 22 million counts (pair, channel,
day). As one node each they would be 22 million nodes with three indexes to
keep; packed per pair they are one node per pair that any input tied, and a
pair's counts are read with one index lookup. Packs are sent as they come
from the ingest (sorted by pair), one batch per transaction; each is added
to the pair's pack in the store, or makes its first (``cypher/ties/append_evidence.cypher``,
``new_evidence.cypher``). A
store written before that may hold several packs of a pair (one per input):
readers add counts up anyway.

A count's ``minutes`` may be unknown; Neo4j lists hold no nulls, so it is kept
as -1.0 (no duration is negative) and read back as None.

>>> rows = [{"a": "p1", "b": "p2", "channel": "chat", "day": "2026-11-02", "events": 2, "minutes": None},
...         {"a": "p1", "b": "p2", "channel": "meeting", "day": "2026-11-03", "events": 1, "minutes": 30.0}]
>>> [pack] = next(packed(rows, counts_per_batch=10))
>>> pack["days"], pack["minutes"]
(['2026-11-02', '2026-11-03'], [-1.0, 30.0])
>>> list(unpacked(pack)) == rows
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from netgraph.store.ports import EvidenceRow

#: How ``minutes`` that were not given are stored (a list property cannot hold null).
NO_MINUTES = -1.0


def packed(rows: Iterable[EvidenceRow], *, counts_per_batch: int) -> Iterator[list[dict[str, Any]]]:
    """Batches of packs (one per run of rows of the same pair), each batch about ``counts_per_batch`` counts."""
    batch: list[dict[str, Any]] = []
    counts = 0
    pack: dict[str, Any] | None = None
    for row in rows:
        if pack is None or pack["a"] != row["a"] or pack["b"] != row["b"]:
            if counts >= counts_per_batch:
                yield batch
                batch, counts = [], 0
            pack = {"a": row["a"], "b": row["b"], "channels": [], "days": [], "events": [], "minutes": []}
            batch.append(pack)
        pack["channels"].append(row["channel"])
        pack["days"].append(row["day"])
        pack["events"].append(int(row["events"]))
        pack["minutes"].append(NO_MINUTES if row["minutes"] is None else float(row["minutes"]))
        counts += 1
    if batch:
        yield batch


def unpacked(pack: Any) -> Iterator[EvidenceRow]:
    """The counts of one pack (a record or dict with a, b and the four lists), as port rows."""
    a, b = pack["a"], pack["b"]
    for channel, day, events, minutes in zip(
        pack["channels"], pack["days"], pack["events"], pack["minutes"], strict=True
    ):
        yield {
            "a": a,
            "b": b,
            "channel": channel,
            "day": day,
            "events": events,
            "minutes": None if minutes == NO_MINUTES else minutes,
        }


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, in order (one Neo4j transaction each).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
