"""A round from inputs to figures: constraints, fits, the assignment, the baselines and why some are unmatched.

:func:`run_round` is the whole pipeline over plain data, on the round's
table (:mod:`~netgraph.analysis.matching.table`): the constraints and the fits
as arrays over every pair, then the assignment. :func:`figures` are the
numbers one assignment is judged by, so the optimal (or stable) matching and
the greedy and random baselines are reported side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from netgraph.analysis.matching import assign, stable
from netgraph.analysis.matching.constraint_tables import allowed_of, refusal_tables
from netgraph.analysis.matching.fit import explain, fit_parts
from netgraph.analysis.matching.fit_tables import fit_table
from netgraph.analysis.matching.inputs import NETWORK_MAX_HOPS, MatchSettings, RoundInputs
from netgraph.analysis.matching.network import distance_table
from netgraph.analysis.matching.table import Mask, Numbers, PairTable

Pair = assign.Pair


def figures(
    assignment: Mapping[int, int],
    table: PairTable,
    inputs: RoundInputs,
    fit: Numbers,
    allowed: Mask,
    ranks: tuple[Mapping[int, Numbers], Mapping[int, Numbers]],
    locks: Iterable[tuple[int, int]] = (),
) -> dict[str, Any]:
    """Mentees matched, total and mean fit, the share of pairs crossing units, mentors' load spread, blocking pairs."""
    matched = len(assignment)
    total = assign.total_in_table(assignment, fit, allowed)
    units = {pid: member.unit for pid, member in inputs.members.items()}
    named = table.named(assignment)
    crossing = sum(units.get(mentor) != units.get(mentee) for mentee, mentor in named.items())
    per_mentor = Counter(named.values())
    loads = [per_mentor.get(mentor, 0) for mentor in inputs.mentors]
    capacity = np.array([inputs.capacity[m] for m in table.mentors])
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
        "blocking_pairs": len(stable.blocking_table(assignment, capacity, allowed, ranks, locks)),
    }


def why_unmatched(row: int, table: PairTable, refused: Mapping[str, Mask], allowed: Mask, free: Mask) -> dict[str, Any]:
    """Why a mentee has no mentor: no mentor passes the constraints (which), or capacity ran out.

    ``free``: the mentors with a place left. When capacity ran out, ``would_free``
    names the constraints that alone refuse a mentor who still has a free place:
    relaxing one of those would free a place.
    """
    mentee = table.mentees[row]
    refusing = {name: int(mask[row].sum()) for name, mask in refused.items() if mask[row].any()}
    if not allowed[row].any():
        return {"mentee": mentee, "reason": "no mentor passes the constraints", "constraints": refusing}
    refusals = sum((mask[row].astype(np.int64) for mask in refused.values()), np.zeros(len(table.mentors), np.int64))
    alone = free & (refusals == 1)
    would_free = {name: int((alone & mask[row]).sum()) for name, mask in refused.items()}
    return {
        "mentee": mentee,
        "reason": "capacity ran out",
        "constraints": refusing,
        "would_free": {name: n for name, n in would_free.items() if n},
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
    """The whole round: proposals with their fit explained, the figures beside the baselines, the unmatched.

    Locked and forbidden pairs are pairs of the round's mentors and mentees.
    """
    table = PairTable.of(inputs.mentees, inputs.mentors)
    refused = refusal_tables(table, inputs, settings, forbids)
    allowed = allowed_of(table, refused)
    distance = distance_table(table, inputs.contacts, NETWORK_MAX_HOPS)
    fit = fit_table(table, inputs, settings, distance)
    weights = settings.normalized_weights()
    ranks = table.ranks({pid: member.preferences for pid, member in inputs.members.items()})
    assigned, left, locked = table.indexed_locks(locks, inputs.capacity)
    rows = range(len(table.mentees))
    if stable_mode:
        chosen = stable.deferred_acceptance_table(fit, allowed, rows, assigned, left, ranks)
    else:
        chosen = assign.optimal_table(fit, allowed, rows, assigned, left)
    baselines = {
        "greedy": assign.greedy_table(fit, allowed, rows, assigned, left),
        "random": assign.random_table(allowed, rows, assigned, left, seed),
    }
    locked_pairs = set(locked)
    proposals = []
    for row, col in sorted(chosen.items()):
        mentor, mentee = table.mentors[col], table.mentees[row]
        parts = (
            fit_parts(mentor, mentee, inputs, settings, int(distance[row, col]) or None) if allowed[row, col] else None
        )
        proposals.append(
            {
                "mentor": mentor,
                "mentee": mentee,
                "locked": (col, row) in locked_pairs,
                "fit": float(fit[row, col]) if allowed[row, col] else 0.0,
                "parts": parts,
                "why": explain(parts, weights) if parts is not None else ["locked by HR"],
            }
        )
    used = np.bincount(np.array(list(chosen.values()), dtype=np.int64), minlength=len(table.mentors))
    free = used < np.array([inputs.capacity[m] for m in table.mentors])
    return {
        "mode": "stable" if stable_mode else "optimal",
        "proposals": proposals,
        "figures": {
            "chosen": figures(chosen, table, inputs, fit, allowed, ranks, locked),
            **{name: figures(found, table, inputs, fit, allowed, ranks, locked) for name, found in baselines.items()},
        },
        "unmatched": [why_unmatched(row, table, refused, allowed, free) for row in rows if row not in chosen],
    }
