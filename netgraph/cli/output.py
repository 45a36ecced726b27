"""What every command prints the same way."""

from __future__ import annotations

import argparse
import json
from datetime import date

from netgraph.model.text import strip_bidi


def print_json(data) -> None:
    """``--json`` output: indented, names in their own letters (not \\u escapes)."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


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
