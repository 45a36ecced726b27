"""The SuccessionQueries port of the embedded store (rows in ``succession.py``, cards in ``org_chart.py``),
with answers kept until the next write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar, cast

from netgraph.model.rules import PipelineWeights
from netgraph.store.embedded.org_chart import ChartIndex, org_chart
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.embedded.succession import (
    _Positions,
    affected_positions,
    cover_seats,
    pipeline_rows,
    position_rows,
    positions_index,
    unit_rows,
)
from netgraph.store.first_view_rows import FirstViewIndex
from netgraph.store.ports import (
    Coverage,
    CoverSeat,
    FirstViewRows,
    MenteeLoss,
    OrgChart,
    PipelineRow,
    PositionRow,
)
from netgraph.store.rollup import descendants

T = TypeVar("T")


class EmbeddedSuccessionQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.SuccessionQueries` port."""

    def coverage(self, leavers: list[str], unit: str | None = None) -> Coverage:
        """The whole organisation's rows, kept until the next write; with ``unit``, those of its subtree."""
        with self._reading():
            positions = self._all_position_rows(leavers)
            units = self._kept(("units", tuple(sorted(set(leavers)))), lambda: unit_rows(self.graph, positions))
            if unit is not None:
                scope = descendants(units, unit) if any(u["id"] == unit for u in units) else set()
                units = [u for u in units if u["id"] in scope]
                positions = [r for r in positions if r["org_unit"] in scope]
            return {"positions": [r.copy() for r in positions], "units": [u.copy() for u in units]}

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[PositionRow]:
        with self._reading():
            if ids is None:
                return [r.copy() for r in self._all_position_rows(leavers)]
            return position_rows(self.graph, leavers, ids, positions=self._positions(leavers))

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        with self._reading():
            return affected_positions(self.graph, leavers)

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        with self._reading():
            rows = {r["id"]: r for r in unit_rows(self.graph, self._all_position_rows(()))}
            return {u: (rows[u]["critical"], rows[u]["critical_covered"]) if u in rows else (0, 0) for u in units}

    def cover_seats(self, leavers: list[str], positions: list[str] | None = None) -> list[CoverSeat]:
        with self._reading():
            seats = self._cover_seats(leavers)
            wanted = None if positions is None else set(positions)
            return [s.copy() for s in seats if wanted is None or s["id"] in wanted]

    def ready_now_for(self, people: list[str]) -> dict[str, list[str]]:
        with self._reading():
            wanted = set(people)
            found: dict[str, list[str]] = {}
            for seat in self._cover_seats(()):
                for c in seat["ready_now"]:
                    if c["person"] in wanted:
                        found.setdefault(c["person"], []).append(seat["id"])
            return found  # seats come by id, so each list is sorted

    def _cover_seats(self, leavers: Iterable[str]) -> list[CoverSeat]:
        key = ("cover_seats", tuple(sorted(set(leavers))))
        return self._kept(key, lambda: cover_seats(self.graph, self._positions(leavers)))

    def first_view_rows(
        self, unit: str | None, *, critical_only: bool, limit: int, at_least: int
    ) -> FirstViewRows | None:
        """From the whole organisation's rows taken apart once, kept until the next write (a scope's part is
        picked out of them)."""
        with self._reading():
            index = self._kept(("first_view", ()), self._first_view_index)
            return index.rows(unit, critical_only=critical_only, limit=limit, at_least=at_least)

    def _first_view_index(self) -> FirstViewIndex:
        positions = self._all_position_rows(())
        return FirstViewIndex(self._kept(("units", ()), lambda: unit_rows(self.graph, positions)), positions)

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        with self._reading():
            return pipeline_rows(self.graph, positions, weights, limit, known=self._positions(()))

    def mentees_losing_mentors(self, leavers: list[str]) -> list[MenteeLoss]:
        with self._reading():
            gone, found = set(leavers), {}
            for leaver in gone:
                if ("Person", leaver) not in self.graph:
                    continue
                for mentee, keyed in self.graph.succ["Person", leaver].items():
                    if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active" and mentee[1] not in gone:
                        mentors = [
                            m[1]
                            for m, k in self.graph.pred[mentee].items()
                            if "MENTORS" in k and k["MENTORS"]["status"] == "active"
                        ]
                        if all(m in gone for m in mentors):
                            found[mentee[1]] = sorted(mentors)
            return [{"mentee": m, "mentors": found[m]} for m in sorted(found)]

    def org_chart(
        self,
        *,
        position: str | None = None,
        unit: str | None = None,
        around: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> OrgChart | None:
        with self._reading():
            tree = self._kept("org_chart", lambda: ChartIndex(self.graph))
            return org_chart(
                self.graph,
                self._positions(()),
                tree,
                position=position,
                unit=unit,
                around=around,
                offset=offset,
                limit=limit,
            )

    def _positions(self, leavers: Iterable[str]) -> _Positions:
        """Holders and nominations per position, kept until the next write (what-ifs ask repeatedly)."""
        key = tuple(sorted(set(leavers)))
        return self._kept(key, lambda: positions_index(self.graph, key))

    def _all_position_rows(self, leavers: Iterable[str]) -> list[PositionRow]:
        return self._kept(
            ("rows", tuple(sorted(set(leavers)))),
            lambda: position_rows(self.graph, leavers, positions=self._positions(leavers)),
        )

    def _kept(self, key: object, build: Callable[[], T]) -> T:
        """An answer kept until the next write (what-ifs and reports ask repeatedly), out of the cycle collector.

        At most 33 are kept (each what-if's leavers make one). Kept answers hold no
        reference cycles, so the mirror may freeze them with the graph (``freeze_graph``).
        """
        if key not in self._succession_cache:
            if len(self._succession_cache) > 32:
                self._succession_cache.clear()
            self._succession_cache[key] = build()
            self._mirror.settle(self.graph)
        return cast(T, self._succession_cache[key])  # what build made for this key
