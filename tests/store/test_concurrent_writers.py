"""Two processes write the same embedded store at once, 200 writes each, and nothing is lost.

One process runs the command line's import 200 times (a new person each
time); the other is the web app proposing 200 introductions. They run side
by side; afterwards every write each of them saw committed is in the store,
for a new process reading it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.store.processes import ROOT, accounts, environment, exported, netgraph

WRITES = 200


def start(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writers", *map(str, args)],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def result(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def test_the_cli_importing_and_the_web_app_proposing_at_once_lose_nothing(tmp_path):
    data = tmp_path / "graph.json"
    netgraph("--data", data, "demo")
    users = accounts(tmp_path)
    (tmp_path / "imports").mkdir()

    cli = start("cli", data, tmp_path / "imports", WRITES)
    web = start("web", data, users, WRITES)
    imported, proposed = result(cli), result(web)

    assert imported["started"] < proposed["ended"] and proposed["started"] < imported["ended"]  # they overlapped
    assert len(imported["committed"]) == WRITES
    assert len(proposed["committed"]) == WRITES, proposed["refused"][:3]
    after = exported(data, tmp_path)
    people = {p["id"] for p in after["people"]}
    introductions = {i["id"] for i in after["introductions"]}
    assert set(imported["committed"]) <= people
    assert set(proposed["committed"]) <= introductions
    assert len(after["knows"]) == len(json.loads((ROOT / "fixtures/demo/netgraph.json").read_text())["knows"]) + WRITES
