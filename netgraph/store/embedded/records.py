"""Interchange records into the graph, and the graph back out as records.

The graph is a :class:`networkx.MultiDiGraph` whose nodes are ``(label, id)``
tuples (a Skill's id is its name) and whose edge keys are the relationship
types, so each (source, target, type) exists at most once, which gives merge
semantics for free. KNOWS is stored once, from whichever end it was first
written from, and read both ways.

Every change goes through an :class:`~netgraph.store.embedded.edits.Edit`,
so that the store can save exactly what changed, or take it back.

Examples
--------
>>> import networkx as nx
>>> from netgraph.store.embedded.edits import Edit
>>> graph = nx.MultiDiGraph()
>>> write_document(Edit(graph), {"org_units": [{"id": "u1", "name": "Sales", "parent": None}]})
>>> export_graph(graph)["org_units"]
[{'id': 'u1', 'name': 'Sales', 'parent': None, 'source': 'manual'}]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, cast

import networkx as nx

from netgraph.model.records import Document, Removals
from netgraph.model.ties import declared_only, provenance
from netgraph.model.validate import DEFAULTS, record_key, with_defaults
from netgraph.model.vocabulary import FIELDS, PERSON_PROPERTIES, SECTIONS
from netgraph.store.embedded.adjacency import Node, in_links, node_attrs, out_links
from netgraph.store.embedded.edits import Edit
from netgraph.store.ports import Progress

NODE_SECTIONS = {"org_units": "OrgUnit", "people": "Person", "positions": "Position", "introductions": "Introduction"}
LINK_SECTIONS = {  # section -> (type, source label, source field, target label, target field)
    "knows": ("KNOWS", "Person", "a", "Person", "b"),
    "mentorships": ("MENTORS", "Person", "mentor", "Person", "mentee"),
    "successors": ("SUCCESSOR_FOR", "Person", "person", "Position", "position"),
}
PARENT = {"org_units": ("OrgUnit", "PART_OF"), "positions": ("Position", "REPORTS_TO")}

#: Labels of the two ends of each relationship type: a row (type, source id, target id) names its nodes.
ENDS = {
    "PART_OF": ("OrgUnit", "OrgUnit"),
    "MEMBER_OF": ("Person", "OrgUnit"),
    "IN": ("Position", "OrgUnit"),
    "REPORTS_TO": ("Position", "Position"),
    "REQUIRES": ("Position", "Skill"),
    "HOLDS": ("Person", "Position"),
    "HAS_SKILL": ("Person", "Skill"),
    "WANTS_TO_GROW": ("Person", "Skill"),
    "KNOWS": ("Person", "Person"),
    "MENTORS": ("Person", "Person"),
    "SUCCESSOR_FOR": ("Person", "Position"),
    "MADE": ("Person", "Introduction"),
    "INTRODUCES": ("Introduction", "Person"),
    "TO": ("Introduction", "Person"),
}
_PROGRESS_EVERY = 10_000


#: What a write may remove, by section: KNOWS links and nominations by their end points, positions by id.
REMOVABLE = ("knows", "successors", "holds", "positions", "org_units")


def write_document(
    edit: Edit, dataset: Document, progress: Progress | None = None, remove: Removals | None = None
) -> None:
    """Merge a normalized document into the graph, then remove ``remove``'s records
    (the semantics of ``Persistence.write``)."""
    sections = cast(Mapping[str, list[Any]], dataset)  # looked up by a section's name in a variable
    for section in SECTIONS:
        records = sections.get(section) or []
        writer = _WRITERS[section]
        for done, record in enumerate(records, 1):
            writer(edit, record)
            if progress and (done % _PROGRESS_EVERY == 0 or done == len(records)):
                progress(section, done, len(records))
    for section, (label, rel) in PARENT.items():
        field = "parent" if section == "org_units" else "reports_to"
        for record in sections.get(section) or []:
            if field in record:  # left out: the stored parent stays
                _set_single_link(edit, (label, record["id"]), rel, label, record[field])
    for section, keys in cast(Mapping[str, list[Any]], remove or {}).items():
        for key in keys:
            _remove(edit, section, key)
    _drop_orphan_skills(edit)


def _remove(edit: Edit, section: str, key: Any) -> None:
    """Remove one record if it is there (removing is idempotent, as merging is)."""
    graph = edit.graph
    if section in ("positions", "org_units"):
        node = ("Position" if section == "positions" else "OrgUnit", key)
        if node in node_attrs(graph):
            edit.remove_node(node)
        return
    rel, src, _, dst, _ = (
        ("HOLDS", "Person", "person", "Position", "position") if section == "holds" else LINK_SECTIONS[section]
    )
    u, v = (src, key[0]), (dst, key[1])
    for a, b in ((u, v), (v, u)) if rel == "KNOWS" else ((u, v),):
        if rel in out_links(graph).get(a, {}).get(b, ()):
            edit.remove_link(a, b, rel)


# -- writing records into the graph ----------------------------------------------


def _out_links(graph: nx.MultiDiGraph, node: Node, rel: str) -> list[Node]:
    return [target for target, keyed in out_links(graph)[node].items() if rel in keyed]


def _in_links(graph: nx.MultiDiGraph, node: Node, rel: str) -> list[Node]:
    return [source for source, keyed in in_links(graph)[node].items() if rel in keyed]


def _set_single_link(edit: Edit, node: Node, rel: str, target_label: str, target_id: str | None) -> None:
    target = None if target_id is None else (target_label, target_id)
    for old in _out_links(edit.graph, node, rel):
        if old != target:
            edit.remove_link(node, old, rel)
    if target is not None:
        edit.set_link(node, target, rel, {})


def _set_out_links(edit: Edit, node: Node, rel: str, targets: dict[Node, dict[str, Any]]) -> None:
    """Make ``node``'s ``rel`` links exactly ``targets`` (target -> properties)."""
    for old in _out_links(edit.graph, node, rel):
        if old not in targets:
            edit.remove_link(node, old, rel)
    for target, props in targets.items():
        edit.set_link(node, target, rel, props)


