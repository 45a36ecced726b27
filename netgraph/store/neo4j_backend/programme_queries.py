"""The ProgrammeQueries port on Neo4j (``cypher/programme``)."""

from __future__ import annotations

from typing import cast

from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.ports import IntroductionFacts, MentorLoad, NamedPerson


class Neo4jProgrammeQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self) -> list[MentorLoad]:
        return cast(list[MentorLoad], [dict(r) for r in self._query("programme/mentors")])

    def mentees_without_mentor(self) -> list[NamedPerson]:
        return cast(list[NamedPerson], [dict(r) for r in self._query("programme/unmentored")])

    def introduction_facts(self) -> list[IntroductionFacts]:
        return cast(list[IntroductionFacts], [dict(r) for r in self._query("programme/introduction_facts")])
