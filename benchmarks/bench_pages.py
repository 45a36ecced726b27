"""The pages HR opens first, at p50 / p99 through a real ``netgraph serve`` logged in as hr, on a store already
loaded and refreshed (``netgraph import`` and ``netgraph insights refresh`` first).

``python -m benchmarks.bench_pages --data FILE`` (embedded) or ``--neo4j bolt://127.0.0.1:7698``
``[--repeat 20]``: one untimed request per path, then ``--repeat`` timed ones; the load average after each
path. The table is on docs/benchmarks/insights.md ("Pages at 100k on a quiet machine").
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from benchmarks.bench_web import PASSWORD, Client, free_port, serve
from netgraph.accounts import Accounts

#: The pages and routes measured, in the order of the table.
PATHS = (
    "/succession",
    "/programme",
    "/insights/impact",
    "/api/insights/impact",
    "/insights/exposure",
    "/api/insights/exposure",
    "/insights?level=1",
    "/insights?level=3",
    "/insights?level=6",
    "/api/insights/heat-map?level=6",
    "/api/insights/silos",
    "/api/insights/communities",
)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(env: dict[str, str], repeat: int) -> dict[str, dict[str, float]]:
    """``{path: {p50_ms, p99_ms, load}}`` for every path, through one server started with ``env``."""
    port = free_port()
    server = serve(env, port)
    found = {}
    try:
        client = Client(f"http://127.0.0.1:{port}", "hr")
        for path in PATHS:
            _, status = client.get(path, timeout=900)  # untimed: plan caches, page cache
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            times = [client.get(path, timeout=300)[0] * 1000 for _ in range(repeat)]
            found[path] = {
                "p50_ms": round(percentile(times, 0.5)),
                "p99_ms": round(percentile(times, 0.99)),
                "load": round(os.getloadavg()[0], 1),
            }
            print(
                f"| `{path}` | {found[path]['p50_ms']} / {found[path]['p99_ms']} | {found[path]['load']} |", flush=True
            )
    finally:
        server.kill()
        server.wait()
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data", help="the embedded store's file")
    where.add_argument("--neo4j", help="a Neo4j URI (auth off, as the benchmark server runs)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        users = Path(tmp) / "users.json"
        Accounts(users).add("hr", PASSWORD, role="hr")
        env = {"NETGRAPH_USERS": str(users), "NETGRAPH_SECRET_KEY": "benchmark", "NETGRAPH_QUERY_TIMEOUT": "120"}
        env.update(NEO4J_URI=args.neo4j or "", NETGRAPH_DATA=args.data or "")
        measure(env, args.repeat)


if __name__ == "__main__":
    main()
