"""The embedded store: a networkx graph in memory, persisted to one JSON file.

It needs no server, so ``netgraph`` works on a fresh machine with nothing but
Python. The file is an ordinary interchange document (it can be imported
anywhere), rewritten atomically on every change: written to a temporary file
beside it, flushed to disk, then renamed over the old one, so a crash leaves
either the old or the new graph, never half of one.

The graph is a :class:`networkx.MultiDiGraph` whose nodes are
``(label, id)`` tuples (a Skill's id is its name) and whose edge keys are the
relationship types, so each (source, target, type) exists at most once,
which gives merge semantics for free. KNOWS is stored once, from the smaller
id to the larger, and read both ways.

Examples
--------
>>> store = EmbeddedStore(None)   # in memory only
>>> store.write({"people": [{"id": "p1", "name": "Ada", "email": None, "title": None, "level": 5,
...     "location": None, "joined_on": None, "open_to_intros": True, "flight_risk": None,
...     "org_unit": None, "skills": {"python": 4}, "wants_to_grow": []}]})
>>> store.stats()["nodes"]["Skill"], store.stats()["relationships"]["HAS_SKILL"]
(1, 1)
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import threading
from pathlib import Path

import networkx as nx

from netgraph.errors import NetgraphError
from netgraph.model.introducers import introducer_ids
from netgraph.model.rules import PipelineWeights, RecommendSettings
from netgraph.model.validate import record_key
from netgraph.model.vocabulary import FIELDS, NODE_LABELS, RELATIONSHIP_TYPES, SECTIONS
from netgraph.store.embedded.network import PeopleNetwork, candidate_rows, neighbourhood
from netgraph.store.embedded.paths import strongest_path, strongest_paths_to_skill
from netgraph.store.embedded.succession import (
    affected_positions,
    pipeline_rows,
    position_rows,
    positions_index,
    unit_rows,
)
from netgraph.store.ports import Coverage, PipelineRow, Progress, RecommendationInputs

_NODE_SECTIONS = {"org_units": "OrgUnit", "people": "Person", "positions": "Position",
                  "introductions": "Introduction"}
_LINK_SECTIONS = {  # section -> (type, source label, source field, target label, target field)
    "knows": ("KNOWS", "Person", "a", "Person", "b"),
    "mentorships": ("MENTORS", "Person", "mentor", "Person", "mentee"),
    "successors": ("SUCCESSOR_FOR", "Person", "person", "Position", "position"),
}
_PARENT = {"org_units": ("OrgUnit", "PART_OF"), "positions": ("Position", "REPORTS_TO")}
_PROGRESS_EVERY = 10_000
_SETTLE_ABOVE_NODES = 10_000


class EmbeddedStore:
    """See the module docstring. ``path=None`` keeps the graph in memory only."""

    #: nothing to plan: queries are Python functions over the graph
    needs_warm_up = False

    def __init__(self, path: Path | str | None):
        self.path = Path(path) if path is not None else None
        self.graph = nx.MultiDiGraph()
        self._lock = threading.RLock()
        self._succession_cache: dict = {}
        if self.path is not None and self.path.exists():
            self._load()

    # -- the Store interface -------------------------------------------------

    def describe(self) -> str:
        return f"embedded store at {self.path}" if self.path else "embedded store in memory"

    def init_schema(self) -> None:
        """Nothing to do: uniqueness is the graph's node keys."""

    def existing_keys(self, section: str, keys: list) -> set:
        with self._lock:
            if section in _NODE_SECTIONS:
                label = _NODE_SECTIONS[section]
                return {k for k in keys if (label, k) in self.graph}
            rel, src, _, dst, _ = _LINK_SECTIONS[section]
            found = set()
            for key in keys:
                u, v = (src, key[0]), (dst, key[1])
                if self.graph.has_edge(u, v, rel) or (rel == "KNOWS" and self.graph.has_edge(v, u, rel)):
                    found.add(tuple(key))
            return found

    def parent_links(self, section: str) -> dict[str, str]:
        label, rel = _PARENT[section]
        with self._lock:
            return {u[1]: v[1] for u, v, k in self.graph.edges(keys=True) if k == rel and u[0] == label}

    def write(self, dataset: dict, *, progress: Progress | None = None) -> None:
        with self._lock:
            self._succession_cache.clear()
            backup = self.graph.copy() if self.path is None else None
            try:
                for section in SECTIONS:
                    records = dataset.get(section) or []
                    for done, record in enumerate(records, 1):
                        _WRITERS[section](self.graph, record)
                        if progress and (done % _PROGRESS_EVERY == 0 or done == len(records)):
                            progress(section, done, len(records))
                for section, (label, rel) in _PARENT.items():
                    field = "parent" if section == "org_units" else "reports_to"
                    for record in dataset.get(section) or []:
                        _set_single_link(self.graph, (label, record["id"]), rel, label, record[field])
                _drop_orphan_skills(self.graph)
                self._save()
                _settle(self.graph)
            except BaseException:
                # Leave memory exactly as the file says: the write did not happen.
                if backup is not None:
                    self.graph = backup
                else:
                    self.graph = nx.MultiDiGraph()
                    if self.path.exists():
                        self._load()
                raise

    def people(self, ids: list[str]) -> dict[str, dict]:
        with self._lock:
            return {i: _ordered_record("people", _person_record(self.graph, ("Person", i)))
                    for i in ids if ("Person", i) in self.graph}

    def skill_names(self) -> list[str]:
        with self._lock:
            return sorted(key for label, key in self.graph.nodes if label == "Skill")

    def recommendation_inputs(self, person: str, *, via: str, skill: str | None, since: str,
                              settings: RecommendSettings, limit: int) -> RecommendationInputs | None:
        with self._lock:
            found = self.people([person])
            if not found:
                return None
            record, contacts = found[person], self.contacts(person)
            introducers = introducer_ids(contacts, via)
            goals = [skill] if skill is not None else list(record["wants_to_grow"])
            rows = candidate_rows(self.graph, person, introducers, goals=goals, skill=skill, since=since,
                                  settings=settings) if introducers else []
            return {"person": record, "contacts": contacts, "introducers": introducers,
                    "skill_known": skill is None or ("Skill", skill) in self.graph, "rows": rows}

    def strongest_path(self, source: str, target: str, *, max_hops: int,
                       mentor_strength: float) -> dict | None:
        with self._lock:
            if ("Person", source) not in self.graph or ("Person", target) not in self.graph:
                return None
            return strongest_path(self.graph, source, target, max_hops=max_hops, mentor_strength=mentor_strength)

    def strongest_paths_to_skill(self, source: str, skill: str, *, max_hops: int, mentor_strength: float,
                                 limit: int) -> list[dict]:
        with self._lock:
            if ("Person", source) not in self.graph:
                return []
            return strongest_paths_to_skill(self.graph, source, skill, max_hops=max_hops,
                                            mentor_strength=mentor_strength, limit=limit)

    def neighbours(self, ids: list[str]) -> dict[str, list[str]]:
        with self._lock:
            net = PeopleNetwork(self.graph)
            return {i: sorted(net.neighbours(i)) for i in ids if ("Person", i) in self.graph}

    def cross_unit_contacts(self, ids: list[str]) -> dict[str, list[str]]:
        with self._lock:
            net = PeopleNetwork(self.graph)
            found = {}
            for i in ids:
                if ("Person", i) not in self.graph:
                    continue
                unit = net.unit(i)
                found[i] = sorted(o for o in net.neighbours(i) if net.unit(o) is not None and net.unit(o) != unit)
            return found

    def unit_members(self, units: list[str]) -> dict[str, list[str]]:
        with self._lock:
            return {u: sorted(p[1] for p, k in self.graph.pred["OrgUnit", u].items() if "MEMBER_OF" in k)
                    for u in units if ("OrgUnit", u) in self.graph}

    def _positions(self, leavers) -> object:
        """Holders and nominations per position, kept until the next write (what-ifs ask repeatedly)."""
        key = tuple(sorted(set(leavers)))
        if key not in self._succession_cache:
            if len(self._succession_cache) > 32:
                self._succession_cache.clear()
            self._succession_cache[key] = positions_index(self.graph, key)
        return self._succession_cache[key]

    def _all_position_rows(self, leavers) -> list[dict]:
        key = ("rows", tuple(sorted(set(leavers))))
        if key not in self._succession_cache:
            self._succession_cache[key] = position_rows(self.graph, leavers, positions=self._positions(leavers))
        return self._succession_cache[key]

    def position_coverage(self, leavers: list[str], ids: list[str] | None = None) -> list[dict]:
        with self._lock:
            if ids is None:
                return [dict(r) for r in self._all_position_rows(leavers)]
            return position_rows(self.graph, leavers, ids, positions=self._positions(leavers))

    def coverage(self, leavers: list[str]) -> Coverage:
        with self._lock:
            positions = self._all_position_rows(leavers)
            return {"positions": [dict(r) for r in positions], "units": unit_rows(self.graph, positions)}

    def positions_affected_by(self, leavers: list[str]) -> dict[str, list[str]]:
        with self._lock:
            return affected_positions(self.graph, leavers)

    def unit_bench(self, units: list[str]) -> dict[str, tuple[int, int]]:
        with self._lock:
            rows = {r["id"]: r for r in unit_rows(self.graph, self._all_position_rows(()))}
            return {u: (rows[u]["critical"], rows[u]["critical_covered"]) if u in rows else (0, 0) for u in units}

    def pipeline(self, positions: list[str], weights: PipelineWeights, limit: int) -> list[PipelineRow]:
        with self._lock:
            return pipeline_rows(self.graph, positions, weights, limit, known=self._positions(()))

    def mentees_losing_mentors(self, leavers: list[str]) -> list[dict]:
        with self._lock:
            gone, found = set(leavers), {}
            for leaver in gone:
                if ("Person", leaver) not in self.graph:
                    continue
                for mentee, keyed in self.graph.succ["Person", leaver].items():
                    if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active" and mentee[1] not in gone:
                        mentors = [m[1] for m, k in self.graph.pred[mentee].items()
                                   if "MENTORS" in k and k["MENTORS"]["status"] == "active"]
                        if all(m in gone for m in mentors):
                            found[mentee[1]] = sorted(mentors)
            return [{"mentee": m, "mentors": found[m]} for m in sorted(found)]

    def search_people(self, text: str, limit: int) -> list[dict]:
        with self._lock:
            wanted = text.lower()
            found = []
            for node, attrs in self.graph.nodes(data=True):
                if node[0] == "Person" and wanted in attrs["name"].lower():
                    unit = _target(self.graph, node, "MEMBER_OF")
                    found.append({"id": node[1], "name": attrs["name"], "title": attrs.get("title"),
                                  "org_unit": unit,
                                  "org_unit_name": self.graph.nodes["OrgUnit", unit]["name"] if unit else None})
            return sorted(found, key=lambda r: (r["name"], r["id"]))[:limit]

    def mentorships_of(self, person: str) -> list[dict]:
        with self._lock:
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            rows = [{"as_mentor": direction == "out", "other": other, "name": net.person(other)["name"],
                     **{k: data[k] for k in ("since", "until", "status", "kind")}, "focus": list(data["focus"])}
                    for other, rel, direction, data in net.links(person) if rel == "MENTORS"]
            return sorted(rows, key=lambda r: (r["as_mentor"], r["status"], r["other"]))

    def mentors_by_load(self) -> list[dict]:
        with self._lock:
            load: dict[tuple, int] = {}
            for u, _, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS" and d["status"] == "active":
                    load[u] = load.get(u, 0) + 1
            rows = [{"id": u[1], "name": self.graph.nodes[u]["name"], "mentees": n} for u, n in load.items()]
            return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))

    def mentees_without_mentor(self) -> list[dict]:
        with self._lock:
            status: dict[tuple, bool] = {}
            for _, v, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS":
                    status[v] = status.get(v, False) or d["status"] == "active"
            return [{"id": v[1], "name": self.graph.nodes[v]["name"]}
                    for v in sorted(status) if not status[v]]

    def neighbourhood(self, person: str, depth: int, limit: int) -> dict | None:
        with self._lock:
            if ("Person", person) not in self.graph:
                return None
            return neighbourhood(self.graph, person, depth, limit)

    def contacts(self, person: str) -> list[dict]:
        with self._lock:
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            found: dict[str, dict] = {}
            for other, rel, direction, data in net.links(person):
                row = found.setdefault(other, {"id": other, "name": net.person(other)["name"], "knows": None,
                                               "mentors_them": None, "mentored_by_them": None})
                if rel == "KNOWS":
                    row["knows"] = data["strength"]
                else:
                    row["mentored_by_them" if direction == "out" else "mentors_them"] = data["status"]
            return [found[k] for k in sorted(found)]


    def _introduction_nodes(self, person: str | None, id: str | None) -> list[tuple]:
        """Introduction nodes to look at: one by id, a person's own (their links), or all."""
        if id is not None:
            return [("Introduction", id)] if ("Introduction", id) in self.graph else []
        if person is not None:
            node = ("Person", person)
            if node not in self.graph:
                return []
            linked = [n for n in self.graph.pred[node] if n[0] == "Introduction"]
            linked += [n for n in self.graph.succ[node] if n[0] == "Introduction"]
            return sorted(set(linked))
        return [n for n in self.graph.nodes if n[0] == "Introduction"]

    def introductions(self, *, person: str | None = None, status: str | None = None,
                      id: str | None = None) -> list[dict]:
        with self._lock:
            found = []
            for node in self._introduction_nodes(person, id):
                attrs = self.graph.nodes[node]
                record = _introduction_record(self.graph, node, attrs)
                if (status is None or record["status"] == status) and (
                        person is None or person in (record["by"], record["introduce"], record["to"])):
                    found.append(record)
        found.sort(key=lambda r: r["id"])
        found.sort(key=lambda r: r["created_on"], reverse=True)
        return found

    def export(self) -> dict:
        with self._lock:
            return export_graph(self.graph)

    def stats(self) -> dict:
        with self._lock:
            nodes = dict.fromkeys(NODE_LABELS, 0)
            for label, _ in self.graph.nodes:
                nodes[label] += 1
            rels = dict.fromkeys(RELATIONSHIP_TYPES, 0)
            for _, _, rel in self.graph.edges(keys=True):
                rels[rel] += 1
            return {"nodes": nodes, "relationships": rels}

    def clear(self) -> None:
        with self._lock:
            self._succession_cache.clear()
            self.graph = nx.MultiDiGraph()
            self._save()

    def close(self) -> None:
        """Nothing is held open between writes."""

    # -- persistence ----------------------------------------------------------

    def _load(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as exc:
            raise NetgraphError(f"cannot read the embedded store {self.path}: {exc}") from exc
        graph = nx.MultiDiGraph()
        for section in SECTIONS:
            for record in document.get(section, []):
                _WRITERS[section](graph, record)
        for section, (label, rel) in _PARENT.items():
            field = "parent" if section == "org_units" else "reports_to"
            for record in document.get(section, []):
                _set_single_link(graph, (label, record["id"]), rel, label, record[field])
        self.graph = graph
        _settle(graph)

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(export_graph(self.graph), handle, ensure_ascii=False, separators=(",", ":"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _settle(graph: nx.MultiDiGraph) -> None:
    """Keep Python's cycle collector off the graph's millions of long-lived dicts.

    Without this, a query that allocates a lot (a coverage report) can trigger
    a full collection that scans the whole graph: at 100k people that turned a
    1 s report into 2-3 s at random. The graph is freed as usual when dropped.
    """
    if len(graph) > _SETTLE_ABOVE_NODES:
        gc.collect()
        gc.freeze()


# -- writing records into the graph ----------------------------------------------


def _set_node(graph: nx.MultiDiGraph, label: str, key: str, props: dict) -> tuple:
    node = (label, key)
    if node in graph:
        attrs = graph.nodes[node]
        attrs.clear()
        attrs.update(props)
    else:
        graph.add_node(node, **props)
    return node


def _drop_out_links(graph: nx.MultiDiGraph, node: tuple, rel: str) -> None:
    stale = [(node, v, k) for _, v, k in graph.out_edges(node, keys=True) if k == rel]
    graph.remove_edges_from(stale)


def _drop_in_links(graph: nx.MultiDiGraph, node: tuple, rel: str) -> None:
    stale = [(u, node, k) for u, _, k in graph.in_edges(node, keys=True) if k == rel]
    graph.remove_edges_from(stale)


def _set_single_link(graph, node, rel, target_label, target_id) -> None:
    _drop_out_links(graph, node, rel)
    if target_id is not None:
        graph.add_edge(node, (target_label, target_id), key=rel)


def _skill(graph: nx.MultiDiGraph, name: str) -> tuple:
    node = ("Skill", name)
    if node not in graph:
        graph.add_node(node, name=name)
    return node


def _write_org_unit(graph, r) -> None:
    _set_node(graph, "OrgUnit", r["id"], {"id": r["id"], "name": r["name"]})


def _write_person(graph, r) -> None:
    props = {k: r[k] for k in ("id", "name", "email", "title", "level", "location", "joined_on",
                               "open_to_intros", "flight_risk")}
    node = _set_node(graph, "Person", r["id"], props)
    _set_single_link(graph, node, "MEMBER_OF", "OrgUnit", r["org_unit"])
    _drop_out_links(graph, node, "HAS_SKILL")
    for name, level in r["skills"].items():
        graph.add_edge(node, _skill(graph, name), key="HAS_SKILL", level=level)
    _drop_out_links(graph, node, "WANTS_TO_GROW")
    for name in r["wants_to_grow"]:
        graph.add_edge(node, _skill(graph, name), key="WANTS_TO_GROW")


def _write_position(graph, r) -> None:
    props = {k: r[k] for k in ("id", "title", "level", "critical")}
    node = _set_node(graph, "Position", r["id"], props)
    _set_single_link(graph, node, "IN", "OrgUnit", r["org_unit"])
    _drop_out_links(graph, node, "REQUIRES")
    for name in r["requires"]:
        graph.add_edge(node, _skill(graph, name), key="REQUIRES")
    _drop_in_links(graph, node, "HOLDS")
    for holder in r["holders"]:
        graph.add_edge(("Person", holder["person"]), node, key="HOLDS", since=holder["since"])


def _link_writer(section: str):
    rel, src, src_field, dst, dst_field = _LINK_SECTIONS[section]
    prop_names = [k for k in FIELDS[section] if k not in (src_field, dst_field)]

    def write(graph, r) -> None:
        u, v = (src, r[src_field]), (dst, r[dst_field])
        props = {k: r[k] for k in prop_names}
        if rel == "KNOWS" and graph.has_edge(v, u, rel):
            u, v = v, u
        if graph.has_edge(u, v, rel):
            attrs = graph.edges[u, v, rel]
            attrs.clear()
            attrs.update(props)
        else:
            graph.add_edge(u, v, key=rel, **props)

    return write


def _write_introduction(graph, r) -> None:
    props = {k: r[k] for k in ("id", "status", "created_on", "note", "outcome")}
    node = _set_node(graph, "Introduction", r["id"], props)
    _drop_in_links(graph, node, "MADE")
    graph.add_edge(("Person", r["by"]), node, key="MADE")
    _set_single_link(graph, node, "INTRODUCES", "Person", r["introduce"])
    _set_single_link(graph, node, "TO", "Person", r["to"])


def _drop_orphan_skills(graph: nx.MultiDiGraph) -> None:
    """A skill exists while something has, wants or requires it (as in Neo4j)."""
    orphans = [n for n in graph.nodes if n[0] == "Skill" and graph.degree(n) == 0]
    graph.remove_nodes_from(orphans)


_WRITERS = {
    "org_units": _write_org_unit,
    "people": _write_person,
    "positions": _write_position,
    "knows": _link_writer("knows"),
    "mentorships": _link_writer("mentorships"),
    "successors": _link_writer("successors"),
    "introductions": _write_introduction,
}


# -- reading the graph back as a document -------------------------------------------


def _target(graph, node, rel):
    for _, v, k in graph.out_edges(node, keys=True):
        if k == rel:
            return v[1]
    return None


def export_graph(graph: nx.MultiDiGraph) -> dict:
    """The graph as a normalized interchange document, every section sorted by key."""
    doc: dict[str, list[dict]] = {s: [] for s in SECTIONS}
    for node, attrs in graph.nodes(data=True):
        label = node[0]
        if label == "OrgUnit":
            doc["org_units"].append({**attrs, "parent": _target(graph, node, "PART_OF")})
        elif label == "Person":
            doc["people"].append(_person_record(graph, node))
        elif label == "Position":
            requires = sorted(v[1] for _, v, k in graph.out_edges(node, keys=True) if k == "REQUIRES")
            holders = sorted(({"person": u[1], "since": d["since"]}
                              for u, _, k, d in graph.in_edges(node, keys=True, data=True) if k == "HOLDS"),
                             key=lambda h: h["person"])
            doc["positions"].append({**attrs, "org_unit": _target(graph, node, "IN"),
                                     "reports_to": _target(graph, node, "REPORTS_TO"),
                                     "requires": requires, "holders": holders})
        elif label == "Introduction":
            doc["introductions"].append(_introduction_record(graph, node, attrs))
    for section, (rel, _, src_field, _, dst_field) in _LINK_SECTIONS.items():
        fields = FIELDS[section]
        for u, v, k, data in graph.edges(keys=True, data=True):
            if k == rel:
                doc[section].append({src_field: u[1], dst_field: v[1], **{f: data[f] for f in fields[2:]}})
    for section, records in doc.items():
        records.sort(key=lambda r, s=section: _key_tuple(s, r))
    return _ordered(doc)


def _person_record(graph: nx.MultiDiGraph, node: tuple) -> dict:
    skills, goals = {}, []
    for _, skill, rel, data in graph.out_edges(node, keys=True, data=True):
        if rel == "HAS_SKILL":
            skills[skill[1]] = data["level"]
        elif rel == "WANTS_TO_GROW":
            goals.append(skill[1])
    return {**graph.nodes[node], "org_unit": _target(graph, node, "MEMBER_OF"),
            "skills": dict(sorted(skills.items())), "wants_to_grow": sorted(goals)}


def _introduction_record(graph: nx.MultiDiGraph, node: tuple, attrs: dict) -> dict:
    by = next(u[1] for u, _, k in graph.in_edges(node, keys=True) if k == "MADE")
    return {"id": attrs["id"], "by": by, "introduce": _target(graph, node, "INTRODUCES"),
            "to": _target(graph, node, "TO"), **{k: attrs[k] for k in ("status", "created_on", "note", "outcome")}}


def _key_tuple(section, record):
    key = record_key(section, record)
    return key if isinstance(key, tuple) else (key,)


def _ordered_record(section: str, record: dict) -> dict:
    return {f: record[f] for f in FIELDS[section]}


def _ordered(doc: dict) -> dict:
    """Fields in the documented order, so exported files read the same from both stores."""
    return {s: [_ordered_record(s, r) for r in doc[s]] for s in SECTIONS}
