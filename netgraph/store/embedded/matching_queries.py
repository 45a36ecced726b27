"""The MatchingQueries port of the embedded store."""

from __future__ import annotations

from netgraph.model.vocabulary import OPEN_INTRODUCTION_STATUSES
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.contacts import contact_lists, present_people
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import MatchingData, MatchingMentorship, PositionLink


class EmbeddedMatchingQueries(EmbeddedState):
    """The :class:`~netgraph.store.ports.MatchingQueries` port."""

    def matching_inputs(self, people: list[str]) -> MatchingData:
        # straight off networkx's dicts (target -> {type: data}): its edge views cost a second per
        # thousand people here
        with self._reading():
            attrs, out, into = node_attrs(self.graph), out_links(self.graph), in_links(self.graph)
            nodes = [("Person", i) for i in dict.fromkeys(people) if ("Person", i) in out]
            asked = {node[1] for node in nodes}
            held = {node[1]: sorted(p[1] for p, keyed in out[node].items() if "HOLDS" in keyed) for node in nodes}
            positions: dict[str, PositionLink] = {}
            for start in sorted({p for ids in held.values() for p in ids}):
                position: str | None = start
                while position is not None and position not in positions:
                    node = ("Position", position)
                    boss = next((p[1] for p, keyed in out[node].items() if "REPORTS_TO" in keyed), None)
                    holders = sorted(u[1] for u, keyed in into[node].items() if "HOLDS" in keyed)
                    positions[position] = {"reports_to": boss, "holders": holders}
                    position = boss
            mentorships = sorted(
                (
                    MatchingMentorship(
                        mentor=node[1],
                        mentee=other[1],
                        status=keyed["MENTORS"]["status"],
                        until=keyed["MENTORS"].get("until"),
                    )
                    for node in nodes
                    for other, keyed in out[node].items()
                    if "MENTORS" in keyed and other[1] in asked
                ),
                key=lambda m: (m["mentor"], m["mentee"]),
            )
            load = {}
            for node in nodes:
                mentees = sum(
                    1 for keyed in out[node].values() if "MENTORS" in keyed and keyed["MENTORS"]["status"] == "active"
                )
                intros = sum(
                    1
                    for other, keyed in out[node].items()
                    if "MADE" in keyed and attrs[other].get("status") in OPEN_INTRODUCTION_STATUSES
                )
                load[node[1]] = mentees + intros
            return {
                "held": {person: ids for person, ids in held.items() if ids},
                "positions": positions,
                "mentorships": mentorships,
                "load": load,
            }

    def contact_projection(self) -> dict[str, list[str]]:
        with self._reading():
            return contact_lists(self.graph)

    def skill_holders(self, min_level: int) -> dict[str, dict[str, int]]:
        # each present person's own HAS_SKILL links, one dict built per person: growing one per link
        # off the skills' in-links costs twice as much at 100k people
        with self._reading():
            out = out_links(self.graph)
            found: dict[str, dict[str, int]] = {}
            for node in present_people(self.graph):
                held = {
                    skill[1]: keyed["HAS_SKILL"]["level"]
                    for skill, keyed in out[node].items()
                    if "HAS_SKILL" in keyed and keyed["HAS_SKILL"]["level"] >= min_level
                }
                if held:
                    found[node[1]] = held
            return found
