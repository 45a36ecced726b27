"""Impact of loss against flight risk: computed inside ``insights refresh``, stored in each person's row.

The parts come from three reads a refresh makes once: every position's
coverage (the succession report's own rows: which critical positions a
person holds, their status, who is ready now for each), the active
mentors' loads, and each person's flight risk; the network parts come from
the person rows the same refresh computes (brokered pairs, cut figures). The
score and band are :mod:`netgraph.model.impact`'s, the one definition, so
both stores give the same answer: nothing here runs in a store.

People who have left are not in the contact network, so they have no row and
no impact; a position they held is vacant (its own flag in the succession
report).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from netgraph.analysis.insights.units import UnitTree
from netgraph.model.impact import BANDS, RISKS, broker_threshold, first_listed, impact_parts, listing_order
from netgraph.model.insight_rows import ImpactGrid
from netgraph.model.insights import ROLES, cut_size
from netgraph.store.ports import InsightQueries, PersonFacts, PositionRow, ProgrammeQueries, SuccessionQueries


class ImpactSources(SuccessionQueries, ProgrammeQueries, InsightQueries, Protocol):
    """What impact reads beside the contact network: coverage, mentors' loads, people's flight risk."""


def brokered_pairs(row: Mapping[str, Any]) -> int:
    """The pairs of unlinked contacts a stored person row brokers, in all four roles."""
    return sum(int(row[role]) for role in ROLES)


def succession_facts(positions: Iterable[PositionRow]) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """(person -> (critical position, status) they hold, person -> critical positions they alone cover ready now)."""
    held: dict[str, list[tuple[str, str]]] = {}
    sole: dict[str, list[str]] = {}
    for position in positions:
        if not position["critical"]:
            continue
        for person in position["incumbents"]:
            held.setdefault(person, []).append((position["id"], position["status"]))
        ready = [s["person"] for s in position["successors"] if s["readiness"] == "ready_now"]
        if len(ready) == 1:
            sole.setdefault(ready[0], []).append(position["id"])
    return held, sole


def impact_of(
    rows: Sequence[dict[str, Any]],
    positions: Iterable[PositionRow],
    mentees: Mapping[str, int],
    risks: Mapping[str, str | None],
    percentile: float,
) -> dict[str, dict[str, Any]]:
    """person -> their impact parts, score, band, flight risk and whether they are listed first.

    ``rows``: the refresh's person rows (one per person of the contact network); ``mentees``: active
    mentees per mentor; ``risks``: flight risk per person; ``percentile``: the broker percentile.
    """
    held, sole = succession_facts(positions)
    threshold = broker_threshold([brokered_pairs(r) for r in rows], percentile)
    found = {}
    for row in rows:
        person = row["person"]
        parts = impact_parts(
            held=held.get(person, []),
            sole_cover_for=sole.get(person, []),
            cut_off=cut_size(row),
            sole_links=len(row.get("sole_links") or []),
            brokerage_pairs=brokered_pairs(row),
            broker_threshold=threshold,
            active_mentees=mentees.get(person, 0),
        )
        risk = risks.get(person)
        found[person] = {**parts, "flight_risk": risk, "first_listed": first_listed(risk, parts["critical_held"])}
    return found


def read_impact_inputs(store: ImpactSources) -> tuple[list[PositionRow], dict[str, int], dict[str, PersonFacts]]:
    """The three reads impact needs: every position's coverage, active mentees per mentor, and of everyone who
    has not left only their flight risk (with the skills and goals growth reads), not their whole records."""
    positions = store.coverage([])["positions"]
    mentees = {m["id"]: int(m["mentees"]) for m in store.mentors_by_load()}
    return positions, mentees, store.person_facts()


def flight_risks(facts: Mapping[str, PersonFacts]) -> dict[str, str | None]:
    """person -> flight risk as recorded (None when not)."""
    return {p: f["flight_risk"] for p, f in facts.items()}


def listing(people: Sequence[str], impact: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Everyone with an impact, in the risk x impact grid's listing order (:func:`listing_order`): what the grid's
    page lists first is then the first stored rows of that order."""
    return sorted((p for p in people if p in impact), key=lambda p: listing_order({**impact[p], "person": p}))


def impact_grids(
    tree: UnitTree, codes: np.ndarray, people: Sequence[str], impact: Mapping[str, Mapping[str, Any]]
) -> list[tuple[str, ImpactGrid]]:
    """The grid of everyone (key ``""``), then of each unit with every unit under it, in the tree's order.

    Each person counts once in a column (impact band x flight risk, or ``unrecorded``) and in
    ``first_listed`` if listed first; ``codes`` are the people's nodes of ``tree``. One count per node,
    then one product with the tree's ancestors: no pass over the people per unit.
    """
    columns = [(band, risk) for band in BANDS for risk in (*RISKS, None)]
    column = {c: i for i, c in enumerate(columns)}
    per_node = np.zeros((len(columns) + 1, len(tree.parent)))
    for person, node in zip(people, codes, strict=True):
        found = impact.get(person)
        if found is None:
            continue
        risk = found["flight_risk"] if found["flight_risk"] in RISKS else None
        per_node[column[found["band"], risk], node] += 1
        per_node[len(columns), node] += found["first_listed"]
    sums = np.asarray(per_node @ tree.ancestors)[:, : len(tree.units)]
    whole = per_node.sum(axis=1)

    def grid(counts: np.ndarray) -> ImpactGrid:
        return {
            "grid": {band: {risk: int(counts[column[band, risk]]) for risk in RISKS} for band in BANDS},
            "unrecorded": {band: int(counts[column[band, None]]) for band in BANDS},
            "first_listed": int(counts[len(columns)]),
        }

    return [("", grid(whole)), *((unit, grid(sums[:, u])) for u, unit in enumerate(tree.units))]
