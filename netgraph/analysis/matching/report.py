"""A round from inputs to figures: constraints, fits, the assignment, the baselines and why some are unmatched.

:func:`run_round` is the whole pipeline over plain data; :func:`figures` are
the numbers one assignment is judged by, so the optimal (or stable) matching
and the greedy and random baselines are reported side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from netgraph.analysis.matching import assign, stable
from netgraph.analysis.matching.constraints import all_refusals
from netgraph.analysis.matching.fit import explain, fit_parts, total_fit
from netgraph.analysis.matching.inputs import NETWORK_MAX_HOPS, MatchSettings, RoundInputs
from netgraph.analysis.matching.network import round_distances

Pair = assign.Pair


def pair_fits(
    inputs: RoundInputs, settings: MatchSettings, refused: Mapping[Pair, Mapping[str, str]]
) -> dict[Pair, dict[str, float]]:
    """(mentor, mentee) -> fit parts, for every allowed pair; distances from one search per mentee."""
    distances = round_distances(inputs.mentees, inputs.mentors, inputs.contacts, NETWORK_MAX_HOPS)
    return {
        pair: fit_parts(*pair, inputs, settings, distances.get(pair))
        for pair, reasons in refused.items()
        if not reasons
    }


def figures(
    assignment: Mapping[str, str],
    inputs: RoundInputs,
    fits: Mapping[Pair, float],
    preferences: Mapping[str, tuple[str, ...]],
    locks: Iterable[Pair] = (),
) -> dict[str, Any]:
    """Mentees matched, total and mean fit, the share of pairs crossing units, mentors' load spread, blocking pairs."""
    matched = len(assignment)
    total = assign.total_of(assignment, fits)
    units = {pid: member.unit for pid, member in inputs.members.items()}
    crossing = sum(units.get(mentor) != units.get(mentee) for mentee, mentor in assignment.items())
    per_mentor = Counter(assignment.values())
    loads = [per_mentor.get(mentor, 0) for mentor in inputs.mentors]
    return {
        "matched": matched,
        "mentees": len(inputs.mentees),
        "total_fit": total,
        "mean_fit": total / matched if matched else 0.0,
        "cross_unit_share": crossing / matched if matched else 0.0,
        "mentor_load": {
            "min": min(loads, default=0),
            "max": max(loads, default=0),
            "idle_mentors": sum(load == 0 for load in loads),
        },
        "blocking_pairs": len(stable.blocking_pairs(assignment, inputs.capacity, fits, preferences, locks)),
    }


def why_unmatched(
    mentee: str, inputs: RoundInputs, refused: Mapping[Pair, Mapping[str, str]], assignment: Mapping[str, str]
) -> dict[str, Any]:
    """Why a mentee has no mentor: no mentor passes the constraints (which), or capacity ran out.

    When capacity ran out, ``would_free`` names the constraints that alone refuse a
    mentor who still has a free place: relaxing one of those would free a place.
    """
    refusing = Counter(name for mentor in inputs.mentors for name in refused[(mentor, mentee)])
    allowed = [mentor for mentor in inputs.mentors if not refused[(mentor, mentee)]]
    if not allowed:
        return {"mentee": mentee, "reason": "no mentor passes the constraints", "constraints": dict(refusing)}
    used = Counter(assignment.values())
    free = [mentor for mentor in inputs.mentors if used.get(mentor, 0) < inputs.capacity[mentor]]
    would_free = Counter(
        name for mentor in free for name in refused[(mentor, mentee)] if len(refused[(mentor, mentee)]) == 1
    )
    return {
        "mentee": mentee,
        "reason": "capacity ran out",
        "constraints": dict(refusing),
        "would_free": dict(would_free),
    }


def run_round(
    inputs: RoundInputs,
    settings: MatchSettings,
    *,
    stable_mode: bool = False,
    locks: Iterable[Pair] = (),
    forbids: Iterable[Pair] = (),
    seed: int = 0,
) -> dict[str, Any]:
    """The whole round: proposals with their fit explained, the figures beside the baselines, the unmatched."""
    locks = sorted(set(locks))
    refused = all_refusals(inputs, settings, forbids)
    parts = pair_fits(inputs, settings, refused)
    weights = settings.normalized_weights()
    fits = {pair: total_fit(p, weights) for pair, p in parts.items()}
    preferences = {pid: member.preferences for pid, member in inputs.members.items()}
    if stable_mode:
        chosen = stable.deferred_acceptance(inputs.mentees, inputs.capacity, fits, preferences, locks)
    else:
        chosen = assign.optimal(inputs.mentees, inputs.capacity, fits, locks)
    baselines = {
        "greedy": assign.greedy(inputs.mentees, inputs.capacity, fits, locks),
        "random": assign.random_baseline(inputs.mentees, inputs.capacity, fits, locks, seed),
    }
    locked = set(locks)
    proposals = [
        {
            "mentor": mentor,
            "mentee": mentee,
            "locked": (mentor, mentee) in locked,
            "fit": fits.get((mentor, mentee), 0.0),
            "parts": parts.get((mentor, mentee)),
            "why": explain(parts[(mentor, mentee)], weights) if (mentor, mentee) in parts else ["locked by HR"],
        }
        for mentee, mentor in sorted(chosen.items())
    ]
    return {
        "mode": "stable" if stable_mode else "optimal",
        "proposals": proposals,
        "figures": {
            "chosen": figures(chosen, inputs, fits, preferences, locks),
            **{name: figures(found, inputs, fits, preferences, locks) for name, found in baselines.items()},
        },
        "unmatched": [
            why_unmatched(mentee, inputs, refused, chosen) for mentee in sorted(inputs.mentees) if mentee not in chosen
        ],
    }
