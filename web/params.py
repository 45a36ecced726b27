"""Reading a request's parameters and JSON body: a mistake is a 422 that names the field.

Flask's ``request.args.get(name, type=int)`` quietly falls back to the
default on ``?limit=abc``, and ``request.get_json(silent=True) or {}`` turns
a JSON list into a crash later on; the helpers here refuse both clearly.
A body is read by netgraph's one JSON reader (:mod:`netgraph.model.json_text`:
no NaN, no duplicate keys, no half surrogate pairs, at most 32 deep), and
ids and texts in it follow the same rules and limits as an import
(:mod:`netgraph.model.text`, :mod:`netgraph.model.limits`). A body larger
than ``MAX_CONTENT_LENGTH`` is a 413 before any of this.

>>> from werkzeug.datastructures import MultiDict
>>> whole_number(MultiDict({"limit": "7"}), "limit", 10), whole_number(MultiDict(), "limit", 10)
(7, 10)
>>> flag(MultiDict({"critical_only": "yes"}), "critical_only")
True
"""

from __future__ import annotations

from datetime import date

from flask import request

from netgraph.errors import InvalidInput, Problem
from netgraph.model.json_text import read_json
from netgraph.model.limits import LIST_MAX, MULTILINE_FIELDS
from netgraph.model.text import check_id, check_text, id_problem, shown
from netgraph.model.validate import is_iso_date

TRUE_WORDS = ("1", "true", "on", "yes")
FALSE_WORDS = ("", "0", "false", "off", "no")


def refuse(field: str, message: str, where: str = "request") -> InvalidInput:
    return InvalidInput([Problem(where, field, message)])


def whole_number(args, name: str, default: int | None) -> int | None:
    """Query parameter ``name`` as an int (``default`` when absent or empty)."""
    value = args.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise refuse(name, f"{value!r} is not a whole number") from None


