"""The InsightQueries port of the embedded store (the tables are ``insight_tables.py``)."""

from __future__ import annotations

from typing import Any, Literal

from netgraph.model.insight_rows import InsightOrders, InsightParts, InsightPersonRow, InsightState
from netgraph.store.embedded.insights import contact_network, departure_links, growth_links, person_facts
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import INSIGHT_RANK, ContactNetwork, DepartureLink, GrowthLinks, PersonFacts


class EmbeddedInsightQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.InsightQueries` port."""

    def contact_network(self, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
        with self._reading():
            return contact_network(self.graph, mentor_strength=mentor_strength, missing_strength=missing_strength)

    def departure_links(self, since: str, *, mentor_strength: float, missing_strength: float) -> list[DepartureLink]:
        with self._reading():
            return departure_links(
                self.graph, since, mentor_strength=mentor_strength, missing_strength=missing_strength
            )

    def growth_links(self, since: str) -> GrowthLinks:
        with self._reading():
            return growth_links(self.graph, since)

    def person_facts(self) -> dict[str, PersonFacts]:
        with self._reading():
            return person_facts(self.graph)

    def network_changed_at(self) -> str | None:
        return self._insights.network_changed_at()

    def save_insights(
        self,
        state: InsightState,
        people: list[InsightPersonRow],
        parts: InsightParts | None = None,
        orders: InsightOrders | None = None,
    ) -> None:
        self._insights.save(state, people, parts or {}, rank_by=INSIGHT_RANK, orders=orders)

    def insight_state(self) -> InsightState | None:
        return self._insights.state()

    def insight_state_and_marker(self) -> tuple[InsightState | None, str | None]:
        return self._insights.state(with_run=True), self._insights.network_changed_at()

    def units_under(self, unit: str) -> list[str] | None:
        with self._reading() as graph:
            if ("OrgUnit", unit) not in graph:
                return None
            found, todo = {unit}, [unit]
            while todo:
                for other, keyed in graph.pred["OrgUnit", todo.pop()].items():
                    if other[0] == "OrgUnit" and "PART_OF" in keyed and other[1] not in found:
                        found.add(other[1])
                        todo.append(other[1])
            return sorted(found)

    def insight_parts(self, kind: str, keys: list[str] | None = None, *, run: str | None = None) -> list[Any]:
        return self._insights.parts(kind, None if keys is None else list(keys), run)

    def person_insights(
        self,
        persons: list[str] | None = None,
        limit: int | None = None,
        units: list[str] | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        return self._insights.people(
            None if persons is None else list(persons), limit, None if units is None else list(units), run
        )

    def ordered_insights(
        self,
        order: Literal["impact", "exposed"],
        units: list[str] | None = None,
        limit: int | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        return self._insights.ordered(order, None if units is None else list(units), limit, run)

    def ordered_count(
        self, order: Literal["impact", "exposed"], units: list[str] | None = None, *, run: str | None = None
    ) -> int:
        return self._insights.ordered_count(order, None if units is None else list(units), run)

    def cut_point_insights(
        self, units: list[str] | None = None, limit: int | None = None, *, run: str | None = None
    ) -> list[InsightPersonRow]:
        return self._insights.cut_points(None if units is None else list(units), limit, run)
