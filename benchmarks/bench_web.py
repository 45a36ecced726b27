"""Web speed on the generated 10k organisation, on both stores, through a real server.

Runs ``netgraph serve`` (waitress) in a child process on 127.0.0.1 and
measures from this process over HTTP: the explorer's network API for a
typical person at depth 2 (the page itself is static HTML plus that call),
the person page, the succession heat map, and the recommendations API under
20 concurrent clients for 60 s (p50 / p99, errors). A small thread-pool
client stands in for a load tool: each client logs in once and then asks
for recommendations of random mentees, back to back.

Run: ``python -m benchmarks.bench_web [--people N] [--seconds S] [--store embedded|neo4j|both]``.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.common import dataset_file, measure_on_neo4j, percentiles
from netgraph.accounts import Accounts
from netgraph.io.documents import read_document
from netgraph.model.validate import validate
from netgraph.store.embedded import EmbeddedStore

PASSWORD = "benchmark passphrase"
#: Debian's Chromium, as the browser tests launch it (tests/browser/conftest.py), for the browser benchmarks.
CHROMIUM = os.environ.get("NETGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
CLIENTS = 20
PAGE_SAMPLES = 30


class Client:
    """One logged-in browser-like client (cookies, CSRF token from the log-in page)."""

    def __init__(self, base: str, name: str = "hr"):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(base + "/login").read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"name": name, "password": PASSWORD, "csrf_token": token}).encode()
        self.opener.open(base + "/login", data=form).read()

    def get(self, path: str, timeout: float = 30) -> tuple[float, int]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return time.perf_counter() - started, status


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, port: int) -> subprocess.Popen:
    """Start ``netgraph serve``; on Neo4j, wait until it has warmed its queries (it says so on stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from netgraph.cli import main; raise SystemExit(main())", "serve", "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    warmed = threading.Event()

    def listen():  # and keep draining the pipe so the server never blocks on it
        for line in process.stderr:
            if "warmed" in line or "warm-up" in line:
                warmed.set()

    threading.Thread(target=listen, daemon=True).start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2).read()
            if env.get("NEO4J_URI"):
                warmed.wait(timeout=max(1.0, deadline - time.monotonic()))
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("the web server did not start")


def on_each_store(clean: dict, stores: tuple[str, ...], measure) -> dict:
    """``measure(env)`` once per store, ``env`` being what ``serve`` needs to serve ``clean`` from it.

    An ``hr`` account (``PASSWORD``) in a temporary accounts file; the embedded
    store a temporary file; Neo4j the benchmark server (``measure_on_neo4j``).
    Returns ``{store: measure(env)}``. The browser benchmarks share it.
    """
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        Accounts(users).add("hr", PASSWORD, role="hr")
        data = Path(tmp) / "graph.json"
        env = {
            "NETGRAPH_USERS": str(users),
            "NETGRAPH_SECRET_KEY": "benchmark",
            "NETGRAPH_DATA": str(data),
            "NEO4J_URI": "",
        }
        if "embedded" in stores:
            EmbeddedStore(data).write(clean)
            out["embedded"] = measure(env)
        if "neo4j" in stores:
            out["neo4j"] = measure_on_neo4j(
                clean, lambda store: measure({**env, "NETGRAPH_DATA": "", "NEO4J_URI": store.uri})
            )
    return out


def percentile_table(r: dict, heading: str, rows: list[tuple[str, object, str]]) -> str:
    """A table of docs/benchmarks/web.md: one row per (label, target, key), one column per store, p50 / p95 / max."""

    def cell(x: dict) -> str:
        return f"{x['p50_ms']} / {x['p95_ms']} / {x['max_ms']}"

    stores = [s for s in ("embedded", "neo4j") if s in r]
    return "\n".join(
        [
            heading,
            "",
            "| step | target | " + " | ".join(stores) + " |",
            "|---|---|" + "---|" * len(stores),
            *[
                f"| {label} | {target} | " + " | ".join(cell(r[s][key]) for s in stores) + " |"
                for label, target, key in rows
            ],
        ]
    )


def sample(clean: dict, seed: int = 3) -> dict:
    rnd = random.Random(seed)
    degree: dict[str, int] = {}
    for k in clean["knows"]:
        degree[k["a"]] = degree.get(k["a"], 0) + 1
        degree[k["b"]] = degree.get(k["b"], 0) + 1
    ordered = sorted(degree, key=lambda p: (degree[p], p))
    typical = ordered[len(ordered) // 2]  # the median-degree person
    mentees = sorted({m["mentee"] for m in clean["mentorships"] if m["status"] == "active"})
    return {"typical": typical, "people": rnd.sample(ordered, PAGE_SAMPLES), "mentees": mentees}


def measure(base: str, picked: dict, seconds: int) -> dict:
    client = Client(base)
    # Warm up: each statement's first run plans it (about a second each on Neo4j), and right after
    # a large import Neo4j may take a while to settle; these figures are for a running server.
    for path in (
        f"/api/people/{picked['typical']}/network?depth=2",
        f"/explore/{picked['typical']}",
        f"/people/{picked['typical']}",
        "/succession",
    ):
        client.get(path, timeout=300)
    result = {
        "explorer_api": percentiles(
            [client.get(f"/api/people/{picked['typical']}/network?depth=2")[0] for _ in range(PAGE_SAMPLES)]
        ),
        "explorer_page": percentiles([client.get(f"/explore/{picked['typical']}")[0] for _ in range(PAGE_SAMPLES)]),
        "person_page": percentiles([client.get(f"/people/{p}")[0] for p in picked["people"]]),
        "heat_map": percentiles([client.get("/succession")[0] for _ in range(10)]),
    }
    times: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def load(index: int) -> None:
        me = Client(base)
        rnd = random.Random(index)
        while time.monotonic() < stop:
            seconds_taken, status = me.get(f"/api/people/{rnd.choice(picked['mentees'])}/recommendations")
            with lock:
                times.append(seconds_taken)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=load, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result["recommend_load"] = {
        **percentiles(times),
        "errors": len(errors),
        "requests": len(times),
        "per_s": round(len(times) / seconds, 1),
    }
    return result


def run(people: int, seconds: int, stores: tuple[str, ...] = ("embedded", "neo4j")) -> dict:
    document, where = read_document(dataset_file(people))
    clean = validate(document, where=where)
    picked = sample(clean)
    measured = on_each_store(clean, stores, lambda env: measure_served(env, picked, seconds))
    return {"people": people, "clients": CLIENTS, "seconds": seconds, **measured}


def measure_served(env: dict, picked: dict, seconds: int) -> dict:
    """Start a server with ``env``, measure it, stop it."""
    port = free_port()
    server = serve(env, port)
    try:
        return measure(f"http://127.0.0.1:{port}", picked, seconds)
    finally:
        server.kill()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--store", choices=("embedded", "neo4j", "both"), default="both")
    args = parser.parse_args(argv)
    stores = ("embedded", "neo4j") if args.store == "both" else (args.store,)
    print(json.dumps(run(args.people, args.seconds, stores), indent=2))


if __name__ == "__main__":
    main()
