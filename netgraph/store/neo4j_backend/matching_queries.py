"""The MatchingQueries port on Neo4j (``cypher/matching``)."""

from __future__ import annotations

from typing import cast

from netgraph.model.vocabulary import OPEN_INTRODUCTION_STATUSES
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.ports import MatchingData, MatchingMentorship


class Neo4jMatchingQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.MatchingQueries` port."""

    def matching_inputs(self, people: list[str]) -> MatchingData:
        (found,) = self._query("matching/inputs", ids=list(people), open=list(OPEN_INTRODUCTION_STATUSES))
        held: dict[str, list[str]] = {}
        for row in found["held"]:
            held.setdefault(row["person"], []).append(row["position"])
        return {
            "held": {person: sorted(ids) for person, ids in held.items()},
            "positions": {
                p["id"]: {"reports_to": p["reports_to"], "holders": sorted(p["holders"])} for p in found["positions"]
            },
            "mentorships": sorted(
                (cast(MatchingMentorship, dict(m)) for m in found["mentorships"]),
                key=lambda m: (m["mentor"], m["mentee"]),
            ),
            "load": {row["id"]: row["load"] for row in found["load"]},
        }

    def contact_projection(self) -> dict[str, list[str]]:
        (links,) = self._query("matching/contact_projection")
        contacts: dict[str, set[str]] = {}
        for a, b in zip(links["tails"], links["heads"], strict=True):
            contacts.setdefault(a, set()).add(b)
            contacts.setdefault(b, set()).add(a)
        return {person: sorted(theirs) for person, theirs in contacts.items()}

    def skill_holders(self, min_level: int) -> dict[str, dict[str, int]]:
        (held,) = self._query("matching/skill_holders", min_level=min_level)
        found: dict[str, dict[str, int]] = {}
        for person, skill, level in zip(held["people"], held["skills"], held["levels"], strict=True):
            found.setdefault(person, {})[skill] = level
        return found
