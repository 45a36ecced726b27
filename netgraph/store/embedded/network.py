"""The people network of the embedded store, read straight off its networkx graph.

The embedded store keeps one ``MultiDiGraph`` of every node kind; the
analyses only need its *people network*: the undirected simple graph of
KNOWS and MENTORS links between people. These functions walk that network in
place (no copy per query) and
compute what ``cypher/recommendation_inputs.cypher`` and the warm-path
statements compute on Neo4j, row for row.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from netgraph.model import learned, rules
from netgraph.model.learned import LearnedPlausibility
from netgraph.model.rules import RecommendSettings
from netgraph.model.ties import own_source
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.ports import CandidateRow, Neighbourhood, NeighbourhoodLink, NeighbourhoodPerson


def live(keyed: dict[str, Any], rel: str) -> bool:
    """Whether the links ``keyed`` (type -> data) hold a ``rel`` that counts: a retired KNOWS does not.

    A retired tie (``retired_on``: its evidence has faded) stays stored, for
    its record, but is in no analysis: not a contact, not a path, not a degree.
    """
    data = keyed.get(rel)
    return data is not None and (rel != "KNOWS" or data.get("retired_on") is None)


def tie_sources(data: dict[str, Any]) -> list[str]:
    """A KNOWS link's sources, a link stored before they existed included (records.knows_record)."""
    return data.get("sources") or [own_source(data.get("context"))]


