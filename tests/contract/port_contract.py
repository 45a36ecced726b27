"""The contract suite mapped port by port, member by member.

``tests/contract/test_ports.py`` states what each member of each port of
:mod:`netgraph.store.ports` must answer; its tests are named
``test_<member>_<what it guarantees>``. This module turns those names into the
map ``port -> member -> tests`` and says which members have no test yet, so
the suite can insist that every method a backend must implement is specified.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from netgraph.model.validate import validate
from netgraph.store.ports import PORTS, port_methods


def port_members(port: type) -> list[str]:
    """What a port declares: its attributes (``needs_warm_up``...), then its methods, in order."""
    return [*inspect.get_annotations(port), *port_methods(port)]


def contract_map(test_names: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """port -> member -> the tests named ``test_<member>_...``, for every port and member."""
    names = sorted(test_names)
    return {
        port: {member: [n for n in names if n.startswith(f"test_{member}_")] for member in port_members(cls)}
        for port, cls in PORTS.items()
    }


def uncovered(test_names: Iterable[str]) -> list[str]:
    """``Port.member`` for every member without a contract test, in table order."""
    return [
        f"{port}.{member}"
        for port, members in contract_map(test_names).items()
        for member, tests in members.items()
        if not tests
    ]


def keys(row_type: type) -> set[str]:
    """The keys of a typed row (class-based or functional TypedDict)."""
    return set(row_type.__annotations__)


def people_doc(*people, **links) -> dict:
    """A small normalized document: people given as (id, name) or dicts, links by section."""
    records = [p if isinstance(p, dict) else {"id": p[0], "name": p[1]} for p in people]
    return validate({"people": records, **links})
