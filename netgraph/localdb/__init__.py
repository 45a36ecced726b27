"""Run a real Neo4j Community server on 127.0.0.1 from Maven jars, without Docker.

Tests and developers need a real Neo4j, and this machine class has Java and
Maven but no container engine. Neo4j Community 5.26 is published on Maven
Central, so the first start fetches its jars with Maven (about 200 jars,
cached in ``~/.m2`` afterwards) and every start runs the server's own entry
point in a plain JVM, with the heap and page cache set explicitly.

Everything lives in one *home* folder: ``lib/`` (jars), ``conf/neo4j.conf``,
``data/``, ``logs/console.log`` and ``neo4j.pid``. Authentication is off
and the server listens on loopback only: it is for local use.

Example (shell)::

    netgraph db local start --port 7687     # fetches jars on first use
    export NEO4J_URI=bolt://127.0.0.1:7687
    netgraph db local stop
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from netgraph.errors import NetgraphError, StoreUnavailable

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_JARS_READY = ".complete"


@dataclass
class LocalNeo4j:
    home: Path
    port: int = 7687
    heap: str = "1g"
    pagecache: str = "256m"
    #: where the jars are; several homes may share one folder (default: home/lib)
    lib_dir: Path | None = None
    #: the Java 17+ launcher
    java: str = "java"

    def __post_init__(self):
        self.home = Path(self.home).resolve()
        self.lib_dir = Path(self.lib_dir).resolve() if self.lib_dir else self.home / "lib"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def _pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def _console(self) -> Path:
        return self.home / "logs" / "console.log"

    # -- jars -------------------------------------------------------------------

    def fetch_jars(self) -> Path:
        """Fetch the server's jars into ``lib_dir`` unless a finished fetch is there."""
        lib = self.lib_dir
        if (lib / _JARS_READY).exists():
            return lib
        for tool in ("mvn", "java"):
            if shutil.which(tool) is None:
                raise NetgraphError(f"'{tool}' is not installed: a local Neo4j needs Java 17+ and Maven")
        shutil.rmtree(lib, ignore_errors=True)
        with resources.as_file(resources.files("netgraph.localdb").joinpath("pom.xml")) as pom:
            command = ["mvn", "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
                       "-DincludeScope=runtime", f"-DoutputDirectory={lib}"]
            done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise NetgraphError(f"fetching Neo4j with Maven failed: {' '.join(command)}\n{tail}")
        (lib / _JARS_READY).write_text("ok\n")
        return lib

    # -- life cycle ---------------------------------------------------------------

    def _pid(self) -> int | None:
        try:
            pid = int(self._pid_file.read_text().strip())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def _bolt_answers(self) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        try:
            with GraphDatabase.driver(self.uri, auth=None, connection_timeout=2) as driver:
                driver.verify_connectivity()
            return True
        except (ServiceUnavailable, Neo4jError, OSError):
            return False

    def _port_taken(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _write_conf(self) -> None:
        conf = self.home / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "neo4j.conf").write_text("\n".join([
            "# written by netgraph db local: a loopback-only server for development and tests",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=false",
            f"server.memory.pagecache.size={self.pagecache}",
            f"server.directories.data={self.home / 'data'}",
            f"server.directories.logs={self.home / 'logs'}",
            "db.tx_log.rotation.retention_policy=1 files",
            "dbms.usage_report.enabled=false",
            "",
        ]))

    def start(self, timeout: float = 120) -> bool:
        """Start and wait for Bolt; False if ours was already running."""
        if self._pid() and self._bolt_answers():
            return False
        if self._port_taken():
            raise StoreUnavailable(f"port {self.port} on 127.0.0.1 is taken by another program; "
                                   f"choose another with --port")
        lib = self.fetch_jars()
        self._write_conf()
        self._console.parent.mkdir(parents=True, exist_ok=True)
        command = [self.java, f"-Xms{self.heap}", f"-Xmx{self.heap}",
                   "-XX:+UseG1GC", "-cp", f"{lib}/*", ENTRY_POINT,
                   f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"]
        with open(self._console, "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        self._pid_file.write_text(f"{process.pid}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise StoreUnavailable(f"Neo4j exited with code {process.returncode} during start-up:\n"
                                       + self._console_tail())
            if self._bolt_answers():
                return True
            time.sleep(0.5)
        self.stop()
        raise StoreUnavailable(f"Neo4j did not answer on {self.uri} within {timeout:.0f} s:\n" + self._console_tail())

    @contextmanager
    def running(self) -> Iterator[str]:
        """Start if needed, yield the URI, and stop afterwards only what this started
        (a server someone else started is left running)."""
        started = self.start()
        try:
            yield self.uri
        finally:
            if started:
                self.stop()

    def stop(self, timeout: float = 60) -> bool:
        """Stop the server started from this home; False if none was running."""
        pid = self._pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._alive(pid):
            time.sleep(0.2)
        if self._alive(pid):
            os.kill(pid, signal.SIGKILL)
        self._pid_file.unlink(missing_ok=True)
        return True

    @staticmethod
    def _alive(pid: int) -> bool:
        try:
            # reap it if it is our child, so it does not linger as a zombie
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return False
        except ChildProcessError:
            pass
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False

    def status(self) -> dict:
        pid = self._pid()
        return {"running": bool(pid) and self._bolt_answers(), "pid": pid, "uri": self.uri, "home": str(self.home)}

    def _console_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self._console.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no console log)"
