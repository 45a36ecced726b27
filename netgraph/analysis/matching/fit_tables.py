"""Every pair's fit over a whole round at once: each part as a table (mentees x mentors), then their weighted sum.

Each part is computed from the same definition as the per-pair part in
:mod:`~netgraph.analysis.matching.fit` and gives the very same floats (a
test holds the two equal on generated rounds): sums of whole skill levels are
exact in any order, and each remaining step is the one IEEE operation the
per-pair rule does. Sparse parts (rankings) apply the per-pair rule to the
pairs someone ranked. Reach is a sparse product: the mentors' contacts times
who holds each goal skill at level 3 or above.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
from scipy import sparse

from netgraph.analysis.matching.fit import network_part, rank_score
from netgraph.analysis.matching.inputs import FIT_PARTS, REACH_MIN_LEVEL, MatchSettings, RoundInputs
from netgraph.analysis.matching.table import Numbers, PairTable, levels
from netgraph.model.rules import TOP_SKILL_LEVEL


def wanted(table: PairTable, inputs: RoundInputs) -> tuple[sparse.csr_array, dict[str, int], Numbers]:
    """How many times each mentee lists each goal skill (mentees x skills), the skills' index, and goal counts."""
    skills: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, mentee in enumerate(table.mentees):
        for skill in inputs.members[mentee].wants:
            rows.append(row)
            cols.append(skills.setdefault(skill, len(skills)))
    counts = sparse.csr_array(
        (np.ones(len(rows)), (rows, cols)), shape=(len(table.mentees), len(skills))
    )  # duplicates add up, as the per-pair rule counts a goal listed twice twice
    goals = np.array([len(inputs.members[m].wants) for m in table.mentees], dtype=float)
    return counts, skills, goals


def per_goal(sums: Numbers, goals: Numbers, scale: float) -> Numbers:
    """``sums / (scale * goals)`` row by row; 0 for a mentee with no goals."""
    with np.errstate(invalid="ignore", divide="ignore"):
        sums /= (scale * goals)[:, None]
    sums[goals == 0, :] = 0.0
    return sums


def goal_table(table: PairTable, inputs: RoundInputs) -> Numbers:
    """The recommendation rule's goal fit: the mentor's levels in the mentee's goals over 5 per goal."""
    counts, skills, goals = wanted(table, inputs)
    levels = np.zeros((len(skills), len(table.mentors)))
    for col, mentor in enumerate(table.mentors):
        for skill, level in inputs.members[mentor].skills.items():
            if skill in skills:
                levels[skills[skill], col] = level
    return per_goal(np.asarray(counts @ levels), goals, float(TOP_SKILL_LEVEL))


def level_table(table: PairTable, inputs: RoundInputs, ideal_gap: int) -> Numbers:
    """``1 - min(1, |gap - ideal| / ideal)``; 0 when a level is unknown."""
    gap = levels(table.mentors, inputs.members)[None, :] - levels(table.mentees, inputs.members)[:, None]
    unknown = np.isnan(gap)
    gap -= ideal_gap  # in place, step by step: a round's table is large, and each step is the rule's own
    np.abs(gap, out=gap)
    gap /= ideal_gap
    np.minimum(gap, 1.0, out=gap)
    np.subtract(1.0, gap, out=gap)
    gap[unknown] = 0.0
    return gap


def preference_table(table: PairTable, inputs: RoundInputs) -> Numbers:
    """The mentee's rank score of the mentor, averaged with the mentor's of the mentee where the mentor ranked."""
    mentee_says = np.zeros(table.shape)
    for row, mentee in enumerate(table.mentees):
        ranking = inputs.members[mentee].preferences
        for mentor in ranking:
            if mentor in table.col_of:
                mentee_says[row, table.col_of[mentor]] = rank_score(ranking, mentor)
    for col, mentor in enumerate(table.mentors):
        ranking = inputs.members[mentor].preferences
        if ranking:
            mentor_says = np.zeros(len(table.mentees))
            for mentee in ranking:
                if mentee in table.row_of:
                    mentor_says[table.row_of[mentee]] = rank_score(ranking, mentee)
            mentee_says[:, col] = (mentee_says[:, col] + mentor_says) / 2
    return mentee_says


def network_table(distance: npt.NDArray[np.int8]) -> Numbers:
    """The network part of each pair from its distance table (0: farther than the search, or unconnected)."""
    by_distance = np.array([network_part(d or None) for d in range(int(distance.max(initial=0)) + 1)])
    return by_distance[distance]


def reach_table(table: PairTable, inputs: RoundInputs) -> Numbers:
    """The share of the mentee's goals held at level 3 or above by a contact of the mentor."""
    counts, skills, goals = wanted(table, inputs)
    people: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for col, mentor in enumerate(table.mentors):
        for contact in inputs.contacts.get(mentor, ()):
            if contact in inputs.members:
                rows.append(col)
                cols.append(people.setdefault(contact, len(people)))
    knows = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(table.mentors), len(people)))
    held_rows: list[int] = []
    held_cols: list[int] = []
    for person, at in people.items():
        for skill, level in inputs.members[person].skills.items():
            if skill in skills and level >= REACH_MIN_LEVEL:
                held_rows.append(at)
                held_cols.append(skills[skill])
    holds = sparse.csr_array((np.ones(len(held_rows)), (held_rows, held_cols)), shape=(len(people), len(skills)))
    reached = (knows @ holds).toarray() > 0  # mentors x skills
    return per_goal(np.asarray(counts @ reached.T.astype(float)), goals, 1.0)


def load_table(table: PairTable, inputs: RoundInputs) -> Numbers:
    """``1 / (1 + load)`` of each mentor (one row, for every mentee alike)."""
    return np.array([[1.0 / (1 + inputs.load.get(m, 0)) for m in table.mentors]])


def fit_table(
    table: PairTable, inputs: RoundInputs, settings: MatchSettings, distance: npt.NDArray[np.int8]
) -> Numbers:
    """Every pair's fit: the parts weighed by the normalized weights, summed in :data:`FIT_PARTS` order."""
    weights = settings.normalized_weights()
    makers = {
        "goal": lambda: goal_table(table, inputs),
        "level": lambda: level_table(table, inputs, settings.ideal_gap),
        "preference": lambda: preference_table(table, inputs),
        "network": lambda: network_table(distance),
        "reach": lambda: reach_table(table, inputs),
        "load": lambda: load_table(table, inputs),
    }
    total = np.zeros(table.shape)
    for part in FIT_PARTS:
        weighed = makers[part]()
        if weighed.shape == table.shape:
            weighed *= weights[part]  # in place: the part's table is not needed again
        else:
            weighed = weighed * weights[part]
        total += weighed
    return total


def parts_at(
    table: PairTable, inputs: RoundInputs, settings: MatchSettings, distance: npt.NDArray[np.int8]
) -> Mapping[str, Numbers]:
    """Each part's whole table by name (for tests and small rounds: it holds six tables at once)."""
    return {
        "goal": goal_table(table, inputs),
        "level": level_table(table, inputs, settings.ideal_gap),
        "preference": preference_table(table, inputs),
        "network": network_table(distance),
        "reach": reach_table(table, inputs),
        "load": np.broadcast_to(load_table(table, inputs), table.shape),
    }
