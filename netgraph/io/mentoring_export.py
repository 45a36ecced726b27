"""Read a mentoring programme's export: one CSV row per mentoring pair.

Columns ``mentor_email, mentee_email, start, end, status`` (any order; more
columns are ignored). Mentoring platforms know people by email, not by
netgraph's ids: ``netgraph sync mentoring`` matches them (ignoring case).
``start`` and ``end`` are ISO dates (``end`` may be empty); ``status`` is
``active`` or ``ended``, and the platforms' usual words for them are taken
too (``ongoing``, ``completed``...). Every problem is one located line, all
reported at once, before anything is matched or written.

Examples
--------
>>> status_of("Completed"), status_of("in progress"), status_of("paused")
('ended', 'active', None)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netgraph.errors import Problem
from netgraph.io.csv_rows import read_located_rows
from netgraph.model.text import shown, text_problem

COLUMNS = ("mentor_email", "mentee_email", "start", "end", "status")
#: The most rows read (a programme of 100,000 pairs is a very large one).
MAX_ROWS = 200_000
_STATUS_WORDS = {
    "active": ("active", "ongoing", "in progress", "in_progress", "open", "matched", "current"),
    "ended": ("ended", "completed", "complete", "closed", "finished", "done", "inactive"),
}


def status_of(text: str) -> str | None:
    """netgraph's status for a platform's word, or None."""
    word = text.strip().casefold()
    return next((status for status, words in _STATUS_WORDS.items() if word in words), None)


def read_mentoring_export(path: str | Path) -> list[dict]:
    """The rows as ``{mentor_email, mentee_email, start, end, status, where}``, or InvalidInput."""
    return read_located_rows(path, required=COLUMNS, max_rows=MAX_ROWS, parse_row=_row, what="the export")


def _row(cells: dict, where: str, problems: list[Problem]) -> dict | None:
    before = len(problems)
    for column in ("mentor_email", "mentee_email"):
        value = cells.get(column, "")
        problem = (
            "is required"
            if not value
            else text_problem(value) or (f"{shown(value)} is not an email address" if "@" not in value else None)
        )
        if problem:
            problems.append(Problem(where, column, problem))
    for column in ("start", "end"):
        value = cells.get(column, "")
        if not value:
            if column == "start":
                problems.append(Problem(where, column, "is required"))
            continue
        try:
            date.fromisoformat(value)
            if len(value) != 10:
                raise ValueError
        except ValueError:
            problems.append(Problem(where, column, f"{shown(value)} is not an ISO 8601 date (YYYY-MM-DD)"))
    status = status_of(cells.get("status", ""))
    if status is None:
        problems.append(
            Problem(
                where,
                "status",
                f"{shown(cells.get('status', ''))} is not a status "
                "(active or ended, or a word for them such as completed)",
            )
        )
    if len(problems) > before:
        return None
    return {
        "mentor_email": cells["mentor_email"],
        "mentee_email": cells["mentee_email"],
        "start": cells["start"],
        "end": cells.get("end") or None,
        "status": status,
        "where": where,
    }
