"""Which repository folder holds which part of the installed package, as pyproject.toml maps them.

``[tool.setuptools] package-dir`` says that ``web/`` installs as ``netgraph.web`` and
``cypher/`` as ``netgraph.cypher``; tests that read the sources go through here, so a
folder mapped there is never special-cased again by hand.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: package name -> the folder it is built from, e.g. ``{"netgraph.web": ROOT / "web", ...}``
PACKAGE_FOLDERS: dict[str, Path] = {
    package: ROOT / folder
    for package, folder in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-dir"
    ].items()
}


def module_name(path: Path) -> str:
    """The dotted name ``path`` installs as (the most specific mapped folder that holds it wins)."""
    package, folder = max(
        ((p, f) for p, f in PACKAGE_FOLDERS.items() if path.is_relative_to(f)), key=lambda pf: len(pf[1].parts)
    )
    parts = (*package.split("."), *path.relative_to(folder).with_suffix("").parts)
    return ".".join(p for p in parts if p != "__init__")


def python_sources() -> list[Path]:
    """Every Python file of the package, wherever its folder sits in the repository."""
    return sorted({p for folder in PACKAGE_FOLDERS.values() for p in folder.rglob("*.py")})
