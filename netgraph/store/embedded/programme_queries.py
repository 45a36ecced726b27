"""The ProgrammeQueries port of the embedded store.

Mentors' loads and mentees without an active mentor are read from the file's
``rels`` table, whose primary key begins with the link type: the ``MENTORS``
rows are one range of it (7,759 of 1.1 million links at 100k people), joined
to their people by the ``nodes`` primary key. Walking every person's links in
memory for them cost 0.2 and 0.3 s at 100k. The file is the truth the mirror
copies, so the answers are the same (``tests/store/test_programme_reads.py``
holds the two together after each kind of write); a store in memory only has
no file and walks its graph.
"""

from __future__ import annotations

import sqlite3
from typing import cast

import networkx as nx

from netgraph.model.introduction_tally import tally_introductions
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import IntroductionFacts, IntroductionTally, MentorLoad, NamedPerson, ProgrammeCounts

#: Active mentees per mentor, most first then by id, the first ? (-1: all): counted from the MENTORS range of the
#: links' primary key; the mentors' records read only for the rows returned.
_MENTORS_BY_LOAD = """
SELECT l.source, json_extract(n.props, '$.name'), l.mentees
FROM (SELECT source, count(*) AS mentees FROM rels
      WHERE type = 'MENTORS' AND json_extract(props, '$.status') = 'active'
      GROUP BY source ORDER BY mentees DESC, source LIMIT ?) l
JOIN nodes n ON n.label = 'Person' AND n.id = l.source
ORDER BY l.mentees DESC, l.source
"""

#: Mentees none of whose mentorships is active (from the MENTORS range), then those of them still here (their
#: records read for those few only).
_WITHOUT_MENTOR = """
FROM (SELECT target FROM rels WHERE type = 'MENTORS' GROUP BY target
      HAVING coalesce(max(json_extract(props, '$.status') = 'active'), 0) = 0) m
JOIN nodes n ON n.label = 'Person' AND n.id = m.target
WHERE json_extract(n.props, '$.status') IS NOT 'left'
"""
#: ...by id, the first ? (-1: all).
_MENTEES_WITHOUT_MENTOR = (
    f"SELECT m.target, json_extract(n.props, '$.name') {_WITHOUT_MENTOR} ORDER BY m.target LIMIT ?"
)
_COUNT_WITHOUT_MENTOR = f"SELECT count(*) {_WITHOUT_MENTOR}"
_COUNT_MENTORS = (
    "SELECT count(DISTINCT source) FROM rels WHERE type = 'MENTORS' AND json_extract(props, '$.status') = 'active'"
)


class EmbeddedProgrammeQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self, limit: int | None = None) -> list[MentorLoad]:
        conn = self._file_connection()
        if conn is not None:
            query = conn.execute(_MENTORS_BY_LOAD, (-1 if limit is None else limit,))
            return [MentorLoad(id=i, name=name, mentees=n) for i, name, n in query]
        with self._reading() as graph:
            rows = walk_mentors_by_load(graph)
        return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))[:limit]

    def mentees_without_mentor(self, limit: int | None = None) -> list[NamedPerson]:
        conn = self._file_connection()
        if conn is not None:
            query = conn.execute(_MENTEES_WITHOUT_MENTOR, (-1 if limit is None else limit,))
            return [NamedPerson(id=i, name=name) for i, name in query]
        with self._reading() as graph:
            found = walk_mentees_without_mentor(graph)
        return sorted(found, key=lambda r: r["id"])[:limit]

    def programme_counts(self) -> ProgrammeCounts:
        conn = self._file_connection()
        if conn is None:
            return ProgrammeCounts(
                mentors=len(self.mentors_by_load()), mentees_without_mentor=len(self.mentees_without_mentor())
            )
        (mentors,) = conn.execute(_COUNT_MENTORS).fetchone()
        (unmentored,) = conn.execute(_COUNT_WITHOUT_MENTOR).fetchone()
        return ProgrammeCounts(mentors=mentors, mentees_without_mentor=unmentored)

    def _file_connection(self) -> sqlite3.Connection | None:
        """The connection that reads the file (inside this thread's transaction: its own, which sees its
        writes); None for a store in memory or before its first write. Taken before any hold of the graph:
        a reload in the background holds the connection while it waits for the graph."""
        return self._mirror.reading_connection()

    def introduction_facts(self) -> list[IntroductionFacts]:
        with self._reading():
            return [
                IntroductionFacts(
                    status=attrs["status"],
                    created_on=attrs.get("created_on"),
                    met_on=attrs.get("met_on"),
                    outcome=attrs.get("outcome"),
                )
                for node, attrs in node_attrs(self.graph).items()
                if node[0] == "Introduction"
            ]

    def introduction_tally(self) -> list[IntroductionTally]:
        return cast(list[IntroductionTally], tally_introductions(self.introduction_facts()))


def walk_mentors_by_load(graph: nx.MultiDiGraph) -> list[MentorLoad]:
    """Active mentees per mentor, by walking each person's own out-links (a store without a file)."""
    nodes, load = node_attrs(graph), {}
    for u, links in out_links(graph).items():
        if u[0] == "Person":
            n = sum(1 for keyed in links.values() if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active")
            if n:
                load[u] = n
    return [MentorLoad(id=u[1], name=nodes[u]["name"], mentees=n) for u, n in load.items()]


def walk_mentees_without_mentor(graph: nx.MultiDiGraph) -> list[NamedPerson]:
    """Mentees still here without an active mentorship, by walking each person's own in-links."""
    nodes, found = node_attrs(graph), []
    for v, links in in_links(graph).items():
        if v[0] != "Person" or nodes[v].get("status") == "left":
            continue
        mentorships = [keyed["MENTORS"] for keyed in links.values() if "MENTORS" in keyed]
        if mentorships and not any(m["status"] == "active" for m in mentorships):
            found.append(NamedPerson(id=v[1], name=nodes[v]["name"]))
    return found
