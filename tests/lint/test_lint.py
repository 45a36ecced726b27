"""The code stays clean: ruff lint and format on the whole tree, mypy (strict) on the rules, the ports and the settings.

Both tools read their configuration from pyproject.toml, so the test and a
developer's editor agree.
"""

from __future__ import annotations

import subprocess
import sys
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


def test_mypy_is_clean_on_the_rules_the_ports_and_the_settings():
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
