"""A person's network as a drawable graph: people within 1-3 links, capped, laid out, styled.

The store finds the people and links (``Store.neighbourhood``); this module
filters them, lays them out once (so the browser shows a settled picture at
once: no physics) and styles them with pyvis's node and edge model:
colour by org unit, size by level, mentorships as arrows, KNOWS width by
strength, introductions dashed. Titles are plain text: the page hands them to
vis-network as text, never as HTML.
"""

from __future__ import annotations

import math

from pyvis.network import Network

from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.model.validate import check_whole_number
from netgraph.store.base import Store

LINK_TYPES = ("KNOWS", "MENTORS", "INTRODUCTION")
MAX_DEPTH = 3
MAX_NODES = 2000
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#86bcb6", "#d37295")
OTHER_COLOUR = "#c7c7c7"
PATH_COLOUR = "#d62728"
#: Layout: distance between rings, and the least arc length per person on a ring (pixels).
RING_GAP = 220
NODE_ARC = 26


def colours(units: list[str | None]) -> dict[str | None, str]:
    """A colour per org unit, in order of first appearance (the rest share one grey).

    >>> colours(["u-b", "u-a", "u-b", None])
    {'u-b': '#4e79a7', 'u-a': '#f28e2b', None: '#c7c7c7'}
    """
    found: dict[str | None, str] = {}
    for unit in units:
        if unit not in found:
            found[unit] = PALETTE[len(found)] if unit is not None and len(found) < len(PALETTE) else OTHER_COLOUR
    return found


def radial_layout(people: list[dict]) -> dict[str, tuple[float, float]]:
    """The person in the middle, each further ring around them, colleagues of a unit side by side.

    Computed once, here, so the browser shows a settled picture at once
    (no physics simulation to wait for, whatever the size).

    >>> spots = radial_layout([{"id": "a", "distance": 0, "org_unit": None},
    ...                        {"id": "b", "distance": 1, "org_unit": "u"}, {"id": "c", "distance": 1, "org_unit": "u"}])
    >>> spots["a"], spots["b"], spots["c"]
    ((0.0, 0.0), (220.0, 0.0), (-220.0, 0.0))
    """
    spots: dict[str, tuple[float, float]] = {}
    rings: dict[int, list[dict]] = {}
    for p in people:
        rings.setdefault(p["distance"], []).append(p)
    for distance, ring in rings.items():
        ring.sort(key=lambda p: (p["org_unit"] or "", p["id"]))
        radius = max(distance * RING_GAP, len(ring) * NODE_ARC / (2 * math.pi)) if distance else 0.0
        for i, p in enumerate(ring):
            angle = 2 * math.pi * i / len(ring)
            spots[p["id"]] = (round(radius * math.cos(angle), 1) + 0.0, round(radius * math.sin(angle), 1) + 0.0)
    return spots


def network(store: Store, person: str, *, depth: int = 1, limit: int = 300,
            types: tuple[str, ...] = LINK_TYPES, units: list[str] | None = None,
            path: list[str] | None = None) -> dict:
    """``{"person", "depth", "shown", "total", "nodes", "edges", "legend"}`` ready for vis-network.

    ``total`` counts everyone within ``depth`` links; ``shown`` how many are
    drawn (``limit`` nearest, by distance then id; ``units`` keeps only those
    org units, the person always stays). ``path`` (a warm path's people, in
    order) is highlighted: its people are drawn even when further away (on an
    outer ring) and its links are drawn over the others in a strong colour.
    """
    check_whole_number("depth", depth, 1, MAX_DEPTH)
    check_whole_number("limit", limit, 1, MAX_NODES)
    unknown = sorted(set(types) - set(LINK_TYPES))
    if unknown:
        raise InvalidInput([Problem("request", "types", f"unknown link type {unknown[0]!r}")])
    found = store.neighbourhood(person, depth, limit)
    if found is None:
        raise NotFound(f"unknown person {person!r}")
    people = [p for p in found["people"] if p["id"] == person or not units or p["org_unit"] in units]
    ids = {p["id"] for p in people}
    shown = len(people) - 1
    on_path = list(path or [])
    missing = [p for p in on_path if p not in ids]
    if missing:
        records = store.people(missing)
        unknown_people = [p for p in missing if p not in records]
        if unknown_people:
            raise NotFound(f"unknown person {unknown_people[0]!r}")
        people += [{"id": p, "name": records[p]["name"], "title": records[p]["title"], "level": records[p]["level"],
                    "org_unit": records[p]["org_unit"], "distance": depth + 1} for p in missing]
        ids.update(missing)
    links = [link for link in found["links"] if link["type"] in types and link["from"] in ids and link["to"] in ids]
    positions = radial_layout(people)
    palette = colours([p["org_unit"] for p in people])
    net = Network(directed=True)
    highlighted = set(on_path)
    for p in people:
        x, y = positions[p["id"]]
        title = "\n".join(filter(None, [p["name"], p["title"], p["org_unit"], f"level {p['level']}"
                                        if p["level"] is not None else None]))
        colour = ({"background": palette[p["org_unit"]], "border": PATH_COLOUR} if p["id"] in highlighted
                  else palette[p["org_unit"]])
        net.add_node(p["id"], label=p["name"], title=title, color=colour,
                     size=10 + 3 * (p["level"] or 1) + (8 if p["id"] == person else 0),
                     x=x, y=y, borderWidth=4 if p["id"] in highlighted else 3 if p["id"] == person else 1)
    for link in links:
        if link["type"] == "KNOWS":
            net.add_edge(link["from"], link["to"], width=1 + 4 * (link["strength"] or 0), color="#9aa3ad",
                         arrows={"to": {"enabled": False}}, title=f"knows, strength {link['strength']}")
        elif link["type"] == "MENTORS":
            net.add_edge(link["from"], link["to"], width=2.5, color="#2f6f4f", arrows="to",
                         dashes=False, title=f"mentors ({link['kind']}, {link['status']})")
        else:
            net.add_edge(link["from"], link["to"], width=1.5, color="#b07aa1", dashes=True, arrows="to",
                         title=f"introduced ({link['status']})")
    for a, b in zip(on_path, on_path[1:]):
        net.add_edge(a, b, width=6, color=PATH_COLOUR, arrows="to", title="the warm path")
    nodes, edges, *_ = net.get_network_data()
    legend = [{"org_unit": unit, "colour": colour} for unit, colour in palette.items()]
    return {"person": person, "depth": depth, "shown": shown, "total": found["total"],
            "nodes": nodes, "edges": edges, "legend": legend}
