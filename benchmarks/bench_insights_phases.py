"""Where ``insights refresh`` spends its time: wall and CPU seconds of each phase.

Each step ``stored.refresh`` calls is wrapped from outside (the module's names
rebound for the run, nothing inside the functions changes), so the phases add
up to the refresh; what no wrapper covers is ``rest``. A step called once per
person (the stored row) is summed over the calls.

Run ``python -m benchmarks.bench_insights_phases --people 100000 300000`` (a
generated organisation in an in-memory embedded store), or ``--neo4j URI``
against a loaded server (the other settings from the environment, as the CLI
reads them) to time a refresh there. ``--workers N`` sizes the pool as the CLI
does unless given (1: everything in this process); the pool's CPU is
``workers_cpu``, beside this process's.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from netgraph.analysis.insights import people, stored
from netgraph.collector import cycle_collector_paused
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.workers import cpu_pool, workers_for

#: The module-level steps of ``stored.refresh``, in the order it calls them.
STEPS = (
    "load_projection",
    "_submit",
    "read_impact_inputs",
    "departed_since",
    "local_measures",
    "unit_tree",
    "person_codes",
    "hiding",
    "_shown_silos",
    "unit_matrix",
    "_shown_matrix",
    "cut_rows",
    "_gather",
    "combined",
    "community_summary",
    "flight_risks",
    "impact_of",
    "exposure_of",
    "mentee_distances",
    "_person_row",
    "monthly",
    "distance_summary",
    "unit_exposure",
    "impact_grids",
    "heat_map_units",
    "_silo_order",
    "unit_community_order",
    "communities_under",
    "listing",
    "exposed_order",
)
#: What the store answers during a refresh (methods of the store object).
STORE_STEPS = ("departure_links", "growth_links", "save_insights")


class Clock:
    """Wall and CPU seconds per step name, summed over calls."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
                self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

        return timed


@contextmanager
def clocked(store: Any) -> Iterator[Clock]:
    """Every step of ``stored.refresh`` timed for the block, then the module and store as they were."""
    clock = Clock()
    saved = {name: getattr(stored, name) for name in STEPS}
    rows = people.PersonMeasures.rows
    try:
        for name, fn in saved.items():
            setattr(stored, name, clock.wrap(name, fn))
        people.PersonMeasures.rows = clock.wrap("measures.rows", rows)  # type: ignore[method-assign]
        for name in STORE_STEPS:
            setattr(store, name, clock.wrap(name, getattr(store, name)))
        yield clock
    finally:
        for name, fn in saved.items():
            setattr(stored, name, fn)
        people.PersonMeasures.rows = rows  # type: ignore[method-assign]
        for name in STORE_STEPS:
            delattr(store, name)


def _pool_cpu(pool: Any) -> float:
    """CPU seconds of the pool's live processes so far (Linux): children of the start server, not of this
    process, so no resource count of this process's children holds them."""
    total = 0
    for pid in getattr(pool, "_processes", None) or {}:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def phases(store: Any, workers: int) -> dict[str, Any]:
    """One refresh of ``store``, timed by phase (the CLI's way: the cycle collector paused, a pool of
    ``workers``); ``workers_cpu``: the pool's CPU seconds, read before it shuts down."""
    load = os.getloadavg()[0]
    with clocked(store) as clock, cycle_collector_paused():
        wall, cpu = time.perf_counter(), time.process_time()
        with cpu_pool(workers) as pool:
            done = stored.refresh(store, InsightSettings(), RecommendSettings(), pool=pool)
            workers_cpu = _pool_cpu(pool)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rest_wall, rest_cpu = wall - sum(clock.wall.values()), cpu - sum(clock.cpu.values())
    return {
        "workers": workers,
        "workers_cpu": round(workers_cpu, 2),
        "people": done["people"],
        "links": done["links"],
        "communities": done["communities"],
        "nmi": done["nmi"],
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "total": [round(wall, 2), round(cpu, 2)],
        "phases": {
            **{name: [round(clock.wall[name], 2), round(clock.cpu[name], 2)] for name in clock.wall},
            "rest": [round(rest_wall, 2), round(rest_cpu, 2)],
        },
    }


def generated(people_count: int) -> Any:
    from netgraph.io.generate import generate_dataset
    from netgraph.model.validate import complete, validate
    from netgraph.store import EmbeddedStore

    store = EmbeddedStore(None, freeze_graph=True)
    store.write(complete(validate(generate_dataset(people_count, seed=1))))
    return store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="*", default=[], help="generated sizes, embedded in memory")
    parser.add_argument("--neo4j", help="a loaded Neo4j server's bolt URI")
    parser.add_argument(
        "--workers", type=int, default=workers_for(stored.POOL_CALLS), help="the pool's processes (default: the CLI's)"
    )
    args = parser.parse_args(argv)
    for size in args.people:
        print(json.dumps({"store": "embedded (in memory)", **phases(generated(size), args.workers)}), flush=True)
    if args.neo4j:
        from netgraph.settings import load_settings
        from netgraph.store import open_store

        store = open_store(load_settings({**os.environ, "NEO4J_URI": args.neo4j}).store)
        try:
            print(json.dumps({"store": "neo4j", **phases(store, args.workers)}), flush=True)
        finally:
            store.close()


if __name__ == "__main__":
    main()
