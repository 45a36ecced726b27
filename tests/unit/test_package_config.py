"""What pyproject.toml must declare for the wheel to ship every data folder without a build warning.

tests/packaging builds the wheel and finds the same mistakes, in minutes; these read pyproject.toml
and say at once which line is missing. Setuptools warns about a data folder it sees as an importable
package but was not told of, so each data folder is listed as a package and given its package data.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from netgraph.store.neo4j_backend.cypher import FOLDERS

ROOT = Path(__file__).resolve().parents[2]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_shipped_cypher_folder_is_a_package_of_the_wheel(folder):
    assert f"netgraph.cypher.{folder}" in SETUPTOOLS["packages"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_shipped_cypher_folder_ships_its_statements(folder):
    assert f"{folder}/*.cypher" in SETUPTOOLS["package-data"]["netgraph.cypher"]


def test_every_cypher_folder_but_the_tests_own_is_loaded():
    on_disk = {p.name for p in (ROOT / "cypher").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert on_disk - {"testing"} == set(FOLDERS)


@pytest.mark.parametrize("package", ["netgraph.web.static", "netgraph.web.templates", "netgraph.fixtures.demo"])
def test_the_other_data_folders_are_packages_of_the_wheel(package):
    assert package in SETUPTOOLS["packages"]


def _python_packages() -> list[str]:
    """Every folder of netgraph/ with an __init__.py, as the package the wheel must list."""
    return sorted(".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "netgraph").rglob("__init__.py"))


@pytest.mark.parametrize("package", _python_packages())
def test_every_python_package_of_netgraph_is_a_package_of_the_wheel(package):
    assert package in SETUPTOOLS["packages"]
