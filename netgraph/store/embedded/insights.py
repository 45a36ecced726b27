"""The contact network of the embedded store, read straight off the in-memory graph.

One pass over the people and their KNOWS/MENTORS links, by the definition
matching's projection shares (``contacts.py``; Neo4j's twin is
``cypher/insights/contact_network.cypher``), without building a networkx
graph first, which would cost several times as much.
"""

from __future__ import annotations

import networkx as nx

from netgraph.model.rules import link_strength
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.contacts import is_contact_link, present_people
from netgraph.store.embedded.network import live
from netgraph.store.ports import ContactNetwork, DepartureLink, GrowthLinks, PersonFacts


def contact_network(graph: nx.MultiDiGraph, *, mentor_strength: float, missing_strength: float) -> ContactNetwork:
    """The contact network of ``graph`` (the store's mirror), people sorted by id, links by position pair."""
    nodes, succ = node_attrs(graph), out_links(graph)
    present = present_people(graph)
    people = sorted(node[1] for node in present)
    index = {person: i for i, person in enumerate(people)}
    units: list[str | None] = []
    strongest: dict[tuple[int, int], float] = {}
    for i, person in enumerate(people):
        unit = None
        for other, keyed in succ["Person", person].items():
            if "MEMBER_OF" in keyed:
                unit = other[1]
                continue
            if other not in present or not is_contact_link(keyed):
                continue
            j = index[other[1]]
            strength = None
            if live(keyed, "KNOWS"):
                strength = link_strength(keyed["KNOWS"].get("strength"), missing_strength)
            if "MENTORS" in keyed:
                strength = mentor_strength if strength is None else max(strength, mentor_strength)
            if strength is not None:
                pair = (i, j) if i < j else (j, i)
                strongest[pair] = max(strongest.get(pair, strength), strength)
        units.append(unit)
    links = [[i, j, strength] for (i, j), strength in sorted(strongest.items())]
    parents: dict[str, str | None] = {}
    for key, _ in nodes.items():
        if key[0] == "OrgUnit":
            parents[key[1]] = next((o[1] for o, keyed in succ[key].items() if "PART_OF" in keyed), None)
    return {"people": people, "units": units, "links": links, "unit_parents": dict(sorted(parents.items()))}


def person_facts(graph: nx.MultiDiGraph) -> dict[str, PersonFacts]:
    """Flight risk, skills and skills wanted of everyone who has not left (``cypher/insights/person_facts``):
    each person's own links walked once, none of the rest of their record built."""
    nodes, succ = node_attrs(graph), out_links(graph)
    found: dict[str, PersonFacts] = {}
    for node in present_people(graph):
        skills: dict[str, int] = {}
        goals: list[str] = []
        for other, keyed in succ[node].items():
            if "HAS_SKILL" in keyed:
                skills[other[1]] = keyed["HAS_SKILL"]["level"]
            if "WANTS_TO_GROW" in keyed:
                goals.append(other[1])
        risk = nodes[node].get("flight_risk")
        found[node[1]] = {
            "flight_risk": risk if isinstance(risk, str) else None,
            "skills": dict(sorted(skills.items())),
            "wants_to_grow": sorted(goals),
        }
    return found


def departure_links(
    graph: nx.MultiDiGraph, since: str, *, mentor_strength: float, missing_strength: float
) -> list[DepartureLink]:
    """Links counted as in :func:`contact_network`, between someone who stays and someone who left on or
    after ``since``: the strongest of each pair, by the one who stays, then the leaver."""
    nodes, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    strongest: dict[tuple[str, str], tuple[float, str]] = {}
    for key, data in nodes.items():
        if key[0] != "Person" or data.get("status") != "left" or not data.get("left_on") or data["left_on"] < since:
            continue
        for links in (succ[key], pred[key]):
            for other, keyed in links.items():
                if other[0] != "Person" or nodes[other].get("status") == "left":
                    continue
                strength = None
                knows = keyed.get("KNOWS")
                if knows is not None and knows.get("retired_on") is None:
                    strength = link_strength(knows.get("strength"), missing_strength)
                if "MENTORS" in keyed:
                    strength = mentor_strength if strength is None else max(strength, mentor_strength)
                if strength is not None:
                    pair = (other[1], key[1])
                    strongest[pair] = (max(strongest.get(pair, (strength, ""))[0], strength), data["left_on"])
    return [
        {"person": person, "departed": departed, "strength": strength, "left_on": left_on}
        for (person, departed), (strength, left_on) in sorted(strongest.items())
    ]


def growth_links(graph: nx.MultiDiGraph, since: str) -> GrowthLinks:
    """Dated ties from ``since`` on, mentorship starts and accepted introductions (``cypher/insights/growth_links``)."""
    nodes, succ = node_attrs(graph), out_links(graph)
    ties: dict[tuple[str, str], str] = {}
    mentorships = []
    introduced: dict[str, list[tuple[str, str]]] = {}
    for key, links in succ.items():
        if key[0] == "Introduction":
            accepted = nodes[key].get("accepted_on")
            if accepted:
                who = next((o[1] for o, keyed in links.items() if "INTRODUCES" in keyed), None)
                to = next((o[1] for o, keyed in links.items() if "TO" in keyed), None)
                if who is not None and to is not None:
                    introduced.setdefault(accepted, []).append((who, to))
            continue
        if key[0] != "Person":
            continue
        for other, keyed in links.items():
            if other[0] != "Person":
                continue
            knows = keyed.get("KNOWS")
            if knows is not None:
                on = knows.get("since") or knows.get("first_seen")
                if on and on >= since:
                    pair = (key[1], other[1]) if key[1] < other[1] else (other[1], key[1])
                    ties[pair] = min(ties.get(pair, on), on)
            mentors = keyed.get("MENTORS")
            if mentors is not None and mentors.get("since"):
                mentorships.append([key[1], other[1], mentors["since"], mentors.get("status") or "active"])
    introductions = sorted([pair[0], pair[1], accepted] for accepted, pairs in introduced.items() for pair in pairs)
    return {
        "ties": [[a, b, on] for (a, b), on in sorted(ties.items())],
        "mentorships": sorted(mentorships),
        "introductions": introductions,
    }
