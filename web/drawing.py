"""Graphs as the browser draws them: the explorer's network and the promotion chain.

Presentation lives here, in the web app: the analysis hands over plain people
and links (:func:`netgraph.analysis.explorer.network`, what-if's chain), and
this module lays them out, colours them and builds vis-network's node and
edge data with pyvis. The layout is computed once, on the server, so the
browser shows a settled picture at once (no physics to wait for). Titles are
plain text: the page hands them to vis-network as text, never as HTML.
"""

from __future__ import annotations

import math

from pyvis.network import Network

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
    "#86bcb6",
    "#d37295",
)
OTHER_COLOUR = "#c7c7c7"
PATH_COLOUR = "#d62728"
KNOWS_COLOUR = "#9aa3ad"
MENTORS_COLOUR = "#2f6f4f"
INTRODUCTION_COLOUR = "#b07aa1"
CANDIDATE_COLOUR = "#e6550d"
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
    """A network view as vis-network data, with what the page says about it.

    ``view`` is what :func:`netgraph.analysis.explorer.network` returns: people
    (with their distance), links among them, and the warm path to highlight.
    Colour by org unit, size by level, mentorships as arrows, KNOWS width by
    strength, introductions dashed; the path's people get a red border and its
    links are drawn over the others. People an expansion brought in sit in a
    small ring beside the person expanded (:func:`expansion_layout`), so the
    rest of the picture stays where it was. The mentor overlay's
    ``mentees`` get a green border and its ``candidates`` (recommended
    introductions, ``{from, to, name, score}``) are curved orange arrows, a
    style of their own (dashed lines are introductions already proposed).
    Every edge has a stable ``id`` (the page updates the drawing in place);
    ``legend`` names the org units (``units``: id -> name) and ``link_legend``
    the kinds of line drawn.

    >>> g = explorer_graph({"person": "a", "depth": 1, "shown": 1, "total": 1, "path": [], "units": {"u": "Apps"},
    ...     "people": [{"id": "a", "name": "Ann", "title": None, "level": 3, "org_unit": "u", "distance": 0},
    ...                {"id": "b", "name": "Bo", "title": None, "level": None, "org_unit": None, "distance": 1}],
    ...     "links": [{"from": "a", "to": "b", "type": "KNOWS", "strength": 0.5, "status": None, "kind": None}]})
    >>> [n["id"] for n in g["nodes"]], g["edges"][0]["width"], g["edges"][0]["id"], g["legend"][0]
    (['a', 'b'], 3.0, 'knows:a>b#0', {'org_unit': 'u', 'name': 'Apps', 'colour': '#4e79a7'})
    """
    person, people, on_path = view["person"], view["people"], list(view.get("path") or [])
    names = view.get("units") or {}
    mentees, chosen = set(view.get("mentees") or []), view.get("mentee")
    candidates = view.get("candidates") or []
    positions = radial_layout([p for p in people if not p.get("expanded_from")])
    positions.update(expansion_layout(people, positions))
    palette = colours([p["org_unit"] for p in people])
    net = Network(directed=True)
    highlighted = set(on_path)
    for p in people:
        x, y = positions[p["id"]]
        unit = f"{names[p['org_unit']]} ({p['org_unit']})" if p["org_unit"] in names else p["org_unit"]
        title = "\n".join(
            filter(
                None,
                [
                    p["name"],
                    p["title"],
                    unit,
                    f"level {p['level']}" if p["level"] is not None else None,
                    "mentee" if p["id"] in mentees else None,
                ],
            )
        )
        border = PATH_COLOUR if p["id"] in highlighted else MENTORS_COLOUR if p["id"] in mentees else None
        colour = {"background": palette[p["org_unit"]], "border": border} if border else palette[p["org_unit"]]
        net.add_node(
            p["id"],
            label=p["name"],
            title=title,
            color=colour,
            org_unit=p["org_unit"],
            size=10 + 3 * (p["level"] or 1) + (8 if p["id"] == person else 0),
            x=x,
            y=y,
            borderWidth=(
                4
                if p["id"] in highlighted
                else 5
                if p["id"] == chosen
                else 3
                if p["id"] == person or p["id"] in mentees
                else 1
            ),
        )
    for link in view["links"]:
        if link["type"] == "KNOWS":
            given = link["strength"] is not None  # a strength never given is drawn thin, and said so
            net.add_edge(
                link["from"],
                link["to"],
                width=1 + 4 * (link["strength"] if given else 0),
                color=KNOWS_COLOUR,
                arrows={"to": {"enabled": False}},
                sources=link.get("sources") or [],
                last_seen=link.get("last_seen"),
                title=knows_title(link),
            )
        elif link["type"] == "MENTORS":
            net.add_edge(
                link["from"],
                link["to"],
                width=2.5,
                color=MENTORS_COLOUR,
                arrows="to",
                dashes=False,
                title=f"mentors ({link['kind']}, {link['status']})",
            )
        else:
            net.add_edge(
                link["from"],
                link["to"],
                width=1.5,
                color=INTRODUCTION_COLOUR,
                dashes=True,
                arrows="to",
                title=f"introduced ({link['status']})",
            )
    for a, b in zip(on_path, on_path[1:], strict=False):
        net.add_edge(a, b, width=6, color=PATH_COLOUR, arrows="to", title="the warm path")
    for c in candidates:
        net.add_edge(
            c["from"],
            c["to"],
            width=3.5,
            color=CANDIDATE_COLOUR,
            arrows="to",
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.25},
            title=f"recommended introduction to {c['name']} (score {c['score']:.2f})",
        )
    nodes, edges, *_ = net.get_network_data()
    seen: dict[str, int] = {}
    for edge in edges:
        key = f"{edge_kind(edge)}:{edge['from']}>{edge['to']}"
        edge["id"] = f"{key}#{seen.get(key, 0)}"
        seen[key] = seen.get(key, 0) + 1
    legend = [
        {"org_unit": unit, "name": names.get(unit, unit) if unit else None, "colour": colour}
        for unit, colour in palette.items()
    ]
    kinds = [
        k
        for k in LINK_LEGEND
        if k["kind"] in ("knows", "mentors", "introduction")
        or k["kind"] == "path"
        and on_path
        or k["kind"] == "candidate"
        and candidates
    ]
    return {
        "person": person,
        "depth": view["depth"],
        "shown": view["shown"],
        "total": view["total"],
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "link_legend": kinds,
        "units": names,
        "expansions": view.get("expansions", []),
        "notices": view.get("notices", []),
    }


