"""Distances on one projection of the contact network, by bounded searches.

The caller streams the contact network once (id -> contacts); each mentee's
distances to everyone within :data:`~netgraph.analysis.matching.inputs.NETWORK_MAX_HOPS`
links then come from one breadth-first search, never a store query per pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def distances_from(source: str, contacts: Mapping[str, Iterable[str]], max_hops: int) -> dict[str, int]:
    """id -> number of links from ``source``, for everyone within ``max_hops`` (``source`` itself excluded).

    >>> distances_from("a", {"a": ["b"], "b": ["a", "c"], "c": ["b", "d"]}, 2)
    {'b': 1, 'c': 2}
    """
    found = {source: 0}
    frontier = [source]
    for hops in range(1, max_hops + 1):
        reached = []
        for person in frontier:
            for contact in contacts.get(person, ()):
                if contact not in found:
                    found[contact] = hops
                    reached.append(contact)
        frontier = reached
    del found[source]
    return found


def round_distances(
    mentees: Iterable[str], mentors: Iterable[str], contacts: Mapping[str, Iterable[str]], max_hops: int
) -> dict[tuple[str, str], int]:
    """(mentor, mentee) -> links between them, for the pairs within ``max_hops``; one search per mentee."""
    mentor_set = set(mentors)
    table = {}
    for mentee in mentees:
        for person, hops in distances_from(mentee, contacts, max_hops).items():
            if person in mentor_set:
                table[(person, mentee)] = hops
    return table
