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

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

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


class DisplayJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing NaN and infinity and without bidirectional controls."""

    def dumps(self, obj, **kwargs) -> str:
        kwargs.setdefault("allow_nan", False)
        return super().dumps(clean(obj), **kwargs)


def init_app(app: Flask) -> None:
    app.json = DisplayJSONProvider(app)
    app.jinja_env.policies["json.dumps_function"] = app.json.dumps  # ``|tojson`` in templates
    app.jinja_env.finalize = clean
