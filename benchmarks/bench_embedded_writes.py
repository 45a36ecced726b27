"""Embedded store writes: the SQLite file against the JSON file design, measured in the same run.

At N people (default 100k), each in a fresh process of its own (clean memory, own peak RSS):

- **import** of the generated organisation into an empty store (validation included), both designs;
- **opening** the store (the whole graph into memory), both designs; and the one-time migration of a
  JSON store into SQLite;
- **one web write**: an introduction proposed through the web app (Flask's test client, an ``hr``
  account, ``POST /api/introductions``: checks, validation, the write, the answer), p50 / p99 over
  200 proposals on SQLite and 10 on the JSON design (each of which rewrites the whole file), with
  the bytes each write hands to the kernel (``wchar`` of ``/proc/self/io``);
- **catching up**: the first read of a server's store after another handle (another process's
  connections and mirror) proposed one introduction: what a read pays to see a write made elsewhere.

The JSON design is the embedded store as netgraph had it before the SQLite file (commit ca86122):
the graph in memory, written whole to a temporary file, flushed, and renamed over the store after
every write; reopened by parsing the file. It is kept below, verbatim where it counts, as the yardstick.

Run: ``python -m benchmarks.bench_embedded_writes [--people N]`` or
``python -m benchmarks.run --only embedded-writes [--people N]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from benchmarks.common import WORK, dataset_file, percentiles, timed

SQLITE_PROPOSALS = 200
JSON_PROPOSALS = 10
CATCH_UP_SAMPLES = 50
PASSWORD = "benchmark passphrase"


# -- the JSON design, as it was (the yardstick) ------------------------------------------------


def json_design_store(path: Path):
    """An embedded store that keeps the graph in memory and rewrites ``path`` whole on every write."""
    from netgraph.store.embedded import EmbeddedStore
    from netgraph.store.embedded.records import export_graph
    from netgraph.store.ports import Progress

    class JsonFileStore(EmbeddedStore):
        def __init__(self, json_path: Path):
            super().__init__(None)
            self.json_path = json_path
            if json_path.exists():
                with open(json_path, encoding="utf-8") as handle:
                    document = json.load(handle)
                graph = nx.MultiDiGraph()
                _old_write_document(graph, document)
                self._mirror.graph = graph
                _old_settle(graph)

        def write(self, dataset: dict, *, progress: Progress | None = None) -> None:
            with self._mirror.lock:
                self._succession_cache.clear()
                _old_write_document(self._mirror.graph, dataset)
                self._save()
                _old_settle(self._mirror.graph)

        def _save(self) -> None:
            self.json_path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.json_path.name}.", dir=self.json_path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(export_graph(self._mirror.graph), handle, ensure_ascii=False, separators=(",", ":"))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.json_path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    return JsonFileStore(path)


def _old_settle(graph: nx.MultiDiGraph) -> None:
    if len(graph) > 10_000:
        gc.collect()
        gc.freeze()


def _old_write_document(graph: nx.MultiDiGraph, dataset: dict) -> None:
    """The JSON design's writers: straight onto the graph, links of a record dropped and added again."""
    from netgraph.model.vocabulary import FIELDS, SECTIONS
    from netgraph.store.embedded.records import LINK_SECTIONS, PARENT

    def set_node(label, key, props):
        node = (label, key)
        if node in graph:
            attrs = graph.nodes[node]
            attrs.clear()
            attrs.update(props)
        else:
            graph.add_node(node, **props)
        return node

    def drop_out(node, rel):
        graph.remove_edges_from([(node, v, k) for _, v, k in graph.out_edges(node, keys=True) if k == rel])

    def drop_in(node, rel):
        graph.remove_edges_from([(u, node, k) for u, _, k in graph.in_edges(node, keys=True) if k == rel])

    def single(node, rel, label, target):
        drop_out(node, rel)
        if target is not None:
            graph.add_edge(node, (label, target), key=rel)

    def skill(name):
        if ("Skill", name) not in graph:
            graph.add_node(("Skill", name), name=name)
        return ("Skill", name)

    for section in SECTIONS:
        for r in dataset.get(section) or []:
            if section == "org_units":
                set_node("OrgUnit", r["id"], {"id": r["id"], "name": r["name"]})
            elif section == "people":
                node = set_node("Person", r["id"], {k: r[k] for k in FIELDS["people"][:9]})
                single(node, "MEMBER_OF", "OrgUnit", r["org_unit"])
                drop_out(node, "HAS_SKILL")
                for name, level in r["skills"].items():
                    graph.add_edge(node, skill(name), key="HAS_SKILL", level=level)
                drop_out(node, "WANTS_TO_GROW")
                for name in r["wants_to_grow"]:
                    graph.add_edge(node, skill(name), key="WANTS_TO_GROW")
            elif section == "positions":
                node = set_node("Position", r["id"], {k: r[k] for k in ("id", "title", "level", "critical")})
                single(node, "IN", "OrgUnit", r["org_unit"])
                drop_out(node, "REQUIRES")
                for name in r["requires"]:
                    graph.add_edge(node, skill(name), key="REQUIRES")
                drop_in(node, "HOLDS")
                for holder in r["holders"]:
                    graph.add_edge(("Person", holder["person"]), node, key="HOLDS", since=holder["since"])
            elif section == "introductions":
                node = set_node(
                    "Introduction", r["id"], {k: r[k] for k in ("id", "status", "created_on", "note", "outcome")}
                )
                drop_in(node, "MADE")
                graph.add_edge(("Person", r["by"]), node, key="MADE")
                single(node, "INTRODUCES", "Person", r["introduce"])
                single(node, "TO", "Person", r["to"])
            else:
                rel, src, src_field, dst, dst_field = LINK_SECTIONS[section]
                u, v = (src, r[src_field]), (dst, r[dst_field])
                props = {k: r[k] for k in FIELDS[section] if k not in (src_field, dst_field)}
                if rel == "KNOWS" and graph.has_edge(v, u, rel):
                    u, v = v, u
                if graph.has_edge(u, v, rel):
                    attrs = graph.edges[u, v, rel]
                    attrs.clear()
                    attrs.update(props)
                else:
                    graph.add_edge(u, v, key=rel, **props)
    for section, (label, rel) in PARENT.items():
        for r in dataset.get(section) or []:
            single((label, r["id"]), rel, label, r["parent" if section == "org_units" else "reports_to"])
    graph.remove_nodes_from([n for n in graph.nodes if n[0] == "Skill" and graph.degree(n) == 0])


