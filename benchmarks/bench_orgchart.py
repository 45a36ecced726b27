"""The succession org chart in a real Chromium at 10k positions: the first level, then expansions.

Runs ``netgraph serve`` (waitress, as :mod:`benchmarks.bench_web` does) in a
child process on the generated organisation of 100k people, which has 10,000
positions (one per ten people), and drives Debian's Chromium with Playwright,
as the browser tests do. It measures:

* **first level**: from the start of the navigation to ``/succession/chart``
  (the top), ``?unit=U`` or ``?position=P`` until the first level is on
  screen (the page's Performance mark ``oc-first-level``, set after the
  cards are in the DOM and a frame has been painted);
* **expansion**: from a click on a card's "reports" button until its
  direct reports are drawn (the page's measure ``oc-expand``: the API call,
  the cards built, a frame painted), walking down from the top by random
  positions that have reports.

How long Playwright takes to see the same is printed beside them. Targets:
the first level within 500 ms, an expansion within 300 ms (p95). Prints p50 /
p95 / max. Not a test: figures depend on the machine and on what else runs on it.

Run: ``python -m benchmarks.bench_orgchart [--store embedded|neo4j|both] [--samples N] [--people N]``
(the embedded store needs nothing else; ``neo4j`` starts the benchmark Neo4j
in ``.bench/neo4j`` on ``$NETGRAPH_BENCH_NEO4J_PORT``), or
``python -m benchmarks.run --only orgchart`` (both stores).
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

#: 100k people: the generated organisation with 10,000 positions.
PEOPLE = 100_000
SAMPLES = 30
FIRST_LEVEL_TARGET_MS, EXPAND_TARGET_MS = 500, 300

#: The page's own timings (web/static/orgchart.js).
MARKS = """() => ({first: performance.getEntriesByName("oc-first-level").map((e) => e.startTime),
                  expand: performance.getEntriesByName("oc-expand").map((e) => e.duration)})"""


def starts(clean: dict, count: int, seed: int = 11) -> list[str]:
    """Chart pages to open: the top, then units and positions with reports, seeded."""
    rnd = random.Random(seed)
    managers = sorted({p["reports_to"] for p in clean["positions"] if p.get("reports_to")})
    units = sorted({p["org_unit"] for p in clean["positions"] if p.get("org_unit")})
    picked = ["/succession/chart"]
    while len(picked) < count:
        picked.append(
            f"/succession/chart?unit={rnd.choice(units)}"
            if len(picked) % 2
            else f"/succession/chart?position={rnd.choice(managers)}"
        )
    return picked


def log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", "hr")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def measure(base: str, pages: list[str], expansions: int, seed: int = 13) -> dict:
    """Open each chart page, then expand ``expansions`` times down random paths; times in seconds."""
    from playwright.sync_api import sync_playwright

    rnd = random.Random(seed)
    found: dict[str, list[float]] = {"first_level": [], "first_level_seen": [], "expand": [], "expand_seen": []}
    cards: list[int] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        log_in(page, base)
        for i, path in enumerate(pages[:2] + pages):  # the first two warm up the server and the browser
            started = time.perf_counter()
            page.goto(base + path)
            page.wait_for_selector(".oc[data-ready='true']")
            seen = time.perf_counter() - started
            if i >= 2:
                found["first_level"].append(page.evaluate(MARKS)["first"][0] / 1000)
                found["first_level_seen"].append(seen)
                cards.append(page.locator(".oc-chart .oc-card").count())
        done, warm = 0, 2
        while done < expansions + warm:
            page.goto(base + "/succession/chart")
            page.wait_for_selector(".oc[data-ready='true']")
            while done < expansions + warm:
                closed = page.locator(".oc-chart li.oc-node:not([data-loaded]) > .oc-card .oc-toggle").all()
                if not closed:
                    break
                target = closed[rnd.randrange(len(closed))]
                position = target.evaluate("b => b.closest('li.oc-node').dataset.position")
                started = time.perf_counter()
                target.click()
                page.wait_for_selector(f".oc-chart li.oc-node[data-position='{position}'][data-loaded='true']")
                seen = time.perf_counter() - started
                timings = page.evaluate(MARKS)["expand"]
                while len(timings) < done + 1:  # the page measures once the reports are painted
                    time.sleep(0.01)
                    timings = page.evaluate(MARKS)["expand"]
                if done >= warm:
                    found["expand"].append(timings[-1] / 1000)
                    found["expand_seen"].append(seen)
                done += 1
        browser.close()
    return {
        **{name: percentiles(times) for name, times in found.items()},
        "cards_first_level": {"min": min(cards), "max": max(cards)},
    }


def measure_served(env: dict, pages: list[str], expansions: int) -> dict:
    port = free_port()
    server = serve(env, port)
    try:
        return measure(f"http://127.0.0.1:{port}", pages, expansions)
    finally:
        server.kill()


def run(people: int = PEOPLE, stores: tuple[str, ...] = ("embedded", "neo4j"), samples: int = SAMPLES) -> dict:
    """The figures on each store, on the generated organisation of ``people`` (10,000 positions at 100k)."""
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    pages = starts(clean, samples)
    measured = on_each_store(clean, stores, lambda env: measure_served(env, pages, samples))
    return {"people": people, "positions": len(clean["positions"]), "samples": samples, **measured}


def table(r: dict) -> str:
    first = r["embedded" if "embedded" in r else "neo4j"]
    return percentile_table(
        r,
        (
            f"The succession org chart in Chromium on the generated {r['people']:,}-person organisation "
            f"({r['positions']:,} positions), {r['samples']} chart pages (the top, units, positions; "
            f"{first['cards_first_level']['min']}–{first['cards_first_level']['max']} cards on the first level) and "
            f"{r['samples']} expansions; milliseconds, p50 / p95 / max:"
        ),
        [
            ("first level on screen (from the navigation's start)", FIRST_LEVEL_TARGET_MS, "first_level"),
            ("one expansion drawn (from the click)", EXPAND_TARGET_MS, "expand"),
            ("the first level, as Playwright waits for it", "", "first_level_seen"),
            ("the expansion, as Playwright waits for it", "", "expand_seen"),
        ],
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", choices=("embedded", "neo4j", "both"), default="both")
    parser.add_argument("--samples", type=int, default=SAMPLES)
    parser.add_argument("--people", type=int, default=PEOPLE)
    args = parser.parse_args(argv)
    stores = ("embedded", "neo4j") if args.store == "both" else (args.store,)
    result = run(args.people, stores, args.samples)
    print(json.dumps(result, indent=2))
    print()
    print(f"Measured on {time.strftime('%Y-%m-%d')}: {machine()}.")
    print(table(result))


if __name__ == "__main__":
    main()
