"""Every Cypher statement lives in cypher/ and every file there is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netgraph.store.cypher import available, statement

ROOT = Path(__file__).resolve().parents[2]
#: Statements named with an f-string prefix in code: import_{section}, export_{section}...
PREFIXES = ("import_", "export_", "existing_")


def python_sources() -> str:
    files = [*ROOT.joinpath("netgraph").rglob("*.py"), *ROOT.joinpath("web").rglob("*.py"),
             *ROOT.joinpath("tests").rglob("*.py")]
    return "\n".join(f.read_text("utf-8") for f in files)


@pytest.mark.parametrize("name", available())
def test_every_cypher_file_is_used_by_name(name):
    sources = python_sources()
    used = re.search(rf"[\"']{re.escape(name)}[\"']", sources) or (
        name.startswith(PREFIXES) and name.split("_", 1)[1] in
        ("org_units", "people", "positions", "knows", "mentorships", "successors", "introductions"))
    assert used, f"cypher/{name}.cypher is not used"


@pytest.mark.parametrize("name", available())
def test_no_statement_is_empty(name):
    assert statement(name).strip()


def test_no_cypher_is_written_inline_in_python():
    pattern = re.compile(r"[\"'](MATCH|MERGE|CREATE|UNWIND|RETURN) [\(\$a-z]")
    offenders = [str(f.relative_to(ROOT)) for f in ROOT.joinpath("netgraph").rglob("*.py")
                 if pattern.search(f.read_text("utf-8"))]
    assert offenders == []
