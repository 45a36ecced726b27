"""Load Cypher statements by name from the ``cypher/`` folder.

Statements are static text with ``$parameters``; nothing is ever assembled
from user input. Files are read once and cached.

Examples
--------
>>> statement("import_org_units").split()[:3]   # comments are stripped
['UNWIND', '$rows', 'AS']
>>> len(statements("schema")) > 5
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def available() -> list[str]:
    """Names of every shipped statement file, without the ``.cypher`` suffix."""
    folder = resources.files("netgraph.cypher")
    return sorted(p.name[: -len(".cypher")] for p in folder.iterdir() if p.name.endswith(".cypher"))


@lru_cache(maxsize=None)
def statement(name: str) -> str:
    """The single statement stored in ``cypher/<name>.cypher``."""
    text = resources.files("netgraph.cypher").joinpath(f"{name}.cypher").read_text("utf-8")
    return _strip_comments(text).strip().rstrip(";")


def statements(name: str) -> list[str]:
    """A file that holds several ``;``-separated statements (only ``schema``)."""
    return [s.strip() for s in statement(name).split(";") if s.strip()]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
