"""The NetworkQueries port on Neo4j: neighbourhoods, recommendation inputs, warm paths, reach (``cypher/network``)."""

from __future__ import annotations

from typing import Any, cast

from netgraph.model.rules import FLOOR_MARGIN, INTRODUCER, RecommendSettings, log_floor_shifts
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.neo4j_backend.records import export_record
from netgraph.store.ports import (
    Neighbourhood,
    NeighbourhoodLink,
    NeighbourhoodPerson,
    RecommendationInputs,
    SkillPath,
    WarmPath,
)


class Neo4jNetworkQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.NetworkQueries` port."""

    def neighbourhood(self, person: str, depth: int, limit: int) -> Neighbourhood | None:
        rows = self._query("network/neighbourhood", person=person, depth=depth, limit=limit)
        if not rows:
            return None
        return {
            "total": rows[0]["total"],
            "people": cast(list[NeighbourhoodPerson], [dict(p) for p in rows[0]["people"]]),
            "links": cast(list[NeighbourhoodLink], [dict(link) for link in rows[0]["links"]]),
        }

    def recommendation_inputs(
        self, person: str, *, via: str, skill: str | None, since: str, settings: RecommendSettings, limit: int
    ) -> RecommendationInputs | None:
        w = settings.normalized_weights()
        model = settings.plausibility
        reads_met = model is not None and model.uses("pair_contacts")
        # the pair's own events: looked up (and the pending ingests read, in a round trip of their own) only for
        # a model that uses them; a map, so that a pending list of another size is not a new plan
        met: dict[str, Any] = (
            {"met": {"pending": [r["batch"] for r in self._query("ties/pending")]}} if reads_met else {}
        )
        found = self._query(
            "network/recommendation_inputs",
            parts=frozenset({"pair_contacts"}) if reads_met else frozenset(),
            person=person,
            ask={"via": via, "skill": skill},
            since=since,
            w={name: w[name] for name in INTRODUCER},
            mentor_strength=float(settings.mentor_tie_strength),
            missing_strength=float(settings.missing_strength),
            track_prior=float(settings.track_record_prior),
            band=float(settings.value_band),
            new_unit_place=float(settings.new_unit_place),
            floor_margin=FLOOR_MARGIN,
            limit=limit,
            # the model, and the constants of its floor on the log side (log_odds_floor), once per request
            learned=None
            if model is None
            else {**model.as_parameter(), **log_floor_shifts(settings.value_band, settings.new_unit_place)},
            **met,
        )
        if not found:
            return None
        record = dict(found[0])
        inputs = {key: record.pop(key) for key in ("contacts", "introducers", "skill_known", "rows")}
        return cast(RecommendationInputs, {"person": export_record("people", record), **inputs})

    def strongest_path(
        self, source: str, target: str, *, max_hops: int, mentor_strength: float, missing_strength: float
    ) -> WarmPath | None:
        forward = (max_hops + 1) // 2
        rows = self._query(
            "network/warm_path_between",
            **_ends(source, target),
            max_hops=max_hops,
            forward_hops=forward,
            backward_hops=max_hops - forward,
            mentor_strength=float(mentor_strength),
            missing_strength=float(missing_strength),
        )
        return {"people": list(rows[0]["people"]), "strength": rows[0]["strength"]} if rows else None

    def strongest_paths_to_skill(
        self, source: str, skill: str, *, max_hops: int, mentor_strength: float, missing_strength: float, limit: int
    ) -> list[SkillPath]:
        rows = self._query(
            "network/warm_paths_to_skill",
            **_ends(source),
            skill=skill,
            max_hops=max_hops,
            forward_hops=(max_hops + 1) // 2,
            mentor_strength=float(mentor_strength),
            missing_strength=float(missing_strength),
            limit=limit,
        )
        return [{"to": r["to"], "people": list(r["people"]), "strength": r["strength"]} for r in rows]

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        return {
            r["id"]: sorted(r["neighbours"]) for r in self._query("network/neighbours_of", given={"ids": list(ids)})
        }

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        return {
            r["id"]: sorted(r["contacts"]) for r in self._query("network/cross_unit_contacts", given={"ids": list(ids)})
        }

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        return {
            r["unit"]: sorted(r["members"]) for r in self._query("network/unit_members", given={"units": list(units)})
        }


def _ends(source: str, target: str | None = None) -> dict[str, Any]:
    """The ``$from`` (and ``$to``) parameters of a path statement: ``from`` is a Python keyword."""
    return {"from": source} if target is None else {"from": source, "to": target}
