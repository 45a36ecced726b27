"""What the app shows and sends: no bidirectional controls in any text, no NaN in any JSON.

Imports refuse bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and
the rest: :mod:`netgraph.model.text`), but a store may hold names written
before that rule; so every value a page prints (Jinja's ``finalize``, which
sees each ``{{ … }}`` before it is escaped) and every string in a JSON
answer (names, titles, labels of the explorer's graph...) has them removed.

JSON answers are written with ``allow_nan=False``: ``NaN`` is not JSON, and
one ``"width": NaN`` left the explorer on "loading…" for good. Imports
refuse non-finite numbers; should one be stored all the same, the answer
is an error, never a body that no browser can parse.

>>> clean({"name": "Ada\\u202eexe", "skills": {"go\\u200f": 3}, "level": 2})
{'name': 'Adaexe', 'skills': {'go': 3}, 'level': 2}
"""

from __future__ import annotations

import math

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

from netgraph.errors import StoredValueInvalid
from netgraph.model.text import strip_bidi


def clean(value):
    """``value`` with bidirectional controls removed from every string in it (keys too)."""
    if isinstance(value, str):
        stripped = strip_bidi(value)
        return value if stripped == value else Markup(stripped) if isinstance(value, Markup) else stripped
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def non_finite(value, path: str = "", record: str = "") -> tuple[str, str, float] | None:
    """The first NaN or infinity in ``value``: its path, the record it belongs to, and the number.

    The record is the nearest enclosing object that says what it is: an
    ``id``, or the ends of a link (``a``/``b``, ``from``/``to``).

    >>> non_finite({"edges": [{"id": "knows:p1>p2", "width": float("nan")}]})
    ('edges[0].width', 'knows:p1>p2', nan)
    >>> non_finite({"links": [{"a": "p1", "b": "p2", "strength": 0.5}]}) is None
    True
    """
    if isinstance(value, float) and not math.isfinite(value):
        return path, record, value
    if isinstance(value, dict):
        ends = next(((value[x], value[y]) for x, y in (("a", "b"), ("from", "to")) if x in value and y in value), None)
        named = value.get("id") if isinstance(value.get("id"), str) else f"{ends[0]}-{ends[1]}" if ends else record
        items = ((f"{path}.{key}" if path else str(key), item) for key, item in value.items())
    elif isinstance(value, (list, tuple)):
        named, items = record, ((f"{path}[{index}]", item) for index, item in enumerate(value))
    else:
        return None
    for where, item in items:
        found = non_finite(item, where, named)
        if found:
            return found
    return None


class DisplayJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing NaN and infinity and without bidirectional controls."""

    def dumps(self, obj, **kwargs) -> str:
        kwargs.setdefault("allow_nan", False)
        cleaned = clean(obj)
        try:
            return super().dumps(cleaned, **kwargs)
        except ValueError:
            found = non_finite(cleaned)
            if found is None:
                raise
            path, record, number = found
            raise StoredValueInvalid(
                f"{record or 'the answer'}: {path} is {number}, from a value stored before the rules refused it; "
                "`netgraph db check` lists every such value with its record"
            ) from None


def init_app(app: Flask) -> None:
    app.json = DisplayJSONProvider(app)
    app.jinja_env.policies["json.dumps_function"] = app.json.dumps  # ``|tojson`` in templates
    app.jinja_env.finalize = clean
