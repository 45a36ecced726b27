"""The Lookups port on Neo4j: records by id or name (``cypher/lookups``, ``cypher/lifecycle``)."""

from __future__ import annotations

from typing import cast

from netgraph.model.records import IntroductionRecord, PersonRecord
from netgraph.store.neo4j_backend.driver import BATCH_SIZE, Neo4jDriver
from netgraph.store.neo4j_backend.records import export_record
from netgraph.store.ports import Contact, Held, Mentorship, Nomination, PositionDependents, Roles, SearchHit, UnitHit


class Neo4jLookups(Neo4jDriver):
    """The :class:`~netgraph.store.ports.Lookups` port."""

    def people(self, ids: list[str]) -> dict[str, PersonRecord]:
        rows = self._query("lookups/people_by_id", ids=list(ids))
        return {r["id"]: cast(PersonRecord, export_record("people", dict(r))) for r in rows}

    def search_people(self, text: str, limit: int) -> list[SearchHit]:
        return cast(list[SearchHit], [dict(r) for r in self._query("lookups/search_people", text=text, limit=limit)])

    def introductions(
        self, *, person: str | None = None, status: str | None = None, id: str | None = None
    ) -> list[IntroductionRecord]:
        rows = self._query("lookups/list_introductions", person=person, status=status, id=id)
        return [cast(IntroductionRecord, export_record("introductions", dict(r))) for r in rows]

    def contacts(self, person: str) -> list[Contact]:
        return cast(list[Contact], [dict(r) for r in self._query("lookups/contacts_of", person=person)])

    def mentorships_of(self, person: str) -> list[Mentorship]:
        rows = self._query("lookups/mentorships_of", person=person)
        return cast(list[Mentorship], [{**dict(r), "focus": list(r["focus"] or [])} for r in rows])

    def skill_names(self) -> list[str]:
        return [r["name"] for r in self._query("lookups/skill_names")]

    def roles_of(self, person: str) -> Roles:
        rows = self._query("lifecycle/roles_of", person=person)
        if not rows:
            return {"holds": [], "nominations": []}
        return {
            "holds": cast(list[Held], [dict(h) for h in rows[0]["holds"]]),
            "nominations": cast(list[Nomination], [dict(n) for n in rows[0]["nominations"]]),
        }

    def position_dependents(self, position: str) -> PositionDependents | None:
        rows = self._query("lifecycle/position_dependents", position=position)
        if not rows:
            return None
        return cast(PositionDependents, {k: sorted(rows[0][k]) for k in ("holders", "successors", "reports")})

    def search_units(self, text: str, limit: int) -> list[UnitHit]:
        return cast(list[UnitHit], [dict(r) for r in self._query("lookups/search_units", text=text, limit=limit)])

    def search_skills(self, text: str, limit: int) -> list[str]:
        return [r["name"] for r in self._query("lookups/search_skills", text=text, limit=limit)]

    def person_names(self, ids: list[str]) -> dict[str, str]:
        found = self._query("lookups/person_names", ids=list(ids))
        return {row["id"]: row["name"] for row in found[0]["people"]} if found else {}

    def unit_names(self, ids: list[str]) -> dict[str, str]:
        (found,) = self._query("lookups/unit_names", ids=list(ids))
        return {unit: name for unit, name in found["names"]}

    def people_with_emails(self, emails: list[str]) -> dict[str, dict[str, str]]:
        wanted = [{"email": e, "phrase": lucene_phrase(e)} for e in dict.fromkeys(emails) if e.strip()]
        found: dict[str, dict[str, str]] = {}
        for start in range(0, len(wanted), BATCH_SIZE):
            for r in self._query("lookups/people_with_emails", wanted=wanted[start : start + BATCH_SIZE]):
                found.setdefault(r["email"], {})[r["id"]] = r["status"]
        return found

    def position_titles(self, ids: list[str]) -> dict[str, str]:
        return {r["id"]: r["title"] for r in self._query("lookups/position_titles", ids=list(ids))}


def lucene_phrase(text: str) -> str:
    """``text`` as one quoted Lucene phrase: inside quotes only the backslash and the quote are special."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
