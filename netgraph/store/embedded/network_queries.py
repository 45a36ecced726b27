"""The NetworkQueries port of the embedded store (the walks are in ``network.py`` and ``paths.py``)."""

from __future__ import annotations

from netgraph.model.introducers import introducer_ids
from netgraph.model.rules import RecommendSettings
from netgraph.store.embedded.lookups import EmbeddedLookups
from netgraph.store.embedded.network import PeopleNetwork, candidate_rows, neighbourhood
from netgraph.store.embedded.paths import strongest_path, strongest_paths_to_skill
from netgraph.store.embedded.state import has_left
from netgraph.store.ports import Neighbourhood, RecommendationInputs, SkillPath, WarmPath


class EmbeddedNetworkQueries(EmbeddedLookups):
    """The :class:`~netgraph.store.ports.NetworkQueries` port (recommendation inputs carry the person's
    record and contacts as the Lookups port gives them)."""

    def neighbourhood(self, person: str, depth: int, limit: int) -> Neighbourhood | None:
        with self._reading():
            if ("Person", person) not in self.graph:
                return None
            return neighbourhood(self.graph, person, depth, limit)

    def recommendation_inputs(
        self, person: str, *, via: str, skill: str | None, since: str, settings: RecommendSettings, limit: int
    ) -> RecommendationInputs | None:
        with self._reading():
            found = self.people([person])
            if not found:
                return None
            record, contacts = found[person], self.contacts(person)
            introducers = introducer_ids(contacts, via)
            goals = [skill] if skill is not None else list(record["wants_to_grow"])
            rows = (
                candidate_rows(
                    self.graph,
                    person,
                    introducers,
                    goals=goals,
                    skill=skill,
                    since=since,
                    settings=settings,
                    limit=limit,
                    pair_events=lambda: self._evidence.events_with(person),
                )
                if introducers
                else []
            )
            return {
                "person": record,
                "contacts": contacts,
                "introducers": introducers,
                "skill_known": skill is None or ("Skill", skill) in self.graph,
                "rows": rows,
            }

    def strongest_path(
        self, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
    ) -> WarmPath | None:
        with self._reading():
            if ("Person", source) not in self.graph or ("Person", target) not in self.graph:
                return None
            if has_left(self.graph, source) or has_left(self.graph, target):
                return None  # people who left are on no chain, not even at its ends
            return strongest_path(
                self.graph,
                source,
                target,
                max_hops=max_hops,
                mentor_strength=mentor_strength,
                missing_strength=missing_strength,
            )

    def strongest_paths_to_skill(
        self, source: str, skill: str, *, max_hops: int, mentor_strength: float, missing_strength: float, limit: int
    ) -> list[SkillPath]:
        with self._reading():
            if ("Person", source) not in self.graph or has_left(self.graph, source):
                return []
            return strongest_paths_to_skill(
                self.graph,
                source,
                skill,
                max_hops=max_hops,
                mentor_strength=mentor_strength,
                missing_strength=missing_strength,
                limit=limit,
            )

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            return {i: sorted(net.neighbours(i)) for i in ids if ("Person", i) in self.graph}

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        with self._reading():
            net = PeopleNetwork(self.graph)
            found = {}
            for i in ids:
                if ("Person", i) not in self.graph:
                    continue
                unit = net.unit(i)
                found[i] = sorted(o for o in net.neighbours(i) if net.unit(o) is not None and net.unit(o) != unit)
            return found

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        with self._reading():
            return {
                u: sorted(
                    p[1]
                    for p, k in self.graph.pred["OrgUnit", u].items()
                    if "MEMBER_OF" in k and not has_left(self.graph, p[1])
                )
                for u in units
                if ("OrgUnit", u) in self.graph
            }