#: The kinds of line the explorer draws, as its legend describes them.
LINK_LEGEND = (
    {"kind": "knows", "label": "knows (wider: knows better)", "colour": KNOWS_COLOUR, "style": "solid"},
    {"kind": "mentors", "label": "mentors (arrow: mentor → mentee)", "colour": MENTORS_COLOUR, "style": "arrow"},
    {
        "kind": "introduction",
        "label": "introduction proposed (dashed)",
        "colour": INTRODUCTION_COLOUR,
        "style": "dashed",
    },
    {"kind": "path", "label": "the warm path", "colour": PATH_COLOUR, "style": "wide"},
    {
        "kind": "candidate",
        "label": "recommended introduction (curved orange arrow)",
        "colour": CANDIDATE_COLOUR,
        "style": "curved",
    },
)


#: How the explorer names a tie's sources (netgraph/model/vocabulary.py: TIE_SOURCES).
SOURCE_NAMES = {
    "declared": "declared",
    "interactions": "interactions",
    "org_chart": "org chart",
    "introduction": "introduction",
}


def knows_title(link: dict) -> str:
    """A KNOWS line's tooltip: its strength, where it comes from, and its latest evidence.

    >>> knows_title({"strength": 0.62, "sources": ["declared", "interactions"], "last_seen": "2026-11-10"})
    'knows, strength 0.62; from declared, interactions; last evidence 2026-11-10'
    >>> knows_title({"strength": None, "sources": ["org_chart"], "last_seen": None})
    'knows, strength not given; from org chart'
    """
    strength = link["strength"] if link["strength"] is not None else "not given"
    parts = [f"knows, strength {strength}"]
    if link.get("sources"):
        parts.append("from " + ", ".join(SOURCE_NAMES.get(s, s) for s in link["sources"]))
    if link.get("last_seen"):
        parts.append(f"last evidence {link['last_seen']}")
    return "; ".join(parts)


