"""The ProgrammeQueries port of the embedded store."""

from __future__ import annotations

from typing import Any

from netgraph.store.embedded.state import EmbeddedState, has_left
from netgraph.store.ports import MentorLoad, NamedPerson


class EmbeddedProgrammeQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.ProgrammeQueries` port."""

    def mentors_by_load(self) -> list[MentorLoad]:
        with self._reading():
            load: dict[tuple[Any, ...], int] = {}
            for u, _, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS" and d["status"] == "active":
                    load[u] = load.get(u, 0) + 1
            rows = [MentorLoad(id=u[1], name=self.graph.nodes[u]["name"], mentees=n) for u, n in load.items()]
            return sorted(rows, key=lambda r: (-r["mentees"], r["id"]))

    def mentees_without_mentor(self) -> list[NamedPerson]:
        with self._reading():
            status: dict[tuple[Any, ...], bool] = {}
            for _, v, k, d in self.graph.edges(keys=True, data=True):
                if k == "MENTORS":
                    status[v] = status.get(v, False) or d["status"] == "active"
            return [
                NamedPerson(id=v[1], name=self.graph.nodes[v]["name"])
                for v in sorted(status)
                if not status[v] and not has_left(self.graph, v[1])
            ]
