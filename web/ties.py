"""A tie's provenance, as the explorer's side panel shows it: ``/api/ties/<a>/<b>``.

Anyone who may open the explorer sees where a KNOWS link comes from
(``sources``), its strengths, and the days of its first and latest
evidence. Strengths that evidence makes are given to one decimal to every
role but ``admin`` (:func:`netgraph.web.visibility.coarse`: exact, they give
the counts back). How many events two people had, by channel, is shown to nobody
but ``admin`` (``counts`` is ``null`` for every other role, and an admin's
read is audited as a sensitive read): who mails whom how often is the most
private thing netgraph derives, and no one needs it to judge a tie.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify

from netgraph.model.text import id_problem
from netgraph.web import visibility
from netgraph.web.audit import record_read
from netgraph.web.auth import requires
from netgraph.web.params import refuse
from netgraph.web.store import get_store

bp = Blueprint("ties", __name__)

#: The fields of a link the panel shows (``counts``: admin only).
SHOWN = (
    "a",
    "b",
    "sources",
    "strength",
    "declared_strength",
    "evidence_strength",
    "org_chart_strength",
    "first_seen",
    "last_seen",
    "retired_on",
    "context",
)


def event_counts(rows) -> dict[str, int]:
    """Events per channel, from the stored per-day counts (one row per input: added up).

    >>> event_counts([{"channel": "email", "events": 2}, {"channel": "email", "events": 1},
    ...               {"channel": "meeting", "events": 4}])
    {'email': 3, 'meeting': 4}
    """
    found: dict[str, int] = {}
    for row in rows:
        found[row["channel"]] = found.get(row["channel"], 0) + int(row["events"])
    return dict(sorted(found.items()))


@bp.get("/api/ties/<a>/<b>")
@requires()
def api_tie(a, b):
    for name, value in (("a", a), ("b", b)):
        problem = id_problem(value)
        if problem:
            raise refuse(name, problem, where="path")
    a, b = sorted((a, b))
    store = get_store()
    found = store.knows_links([(a, b)])
    if not found:
        abort(404, f"{a} and {b} have no KNOWS link")
    viewer = visibility.current_viewer(store)
    tie = visibility.tie({field: found[0][field] for field in SHOWN}, viewer)
    tie["counts"] = None
    if visibility.sees_all(viewer, "Tie", "counts"):
        tie["counts"] = event_counts(store.tie_evidence([(a, b)]))
        record_read("tie_counts", [f"person:{a}", f"person:{b}"])
    return jsonify(tie)
