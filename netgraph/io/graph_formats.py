"""Export the graph as GraphML or GEXF, so it opens in Gephi or yEd.

Both formats want one flat graph with scalar attributes, so every node gets
an id ``"<Label>:<id>"`` and a ``label`` attribute, lists become
``;``-separated strings, and missing values are left out.

Examples
--------
>>> g = to_networkx({"people": [{"id": "p1", "name": "Ada", "skills": {"go": 3}}],
...                  "knows": []})
>>> sorted(g.nodes), g.nodes["Person:p1"]["name"]
(['Person:p1', 'Skill:go'], 'Ada')
"""

from __future__ import annotations

import networkx as nx


def _scalar(value):
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value


def _node(graph: nx.MultiDiGraph, label: str, key: str, **attrs) -> str:
    node = f"{label}:{key}"
    clean = {k: _scalar(v) for k, v in attrs.items() if v is not None}
    graph.add_node(node, label=label, **clean)
    return node


def _edge(graph: nx.MultiDiGraph, u: str, v: str, rel: str, **attrs) -> None:
    graph.add_edge(u, v, key=rel, type=rel, **{k: _scalar(x) for k, x in attrs.items() if x is not None})


def to_networkx(document: dict) -> nx.MultiDiGraph:
    """One flat, attribute-only graph of a normalized document."""
    g = nx.MultiDiGraph()
    for u in document.get("org_units", []):
        _node(g, "OrgUnit", u["id"], name=u["name"], source=u.get("source"))
    for u in document.get("org_units", []):
        if u.get("parent"):
            _edge(g, f"OrgUnit:{u['id']}", f"OrgUnit:{u['parent']}", "PART_OF")
    for p in document.get("people", []):
        fields = {k: v for k, v in p.items() if k not in ("id", "org_unit", "skills", "wants_to_grow")}
        person = _node(g, "Person", p["id"], **fields)
        if p.get("org_unit"):
            _edge(g, person, f"OrgUnit:{p['org_unit']}", "MEMBER_OF")
        for name, level in (p.get("skills") or {}).items():
            _edge(g, person, _node(g, "Skill", name, name=name), "HAS_SKILL", level=level)
        for name in p.get("wants_to_grow") or []:
            _edge(g, person, _node(g, "Skill", name, name=name), "WANTS_TO_GROW")
    for pos in document.get("positions", []):
        node = _node(g, "Position", pos["id"], title=pos["title"], level=pos.get("level"), critical=pos.get("critical"))
        if pos.get("org_unit"):
            _edge(g, node, f"OrgUnit:{pos['org_unit']}", "IN")
        for name in pos.get("requires") or []:
            _edge(g, node, _node(g, "Skill", name, name=name), "REQUIRES")
        for h in pos.get("holders") or []:
            _edge(g, f"Person:{h['person']}", node, "HOLDS", since=h.get("since"))
    for pos in document.get("positions", []):
        if pos.get("reports_to"):
            _edge(g, f"Position:{pos['id']}", f"Position:{pos['reports_to']}", "REPORTS_TO")
    for k in document.get("knows", []):
        _edge(g, f"Person:{k['a']}", f"Person:{k['b']}", "KNOWS", **{f: v for f, v in k.items() if f not in ("a", "b")})
    for m in document.get("mentorships", []):
        _edge(
            g,
            f"Person:{m['mentor']}",
            f"Person:{m['mentee']}",
            "MENTORS",
            **{f: m.get(f) for f in ("since", "until", "status", "kind", "focus")},
        )
    for s in document.get("successors", []):
        _edge(
            g,
            f"Person:{s['person']}",
            f"Position:{s['position']}",
            "SUCCESSOR_FOR",
            readiness=s.get("readiness"),
            nominated_on=s.get("nominated_on"),
        )
    for i in document.get("introductions", []):
        fields = {k: v for k, v in i.items() if k not in ("id", "by", "introduce", "to")}
        node = _node(g, "Introduction", i["id"], **fields)
        _edge(g, f"Person:{i['by']}", node, "MADE")
        _edge(g, node, f"Person:{i['introduce']}", "INTRODUCES")
        _edge(g, node, f"Person:{i['to']}", "TO")
    return g


def people_network(document: dict) -> nx.Graph:
    """The undirected simple graph of KNOWS and MENTORS links between the document's active people.

    The graph the recommendation scores (Adamic-Adar) and warm paths are defined on:
    people who have left are not in it, nor are their links, nor retired ties
    (``retired_on`` set: the evidence for them has faded).

    >>> people_network({"people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d", "status": "left"}],
    ...                 "knows": [{"a": "a", "b": "b"}, {"a": "a", "b": "d"}],
    ...                 "mentorships": [{"mentor": "b", "mentee": "a"}]}).edges
    EdgeView([('a', 'b')])
    """
    graph = nx.Graph()
    active = {p["id"] for p in document.get("people", []) if p.get("status", "active") != "left"}
    graph.add_nodes_from(sorted(active))
    pairs = [(k["a"], k["b"]) for k in document.get("knows", []) if not k.get("retired_on")]
    pairs += [(m["mentor"], m["mentee"]) for m in document.get("mentorships", [])]
    graph.add_edges_from((a, b) for a, b in pairs if a in active and b in active)
    return graph


def write_graphml(document: dict, handle) -> None:
    nx.write_graphml(to_networkx(document), handle, named_key_ids=True)


def write_gexf(document: dict, handle) -> None:
    nx.write_gexf(to_networkx(document), handle)