def _skill(edit: Edit, name: str) -> Node:
    node = ("Skill", name)
    edit.add_node_if_missing(node, {"name": name})
    return node


def _write_org_unit(edit: Edit, r: dict[str, Any]) -> None:
    node = ("OrgUnit", r["id"])
    r = with_defaults("org_units", r, node_attrs(edit.graph).get(node))
    edit.set_node(node, {"id": r["id"], "name": r["name"], "source": r["source"]})


_POSITION_PROPS = ("id", "title", "level", "critical")
_INTRODUCTION_PROPS = (
    "id",
    "status",
    "closed_reason",
    "created_on",
    "made_on",
    "accepted_on",
    "met_on",
    "declined_on",
    "closed_on",
    "note",
    "outcome",
)


def _write_person(edit: Edit, r: dict[str, Any]) -> None:
    """Properties the record leaves out keep their stored values; links it leaves out stay as they are."""
    node = ("Person", r["id"])
    full = with_defaults("people", r, node_attrs(edit.graph).get(node))
    edit.set_node(node, {k: full[k] for k in PERSON_PROPERTIES})
    if "org_unit" in r:
        _set_single_link(edit, node, "MEMBER_OF", "OrgUnit", r["org_unit"])
    if "skills" in r:
        _set_out_links(
            edit, node, "HAS_SKILL", {_skill(edit, name): {"level": level} for name, level in r["skills"].items()}
        )
    if "wants_to_grow" in r:
        _set_out_links(edit, node, "WANTS_TO_GROW", {_skill(edit, name): {} for name in r["wants_to_grow"]})


def _write_position(edit: Edit, r: dict[str, Any]) -> None:
    """As :func:`_write_person`: only what the record carries changes (``reports_to``: write_document)."""
    node = ("Position", r["id"])
    full = with_defaults("positions", r, node_attrs(edit.graph).get(node))
    edit.set_node(node, {k: full[k] for k in _POSITION_PROPS})
    if "org_unit" in r:
        _set_single_link(edit, node, "IN", "OrgUnit", r["org_unit"])
    if "requires" in r:
        _set_out_links(edit, node, "REQUIRES", {_skill(edit, name): {} for name in r["requires"]})
    if "holders" in r:
        holders = {("Person", h["person"]): {"since": h["since"]} for h in r["holders"]}
        for old in _in_links(edit.graph, node, "HOLDS"):
            if old not in holders:
                edit.remove_link(old, node, "HOLDS")
        for person, props in holders.items():
            edit.set_link(person, node, "HOLDS", props)


