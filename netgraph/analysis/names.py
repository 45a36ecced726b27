"""Names for ids: finding org units and skills as people type, and naming the ids in an answer.

People think in names ("Sales EMEA", "Dana Okafor", "Head of Platform"); the
graph keys everything by id. Fields that ask for a unit or a skill suggest
names from :func:`search_units` and :func:`search_skills` (people:
:func:`netgraph.analysis.people.search`) and submit the id; answers that list
ids carry the names beside them, looked up in one call per kind, never one per
row.

>>> from netgraph.store import EmbeddedStore
>>> store = EmbeddedStore(None)
>>> store.write({"org_units": [{"id": "u-s", "name": "Sales", "parent": None}]})
>>> [u["id"] for u in search_units(store, "sal")]
['u-s']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import Lookups, UnitHit

MAX_SEARCH = 50
#: Shortest text a search looks for (as for people: fewer letters match nearly everything).
MIN_TEXT = 2


def _text(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if len(text) < MIN_TEXT:
        raise InvalidInput([Problem("request", "q", f"type at least {MIN_TEXT} characters of {what}")])
    return text


def search_units(store: Lookups, text: str, *, limit: int = 10) -> list[UnitHit]:
    """Org units whose name or id contains ``text`` (any case), by name, each with the unit it is part of."""
    text = _text(text, "a unit's name")
    check_whole_number("limit", limit, 1, MAX_SEARCH)
    return store.search_units(text, limit)


def search_skills(store: Lookups, text: str, *, limit: int = 10) -> list[str]:
    """Skill names containing ``text`` (any case), sorted."""
    text = _text(text, "a skill")
    check_whole_number("limit", limit, 1, MAX_SEARCH)
    return store.search_skills(text, limit)


def person_names(store: Lookups, ids: Iterable[str]) -> dict[str, str]:
    """id -> name for the people of ``ids`` (unknown ids are left out); one store call."""
    wanted = sorted(set(ids))
    return store.person_names(wanted) if wanted else {}


def what_if_names(store: Lookups, result: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The names of everyone, every position and every unit a what-if answer names by id.

    ``{"people": {id: name}, "positions": {id: title}, "org_units": {id: name}}``,
    three store calls whatever the size of the answer.
    """
    people = {
        *result["leavers"],
        *result["mentees_without_mentor"],
        *result["cut_off"],
        *result["lost_only_link_to_another_unit"],
        *(s["filled_by"] for s in result["chain"]),
    }
    positions = {
        *result["newly_vacant"],
        *(w["position"] for w in result["worsened"]),
        *result["final_gaps"],
        *(s["position"] for s in result["chain"]),
        *(s["vacates"] for s in result["chain"] if s["vacates"]),
    }
    units = {*(b["org_unit"] for b in result["bench_strength"]), *result["org_units_cut_off"]}
    return {
        "people": person_names(store, people),
        "positions": store.position_titles(sorted(positions)) if positions else {},
        "org_units": store.unit_names(sorted(units)) if units else {},
    }
