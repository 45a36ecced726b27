"""Org-chart cards from a backend's facts: the status and flag rules applied once, for both backends.

``cypher/succession/org_chart.cypher`` returns, per position, the facts the
rules of :mod:`netgraph.model.rules` take (the readiness of each counted
nomination, the holders' flight risks, and per ready-now successor whether
they are ready now for another critical position and whether they hold a
critical gap). :func:`card` turns them into a :class:`~netgraph.store.ports.ChartCard`
with those very functions, as the embedded store's position rows do, so the
chart and the heat map cannot disagree.

>>> c = card({"id": "pos-a", "title": "Lead", "level": 5, "critical": True, "org_unit": "u", "org_unit_name": "U",
...           "reports_to": None, "incumbents": [{"id": "p2", "name": "Bo"}], "holder_risks": ["high"],
...           "readiness": ["ready_1_2_years"], "ready_also_ready_elsewhere": [], "ready_holds_critical_gap": [],
...           "successors": [{"person": "p3", "name": "Cy", "readiness": "ready_1_2_years"}], "child_count": 0})
>>> c["status"], c["vacant"], c["flight_risk"], c["thin"], c["shared_cover"], c["cascade"]
('developing', False, True, True, False, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netgraph.model import rules
from netgraph.store.ports import ChartCard, ChartSuccessor, NamedPerson


def card(facts: Mapping[str, Any]) -> ChartCard:
    """A chart card from one position's facts (see the module docstring); people sorted by id."""
    incumbents = sorted((NamedPerson(id=h["id"], name=h["name"]) for h in facts["incumbents"]), key=lambda h: h["id"])
    successors = sorted(
        (ChartSuccessor(person=s["person"], name=s["name"], readiness=s["readiness"]) for s in facts["successors"]),
        key=lambda s: (s["person"], s["readiness"]),
    )
    return {
        "id": facts["id"],
        "title": facts["title"],
        "level": facts["level"],
        "critical": bool(facts["critical"]),
        "org_unit": facts["org_unit"],
        "org_unit_name": facts["org_unit_name"],
        "reports_to": facts["reports_to"],
        "incumbents": incumbents,
        "status": rules.position_status(facts["readiness"]),
        "vacant": rules.is_vacant(facts["incumbents"]),
        "flight_risk": rules.has_flight_risk(facts["holder_risks"]),
        "thin": rules.is_thin(facts["readiness"]),
        "shared_cover": rules.has_shared_cover(list(facts["ready_also_ready_elsewhere"])),
        "cascade": rules.is_cascade(list(facts["ready_holds_critical_gap"])),
        "successors": successors,
        "child_count": int(facts["child_count"]),
    }
