"""Run a real Neo4j Community server on 127.0.0.1 from Maven jars, without Docker.

Tests and developers need a real Neo4j, and this machine class has Java and
Maven but no container engine. Neo4j Community 5.26 is published on Maven
Central, so the first start fetches its jars with Maven (about 200 jars,
cached in ``~/.m2`` afterwards) and every start runs the server's own entry
point in a plain JVM, with the heap and page cache set explicitly.

Everything lives in one *home* folder: ``lib/`` (jars), ``conf/neo4j.conf``,
``data/``, ``logs/console.log`` and ``neo4j.pid``. Authentication is off
and the server listens on loopback only: it is for local use.

**Class-data sharing.** Loading and verifying the classes of ~200 jars is
most of a JVM's start-up. The
first run of each main class writes a class-data archive when its JVM exits
normally (``-XX:ArchiveClassesAtExit``), beside the jars, keyed by the Java
launcher and the jar set; it is checked (``-Xshare:on -version``) before it
is put in place, and later runs map it (``-XX:SharedArchiveFile``), so the
server answers Bolt several times sooner. An archive that fails a start is deleted
and the start tried once more without it.

Example (shell)::

    netgraph db local start --port 7687     # fetches jars on first use
    export NEO4J_URI=bolt://127.0.0.1:7687
    netgraph db local stop
"""

from __future__ import annotations

