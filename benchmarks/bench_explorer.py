"""The explorer in a real Chromium on the generated 10k organisation: a depth-2 view, then one expansion.

Runs ``netgraph serve`` (waitress, as :mod:`benchmarks.bench_web` does) in a
child process and drives Debian's Chromium with Playwright, as the browser
tests do. For each of 20 people (a seeded sample of those with at least 10
contacts) it measures, from this process:

* **view**: from asking for ``/explore/<person>?depth=2`` until the graph is
  on screen and settled, i.e. vis-network has drawn the API's answer (the
  layout is computed on the server and physics is off, so the first drawing
  is the final one: the page marks it with ``data-version``);
* **expand**: from pressing the panel's Expand button for someone in the
  outer ring until the grown graph is drawn (one API call, the drawing
  updated in place).

Both are the page's own Performance marks (``explorer-asked``,
``explorer-drawn``); how long Playwright takes to see the same is printed
beside them. Targets: the view within 1 s, an expansion within 300 ms (p95).
Prints p50 / p95 / max and the people drawn. Not a test: figures depend on
the machine (and on what else runs on it).

Run: ``python -m benchmarks.bench_explorer [--store embedded|neo4j|both] [--samples N]``
(the embedded store needs nothing else; ``neo4j`` starts the benchmark Neo4j
in ``.bench/neo4j`` on ``$NETGRAPH_BENCH_NEO4J_PORT``, default 7698), or
``python -m benchmarks.run --only explorer`` (both stores).
"""

from __future__ import annotations

import argparse
import json
import random
import time

from benchmarks.bench_web import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    free_port,
    on_each_store,
    percentile_table,
    serve,
)
from benchmarks.common import dataset_file, machine, percentiles
from netgraph.io.documents import read_document
from netgraph.model.validate import validate

PEOPLE = 10_000
SAMPLES = 20
VIEW_TARGET_MS, EXPAND_TARGET_MS = 1000, 300


def sample(clean: dict, count: int, seed: int = 5) -> list[str]:
    """``count`` people with at least 10 contacts (a depth-2 view of them fills the explorer), seeded."""
    degree: dict[str, int] = {}
    for k in clean["knows"]:
        degree[k["a"]] = degree.get(k["a"], 0) + 1
        degree[k["b"]] = degree.get(k["b"], 0) + 1
    busy = sorted(p for p, d in degree.items() if d >= 10)
    return random.Random(seed).sample(busy, count)


#: The page's own marks (web/static/explorer.js): when a change was asked for and when it reached the screen.
MARKS = """() => {
  const at = (name) => performance.getEntriesByName(name).map((e) => e.startTime);
  return {asked: at("explorer-asked"), drawn: at("explorer-drawn")};
}"""


def measure(base: str, people: list[str]) -> dict:
    """Open each person's depth-2 view, then expand someone of its rings; times in seconds.

    The figures are the page's own (Performance marks): from the start of the
    navigation, and from the Expand button's click, until vis-network has
    drawn. ``*_seen`` are the same as Playwright sees them from this process
    (they add the automation's round trips).
    """
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {"view": [], "expand": [], "view_seen": [], "expand_seen": []}
    drawn, grown = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(base + "/login")
        page.fill("input[name=name]", "hr")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base + "/")
        for i, person in enumerate(people[:2] + people):  # the first two warm up the server and the browser
            started = time.perf_counter()
            page.goto(f"{base}/explore/{person}?depth=2")
            page.wait_for_selector("#graph[data-version='1']")
            view_seen = time.perf_counter() - started
            page.click("#graph-list summary")  # the list twin, built when opened: the way to click someone
            page.wait_for_selector("#graph-list-people li")
            listed = page.eval_on_selector_all("#graph-list-people li", "items => items.map(i => i.dataset.person)")
            other = listed[len(listed) * 2 // 3]  # sorted by name: someone of the rings, never the same one
            page.click(f"#graph-list-people li[data-person='{other}'] button")
            page.wait_for_selector("#panel:not([hidden]) #panel-expand:not([disabled])")
            started = time.perf_counter()
            page.click("#panel-expand")
            page.wait_for_selector("#graph[data-version='2']")
            expand_seen = time.perf_counter() - started
            marks = page.evaluate(MARKS)
            if i >= 2:
                found["view"].append(marks["drawn"][0] / 1000)
                found["expand"].append((marks["drawn"][-1] - marks["asked"][-1]) / 1000)
                found["view_seen"].append(view_seen)
                found["expand_seen"].append(expand_seen)
                drawn.append(len(listed))
                grown.append(int(page.get_attribute("#graph", "data-ready")) - len(listed))
        browser.close()
    return {
        **{name: percentiles(times) for name, times in found.items()},
        "people_drawn": {"min": min(drawn), "max": max(drawn)},
        "people_added": {"min": min(grown), "max": max(grown)},
    }


def measure_served(env: dict, people: list[str]) -> dict:
    port = free_port()
    server = serve(env, port)
    try:
        return measure(f"http://127.0.0.1:{port}", people)
    finally:
        server.kill()


def run(people: int = PEOPLE, stores: tuple[str, ...] = ("embedded", "neo4j"), samples: int = SAMPLES) -> dict:
    """The figures on each store. Always the 10k organisation: this measures the page, not the store's scale."""
    del people  # ``benchmarks.run`` passes its --people; the browser figures are for 10k people
    document, where = read_document(dataset_file(PEOPLE))
    clean = validate(document, where=where)
    picked = sample(clean, samples)
    measured = on_each_store(clean, stores, lambda env: measure_served(env, picked))
    return {"people": PEOPLE, "samples": samples, **measured}


def table(r: dict) -> str:
    first = r["embedded" if "embedded" in r else "neo4j"]
    return percentile_table(
        r,
        (
            f"The explorer in Chromium on the generated {r['people']:,}-person organisation, {r['samples']} people "
            f"(depth-2 views of {first['people_drawn']['min']}–{first['people_drawn']['max']} people; "
            f"one expansion adds "
            f"{first['people_added']['min']}–{first['people_added']['max']}); milliseconds, p50 / p95 / max:"
        ),
        [
            ("depth-2 view on screen and settled (from the navigation's start)", VIEW_TARGET_MS, "view"),
            ("one expansion drawn (from the click)", EXPAND_TARGET_MS, "expand"),
            ("the view, as Playwright waits for it", "", "view_seen"),
            ("the expansion, as Playwright waits for it", "", "expand_seen"),
        ],
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", choices=("embedded", "neo4j", "both"), default="both")
    parser.add_argument("--samples", type=int, default=SAMPLES)
    args = parser.parse_args(argv)
    stores = ("embedded", "neo4j") if args.store == "both" else (args.store,)
    result = run(PEOPLE, stores, args.samples)
    print(json.dumps(result, indent=2))
    print()
    print(f"Measured on {time.strftime('%Y-%m-%d')}: {machine()}.")
    print(table(result))


if __name__ == "__main__":
    main()