class PeopleNetwork:
    """A read-only view of the people network of ``graph`` (nodes are person ids).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for i in "abc": g.add_node(("Person", i), id=i, name=i.upper(), open_to_intros=True)
    >>> _ = g.add_edge(("Person", "a"), ("Person", "b"), key="KNOWS", strength=0.8, since=None)
    >>> _ = g.add_edge(("Person", "a"), ("Person", "b"), key="MENTORS", status="active", since=None)
    >>> _ = g.add_edge(("Person", "c"), ("Person", "b"), key="KNOWS", strength=0.5, since=None)
    >>> net = PeopleNetwork(g)
    >>> sorted(net.neighbours("b")), net.degree("b"), net.degree("a")
    (['a', 'c'], 2, 1)
    """

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        # networkx's own dicts (adjacency.py): a public view costs a wrapper object per lookup
        self._out, self._in, self._nodes = out_links(graph), in_links(graph), node_attrs(graph)
        self._degrees: dict[str, int] = {}

    def links(self, person: str, *, history: bool = False) -> Iterable[tuple[str, str, str, dict[str, Any]]]:
        """(other, type, direction "out"/"in", data) for every KNOWS/MENTORS link of ``person``
        to someone who has not left (people who left are not in the network; ``history``: them too)."""
        node, nodes = ("Person", person), self._nodes
        # live() written out: this loop runs for every contact of every candidate of a recommendation,
        # and a call per link and type would cost more than the walk itself
        for direction, adjacent in (("out", self._out[node]), ("in", self._in[node])):
            for other, keyed in adjacent.items():
                knows, mentors = keyed.get("KNOWS"), keyed.get("MENTORS")
                if (knows is None and mentors is None) or (not history and nodes[other].get("status") == "left"):
                    continue
                if knows is not None and knows.get("retired_on") is None:
                    yield other[1], "KNOWS", direction, knows
                if mentors is not None:
                    yield other[1], "MENTORS", direction, mentors

    def neighbours(self, person: str) -> set[str]:
        """The people ``person`` is linked to by KNOWS or MENTORS, leaving out those who left."""
        node, nodes = ("Person", person), self._nodes
        found = {
            o[1]
            for o, keyed in self._out[node].items()  # live() written out, as in links()
            if (((k := keyed.get("KNOWS")) is not None and k.get("retired_on") is None) or "MENTORS" in keyed)
            and nodes[o].get("status") != "left"
        }
        found.update(
            o[1]
            for o, keyed in self._in[node].items()
            if (((k := keyed.get("KNOWS")) is not None and k.get("retired_on") is None) or "MENTORS" in keyed)
            and nodes[o].get("status") != "left"
        )
        return found

    def has_left(self, person: str) -> bool:
        left: bool = self._nodes["Person", person].get("status") == "left"
        return left

    def degree(self, person: str) -> int:
        """Degree in the simple undirected people network (a pair counts once)."""
        if person not in self._degrees:
            self._degrees[person] = len(self.neighbours(person))
        return self._degrees[person]

    def person(self, person: str) -> dict[str, Any]:
        attrs: dict[str, Any] = self._nodes["Person", person]
        return attrs

    def is_open(self, person: str) -> bool:
        return self.person(person).get("open_to_intros", True) is not False

    def unit(self, person: str) -> str | None:
        for other, keyed in self._out["Person", person].items():
            if "MEMBER_OF" in keyed:
                unit: str = other[1]
                return unit
        return None

    def unit_name(self, unit: str) -> str:
        """An org unit's name (networkx's own dict: ``graph.nodes[...]`` costs a view per candidate)."""
        name: str = self._nodes["OrgUnit", unit]["name"]
        return name

    def introduced_to(self, person: str) -> set[str]:
        """Everyone on the other side of an introduction (any status) with ``person``."""
        found = set()
        for intro, keyed in self._in["Person", person].items():
            if intro[0] == "Introduction" and ("INTRODUCES" in keyed or "TO" in keyed):
                for other, k in self._out[intro].items():
                    if ("INTRODUCES" in k or "TO" in k) and other[1] != person:
                        found.add(other[1])
        return found

    def recent_introductions(self, person: str, since: str) -> int:
        """Introductions of ``person`` (either side, each link once) created on or after ``since``.

        A plain loop: it runs for every candidate of a recommendation, and a generator with an
        inner loop per link type cost the request more than any other single step.
        """
        nodes, found = self._nodes, 0
        for intro, keyed in self._in["Person", person].items():
            if intro[0] == "Introduction":
                links = ("INTRODUCES" in keyed) + ("TO" in keyed)
                if links and nodes[intro]["created_on"] >= since:
                    found += links
        return found

    def rated_outcomes(self, person: str) -> list[int]:
        nodes = self._nodes
        return [
            nodes[intro]["outcome"]
            for intro, keyed in self._out["Person", person].items()
            if "MADE" in keyed and nodes[intro]["outcome"] is not None
        ]

    def has_skill(self, person: str, skill: str) -> bool:
        return "HAS_SKILL" in self._out["Person", person].get(("Skill", skill), {})

    def skill_levels(self, person: str, skills: Iterable[str]) -> list[list[Any]]:
        succ = self._out["Person", person]
        return [
            [s, succ[("Skill", s)]["HAS_SKILL"]["level"]]
            for s in sorted(set(skills))
            if "HAS_SKILL" in succ.get(("Skill", s), {})
        ]