def edge_kind(edge: dict) -> str:
    """Which :data:`LINK_LEGEND` kind a drawn edge is, from its colour.

    >>> edge_kind({"color": MENTORS_COLOUR}), edge_kind({"color": CANDIDATE_COLOUR})
    ('mentors', 'candidate')
    """
    return next(k["kind"] for k in LINK_LEGEND if k["colour"] == edge["color"])


def expansion_layout(people: list[dict], spots: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Spots for the people expansions added: a ring beside each expanded person, away from the middle.

    ``spots`` holds the people already placed; an expansion's people are
    placed in the order given, so one grown from an earlier expansion finds
    its person placed.

    >>> found = expansion_layout([{"id": "c", "expanded_from": "b"}], {"a": (0.0, 0.0), "b": (220.0, 0.0)})
    >>> found["c"]
    (440.0, 0.0)
    """
    spots = dict(spots)
    groups: dict[str, list[str]] = {}
    for p in people:
        if p.get("expanded_from"):
            groups.setdefault(p["expanded_from"], []).append(p["id"])
    placed: dict[str, tuple[float, float]] = {}
    for other, ids in groups.items():
        ox, oy = spots.get(other, (0.0, 0.0))
        length = math.hypot(ox, oy) or 1.0
        dx, dy = (ox / length, oy / length) if (ox or oy) else (1.0, 0.0)
        radius = max(RING_GAP / 2, len(ids) * NODE_ARC / (2 * math.pi))
        cx, cy = ox + dx * radius, oy + dy * radius
        start = math.atan2(-dy, -dx)  # the first person nearest the expanded one
        for i, person in enumerate(ids):
            angle = start + 2 * math.pi * (i + 1) / (len(ids) + 1)
            spots[person] = placed[person] = (
                round(cx + radius * math.cos(angle), 1) + 0.0,
                round(cy + radius * math.sin(angle), 1) + 0.0,
            )
    return placed


def chain_graph(
    chain: list[dict], final_gaps: list[str], names: dict[str, str], titles: dict[str, str] | None = None
) -> dict:
    """The promotion chain as a small graph: seats as boxes, people as dots, left to right.

    Each step draws "person → the seat they fill" and "seat they leave → person";
    seats left vacant at the end are red. ``names`` maps person ids to names,
    ``titles`` position ids to titles: boxes and dots read as people think, and
    the ids stay in the tooltips.

    >>> g = chain_graph([{"position": "boss", "filled_by": "ann", "vacates": "lead"}], ["lead"], {"ann": "Ann"},
    ...                 {"boss": "Boss", "lead": "Lead"})
    >>> [(n["label"], n["title"]) for n in g["nodes"]]
    [('Boss', 'Boss (boss)'), ('Ann', 'Ann (ann)'), ('Lead', 'Lead (lead): left vacant')]
    >>> [(e["from"], e["to"]) for e in g["edges"]]
    [('person:ann', 'position:boss'), ('position:lead', 'person:ann')]
    """
    titles = titles or {}
    nodes: dict[str, dict] = {}
    edges = []

    def seat(position: str) -> str:
        key = f"position:{position}"
        vacant = position in final_gaps
        label = titles.get(position, position)
        shown = f"{label} ({position})"
        nodes.setdefault(
            key,
            {
                "id": key,
                "label": label,
                "shape": "box",
                "color": VACANT_SEAT_COLOUR if vacant else SEAT_COLOUR,
                "title": f"{shown}: left vacant" if vacant else shown,
            },
        )
        return key

    for step in chain:
        filled = seat(step["position"])
        person = f"person:{step['filled_by']}"
        name = names.get(step["filled_by"], step["filled_by"])
        nodes.setdefault(
            person,
            {
                "id": person,
                "label": name,
                "shape": "dot",
                "color": PROMOTED_COLOUR,
                "title": f"{name} ({step['filled_by']})",
            },
        )
        edges.append({"from": person, "to": filled, "arrows": "to", "title": "promoted into"})
        if step["vacates"]:
            edges.append(
                {"from": seat(step["vacates"]), "to": person, "arrows": "to", "dashes": True, "title": "leaves"}
            )
    for gap in final_gaps:
        seat(gap)
    return {"nodes": list(nodes.values()), "edges": edges}
