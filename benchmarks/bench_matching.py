"""Mentor matching for a whole round on the generated organisation, on both stores.

Measures, at the default 100k people, rounds of 1,000, 5,000 and 20,000
mentees (scaled with the organisation: a tenth of that at 10k people), with
two mentors for every five mentees, each offering 1-3 places (seeded): mentees
are active people at levels 1-3, mentors active people at level 5 or above.
For each round and store, in seconds:

* the store reads (``gather_round``: the round's people, positions up their
  reporting lines, mentorships among them, load, and the contact network
  streamed once);
* each step after them, on the round's table: the constraints over every pair
  (``refusal_tables``), the network distances (``distance_table``), the fits
  (``fit_table``) and the optimal assignment (``optimal_table``); their sum
  with the reads is what the issue's target counts;
* the whole run as ``netgraph match run`` does it (``run_round``: the above
  after the reads, plus greedy, random, the figures, the blocking pairs and the
  unmatched), and its figures beside greedy's.

The steps after the reads are the same Python on both stores: Neo4j runs the
rounds up to 5,000 mentees (at 100k people; the 20,000 one would time that
Python again beside a larger read).

Run: ``python -m benchmarks.bench_matching [--people N]``.
"""

from __future__ import annotations

import json
import random
import sys

from benchmarks.common import dataset_file, measure_on_neo4j, run_from_command_line, timed
from netgraph.analysis.matching import assign
from netgraph.analysis.matching.constraint_tables import allowed_of, refusal_tables
from netgraph.analysis.matching.fit_tables import fit_table
from netgraph.analysis.matching.gather import gather_round
from netgraph.analysis.matching.inputs import NETWORK_MAX_HOPS, MatchSettings
from netgraph.analysis.matching.network import distance_table
from netgraph.analysis.matching.report import run_round
from netgraph.analysis.matching.table import PairTable
from netgraph.io.documents import read_document
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

TODAY = "2026-11-24"
#: Mentees per round at 100k people (scaled with the organisation's size).
ROUNDS_AT_100K = (1000, 5000, 20_000)
#: How many of those rounds Neo4j runs.
NEO4J_ROUNDS = 2
MENTORS_PER_MENTEE = 0.4


def rounds_of(clean: dict, people: int) -> list[tuple[list[str], dict[str, int]]]:
    """The seeded rounds: (mentees, mentor -> places), as many mentees as asked or as there are."""
    active = [p for p in clean["people"] if p.get("status", "active") == "active" and p.get("level") is not None]
    juniors = sorted(p["id"] for p in active if p["level"] <= 3)
    seniors = sorted(p["id"] for p in active if p["level"] >= 5)
    found = []
    for size in ROUNDS_AT_100K:
        rng = random.Random(size)
        mentees = sorted(rng.sample(juniors, min(len(juniors), max(1, size * people // 100_000))))
        mentors = rng.sample(seniors, min(len(seniors), max(1, round(len(mentees) * MENTORS_PER_MENTEE))))
        found.append((mentees, {m: rng.randint(1, 3) for m in sorted(mentors)}))
    return found


def steps(store, mentees: list[str], capacity: dict[str, int], settings: MatchSettings) -> dict:
    """The reads, then each step after them, then the whole run; in seconds, with the figures."""
    reads_s, inputs = timed(gather_round, store, mentees, capacity, TODAY)
    table = PairTable.of(inputs.mentees, inputs.mentors)
    constraints_s, allowed = timed(lambda: allowed_of(table, refusal_tables(table, inputs, settings)))
    distance_s, distance = timed(distance_table, table, inputs.contacts, NETWORK_MAX_HOPS)
    fits_s, fit = timed(fit_table, table, inputs, settings, distance)
    assigned, left, _ = table.indexed_locks((), inputs.capacity)
    rows = range(len(table.mentees))
    optimal_s, _ = timed(assign.optimal_table, fit, allowed, rows, assigned, left)
    allowed_pairs = int(allowed.sum())
    del fit, allowed, distance
    run_s, result = timed(run_round, inputs, settings)
    chosen, greedy = result["figures"]["chosen"], result["figures"]["greedy"]
    return {
        "mentees": len(mentees),
        "mentors": len(capacity),
        "places": sum(capacity.values()),
        "allowed_pairs": allowed_pairs,
        "reads_s": round(reads_s, 2),
        "constraints_s": round(constraints_s, 2),
        "distances_s": round(distance_s, 2),
        "fits_s": round(fits_s, 2),
        "optimal_s": round(optimal_s, 2),
        "run_s": round(run_s, 2),
        "matched": chosen["matched"],
        "total_fit": round(chosen["total_fit"], 1),
        "greedy_matched": greedy["matched"],
        "greedy_total_fit": round(greedy["total_fit"], 1),
    }


def each_round(store, rounds: list, settings: MatchSettings, name: str) -> list[dict]:
    """:func:`steps` for each round, each printed to stderr as it ends (a 100k run takes a while)."""
    found = []
    for mentees, capacity in rounds:
        found.append(steps(store, mentees, capacity, settings))
        print(name, json.dumps(found[-1]), file=sys.stderr, flush=True)
    return found


def run(people: int) -> dict:
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    settings = MatchSettings()
    rounds = rounds_of(clean, people)
    store = EmbeddedStore(None, freeze_graph=True)
    store.write(clean)
    embedded = each_round(store, rounds, settings, "embedded")
    del store
    neo4j = measure_on_neo4j(clean, each_round, rounds[:NEO4J_ROUNDS], settings, "neo4j")
    return {"people": people, "embedded": embedded, "neo4j": neo4j}


def table(r: dict) -> str:
    """The figures as docs/matching.md ("Speed") shows them: one line per round and store."""
    lines = [
        f"Whole rounds in the generated {r['people']:,}-person organisation (mentees at levels 1-3, two mentors "
        f"at level 5 or above for every five mentees, 1-3 places each; default settings); seconds.",
        "",
        "| mentees × mentors (places) | allowed pairs | store | reads | constraints | distances | fits | "
        "optimal assignment | reads to assignment | whole run after the reads | "
        "matched, total fit: optimal / greedy |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for store in ("embedded", "neo4j"):
        for e in r[store]:
            target = e["reads_s"] + e["constraints_s"] + e["distances_s"] + e["fits_s"] + e["optimal_s"]
            lines.append(
                f"| {e['mentees']:,} × {e['mentors']:,} ({e['places']:,}) | {e['allowed_pairs']:,} | "
                f"{'Neo4j' if store == 'neo4j' else store} | {e['reads_s']} | {e['constraints_s']} | "
                f"{e['distances_s']} | {e['fits_s']} | {e['optimal_s']} | {round(target, 2)} | {e['run_s']} | "
                f"{e['matched']:,}, {e['total_fit']:,} / {e['greedy_matched']:,}, {e['greedy_total_fit']:,} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    run_from_command_line(run)
