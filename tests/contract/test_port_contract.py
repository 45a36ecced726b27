"""Every member of every port of netgraph.store.ports has a contract test (test_ports*.py)."""

from __future__ import annotations

from tests.contract import (
    test_ports,
    test_ports_insights,
    test_ports_match_rounds,
    test_ports_org_chart,
    test_ports_outbox,
    test_ports_ties,
    test_ports_writes,
)
from tests.contract.port_contract import contract_map, uncovered


def contract_test_names() -> list[str]:
    return [
        name
        for module in (
            test_ports,
            test_ports_writes,
            test_ports_org_chart,
            test_ports_ties,
            test_ports_insights,
            test_ports_match_rounds,
            test_ports_outbox,
        )
        for name in vars(module)
        if name.startswith("test_")
    ]


def test_every_port_method_has_a_contract_test():
    assert uncovered(contract_test_names()) == []


def test_every_port_has_members_under_contract():
    assert all(members for members in contract_map(contract_test_names()).values())
