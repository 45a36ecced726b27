"""Does the programme grow the network? Computed inside ``insights refresh`` (rule: :mod:`netgraph.model.growth`).

Month by month over the last ``[insights] growth_months`` (12) months:

* ``new_ties``: ties dated in the month (their ``since``, else ``first_seen``)
  between people who have not left;
* ``programme_ties``: those made through the programme (an accepted
  introduction or a mentorship start between the pair, or a mentorship start
  of one of them whose mentor is a contact of the other, within
  ``[insights] growth_window_days`` (90) days before the tie);
* ``crossing``: programme ties between two different units, and their share;
* ``unit_pairs``: pairs of different units connected by at least one tie of
  today's contact network at the month's end (a tie dated after the month
  does not count yet; an undated one always does).

Unit membership history is not stored: everyone counts in today's unit, so
a tie made before someone moved counts between their present units.

For each active mentee and each skill they want to grow, the distance (in
contacts) to the nearest person holding that skill at level 3 or more: one
multi-source breadth-first search per skill from all its holders at once,
not one search per mentee. 0: they hold it themselves; None: nobody
reachable holds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from netgraph.analysis.insights.projection import Projection
from netgraph.model.growth import SKILL_HOLDER_LEVEL, made_through_programme, month_of
from netgraph.store.ports import GrowthLinks, PersonFacts

#: How mentees' distances are grouped in the summary.
DISTANCE_GROUPS = ("0", "1", "2", "3", "4+", "none")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _neighbours(projection: Projection, i: int) -> list[int]:
    adjacency = projection.adjacency
    return [int(j) for j in adjacency.indices[adjacency.indptr[i] : adjacency.indptr[i + 1]]]


def pair_events(projection: Projection, links: GrowthLinks) -> dict[tuple[str, str], list[str]]:
    """pair -> the dates a tie between them may follow: accepted introductions, mentorship starts between them
    and, for a mentee, their mentorship's start with each contact of their mentor."""
    index = {p: i for i, p in enumerate(projection.people)}
    events: dict[tuple[str, str], list[str]] = {}
    for introduce, to, accepted_on in links["introductions"]:
        events.setdefault(_pair(introduce, to), []).append(accepted_on)
    for mentor, mentee, since, *_ in links["mentorships"]:
        events.setdefault(_pair(mentor, mentee), []).append(since)
        if mentor in index:
            for j in _neighbours(projection, index[mentor]):
                other = projection.people[int(j)]
                if other != mentee:
                    events.setdefault(_pair(mentee, other), []).append(since)
    return events


def monthly(
    projection: Projection, links: GrowthLinks, months: Sequence[str], window_days: int
) -> list[dict[str, Any]]:
    """One row per month of ``months`` (see the module docstring)."""
    index = {p: i for i, p in enumerate(projection.people)}
    unit = dict(zip(projection.people, projection.units, strict=True))
    events = pair_events(projection, links)
    at = {m: k for k, m in enumerate(months)}
    rows: list[dict[str, Any]] = [{"month": m, "new_ties": 0, "programme_ties": 0, "crossing": 0} for m in months]
    dated: dict[tuple[str, str], str] = {}
    for a, b, on in links["ties"]:
        if a not in index or b not in index:
            continue
        dated[(a, b)] = on
        k = at.get(month_of(on))
        if k is None:
            continue
        rows[k]["new_ties"] += 1
        if made_through_programme(on, events.get((a, b), []), window_days):
            rows[k]["programme_ties"] += 1
            if unit[a] is not None and unit[b] is not None and unit[a] != unit[b]:
                rows[k]["crossing"] += 1
    connected = Counter(_first_months(projection, index, dated, months).tolist())
    running = connected.get(-1, 0)
    for k, row in enumerate(rows):
        running += connected.get(k, 0)
        row["unit_pairs"] = running
        row["crossing_share"] = row["crossing"] / row["programme_ties"] if row["programme_ties"] else None
    return rows