# -- what each child process measures ----------------------------------------------------------


def open_store(design: str, path: Path):
    from netgraph.store.embedded import EmbeddedStore

    return json_design_store(path) if design == "json" else EmbeddedStore(path, freeze_graph=True)


def child_import(design: str, document_path: str, store_path: str) -> dict:
    from netgraph.io.documents import read_document
    from netgraph.io.importer import import_document

    document, where = read_document(document_path)
    store = open_store(design, Path(store_path))
    seconds, _ = timed(import_document, store, document, where)
    store.close()
    return {
        "import_s": round(seconds, 1),
        "peak_rss_gib": _peak_rss_gib(),
        "file_mb": round(Path(store_path).stat().st_size / 1e6, 1),
    }


def child_open(design: str, store_path: str) -> dict:
    seconds, store = timed(open_store, design, Path(store_path))
    assert store.stats()["nodes"]["Person"] > 0
    return {"open_s": round(seconds, 1), "peak_rss_gib": _peak_rss_gib()}


def child_web(design: str, store_path: str, count: int, catch_up: int) -> dict:
    """Propose ``count`` introductions through the web app; then (SQLite) time reads that catch up."""
    from netgraph.accounts import Accounts
    from netgraph.web import create_app

    store = open_store(design, Path(store_path))
    triples = proposable(store, count + catch_up)
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        Accounts(users).add("hr", PASSWORD, role="hr")
        client = create_app({"SECRET_KEY": "benchmark", "NETGRAPH_USERS": str(users)}, store=store).test_client()
        token = _csrf(client.get("/login").get_data(as_text=True))
        client.post("/login", data={"name": "hr", "password": PASSWORD, "csrf_token": token})
        headers = {"X-CSRFToken": _csrf(client.get("/").get_data(as_text=True))}
        times, written = [], []
        for by, introduce, to in triples[:count]:
            before = _written_bytes()
            started = time.perf_counter()
            response = client.post(
                "/api/introductions", json={"by": by, "introduce": introduce, "to": to}, headers=headers
            )
            times.append(time.perf_counter() - started)
            written.append(_written_bytes() - before)
            assert response.status_code == 201, response.get_data(as_text=True)
    result = {"write": percentiles(times), "bytes_per_write": int(sorted(written)[len(written) // 2])}
    if catch_up:
        result["catch_up"] = measure_catch_up(store, Path(store_path), triples[count:])
    return result


def measure_catch_up(server, path: Path, triples: list) -> dict:
    """Another handle writes one introduction; the server's next read catches up (times that read)."""
    from netgraph.analysis.introductions import propose
    from netgraph.store.embedded import EmbeddedStore

    other, times = EmbeddedStore(path, freeze_graph=True), []
    for by, introduce, to in triples:
        made = propose(other, by, introduce, to)
        started = time.perf_counter()
        seen = server.introductions(id=made["id"])
        times.append(time.perf_counter() - started)
        assert seen, "the server's next read must see the other handle's write"
    return percentiles(times)


def child_migrate(json_path: str) -> dict:
    from netgraph.store.embedded import EmbeddedStore

    seconds, store = timed(EmbeddedStore, Path(json_path))
    assert store.stats()["nodes"]["Person"] > 0
    return {"migrate_and_open_s": round(seconds, 1)}


def proposable(store, count: int, seed: int = 7) -> list[tuple[str, str, str]]:
    """Introductions the rules allow: by knows both, who are open, unlinked and never introduced."""
    rnd, graph, found, taken = random.Random(seed), store.graph, [], set()
    people = sorted(n[1] for n in graph.nodes if n[0] == "Person")
    while len(found) < count:
        by = rnd.choice(people)
        contacts = sorted(c["id"] for c in store.contacts(by))
        if len(contacts) < 2:
            continue
        introduce, to = rnd.sample(contacts, 2)
        pair = frozenset((introduce, to))
        details = store.people([introduce, to])
        if pair in taken or not all(details[p]["open_to_intros"] for p in pair):
            continue
        if store.existing_keys("knows", [(introduce, to)]) or store.existing_keys(
            "mentorships", [(introduce, to), (to, introduce)]
        ):
            continue
        if any(to in (i["introduce"], i["to"]) for i in store.introductions(person=introduce)):
            continue
        taken.add(pair)
        found.append((by, introduce, to))
    return found


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    return found.group(1)


def _written_bytes() -> int:
    """Bytes this process has handed to write() so far (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/io").read_text().splitlines():
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _peak_rss_gib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)


# -- the run -------------------------------------------------------------------------------------


def in_child(*args) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_embedded_writes", "--child", *map(str, args)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"benchmark child {args[0]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(people: int) -> dict:
    from netgraph.io.generate import count_relationships

    document = dataset_file(people)
    rels = count_relationships(json.loads(document.read_text("utf-8")))
    folder = WORK / "embedded-writes"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sqlite, plain = folder / "graph.sqlite", folder / "graph.json"
    result: dict = {"people": people, "relationships": rels}
    for design, path in (("sqlite", sqlite), ("json", plain)):
        imported = in_child("import", design, document, path)
        imported["rels_per_s"] = round(rels / imported["import_s"])
        result[design] = {"import": imported, "open": in_child("open", design, path)}
    shutil.copy(plain, folder / "migrate.json")
    result["sqlite"]["migration"] = in_child("migrate", folder / "migrate.json")
    result["sqlite"]["web"] = in_child("web", "sqlite", sqlite, SQLITE_PROPOSALS, CATCH_UP_SAMPLES)
    result["json"]["web"] = in_child("web", "json", plain, JSON_PROPOSALS, 0)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def table(r: dict) -> str:
    """The figures as docs/benchmarks/embedded-writes.md shows them."""
    s, j = r["sqlite"], r["json"]

    def cell(x: dict) -> str:
        return f"{x['p50_ms']} / {x['p99_ms']} / {x['max_ms']}"

    return "\n".join(
        [
            f"Embedded store writes on the generated organisation: {r['people']:,} people, "
            f"{r['relationships']:,} relationships; each figure from a fresh process:",
            "",
            "| | SQLite file (now) | JSON file (before) |",
            "|---|---|---|",
            f"| one web write: an introduction proposed, ms p50 / p99 / max | {cell(s['web']['write'])} "
            f"({s['web']['write']['n']} proposals) | {cell(j['web']['write'])} ({j['web']['write']['n']} proposals) |",
            f"| bytes written per web write (median) | {s['web']['bytes_per_write']:,} | "
            f"{j['web']['bytes_per_write']:,} |",
            f"| opening the store | {s['open']['open_s']} s | {j['open']['open_s']} s |",
            f"| import into an empty store (validation included) | {s['import']['import_s']} s, "
            f"{s['import']['rels_per_s']:,} relationships/s | {j['import']['import_s']} s, "
            f"{j['import']['rels_per_s']:,} relationships/s |",
            f"| peak resident memory of the import | {s['import']['peak_rss_gib']} GiB | "
            f"{j['import']['peak_rss_gib']} GiB |",
            f"| file size | {s['import']['file_mb']} MB | {j['import']['file_mb']} MB |",
            "",
            f"A server's first read after another process proposed one introduction (it catches up with "
            f"that write): {cell(s['web']['catch_up'])} ms. Migrating the JSON store into SQLite and opening "
            f"it, once: {s['migration']['migrate_and_open_s']} s.",
        ]
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        children = {
            "import": child_import,
            "open": child_open,
            "migrate": child_migrate,
            "web": lambda design, path, n, c: child_web(design, path, int(n), int(c)),
        }
        print(json.dumps(children[kind](*rest)))
        return
    result = run(args.people)
    print(json.dumps(result, indent=2))
    print()
    print(table(result))


if __name__ == "__main__":
    main()
