"""What every command prints the same way."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date

from netgraph.model.text import strip_bidi

#: DEL and the C1 controls (U+0080-U+009F), which JSON leaves raw; some terminals act on them (U+009B opens a
#: control sequence as ESC [ does). They can only stand inside strings, where a \u escape means the same.
_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def json_text(data) -> str:
    """``--json`` output: indented, names in their own letters (not \\u escapes) but controls escaped.

    >>> print(json_text({"name": "Ada\x9b31m"}))
    {
      "name": "Ada\\u009b31m"
    }
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def print_json(data) -> None:
    print(json_text(data))


class DisplayText:
    """Standard output as a person reads it: bidirectional controls stripped.

    Names stored before the text rule refused them (``netgraph db check``
    lists those) could otherwise reorder what a terminal shows. Every command
    prints through this (``netgraph.cli.main``); files a command writes
    (``export``) keep the stored text exactly.

    >>> import io
    >>> out = io.StringIO()
    >>> DisplayText(out).write("Ada \\u202eLovelace")
    12
    >>> out.getvalue()
    'Ada Lovelace'
    """

    def __init__(self, target):
        self.target = target

    def write(self, text: str) -> int:
        return self.target.write(strip_bidi(text))

    def __getattr__(self, name):  # flush, isatty, encoding...: the real stream's
        return getattr(self.target, name)


def iso_date(text: str) -> date:
    """An ``--as-of`` / ``--split`` argument: an ISO day, or a usage error naming it.

    >>> iso_date("2026-12-01")
    datetime.date(2026, 12, 1)
    """
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None
