"""The MatchRounds port on Neo4j: stored mentoring rounds (``cypher/matching``)."""

from __future__ import annotations

import json
from typing import Any, cast

import neo4j

from netgraph.model.audit import AuditEntry
from netgraph.model.match_proposals import FEEDBACK_FIELDS, PROPOSAL_FIELDS, Proposal, complete_proposal
from netgraph.model.match_rounds import MatchRound
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.trail import append_event


class Neo4jMatchRounds(Neo4jDriver):
    """The :class:`~netgraph.store.ports.MatchRounds` port."""

    def save_match_round(
        self, match_round: MatchRound, audit: AuditEntry, proposals: list[Proposal] | None = None
    ) -> None:
        text = json.dumps(match_round, ensure_ascii=False)
        rows = [_row(p) for p in proposals or ()]

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("matching/save_round"), id=match_round["id"], round=text).consume()
            if proposals is not None:
                tx.run(statement("matching/save_proposals"), round=match_round["id"], rows=rows).consume()
            append_event(tx, audit, self.audit_key)

        self._transaction(work, write=True)

    def match_round(self, round_id: str) -> MatchRound | None:
        found = self._query("matching/round", id=round_id)
        return _round(found[0]["round"]) if found else None

    def match_rounds(self) -> list[MatchRound]:
        return [_round(r["round"]) for r in self._query("matching/rounds")]

    def match_proposals(self, round_id: str) -> list[Proposal]:
        return [complete_proposal(r["proposal"]) for r in self._query("matching/proposals", round=round_id)]

    def person_match_proposals(self, person: str) -> list[Proposal]:
        found = [complete_proposal(r["proposal"]) for r in self._query("matching/person_proposals", person=person)]
        return sorted(found, key=lambda p: (p["round"], p["mentor"], p["mentee"]))

    def answer_match_proposal(
        self, round_id: str, mentor: str, mentee: str, side: str, state: str, on: str, audit: AuditEntry
    ) -> Proposal | None:
        key = _key(round_id, mentor, mentee)
        return self._change_proposal("matching/answer_proposal", audit, id=key, side=side, state=state, on=on)

    def rate_match_proposal(
        self,
        round_id: str,
        mentor: str,
        mentee: str,
        side: str,
        rating: int,
        again: bool,
        audit: AuditEntry,
    ) -> Proposal | None:
        key = _key(round_id, mentor, mentee)
        return self._change_proposal("matching/rate_proposal", audit, id=key, side=side, rating=rating, again=again)

    def _change_proposal(self, name: str, audit: AuditEntry, **params: Any) -> Proposal | None:
        """Run statement ``name``, which changes one proposal if its guard holds and returns it; audit that change
        in the same transaction. None, and nothing written, when the statement changed nothing."""
        found: list[Proposal] = []

        def work(tx: neo4j.ManagedTransaction) -> None:
            found.clear()  # a retried transaction starts again
            rows = list(tx.run(statement(name), **params))
            if rows:
                found.append(complete_proposal(rows[0]["proposal"]))
                append_event(tx, audit, self.audit_key)

        self._transaction(work, write=True)
        return found[0] if found else None


def _round(text: str) -> MatchRound:
    """A stored round's JSON as the round it was saved as (what the store wrote, it reads back)."""
    return cast(MatchRound, json.loads(text))


def _key(round_id: str, mentor: str, mentee: str) -> str:
    """A proposal node's id: its round and pair, as JSON (no separator can be confused with an id)."""
    return json.dumps([round_id, mentor, mentee], ensure_ascii=False)


def _row(p: Proposal) -> dict[str, Any]:
    """A proposal as node properties: every field but the feedback (its mentorship's), and its id."""
    fields = (field for field in PROPOSAL_FIELDS if field not in FEEDBACK_FIELDS)
    return {field: p.get(field) for field in fields} | {"id": _key(p["round"], p["mentor"], p["mentee"])}
