"""Warm a freshly started server on Neo4j, so its first users do not wait for query planning.

Neo4j plans each statement on its first run, about a second for the larger
ones (recommendations, neighbourhoods, succession), and forgets the plans
when it restarts. ``netgraph serve`` runs :func:`warm_up` in a background
thread: it asks once for what the pages ask for, with the busiest mentor and
one of their mentees, and ignores the answers. A store that plans nothing
(``needs_warm_up`` false: the embedded store) is left alone.
"""

from __future__ import annotations

import threading
import time

from flask import Flask

from netgraph.analysis.explorer import network
from netgraph.analysis.org_chart import chart
from netgraph.analysis.paths import warm_path
from netgraph.analysis.people import profile
from netgraph.analysis.programme import overview
from netgraph.analysis.recommend import recommend
from netgraph.analysis.succession import coverage, pipeline
from netgraph.analysis.what_if import what_if
from netgraph.errors import NetgraphError
from netgraph.web.programme import PEOPLE_LISTED
from netgraph.web.store import get_settings, get_store


def warm_up(app: Flask) -> list[str]:
    """Run each page's queries once; return what was warmed (for the log and the tests)."""
    warmed: list[str] = []
    with app.app_context():
        store, recommend_settings = get_store(), get_settings().recommend
        if not store.needs_warm_up:
            return warmed

        def step(name, call):
            try:
                call()
                warmed.append(name)
            except NetgraphError as error:  # an empty database, Neo4j away: the first user will see it
                app.logger.info("warm-up of %s skipped: %s", name, error)

        mentors = []
        step("programme", lambda: mentors.extend(overview(store, PEOPLE_LISTED)["mentors"]))
        if mentors:
            mentor, mentees = mentors[0]["id"], []
            step(
                "mentor",
                lambda: mentees.extend(
                    m["other"] for m in profile(store, mentor)["mentees"] if m["status"] == "active"
                ),
            )
            person = mentees[0] if mentees else mentor
            step("person", lambda: profile(store, person))
            step("recommendations", lambda: recommend(store, person, via="all", settings=recommend_settings))
            step("explorer", lambda: network(store, person, depth=2, limit=get_settings().web.explorer_max_nodes))
            step("warm path", lambda: warm_path(store, person, mentor, settings=recommend_settings))
            step("what-if", lambda: what_if(store, [mentor], promote=True))
        step("succession", lambda: coverage(store))
        step("org chart", lambda: chart(store))  # one statement for every level and the what-if chart
        step("pipeline", lambda: pipeline(store))
    return warmed


def warm_up_in_background(app: Flask, report=None) -> threading.Thread:
    """Start :func:`warm_up` in a daemon thread; ``report(line)`` hears when it is done (serve prints it)."""
    report = report or app.logger.info

    def run():
        started = time.monotonic()
        try:
            warmed = warm_up(app)
        except NetgraphError as error:
            report(f"warm-up stopped: {error}")
            return
        if warmed:
            report(f"warmed {', '.join(warmed)} in {time.monotonic() - started:.1f} s")

    thread = threading.Thread(target=run, name="netgraph-warm-up", daemon=True)
    thread.start()
    return thread
