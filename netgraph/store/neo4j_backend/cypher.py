"""Load Cypher statements by name, ``folder/name``, from the ``cypher/`` folder.

Statements are static text with ``$parameters``; nothing is ever assembled
from user input. Files are read once and cached. ``cypher/`` is grouped by
feature (``import``, ``export``, ``insights``, ``lifecycle``, ``lookups``, ``network``, ``succession``,
``programme``, ``admin``); its ``testing`` folder holds statements only the
test suite runs, and is not shipped.

Optional parts
--------------
A statement may hold parts that only some calls need, so that a call that
does not need one does not pay for it, without a second copy of the
statement. A part is marked by comment lines, and may give the text that
stands in its place when it is left out::

    // part NAME
    ...the Cypher kept when NAME is asked for...
    // otherwise
    ...the Cypher kept when it is not (optional)...
    // end part

``statement(name, parts=frozenset({"NAME"}))`` keeps the first branch of each
part named, the ``otherwise`` branch of every other part; ``statement(name)``
keeps every ``otherwise``. Each combination is its own statement text (and
its own plan in Neo4j), read once and cached. Parts do not nest; a part name
the file does not mark, or a marker out of place, is an error.
``network/recommendation_inputs`` has one, ``pair_contacts``: the pair's own
events are looked up only for a model that uses them.

Examples
--------
>>> statement("import/org_units").split()[:3]   # comments are stripped
['UNWIND', '$rows', 'AS']
>>> len(statements("admin/schema")) > 5
True
>>> "succession/positions" in available()
True
>>> marked_parts("network/recommendation_inputs")
frozenset({'pair_contacts'})
>>> "TieEvidence" in statement("network/recommendation_inputs")
False
>>> "TieEvidence" in statement("network/recommendation_inputs", parts=frozenset({"pair_contacts"}))
True
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

#: Folders of statements the product runs (what the wheel ships).
FOLDERS = (
    "admin",
    "audit",
    "export",
    "import",
    "insights",
    "lifecycle",
    "lookups",
    "mail",
    "matching",
    "network",
    "programme",
    "succession",
    "sync",
    "ties",
)


def available() -> list[str]:
    """Every shipped statement as ``folder/name`` (without ``.cypher``), sorted."""
    root = resources.files("netgraph.cypher")
    found = []
    for folder in FOLDERS:
        entry = root.joinpath(folder)
        if entry.is_dir():
            found += [f"{folder}/{p.name[: -len('.cypher')]}" for p in entry.iterdir() if p.name.endswith(".cypher")]
    return sorted(found)


@cache
def statement(name: str, parts: frozenset[str] = frozenset()) -> str:
    """The single statement stored in ``cypher/<folder>/<name>.cypher``, with the optional ``parts`` named kept
    (see "Optional parts" above)."""
    return strip_comments(choose_parts(_source(name), parts)).strip().rstrip(";")


def marked_parts(name: str) -> frozenset[str]:
    """The optional parts statement ``name`` marks (see "Optional parts" above)."""
    return frozenset(m.group(1) for m in map(_PART.match, _source(name).splitlines()) if m)


@cache
def _source(name: str) -> str:
    folder, _, base = name.partition("/")
    if folder not in FOLDERS or not base or "/" in base:
        raise KeyError(f"no Cypher statement {name!r}: names are 'folder/name', folder one of {FOLDERS}")
    return resources.files("netgraph.cypher").joinpath(folder, f"{base}.cypher").read_text("utf-8")


_PART = re.compile(r"\s*//\s*part\s+(\w+)\s*$")
_OTHERWISE = re.compile(r"\s*//\s*otherwise\s*$")
_END = re.compile(r"\s*//\s*end part\s*$")


def choose_parts(text: str, chosen: frozenset[str]) -> str:
    """``text`` with each marked part's first branch if it is ``chosen``, else its ``otherwise`` branch (or
    nothing); the marker lines themselves are left out.

    >>> text = "WITH $p AS p\\n// part goals\\nWITH p, 1 AS g\\n// otherwise\\nWITH p, 0 AS g\\n// end part\\nRETURN *"
    >>> choose_parts(text, frozenset({"goals"})).splitlines()
    ['WITH $p AS p', 'WITH p, 1 AS g', 'RETURN *']
    >>> choose_parts(text, frozenset()).splitlines()
    ['WITH $p AS p', 'WITH p, 0 AS g', 'RETURN *']
    >>> choose_parts(text, frozenset({"skills"}))
    Traceback (most recent call last):
    ...
    ValueError: no part 'skills' is marked (marked: ['goals'])
    """
    kept: list[str] = []
    marked: set[str] = set()
    part: str | None = None  # the part being read, and whether its current branch is kept
    keep = True
    seen_otherwise = False
    for number, line in enumerate(text.splitlines(), 1):
        if opened := _PART.match(line):
            if part is not None:
                raise ValueError(f"line {number}: part {opened.group(1)!r} opens inside part {part!r}")
            part, seen_otherwise = opened.group(1), False
            if part in marked:
                raise ValueError(f"line {number}: part {part!r} is marked twice")
            marked.add(part)
            keep = part in chosen
        elif _OTHERWISE.match(line):
            if part is None or seen_otherwise:
                raise ValueError(f"line {number}: 'otherwise' outside a part, or twice in one")
            seen_otherwise, keep = True, part not in chosen
        elif _END.match(line):
            if part is None:
                raise ValueError(f"line {number}: 'end part' without a part")
            part, keep = None, True
        elif keep:
            kept.append(line)
    if part is not None:
        raise ValueError(f"part {part!r} has no 'end part'")
    if unknown := chosen - marked:
        raise ValueError(f"no part {', '.join(map(repr, sorted(unknown)))} is marked (marked: {sorted(marked)})")
    return "\n".join(kept)


def statements(name: str) -> list[str]:
    """A file that holds several ``;``-separated statements (only ``admin/schema``)."""
    return [s.strip() for s in statement(name).split(";") if s.strip()]


def strip_comments(text: str) -> str:
    """``text`` without its ``//`` comment lines.

    >>> strip_comments("// why\\nRETURN 1")
    'RETURN 1'
    """
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
