"""``netgraph start`` (what ``make run`` runs) checks before it changes anything; ``make run``'s variables.

The run itself, end to end in Chromium, is tests/browser/test_first_run_in_chromium.py.
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from netgraph.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_start_serves_this_machine_only_and_touches_nothing_otherwise(capsys, tmp_path, monkeypatch, host):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    code = main(["--data", str(tmp_path / "graph.json"), "start", "--host", host, "--port", "1"])
    assert code == 1 and "refusing to start" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_start_on_a_port_in_use_says_so_in_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NETGRAPH_USERS", str(tmp_path / "users.json"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code = main(["--data", str(tmp_path / "graph.json"), "start", "--port", str(taken.getsockname()[1])])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("netgraph: error: cannot listen on 127.0.0.1:") and "Traceback" not in err


def test_make_run_passes_port_data_and_an_accounts_file_beside_data():
    dry = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "run",
            "PORT=8123",
            "DATA=/tmp/try/graph.json",
            "-o",
            ".venv/.installed",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'NETGRAPH_USERS="/tmp/try/users.json"' in dry
    assert '--data "/tmp/try/graph.json" start --host 127.0.0.1 --port 8123' in dry