#: What a declared-only KNOWS link keeps; knows_record derives the rest.
_PLAIN_KNOWS = ("since", "strength", "context")


def _link_writer(section: str) -> Callable[[Edit, dict[str, Any]], None]:
    rel, src, src_field, dst, dst_field = LINK_SECTIONS[section]
    prop_names = [k for k in FIELDS[section] if k not in (src_field, dst_field)]

    def write(edit: Edit, r: dict[str, Any]) -> None:
        u, v = (src, r[src_field]), (dst, r[dst_field])
        if rel == "KNOWS":
            if rel in out_links(edit.graph).get(v, {}).get(u, ()):
                u, v = v, u
            stored = out_links(edit.graph).get(u, {}).get(v, {}).get(rel)
            r = with_defaults("knows", r, knows_record(stored) if stored is not None else None)
            if declared_only(r):  # kept as links were before provenance: 3 keys, not 11 (see declared_only)
                edit.set_link(u, v, rel, {k: r[k] for k in _PLAIN_KNOWS})
                return
        else:  # fields the record leaves out keep their stored values
            r = with_defaults(section, r, out_links(edit.graph).get(u, {}).get(v, {}).get(rel))
        edit.set_link(u, v, rel, {k: r[k] for k in prop_names})

    return write


def _write_introduction(edit: Edit, r: dict[str, Any]) -> None:
    node = ("Introduction", r["id"])
    r = with_defaults("introductions", r, node_attrs(edit.graph).get(node))
    edit.set_node(node, {k: r[k] for k in _INTRODUCTION_PROPS})
    by = ("Person", r["by"])
    for old in _in_links(edit.graph, node, "MADE"):
        if old != by:
            edit.remove_link(old, node, "MADE")
    edit.set_link(by, node, "MADE", {})
    _set_single_link(edit, node, "INTRODUCES", "Person", r["introduce"])
    _set_single_link(edit, node, "TO", "Person", r["to"])


def _drop_orphan_skills(edit: Edit) -> None:
    """A skill exists while something has, wants or requires it (as in Neo4j).

    Only skills this write touched can have lost their last link, so only those are looked at.
    """
    graph = edit.graph
    touched = {key[1] for key in edit.links if key[1][0] == "Skill"}
    for node in sorted(touched):
        if node in node_attrs(graph) and not in_links(graph)[node] and not out_links(graph)[node]:
            edit.remove_node(node)


_WRITERS: dict[str, Callable[[Edit, dict[str, Any]], None]] = {
    "org_units": _write_org_unit,
    "people": _write_person,
    "positions": _write_position,
    "knows": _link_writer("knows"),
    "mentorships": _link_writer("mentorships"),
    "successors": _link_writer("successors"),
    "introductions": _write_introduction,
}


# -- reading the graph back as a document -------------------------------------------


def target_of(graph: nx.MultiDiGraph, node: Node, rel: str) -> str | None:
    """The id at the end of ``node``'s one ``rel`` link, or None."""
    for target, keyed in out_links(graph)[node].items():
        if rel in keyed:
            found: str = target[1]
            return found
    return None


