"""recommend's latency on Neo4j at 10k people: this code against the code before the learned score, alternated.

The method of docs/benchmarks/evaluate.md ("recommend with a learned plausibility: latency at
10k"): long-lived worker processes, one per arm, each importing netgraph from a code tree of its
own, answer the same requests in turn. Each round hands the next ten of the 200 random people of
``benchmarks/bench_recommend.py`` (in a rotating order) to every arm, the arms themselves taking
turns in a rotating order; each arm answers ``recommend(person, via="all")`` for the ten and
times each request itself (the pipe to the worker is not timed). The arms:

- ``before``: the code at ``--commit`` (default ``8ea9f8f``, the parent of the commit that let the
  recommendation settings file hold a learned ``[plausibility]``), its default formula; that tree
  is a ``git worktree`` made in ``.bench/`` for the run and removed afterwards;
- ``default``: this tree, the default formula;
- ``learned``: this tree, ``fixtures/learned/plausibility.toml`` (ten features, not ``pair_contacts``);
- ``pair_contacts``: this tree, ``fixtures/learned/pair_contacts.toml`` (a model that uses the pair's
  own events; the generated organisation has no tie evidence, so every look-up finds none);
- ``before_learned`` (only with ``--arms``): the code at ``--commit`` with the learned model, for a
  commit that has it (to measure a change to the learned score itself).

The 10,000 generated people (``.bench/generated-10000-1.json``, made once) are loaded into a Neo4j
of the script's own (``.bench/neo4j-recommend-latency``, reused while it holds that many people),
started and stopped here. Prints, per arm, p50 / p99 of every request, each person's fastest run at
p50 and the sum of the 200 fastest, the ratios against ``before``, for how many people each arm's
answer is the same as the code before's with the same model (``before``'s for ``default``: all of them
unless a change meant to change the answers), for how many the order is the same (the candidates
and their introducers, place by place; in the JSON as ``same_order``: a score summed another way may
differ in its last digits and keep the order), and the load average at the start and the end. Figures taken
while anything else runs are a smoke test only: the target is judged on a quiet machine.

Run: ``python -m benchmarks.bench_recommend_latency [--rounds 300] [--commit 8ea9f8f]``
(or ``python -m benchmarks.run --only recommend_latency``, with this script's defaults).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
#: the code before the learned score: the parent of the commit that let NETGRAPH_RECOMMEND_FILE hold a model
BEFORE = "8ea9f8f"
#: arm -> (tree: "before" or "now", settings file under fixtures/learned/ or None for the default formula)
ARMS = {
    "before": ("before", None),
    "default": ("now", None),
    "learned": ("now", "plausibility.toml"),
    "pair_contacts": ("now", "pair_contacts.toml"),
    # only on request (--arms), for a --commit whose code has the learned score: its learned plausibility
    "before_learned": ("before", "plausibility.toml"),
}
#: the arm of the code before whose answers an arm's must equal, when it ran (else: before's)
SAME_MODEL = {"learned": "before_learned"}
#: the arms run unless --arms says otherwise
DEFAULT_ARMS = ("before", "default", "learned", "pair_contacts")
#: requests each arm answers per round (the same ten people for every arm)
PER_ROUND = 10
#: requests each worker answers before the rounds, not counted: the statement's plan (about a second), caches
WARM_UP = 20
TODAY = "2026-11-24"  # as benchmarks/bench_recommend.py


# -- the worker: runs in a process of its own, importing netgraph from the tree it is given ------------------


def use_tree(tree: Path) -> None:
    """Import ``netgraph`` from ``tree`` rather than the installed one. The installed package maps
    ``netgraph.cypher`` and ``netgraph.fixtures`` to the folders beside ``netgraph/`` (pyproject.toml,
    package-dir): the same here, from ``tree``, before anything imports them."""
    sys.path.insert(0, str(tree))
    import netgraph

    if Path(netgraph.__file__).resolve().parent != tree / "netgraph":
        raise SystemExit(f"netgraph came from {netgraph.__file__}, not {tree}")
    for sub in ("cypher", "fixtures"):
        spec = importlib.util.spec_from_file_location(
            f"netgraph.{sub}", tree / sub / "__init__.py", submodule_search_locations=[str(tree / sub)]
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        setattr(netgraph, sub, module)


def worker(tree: Path, uri: str, settings_file: str | None) -> None:
    """Answer lists of people read from stdin, one JSON list a line, with one JSON line each: every
    request's seconds, a digest of its answer and a digest of its order (who, through whom, in which place)."""
    use_tree(tree)
    from datetime import date
    from importlib import resources

    from netgraph.analysis.recommend import recommend
    from netgraph.store.neo4j_backend.store import Neo4jStore

    settings = None
    if settings_file:
        from netgraph.settings import recommend_settings_from_file

        settings = recommend_settings_from_file(Path(settings_file))
    today = date.fromisoformat(TODAY)
    store = Neo4jStore(uri)
    statements = Path(str(resources.files("netgraph.cypher"))).resolve()
    print(json.dumps({"statements": str(statements)}), flush=True)
    for line in sys.stdin:
        times, digests, orders = [], [], []
        for person in json.loads(line):
            start = time.perf_counter()
            found = recommend(store, person, via="all", today=today, settings=settings)
            times.append(time.perf_counter() - start)
            text = json.dumps(found["results"], sort_keys=True, default=str)
            digests.append(hashlib.sha256(text.encode()).hexdigest()[:16])
            order = json.dumps([[r["candidate"], r["introducer"]] for r in found["results"]])
            orders.append(hashlib.sha256(order.encode()).hexdigest()[:16])
        print(json.dumps({"times": times, "digests": digests, "orders": orders}), flush=True)
    store.close()


