"""Privacy of network insights: no unit-level figure about fewer than min_group_size active people."""

from __future__ import annotations

import numpy as np
import pytest

from netgraph.analysis.insights import stored
from netgraph.analysis.insights.communities import community_summary
from netgraph.analysis.insights.privacy import hiding
from netgraph.analysis.insights.projection import Projection
from netgraph.analysis.insights.units import person_codes, unit_tree
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings


def organisation(direct_in_parent: int) -> Projection:
    """P with ``direct_in_parent`` people of its own, A (6 people) and H (3 people) under it; a ring of ties."""
    units = ["P"] * direct_in_parent + ["A"] * 6 + ["H"] * 3
    n = len(units)
    return Projection(
        people=[f"x{i:02d}" for i in range(n)],
        units=units,
        sources=np.arange(n - 1),
        targets=np.arange(1, n),
        strengths=np.ones(n - 1),
        unit_parents={"P": None, "A": "P", "H": "P"},
    )


def plan_of(projection: Projection):
    tree = unit_tree(projection)
    return tree, hiding(tree, person_codes(projection, tree), 5)


def test_a_unit_of_fewer_than_min_group_size_people_is_hidden():
    tree, plan = plan_of(organisation(2))
    assert {tree.units[u] for u in plan.hidden} == {"H"}


def test_a_hidden_unit_stays_in_its_parent_when_subtraction_reveals_no_small_group():
    # P less its shown child A: its own 2 and H's 3 = 5 people, not fewer than 5
    tree, plan = plan_of(organisation(2))
    assert plan.adjusted == set() and (plan.codes == person_codes(organisation(2), tree)).all()


def test_a_hidden_unit_is_left_out_of_its_parent_where_subtraction_would_reveal_it():
    # P less A: its own 1 and H's 3 = 4 people: P's figure is computed without H's people
    projection = organisation(1)
    tree, plan = plan_of(projection)
    assert {tree.units[u] for u in plan.adjusted} == {"P"}
    assert [projection.people[i] for i in np.flatnonzero(plan.codes == tree.none)] == ["x07", "x08", "x09"]


def test_a_community_or_a_pair_with_a_small_side_is_not_shown():
    projection = organisation(2)
    membership = [0] * 8 + [1] * 3  # a community of 3 people
    found = community_summary(projection, membership, shown={"P", "A"}, min_group_size=5)
    assert [c["community"] for c in found["communities"]] == [0] and found["hidden_communities"] == 1
    assert found["communities"][0]["units"] == [["A", 6], ["P", 2]] and found["communities"][0]["other"] is None


@pytest.fixture(scope="module")
def demo_refreshed(demo_store):
    stored.refresh(demo_store, InsightSettings(permutations=20), RecommendSettings())
    return demo_store


def test_demo_units_with_fewer_than_five_direct_members_are_shown_for_their_subtrees(demo_refreshed, demo_clean):
    direct: dict[str, int] = {}
    for person in demo_clean["people"]:
        if person["status"] != "left" and person["org_unit"]:
            direct[person["org_unit"]] = direct.get(person["org_unit"], 0) + 1
    small_direct = {u["id"] for u in demo_clean["org_units"] if direct.get(u["id"], 0) < 5}
    shown = {r["unit"]: r for r in stored.silos(demo_refreshed)["units"]}
    assert small_direct and small_direct <= set(shown)
    assert all(shown[u]["members"] >= 5 for u in small_direct)