def _first_months(
    projection: Projection, index: Mapping[str, int], dated: Mapping[tuple[str, str], str], months: Sequence[str]
) -> np.ndarray:
    """For each pair of different units tied today: the month its first tie came (a position in ``months``; -1:
    before them or undated; ``len(months)``: after them), every tie of the contact network at once."""
    codes = {u: c for c, u in enumerate(sorted({u for u in projection.units if u is not None}))}
    unit = np.array([-1 if u is None else codes[u] for u in projection.units], dtype=np.int64)
    ua, ub = unit[projection.sources], unit[projection.targets]
    month = np.full(len(projection.sources), -1, dtype=np.int64)
    if dated:
        # ties are sorted by (source, target), so one key per tie finds the dated ones by binary search
        size = projection.size
        keys = projection.sources * size + projection.targets
        at = {m: k for k, m in enumerate(months)}
        pairs = [(index[a] * size + index[b], on) for (a, b), on in dated.items()]
        wanted = np.array([key for key, _ in pairs], dtype=np.int64)
        where = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
        found = keys[where] == wanted if len(keys) else np.zeros(len(wanted), dtype=bool)
        values = np.array(
            [-1 if month_of(on) < months[0] else at.get(month_of(on), len(months)) for _, on in pairs], dtype=np.int64
        )
        month[where[found]] = values[found]
    across = (ua >= 0) & (ub >= 0) & (ua != ub)
    low, high = np.minimum(ua, ub)[across], np.maximum(ua, ub)[across]
    pair_keys, inverse = np.unique(low * max(len(codes), 1) + high, return_inverse=True)
    first = np.full(len(pair_keys), len(months), dtype=np.int64)
    np.minimum.at(first, inverse, month[across])
    return first


def _reached_from(indptr: np.ndarray, indices: np.ndarray, frontier: np.ndarray) -> np.ndarray:
    """Every neighbour of ``frontier`` (with repeats), gathered from the CSR arrays in one vectorised step."""
    starts, ends = indptr[frontier], indptr[frontier + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.asarray(indices[offsets + np.arange(total)], dtype=np.int64)


def nearest_holders(projection: Projection, sources: Sequence[int], wanted_by: Sequence[int] = ()) -> np.ndarray:
    """Each person's distance in contacts to the nearest of ``sources`` (-1: none reachable): one BFS from all.

    With ``wanted_by``, the search stops once all of them are reached (the rest keep -1 or what was found).
    """
    adjacency = projection.adjacency
    indptr, indices = adjacency.indptr, adjacency.indices
    distance = np.full(projection.size, -1, dtype=np.int64)
    frontier = np.unique(np.asarray(sources, dtype=np.int64))
    distance[frontier] = 0
    targets = np.asarray(wanted_by, dtype=np.int64)
    step = 0
    while len(frontier) and not (len(targets) and (distance[targets] >= 0).all()):
        step += 1
        reached = _reached_from(indptr, indices, frontier)
        distance[reached[distance[reached] < 0]] = step
        # the new frontier read back from the distances: one pass over everyone, no sort of the repeats
        frontier = np.flatnonzero(distance == step)
    return distance


def mentee_distances(
    projection: Projection, links: GrowthLinks, records: Mapping[str, PersonFacts]
) -> dict[str, dict[str, int | None]]:
    """active mentee -> skill they want to grow -> distance to its nearest holder at level >= 3 (None: nobody)."""
    index = {p: i for i, p in enumerate(projection.people)}
    mentees = sorted({m[1] for m in links["mentorships"] if m[3] == "active" and m[1] in index})
    wanted = {p: list(records[p]["wants_to_grow"]) if p in records else [] for p in mentees}
    holders: dict[str, list[int]] = {skill: [] for skills in wanted.values() for skill in skills}
    for person, i in index.items():
        for skill, level in (records[person]["skills"] if person in records else {}).items():
            if skill in holders and level >= SKILL_HOLDER_LEVEL:
                holders[skill].append(i)
    wanting: dict[str, list[int]] = {}
    for p, skills in wanted.items():
        for skill in skills:
            wanting.setdefault(skill, []).append(index[p])
    distances = {skill: nearest_holders(projection, found, wanting[skill]) for skill, found in sorted(holders.items())}
    return {
        p: {
            skill: (int(distances[skill][index[p]]) if distances[skill][index[p]] >= 0 else None) for skill in wanted[p]
        }
        for p in mentees
    }


def distance_summary(found: Mapping[str, Mapping[str, int | None]]) -> dict[str, Any]:
    """How many (mentee, wanted skill) pairs lie at each distance (:data:`DISTANCE_GROUPS`)."""
    groups = dict.fromkeys(DISTANCE_GROUPS, 0)
    for skills in found.values():
        for d in skills.values():
            groups["none" if d is None else "4+" if d >= 4 else str(d)] += 1
    return {"mentees": len(found), "pairs": sum(groups.values()), "by_distance": groups}