# -- the driver ---------------------------------------------------------------------------------------------


class Arm:
    """One long-lived worker process."""

    def __init__(self, name: str, tree: Path, uri: str, settings_file: Path | None):
        self.name = name
        self.times: list[float] = []
        self.by_person: dict[str, list[float]] = {}
        self.digests: dict[str, str] = {}
        self.orders: dict[str, str] = {}
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(tree), uri]
        command += [str(settings_file)] if settings_file else []
        # the worker's own folder (benchmarks/) is its sys.path[0], not this tree: netgraph comes from `tree`
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(self._line())
        if Path(ready["statements"]) != tree / "cypher":
            raise SystemExit(f"{name}: statements from {ready['statements']}, not {tree / 'cypher'}")

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"worker {self.name} ended (exit {self.process.wait()})")
        return line

    def ask(self, people: list[str], count: bool = True) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(people) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._line())
        if not count:
            return
        self.times += answer["times"]
        for person, seconds, digest, order in zip(
            people, answer["times"], answer["digests"], answer["orders"], strict=True
        ):
            self.by_person.setdefault(person, []).append(seconds)
            self.digests.setdefault(person, digest)
            self.orders.setdefault(person, order)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)

    def figures(self) -> dict:
        ms = sorted(t * 1000 for t in self.times)
        fastest = [min(ts) * 1000 for ts in self.by_person.values()]
        return {
            "n": len(ms),
            "p50_ms": round(statistics.median(ms), 2),
            "p99_ms": round(ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))], 2),
            "fastest_p50_ms": round(statistics.median(fastest), 2),
            "fastest_sum_ms": round(sum(fastest)),
            "people": len(fastest),
        }


@contextmanager
def tree_at(commit: str):
    """A detached ``git worktree`` of ``commit`` in .bench/, removed afterwards."""
    path = WORK / f"tree-{commit}"
    if path.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False)
    WORK.mkdir(exist_ok=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), commit], check=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=True)


def rounds(arms: list[Arm], people: list[str], count: int) -> None:
    """``count`` rounds: each the next PER_ROUND people, answered by every arm in a rotating order."""
    for r in range(count):
        start = (r * PER_ROUND) % len(people)
        ten = (people[start:] + people[:start])[:PER_ROUND]
        for arm in arms[r % len(arms) :] + arms[: r % len(arms)]:
            arm.ask(ten)


def same_answers(name: str, digests: dict[str, dict[str, str]]) -> tuple[str, int]:
    """The arm of the code before that ``name`` is compared with, and for how many people their answers are the
    same."""
    reference = SAME_MODEL.get(name, "before")
    reference = reference if reference in digests else "before"
    return reference, sum(digests[reference][p] == d for p, d in digests[name].items())


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×"


