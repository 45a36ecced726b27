"""The InsightQueries port on Neo4j: the contact network in one statement, stored insights (``cypher/insights``)."""

from __future__ import annotations

import json
from typing import Any, cast

import neo4j

from netgraph.model.insight_rows import InsightParts, InsightPersonRow, InsightState
from netgraph.model.insights import cut_figures
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import BATCH_SIZE, NO_LIMIT, Neo4jDriver
from netgraph.store.ports import INSIGHT_RANK, ContactNetwork, DepartureLink, GrowthLinks, PersonFacts

#: Up to this many units, a read of their people's rows looks each unit up (a few hundred rows to sort
#: at 100k people); past it, it walks the rank index from the top until it has enough rows of them.
FEW_UNITS = 50


class Neo4jInsightQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.InsightQueries` port."""

    def contact_network(self, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
        (found,) = self._query(
            "insights/contact_network", mentor_strength=float(mentor_strength), missing_strength=float(missing_strength)
        )
        people = [row[0] for row in found["people"]]
        index = {person: i for i, person in enumerate(people)}
        # ids sort the same in Cypher and Python (plain strings), so the links keep their order
        links = [[index[a], index[b], float(strength)] for a, b, strength in found["links"]]
        return {
            "people": people,
            "units": [row[1] for row in found["people"]],
            "links": links,
            "unit_parents": {unit: parent for unit, parent in found["units"]},
        }

    def departure_links(self, since: str, *, mentor_strength: float, missing_strength: float) -> list[DepartureLink]:
        found = self._query(
            "insights/departure_links",
            since=str(since),
            mentor_strength=float(mentor_strength),
            missing_strength=float(missing_strength),
        )
        return [
            {
                "person": r["person"],
                "departed": r["departed"],
                "strength": float(r["strength"]),
                "left_on": r["left_on"],
            }
            for r in found
        ]

    def growth_links(self, since: str) -> GrowthLinks:
        (found,) = self._query("insights/growth_links", since=str(since))
        return {
            "ties": [list(t) for t in found["ties"]],
            "mentorships": [list(m) for m in found["mentorships"]],
            "introductions": [list(i) for i in found["introductions"]],
        }

    def person_facts(self) -> dict[str, PersonFacts]:
        (found,) = self._query("insights/person_facts")
        return {
            person: {
                "flight_risk": risk if isinstance(risk, str) else None,
                "skills": {name: int(level) for name, level in sorted(skills)},
                "wants_to_grow": sorted(goals),
            }
            for person, risk, skills, goals in found["people"]
        }

    def network_changed_at(self) -> str | None:
        (found,) = self._query("insights/network_changed_at")
        at: str | None = found["at"]
        return at

    def save_insights(
        self, state: InsightState, people: list[InsightPersonRow], parts: InsightParts | None = None
    ) -> None:
        rows = [
            [
                r["person"],
                r.get("unit"),
                float(r[INSIGHT_RANK]),
                *(cut_figures(r) or (None, None, None)),
                json.dumps(r, ensure_ascii=False),
            ]
            for r in people
        ]
        part_rows = [
            [kind, str(key), position, json.dumps(value, ensure_ascii=False)]
            for kind, pairs in cast(dict[str, list[tuple[str, Any]]], parts or {}).items()
            for position, (key, value) in enumerate(pairs)
        ]

        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement("insights/delete_people")).consume()
            tx.run(statement("insights/delete_parts")).consume()
            for start in range(0, len(rows), BATCH_SIZE):
                tx.run(statement("insights/save_people"), rows=rows[start : start + BATCH_SIZE]).consume()
            for start in range(0, len(part_rows), BATCH_SIZE):
                tx.run(statement("insights/save_parts"), rows=part_rows[start : start + BATCH_SIZE]).consume()
            tx.run(statement("insights/save_state"), state=json.dumps(state, ensure_ascii=False)).consume()

        self._transaction(work, write=True)

    def insight_state(self) -> InsightState | None:
        return self.insight_state_and_marker()[0]

    def insight_state_and_marker(self) -> tuple[InsightState | None, str | None]:
        (found,) = self._query("insights/state")
        return (None if found["state"] is None else json.loads(found["state"])), found["at"]

    def units_under(self, unit: str) -> list[str] | None:
        found = self._query("insights/units_under", unit=unit)
        return sorted(found[0]["units"]) if found else None

    def insight_parts(self, kind: str, keys: list[str] | None = None) -> list[Any]:
        if keys is None:
            (found,) = self._query("insights/parts", kind=kind)
        else:
            (found,) = self._query("insights/parts_by_key", kind=kind, keys=[str(k) for k in keys])
        return [json.loads(value) for value in found["parts"]]

    def person_insights(
        self, persons: list[str] | None = None, limit: int | None = None, units: list[str] | None = None
    ) -> list[InsightPersonRow]:
        units = None if units is None else list(units)
        limit = NO_LIMIT if limit is None else int(limit)
        if persons is not None:
            found = self._query("insights/people_by_id", persons=list(persons), units=units, limit=limit)
        elif units is not None and len(units) <= FEW_UNITS:
            found = self._query("insights/people_in_units", units=units, limit=limit)
        else:
            found = self._query("insights/people", units=units, limit=limit)
        return [json.loads(r["row"]) for r in found]

    def cut_point_insights(self, units: list[str] | None = None, limit: int | None = None) -> list[InsightPersonRow]:
        found = self._query(
            "insights/cut_points",
            units=None if units is None else list(units),
            limit=NO_LIMIT if limit is None else int(limit),
        )
        return [json.loads(r["row"]) for r in found]
