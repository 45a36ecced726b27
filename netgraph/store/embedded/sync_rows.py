"""The HR sync's reads on the embedded store: compact rows of the org, and the live links of the night's leavers.

Rows rather than :func:`~netgraph.store.embedded.records.export_graph`:
the sync compares a few fields of people, units and positions, and an
export would copy every KNOWS link and skill of the graph into records
first (netgraph.model.sync_state). The rows share their strings with the
graph's attributes.
"""

from __future__ import annotations

from typing import Any, cast

import networkx as nx

from netgraph.model.records import IntroductionRecord, MentorshipRecord
from netgraph.model.sync_state import PERSON_ROW, SyncState
from netgraph.model.validate import DEFAULTS
from netgraph.model.vocabulary import IN_FLIGHT_STATUSES
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.records import introduction_record, ordered_record
from netgraph.store.ports import LiveLinks

#: A person's row but where they sit (a link, not an attribute); fields stored before they existed read
#: as their defaults, as in an export.
_PERSON_ATTRS = tuple((f, DEFAULTS["people"].get(f)) for f in PERSON_ROW if f != "org_unit")


def sync_state(graph: nx.MultiDiGraph) -> SyncState:
    """The rows of every person, org unit and position, and every nomination (netgraph.model.sync_state)."""
    nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    state = SyncState()
    for node, attrs in nodes.items():
        label, key = node
        if label == "Person":
            state.people[key] = (
                *(attrs.get(f, default) for f, default in _PERSON_ATTRS),
                _target(succ, node, "MEMBER_OF"),
            )
            state.nominations += [(key, other[1]) for other, keyed in succ[node].items() if "SUCCESSOR_FOR" in keyed]
        elif label == "OrgUnit":
            state.units[key] = (attrs["name"], _target(succ, node, "PART_OF"), attrs.get("source", "manual"))
        elif label == "Position":
            requires = tuple(sorted(other[1] for other, keyed in succ[node].items() if "REQUIRES" in keyed))
            holders = tuple(
                sorted((other[1], keyed["HOLDS"]["since"]) for other, keyed in pred[node].items() if "HOLDS" in keyed)
            )
            state.positions[key] = (
                attrs.get("title"),
                attrs.get("level"),
                attrs.get("critical", False),
                _target(succ, node, "IN"),
                _target(succ, node, "REPORTS_TO"),
                requires,
                holders,
            )
    state.nominations.sort()
    return state


def live_links(graph: nx.MultiDiGraph, people: list[str]) -> LiveLinks:
    """The active mentorships and in-flight introductions naming any of ``people``, each once, by key."""
    nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    mentorships: dict[tuple[str, str], dict[str, Any]] = {}
    introductions: dict[str, dict[str, Any]] = {}
    for person in people:
        node = ("Person", person)
        if node not in nodes:
            continue
        for ends, links in (((node, None), succ[node]), ((None, node), pred[node])):
            for other, keyed in links.items():
                data = keyed.get("MENTORS")
                if data is not None and data["status"] == "active":
                    mentor, mentee = ends[0] or other, ends[1] or other
                    record = {"mentor": mentor[1], "mentee": mentee[1], **data}
                    mentorships[(mentor[1], mentee[1])] = ordered_record("mentorships", record)
                if other[0] == "Introduction" and other[1] not in introductions:
                    found = introduction_record(graph, other, nodes[other])
                    if found["status"] in IN_FLIGHT_STATUSES:
                        introductions[other[1]] = found
    return {
        "mentorships": cast(list[MentorshipRecord], [mentorships[k] for k in sorted(mentorships)]),
        "introductions": cast(list[IntroductionRecord], [introductions[k] for k in sorted(introductions)]),
    }


def _target(succ: dict[Any, Any], node: Any, rel: str) -> str | None:
    """The id at the end of ``node``'s one ``rel`` link, or None."""
    for other, keyed in succ[node].items():
        if rel in keyed:
            return cast(str, other[1])
    return None
