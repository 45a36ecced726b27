"""A person's network as plain data: people within 1-3 links, capped and filtered, and the links among them.

The store finds the people and links (``Store.neighbourhood``); this module
checks the request, applies the filters (link types, org units), adds the
people of a warm path to highlight, and returns plain rows. Drawing them
(layout, colours, vis-network data) is the web app's business:
``netgraph.web.drawing.explorer_graph``.
"""

from __future__ import annotations

from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import Store

LINK_TYPES = ("KNOWS", "MENTORS", "INTRODUCTION")
MAX_DEPTH = 3
MAX_NODES = 2000


def network(store: Store, person: str, *, depth: int = 1, limit: int = 300,
            types: tuple[str, ...] = LINK_TYPES, units: list[str] | None = None,
            path: list[str] | None = None) -> dict:
    """``{"person", "depth", "shown", "total", "people", "links", "path"}``: the view to draw.

    ``total`` counts everyone within ``depth`` links; ``shown`` how many are
    drawn (``limit`` nearest, by distance then id; ``units`` keeps only those
    org units, the person always stays). ``people`` carry their ``distance``
    (0 for the person); ``path`` (a warm path's people, in order) is kept for
    highlighting, and its people are included even when further away (at
    distance ``depth + 1``). ``links``: ``{from, to, type, strength, status, kind}``.
    """
    check_whole_number("depth", depth, 1, MAX_DEPTH)
    check_whole_number("limit", limit, 1, MAX_NODES)
    unknown = sorted(set(types) - set(LINK_TYPES))
    if unknown:
        raise InvalidInput([Problem("request", "types", f"unknown link type {unknown[0]!r}")])
    found = store.neighbourhood(person, depth, limit)
    if found is None:
        raise NotFound(f"unknown person {person!r}")
    people = [p for p in found["people"] if p["id"] == person or not units or p["org_unit"] in units]
    ids = {p["id"] for p in people}
    shown = len(people) - 1
    on_path = list(path or [])
    missing = [p for p in on_path if p not in ids]
    if missing:
        records = store.people(missing)
        unknown_people = [p for p in missing if p not in records]
        if unknown_people:
            raise NotFound(f"unknown person {unknown_people[0]!r}")
        people += [{"id": p, "name": records[p]["name"], "title": records[p]["title"], "level": records[p]["level"],
                    "org_unit": records[p]["org_unit"], "distance": depth + 1} for p in missing]
        ids.update(missing)
    links = [link for link in found["links"] if link["type"] in types and link["from"] in ids and link["to"] in ids]
    return {"person": person, "depth": depth, "shown": shown, "total": found["total"],
            "people": people, "links": links, "path": on_path}
