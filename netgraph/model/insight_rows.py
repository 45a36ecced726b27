"""What a refresh of network insights stores, as typed rows: the state, one row per person, and the parts.

``insights refresh`` (:mod:`netgraph.analysis.insights.stored`) computes them
and both stores keep them as they are given (JSON), so these are also what
every read of stored insights gets back (``InsightQueries`` of
:mod:`netgraph.store.ports`). ``tests/unit/test_insight_rows.py`` holds a
refresh's output to these field lists.

Parts come by kind (:data:`PART_KINDS`), one record each, keyed so a read
opens only what it shows: a unit's silo row (by unit), a level's heat map (by
level), a community (by number), a unit's communities (by unit), a unit's
exposure to departures (by unit), the risk x impact grid's counts (by unit,
over it and every unit under it; ``""``: everyone), and programme growth
(``months`` and ``mentees``). Two kinds hold the same figures again, ordered
at refresh for the bounded reads of the page and the API, keyed
``<scope>/<rank>`` so that the first N are N keyed look-ups: a level's units
busiest first, each with its cells to the units before it
(``heat_map_units``), and the silo rows of every unit and of each level,
clearest silo first (``silo_order``), and each unit's communities, the unit
split across the most first (``unit_community_order``; communities need no
such copy: numbered largest first, the first N are keys ``0`` to ``N-1``).
One more kind serves the read of one unit's communities: per unit (by unit),
the communities holding people of it and the units under it, and those units
most split first (``communities_under``), so that read is a keyed look-up of
one record, then of the N communities and N unit rows it shows, not of every
unit's row under it. Parts name no person.

Orders (:class:`InsightOrders`) are the people pages list, in the order they
list them, so a page reads its first rows rather than every row.

The state carries the format the whole result was written in
(:data:`INSIGHTS_FORMAT`): a build reads only the formats it knows, and says
plainly when a newer build wrote what is stored (:func:`readable_format`).
"""

from __future__ import annotations

from typing import Any, TypedDict

from netgraph.errors import StoredFormatUnknown

#: The format of what a refresh stores (state, person rows, parts, orders). Raise it whenever a change to
#: these shapes would make an older build misread them: that build then asks for a refresh instead of failing.
INSIGHTS_FORMAT = 1
#: The format of a state stored before formats were written down (it has no ``format``).
UNNUMBERED_FORMAT = 1


def readable_format(state: InsightState) -> InsightState:
    """``state`` if this build can read the result it heads, else :class:`~netgraph.errors.StoredFormatUnknown`
    (a newer build wrote it, or something else did): a refresh by this build replaces it."""
    found: object = state.get("format", UNNUMBERED_FORMAT)
    if found == INSIGHTS_FORMAT:
        return state
    if isinstance(found, int) and not isinstance(found, bool) and found > INSIGHTS_FORMAT:
        said = f"stored insights were written by a newer netgraph (format {found})"
    else:
        said = f"stored insights are in a format this netgraph does not know ({found!r})"
    raise StoredFormatUnknown(f"{said}; run `netgraph insights refresh`")


#: The kinds of stored parts.
PART_KINDS = (
    "silos",
    "heat_map",
    "heat_map_units",
    "silo_order",
    "communities",
    "unit_communities",
    "unit_community_order",
    "communities_under",
    "exposure",
    "impact_grid",
    "growth",
)


class InsightFigures(TypedDict):
    """The small figures every read needs (names no person): when and how the result was computed, and sizes."""

    format: int
    computed_at: str
    mode: str
    sources: int
    seed: int
    people: int
    links: int
    units: int
    levels: int
    thresholds: dict[str, float]
    settings: dict[str, Any]
    hidden_units: int
    nmi: float
    hidden_communities: int
    communities: int
    as_of: str
    departed_since: str
    exposed: int


class InsightState(InsightFigures, total=False):
    """The figures as a refresh saves them, and as the reads of stored insights start from: with the
    store's id of the refresh that saved it (``run``, added by the store), which every read of one page
    names so that they all answer from one result (``InsightsRefreshed`` once it is replaced)."""

    run: str


class CutPiece(TypedDict):
    """A piece of the network a person's leaving cuts off: its size, and its people when it is small (else None)."""

    size: int
    people: list[str] | None


class HeldSeat(TypedDict):
    """A critical position someone holds, and its status (gap, developing, covered)."""

    position: str
    status: str


class ImpactRow(TypedDict):
    """A person's impact of loss, part by part (:func:`netgraph.model.impact.impact_parts`), with flight risk."""

    critical_held: list[HeldSeat]
    sole_ready_now_for: list[str]
    cut_off: int
    sole_links: int
    cut_point: bool
    brokerage_pairs: int
    broker: bool
    active_mentees: int
    succession: int
    network: int
    score: int
    band: str
    flight_risk: str | None
    first_listed: bool


class ExposingTie(TypedDict):
    """A tie that exposes someone to departures: with whom, why, how strong, and when they left (if they did)."""

    person: str
    reason: str
    strength: float
    left_on: str | None


