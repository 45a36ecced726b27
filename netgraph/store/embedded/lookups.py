"""The Lookups port of the embedded store: records by id or name, read off the graph."""

from __future__ import annotations

from typing import Any, cast

from netgraph.model.records import IntroductionRecord, PersonRecord
from netgraph.store.embedded.adjacency import in_links, node_attrs, out_links
from netgraph.store.embedded.network import PeopleNetwork
from netgraph.store.embedded.records import introduction_record, ordered_record, person_record, target_of
from netgraph.store.embedded.state import EmbeddedState
from netgraph.store.ports import Contact, Held, Mentorship, Nomination, PositionDependents, Roles, SearchHit, UnitHit


class EmbeddedLookups(EmbeddedState):
    """The :class:`~netgraph.store.ports.Lookups` port."""

    def people(self, ids: list[str]) -> dict[str, PersonRecord]:
        with self._reading():
            return {
                i: cast(PersonRecord, ordered_record("people", person_record(self.graph, ("Person", i))))
                for i in ids
                if ("Person", i) in self.graph
            }

    def search_people(self, text: str, limit: int) -> list[SearchHit]:
        with self._reading():
            wanted = text.lower()
            found: list[SearchHit] = []
            for node, attrs in self.graph.nodes(data=True):
                if node[0] == "Person" and wanted in attrs["name"].lower():
                    unit = target_of(self.graph, node, "MEMBER_OF")
                    found.append(
                        {
                            "id": node[1],
                            "name": attrs["name"],
                            "title": attrs.get("title"),
                            "org_unit": unit,
                            "org_unit_name": self.graph.nodes["OrgUnit", unit]["name"] if unit else None,
                        }
                    )
            return sorted(found, key=lambda r: (r["name"], r["id"]))[:limit]

    def introductions(
        self, *, person: str | None = None, status: str | None = None, id: str | None = None
    ) -> list[IntroductionRecord]:
        with self._reading():
            found: list[IntroductionRecord] = []
            for node in self._introduction_nodes(person, id):
                attrs = self.graph.nodes[node]
                record = introduction_record(self.graph, node, attrs)
                if (status is None or record["status"] == status) and (
                    person is None or person in (record["by"], record["introduce"], record["to"])
                ):
                    found.append(cast(IntroductionRecord, record))
        found.sort(key=lambda r: r["id"])
        found.sort(key=lambda r: r["created_on"], reverse=True)
        return found

    def contacts(self, person: str) -> list[Contact]:
        with self._reading():
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            found: dict[str, Contact] = {}
            for other, rel, direction, data in net.links(person):
                row = found.setdefault(
                    other,
                    {
                        "id": other,
                        "name": net.person(other)["name"],
                        "knows": None,
                        "mentors_them": None,
                        "mentored_by_them": None,
                    },
                )
                if rel == "KNOWS":
                    row["knows"] = data["strength"]
                else:
                    row["mentored_by_them" if direction == "out" else "mentors_them"] = data["status"]
            return [found[k] for k in sorted(found)]

    def mentorships_of(self, person: str) -> list[Mentorship]:
        with self._reading():
            if ("Person", person) not in self.graph:
                return []
            net = PeopleNetwork(self.graph)
            rows: list[Mentorship] = [
                {
                    "as_mentor": direction == "out",
                    "other": other,
                    "name": net.person(other)["name"],
                    "since": data["since"],
                    "until": data["until"],
                    "status": data["status"],
                    "kind": data["kind"],
                    "focus": list(data["focus"]),
                }
                for other, rel, direction, data in net.links(person, history=True)
                if rel == "MENTORS"
            ]
            return sorted(rows, key=lambda r: (r["as_mentor"], r["status"], r["other"]))

    def skill_names(self) -> list[str]:
        with self._reading():
            return sorted(key for label, key in self.graph.nodes if label == "Skill")

    def roles_of(self, person: str) -> Roles:
        with self._reading() as graph:
            node = ("Person", person)
            if node not in graph:
                return {"holds": [], "nominations": []}
            nodes, succ = node_attrs(graph), out_links(graph)[node]
            holds: list[Held] = [
                {"position": p[1], "title": nodes[p]["title"], "since": k["HOLDS"]["since"]}
                for p, k in sorted(succ.items())
                if "HOLDS" in k
            ]
            nominations: list[Nomination] = [
                {
                    "position": p[1],
                    "title": nodes[p]["title"],
                    "readiness": k["SUCCESSOR_FOR"]["readiness"],
                    "nominated_on": k["SUCCESSOR_FOR"]["nominated_on"],
                }
                for p, k in sorted(succ.items())
                if "SUCCESSOR_FOR" in k
            ]
            return {"holds": holds, "nominations": nominations}

    def position_dependents(self, position: str) -> PositionDependents | None:
        with self._reading() as graph:
            node = ("Position", position)
            if node not in graph:
                return None
            pred = in_links(graph)[node]
            return {
                "holders": sorted(p[1] for p, k in pred.items() if "HOLDS" in k),
                "successors": sorted(p[1] for p, k in pred.items() if "SUCCESSOR_FOR" in k),
                "reports": sorted(p[1] for p, k in pred.items() if "REPORTS_TO" in k),
            }

    def search_units(self, text: str, limit: int) -> list[UnitHit]:
        with self._reading():
            wanted = text.lower()
            found: list[UnitHit] = []
            for node, attrs in self.graph.nodes(data=True):
                if node[0] == "OrgUnit" and (wanted in attrs["name"].lower() or wanted in node[1].lower()):
                    parent = target_of(self.graph, node, "PART_OF")
                    found.append(
                        {
                            "id": node[1],
                            "name": attrs["name"],
                            "parent": parent,
                            "parent_name": self.graph.nodes["OrgUnit", parent]["name"] if parent else None,
                        }
                    )
            return sorted(found, key=lambda r: (r["name"], r["id"]))[:limit]

    def search_skills(self, text: str, limit: int) -> list[str]:
        with self._reading():
            wanted = text.lower()
            return sorted(key for label, key in self.graph.nodes if label == "Skill" and wanted in key.lower())[:limit]

    def person_names(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            nodes = node_attrs(self.graph)
            return {i: nodes["Person", i]["name"] for i in ids if ("Person", i) in nodes}

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            return {i: self.graph.nodes["OrgUnit", i]["name"] for i in ids if ("OrgUnit", i) in self.graph}

    def people_with_emails(self, emails: list[str]) -> dict[str, dict[str, str]]:
        wanted: dict[str, list[str]] = {}
        for email in emails:
            if email.strip():
                wanted.setdefault(email.lower(), []).append(email)
        found: dict[str, dict[str, str]] = {}
        if not wanted:
            return found
        with self._reading():
            for node, data in node_attrs(self.graph).items():
                if node[0] == "Person" and (data.get("email") or "").lower() in wanted:
                    for given in wanted[data["email"].lower()]:
                        found.setdefault(given, {})[node[1]] = data.get("status") or "active"
        return found

    def position_titles(self, ids: list[str]) -> dict[str, str]:
        with self._reading():
            return {i: self.graph.nodes["Position", i]["title"] for i in ids if ("Position", i) in self.graph}

    def _introduction_nodes(self, person: str | None, id: str | None) -> list[tuple[Any, ...]]:
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
