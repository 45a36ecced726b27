"""The MatchRounds port of the embedded store: stored mentoring rounds."""

from __future__ import annotations

from typing import Any

from netgraph.model.audit import AuditEntry
from netgraph.store.embedded.state import EmbeddedState


class EmbeddedMatchRounds(EmbeddedState):
    """The :class:`~netgraph.store.ports.MatchRounds` port."""

    def save_match_round(self, match_round: dict[str, Any], audit: AuditEntry) -> None:
        with self._mirror.transaction():
            self._rounds.save(match_round)
            self._audit.append(audit)

    def match_round(self, round_id: str) -> dict[str, Any] | None:
        return self._rounds.one(round_id)

    def match_rounds(self) -> list[dict[str, Any]]:
        return self._rounds.all()
