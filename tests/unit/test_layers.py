"""Dependencies point one way: ``cli``, ``web`` -> ``analysis`` -> ``store`` -> ``model``.

Every ``import`` in netgraph/ and web/ (which installs as ``netgraph.web``)
is read from the source; a module may import only from its own layer or a
lower one. ``io`` (documents in and out) sits beside the analysis, above the
stores; ``settings`` is built at the edges and so sits just below them. The
CLI reaches the web app only through the package itself (``netgraph.web``:
``create_app``, ``serve``), never its internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: top-level part of netgraph -> layer (higher may import lower, never the reverse)
LAYERS = {
    "errors": 0,
    "collector": 0,
    "model": 0,
    "store": 1,
    "localdb": 1,
    "accounts": 1,
    "sessions": 1,
    "io": 2,
    "analysis": 3,
    "settings": 4,
    "cli": 5,
    "web": 5,
}


def module_name(path: Path) -> str:
    if path.is_relative_to(ROOT / "web"):
        parts = ("netgraph", "web", *path.relative_to(ROOT / "web").with_suffix("").parts)
    else:
        parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def sources() -> list[Path]:
    return sorted([*ROOT.joinpath("netgraph").rglob("*.py"), *ROOT.joinpath("web").rglob("*.py")])


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


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_from_a_higher_layer(path):
    here = part(module_name(path))
    if here not in LAYERS:  # netgraph/__init__.py, netgraph/__main__.py, cypher/fixtures packages
        return
    wrong = [name for name in imported(path) if part(name) in LAYERS and LAYERS[part(name)] > LAYERS[here]]
    assert wrong == [], f"{module_name(path)} imports from a higher layer: {wrong}"


@pytest.mark.parametrize("path", sorted(ROOT.joinpath("netgraph", "cli").rglob("*.py")), ids=lambda p: p.name)
def test_the_cli_uses_only_the_web_packages_own_surface(path):
    internals = [
        name
        for name in imported(path)
        if name.startswith("netgraph.web.") and name not in ("netgraph.web.create_app", "netgraph.web.serve")
    ]
    assert internals == []


@pytest.mark.parametrize("path", sorted(ROOT.joinpath("web").rglob("*.py")), ids=lambda p: p.name)
def test_the_web_app_does_not_import_the_cli(path):
    assert [name for name in imported(path) if name.startswith("netgraph.cli")] == []


def test_every_part_of_the_package_has_a_layer():
    parts = {part(module_name(p)) for p in sources()} - {None}
    assert parts - set(LAYERS) <= {"cypher", "fixtures", "__main__"}
