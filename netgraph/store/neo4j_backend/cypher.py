"""Load Cypher statements by name, ``folder/name``, from the ``cypher/`` folder.

Statements are static text with ``$parameters``; nothing is ever assembled
from user input. Files are read once and cached. ``cypher/`` is grouped by
feature (``import``, ``export``, ``insights``, ``lifecycle``, ``lookups``, ``network``, ``succession``,
``programme``, ``admin``); its ``testing`` folder holds statements only the
test suite runs, and is not shipped.

Examples
--------
>>> statement("import/org_units").split()[:3]   # comments are stripped
['UNWIND', '$rows', 'AS']
>>> len(statements("admin/schema")) > 5
True
>>> "succession/positions" in available()
True
"""

from __future__ import annotations

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
def statement(name: str) -> str:
    """The single statement stored in ``cypher/<folder>/<name>.cypher``."""
    folder, _, base = name.partition("/")
    if folder not in FOLDERS or not base or "/" in base:
        raise KeyError(f"no Cypher statement {name!r}: names are 'folder/name', folder one of {FOLDERS}")
    text = resources.files("netgraph.cypher").joinpath(folder, f"{base}.cypher").read_text("utf-8")
    return strip_comments(text).strip().rstrip(";")


def statements(name: str) -> list[str]:
    """A file that holds several ``;``-separated statements (only ``admin/schema``)."""
    return [s.strip() for s in statement(name).split(";") if s.strip()]


def strip_comments(text: str) -> str:
    """``text`` without its ``//`` comment lines.

    >>> strip_comments("// why\\nRETURN 1")
    'RETURN 1'
    """
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
