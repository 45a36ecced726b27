"""The licence of every runtime dependency, as its installed metadata declares it: docs/licenses.md's table.

``python -m tests.licenses`` prints the table; ``--write`` puts it into docs/licenses.md between
its markers (tests/unit/test_docs.py fails while the page and the installed packages disagree).
Runtime dependencies are netgraph's own ``Requires-Dist`` (no extras) and, transitively, theirs,
with each requirement's environment marker evaluated here: the table is that of the machine the
tests run on (Linux, the Python of the venv).
"""

from __future__ import annotations

import re
import sys
from email.message import Message
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

PAGE = Path(__file__).resolve().parents[1] / "docs" / "licenses.md"
BEGIN = "<!-- the table below is generated: python -m tests.licenses --write -->"
END = "<!-- end of the generated table -->"
#: a License field longer than this is the licence's whole text, not its name
NAME_MAX = 60


def canonical(name: str) -> str:
    """A distribution's name as the index compares them: `Flask_WTF` and `flask-wtf` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements(name: str) -> list[str]:
    """The distributions ``name`` needs to run here: no extras, markers evaluated for this machine."""
    found = []
    for line in metadata.distribution(name).requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.append(canonical(requirement.name))
    return sorted(set(found))


def declared_license(meta: Message) -> str:
    """The licence a distribution declares: its SPDX expression, else its short License field, else its
    licence classifiers (some put the licence's whole text in License; that is not a name)."""
    if expression := meta.get("License-Expression"):
        return expression.strip()
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= NAME_MAX and field.upper() != "UNKNOWN":
        return field
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) + " (classifier)" if classifiers else "not declared"


def dependencies(root: str = "netgraph") -> dict[str, str]:
    """Every runtime dependency of ``root``, direct and transitive: name -> who first needs it."""
    needed_by: dict[str, str] = {}
    queue = [(name, root) for name in runtime_requirements(root)]
    while queue:
        name, parent = queue.pop(0)
        if name in needed_by:
            continue
        needed_by[name] = parent
        queue += [(child, name) for child in runtime_requirements(name)]
    return needed_by


def table() -> str:
    """The Markdown table: each dependency, its declared licence, and what brings it in."""
    rows = ["| package | licence (as declared) | needed by |", "|---|---|---|"]
    for name, parent in sorted(dependencies().items()):
        rows.append(f"| {name} | {declared_license(metadata.metadata(name))} | {parent} |")
    return "\n".join(rows)


def page_table(text: str) -> str:
    """The table as the page holds it, between its markers."""
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def write(page: Path = PAGE) -> None:
    text = page.read_text("utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    page.write_text(f"{head}{BEGIN}\n\n{table()}\n\n{END}{tail}", "utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        print(table())