import hashlib
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
#: In the home: the class-data archive the running server writes when it exits.
_PENDING_ARCHIVE = "neo4j.cds-pending"


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
    #: further ``neo4j.conf`` lines, ``name=value`` (the test suite turns background index sampling off)
    settings: tuple[str, ...] = ()

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
            command = [
                "mvn",
                "-q",
                "-B",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={lib}",
            ]
            done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise NetgraphError(f"fetching Neo4j with Maven failed: {' '.join(command)}\n{tail}")
        (lib / _JARS_READY).write_text("ok\n")
        return lib

    # -- class-data sharing ---------------------------------------------------------

    def class_sharing(self, main_class: str) -> tuple[list[str], Path | None]:
        """JVM options for ``main_class``: map the archive an earlier run wrote, or else write one
        when this JVM exits. Returns the options and the file being written (None when mapping);
        hand that file to :meth:`keep_class_archive` once the JVM has exited normally."""
        archive = self._class_archive(main_class)
        if archive.is_file():
            return [f"-XX:SharedArchiveFile={archive}"], None
        pending = archive.with_name(f"{archive.name}.{os.getpid()}-{time.monotonic_ns()}.part")
        return [f"-XX:ArchiveClassesAtExit={pending}"], pending

    def keep_class_archive(self, pending: Path | None) -> None:
        """Put a finished archive in place for later runs, if this JVM maps it cleanly."""
        if pending is None or not pending.is_file():
            return
        final = pending.with_name(pending.name.split(".jsa.", 1)[0] + ".jsa")
        check = subprocess.run(
            [self.java, "-Xshare:on", f"-XX:SharedArchiveFile={pending}", "-cp", f"{self.lib_dir}/*", "-version"],
            capture_output=True,
        )
        if check.returncode == 0:
            pending.replace(final)
        else:
            pending.unlink(missing_ok=True)

    def drop_class_archive(self, main_class: str) -> bool:
        """Delete the archive of ``main_class`` (after a JVM using it failed); False if there was none."""
        archive = self._class_archive(main_class)
        if not archive.is_file():
            return False
        archive.unlink(missing_ok=True)
        return True

    def _class_archive(self, main_class: str) -> Path:
        launcher = Path(shutil.which(self.java) or self.java).resolve()
        key = hashlib.sha256(str(launcher).encode())
        try:
            info = launcher.stat()
            key.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
        except OSError:
            pass
        for jar in sorted(self.lib_dir.glob("*.jar")):
            key.update(f"{jar.name}:{jar.stat().st_size}".encode())
        return self.lib_dir / f"{main_class.rsplit('.', 1)[-1]}-{key.hexdigest()[:16]}.jsa"

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

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def database_dir(self) -> Path:
        """The store files of the default database (``neo4j``)."""
        return self.home / "data" / "databases" / "neo4j"

    def _write_conf(self) -> None:
        conf = self.home / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "neo4j.conf").write_text(
            "\n".join(
                [
                    "# written by netgraph db local: a loopback-only server for development and tests",
                    "server.default_listen_address=127.0.0.1",
                    # a neo4j:// (routing) client is sent to the address the server advertises: the loopback
                    # it listens on, not "localhost", which may be ::1 first
                    "server.default_advertised_address=127.0.0.1",
                    f"server.bolt.listen_address=127.0.0.1:{self.port}",
                    "server.http.enabled=false",
                    "server.https.enabled=false",
                    "dbms.security.auth_enabled=false",
                    f"server.memory.pagecache.size={self.pagecache}",
                    f"server.directories.data={self.home / 'data'}",
                    f"server.directories.logs={self.home / 'logs'}",
                    "db.tx_log.rotation.retention_policy=1 files",
                    "dbms.usage_report.enabled=false",
                    # Bolt's shutdown otherwise waits for connections and its network threads to go
                    # quiet, after the databases have already stopped
                    "internal.server.bolt.connection_shutdown_wait_time=0s",
                    "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
                    *self.settings,
                    "",
                ]
            )
        )

    def start(self, timeout: float = 120) -> bool:
        """Start and wait for Bolt; False if ours was already running."""
        if self._pid() and self._bolt_answers():
            return False
        if self._port_taken():
            raise StoreUnavailable(
                f"port {self.port} on 127.0.0.1 is taken by another program; choose another with --port"
            )
        self.fetch_jars()
        self._write_conf()
        self._console.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._launch(timeout)
        except _ExitedEarly as exc:
            if not (exc.mapped_archive and self.drop_class_archive(ENTRY_POINT)):
                raise StoreUnavailable(str(exc)) from None
            self._launch(timeout)  # once more, without the archive that failed
        return True

    def _launch(self, timeout: float) -> None:
        sharing, pending = self.class_sharing(ENTRY_POINT)
        command = [
            self.java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            *sharing,
            "-cp",
            f"{self.lib_dir}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
        ]
        with open(self._console, "ab") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        self._pid_file.write_text(f"{process.pid}\n")
        pending_record = self.home / _PENDING_ARCHIVE
        if pending:
            pending_record.write_text(f"{pending}\n")
        else:
            pending_record.unlink(missing_ok=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self._pid_file.unlink(missing_ok=True)
                pending_record.unlink(missing_ok=True)
                if pending:
                    pending.unlink(missing_ok=True)
                raise _ExitedEarly(
                    f"Neo4j exited with code {process.returncode} during start-up:\n" + self._console_tail(),
                    mapped_archive=pending is None,
                )
            if self._bolt_answers():
                return
            time.sleep(0.25)
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
        pid = self.request_stop()
        if pid is None:
            return False
        self.wait_stopped(pid, timeout)
        return True

    def request_stop(self) -> int | None:
        """Ask the server to shut down and return at once with its pid (None if none was running);
        :meth:`wait_stopped` waits for it. Other work can go on in between."""
        pid = self._pid()
        if pid is None:
            self._pid_file.unlink(missing_ok=True)
            return None
        os.kill(pid, signal.SIGTERM)
        return pid

    def wait_stopped(self, pid: int, timeout: float = 60) -> None:
        """Wait until ``pid`` (from :meth:`request_stop`) has exited; kill it after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._alive(pid):
            time.sleep(0.1)
        killed = self._alive(pid)
        if killed:
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self._alive(pid):
                time.sleep(0.1)
        self._pid_file.unlink(missing_ok=True)
        record = self.home / _PENDING_ARCHIVE
        try:
            pending = Path(record.read_text().strip())
        except OSError:
            return
        record.unlink(missing_ok=True)
        if killed:  # it may have died half-way through writing the archive
            pending.unlink(missing_ok=True)
        else:
            self.keep_class_archive(pending)

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
        except OSError:
            return False
        # a server started by another live process (say, a benchmark that runs this command in a
        # child) stays a zombie until that process reaps it: it has exited all the same
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return True
        return stat.rpartition(")")[2].split()[:1] != ["Z"]

    def status(self) -> dict:
        pid = self._pid()
        return {"running": bool(pid) and self._bolt_answers(), "pid": pid, "uri": self.uri, "home": str(self.home)}

    def _console_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self._console.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no console log)"


class _ExitedEarly(Exception):
    def __init__(self, message: str, *, mapped_archive: bool):
        super().__init__(message)
        self.mapped_archive = mapped_archive