def flag(args, name: str) -> bool:
    """Query parameter ``name`` as a yes/no (absent: no)."""
    value = args.get(name, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise refuse(name, f"{value!r} is not one of: {', '.join(TRUE_WORDS + FALSE_WORDS[1:])}")


def required(args, name: str) -> str:
    value = args.get(name, "").strip()
    if not value:
        raise refuse(name, "required")
    return value


def json_object() -> dict:
    """The JSON body, which must be an object (no body at all counts as ``{}``)."""
    data = request.get_data()  # beyond MAX_CONTENT_LENGTH: 413
    if not data:
        return {}
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse("", f"not UTF-8 text ({exc.reason} at byte {exc.start})", where="request body") from None
    body = read_json(text, "request body")
    if not isinstance(body, dict):
        raise refuse("", "the body must be a JSON object", where="request body")
    return body


def id_list(body: dict, name: str) -> list[str]:
    """A body field that must be a non-empty list of ids (at most ``LIST_MAX[name]``)."""
    return ids_up_to(body, name, LIST_MAX[name])


def an_id(data, name: str, *, required: bool = True) -> str | None:
    """A body or form field that must be one id (absent or empty: None, unless ``required``).

    >>> an_id({"to": "p084"}, "to"), an_id({}, "by", required=False)
    ('p084', None)
    """
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise refuse(name, "required", where="request body")
        return None
    return check_id(value, name, where="request body")


def text(data, name: str) -> str | None:
    """A body or form field that must be text within its limit (absent or empty: None).

    >>> text({"note": "they both run marathons"}, "note")
    'they both run marathons'
    """
    value = data.get(name)
    if value is None or value == "":
        return None
    return check_text(value, name, name, where="request body", multiline=name in MULTILINE_FIELDS)


def boolean(body: dict, name: str) -> bool:
    """A body field that must be true or false when present (absent: false)."""
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise refuse(name, f"{shown(value)} is not true or false", where="request body")
    return value


def a_date(data, name: str, *, default: date | None = None) -> date | None:
    """A body or form field that must be a day, ``YYYY-MM-DD`` (absent or empty: ``default``).

    >>> a_date({"on": "2026-03-31"}, "on"), a_date({}, "on", default=date(2026, 1, 2))
    (datetime.date(2026, 3, 31), datetime.date(2026, 1, 2))
    >>> a_date({"on": "31/03/2026"}, "on")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request body, field 'on': '31/03/2026' is not a date (YYYY-MM-DD)
    """
    value = data.get(name)
    if value is None or value == "":
        return default
    if not isinstance(value, str) or not is_iso_date(value):
        raise refuse(name, f"{shown(value)} is not a date (YYYY-MM-DD)", where="request body")
    return date.fromisoformat(value)


def choice(data, name: str, choices: tuple[str, ...]) -> str:
    """A body or form field that must be one of ``choices`` (required).

    >>> choice({"readiness": "ready_now"}, "readiness", ("ready_now", "ready_1_2_years"))
    'ready_now'
    """
    value = data.get(name)
    if value is None or value == "":
        raise refuse(name, "required: one of " + ", ".join(choices), where="request body")
    if value not in choices:
        raise refuse(name, f"{shown(value)} is not one of: " + ", ".join(choices), where="request body")
    return value


def yes_or_no(data, name: str, *, form: bool) -> bool:
    """A required yes/no field: JSON true or false in a body, a word of :func:`flag` in a form.

    >>> yes_or_no({"open_to_intros": False}, "open_to_intros", form=False)
    False
    >>> from werkzeug.datastructures import MultiDict
    >>> yes_or_no(MultiDict({"open_to_intros": "yes"}), "open_to_intros", form=True)
    True
    """
    if data.get(name) is None or (form and data.get(name) == ""):
        raise refuse(name, "required: true or false", where="request body")
    if form:
        return flag(data, name)
    value = data[name]
    if not isinstance(value, bool):
        raise refuse(name, f"{shown(value)} is not true or false", where="request body")
    return value


def bounded(data, name: str, low: int, high: int, *, form: bool) -> int:
    """A required whole number from ``low`` to ``high``: JSON an integer in a body, text of digits in a form.

    >>> bounded({"per_person": 3}, "per_person", 1, 10, form=False)
    3
    >>> from werkzeug.datastructures import MultiDict
    >>> bounded(MultiDict({"per_person": "11"}), "per_person", 1, 10, form=True)
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request body, field 'per_person': must be a whole number from 1 to 10, not 11
    """
    value = data.get(name)
    if value is None or value == "":
        raise refuse(name, f"required: a whole number from {low} to {high}", where="request body")
    if form:
        try:
            value = int(value.strip())
        except ValueError:
            raise refuse(name, f"{shown(value)} is not a whole number", where="request body") from None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise refuse(name, f"must be a whole number from {low} to {high}, not {shown(value)}", where="request body")
    return value


def ids_up_to(body: dict, name: str, most: int) -> list[str]:
    """A body field that must be a non-empty list of at most ``most`` ids (:func:`id_list` with a limit of its own).

    >>> ids_up_to({"people": ["p033", "p036"]}, "people", 5)
    ['p033', 'p036']
    >>> ids_up_to({"people": ["p1", "p2", "p3"]}, "people", 2)
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request body, field 'people': 3 items, more than the limit of 2
    """
    value = body.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise refuse(name, 'give a non-empty list of ids, e.g. ["p099"]', where="request body")
    return _within(name, value, most, "items")


def pasted_ids(data, name: str, most: int) -> list[str]:
    """A form field of ids pasted one a line or comma-separated (spaces also part them); empty: ``[]``.

    >>> from werkzeug.datastructures import MultiDict
    >>> pasted_ids(MultiDict({"people": "p033\\r\\np036, p013,,\\n"}), "people", 5)
    ['p033', 'p036', 'p013']
    >>> pasted_ids(MultiDict({"people": "p1 p2 p3"}), "people", 2)
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request body, field 'people': 3 ids, more than the limit of 2
    """
    value = data.get(name) or ""
    return _within(name, value.replace(",", " ").split(), most, "ids")


def _within(name: str, ids: list[str], most: int, what: str) -> list[str]:
    """``ids`` if there are at most ``most`` and each follows the id rule; else a 422 naming ``name``."""
    if len(ids) > most:
        raise refuse(name, f"{len(ids)} {what}, more than the limit of {most}", where="request body")
    for item in ids:
        problem = id_problem(item)
        if problem:
            raise refuse(name, problem, where="request body")
    return ids


def id_records(body: dict, name: str, fields: tuple[str, ...], most: int) -> list[dict[str, str]]:
    """A body field that must be a non-empty list of at most ``most`` objects, each holding an id in every one of
    ``fields`` (other keys refused); a mistake names the item, ``rows[2].candidate``.

    >>> id_records({"rows": [{"person": "p033", "candidate": "p083"}]}, "rows", ("person", "candidate"), 10)
    [{'person': 'p033', 'candidate': 'p083'}]
    >>> id_records({"rows": [{"person": "p033"}]}, "rows", ("person", "candidate"), 10)
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request body, field 'rows[0].candidate': required
    """
    value = body.get(name)
    if not isinstance(value, list) or not value:
        raise refuse(name, "give a non-empty list of objects, each with " + ", ".join(fields), where="request body")
    if len(value) > most:
        raise refuse(name, f"{len(value):,} items, more than the limit of {most:,}", where="request body")
    found = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise refuse(
                f"{name}[{i}]", f"{shown(item)} is not an object with " + ", ".join(fields), where="request body"
            )
        extra = sorted(set(item) - set(fields))
        if extra:
            raise refuse(
                f"{name}[{i}].{extra[0]}",
                "not a field of this list (give " + ", ".join(fields) + ")",
                where="request body",
            )
        found.append({f: check_id_field(item, f, f"{name}[{i}].{f}") for f in fields})
    return found


def check_id_field(data, name: str, field: str) -> str:
    """``data[name]``, which must be an id; a mistake names ``field`` (a path such as ``rows[0].person``)."""
    value = data.get(name)
    if value is None or value == "":
        raise refuse(field, "required", where="request body")
    problem = id_problem(value)
    if problem:
        raise refuse(field, problem, where="request body")
    return value
