"""The embedded store's stored mentoring rounds, a table beside the graph.

Table (created by the first write that needs it)::

    match_rounds(id PRIMARY KEY, round)     one row per round: the whole round as JSON
    match_proposals(round, mentor, mentee, proposal)
                                            one row per proposed pair: the proposal as JSON

Kept in the graph's file, a round commits with the graph's transaction (with
its audit event, and its scrub with an erasure). In memory it lives in a
private SQLite database.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, cast

from netgraph.model.feedback_move import carries_feedback
from netgraph.model.match_proposals import FEEDBACK_FIELDS, Proposal, complete_proposal, side_field
from netgraph.model.match_rounds import MatchRound, names_person, without_person
from netgraph.store.embedded.side_tables import SideTables

_TABLES = """
CREATE TABLE IF NOT EXISTS match_rounds (id TEXT PRIMARY KEY, round TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS match_proposals (
    round TEXT NOT NULL, mentor TEXT NOT NULL, mentee TEXT NOT NULL, proposal TEXT NOT NULL,
    PRIMARY KEY (round, mentor, mentee)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS match_proposals_mentor ON match_proposals (mentor);
CREATE INDEX IF NOT EXISTS match_proposals_mentee ON match_proposals (mentee)
"""


def _round(text: str) -> MatchRound:
    """A stored round's JSON as the round it was saved as."""
    return cast(MatchRound, json.loads(text))


def _stored(p: Proposal) -> dict[str, Any]:
    """What the table keeps of a proposal: every field but the feedback (its mentorship's, on the MENTORS link)."""
    return {k: v for k, v in complete_proposal(p).items() if k not in FEEDBACK_FIELDS}


class RoundTables(SideTables):
    """Read and write the stored rounds of one embedded store."""

    TABLES = _TABLES

    def _rows(self, sql: str, params: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        conn = self._connection()
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # no table yet: no round stored
            if "no such table" in str(exc):
                return []
            raise

    def save(self, match_round: MatchRound) -> None:
        """Store ``match_round`` in place of the stored one with its id (in the current transaction)."""
        text = json.dumps(match_round, ensure_ascii=False)
        self._write(
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO match_rounds (id, round) VALUES (?, ?)", (match_round["id"], text)
            )
        )

    def save_proposals(self, round_id: str, proposals: list[Proposal]) -> None:
        """Drop the round's proposals never sent and store ``proposals`` in place of those of the same pairs."""

        def work(conn: sqlite3.Connection) -> None:
            for mentor, mentee, text in conn.execute(
                "SELECT mentor, mentee, proposal FROM match_proposals WHERE round = ?", (round_id,)
            ).fetchall():
                stored = json.loads(text)
                if (stored["mentor_state"], stored["mentee_state"]) == ("proposed", "proposed"):
                    conn.execute(
                        "DELETE FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?",
                        (round_id, mentor, mentee),
                    )
            conn.executemany(
                "INSERT OR REPLACE INTO match_proposals (round, mentor, mentee, proposal) VALUES (?, ?, ?, ?)",
                [(round_id, p["mentor"], p["mentee"], json.dumps(_stored(p), ensure_ascii=False)) for p in proposals],
            )

        self._write(work)

    def proposals(self, round_id: str) -> list[Proposal]:
        return [
            complete_proposal(json.loads(text))
            for (text,) in self._rows(
                "SELECT proposal FROM match_proposals WHERE round = ? ORDER BY mentor, mentee", (round_id,)
            )
        ]

    def proposals_of(self, person: str) -> list[Proposal]:
        return [
            complete_proposal(json.loads(text))
            for (text,) in self._rows(
                "SELECT proposal FROM match_proposals WHERE mentor = ? OR mentee = ? ORDER BY round, mentor, mentee",
                (person, person),
            )
        ]

    def answer(self, round_id: str, mentor: str, mentee: str, side: str, state: str, on: str) -> Proposal | None:
        """Set ``side``'s state and day when it is ``sent`` (in the current transaction); the proposal after."""
        return self._change(
            round_id,
            mentor,
            mentee,
            lambda stored: side_field(stored, side, "state") == "sent",
            {f"{side}_state": state, f"{side}_on": on},
        )

    def proposal(self, round_id: str, mentor: str, mentee: str) -> Proposal | None:
        """The stored proposal of the round's pair, or None."""
        found = self._rows(
            "SELECT proposal FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?",
            (round_id, mentor, mentee),
        )
        return complete_proposal(json.loads(found[0][0])) if found else None

    def carrying_feedback(self) -> list[dict[str, Any]]:
        """The stored proposals that still hold feedback the way earlier builds kept it (before it moved onto
        the MENTORS link, :mod:`netgraph.model.feedback_move`), as stored."""
        found = (
            json.loads(text)
            for (text,) in self._rows("SELECT proposal FROM match_proposals WHERE instr(proposal, '_rating') > 0")
        )
        return [p for p in found if carries_feedback(p)]

    def drop_feedback(self, keys: list[tuple[str, str, str]]) -> None:
        """Take the feedback fields off the stored proposals of ``keys`` (round, mentor, mentee), in the
        current transaction."""

        def work(conn: sqlite3.Connection) -> None:
            for round_id, mentor, mentee in keys:
                row = conn.execute(
                    "SELECT proposal FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?",
                    (round_id, mentor, mentee),
                ).fetchone()
                if row is not None:
                    kept = {k: v for k, v in json.loads(row[0]).items() if k not in FEEDBACK_FIELDS}
                    conn.execute(
                        "UPDATE match_proposals SET proposal = ? WHERE round = ? AND mentor = ? AND mentee = ?",
                        (json.dumps(kept, ensure_ascii=False), round_id, mentor, mentee),
                    )

        self._write(work)

    def _change(
        self, round_id: str, mentor: str, mentee: str, allowed: Callable[[Proposal], bool], fields: dict[str, Any]
    ) -> Proposal | None:
        """Set ``fields`` of one stored proposal when ``allowed`` says so (in the current transaction); the
        proposal after, or None and nothing written."""
        found: list[Proposal | None] = [None]

        def work(conn: sqlite3.Connection) -> None:
            row = conn.execute(
                "SELECT proposal FROM match_proposals WHERE round = ? AND mentor = ? AND mentee = ?",
                (round_id, mentor, mentee),
            ).fetchone()
            if row is None:
                return
            stored = complete_proposal(json.loads(row[0]))
            if not allowed(stored):
                return
            stored = complete_proposal({**stored, **fields})
            conn.execute(
                "UPDATE match_proposals SET proposal = ? WHERE round = ? AND mentor = ? AND mentee = ?",
                (json.dumps(_stored(stored), ensure_ascii=False), round_id, mentor, mentee),
            )
            found[0] = stored

        self._write(work)
        return found[0]

    def one(self, round_id: str) -> MatchRound | None:
        found = self._rows("SELECT round FROM match_rounds WHERE id = ?", (round_id,))
        return _round(found[0][0]) if found else None

    def all(self) -> list[MatchRound]:
        return [_round(text) for (text,) in self._rows("SELECT round FROM match_rounds ORDER BY id")]

    def forget(self, persons: list[str]) -> None:
        """Take ``persons`` out of every stored round (erasure)."""

        def work(conn: sqlite3.Connection) -> None:
            for person in persons:
                quoted = json.dumps(person, ensure_ascii=False)
                for round_id, text in conn.execute(
                    "SELECT id, round FROM match_rounds WHERE instr(round, ?) > 0", (quoted,)
                ).fetchall():
                    stored = json.loads(text)
                    if names_person(stored, person):
                        conn.execute(
                            "UPDATE match_rounds SET round = ? WHERE id = ?",
                            (json.dumps(without_person(stored, person), ensure_ascii=False), round_id),
                        )
                conn.execute("DELETE FROM match_proposals WHERE mentor = ? OR mentee = ?", (person, person))

        self._write(work)

    def clear(self) -> None:
        def work(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM match_rounds")
            conn.execute("DELETE FROM match_proposals")

        self._write(work)