class ExposureRow(TypedDict):
    """Whether a person is exposed to departures, and the ties that make them so."""

    exposed: bool
    via: list[ExposingTie]


class InsightPersonRow(TypedDict):
    """One person's stored insights: measures, Gould-Fernandez counts, labels, cut figures, community, impact,
    exposure, and for an active mentee the distance to each skill they want to grow (else None)."""

    person: str
    unit: str | None
    degree: int
    external: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    coordinator: int
    itinerant: int
    gatekeeper_representative: int
    liaison: int
    labels: list[str]
    overloaded: bool
    cuts_off: list[CutPiece]
    bridges: list[str]
    sole_links: list[list[str]]
    community: int
    impact: ImpactRow
    exposure: ExposureRow
    skill_distances: dict[str, int | None] | None


class SiloRow(TypedDict):
    """A unit's E-I index (with every unit under it) beside its expectation and permutation interval."""

    unit: str
    members: int
    internal: int
    external: int
    ei: float | None
    expected_ei: float | None
    interval: list[float | None]
    adjusted: bool
    parent: str | None


class HeatMapLevel(TypedDict):
    """One level of the unit tree: its units, their active people, and ``[i, j, ties]`` per tied pair."""

    level: int
    units: list[str]
    sizes: list[int]
    ties: list[list[int]]


class HeatMapUnit(TypedDict):
    """A level's unit at its rank by ties (0: the most; a pair's ties count for both units): ``position`` in
    the level's order, its active people, how many units the level ``holds``, and ``[t, i, j, ties]`` for
    each cell it shares with itself or a unit ranked before it (``t``: the cell's place in the level's
    ``ties``, ``i`` and ``j``: positions)."""

    level: int
    rank: int
    position: int
    unit: str
    members: int
    holds: int
    ties: list[list[int]]


class RankedSilo(TypedDict):
    """A silo row at its rank, clearest silo first (``clearest_first``) among ``of`` rows of its scope
    (every unit, or a level's units), with its ``position`` among them in the stored order."""

    rank: int
    of: int
    position: int
    row: SiloRow


class CommunityRow(TypedDict):
    """A community: its size, its people by unit (``[unit, count]``), the rest, the units naming it."""

    community: int
    size: int
    units: list[list[Any]]
    other: int | None
    named_by: list[str]


class UnitCommunities(TypedDict):
    """A unit's people by community (``[community, count]``) and the rest."""

    unit: str
    members: int
    communities: list[list[int]]
    other: int | None


class RankedUnitCommunities(TypedDict):
    """A unit's communities at its rank, the unit split across the most first (``most_split``), among ``of``."""

    rank: int
    of: int
    row: UnitCommunities


class CommunitiesUnder(TypedDict):
    """What the communities of a unit show (the unit with every unit under it, as the tree stood at refresh):
    the communities holding its people, by number (largest first), and its units that have a row beside the
    communities (``unit_communities``), the unit split across the most first (``most_split``)."""

    unit: str
    communities: list[int]
    units: list[str]


class UnitExposure(TypedDict):
    """A unit's active people (with every unit under it) and how many of them are exposed to departures."""

    unit: str
    members: int
    exposed: int


class ImpactGrid(TypedDict):
    """The risk x impact grid of a unit and every unit under it (or of everyone): people per impact band x flight
    risk, per band those with no flight risk recorded, and how many are listed first."""

    grid: dict[str, dict[str, int]]
    unrecorded: dict[str, int]
    first_listed: int


class GrowthMonth(TypedDict):
    """One month of programme growth (:mod:`netgraph.analysis.insights.growth`)."""

    month: str
    new_ties: int
    programme_ties: int
    crossing: int
    unit_pairs: int
    crossing_share: float | None


class MenteeDistances(TypedDict):
    """How many (mentee, wanted skill) pairs lie at each distance from the skill's nearest holder."""

    mentees: int
    pairs: int
    by_distance: dict[str, int]


class InsightParts(TypedDict, total=False):
    """Every part of a refresh, by kind: ``(key, part)`` pairs in the order reads list them."""

    silos: list[tuple[str, SiloRow]]
    heat_map: list[tuple[str, HeatMapLevel]]
    heat_map_units: list[tuple[str, HeatMapUnit]]
    silo_order: list[tuple[str, RankedSilo]]
    communities: list[tuple[str, CommunityRow]]
    unit_communities: list[tuple[str, UnitCommunities]]
    unit_community_order: list[tuple[str, RankedUnitCommunities]]
    communities_under: list[tuple[str, CommunitiesUnder]]
    growth: list[tuple[str, list[GrowthMonth] | MenteeDistances]]
    exposure: list[tuple[str, UnitExposure]]
    impact_grid: list[tuple[str, ImpactGrid]]


class InsightOrders(TypedDict, total=False):
    """The people pages list, ids in the order listed: ``impact`` everyone by the risk x impact grid's listing
    order (:func:`~netgraph.model.impact.listing_order`), ``exposed`` the people exposed by unit, then id."""

    impact: list[str]
    exposed: list[str]
