"""What a text file's first bytes say about how it was saved: the two ways a CSV export is commonly unreadable.

Spreadsheet programs offer "Unicode text" (UTF-16) beside "CSV UTF-8", and
old Mac programs end lines with a carriage return alone. Either would
otherwise reach the CSV reader and come back as two messages or as a
reader's wording ("new-line character seen in unquoted field"); each gets
one message that says how to save the file instead.

Examples
--------
>>> encoding_problem("e,n\\n".encode("utf-16"))
'UTF-16 text: netgraph reads UTF-8; save the file as CSV UTF-8'
>>> encoding_problem(b"\\xef\\xbb\\xbfe,n\\r\\n1,2\\r\\n") is None
True
>>> line_end_problem(b"e,n\\r1,2\\r")
'lines end with a carriage return alone (classic Mac line endings); save the file with Windows or Unix line endings'
>>> line_end_problem(b"e,n\\r\\n1,2\\r\\n") is None
True
"""

from __future__ import annotations

import codecs

#: How many bytes of the file's start are looked at.
HEAD_BYTES = 4096

UTF16 = "UTF-16 text: netgraph reads UTF-8; save the file as CSV UTF-8"
CR_ONLY = (
    "lines end with a carriage return alone (classic Mac line endings); save the file with Windows or Unix line endings"
)


def encoding_problem(head: bytes) -> str | None:
    """:data:`UTF16` if the bytes start as UTF-16 (a UTF-16 byte order mark, or ASCII with every other byte NUL)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    pairs = head[:64]
    if len(pairs) >= 4 and (
        all(pairs[i] == 0 for i in range(1, len(pairs) - 1, 2))
        or all(pairs[i] == 0 for i in range(0, len(pairs) - 1, 2))
    ):
        return UTF16
    return None


def line_end_problem(head: bytes) -> str | None:
    """:data:`CR_ONLY` if the first line holds a carriage return that ends no line (a header has none of its own)."""
    first = head.split(b"\n", 1)[0]
    return CR_ONLY if b"\r" in first.removesuffix(b"\r") else None
