"""The move of round feedback kept on proposals by an earlier build onto the MENTORS links, on Neo4j.

Runs once per database in a process, before the first statement of any
kind of the first store object on it (``Neo4jDriver._transaction``): the
Neo4j store connects lazily, so that is when a process "opens" it, and no
read may see, nor write over, a link whose feedback is still on a proposal.
A database whose move is done says so: its audit anchor carries a mark
(``matching/feedback_moved``, one read of a unique index, and nothing else
when it is there). Without the mark, it reads the proposals still holding
feedback (``matching/proposals_with_old_feedback``, a scan of every
proposal), their pairs' links (``matching/feedback_links``), plans with the
one rule (:mod:`netgraph.model.feedback_move`), and writes in ``UNWIND``
batches (``matching/move_feedback``), each batch one transaction with its
audit event, the last one with the mark (``matching/mark_feedback_moved``).
A crash between batches leaves the batches done moved, the rest where they
were and no mark; the next run reads only the rest (the write guards each
side against a rating the link already has), so running it again changes
nothing. When there is nothing to move, the mark comes with the store's
schema, which it applies before its first write (``Neo4jDriver._apply_schema``):
a process that only reads writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import neo4j

from netgraph.model.feedback_move import FeedbackMove, moved_entry, plan_moves
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.trail import append_event

if TYPE_CHECKING:
    from netgraph.store.neo4j_backend.driver import Neo4jDriver


def move_feedback_to_links(driver: Neo4jDriver, batch_size: int) -> int:
    """Move what the stored proposals still hold; the number of proposals it took feedback off."""
    if driver._query("matching/feedback_moved")[0]["moved"]:
        return 0
    found = driver._query("matching/proposals_with_old_feedback")
    if not found:
        return 0
    ids = {(r["proposal"]["round"], r["proposal"]["mentor"], r["proposal"]["mentee"]): r["id"] for r in found}
    pairs = sorted({(r["proposal"]["mentor"], r["proposal"]["mentee"]) for r in found})
    links: dict[tuple[str, str], Any] = {}
    for start in range(0, len(pairs), batch_size):
        batch_pairs = [list(pair) for pair in pairs[start : start + batch_size]]
        links |= {
            (r["mentor"], r["mentee"]): r["link"] for r in driver._query("matching/feedback_links", pairs=batch_pairs)
        }
    planned = plan_moves([r["proposal"] for r in found], links)
    done = 0
    for start in range(0, len(planned), batch_size):
        batch = planned[start : start + batch_size]
        part = (
            f"batch {start // batch_size + 1} of {-(-len(planned) // batch_size)}"
            if len(planned) > batch_size
            else None
        )
        last = start + batch_size >= len(planned)
        rows = [
            {
                "id": ids[m["round"], m["mentor"], m["mentee"]],
                "mentor": m["mentor"],
                "mentee": m["mentee"],
                "link": m["link"],
            }
            for m in batch
        ]

        def work(
            tx: neo4j.ManagedTransaction,
            batch: list[FeedbackMove] = batch,
            rows: list[dict[str, Any]] = rows,
            part: str | None = part,
            last: bool = last,
        ) -> int:
            moved = {r["id"]: r for r in tx.run(statement("matching/move_feedback"), rows=rows)}
            applied = [_as_done(m, moved[row["id"]]) for m, row in zip(batch, rows, strict=True) if row["id"] in moved]
            if applied:
                append_event(tx, moved_entry(applied, part=part), driver.audit_key)
            if last:
                mark_moved(tx)
            return len(applied)

        done += driver._transaction(work, write=True)
    return done


def mark_moved(tx: neo4j.ManagedTransaction) -> None:
    """Mark, in ``tx``, this database's feedback as moved (on its audit anchor, when it has one)."""
    tx.run(statement("matching/mark_feedback_moved")).consume()


def _as_done(move: FeedbackMove, row: neo4j.Record) -> FeedbackMove:
    """``move`` as the statement did it: a side whose link already had a rating when it ran was not set."""
    kept = {f: v for f, v in move["link"].items() if row[f"{f.split('_')[0]}_moves"]}
    return {**move, "link": kept}
