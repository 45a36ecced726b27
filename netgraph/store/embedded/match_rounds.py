"""The MatchRounds port of the embedded store: stored mentoring rounds."""

from __future__ import annotations

from netgraph.model.audit import AuditEntry
from netgraph.model.match_proposals import Proposal
from netgraph.model.match_rounds import MatchRound
from netgraph.store.embedded.state import EmbeddedState


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
        return self._rounds.proposals(round_id)

    def person_match_proposals(self, person: str) -> list[Proposal]:
        return self._rounds.proposals_of(person)

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
            found = self._rounds.rate(round_id, mentor, mentee, side, rating, again)
            if found is not None:
                self._audit.append(audit)
        return found
