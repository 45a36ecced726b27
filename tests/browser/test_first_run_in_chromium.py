"""The first five minutes: `make run` as a newcomer runs it, then its log-in link in a real Chromium.

`make run` is started as a subprocess with no stdin (it must ask nothing), on a free port and a
temporary data folder, with the venv this test runs in (``-o`` tells make it is installed already:
a newcomer's first run installs it). It prints the address and a single-use log-in link; Chromium
opens the link and lands logged in on the admin's home. Ctrl-C (SIGINT to the process group, as a
terminal sends it) stops it without a traceback. A second run finds the data and the account and
prints a fresh link.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import pytest

from tests.browser.conftest import ARTIFACTS, Visit

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
VENV = Path(sys.prefix)
#: the line with the link: account, address, token
LINK = re.compile(r"log in as (\S+) with (http://127\.0\.0\.1:\d+)/login/link/([A-Za-z0-9_-]+) ")
#: the store and accounts come from DATA only: none of the developer's own settings
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("NETGRAPH_", "NEO4J_"))}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MakeRun:
    """`make run` in the background; its output (stdout and stderr) line by line."""

    def __init__(self, data: Path):
        self.process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "run",
                f"PORT={free_port()}",
                f"DATA={data / 'graph.json'}",
                f"VENV={VENV}",
                "-o",
                f"{VENV}/.installed",
            ],
            cwd=ROOT,
            env=CLEAN_ENV,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._queue: Queue = Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, pattern: re.Pattern, timeout: float = 120.0) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=1.0)
            except Empty:
                continue
            if line is None:
                break
            self.lines.append(line)
            if found := pattern.search(line):
                return found
        pytest.fail(f"`make run` printed no {pattern.pattern!r}:\n{self.output}")

    def interrupt(self, timeout: float = 60.0) -> int:
        """Ctrl-C: SIGINT to make and netgraph together; the exit code, once all output is read."""
        os.killpg(self.process.pid, signal.SIGINT)
        code = self.process.wait(timeout)
        while (line := self._queue.get(timeout=10.0)) is not None:
            self.lines.append(line)
        return code

    @property
    def output(self) -> str:
        return "".join(self.lines)


def serving(address: str, timeout: float = 60.0) -> None:
    """Wait until the server answers (the link line is printed just before it starts serving)."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(address + "/login", timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing answers at {address}")


def stopped_cleanly(run: MakeRun) -> None:
    code = run.interrupt()
    assert code in (0, 130, -signal.SIGINT), run.output  # make itself ends by the signal, as after any Ctrl-C
    assert "Traceback" not in run.output, run.output
    assert "netgraph: stopped" in run.output or "netgraph: interrupted" in run.output, run.output


def test_make_run_prints_a_link_that_logs_chromium_in_on_the_home_page(chromium, tmp_path):
    run = MakeRun(tmp_path)
    try:
        account, address, token = run.wait_for(LINK).groups()
        serving(address)
        assert "demo organisation loaded" in run.output and f"made the admin account '{account}'" in run.output
        tab = Visit(chromium, address)
        try:
            tab.go(f"/login/link/{token}")
            tab.page.wait_for_url(address + "/")
            assert tab.page.inner_text("h1") == "Administration"
            assert f"{account} (admin)" in tab.page.inner_text("header")
            assert tab.page.locator(".gaps table tbody tr").count() == 5
            tab.screenshot("first-run-home")  # for docs/web-ui.md too
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ARTIFACTS / "first-run-home.png", SCREENSHOTS / "first-run-home.png")
            tab.go(f"/login/link/{token}")  # once only
            assert "does not work" in tab.page.inner_text("main")
            assert tab.foreign == [] and tab.dialogs == []
        finally:
            tab.close()
    finally:
        if run.process.poll() is None:
            stopped_cleanly(run)
    assert "netgraph: stopped" in run.output  # it was serving: waitress stops, the command ends normally


def test_a_second_make_run_reuses_the_data_and_the_account_and_prints_a_fresh_link(tmp_path):
    first = MakeRun(tmp_path)
    account, _, token = first.wait_for(LINK).groups()
    stopped_cleanly(first)
    second = MakeRun(tmp_path)
    again, address, fresh = second.wait_for(LINK).groups()
    serving(address)
    stopped_cleanly(second)
    assert again == account and fresh != token
    assert "imported" not in second.output and "made the admin account" not in second.output
    assert "the demo is loaded only into an empty store" in second.output
    assert (tmp_path / "graph.sqlite").exists() and (tmp_path / "users.json").exists()  # all beside DATA
