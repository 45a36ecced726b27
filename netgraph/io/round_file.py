"""Read a mentoring round's pool: one CSV row per person.

Columns ``person, side`` and, optionally, ``capacity, preferences`` (any order;
more columns are ignored). ``person`` is an id or an email; ``side`` is
``mentee`` or ``mentor``; ``capacity`` (mentors only) is a whole number of
mentees, 1 when empty; ``preferences`` ranks people of the other side, most
wanted first, ``;``-separated (ids or emails). Every problem is one located
line, all reported at once, before anyone is looked up or anything written:
who the people are is checked by :mod:`netgraph.analysis.matching.rounds`.

Examples
--------
>>> split_preferences(" p2; p9 ;;p2 ")
['p2', 'p9']
"""

from __future__ import annotations

from pathlib import Path

from netgraph.errors import InvalidInput, Problem
from netgraph.io.csv_rows import read_located_rows
from netgraph.model.match_rounds import SIDES
from netgraph.model.validate import MAX_PROBLEMS

REQUIRED = ("person", "side")
OPTIONAL = ("capacity", "preferences")
#: The most rows read (two sides of 50,000 people: a round far past any programme's).
MAX_ROWS = 100_000


def split_preferences(text: str) -> list[str]:
    """A ``;``-separated ranking as a list, blanks and repeats dropped (the first place counts)."""
    found: list[str] = []
    for item in (part.strip() for part in text.split(";")):
        if item and item not in found:
            found.append(item)
    return found


def read_round_file(path: str | Path) -> list[dict]:
    """The rows as ``{person, side, capacity, preferences, where}`` (capacity None for mentees), or InvalidInput."""
    return read_located_rows(
        path, required=REQUIRED, optional=OPTIONAL, max_rows=MAX_ROWS, parse_row=_row, skip_blank=True
    )


def _row(cells: dict, where: str, problems: list[Problem]) -> dict | None:
    before = len(problems)
    person, side, capacity_text = cells.get("person", ""), cells.get("side", "").casefold(), cells.get("capacity", "")
    if not person:
        problems.append(Problem(where, "person", "is empty: an id or an email is needed"))
    if side not in SIDES:
        problems.append(Problem(where, "side", f"must be mentee or mentor, not {cells.get('side', '')!r}"))
    capacity: int | None = None
    if side == "mentor":
        try:
            capacity = int(capacity_text) if capacity_text else 1
        except ValueError:
            problems.append(Problem(where, "capacity", f"must be a whole number, not {capacity_text!r}"))
        else:
            if capacity < 1:
                problems.append(Problem(where, "capacity", f"must be at least 1, not {capacity}"))
    elif side == "mentee" and capacity_text:
        problems.append(Problem(where, "capacity", "is for mentors: leave it empty for a mentee"))
    if len(problems) > before:
        return None
    return {
        "person": person,
        "side": side,
        "capacity": capacity,
        "preferences": split_preferences(cells.get("preferences", "")),
        "where": where,
    }


def rows_from_json(items: object, where: str = "pool") -> list[dict]:
    """A pool given as JSON (a list of ``{person, side, capacity, preferences}``) as the rows the CSV gives.

    >>> rows_from_json([{"person": "p1", "side": "mentor", "capacity": 2}])[0]["capacity"]
    2
    """
    if not isinstance(items, list) or not items:
        raise InvalidInput([Problem(where, "", "must be a non-empty list of {person, side, capacity, preferences}")])
    if len(items) > MAX_ROWS:
        raise InvalidInput([Problem(where, "", f"more than {MAX_ROWS} people")])
    problems: list[Problem] = []
    rows = []
    for i, item in enumerate(items):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem(at, "", "must be an object {person, side, capacity, preferences}"))
            continue
        capacity, preferences = item.get("capacity"), item.get("preferences") or []
        cells_ok = isinstance(item.get("person"), str) and isinstance(item.get("side"), str)
        if not cells_ok:
            problems.append(Problem(at, "", "person and side must be text"))
            continue
        if capacity is not None and (isinstance(capacity, bool) or not isinstance(capacity, int)):
            problems.append(Problem(at, "capacity", "must be a whole number"))
            continue
        if not isinstance(preferences, list) or not all(isinstance(p, str) for p in preferences):
            problems.append(Problem(at, "preferences", "must be a list of ids or emails"))
            continue
        cells = {
            "person": item["person"].strip(),
            "side": item["side"].strip(),
            "capacity": "" if capacity is None else str(capacity),
            "preferences": ";".join(preferences),
        }
        row = _row(cells, at, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))
    return rows
