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

from netgraph.model.impact import broker_threshold, first_listed, impact_parts
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
