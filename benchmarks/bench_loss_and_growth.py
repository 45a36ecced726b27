"""What simultaneous cover costs the coverage report, and what impact, exposure and growth cost insights refresh.

On a generated organisation in an in-memory embedded store (``--people N``, 10k by default; ``--neo4j``
measures the same on the benchmark Neo4j as well):

* the coverage report (:func:`netgraph.analysis.succession.coverage`) whole, and its simultaneous-cover
  part alone (the seats that can lose out, taken from the coverage rows the report reads anyway, and their
  matching per scope; marking the units and positions with the answers is left in the rest, the positions'
  marks being made as their records are built): without = whole - part;
* ``insights refresh`` whole, and its new parts each timed alone on the same network (impact: the reads of
  coverage, mentors and people and the score; exposure: the departures read and the ranking of ties; growth:
  the dated-ties read, the months and one search per wanted skill): without = whole - parts.

Each figure is the median of ``--repeat`` runs (3). Run ``python -m benchmarks.bench_loss_and_growth``.
"""

from __future__ import annotations

import argparse
import json
import statistics
from datetime import date

from benchmarks.bench_insights import refresh_as_asked
from benchmarks.common import dataset_file, measure_on_neo4j, timed
from netgraph.analysis.insights.exposure import departed_since, exposure_of
from netgraph.analysis.insights.growth import mentee_distances, monthly
from netgraph.analysis.insights.impact import flight_risks, impact_of, read_impact_inputs
from netgraph.analysis.insights.people import person_measures
from netgraph.analysis.insights.projection import load_projection
from netgraph.analysis.simultaneous_cover import lose_out_by_scope
from netgraph.analysis.succession import coverage
from netgraph.io.documents import read_document
from netgraph.model.growth import last_months
from netgraph.model.insights import InsightSettings
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import complete, validate
from netgraph.store import EmbeddedStore

SETTINGS = InsightSettings()
RECOMMEND = RecommendSettings()


def _median(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        seconds, _ = timed(fn)
        samples.append(seconds)
    return round(statistics.median(samples), 3)


def new_parts(store) -> dict:
    """Each new part of refresh timed alone, on the network and person rows refresh would have computed first."""
    projection = load_projection(store, RECOMMEND)
    rows = person_measures(projection, SETTINGS, sample=100).rows(projection)  # the rows' figures, not their time
    for row in rows:
        row.update({"cuts_off": [], "sole_links": [], "bridges": []})
    today = date.today()
    found = {}

    def impact() -> dict:
        positions, mentees, records = read_impact_inputs(store)
        impact_of(rows, positions, mentees, flight_risks(records), SETTINGS.broker_percentile)
        return records

    found["impact_s"], records = timed(impact)
    risks = flight_risks(records)

    def exposure() -> None:
        departures = store.departure_links(
            departed_since(today, SETTINGS.departed_days),
            mentor_strength=RECOMMEND.mentor_tie_strength,
            missing_strength=RECOMMEND.missing_strength,
        )
        exposure_of(projection, departures, risks, SETTINGS.exposure_ties)

    def growth() -> None:
        months = last_months(today, SETTINGS.growth_months)
        links = store.growth_links(months[0] + "-01")
        monthly(projection, links, months, SETTINGS.growth_window_days)
        mentee_distances(projection, links, records)

    found["exposure_s"], _ = timed(exposure)
    found["growth_s"], _ = timed(growth)
    return {key: round(value, 3) for key, value in found.items()}


def measure(store, repeat: int) -> dict:
    whole_report = _median(lambda: coverage(store), repeat)
    read = store.coverage([])
    parent = {u["id"]: u["parent"] for u in read["units"]}
    cover = _median(lambda: lose_out_by_scope(read["positions"], parent), repeat)
    refresh = _median(lambda: refresh_as_asked(store, SETTINGS, RECOMMEND), repeat)
    parts = new_parts(store)
    new = round(sum(parts.values()), 3)
    return {
        "coverage_report_s": whole_report,
        "simultaneous_cover_s": cover,
        "coverage_without_cover_s": round(whole_report - cover, 3),
        "cover_adds_percent": round(100 * cover / (whole_report - cover), 1),
        "insights_refresh_s": refresh,
        **parts,
        "refresh_without_new_parts_s": round(refresh - new, 3),
        "new_parts_add_percent": round(100 * new / (refresh - new), 1),
    }


def run(people: int, repeat: int, neo4j: bool) -> dict:
    document, _ = read_document(dataset_file(people))
    clean = complete(validate(document))
    store = EmbeddedStore(None)
    store.write(clean)
    found = {"people": people, "embedded": measure(store, repeat)}
    if neo4j:
        found["neo4j"] = measure_on_neo4j(clean, measure, repeat)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--neo4j", action="store_true", help="measure on the benchmark Neo4j too")
    a = parser.parse_args()
    print(json.dumps(run(a.people, a.repeat, a.neo4j), indent=2))


if __name__ == "__main__":
    main()