def candidate_rows(
    graph: nx.MultiDiGraph,
    person: str,
    introducers: list[str],
    *,
    goals: list[str],
    skill: str | None,
    since: str,
    settings: RecommendSettings,
    limit: int,
    pair_events: Callable[[], Mapping[str, int]] | None = None,
) -> list[CandidateRow]:
    """One row per candidate who can reach the first ``limit`` places, through its best introducer.

    The same exclusions, numbers and choice of introducer as
    ``recommendation_inputs.cypher`` (the caller scores and ranks), which
    leaves out the candidates below :func:`~netgraph.model.rules.plausibility_floor`
    of ``limit`` as this does (``limit`` at least the number of candidates:
    every candidate). Every
    candidate knows an introducer, who is one of the person's contacts, so one
    walk person -> contact z -> candidate gives the Adamic-Adar sum, the
    plausibility sum (:func:`~netgraph.model.rules.plausibility_term` over the
    common contacts) and the introducer links. ``pair_events``: the person's own
    events with everyone they have evidence with (read only when the model uses
    ``pair_contacts``).
    """
    net = PeopleNetwork(graph)
    w = settings.normalized_weights()
    mentor_strength, prior = settings.mentor_tie_strength, settings.track_record_prior
    missing = settings.missing_strength
    mine: dict[str, float] = {}  # contact -> the strongest link between the person and them
    for z, rel, _, data in net.links(person):
        tie = rules.link_strength(data["strength"], missing) if rel == "KNOWS" else mentor_strength
        mine[z] = max(mine.get(z, tie), tie)
    reached = {net.unit(x) for x in mine} | {net.unit(person)}
    excluded = set(mine) | net.introduced_to(person) | {person}
    introducer_set = set(introducers)
    # candidate -> [Adamic-Adar, plausibility, common contacts]; with a learned model, then
    # [resource allocation, strongest path, the person's strengths, the candidate's] (netgraph/model/learned.py)
    sums: dict[str, list[Any]] = {}
    model = settings.plausibility
    # with a learned model: the walk as flat lists (each candidate reached, z's link to them), and per
    # contact z (how many candidates it reached, the person's link to z, z's degree); summed at once below
    walk: list[str] = []
    walk_ties: list[float] = []
    contacts: list[tuple[int, float, int]] = []
    options: dict[str, list[tuple[Any, ...]]] = {}
    plausibility_term = rules.plausibility_term
    for z in sorted(mine):
        track = rated = None
        if z in introducer_set:
            outcomes = net.rated_outcomes(z)
            rated = len(outcomes)
            track = rules.track_record(outcomes, prior)
        ties: dict[str, float] = {}  # candidate -> the strongest link between z and them
        for c, rel, direction, data in net.links(z):
            if c in excluded:
                continue
            tie = rules.link_strength(data["strength"], missing) if rel == "KNOWS" else mentor_strength
            known = ties.get(c)
            if known is None or tie > known:
                ties[c] = tie
            if track is not None:
                kind = "knows" if rel == "KNOWS" else ("mentors" if direction == "out" else "mentored_by")
                term = rules.introducer_term(tie, track, w)
                options.setdefault(c, []).append((-term, z, kind, tie, data.get("since"), rated, track))
        if ties:
            degree, person_tie = net.degree(z), mine[z]
            if model is not None:
                walk.extend(ties)
                walk_ties.extend(ties.values())
                contacts.append((len(ties), person_tie, degree))
                continue
            weight = learned.adamic_adar_term(degree)
            for c, tie in ties.items():
                found = sums.get(c)
                if found is None:
                    sums[c] = [weight, plausibility_term(person_tie, tie, degree), 1]
                else:
                    found[0] += weight
                    found[1] += plausibility_term(person_tie, tie, degree)
                    found[2] += 1
    if model is not None and walk:
        index, table, counts = walk_sums(walk, walk_ties, contacts)
        parts = zip(table[:, 0].tolist(), table[:, 3].tolist(), counts.tolist(), strict=True)
        sums = dict(zip(index, map(list, parts), strict=True))
    eligible = [c for c in options if net.is_open(c) and (skill is None or net.has_skill(c, skill))]
    if model is not None and eligible:
        picked = table[[index[c] for c in eligible]]
        met = pair_events() if pair_events is not None and model.uses("pair_contacts") else {}
        features, log_odds = _learned(picked, eligible, model, net, person, len(mine), met)
        # only those who can still reach the first `limit` places, as recommendation_inputs.cypher: on the
        # log side (rules.log_odds_floor), the odds only for those above the floor
        least = rules.log_odds_floor(
            sorted(log_odds.tolist(), reverse=True), limit, settings.value_band, settings.new_unit_place
        )
        kept = np.flatnonzero(log_odds >= least).tolist()
        plausibility = np.exp(log_odds[kept]).tolist()
        shown = features[kept].tolist()
    else:
        # the rest cost a row each (names, skills, introductions) and a score, for nothing
        scores = [sums[c][1] for c in eligible]
        least = rules.plausibility_floor(
            sorted(scores, reverse=True), limit, settings.value_band, settings.new_unit_place
        )
        kept = [k for k, score in enumerate(scores) if score >= least]
        plausibility = [scores[k] for k in kept]
        shown = [[] for _ in kept]
    rows: list[CandidateRow] = []
    for k, odds, learned_features in zip(kept, plausibility, shown, strict=True):
        c = eligible[k]
        _, z, kind, tie, since_, rated, track = min(options[c])
        attrs, introducer = net.person(c), net.person(z)
        unit = net.unit(c)
        rows.append(
            {
                "candidate": c,
                "name": attrs["name"],
                "preferred_name": attrs.get("preferred_name"),
                "level": attrs.get("level"),
                "org_unit": unit,
                "org_unit_name": net.unit_name(unit) if unit else None,
                "introducer": z,
                "introducer_name": introducer["name"],
                "introducer_preferred_name": introducer.get("preferred_name"),
                "tie_strength": tie,
                "tie_kind": kind,
                "tie_since": since_,
                "introducer_rated": rated,
                "track_record": track,
                "goal_skills": net.skill_levels(c, goals),
                "plausibility": odds,
                "adamic_adar": sums[c][0],
                "common_contacts": sums[c][2],
                "new_reach": rules.new_reach(unit, reached) == 1.0,
                "recent_introductions": net.recent_introductions(c, since),
                "features": learned_features,
            }
        )
    return rows


