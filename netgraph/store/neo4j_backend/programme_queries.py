"""The ProgrammeQueries port on Neo4j (``cypher/programme``)."""

from __future__ import annotations

from typing import cast

from netgraph.store.neo4j_backend.driver import NO_LIMIT, Neo4jDriver
from netgraph.store.ports import IntroductionFacts, IntroductionTally, MentorLoad, NamedPerson, ProgrammeCounts


class Neo4jProgrammeQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self, limit: int | None = None) -> list[MentorLoad]:
        rows = self._query("programme/mentors", limit=NO_LIMIT if limit is None else limit)
        return cast(list[MentorLoad], [dict(r) for r in rows])

    def mentees_without_mentor(self, limit: int | None = None) -> list[NamedPerson]:
        rows = self._query("programme/unmentored", limit=NO_LIMIT if limit is None else limit)
        return cast(list[NamedPerson], [dict(r) for r in rows])

    def programme_counts(self) -> ProgrammeCounts:
        return cast(ProgrammeCounts, dict(self._query("programme/counts")[0]))

    def introduction_facts(self) -> list[IntroductionFacts]:
        return cast(list[IntroductionFacts], [dict(r) for r in self._query("programme/introduction_facts")])

    def introduction_tally(self) -> list[IntroductionTally]:
        return cast(list[IntroductionTally], [dict(r) for r in self._query("programme/introduction_tally")])