def export_graph(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a normalized interchange document, every section sorted by key."""
    doc: dict[str, list[dict[str, Any]]] = {s: [] for s in SECTIONS}
    section_of = {label: section for section, label in NODE_SECTIONS.items()}
    for node in graph.nodes:
        if node[0] in section_of:
            doc[section_of[node[0]]].append(_node_record(graph, node))
    for section, (rel, _, src_field, _, dst_field) in LINK_SECTIONS.items():
        fields = FIELDS[section]
        for u, v, k, data in graph.edges(keys=True, data=True):
            if k == rel:
                found = knows_record(data) if rel == "KNOWS" else with_defaults(section, data)
                doc[section].append({src_field: u[1], dst_field: v[1], **{f: found[f] for f in fields[2:]}})
    for section, records in doc.items():
        records.sort(key=partial(_key_tuple, section))
    return {s: [ordered_record(s, r) for r in doc[s]] for s in SECTIONS}


def _node_record(graph: nx.MultiDiGraph, node: Node) -> dict[str, Any]:
    """The record of an OrgUnit, Person, Position or Introduction node (its fields in any order)."""
    label, attrs = node[0], node_attrs(graph)[node]
    if label == "OrgUnit":  # with_defaults: a unit stored before ``source`` existed reads as manual
        return with_defaults("org_units", {**attrs, "parent": target_of(graph, node, "PART_OF")})
    if label == "Person":
        return person_record(graph, node)
    if label == "Position":
        requires = sorted(v[1] for v, keyed in out_links(graph)[node].items() if "REQUIRES" in keyed)
        holders = sorted(
            (
                {"person": u[1], "since": keyed["HOLDS"]["since"]}
                for u, keyed in in_links(graph)[node].items()
                if "HOLDS" in keyed
            ),
            key=lambda h: h["person"],
        )
        return {
            **attrs,
            "org_unit": target_of(graph, node, "IN"),
            "reports_to": target_of(graph, node, "REPORTS_TO"),
            "requires": requires,
            "holders": holders,
        }
    return introduction_record(graph, node, attrs)


def stored_records(graph: nx.MultiDiGraph, section: str, keys: list[Any]) -> dict[Any, dict[str, Any]]:
    """key -> the record :func:`export_graph` gives, for those of ``keys`` that are stored (``Persistence``)."""
    found: dict[Any, dict[str, Any]] = {}  # by id, or by (a, b) for a link
    if section in NODE_SECTIONS:
        label = NODE_SECTIONS[section]
        for key in keys:
            if (label, key) in node_attrs(graph):
                found[key] = ordered_record(section, _node_record(graph, (label, key)))
        return found
    rel, src, src_field, dst, dst_field = LINK_SECTIONS[section]
    for key in keys:
        key = tuple(sorted(key)) if rel == "KNOWS" else key  # a KNOWS pair is unordered: a < b
        u, v = (src, key[0]), (dst, key[1])
        data = out_links(graph).get(u, {}).get(v, {}).get(rel)
        if data is None and rel == "KNOWS":
            data = out_links(graph).get(v, {}).get(u, {}).get(rel)
        if data is not None:
            found[tuple(key)] = ordered_record(
                section,
                {
                    src_field: key[0],
                    dst_field: key[1],
                    **(knows_record(data) if rel == "KNOWS" else with_defaults(section, data)),
                },
            )
    return found


def person_record(graph: nx.MultiDiGraph, node: Node) -> dict[str, Any]:
    skills, goals = {}, []
    for skill, keyed in out_links(graph)[node].items():
        if "HAS_SKILL" in keyed:
            skills[skill[1]] = keyed["HAS_SKILL"]["level"]
        if "WANTS_TO_GROW" in keyed:
            goals.append(skill[1])
    # with_defaults: a store written before a field existed reads as its default
    return with_defaults(
        "people",
        {
            **node_attrs(graph)[node],
            "org_unit": target_of(graph, node, "MEMBER_OF"),
            "skills": dict(sorted(skills.items())),
            "wants_to_grow": sorted(goals),
        },
    )


def knows_record(data: dict[str, Any]) -> dict[str, Any]:
    """A KNOWS link's properties with every field, a link stored before its provenance existed included.

    >>> knows_record({"since": None, "strength": 0.4, "context": "introduction"})["sources"]
    ['introduction']
    """
    if "sources" in data:
        return data
    record = {
        "since": data.get("since"),
        "strength": data.get("strength"),
        "context": data.get("context"),
        "declared_strength": data.get("strength"),
    }
    full = {**DEFAULTS["knows"], **record}
    return {**full, **provenance(full, given_sources=False, stored=None)}


def introduction_record(graph: nx.MultiDiGraph, node: Node, attrs: dict[str, Any]) -> dict[str, Any]:
    by = next(u[1] for u, keyed in in_links(graph)[node].items() if "MADE" in keyed)
    record = {
        "by": by,
        "introduce": target_of(graph, node, "INTRODUCES"),
        "to": target_of(graph, node, "TO"),
        **{k: attrs[k] for k in _INTRODUCTION_PROPS if k in attrs},
    }
    return ordered_record("introductions", with_defaults("introductions", record))


def ordered_record(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """Fields in the documented order, so exported files read the same from both stores."""
    return {f: record[f] for f in FIELDS[section]}


def _key_tuple(section: str, record: dict[str, Any]) -> tuple[Any, ...]:
    key = record_key(section, record)
    return key if isinstance(key, tuple) else (key,)
