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

import csv
from datetime import date
from pathlib import Path

from netgraph.errors import InvalidInput, Problem
from netgraph.model.text import shown, text_problem
from netgraph.model.validate import MAX_PROBLEMS

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
    path = Path(path)
    problems: list[Problem] = []
    rows: list[dict] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, strict=True)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in COLUMNS if c not in header]
            if not header:
                raise InvalidInput(
                    [Problem(path.name, "", "empty file: a header row is needed (" + ", ".join(COLUMNS) + ")")]
                )
            if missing:
                raise InvalidInput([Problem(f"{path.name} line 1", c, "missing column") for c in missing])
            reader.fieldnames = header
            for raw in reader:
                where = f"{path.name} line {reader.line_num}"
                if len(rows) >= MAX_ROWS:
                    problems.append(Problem(where, "", f"more than {MAX_ROWS} rows"))
                    break
                row = _row({k: (v or "").strip() for k, v in raw.items() if k in COLUMNS}, where, problems)
                if row is not None:
                    rows.append(row)
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), "", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(path.name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    except csv.Error as exc:
        problems.append(Problem(path.name, "", f"malformed CSV: {exc}"))
    if not rows and not problems:
        problems.append(Problem(path.name, "", "no rows: the export has only its header"))
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))
    return rows


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
