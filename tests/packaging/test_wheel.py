"""`pip install .` (not editable) into a fresh venv gives a working `netgraph`.

Catches what editable installs hide: Cypher files, the schema, the demo data
and the Maven pom must all ship inside the wheel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command, **kwargs) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_wheel_installs_and_runs_the_demo(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", ROOT)
    (wheel,) = (tmp_path / "dist").glob("netgraph-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel)

    data = tmp_path / "graph.json"
    run(bin_dir / "netgraph", "--data", data, "demo", cwd=tmp_path)
    stats = json.loads(run(bin_dir / "netgraph", "--data", data, "stats", "--json", cwd=tmp_path))
    assert stats["nodes"]["Person"] >= 140

    listing = run(bin_dir / "python", "-c",
                  "from netgraph.store.neo4j_backend.cypher import available; from netgraph.model.validate import schema; "
                  "from importlib import resources as r; "
                  "print(len(available()), schema()['title'], "
                  "r.files('netgraph.localdb').joinpath('pom.xml').is_file(), "
                  "r.files('netgraph.web').joinpath('openapi.json').is_file(), "
                  "r.files('netgraph.cypher').joinpath('testing').is_dir())", cwd=tmp_path)
    count, *_, pom, openapi, testing = listing.split()
    shipped = [p for p in (ROOT / "cypher").rglob("*.cypher") if p.parent.name != "testing"]
    assert int(count) == len(shipped) and pom == "True" and openapi == "True"
    assert testing == "False", "test-only Cypher (cypher/testing) must not ship"

    # nothing installs a top-level module named `web` (a PyPI package has that name)
    refused = subprocess.run([bin_dir / "python", "-c", "import web"], capture_output=True, text=True, cwd=tmp_path)
    assert refused.returncode != 0 and "No module named 'web'" in refused.stderr
    run(bin_dir / "python", "-c", "from netgraph.web import create_app", cwd=tmp_path)
