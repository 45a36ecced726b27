"""The code stays clean: ruff lint and format on the whole tree, mypy (strict) on the files pyproject.toml lists.

Both tools read their configuration from pyproject.toml, so the test and a
developer's editor agree. A ``# type: ignore`` in a checked file names the
error it silences and says why, so that the next reader can tell whether it
still holds.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing_anywhere_in_the_tree():
    done = run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_file_is_formatted_by_ruff():
    done = run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean_on_the_files_it_checks():
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


#: What mypy reads as an ignore, and the one form allowed: ``# type: ignore[code, ...]  # why``.
IGNORE = re.compile(r"#\s*type:\s*ignore")
EXPLAINED_IGNORE = re.compile(r"# type: ignore\[[a-z-]+(, [a-z-]+)*\]  # \S")


def checked_files() -> list[Path]:
    """The Python files mypy checks, as ``[tool.mypy] files`` in pyproject.toml lists them."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]["files"]
    found: list[Path] = []
    for entry in listed:
        path = ROOT / entry
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def unexplained_ignores(source: str) -> list[str]:
    """The ``# type: ignore`` comments in ``source`` that lack an error code or a reason, with their line."""
    return [
        f"line {token.start[0]}: {token.string}"
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and IGNORE.match(token.string) and not EXPLAINED_IGNORE.match(token.string)
    ]


def test_an_ignore_of_a_type_error_names_its_code_and_says_why():
    assert unexplained_ignores("x = f()  # type: ignore[arg-type]  # f is untyped upstream\n") == []
    assert unexplained_ignores("x = f()  # type: ignore\ny = g()  # type: ignore[arg-type]\n") == [
        "line 1: # type: ignore",
        "line 2: # type: ignore[arg-type]",
    ]


def test_every_ignore_in_the_checked_files_names_its_code_and_says_why():
    found = {
        str(path.relative_to(ROOT)): unexplained
        for path in checked_files()
        if (unexplained := unexplained_ignores(path.read_text("utf-8")))
    }
    assert found == {}
