"""The hard constraints over a whole round at once: one boolean table (mentees x mentors) per constraint.

Each table is True where its constraint refuses the pair, and holds exactly
the pairs the per-pair rule in :mod:`~netgraph.analysis.matching.constraints`
refuses (a test holds the two equal on generated rounds): the per-pair rules
say *why* in words, these say *which* for millions of pairs in a blink. Sparse
rules (reporting lines, past mentorships) apply the per-pair rule's own parts
to the few pairs they can touch; the rest compare integer codes.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from netgraph.analysis.matching.constraints import holders_above, mentorship_reason
from netgraph.analysis.matching.inputs import MatchSettings, PastMentorship, RoundInputs
from netgraph.analysis.matching.table import Mask, PairTable, codes, levels

Pair = tuple[str, str]


def reporting_line_table(table: PairTable, inputs: RoundInputs, settings: MatchSettings) -> Mask:
    """Refused where either holds a position above the other's: each position walked up once."""
    refused = np.zeros(table.shape, dtype=bool)
    chains: dict[str, list[str]] = {}
    depth = settings.reporting_line_depth
    for row, mentee in enumerate(table.mentees):
        for boss in holders_above(inputs.members[mentee], inputs, depth, chains):
            if boss in table.col_of:
                refused[row, table.col_of[boss]] = True
    for col, mentor in enumerate(table.mentors):
        for boss in holders_above(inputs.members[mentor], inputs, depth, chains):
            if boss in table.row_of:
                refused[table.row_of[boss], col] = True
    return refused


def level_gap_table(table: PairTable, inputs: RoundInputs, settings: MatchSettings) -> Mask:
    """Refused where the mentor is fewer than ``min_level_gap`` levels above (or a level is unknown)."""
    mentee_level, mentor_level = levels(table.mentees, inputs.members), levels(table.mentors, inputs.members)
    unknown = np.isnan(mentee_level)[:, None] | np.isnan(mentor_level)[None, :]
    with np.errstate(invalid="ignore"):
        short = (mentor_level[None, :] - mentee_level[:, None]) < settings.min_level_gap
    return np.where(unknown, not settings.unknown_level_passes, short)


def existing_mentorship_table(table: PairTable, inputs: RoundInputs, settings: MatchSettings) -> Mask:
    """Refused where the two are, or recently were, in a mentorship: only the pairs a mentorship names."""
    refused = np.zeros(table.shape, dtype=bool)
    between: dict[tuple[int, int], list[PastMentorship]] = {}
    for past in inputs.mentorships:
        for mentor, mentee in ((past.mentor, past.mentee), (past.mentee, past.mentor)):
            if mentor in table.col_of and mentee in table.row_of:
                between.setdefault((table.row_of[mentee], table.col_of[mentor]), []).append(past)
    for (row, col), pasts in between.items():
        refused[row, col] = mentorship_reason(pasts, inputs.today, settings) is not None
    return refused


def other_unit_table(table: PairTable, inputs: RoundInputs, settings: MatchSettings) -> Mask:
    """When set, refused where both are in one unit or either unit is unknown."""
    if not settings.other_unit:
        return np.zeros(table.shape, dtype=bool)
    shared: dict[str, int] = {}
    mentee = codes((inputs.members[i].unit for i in table.mentees), shared)
    mentor = codes((inputs.members[i].unit for i in table.mentors), shared)
    refused: Mask = (mentee[:, None] == mentor[None, :]) | (mentee < 0)[:, None] | (mentor < 0)[None, :]
    return refused


def same_location_table(table: PairTable, inputs: RoundInputs, settings: MatchSettings) -> Mask:
    """When set, refused where the two are in different locations or either location is unknown."""
    if not settings.same_location:
        return np.zeros(table.shape, dtype=bool)
    shared: dict[str, int] = {}
    mentee = codes((inputs.members[i].location for i in table.mentees), shared)
    mentor = codes((inputs.members[i].location for i in table.mentors), shared)
    refused: Mask = (mentee[:, None] != mentor[None, :]) | (mentee < 0)[:, None] | (mentor < 0)[None, :]
    return refused


#: Each constraint's table, under the per-pair rule's name and in its order.
TABLES = {
    "reporting_line": reporting_line_table,
    "level_gap": level_gap_table,
    "existing_mentorship": existing_mentorship_table,
    "other_unit": other_unit_table,
    "same_location": same_location_table,
}


def refusal_tables(
    table: PairTable, inputs: RoundInputs, settings: MatchSettings, forbidden: Iterable[Pair] = ()
) -> dict[str, Mask]:
    """constraint name -> where it refuses, for each constraint refusing some pair (``forbidden``: HR's, last)."""
    found = {name: make(table, inputs, settings) for name, make in TABLES.items()}
    by_hr = np.zeros(table.shape, dtype=bool)
    for mentor, mentee in forbidden:
        if mentor in table.col_of and mentee in table.row_of:
            by_hr[table.row_of[mentee], table.col_of[mentor]] = True
    found["forbidden"] = by_hr
    return {name: refused for name, refused in found.items() if refused.any()}


def allowed_of(table: PairTable, refused: dict[str, Mask]) -> Mask:
    """Where no constraint refuses."""
    allowed = np.ones(table.shape, dtype=bool)
    for refusing in refused.values():
        allowed &= ~refusing
    return allowed
