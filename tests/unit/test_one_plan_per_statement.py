"""The what-if's statements take their lists inside one map parameter, so that one plan serves every size.

Neo4j keeps a plan per size class of each list parameter (1, up to 10, up to 100, ...). A what-if asks
for as many positions, units and people as a departure touches, so with the lists as parameters a new
size class planned the statement again: succession/positions takes about a second to plan on a quiet
100k store, and that was the slowest of 20 leavers. A map has no size class.
"""

from __future__ import annotations

import re

import pytest

from netgraph.store.neo4j_backend.cypher import statement

#: the statements a what-if runs with lists whose size follows the departure
WHAT_IF = (
    "succession/positions",
    "succession/what_if_affected",
    "succession/unit_bench",
    "network/neighbours_of",
    "network/cross_unit_contacts",
    "network/unit_members",
)
PARAMETER = re.compile(r"\$(\w+)(\.\w+)?")


def parameters(name: str) -> list[tuple[str, str]]:
    """Each ``$name`` or ``$name.key`` the statement reads, comments left out."""
    code = "\n".join(line.split("//")[0] for line in statement(name).splitlines())
    return PARAMETER.findall(code)


@pytest.mark.parametrize("name", WHAT_IF)
def test_a_what_if_statement_reads_its_values_from_one_map(name):
    found = parameters(name)
    assert found and {(map_name, bool(key)) for map_name, key in found} == {("given", True)}
