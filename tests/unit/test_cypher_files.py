"""Every Cypher statement lives in cypher/ and every file there is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netgraph.store.neo4j_backend.cypher import available, choose_parts, marked_parts, statement
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


#: a statement with one optional part, in the form cypher.py documents
WITH_PART = """MATCH (p:Person {id: $person})
// part goals
WITH p, [(p)-[:WANTS_TO_GROW]->(s:Skill) | s.name] AS goals
// otherwise
WITH p, [] AS goals
// end part
RETURN p.id, goals"""


def test_a_part_asked_for_keeps_its_own_branch():
    kept = choose_parts(WITH_PART, frozenset({"goals"}))
    assert "WANTS_TO_GROW" in kept and "[] AS goals" not in kept


def test_a_part_not_asked_for_keeps_its_otherwise_branch():
    kept = choose_parts(WITH_PART, frozenset())
    assert "[] AS goals" in kept and "WANTS_TO_GROW" not in kept


def test_a_part_without_otherwise_is_left_out_when_not_asked_for():
    text = "MATCH (p)\n// part extra\nWITH p, 1 AS x\n// end part\nRETURN p"
    assert choose_parts(text, frozenset()).splitlines() == ["MATCH (p)", "RETURN p"]


def test_the_marker_lines_are_never_kept():
    for chosen in (frozenset(), frozenset({"goals"})):
        assert "//" not in choose_parts(WITH_PART, chosen)


def test_asking_for_a_part_the_statement_does_not_mark_is_an_error():
    with pytest.raises(ValueError, match="no part 'skills'"):
        statement("network/recommendation_inputs", frozenset({"skills"}))


@pytest.mark.parametrize(
    "text",
    [
        "MATCH (p)\n// part goals\nWITH p\nRETURN p",  # never ended
        "MATCH (p)\n// end part\nRETURN p",  # ended, never opened
        "MATCH (p)\n// otherwise\nRETURN p",  # otherwise outside a part
        "// part a\n// part b\n// end part\n// end part\nRETURN 1",  # nested
        "// part a\nWITH 1 AS x\n// otherwise\nWITH 2 AS x\n// otherwise\nWITH 3 AS x\n// end part\nRETURN x",
        "// part a\n// end part\n// part a\n// end part\nRETURN 1",  # the same part twice
    ],
    ids=["unended", "unopened", "stray-otherwise", "nested", "two-otherwise", "twice"],
)
def test_unbalanced_part_markers_are_an_error(text):
    with pytest.raises(ValueError):
        choose_parts(text, frozenset())


def test_recommendation_inputs_looks_up_the_pairs_events_only_with_its_part():
    assert marked_parts("network/recommendation_inputs") == {"pair_contacts"}
    without = statement("network/recommendation_inputs")
    with_part = statement("network/recommendation_inputs", frozenset({"pair_contacts"}))
    assert "TieEvidence" not in without and "$met" not in without
    assert "TieEvidence" in with_part and "$met.pending" in with_part and "null AS met" not in with_part
