"""The MatchRounds port of the embedded store: stored mentoring rounds.

A proposal's feedback is its mentorship's: read off, and written to, the
pair's MENTORS link in the graph (see :mod:`netgraph.model.match_proposals`).
"""

from __future__ import annotations

from typing import Any, cast

import networkx as nx

from netgraph.model.audit import AuditEntry
from netgraph.model.match_proposals import Proposal, with_feedback
from netgraph.model.match_rounds import MatchRound
from netgraph.model.records import Document
from netgraph.store.embedded.adjacency import out_links
from netgraph.store.embedded.records import write_document
from netgraph.store.embedded.state import EmbeddedState


def _link(graph: nx.MultiDiGraph, mentor: str, mentee: str) -> dict[str, Any] | None:
    """The properties of the MENTORS link of ``mentor`` to ``mentee``, or None."""
    found: dict[str, Any] | None = (
        out_links(graph).get(("Person", mentor), {}).get(("Person", mentee), {}).get("MENTORS")
    )
    return found


class EmbeddedMatchRounds(EmbeddedState):
    """The :class:`~netgraph.store.ports.MatchRounds` port."""

    def save_match_round(
        self, match_round: MatchRound, audit: AuditEntry, proposals: list[Proposal] | None = None
    ) -> None:
        with self._mirror.transaction():
            self._rounds.save(match_round)
            if proposals is not None:
                self._rounds.save_proposals(match_round["id"], proposals)
            self._audit.append(audit)

    def match_round(self, round_id: str) -> MatchRound | None:
        return self._rounds.one(round_id)

    def match_rounds(self) -> list[MatchRound]:
        return self._rounds.all()

    def match_proposals(self, round_id: str) -> list[Proposal]:
        return self._with_feedback(self._rounds.proposals(round_id))

    def person_match_proposals(self, person: str) -> list[Proposal]:
        return self._with_feedback(self._rounds.proposals_of(person))

    def _with_feedback(self, proposals: list[Proposal]) -> list[Proposal]:
        with self._reading() as graph:
            return [with_feedback(p, _link(graph, p["mentor"], p["mentee"])) for p in proposals]

    def answer_match_proposal(
        self, round_id: str, mentor: str, mentee: str, side: str, state: str, on: str, audit: AuditEntry
    ) -> Proposal | None:
        with self._mirror.transaction():
            found = self._rounds.answer(round_id, mentor, mentee, side, state, on)
            if found is not None:
                self._audit.append(audit)
        return found

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
        with self._mirror.transaction():
            found = self._rounds.proposal(round_id, mentor, mentee)
            link = _link(self.graph, mentor, mentee)
            if (
                found is None
                or (found["mentor_state"], found["mentee_state"]) != ("accepted", "accepted")
                or link is None
                or link.get("status") != "ended"
                or link.get(f"{side}_rating") is not None
            ):
                return None
            feedback = {"mentor": mentor, "mentee": mentee, f"{side}_rating": rating, f"{side}_again": again}
            # a partial record: the link's other fields stay as stored (the writer lays it over them)
            change = cast(Document, {"mentorships": [feedback]})
            self._mirror.write(lambda edit: write_document(edit, change))
            self._audit.append(audit)
            return with_feedback(found, _link(self.graph, mentor, mentee))
