"""A person's network as plain data: people within 1-3 links, capped and filtered, and the links among them.

The store finds the people and links (``Store.neighbourhood``); this module
checks the request, applies the filters (link types, org units), grows the
view by the people the user expanded (each adds their own contacts, at most
:data:`EXPAND_LIMIT` of them), adds the people of a warm path to highlight,
names the org units, and returns plain rows. Drawing them (layout, colours,
vis-network data) is the web app's business:
``netgraph.web.drawing.explorer_graph``.

A view that can no longer be drawn as asked (an expanded person who has
left, or who is no longer in the view; an org unit that does not exist) is
drawn as near as it can be, and says so in ``notices``: a shared or
bookmarked view outlives the graph it was made on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import Lookups, NeighbourhoodLink, NetworkLookups, NetworkQueries

LINK_TYPES = ("KNOWS", "MENTORS", "INTRODUCTION")
MAX_DEPTH = 3
MAX_NODES = 2000
#: The most contacts one expansion draws (and no more than the view's own limit).
EXPAND_LIMIT = 50
#: The most people expanded in one view.
MAX_EXPANDED = 20


def network(
    store: NetworkLookups,
    person: str,
    *,
    depth: int = 1,
    limit: int = 300,
    types: tuple[str, ...] = LINK_TYPES,
    units: list[str] | None = None,
    path: list[str] | None = None,
    expand: list[str] | None = None,
) -> dict[str, Any]:
    """``{"person", "depth", "shown", "total", "people", "links", "path", "expansions", "units", "notices"}``.

    ``total`` counts everyone within ``depth`` links; ``shown`` how many are
    drawn (``limit`` nearest, by distance then id; ``units`` keeps only those
    org units, the person always stays). ``people`` carry their ``distance``
    (0 for the person); ``path`` (a warm path's people, in order) is kept for
    highlighting, and its people are included even when further away (at
    distance ``depth + 1``). ``links``: ``{from, to, type, strength, status, kind}``.

    ``expand``: people of the view whose contacts to add, in the order they
    were expanded (see :func:`grow`); ``expansions`` says, for each one
    drawn, how many of their contacts are shown of how many. ``units`` maps
    every org unit in the view to its name; ``notices`` lists what was asked
    for and could not be drawn (an unknown unit, a stale expansion).
    """
    check_whole_number("depth", depth, 1, MAX_DEPTH)
    check_whole_number("limit", limit, 1, MAX_NODES)
    unknown = sorted(set(types) - set(LINK_TYPES))
    if unknown:
        raise InvalidInput([Problem("request", "types", f"unknown link type {unknown[0]!r}")])
    found = store.neighbourhood(person, depth, limit)
    if found is None:
        raise NotFound(f"unknown person {person!r}")
    notices: list[str] = []
    units = known_units(store, units, notices)
    people: list[Mapping[str, Any]] = [
        p for p in found["people"] if p["id"] == person or not units or p["org_unit"] in units
    ]
    ids = {p["id"] for p in people}
    shown = len(people) - 1
    links: list[Mapping[str, Any]] = [link for link in found["links"] if link["from"] in ids and link["to"] in ids]
    expansions = grow(
        store, people, links, expand or [], limit=min(EXPAND_LIMIT, limit), units=units, depth=depth, notices=notices
    )
    ids = {p["id"] for p in people}
    on_path = list(path or [])
    missing = [p for p in on_path if p not in ids]
    if missing:
        records = store.people(missing)
        unknown_people = [p for p in missing if p not in records]
        if unknown_people:
            raise NotFound(f"unknown person {unknown_people[0]!r}")
        people += [{**_row(records[p]), "distance": depth + 1} for p in missing]
    links = [link for link in links if link["type"] in types]
    return {
        "person": person,
        "depth": depth,
        "shown": shown,
        "total": found["total"],
        "people": people,
        "links": links,
        "path": on_path,
        "expansions": expansions,
        "units": store.unit_names(sorted({p["org_unit"] for p in people if p["org_unit"]} | set(units or []))),
        "notices": notices,
    }


def known_units(store: Lookups, units: list[str] | None, notices: list[str]) -> list[str] | None:
    """The org units of ``units`` that exist (None: no filter); a notice for each that does not."""
    if not units:
        return None
    names = store.unit_names(list(units))
    for unit in units:
        if unit not in names:
            notices.append(f"there is no org unit {unit!r}: it is left out of the filter")
    return [u for u in units if u in names] or None


def grow(
    store: NetworkLookups,
    people: list[Mapping[str, Any]],
    links: list[Mapping[str, Any]],
    expand: list[str],
    *,
    limit: int,
    units: list[str] | None,
    depth: int,
    notices: list[str],
) -> list[dict[str, Any]]:
    """Add each expanded person's contacts to ``people`` and ``links`` (in place); one summary per expansion.

    Expanding someone draws their contacts, the first ``limit`` by id besides
    those already drawn, and every link between the people it adds and the
    people in view. Each expansion must be of someone in the view by then
    (the person, their rings, or an earlier expansion): a stale one (the
    person left, or is no longer in view) is left out with a notice. A
    summary: ``{"person", "name", "shown", "total", "added", "cut", "limit"}``:
    ``shown`` of their ``total`` contacts are drawn; ``cut`` is how many are
    not (beyond ``limit``, or of another unit than the filter's), ``added``
    who this expansion alone brought in.

    Every link among the people drawn is found once, when the later of its
    two people joins the view: the rings bring theirs, and an expansion asks
    for the links of the people it adds.
    """
    if len(expand) > MAX_EXPANDED:
        notices.append(
            f"at most {MAX_EXPANDED} people can be expanded in one view: "
            f"{len(expand) - MAX_EXPANDED} expansions are left out"
        )
    by_id = {p["id"]: p for p in people}
    summaries: list[dict[str, Any]] = []
    for other in dict.fromkeys(expand[:MAX_EXPANDED]):
        if other not in by_id:
            records = store.people([other])
            if other not in records:
                notices.append(f"there is no one with id {other!r} (any more): their expansion is left out")
            elif records[other].get("status") == "left":
                notices.append(f"{records[other]['name']} has left: their expansion is left out")
            else:
                notices.append(f"{records[other]['name']} is not in this view (any more): their expansion is left out")
            continue
        found = store.neighbourhood(other, 1, limit)
        if found is None:  # gone between two calls
            continue
        contacts = [p for p in found["people"] if p["id"] != other]
        if found["total"] > len(contacts):  # those already drawn are shown however many there are
            drawn_already = set(store.neighbours([other]).get(other, [])) & by_id.keys()
        else:
            drawn_already = {p["id"] for p in contacts} & by_id.keys()
        before = set(by_id)
        added: list[dict[str, Any]] = [
            {**p, "distance": depth + 1, "expanded_from": other}
            for p in contacts
            if p["id"] not in by_id and (not units or p["org_unit"] in units)
        ]
        inside = {other, *(p["id"] for p in contacts)}
        for p in added:
            by_id[p["id"]] = p
        people += added
        links += [
            link
            for link in found["links"]
            if link["from"] in by_id and link["to"] in by_id and not (link["from"] in before and link["to"] in before)
        ]
        links += _links_beyond(store, [p["id"] for p in added], inside, by_id)
        shown = len(drawn_already) + len(added)
        summaries.append(
            {
                "person": other,
                "name": by_id[other]["name"],
                "shown": shown,
                "total": found["total"],
                "added": [p["id"] for p in added],
                "cut": found["total"] - shown,
                "limit": limit,
            }
        )
    return summaries


def _links_beyond(
    store: NetworkQueries, added: list[str], inside: set[str], drawn: Mapping[str, object]
) -> list[NeighbourhoodLink]:
    """The links between each of ``added`` and the people ``drawn`` outside ``inside`` (the expansion's own)."""
    if not added:
        return []
    beyond = {a: [b for b in found if b in drawn and b not in inside] for a, found in store.neighbours(added).items()}
    links: list[NeighbourhoodLink] = []
    for a, others in beyond.items():
        if not others:
            continue
        own = store.neighbourhood(a, 1, MAX_NODES)
        wanted = set(others)
        links += [
            link
            for link in (own["links"] if own else [])
            if (link["from"] == a and link["to"] in wanted) or (link["to"] == a and link["from"] in wanted)
        ]
    return links


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "name": record["name"],
        "title": record["title"],
        "level": record["level"],
        "org_unit": record["org_unit"],
    }


def with_people(store: Lookups, view: dict[str, Any], ids: list[str], *, role: str) -> dict[str, Any]:
    """``view`` with those of ``ids`` not yet in it added (beyond the rings, marked ``role``); unknown ids skipped.

    The mentor overlay draws a mentor's mentees and a mentee's recommended
    introductions even when the rings do not reach them.
    """
    present = {p["id"] for p in view["people"]}
    missing = [i for i in dict.fromkeys(ids) if i not in present]
    if not missing:
        return view
    records = store.people(missing)
    added = [{**_row(records[i]), "distance": view["depth"] + 1, role: True} for i in missing if i in records]
    units = store.unit_names(sorted({p["org_unit"] for p in added if p["org_unit"]} - view["units"].keys()))
    return {**view, "people": view["people"] + added, "units": {**view["units"], **units}}
