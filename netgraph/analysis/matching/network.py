"""Distances on one projection of the contact network, by bounded searches.

The caller streams the contact network once (id -> contacts). Distances from
a mentee to everyone within :data:`~netgraph.analysis.matching.inputs.NETWORK_MAX_HOPS`
links are one breadth-first search (:func:`distances_from`, the
specification); a whole round's mentee-to-mentor distances come from
:func:`distance_table`, the same bounded search from every mentee at once over
the integer projection (sparse products), never a store query per pair.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from itertools import chain

import numpy as np
import numpy.typing as npt
from scipy import sparse

from netgraph.analysis.matching.table import PairTable


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


#: Mentees whose walks are counted at once in :func:`distance_table`.
CHUNK = 2000


def contact_matrix(contacts: Mapping[str, Collection[str]]) -> tuple[sparse.csr_array, dict[str, int]]:
    """The contact network as one sparse 0/1 matrix (row: a person, columns: their contacts) and its index."""
    index = {person: at for at, person in enumerate(contacts)}
    flat = list(chain.from_iterable(contacts.values()))
    for contact in sorted(set(flat).difference(index)):
        index[contact] = len(index)
    rows = np.repeat(np.arange(len(contacts)), np.fromiter(map(len, contacts.values()), np.int64, len(contacts)))
    cols = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
    size = len(index)
    data = np.ones(len(flat), dtype=np.float64)
    return sparse.csr_array((data, (rows, cols)), shape=(size, size)), index


def distance_table(table: PairTable, contacts: Mapping[str, Collection[str]], max_hops: int) -> npt.NDArray[np.int8]:
    """Links from each mentee (row) to each mentor (column) within ``max_hops``; 0 when farther or unconnected.

    The same distances as :func:`distances_from` run from every mentee (a test
    holds them equal), searched from both sides at once over the integer
    projection: a mentor is ``k`` links from a mentee exactly when a walk of
    ``k`` links joins them and no shorter one does. Walks of ``a + b`` links
    are the mentees' ``a``-link reach times the mentors' ``b``-link reach, so
    neither side's search goes further than half the hops (rounded up).
    """
    matrix, index = contact_matrix(contacts)
    size = matrix.shape[0]
    distance = np.zeros(table.shape, dtype=np.int8)
    if size == 0 or max_hops < 1:
        return distance
    mentee_at = np.array([index.get(m, -1) for m in table.mentees])
    mentor_at = np.array([index.get(m, -1) for m in table.mentors])
    rows, cols = np.flatnonzero(mentee_at >= 0), np.flatnonzero(mentor_at >= 0)
    if not len(rows) or not len(cols):
        return distance
    # forward[a]: walks of a links from each mentee; backward[b]: walks of b links into each mentor
    forward = [sparse.csr_array(sparse.eye_array(size, format="csr")[mentee_at[rows]])]
    backward = [sparse.csc_array(sparse.eye_array(size, format="csc")[:, mentor_at[cols]])]
    for _ in range(max_hops - max_hops // 2):
        backward.append(sparse.csc_array(matrix @ backward[-1]))
    for _ in range(max_hops // 2):
        forward.append(sparse.csr_array(forward[-1] @ matrix))
    found = np.zeros((len(rows), len(cols)), dtype=np.int8)
    for start in range(0, len(rows), CHUNK):  # a block of mentees at a time bounds the walk counts held
        block = slice(start, start + CHUNK)
        for hops in range(max_hops, 0, -1):
            a = hops // 2
            walks = (forward[a][block] @ backward[hops - a]).toarray() > 0
            found[block][walks] = hops
    distance[np.ix_(rows, cols)] = found
    return distance