def walk_sums(
    walk: list[str], walk_ties: list[float], contacts: list[tuple[int, float, int]]
) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Every candidate's sums over their common contacts, for all candidates at once, as arrays.

    ``walk``: each candidate reached, contact by contact (a candidate once per common contact),
    ``walk_ties``: z's link to them; ``contacts``: per contact z in the walk's order, how many
    candidates it reached, the person's link to z and z's degree. Returns each candidate's row
    (first reached, first row), the first seven :data:`~netgraph.model.learned.LEARNABLE` features
    per row, and the number of common contacts.

    The same numbers as the rules one candidate at a time: each per-contact factor comes from
    its rule (``learned.adamic_adar_term``, ``learned.resource_allocation_term``), the products are
    those of ``rules.plausibility_term`` (``person_tie * candidate_tie / log(degree)``) and
    ``learned.strongest_two_link_path``, and ``np.bincount`` and ``np.maximum.at`` add in the walk's
    order, as the loop did (tests/unit/test_walk_sums.py holds the two together). A loop per
    candidate and contact cost a recommendation more than the rest of its learned score.
    """
    index = dict(zip(dict.fromkeys(walk), range(len(walk)), strict=False))
    at = np.fromiter(map(index.__getitem__, walk), np.intp, len(walk))
    reached = [n for n, _, _ in contacts]
    per_contact = np.array(
        [(learned.adamic_adar_term(d), learned.resource_allocation_term(d), math.log(d), t) for _, t, d in contacts],
        dtype=np.float64,
    ).repeat(reached, axis=0)
    ties = np.array(walk_ties, dtype=np.float64)
    paths = per_contact[:, 3] * ties  # each two-link path, person_tie * candidate_tie
    n = len(index)
    table = np.empty((n, 7), dtype=np.float64)
    table[:, 0] = np.bincount(at, per_contact[:, 0], n)  # adamic_adar
    table[:, 1] = np.bincount(at, per_contact[:, 1], n)  # resource_allocation
    counts = np.bincount(at, minlength=n)
    table[:, 2] = counts  # common_contacts
    table[:, 3] = np.bincount(at, paths / per_contact[:, 2], n)  # strength_adamic_adar (plausibility_term)
    strongest = np.zeros(n, dtype=np.float64)
    np.maximum.at(strongest, at, paths)
    table[:, 4] = strongest  # strongest_path
    table[:, 5] = np.bincount(at, per_contact[:, 3], n)  # person_strength
    table[:, 6] = np.bincount(at, ties, n)  # candidate_strength
    return index, table, counts


def _learned(
    found: np.ndarray,
    candidates: list[str],
    model: LearnedPlausibility,
    net: PeopleNetwork,
    person: str,
    degree: int,
    met: Mapping[str, int],
) -> tuple[np.ndarray, np.ndarray]:
    """The candidates' learned features (a row each, in the model's order) and log-odds, all at once.

    As ``recommendation_inputs.cypher``: the features are one array, a row per candidate in
    :data:`~netgraph.model.learned.LEARNABLE` order, made from the walk's sums (``found``, a row
    per candidate) in one step; the log-odds of every candidate come first, as the plausibility floor
    needs them (on the log side), and only the candidates above it get a row, their odds and their
    features as a list.
    """
    person_unit, person_level = net.unit(person), net.person(person).get("level")
    same_unit, level_gap = learned.same_unit, learned.candidate_level_gap
    values = np.empty((len(candidates), len(learned.LEARNABLE)), dtype=np.float64)
    values[:, :_FROM_SUMS] = found
    values[:, _FROM_SUMS] = degree
    values[:, _FROM_SUMS + 1] = [same_unit(person_unit, net.unit(c)) for c in candidates]
    values[:, _FROM_SUMS + 2] = [level_gap(person_level, net.person(c).get("level")) for c in candidates]
    values[:, _FROM_SUMS + 3] = [learned.pair_contacts(met.get(c)) for c in candidates] if met else 0.0
    if model.features != learned.LEARNABLE:
        values = values[:, model.columns]
    return values, learned.learned_log_odds(values, model)


#: How many of the LEARNABLE features come from the walk's sums (walk_sums): adamic_adar,
#: resource_allocation, common_contacts, strength_adamic_adar, strongest_path, person_strength,
#: candidate_strength; then person_degree, same_unit, level_gap and pair_contacts.
_FROM_SUMS = 7


def neighbourhood(graph: nx.MultiDiGraph, person: str, depth: int, limit: int) -> Neighbourhood:
    """As ``neighbourhood.cypher``: rings of people around ``person``, capped, and the links among them."""
    net = PeopleNetwork(graph)
    seen = {person}
    rings = []
    frontier = [] if net.has_left(person) else [person]  # someone who left has no rings
    for _ in range(depth):
        ring = sorted({x for y in frontier for x in net.neighbours(y)} - seen)
        rings.append(ring)
        seen.update(ring)
        frontier = ring
    everyone = [x for ring in rings for x in ring]
    shown = [person] + everyone[:limit]
    distance = {person: 0, **{x: d for d, ring in enumerate(rings, 1) for x in ring}}
    people: list[NeighbourhoodPerson] = [
        {
            "id": x,
            "name": net.person(x)["name"],
            "title": net.person(x).get("title"),
            "level": net.person(x).get("level"),
            "org_unit": net.unit(x),
            "distance": distance[x],
        }
        for x in shown
    ]
    inside = set(shown)
    links: list[NeighbourhoodLink] = []
    introduced: list[NeighbourhoodLink] = []
    for a in shown:
        for b, keyed in net._out["Person", a].items():
            if b[0] == "Person" and b[1] in inside:
                for rel in ("KNOWS", "MENTORS"):
                    if live(keyed, rel):
                        d = keyed[rel]
                        links.append(
                            {
                                "from": a,
                                "to": b[1],
                                "type": rel,
                                "strength": d.get("strength"),
                                "status": d.get("status"),
                                "kind": d.get("kind"),
                                "sources": tie_sources(d) if rel == "KNOWS" else None,
                                "last_seen": d.get("last_seen"),
                            }
                        )
        for intro, keyed in net._in["Person", a].items():
            if intro[0] == "Introduction" and "INTRODUCES" in keyed:
                for b, k in net._out[intro].items():
                    if "TO" in k and b[1] in inside:
                        introduced.append(
                            {
                                "from": a,
                                "to": b[1],
                                "type": "INTRODUCTION",
                                "strength": None,
                                "status": net._nodes[intro]["status"],
                                "kind": None,
                                "sources": None,
                                "last_seen": None,
                            }
                        )
    links.sort(key=lambda link: (link["from"], link["to"], link["type"]))
    introduced.sort(key=lambda link: (link["from"], link["to"], link["status"]))
    return {"total": len(everyone), "people": people, "links": links + introduced}
