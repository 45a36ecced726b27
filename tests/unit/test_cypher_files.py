"""Every Cypher statement lives in cypher/ and every file there is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netgraph.store.neo4j_backend.cypher import available, statement
from tests.package_folders import python_sources as package_sources

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ("org_units", "people", "positions", "knows", "mentorships", "successors", "introductions")
#: Statements named with an f-string in code: import/{section}, export/{section}, import/existing_{section},
#: import/stored_{section}
BY_SECTION = {
    f"{folder}{section}"
    for section in SECTIONS
    for folder in ("import/", "export/", "import/existing_", "import/stored_")
}


def python_sources() -> str:
    files = [*package_sources(), *ROOT.joinpath("tests").rglob("*.py")]
    return "\n".join(f.read_text("utf-8") for f in files)


@pytest.mark.parametrize("name", available())
def test_every_cypher_file_is_used_by_name(name):
    sources = python_sources()
    used = re.search(rf"[\"']{re.escape(name)}[\"']", sources) or name in BY_SECTION
    assert used, f"cypher/{name}.cypher is not used"


@pytest.mark.parametrize("name", available())
def test_no_statement_is_empty(name):
    assert statement(name).strip()


def test_no_cypher_is_written_inline_in_python():
    pattern = re.compile(r"[\"'](MATCH|MERGE|CREATE|UNWIND|RETURN) [\(\$a-z]")
    offenders = [
        str(f.relative_to(ROOT))
        for f in ROOT.joinpath("netgraph").rglob("*.py")
        if pattern.search(f.read_text("utf-8"))
    ]
    assert offenders == []


def test_every_cypher_file_sits_in_a_feature_folder():
    loose = [p.name for p in ROOT.joinpath("cypher").glob("*.cypher")]
    assert loose == []


@pytest.mark.parametrize("path", sorted(ROOT.joinpath("cypher", "testing").glob("*.cypher")), ids=lambda p: p.stem)
def test_every_test_only_statement_is_used_by_the_tests(path):
    tests = "\n".join(f.read_text("utf-8") for f in ROOT.joinpath("tests").rglob("*.py"))
    assert f'"{path.stem}"' in tests
