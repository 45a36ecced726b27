"""The SuccessionQueries port on Neo4j: coverage, rollups, pipeline, org chart (``cypher/succession``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import neo4j

from netgraph.model.rules import PipelineWeights
from netgraph.store import org_chart_cards, rollup
from netgraph.store.first_view_rows import most_urgent, ordered, unit_counts, urgency
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import Neo4jDriver
from netgraph.store.ports import (
    Coverage,
    CoverSeat,
    FirstViewRows,
    MenteeLoss,
    OrgChart,
    PipelineRow,
    PipelineSuggestion,
    PositionRow,
)


class Neo4jSuccessionQueries(Neo4jDriver):
    """The :class:`~netgraph.store.ports.SuccessionQueries` port."""

    def coverage(self, leavers: list[str], unit: str | None = None) -> Coverage:
        """Both statements in one read transaction: one snapshot, one session. With ``unit``, both walk down
        from that unit's id (its subtree only)."""
        params = {"given": {"leavers": list(leavers), "ids": None, "unit": unit}}

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            positions = tx.run(statement("succession/positions"), params).single(strict=True)["positions"]
            units = tx.run(statement("succession/units"), {"unit": unit}).single(strict=True)["units"]
            return positions, units

        positions, units = self._transaction(work, write=False)
        if unit is None:
            _fill_holds(positions)
        return {"positions": cast(list[PositionRow], positions), "units": rollup.unit_rows(units, positions)}

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[PositionRow]:
        # one record holding every row as a map: 10k records cost the driver more than the query
        (found,) = self._query(
            "succession/positions",
            given={"leavers": list(leavers), "ids": None if ids is None else list(ids), "unit": None},
        )
        positions: list[PositionRow] = found["positions"]
        if ids is None:
            _fill_holds(positions)
        return positions

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        rows = self._query("succession/what_if_affected", given={"leavers": list(leavers)})
        return {r["position"]: list(r["units"]) for r in rows}

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        found = {u: (0, 0) for u in units}
        found.update(
            {
                r["unit"]: (r["critical"], r["critical_covered"])
                for r in self._query("succession/unit_bench", given={"units": list(units)})
            }
        )
        return found

    def cover_seats(self, leavers: list[str], positions: list[str] | None = None) -> list[CoverSeat]:
        (found,) = self._query(
            "succession/cover_seats",
            given={"leavers": list(leavers), "positions": None if positions is None else list(positions)},
        )
        seats = [
            {
                **seat,
                "ready_now": sorted(
                    ({"person": c["person"], "holds_critical": sorted(c["holds_critical"])} for c in seat["ready_now"]),
                    key=lambda c: c["person"],
                ),
            }
            for seat in found["seats"]
        ]
        return cast(list[CoverSeat], sorted(seats, key=lambda seat: seat["id"]))

    def ready_now_for(self, people: list[str]) -> dict[str, list[str]]:
        rows = self._query("succession/ready_now_for", given={"people": list(people)})
        return {r["person"]: sorted(r["seats"]) for r in rows}

    def first_view_rows(
        self, unit: str | None, *, critical_only: bool, limit: int, at_least: int
    ) -> FirstViewRows | None:
        """Two statements in one read transaction: ``succession/first_view`` reads the scope's units, a tally of
        each position, the critical seats and the people nominated most; the tallies are counted per unit and
        ordered here (:mod:`netgraph.store.first_view_rows`, as the embedded store does), and
        ``succession/positions`` reads the rows of the few shown, by id."""
        params = {"unit": unit, "limit": max(0, limit), "at_least": at_least}

        def work(tx: neo4j.ManagedTransaction) -> FirstViewRows | None:
            # the record's values as they come: .data() would copy every list and map once more in Python
            found = tx.run(statement("succession/first_view"), params).single(strict=True)
            if not found["found"]:
                return None
            ids, listed = most_urgent(found["rows"], critical_only=critical_only, limit=limit)
            shown = tx.run(statement("succession/positions"), {"given": {"leavers": [], "ids": ids, "unit": None}})
            return _first_view(found, sorted(shown.single(strict=True)["positions"], key=urgency), listed)

        found = self._transaction(work, write=False)
        return None if found is None else ordered(found)

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        rows = self._query("succession/pipeline", positions=list(positions), w=weights.as_dict(), limit=limit)
        return [
            {
                "position": r["position"],
                "required_count": r["required_count"],
                "suggestions": cast(list[PipelineSuggestion], [dict(s) for s in r["suggestions"]]),
            }
            for r in rows
        ]

    def mentees_losing_mentors(self, leavers: list[str]) -> list[MenteeLoss]:
        return cast(
            list[MenteeLoss], [dict(r) for r in self._query("succession/mentees_losing_mentors", leavers=list(leavers))]
        )

    def org_chart(
        self,
        *,
        position: str | None = None,
        unit: str | None = None,
        around: list[str] | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> OrgChart | None:
        """One statement, one round trip; the status and flag rules are applied in Python.

        (:mod:`netgraph.store.org_chart_cards`, shared with the embedded store.)
        """
        rows = self._query(
            "succession/org_chart",
            position=position,
            unit=unit,
            around=None if around is None else list(around),
            offset=offset,
            limit=limit,
        )
        if not rows:
            return None
        cards = [org_chart_cards.card(c) for c in rows[0]["cards"]]
        focus = cards.pop(0) if rows[0]["focus"] is not None else None
        return {"focus": focus, "cards": cards, "total": rows[0]["total"]}


def _fill_holds(positions: list[dict[str, Any]] | list[PositionRow]) -> None:
    """Each successor's ``holds`` (in place), from the incumbents of the whole organisation's rows.

    ``succession/positions`` leaves it empty for the whole organisation, whose rows already say who holds
    every position: a nominee is never a leaver, so the positions a nominee holds are those listing them
    among their incumbents (the statement's walk from each nominee was a quarter of its db hits at 100k).
    """
    held: dict[str, list[str]] = {}
    for row in positions:
        for person in row["incumbents"]:
            held.setdefault(person, []).append(row["id"])
    for row in positions:
        for successor in row["successors"]:
            successor["holds"] = list(held.get(successor["person"], ()))


def _first_view(found: Mapping[str, Any], shown: list[PositionRow], listed: int) -> FirstViewRows:
    """The lists of values ``succession/first_view`` answers with, named as :class:`FirstViewRows` names them,
    its rows counted per unit.

    >>> found = {"units": [["u", "U", None], ["v", "V", None]], "parents": [["v", "u"]],
    ...          "rows": [["v", "gap", True, True, 0, "a"]],
    ...          "seats": [["a", "A", 5, "v", [["p1", ["b"]]]]], "nominated": [], "nominated_count": 0}
    >>> view = _first_view(found, [], 1)
    >>> view["units"][1], view["counts"][0]["critical_gaps"], view["seats"][0]["ready_now"]
    ({'id': 'v', 'name': 'V', 'parent': 'u'}, 1, [{'person': 'p1', 'holds_critical': ['b']}])
    """
    parents: dict[str, str] = {}
    for child, parent in found["parents"]:  # the whole organisation's links; below a unit, none
        parents.setdefault(child, parent)
    return {
        "units": [
            {"id": uid, "name": name, "parent": parent if parent is not None else parents.get(uid)}
            for uid, name, parent in found["units"]
        ],
        "counts": unit_counts(found["rows"]),
        "shown": shown,
        "listed": listed,
        "seats": [
            {
                "id": pid,
                "title": title,
                "level": level,
                "org_unit": at,
                "ready_now": [{"person": person, "holds_critical": held} for person, held in ready],
            }
            for pid, title, level, at, ready in found["seats"]
        ],
        "nominated": found["nominated"],
        "nominated_count": found["nominated_count"],
    }
