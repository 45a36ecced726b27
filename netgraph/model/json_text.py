"""The one JSON reader of netgraph: import files and request bodies alike.

Python's ``json.loads`` accepts what JSON does not allow and fails on
things it should simply refuse: ``NaN`` and ``Infinity`` (and ``1e999``,
which becomes infinity), duplicate keys (the last one silently wins),
``"\\udcff"`` (half a surrogate pair, which then cannot be written out as
UTF-8), a 100,000-deep ``[[[…`` (``RecursionError``) and a 5,000-digit number
(``ValueError``). :func:`parse` refuses each of them, with where it is: the
path of keys and indexes to it, and its line and column.

It stays fast on a large import: the checks ride on ``json.loads`` hooks and a count of
brackets done in C (``bytes.translate`` and regular expressions); only when
one of them finds something does a slower scan go through the text again to
say exactly where. :func:`read_json` turns the problems into an
``InvalidInput`` located as import (``org.json people[3], field 'name'``)
or the web API (``request body, field 'note'``) names places.

Examples
--------
>>> parse('{"a": [1, 2.5, "x"]}')
{'a': [1, 2.5, 'x']}
>>> parse('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
netgraph.model.json_text.UnreadableJson: a (line 1, column 10): the key 'a' appears twice in one object
>>> for problem in refusals('{"strength": NaN, "note": "x\\\\udcffy"}'):
...     print(problem)
strength (line 1, column 14): NaN is not a number JSON allows
note (line 1, column 27): contains U+DCFF (half of a UTF-16 surrogate pair, not a character), which text may not hold
>>> refusals("[" * 100000)[0].message
'nested more than 32 deep'
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_LENGTH
from netgraph.model.text import describe, shown

#: How many problems one reading reports at most.
MAX_PROBLEMS = 50

Path = tuple[str | int, ...]  # object keys and array indexes


@dataclass(frozen=True)
class JsonProblem:
    """One thing refused in a JSON text: where (path, line, column) and what."""

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path)
        return f"{where + ' ' if where else ''}(line {self.line}, column {self.column}): {self.message}"


def located(problem: JsonProblem, document: str, *, records: bool = False) -> Problem:
    """A problem as import and the web API report it.

    ``records``: the text is an interchange document, whose places are
    named like validation's (``org.json people[3], field 'name'``).

    >>> str(located(JsonProblem(("people", 3, "name"), 9, 4, "bad"), "org.json", records=True))
    "org.json people[3], field 'name': bad (line 9, column 4)"
    >>> str(located(JsonProblem(("note",), 1, 9, "bad"), "request body"))
    "request body, field 'note': bad (line 1, column 9)"
    >>> str(located(JsonProblem((), 3, 16, "malformed JSON: Expecting value"), "org.json", records=True))
    'org.json line 3 column 16: malformed JSON: Expecting value'
    """
    path, at = problem.path, f"(line {problem.line}, column {problem.column})"
    if records and len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
        return Problem(
            f"{document} {path[0]}[{path[1]}]", ".".join(str(p) for p in path[2:]), f"{problem.message} {at}"
        )
    if not any(isinstance(p, str) for p in path):  # e.g. [[[...: no field to name
        return Problem(f"{document} line {problem.line} column {problem.column}", "", problem.message)
    return Problem(document, ".".join(str(p) for p in path), f"{problem.message} {at}")


def read_json(text: str, document: str, *, records: bool = False) -> object:
    """:func:`parse`, refusing with ``InvalidInput`` whose problems are :func:`located` in ``document``."""
    try:
        return parse(text)
    except UnreadableJson as exc:
        raise InvalidInput([located(p, document, records=records) for p in exc.problems]) from None


class UnreadableJson(ValueError):
    """The text is not JSON netgraph accepts; ``problems`` says where and why."""

    def __init__(self, problems: list[JsonProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def parse(text: str, *, max_depth: int = JSON_MAX_DEPTH) -> object:
    """The value of a JSON text, or ``UnreadableJson`` listing every problem (up to a cap)."""
    suspicious = [False]

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        record = dict(pairs)
        if len(record) != len(pairs):
            suspicious[0] = True
        return record

    def refuse_constant(name: str) -> None:
        suspicious[0] = True

    def checked_float(token: str) -> float:
        number = float(token)
        if len(token) > JSON_MAX_NUMBER_LENGTH or not math.isfinite(number):
            suspicious[0] = True
        return number

    def checked_int(token: str) -> int:
        if len(token) > JSON_MAX_NUMBER_LENGTH:
            suspicious[0] = True
            return 0
        return int(token)

    data = text.encode("utf-8", "surrogatepass")
    too_deep = _deeper_than(data, max_depth)
    value = None
    if not too_deep:
        try:
            value = json.loads(
                text,
                object_pairs_hook=pairs_to_dict,
                parse_constant=refuse_constant,
                parse_float=checked_float,
                parse_int=checked_int,
            )
        except json.JSONDecodeError as exc:
            raise _malformed(exc) from None
        except (RecursionError, ValueError):  # not expected past the checks above; located below all the same
            too_deep = True
    if too_deep or suspicious[0] or _has_lone_surrogate(data):
        problems = refusals(text, max_depth=max_depth)
        if problems:
            raise UnreadableJson(problems)
        if too_deep:  # a false alarm after all
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise _malformed(exc) from None
    return value


def _malformed(exc: json.JSONDecodeError) -> UnreadableJson:
    return UnreadableJson([JsonProblem((), exc.lineno, exc.colno, f"malformed JSON: {exc.msg}")])


def refusals(text: str, *, max_depth: int = JSON_MAX_DEPTH) -> list[JsonProblem]:
    """Every problem :func:`parse` refuses, located: the slow, exact scan.

    It goes through the tokens once, keeping the path to the current value;
    it stops at the first place nested too deep (everything below is one problem).
    """
    problems: list[JsonProblem] = []
    # one frame per open container: [is_object, key or index, keys seen, expecting a key]
    stack: list[list[Any]] = []

    def add(at: int, message: str, path: Path | None = None) -> None:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        where = tuple(frame[1] for frame in stack) if path is None else path
        problems.append(JsonProblem(where, line, column, message))

    for token in _TOKENS.finditer(text):
        kind, at, top = token.lastgroup, token.start(), stack[-1] if stack else None
        if kind == "space":
            continue
        if kind == "open":
            if len(stack) >= max_depth:  # named by the first few steps of its path: the field it is in
                add(
                    at,
                    f"nested more than {max_depth} deep",
                    tuple(frame[1] for frame in stack[:3] if frame[1] is not None),
                )
                break
            stack.append([True, None, set(), True] if token.group() == "{" else [False, 0, None, False])
        elif kind == "close":
            if stack:
                stack.pop()
        elif kind == "comma" and top is not None:
            if top[0]:
                top[3] = True
            else:
                top[1] += 1
        elif kind == "colon" and top is not None:
            top[3] = False
        elif kind == "string":
            value = _decoded(token.group())
            if value is None:
                continue  # malformed: json.loads says so
            if top is not None and top[0] and top[3]:
                top[1] = value
                if value in top[2]:
                    add(at, f"the key {shown(value)} appears twice in one object")
                top[2].add(value)
            bad = _SURROGATE.search(value)
            if bad:
                add(at, f"contains {describe(bad.group())}, which text may not hold")
        elif kind == "word":
            message = _number_problem(token.group())
            if message:
                add(at, message)
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _number_problem(word: str) -> str | None:
    if word in ("NaN", "Infinity", "-Infinity"):
        return f"{word} is not a number JSON allows"
    if word in ("true", "false", "null"):
        return None
    if len(word) > JSON_MAX_NUMBER_LENGTH:
        return f"a number of {len(word)} characters (the limit is {JSON_MAX_NUMBER_LENGTH})"
    try:
        number = float(word)
    except ValueError:
        return None  # malformed: json.loads says so
    if not math.isfinite(number):
        return f"{word} is too large for a number"
    return None


def _decoded(token: str) -> str | None:
    try:
        decoded: str = json.loads(token)
    except ValueError:
        return None
    return decoded


def _deeper_than(data: bytes, limit: int) -> bool:
    """Whether a JSON text (as UTF-8) nests objects and arrays more than ``limit`` deep, at the speed of C.

    On the bytes (no multi-byte character holds an ASCII byte): escaped
    backslashes and quotes go, then everything but quotes and brackets, then
    what is left of each string (a bracket in a name counts for nothing),
    then every adjacent ``[]`` / ``{}`` pair, once per level: a text nested at
    most ``limit`` deep is empty after ``limit`` rounds.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    # the quotes alternate, opening and closing: dropping two adjacent ones drops an empty string
    # or joins two strings, and the strings left (a bracket in them) go with the expression
    brackets = _STRINGS.sub(b"", data.translate(None, _ALL_BUT_QUOTES_AND_BRACKETS).replace(b'""', b""))
    for _ in range(limit):
        if not brackets:
            return False
        brackets, removed = _PAIRS.subn(b"", brackets)
        if not removed:  # unbalanced, which json.loads reports, unless it opens too many
            return len(brackets) > limit
    return bool(brackets)


def _has_lone_surrogate(data: bytes) -> bool:
    """Whether a JSON text (as UTF-8, surrogates passed through) may hold half a surrogate pair."""
    if _RAW_SURROGATE_BYTES.search(data):
        return True
    return _SURROGATE_ESCAPE.search(data) is not None and _LONE_SURROGATE.search(data) is not None


_ALL_BUT_QUOTES_AND_BRACKETS = bytes(range(256)).translate(None, b'"[]{}')
_STRINGS = re.compile(rb'"[^"]*"')
_PAIRS = re.compile(rb"\[\]|\{\}")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
# a \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF one, or the other way round
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: a surrogate encoded with "surrogatepass": ED A0..BF xx
_RAW_SURROGATE_BYTES = re.compile(rb"\xed[\xa0-\xbf]")
_TOKENS = re.compile(
    r'(?P<space>[ \t\n\r]+)|(?P<string>"[^"\\]*(?:\\.[^"\\]*)*")|(?P<open>[\[{])'
    r'|(?P<close>[\]}])|(?P<comma>,)|(?P<colon>:)|(?P<word>[^\s\[\]{}:,"]+)|(?P<other>.)',
    re.S,
)
