"""Graphs as the browser draws them: the explorer's network and the promotion chain.

Presentation lives here, in the web app: the analysis hands over plain people
and links (:func:`netgraph.analysis.network.network`, what-if's chain), and
this module lays them out, colours them and builds vis-network's node and
edge data with pyvis. The layout is computed once, on the server, so the
browser shows a settled picture at once (no physics to wait for). Titles are
plain text: the page hands them to vis-network as text, never as HTML.
"""

from __future__ import annotations

import math

from pyvis.network import Network

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#86bcb6", "#d37295")
OTHER_COLOUR = "#c7c7c7"
PATH_COLOUR = "#d62728"
KNOWS_COLOUR = "#9aa3ad"
MENTORS_COLOUR = "#2f6f4f"
INTRODUCTION_COLOUR = "#b07aa1"
SEAT_COLOUR, VACANT_SEAT_COLOUR, PROMOTED_COLOUR = "#e8eef6", "#f8d4d0", "#59a14f"
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

    >>> spots = radial_layout([{"id": "a", "distance": 0, "org_unit": None},
    ...                        {"id": "b", "distance": 1, "org_unit": "u"},
    ...                        {"id": "c", "distance": 1, "org_unit": "u"}])
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


def explorer_graph(view: dict) -> dict:
    """A network view as vis-network data: ``{"person", "depth", "shown", "total", "nodes", "edges", "legend"}``.

    ``view`` is what :func:`netgraph.analysis.network.network` returns: people
    (with their distance), links among them, and the warm path to highlight.
    Colour by org unit, size by level, mentorships as arrows, KNOWS width by
    strength, introductions dashed; the path's people get a red border and its
    links are drawn over the others.

    >>> g = explorer_graph({"person": "a", "depth": 1, "shown": 1, "total": 1, "path": [],
    ...     "people": [{"id": "a", "name": "Ann", "title": None, "level": 3, "org_unit": "u", "distance": 0},
    ...                {"id": "b", "name": "Bo", "title": None, "level": None, "org_unit": None, "distance": 1}],
    ...     "links": [{"from": "a", "to": "b", "type": "KNOWS", "strength": 0.5, "status": None, "kind": None}]})
    >>> [n["id"] for n in g["nodes"]], g["edges"][0]["width"], g["legend"][0]
    (['a', 'b'], 3.0, {'org_unit': 'u', 'colour': '#4e79a7'})
    """
    person, people, on_path = view["person"], view["people"], list(view.get("path") or [])
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
    for link in view["links"]:
        if link["type"] == "KNOWS":
            given = link["strength"] is not None  # a strength never given is drawn thin, and said so
            net.add_edge(link["from"], link["to"], width=1 + 4 * (link["strength"] if given else 0), color=KNOWS_COLOUR,
                         arrows={"to": {"enabled": False}},
                         title=f"knows, strength {link['strength'] if given else 'not given'}")
        elif link["type"] == "MENTORS":
            net.add_edge(link["from"], link["to"], width=2.5, color=MENTORS_COLOUR, arrows="to",
                         dashes=False, title=f"mentors ({link['kind']}, {link['status']})")
        else:
            net.add_edge(link["from"], link["to"], width=1.5, color=INTRODUCTION_COLOUR, dashes=True, arrows="to",
                         title=f"introduced ({link['status']})")
    for a, b in zip(on_path, on_path[1:], strict=False):
        net.add_edge(a, b, width=6, color=PATH_COLOUR, arrows="to", title="the warm path")
    nodes, edges, *_ = net.get_network_data()
    legend = [{"org_unit": unit, "colour": colour} for unit, colour in palette.items()]
    return {"person": person, "depth": view["depth"], "shown": view["shown"], "total": view["total"],
            "nodes": nodes, "edges": edges, "legend": legend}


def chain_graph(chain: list[dict], final_gaps: list[str], names: dict[str, str]) -> dict:
    """The promotion chain as a small graph: seats as boxes, people as dots, left to right.

    Each step draws "person → the seat they fill" and "seat they leave → person";
    seats left vacant at the end are red. ``names`` maps person ids to names.

    >>> g = chain_graph([{"position": "boss", "filled_by": "ann", "vacates": "lead"}], ["lead"], {"ann": "Ann"})
    >>> [(n["id"], n["label"]) for n in g["nodes"]]
    [('position:boss', 'boss'), ('person:ann', 'Ann'), ('position:lead', 'lead')]
    >>> [(e["from"], e["to"]) for e in g["edges"]]
    [('person:ann', 'position:boss'), ('position:lead', 'person:ann')]
    """
    nodes: dict[str, dict] = {}
    edges = []

    def seat(position: str) -> str:
        key = f"position:{position}"
        vacant = position in final_gaps
        nodes.setdefault(key, {"id": key, "label": position, "shape": "box",
                               "color": VACANT_SEAT_COLOUR if vacant else SEAT_COLOUR,
                               "title": f"{position}: left vacant" if vacant else position})
        return key

    for step in chain:
        filled = seat(step["position"])
        person = f"person:{step['filled_by']}"
        nodes.setdefault(person, {"id": person, "label": names.get(step["filled_by"], step["filled_by"]),
                                  "shape": "dot", "color": PROMOTED_COLOUR, "title": step["filled_by"]})
        edges.append({"from": person, "to": filled, "arrows": "to", "title": "promoted into"})
        if step["vacates"]:
            edges.append({"from": seat(step["vacates"]), "to": person, "arrows": "to", "dashes": True,
                          "title": "leaves"})
    for gap in final_gaps:
        seat(gap)
    return {"nodes": list(nodes.values()), "edges": edges}
