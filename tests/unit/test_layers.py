"""Dependencies point one way: ``cli``, ``web`` -> ``analysis`` -> ``store`` -> ``model``.

Every ``import`` in the package's folders is read from the source (where each
folder installs comes from pyproject.toml: :mod:`tests.package_folders`); a
module may import only from its own layer or a lower one. ``io`` (documents in
and out) sits beside the analysis, above the stores; ``settings`` is built at
the edges and so sits just below them, with ``localdb``, which runs Neo4j for
the CLI and takes its children's environment from the settings. The CLI
reaches the web app only through the package itself (``netgraph.web``:
``create_app``, ``serve``), never its internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.package_folders import PACKAGE_FOLDERS, ROOT, module_name, python_sources

#: top-level part of netgraph -> layer (higher may import lower, never the reverse)
LAYERS = {
    "errors": 0,
    "collector": 0,
    "workers": 0,
    "model": 0,
    "store": 1,
    "accounts": 1,
    "sessions": 1,
    "io": 2,
    "analysis": 3,
    "settings": 4,
    "localdb": 4,  # runs Neo4j for the CLI: a tool of the edges, handed the environment by the settings
    "cli": 5,
    "web": 5,
}


def imported(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return [name for name in found if name.startswith("netgraph.")]


def part(module: str) -> str | None:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else None


def sources_of(name: str) -> list[Path]:
    """The Python files of one part of the package (``cli``, ``web``), wherever its folder is."""
    return [path for path in python_sources() if part(module_name(path)) == name]


@pytest.mark.parametrize("path", python_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_from_a_higher_layer(path):
    here = part(module_name(path))
    if here not in LAYERS:  # netgraph/__init__.py, netgraph/__main__.py, cypher/fixtures packages
        return
    wrong = [name for name in imported(path) if part(name) in LAYERS and LAYERS[part(name)] > LAYERS[here]]
    assert wrong == [], f"{module_name(path)} imports from a higher layer: {wrong}"


@pytest.mark.parametrize("path", sources_of("cli"), ids=lambda p: p.name)
def test_the_cli_uses_only_the_web_packages_own_surface(path):
    internals = [
        name
        for name in imported(path)
        if name.startswith("netgraph.web.") and name not in ("netgraph.web.create_app", "netgraph.web.serve")
    ]
    assert internals == []


@pytest.mark.parametrize("path", sources_of("web"), ids=lambda p: p.name)
def test_the_web_app_does_not_import_the_cli(path):
    assert [name for name in imported(path) if name.startswith("netgraph.cli")] == []


def test_every_part_of_the_package_has_a_layer():
    parts = {part(module_name(p)) for p in python_sources()} - {None}
    assert parts - set(LAYERS) <= {"cypher", "fixtures", "__main__"}


def test_each_mapped_folder_is_read_as_the_package_pyproject_names():
    assert {module_name(folder / "__init__.py") for folder in PACKAGE_FOLDERS.values()} == set(PACKAGE_FOLDERS)
