"""A store as a build that kept round feedback on the proposal left it, written behind the store's back.

That build stored each side's feedback (``mentor_rating``, ``mentor_again``,
``mentee_rating``, ``mentee_again``) on the round's proposal and nothing on
the MENTORS link: on Neo4j as properties of the ``MatchProposal`` node, on the
embedded store in the proposal's JSON record (every field of the proposal, in
order) in the ``match_proposals`` table of a format 1 file. These helpers write
that shape directly (raw Cypher, raw SQL), read what a proposal still holds,
and open the store again as a new process would (which is when it is moved).
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any

from netgraph.model.match_proposals import FEEDBACK_FIELDS, PROPOSAL_FIELDS
from netgraph.store.embedded.store import EmbeddedStore
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.store import Neo4jStore
from tests.neo4j_support import run_text, testing_statement


def _key(round_id: str, mentor: str, mentee: str) -> str:
    return json.dumps([round_id, mentor, mentee], ensure_ascii=False)


def write_old_feedback(store: Any, round_id: str, mentor: str, mentee: str, **feedback: Any) -> None:
    """Give the round's pair ``feedback`` (mentor_rating=4, ...) on its proposal, as that build did."""
    fields = {f: feedback.get(f) for f in FEEDBACK_FIELDS}
    if isinstance(store, Neo4jStore):
        run_text(
            store, testing_statement("old_build_feedback"), write=True, id=_key(round_id, mentor, mentee), **fields
        )
        return
    conn = sqlite3.connect(store.path)
    try:
        with conn:
            key = (round_id, mentor, mentee)
            (text,) = conn.execute(
                "SELECT proposal FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?", key
            ).fetchone()
            stored = json.loads(text) | fields
            old = {f: stored.get(f) for f in PROPOSAL_FIELDS}  # that build's record: every field, in order
            conn.execute(
                "UPDATE match_proposals SET proposal = ? WHERE round = ? AND mentor = ? AND mentee = ?",
                (json.dumps(old, ensure_ascii=False), *key),
            )
            (props,) = conn.execute(
                "SELECT props FROM rels WHERE type = 'MENTORS' AND source = ? AND target = ?", (mentor, mentee)
            ).fetchone()
            link = {k: v for k, v in json.loads(props).items() if not (k in FEEDBACK_FIELDS and v is None)}
            conn.execute(
                "UPDATE rels SET props = ? WHERE type = 'MENTORS' AND source = ? AND target = ?",
                (json.dumps(link), mentor, mentee),
            )
            conn.execute("UPDATE meta SET value = 1 WHERE key = 'format'")  # that build's file format
    finally:
        conn.close()


def proposal_feedback(store: Any, round_id: str, mentor: str, mentee: str) -> dict[str, Any]:
    """The feedback fields the stored proposal itself still holds (not what reads give: they read the link)."""
    if isinstance(store, Neo4jStore):
        rows = run_text(store, testing_statement("proposal_feedback"), id=_key(round_id, mentor, mentee))
        return dict(rows[0]["held"])
    conn = sqlite3.connect(store.path)
    try:
        (text,) = conn.execute(
            "SELECT proposal FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?",
            (round_id, mentor, mentee),
        ).fetchone()
    finally:
        conn.close()
    return {k: v for k, v in json.loads(text).items() if k in FEEDBACK_FIELDS}


def reopen(store: Any) -> Any:
    """The same store opened again, as a new process would (the caller closes a Neo4j one): on Neo4j, one
    that has not yet looked whether the database's feedback is moved (a process looks once per database)."""
    if isinstance(store, Neo4jStore):
        Neo4jDriver.facts_of(store.uri, store.database).feedback_moved = False
        return Neo4jStore(
            store.uri,
            os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"),
            os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD"),
            store.database,
        )
    return EmbeddedStore(store.path)