def table(result: dict) -> str:
    arms = result["arms"]
    before = arms["before"]
    lines = [
        f'recommend(person, via="all"), {result["people"]:,} people, Neo4j, {result["rounds"]} rounds of '
        f"{PER_ROUND} requests per arm; load {result['load_start']} at the start, {result['load_end']} at the end; "
        f"the code before: {result['commit']}. Milliseconds: p50 / p99; each person's fastest run at p50; the sum "
        "of the fastest runs. Ratios against the code before.",
        "",
        "| arm | p50 / p99; fastest p50; fastest sum | vs before: p50 / p99; fastest p50; fastest sum | the same "
        "answers as before |",
        "|---|---|---|---|",
    ]
    for name, f in arms.items():
        vs = (
            "1"
            if name == "before"
            else "; ".join(
                [
                    f"{ratio(f['p50_ms'], before['p50_ms'])} / {ratio(f['p99_ms'], before['p99_ms'])}",
                    ratio(f["fastest_p50_ms"], before["fastest_p50_ms"]),
                    ratio(f["fastest_sum_ms"], before["fastest_sum_ms"]),
                ]
            )
        )
        reference, count = result["same_answers"][name]
        same = f"{count} of {f['people']}" + ("" if reference == "before" else f" (against {reference})")
        lines.append(
            f"| {name} | {f['p50_ms']} / {f['p99_ms']}; {f['fastest_p50_ms']}; {f['fastest_sum_ms']:,} | {vs} | "
            f"{same} |"
        )
    return "\n".join(lines)


def run(
    people: int = 10_000,
    count: int = 60,
    commit: str = BEFORE,
    port: int = 7699,
    heap: str = "2g",
    pagecache: str = "1g",
    arms: tuple[str, ...] = DEFAULT_ARMS,
) -> dict:
    from benchmarks.bench_recommend import samples
    from benchmarks.common import dataset_file, ensure_loaded
    from netgraph.io.documents import read_document
    from netgraph.io.graph_formats import people_network
    from netgraph.localdb import LocalNeo4j
    from netgraph.model.validate import validate
    from netgraph.store.neo4j_backend.store import Neo4jStore

    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    random_people = samples(people_network(clean))["random"]
    del document
    # a home of its own, the jars of the other benchmarks' server (benchmarks/common.py)
    server = LocalNeo4j(
        WORK / "neo4j-recommend-latency", port=port, heap=heap, pagecache=pagecache, lib_dir=WORK / "neo4j" / "lib"
    )
    with tree_at(commit) as old, server.running() as uri:
        store = Neo4jStore(uri)
        try:
            ensure_loaded(store, clean)
        finally:
            store.close()
        del clean
        trees = {"before": old, "now": ROOT}
        workers = []
        try:
            for name in arms:
                tree, settings = ARMS[name]
                model = ROOT / "fixtures" / "learned" / settings if settings else None
                workers.append(Arm(name, trees[tree], uri, model))
            for arm in workers:
                arm.ask(random_people[:WARM_UP], count=False)
            load_start = os.getloadavg()
            rounds(workers, random_people, count)
            load_end = os.getloadavg()
        finally:
            for arm in workers:
                arm.close()
    digests = {arm.name: arm.digests for arm in workers}
    orders = {arm.name: arm.orders for arm in workers}
    return {
        "people": people,
        "rounds": count,
        "commit": commit,
        "load_start": " ".join(f"{x:.1f}" for x in load_start),
        "load_end": " ".join(f"{x:.1f}" for x in load_end),
        "arms": {arm.name: arm.figures() for arm in workers},
        # per arm, the people whose first answer (ranked list, scores, reasons) is, to the bit, that of the code
        # before with the same model (before_learned for learned, when it ran), else with the default formula
        "same_answers": {name: same_answers(name, digests) for name in digests},
        # the same, for the order alone: the candidates shown and their introducers, place by place (a score
        # summed in another order may differ in its last digits and leave the order as it was)
        "same_order": {name: same_answers(name, orders) for name in orders},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=60, help="rounds of ten requests per arm (default 60)")
    parser.add_argument("--commit", default=BEFORE, help=f"the code before (default {BEFORE})")
    parser.add_argument("--port", type=int, default=7699, help="the Bolt port of the script's own Neo4j")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--arms", nargs="+", choices=tuple(ARMS), default=list(DEFAULT_ARMS))
    args = parser.parse_args(argv)
    if "before" not in args.arms:
        parser.error("the ratios are against the arm 'before': keep it")
    result = run(args.people, args.rounds, args.commit, args.port, args.heap, args.pagecache, tuple(args.arms))
    print(json.dumps(result, indent=2))
    print()
    print(table(result))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(Path(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        main()
