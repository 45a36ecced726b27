"""Reading a request's parameters and JSON body: a mistake is a 422 that names the field.

Flask's ``request.args.get(name, type=int)`` quietly falls back to the
default on ``?limit=abc``, and ``request.get_json(silent=True) or {}`` turns
a JSON list into a crash later on; the helpers here refuse both clearly.

>>> from werkzeug.datastructures import MultiDict
>>> whole_number(MultiDict({"limit": "7"}), "limit", 10), whole_number(MultiDict(), "limit", 10)
(7, 10)
>>> flag(MultiDict({"critical_only": "yes"}), "critical_only")
True
"""

from __future__ import annotations

from flask import request

from netgraph.errors import InvalidInput, Problem

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
    if not request.get_data():
        return {}
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise refuse("", "the body must be a JSON object", where="request body")
    return body


def id_list(body: dict, name: str) -> list[str]:
    """A body field that must be a non-empty list of ids."""
    value = body.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise refuse(name, "give a non-empty list of ids, e.g. [\"p099\"]", where="request body")
    return value


def boolean(body: dict, name: str) -> bool:
    """A body field that must be true or false when present (absent: false)."""
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise refuse(name, f"{value!r} is not true or false", where="request body")
    return value
