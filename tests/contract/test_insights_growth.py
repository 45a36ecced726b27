"""Programme growth on a small dated graph built for the test, on both stores.

As of 2026-06-30, over the 12 months from 2025-07, a tie made within 90 days of its pair's event:

* Eli, mentored by Mo since 2026-01-10, knows Mo from that day (a tie between the pair, within Apps);
* Eli met Kit, Mo's contact in Build, on 2026-02-01 (through the mentee's mentor; crossing units);
* Ivy introduced Zed to Tao (Care), accepted 2026-03-01; they tied on 2026-03-20 (crossing units);
* Zed and Ivy tied on 2026-05-05 with no introduction or mentorship behind it: new, not the programme's;
* Tao and Sam tied on 2025-12-15, also on their own: Build and Care are linked from that month on.

Eli wants to grow python, held at level 4 by Sam, two contacts away (Eli - Kit - Sam), and go, held by nobody.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.insights import growth_report, stored
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate

AS_OF = date(2026, 6, 30)

DATED = {
    "org_units": [
        {"id": "u0", "name": "Company"},
        {"id": "ua", "name": "Apps", "parent": "u0"},
        {"id": "ub", "name": "Build", "parent": "u0"},
        {"id": "uc", "name": "Care", "parent": "u0"},
    ],
    "people": [
        {"id": "m", "name": "Mo", "org_unit": "ua"},
        {"id": "e", "name": "Eli", "org_unit": "ua", "wants_to_grow": ["python", "go"]},
        {"id": "i", "name": "Ivy", "org_unit": "ua"},
        {"id": "z", "name": "Zed", "org_unit": "ua"},
        {"id": "k", "name": "Kit", "org_unit": "ub"},
        {"id": "s", "name": "Sam", "org_unit": "ub", "skills": {"python": 4}},
        {"id": "t", "name": "Tao", "org_unit": "uc"},
    ],
    "knows": [
        {"a": "m", "b": "k", "since": "2020-01-01"},
        {"a": "k", "b": "s", "since": "2019-05-01"},
        {"a": "e", "b": "m", "since": "2026-01-10"},
        {"a": "e", "b": "k", "since": "2026-02-01"},
        {"a": "z", "b": "t", "since": "2026-03-20"},
        {"a": "z", "b": "i", "since": "2026-05-05"},
        {"a": "t", "b": "s", "since": "2025-12-15"},
    ],
    "mentorships": [{"mentor": "m", "mentee": "e", "since": "2026-01-10", "status": "active"}],
    "introductions": [
        {
            "id": "i1",
            "by": "i",
            "introduce": "z",
            "to": "t",
            "status": "accepted",
            "created_on": "2026-02-20",
            "made_on": "2026-02-21",
            "accepted_on": "2026-03-01",
        }
    ],
}


@pytest.fixture
def grown(store):
    store.write(complete(validate(DATED)))
    stored.refresh(store, InsightSettings(permutations=5, min_group_size=1), RecommendSettings(), as_of=AS_OF)
    return growth_report.growth(store)


def _month(found, month):
    (row,) = [m for m in found["months"] if m["month"] == month]
    return row


def test_the_months_are_the_last_twelve_up_to_the_refresh(grown):
    months = [m["month"] for m in grown["months"]]
    assert (len(months), months[0], months[-1]) == (12, "2025-07", "2026-06")


@pytest.mark.parametrize(
    ("month", "new", "programme", "crossing"),
    [("2025-12", 1, 0, 0), ("2026-01", 1, 1, 0), ("2026-02", 1, 1, 1), ("2026-03", 1, 1, 1), ("2026-05", 1, 0, 0)],
)
def test_each_months_ties_say_which_the_programme_made_and_which_cross_units(grown, month, new, programme, crossing):
    row = _month(grown, month)
    assert (row["new_ties"], row["programme_ties"], row["crossing"]) == (new, programme, crossing)


def test_unit_pairs_connected_grow_as_ties_cross_new_unit_pairs(grown):
    pairs = {m["month"]: m["unit_pairs"] for m in grown["months"]}
    assert (pairs["2025-11"], pairs["2025-12"], pairs["2026-02"], pairs["2026-03"], pairs["2026-06"]) == (1, 2, 2, 3, 3)


def test_a_mentee_stands_two_contacts_from_a_skill_they_want_and_nowhere_near_one_nobody_holds(grown):
    assert grown["mentees"] == {
        "mentees": 1,
        "pairs": 2,
        "by_distance": {"0": 0, "1": 0, "2": 1, "3": 0, "4+": 0, "none": 1},
    }
