"""Refresh and read stored insights: compute once, then every page and command reads in milliseconds.

``refresh`` reads the contact network, computes every measure and stores
the result with ``computed_at`` (taken *before* the network is read, so a
write that lands during the computation leaves the result stale, never
falsely fresh), ``mode`` (exact or sampled) and ``sources`` (how many
sources betweenness counted from). Every answer read back carries those and
``stale``: whether a write since ``computed_at`` may have changed the
network (the store's ``network_changed_at`` marker is later).

Person-level answers name people: the web shows them to ``hr`` and
``admin`` only and records each read (``read.insights``); like every other
read, the command line records none.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Protocol, cast

import numpy as np

from netgraph.analysis.insights.communities import community_summary, leiden_of
from netgraph.analysis.insights.cuts import cut_rows, empty_cut
from netgraph.analysis.insights.exposure import departed_since, exposed_order, exposure_of, unit_exposure
from netgraph.analysis.insights.growth import distance_summary, mentee_distances, monthly
from netgraph.analysis.insights.impact import (
    ImpactSources,
    flight_risks,
    impact_grids,
    impact_of,
    listing,
    read_impact_inputs,
)
from netgraph.analysis.insights.ordered_parts import (
    EVERY_UNIT,
    busiest_order,
    communities_under,
    first_keys,
    first_silos,
    first_unit_communities,
    first_units,
    heat_map_units,
    most_split,
    silo_order,
    unit_community_order,
)
from netgraph.analysis.insights.people import (
    CHUNKS,
    Betweenness,
    BetweennessPlan,
    betweenness_of,
    betweenness_plan,
    combined,
    local_measures,
    submit_betweenness,
)
from netgraph.analysis.insights.privacy import Hiding, hiding
from netgraph.analysis.insights.projection import Network, Projection, load_projection
from netgraph.analysis.insights.silos import density, silo_rows, unit_matrix
from netgraph.analysis.insights.units import UnitTree, person_codes, unit_tree
from netgraph.errors import InvalidInput, Problem
from netgraph.model.audit import timestamp
from netgraph.model.growth import last_months
from netgraph.model.insight_rows import (
    INSIGHTS_FORMAT,
    CommunitiesUnder,
    CommunityRow,
    ExposureRow,
    GrowthMonth,
    HeatMapLevel,
    ImpactRow,
    InsightOrders,
    InsightParts,
    InsightPersonRow,
    InsightState,
    MenteeDistances,
    RankedSilo,
    SiloRow,
    UnitCommunities,
    UnitExposure,
    readable_format,
)
from netgraph.model.insights import InsightSettings, cut_size
from netgraph.model.rules import RecommendSettings
from netgraph.store.ports import InsightQueries, PersistenceLookups
from netgraph.workers import Inline


class InsightLookups(InsightQueries, PersistenceLookups, Protocol):
    """Stored insights and what the pages name with them: people, units and the unit tree."""


class InsightSources(ImpactSources, Protocol):
    """What a refresh reads: the contact network, and for impact the coverage, mentors and flight risks."""


#: Brokers a read lists unless asked for more.
DEFAULT_BROKERS = 25
#: The most person rows one read lists.
MAX_LIMIT = 1_000
#: The calls a refresh hands to a pool (:func:`_submit`): betweenness's chunks, and Leiden.
POOL_CALLS = CHUNKS + 1
#: People from which a refresh hands those calls to its pool: below it they take less than starting the workers
#: (a fresh interpreter each, then the graph rebuilt), and a small network's refresh stays in its own process.
POOL_FROM = 1_000
#: What every answer carries about the stored result it comes from.
PROVENANCE = ("computed_at", "stale", "mode", "sources", "seed")


def refresh(
    store: InsightSources,
    settings: InsightSettings,
    recommend: RecommendSettings,
    *,
    exact: bool | None = None,
    sample: int | None = None,
    seed: int | None = None,
    as_of: date | None = None,
    pool: Executor | None = None,
) -> dict[str, Any]:
    """Compute every insight and store it; returns the stored state (with ``stale`` False).

    ``exact`` True forces exact betweenness, ``sample`` N sampled sources (else exact below
    ``settings.exact_below`` people), ``seed`` overrides ``settings.seed``; ``as_of`` is the day recent
    departures are counted back from (the day of ``computed_at`` unless given). ``pool``
    (:func:`netgraph.workers.cpu_pool`, opened by the entry point) runs betweenness's chunks and
    Leiden while this process reads the rest from the store; without one they run here. The
    stored result is the same either way.
    """
    if exact and sample is not None:
        raise InvalidInput([Problem("insights refresh", "--exact", "give --exact or --sample N, not both")])
    if sample is not None and sample < 2:
        raise InvalidInput([Problem("insights refresh", "--sample", f"must be at least 2 sources, not {sample}")])
    if seed is not None:
        settings = InsightSettings(**{**asdict(settings), "seed": seed})
    computed_at = timestamp()
    as_of = as_of or date.fromisoformat(computed_at[:10])
    projection = load_projection(store, recommend)
    if exact is None and sample is not None:
        exact = False
    work = _submit(pool or Inline(), projection, settings, exact, sample)
    # meanwhile, here: the server's reads and what needs no betweenness or communities
    positions, mentees, facts = read_impact_inputs(store)
    since = departed_since(as_of, settings.departed_days)
    departures = store.departure_links(
        since, mentor_strength=recommend.mentor_tie_strength, missing_strength=recommend.missing_strength
    )
    months = last_months(as_of, settings.growth_months)
    links = store.growth_links(months[0] + "-01")
    local = local_measures(projection)
    tree = unit_tree(projection)
    codes = person_codes(projection, tree)
    plan = hiding(tree, codes, settings.min_group_size)
    silos = _shown_silos(projection, tree, local.degree.astype(float), settings, codes, plan)
    matrices = [
        _shown_matrix(unit_matrix(projection, tree, level, plan.codes), tree, plan)
        for level in range(1, tree.levels + 1)
    ]
    cuts = cut_rows(projection)
    between, membership = _gather(work)
    measures = combined(local, between, settings)
    found = community_summary(
        projection,
        membership,
        shown={unit for i, unit in enumerate(tree.units) if i not in plan.hidden},
        min_group_size=settings.min_group_size,
    )
    measured = [
        {**row, **(cuts.get(i) or empty_cut()), "community": membership[i]}
        for i, row in enumerate(measures.rows(projection))
    ]
    risks = flight_risks(facts)
    impact = impact_of(measured, positions, mentees, risks, settings.broker_percentile)
    exposure = exposure_of(projection, departures, risks, settings.exposure_ties)
    distances = mentee_distances(projection, links, facts)
    rows = [
        _person_row(row, impact[row["person"]], exposure[i], distances.get(row["person"]))
        for i, row in enumerate(measured)
    ]
    silo_parts = [cast(SiloRow, {**r, "parent": projection.unit_parents.get(r["unit"])}) for r in silos]
    levels = [cast(HeatMapLevel, m) for m in matrices]
    parts: InsightParts = {
        "silos": [(r["unit"], r) for r in silo_parts],
        "heat_map": [(str(m["level"]), m) for m in levels],
        "heat_map_units": [pair for m in levels for pair in heat_map_units(m)],
        "silo_order": _silo_order(silo_parts, levels),
        "communities": [(str(c["community"]), cast(CommunityRow, c)) for c in found["communities"]],
        "unit_communities": [(u["unit"], cast(UnitCommunities, u)) for u in found["units"]],
        "unit_community_order": unit_community_order(cast(list[UnitCommunities], found["units"])),
        "communities_under": communities_under(cast(list[UnitCommunities], found["units"]), projection.unit_parents),
        "growth": [
            ("months", cast(list[GrowthMonth], monthly(projection, links, months, settings.growth_window_days))),
            ("mentees", cast(MenteeDistances, distance_summary(distances))),
        ],
        "exposure": [
            (unit, cast(UnitExposure, row))
            for unit, row in unit_exposure(projection, tree, plan, [e["exposed"] for e in exposure])
        ],
        "impact_grid": impact_grids(tree, codes, projection.people, impact),
    }
    orders: InsightOrders = {
        "impact": listing(projection.people, impact),
        "exposed": exposed_order(projection, exposure),
    }
    state: InsightState = {
        "format": INSIGHTS_FORMAT,
        "computed_at": computed_at,
        "mode": measures.betweenness.mode,
        "sources": measures.betweenness.sources,
        "seed": settings.seed,
        "people": projection.size,
        "links": len(projection.sources),
        "units": len(projection.unit_parents),
        "levels": len(matrices),
        "thresholds": asdict(measures.thresholds),
        "settings": asdict(settings),
        "hidden_units": len(plan.hidden),
        "nmi": found["nmi"],
        "hidden_communities": found["hidden_communities"],
        "communities": len(found["communities"]),
        "as_of": as_of.isoformat(),
        "departed_since": since,
        "exposed": sum(1 for e in exposure if e["exposed"]),
    }
    store.save_insights(state, rows, parts, orders)
    return {**state, "stale": False}


@dataclass(frozen=True)
class _Submitted:
    """The long C calls of a refresh, handed to the pool: betweenness in its chunks, and Leiden."""

    plan: BetweennessPlan
    chunks: list[Future[np.ndarray]]
    communities: Future[list[int]]


def _submit(
    pool: Executor, projection: Projection, settings: InsightSettings, exact: bool | None, sample: int | None
) -> _Submitted:
    if projection.size < POOL_FROM:
        pool = Inline()
    network = Network(projection)
    plan = betweenness_plan(projection.size, settings, exact=exact, sample=sample)
    communities = pool.submit(leiden_of, network, settings.seed, settings.leiden_passes)  # the longest call first
    return _Submitted(plan, submit_betweenness(pool, network, plan), communities)


def _gather(work: _Submitted) -> tuple[Betweenness, list[int]]:
    """Wait for what :func:`_submit` handed out: betweenness (its chunks added in their order) and communities."""
    return betweenness_of(work.plan, [chunk.result() for chunk in work.chunks]), work.communities.result()


def _silo_order(rows: list[SiloRow], levels: list[HeatMapLevel]) -> list[tuple[str, RankedSilo]]:
    """Every unit's silo row, then each level's (those of its heat map's units), clearest first."""
    ordered = silo_order(EVERY_UNIT, rows, clearest_first)
    for matrix in levels:
        at_level = set(matrix["units"])
        ordered += silo_order(matrix["level"], [r for r in rows if r["unit"] in at_level], clearest_first)
    return ordered


def _person_row(
    row: dict[str, Any], impact: dict[str, Any], exposure: dict[str, Any], distances: dict[str, int | None] | None
) -> InsightPersonRow:
    """One stored person row: the measures and cut figures of ``row``, then impact, exposure and distances."""
    return {
        "person": row["person"],
        "unit": row["unit"],
        "degree": row["degree"],
        "external": row["external"],
        "betweenness": row["betweenness"],
        "constraint": row["constraint"],
        "effective_size": row["effective_size"],
        "coordinator": row["coordinator"],
        "itinerant": row["itinerant"],
        "gatekeeper_representative": row["gatekeeper_representative"],
        "liaison": row["liaison"],
        "labels": row["labels"],
        "overloaded": row["overloaded"],
        "cuts_off": row["cuts_off"],
        "bridges": row["bridges"],
        "sole_links": row["sole_links"],
        "community": row["community"],
        "impact": cast(ImpactRow, impact),
        "exposure": cast(ExposureRow, exposure),
        "skill_distances": distances,
    }


def _shown_silos(
    projection: Projection,
    tree: UnitTree,
    degree: np.ndarray,
    settings: InsightSettings,
    codes: np.ndarray | None,
    plan: Hiding,
) -> list[dict[str, Any]]:
    """The silo rows that may be shown: hidden units left out, adjusted ones computed without hidden children."""
    full = silo_rows(projection, tree, degree, permutations=settings.permutations, seed=settings.seed, codes=codes)
    moved = (
        silo_rows(projection, tree, degree, permutations=settings.permutations, seed=settings.seed, codes=plan.codes)
        if plan.adjusted
        else full
    )
    return [
        {**(moved[i] if i in plan.adjusted else full[i]), "adjusted": i in plan.adjusted}
        for i in range(len(tree.units))
        if i not in plan.hidden
    ]


def _shown_matrix(matrix: dict[str, Any], tree: UnitTree, plan: Hiding) -> dict[str, Any]:
    """A level's matrix without hidden units (a cell needs both of its units shown)."""
    hidden = {tree.units[u] for u in plan.hidden}
    keep = [k for k, unit in enumerate(matrix["units"]) if unit not in hidden]
    position = {old: new for new, old in enumerate(keep)}
    return {
        "level": matrix["level"],
        "units": [matrix["units"][k] for k in keep],
        "sizes": [matrix["sizes"][k] for k in keep],
        "ties": [[position[a], position[b], n] for a, b, n in matrix["ties"] if a in position and b in position],
    }


class NotComputed(InvalidInput):
    """Nothing is stored yet: the first ``netgraph insights refresh`` has not run."""


def current(store: InsightQueries) -> dict[str, Any]:
    """The stored state with ``stale`` and the ``run`` it names; a clear message before the first refresh, and
    when a newer build wrote what is stored (before any row or part is read).

    One page or answer reads it once and passes it to each of its reads (``state=``): every store read
    then names that run, so the page shows one refresh's result or, when a refresh replaced it meanwhile,
    stops with :class:`~netgraph.errors.InsightsRefreshed` (reload), never a mix of two."""
    state, changed = store.insight_state_and_marker()
    if state is None:
        raise NotComputed([Problem("insights", "", "no insights are stored yet: run `netgraph insights refresh`")])
    readable_format(state)
    return {**state, "stale": changed is not None and changed > state["computed_at"]}


def provenance(state: dict[str, Any]) -> dict[str, Any]:
    return {key: state[key] for key in PROVENANCE}


def run_of(state: dict[str, Any]) -> str | None:
    """The run the reads of one page name (None: a state from before runs were stored with it)."""
    run: str | None = state.get("run")
    return run


def unit_tree_below(parents: dict[str, str], unit: str) -> set[str]:
    """``unit`` and every unit under it (``parents``: child -> parent)."""
    children: dict[str | None, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, todo = set(), [unit]
    while todo:
        here = todo.pop()
        found.add(here)
        todo += children.get(here, [])
    return found


def brokers(
    store: InsightLookups,
    *,
    unit: str | None = None,
    limit: int = DEFAULT_BROKERS,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The people with the highest betweenness (of ``unit`` and the units under it, if given).

    ``state``: the page's :func:`current` state (read here if None), here and in every read below."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("request", "limit", f"must be from 1 to {MAX_LIMIT}, not {limit}")])
    state = state or current(store)
    units = None if unit is None else sorted(units_of(store, unit))
    rows = store.person_insights(limit=limit, units=units, run=run_of(state))
    names = store.person_names([r["person"] for r in rows])
    named: list[dict[str, Any]] = [{**r, "name": names.get(r["person"])} for r in rows]
    return {**provenance(state), "unit": unit, "people": named}


def units_of(store: InsightQueries, unit: str) -> set[str]:
    found = store.units_under(unit)
    if found is None:
        raise InvalidInput([Problem("request", "unit", f"unknown org unit {unit!r}")])
    return set(found)


def _no_units(state: dict[str, Any]) -> None:
    if not state["units"]:
        raise InvalidInput([Problem("insights", "", "the network has no org units: unit figures need units")])


def _level(state: dict[str, Any], level: int) -> None:
    levels = state["levels"]
    if not 1 <= level <= levels:
        raise InvalidInput(
            [Problem("request", "level", f"must be from 1 to {levels} (the depth of the unit tree), not {level}")]
        )


def silos(
    store: InsightLookups,
    *,
    unit: str | None = None,
    level: int | None = None,
    limit: int | None = None,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every unit's E-I index beside its expectation and interval: of ``unit`` and the units under it, or of
    the units at ``level`` of the tree (those of its heat map), if given.

    ``limit`` N keeps the N clearest silos (E-I furthest below chance, :func:`clearest_first`) before their
    names are looked up, and says how many units it ``left_out``; None keeps every unit in stored order.
    Without ``unit``, the N are read as ranked at refresh (``silo_order``), not picked from every row.
    """
    _limit(limit)
    state = state or current(store)
    run = run_of(state)
    _no_units(state)
    if level is not None:
        _level(state, level)
    if limit is not None and unit is None:
        scope = EVERY_UNIT if level is None else level
        ranked = store.insight_parts("silo_order", first_keys(scope, limit), run=run)
        if ranked:  # else a result stored before the ranked records existed: as below
            return _named_silos(store, state, unit, *first_silos(ranked))
    keys = None
    if unit is not None:
        keys = sorted(units_of(store, unit))
    if level is not None:
        (matrix,) = store.insight_parts("heat_map", [str(level)], run=run)
        keys = sorted(set(matrix["units"]) & set(keys)) if keys is not None else matrix["units"]
    rows: list[SiloRow] = store.insight_parts("silos", keys, run=run)
    left_out = 0
    if limit is not None and len(rows) > limit:
        left_out = len(rows) - limit
        rows = sorted(rows, key=clearest_first)[:limit]
    return _named_silos(store, state, unit, rows, left_out)


def _named_silos(
    store: InsightLookups, state: dict[str, Any], unit: str | None, rows: list[SiloRow], left_out: int
) -> dict[str, Any]:
    names = store.unit_names([r["unit"] for r in rows])
    return {
        **provenance(state),
        "unit": unit,
        "units": [{**r, "name": names.get(r["unit"])} for r in rows],
        "left_out": left_out,
    }


def clearest_first(row: SiloRow) -> tuple[bool, float, str]:
    """The order of a limited silo table: E-I furthest below what chance gives first, units without one last.

    >>> rows = [{"unit": "a", "ei": -0.2, "expected_ei": 0.5}, {"unit": "c", "ei": None, "expected_ei": 0.5},
    ...         {"unit": "b", "ei": -0.9, "expected_ei": -0.5}]
    >>> [r["unit"] for r in sorted(rows, key=clearest_first)]
    ['a', 'b', 'c']
    """
    ei, expected = row["ei"], row["expected_ei"]
    if ei is None or expected is None:
        return (True, 0.0, row["unit"])
    return (False, ei - expected, row["unit"])


def _limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise InvalidInput([Problem("request", "limit", f"must be at least 1, not {limit}")])


def heat_map(
    store: InsightLookups, *, level: int = 1, limit: int | None = None, state: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The unit x unit tie densities at one level of the unit tree (1: the top units).

    ``limit`` N keeps the N units with the most ties (inside and out,
    :func:`~netgraph.analysis.insights.ordered_parts.busiest_order`), read as ranked at refresh
    (``heat_map_units``: those N units' records and cells only), and says how many units it ``left_out``;
    None reads the whole level.
    """
    _limit(limit)
    state = state or current(store)
    run = run_of(state)
    _no_units(state)
    _level(state, level)
    # a result stored before the ranked records existed has none: read its whole level
    found = [] if limit is None else store.insight_parts("heat_map_units", first_keys(level, limit), run=run)
    if not found:
        (matrix,) = store.insight_parts("heat_map", [str(level)], run=run)
        units, sizes, ties = matrix["units"], matrix["sizes"], matrix["ties"]
        holds = len(units)
        if limit is not None and holds > limit:
            shown = sorted(busiest_order(holds, ties)[:limit])
            position = {k: n for n, k in enumerate(shown)}
            units, sizes = [units[k] for k in shown], [sizes[k] for k in shown]
            ties = [[position[i], position[j], n] for i, j, n in ties if i in position and j in position]
    else:
        first, ties, holds = first_units(found)
        units, sizes = [u["unit"] for u in first], [u["members"] for u in first]
        position = {u["position"]: k for k, u in enumerate(first)}
        ties = [[position[i], position[j], n] for i, j, n in ties]
    names = store.unit_names(units)
    cells = [
        {"a": units[i], "b": units[j], "ties": n, "density": density(n, sizes[i], sizes[j], i == j)} for i, j, n in ties
    ]
    return {
        **provenance(state),
        "level": level,
        "levels": state["levels"],
        "units": [
            {"unit": unit, "name": names.get(unit), "members": size} for unit, size in zip(units, sizes, strict=True)
        ],
        "cells": cells,
        "left_out": holds - len(units),
    }


def cut_points(
    store: InsightLookups,
    *,
    unit: str | None = None,
    limit: int = DEFAULT_BROKERS,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The people whose leaving cuts people off, ends a bridge or leaves two units with no tie.

    Most people cut off first, then most sole links between units, then most bridges, then by id
    (:func:`~netgraph.model.insights.cut_figures`).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput([Problem("request", "limit", f"must be from 1 to {MAX_LIMIT}, not {limit}")])
    state = state or current(store)
    units = None if unit is None else sorted(units_of(store, unit))
    rows = store.cut_point_insights(units=units, limit=limit, run=run_of(state))
    names = store.person_names(sorted({r["person"] for r in rows} | {p for r in rows for p in _named(r)}))
    shown = [
        {
            "person": r["person"],
            "name": names.get(r["person"]),
            "unit": r["unit"],
            "cut_off": cut_size(r),
            "cuts_off": r["cuts_off"],
            "bridges": r["bridges"],
            "sole_links": r["sole_links"],
        }
        for r in rows
    ]
    return {**provenance(state), "unit": unit, "people": shown, "names": names}


def _named(row: InsightPersonRow) -> list[str]:
    return [*row["bridges"], *(p for piece in row["cuts_off"] for p in piece["people"] or [])]


def communities(
    store: InsightLookups,
    *,
    unit: str | None = None,
    split_units: bool = True,
    limit: int | None = None,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Leiden communities beside the units, with their NMI (only those holding people of ``unit``, if given).

    ``split_units`` False leaves out each unit's row (how its people fall into communities): the page
    shows only the communities.

    ``limit`` N keeps the N largest communities (the lowest numbers) and the N units split across the most
    communities, most split first (:func:`~netgraph.analysis.insights.ordered_parts.most_split`), says how
    many of each it leaves out (``left_out``, ``units_left_out``) and looks up the names of what it shows
    only. Without ``unit`` that is N keyed look-ups of each (communities by number, units as ranked at
    refresh in ``unit_community_order``); with ``unit``, one keyed look-up of what the unit and the units
    under it show (``communities_under``, built at refresh), then N of each. None reads every community
    and unit, in stored order (of ``unit``: every row of the units under it now).
    """
    _limit(limit)
    state = state or current(store)
    run = run_of(state)
    _no_units(state)
    left_out = units_left_out = 0
    if unit is None:
        rows, left_out = _first_communities(store, state, limit)
        unit_rows: list[UnitCommunities] = []
        if split_units:
            unit_rows, units_left_out = _first_unit_rows(store, limit, run)
    elif limit is not None and (under := store.insight_parts("communities_under", [unit], run=run)):
        _known(store, unit)
        rows, left_out, unit_rows, units_left_out = _first_under(store, under[0], limit, split_units, run)
    else:  # every row, or a result stored before the records of each unit's communities: its units' rows
        tree = sorted(units_of(store, unit))
        unit_rows = store.insight_parts("unit_communities", tree, run=run)
        touching = sorted({c for u in unit_rows for c, _ in u["communities"]})
        if limit is not None and len(touching) > limit:
            touching, left_out = touching[:limit], len(touching) - limit
        rows = store.insight_parts("communities", [str(c) for c in touching], run=run)
        if not split_units:
            unit_rows = []
        elif limit is not None:
            units_left_out = max(0, len(unit_rows) - limit)
            unit_rows = sorted(unit_rows, key=most_split)[:limit]
    if limit is None:
        named = {u for c in rows for u, _ in c["units"]}
    else:
        named = {u for c in rows for u in c["named_by"]}
    names = store.unit_names(sorted(named | {u["unit"] for u in unit_rows}))
    return {
        **provenance(state),
        "unit": unit,
        "nmi": state["nmi"],
        "names": names,
        "hidden_communities": state["hidden_communities"],
        "communities": [{**c, "spans": len(c["units"])} for c in rows],
        "units": [{**u, "split": len(u["communities"])} for u in unit_rows],
        "left_out": left_out,
        "units_left_out": units_left_out,
    }


def _known(store: InsightLookups, unit: str) -> None:
    """Refuse a unit that no longer exists, as :func:`units_of` does, without reading the units under it."""
    if unit not in store.unit_names([unit]):
        raise InvalidInput([Problem("request", "unit", f"unknown org unit {unit!r}")])


def _first_under(
    store: InsightLookups, under: CommunitiesUnder, limit: int, split_units: bool, run: str | None
) -> tuple[list[CommunityRow], int, list[UnitCommunities], int]:
    """The ``limit`` largest communities holding people of a unit and the ``limit`` units under it split across
    the most, from its ``communities_under`` record: those records only, and how many of each are left out."""
    touching = under["communities"]
    rows = store.insight_parts("communities", [str(c) for c in touching[:limit]], run=run)
    unit_rows: list[UnitCommunities] = []
    if split_units:
        unit_rows = sorted(store.insight_parts("unit_communities", under["units"][:limit], run=run), key=most_split)
    units_left_out = max(0, len(under["units"]) - limit) if split_units else 0
    return rows, max(0, len(touching) - limit), unit_rows, units_left_out


def _first_communities(
    store: InsightLookups, state: dict[str, Any], limit: int | None
) -> tuple[list[CommunityRow], int]:
    """The ``limit`` largest communities (every one if None) and how many are left out: their numbers are
    their keys, so a result that says how many it holds is read by key; an older one is read whole and cut."""
    run = run_of(state)
    if limit is not None and "communities" in state:
        held = state["communities"]
        keys = [str(c) for c in range(min(limit, held))]
        return store.insight_parts("communities", keys, run=run), max(0, held - limit)
    rows = store.insight_parts("communities", run=run)
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def _first_unit_rows(store: InsightLookups, limit: int | None, run: str | None) -> tuple[list[UnitCommunities], int]:
    """The ``limit`` units split across the most communities (every unit, in stored order, if None) and how
    many are left out; read as ranked at refresh, or from every unit's row for a result stored without them."""
    if limit is not None:
        ranked = store.insight_parts("unit_community_order", first_keys(EVERY_UNIT, limit), run=run)
        if ranked:
            return first_unit_communities(ranked)
    rows = store.insight_parts("unit_communities", run=run)
    if limit is None:
        return rows, 0
    return sorted(rows, key=most_split)[:limit], max(0, len(rows) - limit)
