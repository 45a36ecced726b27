"""The InsightQueries port on Neo4j: the contact network in one statement, stored insights (``cypher/insights``)."""

from __future__ import annotations

import json
import secrets
from typing import Any, Literal, cast

import neo4j

from netgraph.errors import Conflict, InsightsRefreshed
from netgraph.model.insight_rows import InsightOrders, InsightParts, InsightPersonRow, InsightState
from netgraph.model.insights import cut_figures
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import NO_LIMIT, Neo4jDriver
from netgraph.store.ports import INSIGHT_RANK, ContactNetwork, DepartureLink, GrowthLinks, PersonFacts

#: Up to this many units, a read of their people's rows looks each unit up (a few hundred rows to sort
#: at 100k people); past it, it walks the rank index from the top until it has enough rows of them.
FEW_UNITS = 50

#: Stored rows (person rows of about 1 KB, or parts) per statement and transaction of a save.
SAVE_BATCH = 10_000


def _compact(value: Any) -> str:
    """JSON without the spaces after separators (a tenth of a stored person row)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


#: Each saved order's statements, named in full (every .cypher file is used by its name): the whole order,
#: the order within a few units, and its count.
ORDER_STATEMENTS = {
    "impact": ("insights/impact_order", "insights/impact_order_in_units", "insights/impact_order_count"),
    "exposed": ("insights/exposed_order", "insights/exposed_order_in_units", "insights/exposed_order_count"),
}


def _order(order: str) -> tuple[str, str, str]:
    """A saved order's statements (whole, within a few units, count), checked."""
    if order not in ORDER_STATEMENTS:
        raise ValueError(f"no saved order {order!r}")
    return ORDER_STATEMENTS[order]


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
        self,
        state: InsightState,
        people: list[InsightPersonRow],
        parts: InsightParts | None = None,
        orders: InsightOrders | None = None,
    ) -> None:
        """Write the result under a new run id in bounded transactions, then flip the state node to it.

        One transaction of 100,000 rows of about 1 KB spent most of the save in its commit; here each
        batch commits on its own, and a crash part way leaves the last flipped run what reads see (the
        unflipped rows are dropped at the next save). The run replaced is dropped after the flip.

        A second save started meanwhile drops this one's unfinished rows in its own clean-up: the flip
        then finds rows missing and raises a Conflict (run it again) after dropping what is left of this run.
        The flip and every clean-up take one write lock first (``insights/lock_refresh``), so a clean-up never
        runs between a flip's count of its rows and the flip (read-committed reads alone would allow it).

        The schema first, as before any write: the reads of the pages seek the indexes on what this saves
        (``exposed_order``, ``impact_order``, parts by kind and key); on a database made by an earlier build
        a refresh without them left every exposure read a scan of all 100,000 rows at 100k people.
        """
        self._ensure_schema()
        run = secrets.token_hex(8)
        impact = {p: i for i, p in enumerate((orders or {}).get("impact", []))}
        exposed = {p: i for i, p in enumerate((orders or {}).get("exposed", []))}
        rows = [
            [
                r["person"],
                r.get("unit"),
                float(r[INSIGHT_RANK]),
                *(cut_figures(r) or (None, None, None)),
                _compact(r),
                impact.get(r["person"]),
                exposed.get(r["person"]),
            ]
            for r in people
        ]
        part_rows = [
            [kind, str(key), position, _compact(value)]
            for kind, pairs in cast(dict[str, list[tuple[str, Any]]], parts or {}).items()
            for position, (key, value) in enumerate(pairs)
        ]
        self._drop_old_runs(run)
        for name, batch in [
            *(("insights/save_people", rows[i : i + SAVE_BATCH]) for i in range(0, len(rows), SAVE_BATCH)),
            *(("insights/save_parts", part_rows[i : i + SAVE_BATCH]) for i in range(0, len(part_rows), SAVE_BATCH)),
        ]:
            self._query(name, write=True, run=run, rows=batch)

        def flip(tx: neo4j.ManagedTransaction) -> None:
            # the lock first: a clean-up (which holds it while it deletes) cannot run between the count and the flip
            tx.run(statement("insights/lock_refresh"), run=run).consume()
            found = tx.run(statement("insights/run_counts"), run=run).single()
            if found is None or (found["people"], found["parts"]) != (len(rows), len(part_rows)):
                raise Conflict("another insights refresh removed this one's rows while it saved; run it again")
            saved = {k: v for k, v in state.items() if k != "run"}  # the run is the node's own, s.run
            tx.run(statement("insights/save_state"), run=run, state=_compact(saved)).consume()

        try:
            self._transaction(flip, write=True)
        except Conflict:
            self._auto_commit("insights/delete_run", run=run)  # what it wrote after the other one's cleanup
            raise
        self._drop_old_runs(run)

    def _drop_old_runs(self, run: str) -> None:
        """The rows and parts of every run but the current one, in bounded transactions (auto-commit), while a
        transaction of its own holds the refresh lock (``run``: the save taking it): a flip under way commits
        before the current run is read, and none runs until the old rows are gone."""
        with self._errors(), self.driver.session(database=self.database) as session:
            with session.begin_transaction() as lock:
                lock.run(statement("insights/lock_refresh"), run=run).consume()
                found = lock.run(statement("insights/current_run")).single()
                self._auto_commit("insights/delete_old_runs", current="" if found is None else found["run"])
                lock.commit()

    def _auto_commit(self, name: str, **params: Any) -> None:
        """Run the named statement in an auto-commit transaction (for its ``IN TRANSACTIONS``)."""
        with self._errors(), self.driver.session(database=self.database) as session:
            session.run(statement(name), params).consume()

    def insight_state(self) -> InsightState | None:
        (found,) = self._query("insights/state")
        return None if found["state"] is None else cast(InsightState, json.loads(found["state"]))

    def insight_state_and_marker(self) -> tuple[InsightState | None, str | None]:
        (found,) = self._query("insights/state")
        if found["state"] is None:
            return None, found["at"]
        return cast(InsightState, {**json.loads(found["state"]), "run": found["run"]}), found["at"]

    def units_under(self, unit: str) -> list[str] | None:
        found = self._query("insights/units_under", unit=unit)
        return sorted(found[0]["units"]) if found else None

    def _of_current_run(self, name: str, run: str | None, **params: Any) -> list[neo4j.Record]:
        """The named read of stored rows or parts of ``run``, or of the current run if None, in one
        transaction with the look-up of the current run (a parameter, not a match in the read: that would
        lose the rank index's order).

        Given a run, the current run is read *after* the rows: if it is still that run, no clean-up can have
        deleted any of its rows before or during the read (a clean-up deletes only runs that are not
        current, and runs never come back), so the rows are that run's, whole; if not, InsightsRefreshed.
        """
        text = statement(name)

        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            if run is None:
                found = tx.run(statement("insights/current_run")).single()
                return list(tx.run(text, {**params, "run": "" if found is None else found["run"]}))
            rows = list(tx.run(text, {**params, "run": run}))
            found = tx.run(statement("insights/current_run")).single()
            if ("" if found is None else found["run"]) != run:
                raise InsightsRefreshed()
            return rows

        return self._transaction(work, write=False)

    def insight_parts(self, kind: str, keys: list[str] | None = None, *, run: str | None = None) -> list[Any]:
        if keys is None:
            (found,) = self._of_current_run("insights/parts", run, kind=kind)
        else:
            (found,) = self._of_current_run("insights/parts_by_key", run, kind=kind, keys=[str(k) for k in keys])
        return [json.loads(value) for value in found["parts"]]

    def person_insights(
        self,
        persons: list[str] | None = None,
        limit: int | None = None,
        units: list[str] | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        units = None if units is None else list(units)
        limit = NO_LIMIT if limit is None else int(limit)
        if persons is not None:
            found = self._of_current_run("insights/people_by_id", run, persons=list(persons), units=units, limit=limit)
        elif units is not None and len(units) <= FEW_UNITS:
            found = self._of_current_run("insights/people_in_units", run, units=units, limit=limit)
        else:
            found = self._of_current_run("insights/people", run, units=units, limit=limit)
        return [json.loads(r["row"]) for r in found]

    def ordered_insights(
        self,
        order: Literal["impact", "exposed"],
        units: list[str] | None = None,
        limit: int | None = None,
        *,
        run: str | None = None,
    ) -> list[InsightPersonRow]:
        units = None if units is None else list(units)
        limit = NO_LIMIT if limit is None else int(limit)
        whole, in_units, _ = _order(order)
        if units is not None and len(units) <= FEW_UNITS:
            found = self._of_current_run(in_units, run, units=units, limit=limit)
        else:
            found = self._of_current_run(whole, run, units=units, limit=limit)
        return [json.loads(r["row"]) for r in found]

    def ordered_count(
        self, order: Literal["impact", "exposed"], units: list[str] | None = None, *, run: str | None = None
    ) -> int:
        (found,) = self._of_current_run(_order(order)[2], run, units=None if units is None else list(units))
        return int(found["people"])

    def cut_point_insights(
        self, units: list[str] | None = None, limit: int | None = None, *, run: str | None = None
    ) -> list[InsightPersonRow]:
        found = self._of_current_run(
            "insights/cut_points",
            run,
            units=None if units is None else list(units),
            limit=NO_LIMIT if limit is None else int(limit),
        )
        return [json.loads(r["row"]) for r in found]
