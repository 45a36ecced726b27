"""Every scoring and status rule of netgraph, defined once, with the frozen settings they need.

Why one module: each rule runs in two places, the embedded engine (Python
over networkx) and Neo4j (a Cypher statement in ``cypher/``), and both
stores must give the same answers to 1e-9. So the analysis layer and the
embedded engine call these functions, and each Cypher twin marks its copy of
a rule between ``// rule: NAME`` and ``// end rule`` comments;
``tests/unit/test_rule_twins.py`` checks that every twin names the same
components in the same order, and the contract suite checks the numbers.

Sums add their terms in the order the constants below list them (as Cypher
does), so floating-point results agree to the last bit.

The rules:

recommendations
    plausibility: :func:`plausibility_term` (summed over common contacts) and
    :func:`plausibility_floor`; value: :func:`goal_fit`, :func:`new_reach`,
    :func:`seniority_fit`, :func:`fairness`, combined by :func:`value`; the
    introducer: :func:`track_record`, :func:`introducer_term`; and
    :func:`recommendation_score`, over :class:`RecommendSettings`. Goal fit,
    seniority fit, fairness, value and the score are computed in Python on
    both stores (over the raw rows a store returns): they have no Cypher twin.
succession pipeline
    :func:`skill_share`, :func:`mentorship_closeness`, :func:`level_fit`,
    :func:`pipeline_score`, over :class:`PipelineWeights`.
position status and flags
    :func:`position_status`, :func:`is_vacant`, :func:`has_flight_risk`,
    :func:`is_thin`, :func:`has_shared_cover`, :func:`is_cascade`.
org-unit rollups
    :func:`bench_strength` (computed in Python over the position rows on
    both stores: it has no Cypher twin).

Examples
--------
>>> w = RecommendSettings().normalized_weights()
>>> worth = value({"goal_fit": 0.4, "new_reach": 0.0, "seniority_fit": 1.0, "fairness": 1.0}, w)
>>> round(worth, 6), recommendation_score(1.5, 3.0, worth, 2.0)
(0.6125, 0.403125)
>>> position_status(["ready_1_2_years"]), position_status([])
('developing', 'gap')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from netgraph.model.learned import LearnedPlausibility

# -- recommendations ---------------------------------------------------------------------------

#: The value components, in the order they are summed (goal fit, new reach, seniority fit, fairness).
VALUE: tuple[str, ...] = ("goal_fit", "new_reach", "seniority_fit", "fairness")
#: The terms that choose a candidate's introducer, in the order they are summed.
INTRODUCER: tuple[str, ...] = ("tie_strength", "track_record")
#: Every weight a recommendation has: the value weights, then the introducer's.
WEIGHTED: tuple[str, ...] = (*VALUE, *INTRODUCER)
#: Every component a recommendation reports: plausibility and the plain Adamic-Adar index, then the rest.
COMPONENTS: tuple[str, ...] = ("plausibility", "adamic_adar", *VALUE, *INTRODUCER)
#: seniority_fit by (candidate level - person level).
SENIORITY_STEPS: tuple[tuple[float, tuple[int, ...]], ...] = ((1.0, (1, 2, 3)), (0.5, (0, 4)))
#: A skill level counts out of this much.
TOP_SKILL_LEVEL = 5.0
#: Introduction outcomes are rated 1..5; a neutral pseudo-rating counts as this on the 0-1 scale.
NEUTRAL_OUTCOME = 0.5
#: The plausibility floor is lowered by this share, so that sums added in another order cannot cross it.
FLOOR_MARGIN = 1e-9


@dataclass(frozen=True)
class RecommendSettings:
    """Settings of a recommendation: the value weights, the band, the introducer weights and constants.

    A recommendation is *plausible first*: candidates are ordered by
    :func:`plausibility_term` summed over common contacts, and value (goal fit,
    new reach, seniority fit, fairness) re-orders only candidates of
    comparable plausibility (:func:`recommendation_score`).

    value_band
        How far value reaches (at least 1): a candidate is never ranked above
        one more than ``value_band`` times as plausible. 1 ranks by
        plausibility alone.
    goal_fit, new_reach, seniority_fit, fairness
        Relative weights of the value components (:func:`value`): "the
        candidate has the skills the person wants to grow", "works in an org
        unit where the person knows no one", "is 1-3 levels above", "has not
        been introduced a lot lately". All 0: plausibility alone.
    tie_strength, track_record
        Relative weights that choose each candidate's introducer
        (:func:`introducer_term`): how well the introducer knows the
        candidate, and the introducer's past introduction outcomes.
    fairness_scale
        Introductions in the window that halve the fairness component:
        ``fairness = 1 / (1 + n / fairness_scale)``.
    fairness_window_days
        How far back introductions count against a candidate.
    mentor_tie_strength
        The strength a MENTORS link counts as (a KNOWS link carries its own).
    track_record_prior
        Pseudo-count of neutral (3/5) outcomes every introducer starts with, so
        one lucky introduction does not make a star.
    missing_strength
        What a KNOWS link whose strength was never given counts as
        (:func:`link_strength`), in plausibility, in the choice of introducer
        and in warm paths: the middle of the scale, so that a missing strength
        neither lifts nor sinks anyone (with every strength missing, plausibility
        is Adamic-Adar scaled by a constant). Such a link is stored as missing
        (null), not as this number.
    min_history_pairs
        Fewest candidate pairs that became ties a fit of how ties form here
        (``evaluate --fit --from-history``) needs; with fewer, the fit says
        how much history it found and the default formula stays.
    new_unit_place
        Keep the last of the first ``limit`` places for a candidate in an org
        unit where the person knows no one, when none is shown and the best
        such candidate is at least this share as plausible as the most
        plausible (:func:`with_new_unit_place`); 0: no place kept. A learned
        plausibility may keep every suggestion in the person's own unit.
    plausibility
        The learned plausibility (:mod:`netgraph.model.learned`), from the
        ``[plausibility]`` table of the settings file; None: the default
        formula (:func:`plausibility_term`).

    >>> RecommendSettings(goal_fit=0.5).normalized_weights()["goal_fit"] > 0.35
    True
    """

    value_band: float = 2.0
    goal_fit: float = 0.35
    new_reach: float = 0.10
    seniority_fit: float = 0.15
    fairness: float = 0.20
    tie_strength: float = 0.20
    track_record: float = 0.05
    fairness_scale: float = 3.0
    fairness_window_days: int = 90
    mentor_tie_strength: float = 0.9
    track_record_prior: float = 2.0
    missing_strength: float = 0.5
    min_history_pairs: int = 50
    new_unit_place: float = 0.0
    plausibility: LearnedPlausibility | None = None

    def normalized_weights(self) -> dict[str, float]:
        """The weights scaled to sum to 1, in :data:`WEIGHTED` order (all 0: all 0)."""
        total = sum(getattr(self, name) for name in WEIGHTED)
        return {name: getattr(self, name) / total if total else 0.0 for name in WEIGHTED}


def link_strength(stored: float | None, missing: float) -> float:
    """A KNOWS link's strength as the analyses use it: the stored one, or ``missing`` if it was never given.

    >>> link_strength(0.8, 0.5), link_strength(None, 0.5)
    (0.8, 0.5)
    """
    return missing if stored is None else stored


def plausibility_term(person_tie: float, candidate_tie: float, degree: int) -> float:
    """What one common contact z adds to a candidate's plausibility: a strength-weighted Adamic-Adar term.

    ``person_tie``: the person's link to z, ``candidate_tie``: z's link to the
    candidate (each the strongest link between the two: a KNOWS link's
    strength, a mentorship ``mentor_tie_strength``); ``degree``: z's number of
    contacts. Like a warm path, a two-link path is as strong as the product of
    its links; like Adamic-Adar, a contact who knows everyone says little.
    With every strength 1 the sum is the Adamic-Adar index.

    >>> round(plausibility_term(0.8, 0.5, 3), 6), plausibility_term(0.0, 0.9, 2)
    (0.364096, 0.0)
    """
    return person_tie * candidate_tie / math.log(degree)


def plausibility_floor(plausibilities: Sequence[float], limit: int, band: float, new_unit_place: float = 0.0) -> float:
    """The least plausibility that can still reach the first ``limit`` places (``plausibilities`` descending).

    Value lifts a score at most ``band`` times, so a candidate less plausible
    than the ``limit``-th over ``band`` is beaten by at least ``limit`` others.
    With ``new_unit_place`` above 0, a candidate ``new_unit_place`` times as
    plausible as the first may still take the place kept for a new unit
    (:func:`with_new_unit_place`), so the floor goes no higher than that.
    A store may leave out everyone below the floor; fewer than ``limit``
    candidates: nobody is left out.

    >>> plausibility_floor([4.0, 3.0, 1.0], 2, 2.0) < 1.5 < plausibility_floor([4.0, 3.0, 1.0], 2, 2.0) + 1e-6
    True
    >>> plausibility_floor([4.0], 2, 2.0), round(plausibility_floor([4.0, 3.0, 1.0], 2, 2.0, 0.1), 6)
    (0.0, 0.4)
    """
    if len(plausibilities) < limit:
        return 0.0
    least = plausibilities[limit - 1] / band
    if new_unit_place > 0.0:
        least = min(least, plausibilities[0] * new_unit_place)
    return least * (1.0 - FLOOR_MARGIN)


def log_floor_shifts(band: float, new_unit_place: float = 0.0) -> dict[str, float]:
    """The constants of :func:`log_odds_floor`, computed once per request: ``log(band)``, ``log(new_unit_place)``
    (0 when the place is off) and ``log(1 - FLOOR_MARGIN)``. The Neo4j store passes them to its twin.

    >>> {k: round(v, 12) for k, v in log_floor_shifts(2.0, 0.0).items()}
    {'log_band': 0.69314718056, 'log_place': 0.0, 'log_margin': -1e-09}
    """
    return {
        "log_band": math.log(band),
        "log_place": math.log(new_unit_place) if new_unit_place > 0.0 else 0.0,
        "log_margin": math.log1p(-FLOOR_MARGIN),
    }


def log_odds_floor(log_odds: Sequence[float], limit: int, band: float, new_unit_place: float = 0.0) -> float:
    """:func:`plausibility_floor` on the log side, for a learned plausibility (``log_odds`` descending).

    The learned plausibility is ``exp`` of the model's log-odds; comparing the floor on the log side
    spares ``exp`` for every candidate below it. ``odds / band`` becomes ``log_odds - log(band)``,
    ``odds * new_unit_place`` becomes ``log_odds + log(new_unit_place)``, and the margin
    ``* (1 - FLOOR_MARGIN)`` becomes ``+ log(1 - FLOOR_MARGIN)`` (about ``-1e-9``: log-odds at 10k people
    lie within about ``-10..5``, where rounding is near ``1e-15``, so sums added in another order still
    cannot cross it). Only a candidate within rounding of the floor can be kept on one side and not the
    other, and the floor lies the margin below the least plausibility that can reach the first ``limit``
    places or the place kept for a new unit, so who is shown is the same. Fewer than ``limit``
    candidates: nobody is left out (``-inf``).

    >>> import math
    >>> log_odds_floor([math.log(4.0), math.log(3.0), 0.0], 2, 2.0) < math.log(1.5)
    True
    >>> log_odds_floor([math.log(4.0)], 2, 2.0), round(math.exp(log_odds_floor([math.log(4.0), 1.0], 2, 2.0, 0.1)), 6)
    (-inf, 0.4)
    """
    if len(log_odds) < limit:
        return -math.inf
    shifts = log_floor_shifts(band, new_unit_place)
    if new_unit_place > 0.0 and log_odds[0] + shifts["log_place"] < log_odds[limit - 1] - shifts["log_band"]:
        return log_odds[0] + shifts["log_place"] + shifts["log_margin"]
    return log_odds[limit - 1] - shifts["log_band"] + shifts["log_margin"]


def with_new_unit_place(ranked: Sequence[dict[str, Any]], limit: int, place: float) -> list[dict[str, Any]]:
    """``ranked`` (best first) with place ``limit`` kept for a candidate in a new unit, when one is plausible enough.

    When none of the first ``limit`` has ``components["new_reach"]``, the
    first candidate below them who has it and is at least ``place`` times as
    plausible as the most plausible candidate moves up to place ``limit``;
    everyone else keeps their order. ``place`` 0: ``ranked`` unchanged. (The
    candidates a store leaves out below :func:`plausibility_floor` never
    qualify, so both stores keep the same place.)

    >>> rows = [{"id": i, "plausibility": p, "components": {"new_reach": n}}
    ...         for i, p, n in ((1, 1.0, 0.0), (2, 0.8, 0.0), (3, 0.5, 1.0))]
    >>> [r["id"] for r in with_new_unit_place(rows, 2, 0.4)], [r["id"] for r in with_new_unit_place(rows, 2, 0.6)]
    ([1, 3, 2], [1, 2, 3])
    """
    out = list(ranked)
    if place <= 0.0 or len(out) <= limit or any(r["components"]["new_reach"] for r in out[:limit]):
        return out
    top = max(r["plausibility"] for r in out)
    for k in range(limit, len(out)):
        if out[k]["components"]["new_reach"] and out[k]["plausibility"] >= top * place:
            out.insert(limit - 1, out.pop(k))
            break
    return out


def goal_fit(goal_skills: Sequence[Sequence[Any]], goals: Sequence[str]) -> float:
    """How much of what the person wants to grow the candidate has, by level.

    ``goal_skills``: ``[skill, level]`` pairs of the candidate, for the goals only.

    >>> goal_fit([["negotiation", 4]], ["negotiation", "pricing"])
    0.4
    >>> goal_fit([], [])
    0.0
    """
    if not goals:
        return 0.0
    total = 0.0
    for _, level in goal_skills:
        total += level
    return total / (TOP_SKILL_LEVEL * len(goals))


def seniority_fit(candidate_level: int | None, person_level: int | None) -> float:
    """How well the candidate's seniority suits the person: 1-3 levels above is best.

    >>> [seniority_fit(level, 4) for level in (3, 4, 5, 7, 8, 9)]
    [0.0, 0.5, 1.0, 1.0, 0.5, 0.0]
    >>> seniority_fit(None, 4)
    0.0
    """
    if candidate_level is None or person_level is None:
        return 0.0
    gap = candidate_level - person_level
    for value, gaps in SENIORITY_STEPS:
        if gap in gaps:
            return value
    return 0.0


def new_reach(candidate_unit: str | None, reached_units: Iterable[str | None]) -> float:
    """1 when the candidate works in an org unit the person has no contact in (nor works in).

    >>> new_reach("u-sales", {"u-eng"}), new_reach("u-eng", {"u-eng"}), new_reach(None, set())
    (1.0, 0.0, 0.0)
    """
    return 1.0 if candidate_unit is not None and candidate_unit not in reached_units else 0.0


def fairness(recent_introductions: int, scale: float) -> float:
    """Down-weight candidates introduced to many people lately, so nobody gets flooded.

    >>> fairness(0, 3.0), fairness(3, 3.0), fairness(9, 3.0)
    (1.0, 0.5, 0.25)
    """
    return 1.0 / (1.0 + recent_introductions / scale)


def track_record(outcomes: Sequence[int], prior: float) -> float:
    """An introducer's mean rated outcome on a 0-1 scale, with ``prior`` neutral pseudo-ratings.

    >>> track_record([], 2.0), track_record([5, 5], 2.0), track_record([1], 0.0)
    (0.5, 0.75, 0.0)
    """
    total = 0.0
    for outcome in outcomes:
        total += (outcome - 1) / 4.0
    return (total + prior * NEUTRAL_OUTCOME) / (len(outcomes) + prior)


def introducer_term(tie_strength: float, track: float, w: Mapping[str, float]) -> float:
    """What picks a candidate's introducer among those who know them: the highest term wins.

    >>> introducer_term(0.8, 0.5, {"tie_strength": 0.2, "track_record": 0.05})
    0.185
    """
    return round(w["tie_strength"] * tie_strength + w["track_record"] * track, 12)


def value(parts: Mapping[str, float], w: Mapping[str, float]) -> float:
    """The weighted mean of the value components, in [0, 1] (0 when every value weight is 0).

    Summed in :data:`VALUE` order.

    >>> value({"goal_fit": 1.0, "new_reach": 0.0, "seniority_fit": 0.5, "fairness": 1.0},
    ...       {"goal_fit": 0.4, "new_reach": 0.2, "seniority_fit": 0.2, "fairness": 0.2})
    0.7
    """
    total = weights = 0.0
    for name in VALUE:
        total += w[name] * parts[name]
        weights += w[name]
    return total / weights if weights > 0 else 0.0


def recommendation_score(plausibility: float, top: float, worth: float, band: float) -> float:
    """The score in [0, 1]: plausibility relative to the most plausible candidate, times a value factor.

    ``score = plausibility / top * (1 / band + (1 - 1 / band) * value)``, with
    ``top`` the highest plausibility among the person's candidates. The value
    factor lies in [1 / band, 1], so value re-orders only candidates whose
    plausibilities are at most ``band`` times apart: it never lifts anyone
    above a candidate more than ``band`` times as plausible. ``top`` 0 (every path runs
    through a tie of strength 0): every score is 0.

    >>> recommendation_score(2.0, 4.0, 1.0, 2.0), recommendation_score(4.0, 4.0, 0.0, 2.0)
    (0.5, 0.5)
    """
    if top <= 0:
        return 0.0
    floor = 1.0 / band
    return round(plausibility / top * (floor + (1.0 - floor) * worth), 12)


# -- the succession pipeline -------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineWeights:
    """Weights of a pipeline suggestion's score, in summing order.

    skills
        share of the position's required skills the person has, by level;
    mentorship
        how close the mentorship is (:func:`mentorship_closeness`);
    level
        how near the person's level is (:func:`level_fit`).
    """

    skills: float = 0.6
    mentorship: float = 0.25
    level: float = 0.15

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: The pipeline score's components, in summing order.
PIPELINE_COMPONENTS: tuple[str, ...] = tuple(f.name for f in fields(PipelineWeights))
#: mentorship_closeness factors: (by the incumbent, by another leader of the unit), (active, ended).
CLOSENESS_BY = (1.0, 0.5)
CLOSENESS_STATUS = (1.0, 0.8)
#: level_fit by levels below the position: one below, two below.
LEVEL_FIT = (1.0, 0.5)


def skill_share(skills: Sequence[Sequence[Any]], required_count: int) -> float:
    """The person's levels in the position's required skills over 5 x their number.

    >>> skill_share([["sales", 4], ["negotiation", 3]], 2)
    0.7
    """
    if not required_count:
        return 0.0
    total = 0.0
    for _, level in skills:
        total += level
    return total / (TOP_SKILL_LEVEL * required_count)


def mentorship_closeness(by_incumbent: bool, status: str) -> float:
    """1 when mentored by the incumbent, 0.5 by another leader of the unit; x 0.8 once ended.

    >>> mentorship_closeness(True, "active"), mentorship_closeness(False, "ended")
    (1.0, 0.4)
    """
    return (CLOSENESS_BY[0] if by_incumbent else CLOSENESS_BY[1]) * (
        CLOSENESS_STATUS[0] if status == "active" else CLOSENESS_STATUS[1]
    )


def level_fit(position_level: int, person_level: int) -> float:
    """1 for one level below the position, 0.5 for two (others are not suggested).

    >>> level_fit(6, 5), level_fit(6, 4)
    (1.0, 0.5)
    """
    return LEVEL_FIT[0] if position_level - person_level == 1 else LEVEL_FIT[1]


def pipeline_score(parts: Mapping[str, float], w: PipelineWeights) -> float:
    """The suggestion's score, summed in :data:`PIPELINE_COMPONENTS` order.

    ``parts``: ``skills`` (the skill share), ``mentorship`` (closeness), ``level`` (level fit).

    >>> pipeline_score({"skills": 0.7, "mentorship": 1.0, "level": 1.0}, PipelineWeights())
    0.82
    """
    weights = w.as_dict()
    total = 0.0
    for name in PIPELINE_COMPONENTS:
        total += weights[name] * parts[name]
    return round(total, 12)


# -- position status and flags -----------------------------------------------------------------

#: The statuses in the order the rule tests them: a ready-now successor, any successor, none.
STATUSES: tuple[str, ...] = ("covered", "developing", "gap")
#: The flags of a position, in the order reports list them.
FLAGS: tuple[str, ...] = ("vacant", "flight_risk", "thin", "shared_cover", "cascade")
READY_NOW = "ready_now"


def position_status(readiness: Iterable[str]) -> str:
    """``covered`` with a ready-now successor, ``developing`` with only later ones, else ``gap``.

    ``readiness``: of the counted nominations (the nominee does not hold the
    position and is not leaving).

    >>> position_status(["ready_3_plus_years", "ready_now"])
    'covered'
    """
    found = list(readiness)
    if READY_NOW in found:
        return STATUSES[0]
    return STATUSES[1] if found else STATUSES[2]


def is_vacant(holders: Sequence[str]) -> bool:
    """No incumbent (leavers taken out).

    >>> is_vacant([]), is_vacant(["p1"])
    (True, False)
    """
    return len(holders) == 0


def has_flight_risk(holder_risks: Iterable[str | None]) -> bool:
    """An incumbent's flight risk is high.

    >>> has_flight_risk(["low", "high"]), has_flight_risk([None])
    (True, False)
    """
    return any(risk == "high" for risk in holder_risks)


def is_thin(nominations: Sequence[Any]) -> bool:
    """Exactly one counted successor: one resignation from a gap.

    >>> is_thin(["p1"]), is_thin(["p1", "p2"])
    (True, False)
    """
    return len(nominations) == 1


def has_shared_cover(ready_also_ready_elsewhere: Sequence[bool]) -> bool:
    """Every ready-now successor is also ready now for another critical position (cover counted twice).

    ``ready_also_ready_elsewhere``: one boolean per ready-now successor.

    >>> has_shared_cover([True, True]), has_shared_cover([True, False]), has_shared_cover([])
    (True, False, False)
    """
    return len(ready_also_ready_elsewhere) > 0 and all(ready_also_ready_elsewhere)


def is_cascade(ready_holds_critical_gap: Sequence[bool]) -> bool:
    """A ready-now successor holds a critical position that is itself a gap.

    ``ready_holds_critical_gap``: one boolean per ready-now successor.

    >>> is_cascade([False, True]), is_cascade([])
    (True, False)
    """
    return len(ready_holds_critical_gap) > 0 and any(ready_holds_critical_gap)


def bench_strength(critical: int, critical_covered: int) -> float | None:
    """Covered critical positions over critical positions; None ("n/a") without critical positions.

    >>> bench_strength(4, 3), bench_strength(0, 0)
    (0.75, None)
    """
    return critical_covered / critical if critical else None
