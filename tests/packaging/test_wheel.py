"""A release as a stranger gets it: built with `python -m build`, installed into a fresh venv, run elsewhere.

Catches what editable installs hide: Cypher files, the schema, the demo data, the templates, the
static files and the Maven pom must all ship inside the wheel. The sdist is built first and the
wheel from it (what `python -m build` does), so a file the sdist forgets fails here too. Every
command of the installed wheel runs in a folder outside the checkout, with none of the
developer's own settings, so nothing can be found by accident in the working directory.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: the line `serve` prints first: where it listens
SERVING = re.compile(r"netgraph on (http://127\.0\.0\.1:\d+)/ ")


def clean_env(home: Path) -> dict[str, str]:
    """The environment of a newcomer: no netgraph or Neo4j settings, a data folder of their own.

    PYTHONDONTWRITEBYTECODE is dropped too: with it setuptools notes that it skips byte-compiling,
    a line of this machine's making, not the project's.
    """
    kept = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETGRAPH_", "NEO4J_")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    return {**kept, "XDG_DATA_HOME": str(home / "xdg"), "NETGRAPH_USERS": str(home / "users.json")}


def run(*command, **kwargs) -> str:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def where_it_serves(server: subprocess.Popen) -> str:
    """The address `serve` prints once it listens (lines before it are kept for the failure)."""
    seen = []
    for line in server.stdout:
        seen.append(line)
        if found := SERVING.search(line):
            return found[1]
    pytest.fail("serve never said where it listens:\n" + "".join(seen))


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """A folder outside the checkout, where the installed commands run."""
    folder = tmp_path_factory.mktemp("elsewhere")
    assert not folder.resolve().is_relative_to(ROOT)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, Path]:
    """`python -m build` of the checkout: what it printed, and the wheel."""
    dist = tmp_path_factory.mktemp("dist")
    output = run(sys.executable, "-m", "build", "--outdir", dist, ROOT, env=clean_env(dist))
    (wheel,) = dist.glob("netgraph-*.whl")
    return output, wheel


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory) -> Path:
    """The wheel (and its dependencies) in a fresh virtual environment: its bin folder."""
    _, wheel = built
    target = tmp_path_factory.mktemp("venv")
    venv.create(target, with_pip=True)
    run(target / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)
    return target / "bin"


@pytest.fixture(scope="module")
def demo_data(installed, outside) -> Path:
    """The demo organisation, loaded by the installed `netgraph demo` into an embedded store."""
    data = outside / "graph.json"
    run(installed / "netgraph", "--data", data, "demo", cwd=outside, env=clean_env(outside))
    return data


def test_building_the_sdist_and_the_wheel_prints_no_warning(built):
    output, _ = built
    assert "warning" not in output.lower(), output


def test_the_wheel_declares_the_apache_license_and_carries_its_text(built):
    _, wheel = built
    with zipfile.ZipFile(wheel) as archive:
        info = next(n.rsplit("/", 1)[0] for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(f"{info}/METADATA").decode()
        license_text = archive.read(f"{info}/licenses/LICENSE").decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert license_text == (ROOT / "LICENSE").read_text("utf-8")


def test_the_installed_demo_loads_the_whole_organisation(installed, demo_data, outside):
    stats = json.loads(
        run(installed / "netgraph", "--data", demo_data, "stats", "--json", cwd=outside, env=clean_env(outside))
    )
    assert stats["nodes"]["Person"] >= 140


def test_the_wheel_ships_every_statement_but_the_test_only_ones(installed, outside):
    listing = run(
        installed / "python",
        "-c",
        "from netgraph.store.neo4j_backend.cypher import available; "
        "from netgraph.model.validate import schema; "
        "from importlib import resources as r; "
        "print(len(available()), schema()['title'], "
        "r.files('netgraph.localdb').joinpath('pom.xml').is_file(), "
        "r.files('netgraph.web').joinpath('openapi.json').is_file(), "
        "r.files('netgraph.cypher').joinpath('testing').is_dir())",
        cwd=outside,
        env=clean_env(outside),
    )
    count, *_, pom, openapi, testing = listing.split()
    shipped = [p for p in (ROOT / "cypher").rglob("*.cypher") if p.parent.name != "testing"]
    assert int(count) == len(shipped) and pom == "True" and openapi == "True"
    assert testing == "False", "test-only Cypher (cypher/testing) must not ship"


def test_the_wheel_installs_no_top_level_web_module(installed, outside):
    # a PyPI package has that name; the app is netgraph.web
    refused = subprocess.run(
        [installed / "python", "-c", "import web"], capture_output=True, text=True, cwd=outside, env=clean_env(outside)
    )
    assert refused.returncode != 0 and "No module named 'web'" in refused.stderr
    run(installed / "python", "-c", "from netgraph.web import create_app", cwd=outside, env=clean_env(outside))


def test_the_installed_recommend_ranks_and_explains_on_the_demo(installed, demo_data, outside):
    # the walkthrough of docs/recommendations.md: Sana Saleh's contacts for Dana Okafor
    shown = run(
        installed / "netgraph",
        "--data",
        demo_data,
        "recommend",
        "p033",
        "--limit",
        "3",
        "--as-of",
        "2026-11-24",
        cwd=outside,
        env=clean_env(outside),
    )
    assert "Kamala Berg (p083)" in shown and "via Sana Saleh (p009)" in shown and "shares 2 contacts" in shown


def test_the_installed_serve_answers_a_page_with_its_stylesheet(installed, demo_data, outside):
    server = subprocess.Popen(
        [installed / "netgraph", "--data", demo_data, "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=outside,
        env=clean_env(outside),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        address = where_it_serves(server)
        with urllib.request.urlopen(f"{address}/login", timeout=30) as answer:
            page = answer.read().decode()
            assert answer.status == 200 and 'name="password"' in page
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page)
        assert stylesheet, page
        with urllib.request.urlopen(f"{address}{stylesheet[1]}", timeout=30) as answer:
            assert answer.status == 200 and answer.read()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        server.stdout.close()


def test_the_makefiles_editable_install_prints_nothing(tmp_path):
    """`make run` installs with the Makefile's PIP_INSTALL: no line of it may come from the build."""
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    install = re.search(r"^PIP_INSTALL := (.+)$", (ROOT / "Makefile").read_text("utf-8"), re.M)[1]
    command = install.replace("$(BIN)", str(target / "bin")) + f" --no-deps -e {ROOT}"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=tmp_path, env=clean_env(tmp_path))
    assert done.returncode == 0 and done.stdout + done.stderr == "", done.stdout + done.stderr
