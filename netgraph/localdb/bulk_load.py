"""First load of a large organisation into an empty local Neo4j with the offline importer.

``netgraph import`` merges a document into a running database through Cypher
(``UNWIND`` batches in one transaction): right for every later change, slow
for a first load of 100k people. Neo4j's offline importer (``neo4j-admin
database import full``, in the jars :class:`~netgraph.localdb.LocalNeo4j`
already fetches) writes the store files directly, many times faster, but only
into an empty database, with the server stopped. :class:`BulkLoad` does the
whole span for a server started from a netgraph home:

1. refuse unless the database is empty (count its nodes while it runs; a home
   whose server is stopped and whose database folder does not exist is empty),
   then ask the server to stop: it shuts down while the caller reads the
   document and the next step runs;
2. write the importer's CSV files from the normalized document; with
   :meth:`BulkLoad.run_document`, ``validate`` checks the document in a
   forked child meanwhile (both cores busy);
3. import (``--overwrite-destination``: the database was checked empty);
4. start the server, create the constraints and indexes (``admin/schema``),
   and wait until every index is online: then queries answer at full speed.

The graph it writes is the one the online import writes from the same
normalized document (``netgraph.model.validate.validate``): the same labels,
property names and types (integers as 64-bit, strengths as doubles, dates as
strings, ``focus`` as a string list, absent where the document has null),
KNOWS once from ``a`` to ``b`` (``a < b``), one Skill node per name used. The
importer cannot store an empty list (neo4j/neo4j#13566), so the mentorships
without focus get theirs from ``import/bulk_empty_focus`` afterwards. The
contract test (``tests/localdb/test_bulk_load.py``) compares the export and
every stored property and its type with an online import.

Example (Python)::

    with BulkLoad(LocalNeo4j(home, port=7687)) as load:
        document, where = read_document("org.json")
        report = load.run_document(document, where)  # or load.run(validate(document)): one after the other
    print(report.seconds)
"""

from __future__ import annotations

import itertools
import multiprocessing
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from netgraph.collector import cycle_collector_paused
from netgraph.errors import Conflict, InvalidInput, NetgraphError, StoreUnavailable
from netgraph.localdb import LocalNeo4j
from netgraph.model.ties import declared_only
from netgraph.model.validate import Where, check, normalize_document, with_defaults
from netgraph.model.vocabulary import LEFT_LABEL
from netgraph.settings import child_environment

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"
#: How long the new indexes may take to come online before the load gives up.
INDEX_TIMEOUT_S = 600
#: The importer's JVM heap: it keeps its large structures off the heap.
IMPORT_HEAP = "2g"

#: Node files: label -> header. The importer's id (``:ID``) is the node's own record number
#: (``--id-type=actual``): the load numbers the nodes 0, 1, 2, ... across all labels, in this
#: order, and relationship rows name their ends by those numbers. The importer then builds no
#: id map (with netgraph's text ids it built, sorted and checked one for collisions, and looked
#: up both ends of every relationship; docs/benchmarks/import.md).
#: The column is unnamed, so not stored; the netgraph id is an ordinary text property
#: (``id``; ``name`` for a skill).
_NODE_HEADERS = {
    "OrgUnit": ":ID,id,name,source",
    "Person": (
        ":ID,id,:LABEL,name,preferred_name,email,title,level:long,location,joined_on,status,left_on,"
        "source,open_to_intros:boolean,open_to_mentoring:boolean,signals_opt_out:boolean,flight_risk"
    ),
    "Position": ":ID,id,title,level:long,critical:boolean",
    "Skill": ":ID,name",
    "Introduction": (
        ":ID,id,status,closed_reason,created_on,made_on,accepted_on,met_on,declined_on,closed_on,note,outcome:long"
    ),
}
_KNOWS_PROPERTIES = (
    "since,strength:double,context,sources:string[],declared_strength:double,"
    "evidence_strength:double,org_chart_strength:double,first_seen,last_seen,retired_on"
)
#: Relationship files: type -> header (the two ends' numbers, then the properties).
_REL_HEADERS = {
    rel_type: ":START_ID,:END_ID" + (f",{properties}" if properties else "")
    for rel_type, properties in {
        "PART_OF": "",
        "MEMBER_OF": "",
        "IN": "",
        "REPORTS_TO": "",
        "REQUIRES": "",
        "HOLDS": "since",
        "HAS_SKILL": "level:long",
        "WANTS_TO_GROW": "",
        "KNOWS": _KNOWS_PROPERTIES,
        "KNEW": _KNOWS_PROPERTIES,  # a retired tie
        "MENTORS": (
            "since,until,status,kind,focus:string[],mentor_rating:long,mentor_again:boolean,"
            "mentee_rating:long,mentee_again:boolean"
        ),
        "SUCCESSOR_FOR": "readiness,nominated_on",
        "MADE": "",
        "INTRODUCES": "",
        "TO": "",
    }.items()
}
#: Separates the items of a ``string[]`` cell: ``focus`` items are skill names, which never hold ``;``.
_ARRAY_DELIMITER = ";"


@dataclass
class LoadReport:
    """What a bulk load wrote, and how long each step took (seconds)."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())

    def lines(self) -> list[str]:
        nodes = ", ".join(f"{n:,} {label}" for label, n in self.nodes.items() if n)
        steps = ", ".join(f"{name} {s:.1f} s" for name, s in self.seconds.items())
        return [
            f"loaded {sum(self.nodes.values()):,} nodes ({nodes or 'none'}) and "
            f"{self.total_relationships:,} relationships",
            f"steps: {steps}",
        ]


# -- the load -----------------------------------------------------------------------------------------------


def bulk_load(
    server: LocalNeo4j,
    document: dict,
    *,
    threads: int | None = None,
    import_heap: str = IMPORT_HEAP,
    say: Callable[[str], None] | None = None,
) -> LoadReport:
    """Fill the empty database of ``server`` with ``document`` (normalized by ``validate``).

    Raises :class:`~netgraph.errors.Conflict` (nothing changed) when the database holds
    any node, and :class:`~netgraph.errors.StoreUnavailable` when the server cannot run
    there. The server is running when this returns, whether it was before or not.
    """
    with BulkLoad(server, threads=threads, import_heap=import_heap, say=say) as load:
        return load.run(document)


class BulkLoad:
    """A bulk load in two halves, so the server shuts down while the document is read::

        with BulkLoad(server) as load:          # refuses a non-empty database; asks the server to stop
            clean = validate(read_document(path)[0])
            report = load.run(clean)            # CSV files, import, start, schema

    Leaving the ``with`` block by an exception before :meth:`run` imports (an invalid
    document, say) starts the server again if it was running: the database is as it was.
    """

    def __init__(
        self,
        server: LocalNeo4j,
        *,
        threads: int | None = None,
        import_heap: str = IMPORT_HEAP,
        say: Callable[[str], None] | None = None,
        resize: Callable[[LocalNeo4j], str] | None = None,
    ):
        self.server, self.threads, self.import_heap = server, threads, import_heap
        #: sets the server's heap and page cache once the store files exist (before it starts); says how
        self.resize = resize
        self.say = say or (lambda message: None)
        self.report = LoadReport()
        self._clock = _Clock(self.report.seconds)
        self._stopping: int | None = None  # the pid of the server asked to stop
        self._was_running = False  # before the load: so a load that fails early leaves it as it was
        self._importing = False

    def __enter__(self) -> BulkLoad:
        self.server.fetch_jars()
        self._was_running = self.server._pid() is not None
        with self._clock("check"):
            running = _refuse_unless_empty(self.server)
        if running:
            self.say(f"the database at {self.server.uri} is empty: stopping the server")
            self._stopping = self.server.request_stop()
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if kind is not None and not self._importing:  # nothing was written: leave it as it was
            if self._stopping is not None:
                self.server.wait_stopped(self._stopping)
            if self._was_running:
                self.server.start()
        return False

    def run(self, document: dict) -> LoadReport:
        """Write the CSV files of a normalized ``document`` (from ``validate``), import them with the
        server stopped, start it, create the schema."""
        return self._load(lambda folder: write_import_files(document, folder, self.report), "csv")

    def run_document(self, document: object, where: Where | None = None) -> LoadReport:
        """:meth:`run` on a document as read (``read_document``): ``validate`` checks it in a forked
        child while this process normalizes it and writes the CSV files, one on each core.

        Raises :class:`~netgraph.errors.InvalidInput` (nothing imported) with the problems
        ``validate`` found, the same as ``netgraph import`` reports.
        """

        def write(folder: Path) -> dict[str, dict[str, Path]]:
            verdict = _validated_in_child(document, where or Where())
            try:
                # a document validate refuses may break normalizing in any way: its problems are the answer
                files = write_import_files(normalize_document(document), folder, self.report)
            except Exception:
                verdict()
                raise
            verdict()
            return files

        return self._load(write, "validate_csv")

    def run_folder(self, source: Path) -> LoadReport:
        """:meth:`run` on a CSV folder read record by record: each record is checked and written as it is
        read (``netgraph.localdb.stream_load``), so the folder is never held whole.

        Raises :class:`~netgraph.errors.InvalidInput` (nothing imported) with the problems
        ``netgraph import`` reports for the same folder.
        """
        from netgraph.localdb.stream_load import write_folder_import_files

        return self._load(lambda folder: write_folder_import_files(source, folder, self.report), "validate_csv")

    def _load(self, write: Callable[[Path], dict[str, dict[str, Path]]], step: str) -> LoadReport:
        server, clock, say = self.server, self._clock, self.say
        with tempfile.TemporaryDirectory(prefix="bulk-load-", dir=_scratch(server)) as tmp:
            # the normalized document and the CSV rows are millions of acyclic objects (a forked
            # validating child starts under the same pause and keeps it: see _validate_in_child)
            with clock(step), cycle_collector_paused():
                say("writing the importer's CSV files")
                files = write(Path(tmp))
            if self._stopping is not None:
                with clock("stop"):
                    say("waiting for the server to stop")
                    server.wait_stopped(self._stopping)
                    self._stopping = None
            with clock("import"):
                say("importing (the server is stopped)")
                self._importing = True
                _run_importer(server, files, Path(tmp), threads=self.threads, heap=self.import_heap)
        if self.resize is not None:
            say(self.resize(server))
        with clock("start"):
            say("starting the server")
            server.start()
        with clock("schema"):
            say("creating constraints and indexes")
            _finish(server)
        return self.report


def _validated_in_child(document: object, where: Where) -> Callable[[], None]:
    """Start ``check(document)`` (``validate`` without normalizing) in a forked child; return the
    function that waits for its verdict and raises ``InvalidInput`` with the problems it found (or
    ``NetgraphError`` if the child failed).

    Forking shares the parsed document without copying or pickling it. Where the system
    cannot fork, the document is validated here, when the verdict is asked for.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return lambda: check(document, where=where)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_validate_in_child, args=(document, where, send), name="netgraph-validate", daemon=True
    )
    child.start()
    send.close()

    def verdict() -> None:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = ("failed", f"it ended without a verdict (exit code {child.exitcode})")
        finally:
            receive.close()
            child.join()
        if outcome[0] == "invalid":
            raise InvalidInput(outcome[1], total=outcome[2])
        if outcome[0] == "failed":
            raise NetgraphError(f"validating the document failed: {outcome[1]}")

    return verdict


def _validate_in_child(document: object, where: Where, send) -> None:
    # The child reads the document and exits: a cycle collection would walk, and so copy, every page
    # of it that the child shares with its parent.
    try:
        with cycle_collector_paused():
            check(document, where=where)  # validate() without normalizing: the parent does that
        send.send(("valid",))
    except InvalidInput as refusal:
        send.send(("invalid", refusal.problems, refusal.total))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises
        send.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def _knows_line(k: dict, person_n: dict[str, int]) -> str:
    return knows_row(person_n[k["a"]], person_n[k["b"]], k)


def knows_row(a: int, b: int, k: dict) -> str:
    """A KNOWS row; a declared-only link without sources and declared_strength, as the online import stores it."""
    ends_and_plain = f"{a},{b},{_t(k['since'])},{_n(k['strength'])},{_t(k['context'])},"
    if declared_only(k):  # nearly every link of a first load: every provenance field is null
        return ends_and_plain + ",,,,,,\n"
    return (
        f"{ends_and_plain}{_list(k['sources'])},{_n(k['declared_strength'])},"
        f"{_n(k['evidence_strength'])},{_n(k['org_chart_strength'])},"
        f"{_t(k['first_seen'])},{_t(k['last_seen'])},{_t(k['retired_on'])}\n"
    )


def _refuse_unless_empty(server: LocalNeo4j) -> bool:
    """Raise unless the database is empty; return whether the server is running now."""
    if server._pid() is not None:
        if not server._bolt_answers():
            raise StoreUnavailable(
                f"the Neo4j started from {server.home} is running but does not answer on "
                f"{server.uri}: check --port, or stop it with `netgraph db local stop`"
            )
        _refuse_if_nodes(server, _count_nodes(server))
        return True
    if not server.database_dir.exists():  # a new home: nothing to count
        if server._port_taken():
            raise StoreUnavailable(
                f"port {server.port} on 127.0.0.1 is taken by another program; choose another with --port"
            )
        return False
    server.start()  # stopped, with a database: ask it
    try:
        _refuse_if_nodes(server, _count_nodes(server))
    except BaseException:
        server.stop()  # refused: leave it stopped, as it was
        raise
    return True


def _refuse_if_nodes(server: LocalNeo4j, nodes: int) -> None:
    if nodes:
        raise Conflict(
            f"the database of the Neo4j at {server.uri} (home {server.home}) is not empty: it holds "
            f"{nodes:,} node{'s' if nodes != 1 else ''}. `db local load` only fills an empty database; "
            "use `netgraph import` to merge a document into it"
        )


def _scratch(server: LocalNeo4j) -> Path:
    """Where the CSV files go: inside the home (the same disk as the database)."""
    folder = server.home / "import"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- CSV files --------------------------------------------------------------------------------------------


def write_import_files(document: dict, folder: Path, report: LoadReport | None = None) -> dict[str, dict[str, Path]]:
    """Write one header-and-rows CSV file per label and relationship type into ``folder``.

    Returns ``{"nodes": {label: path}, "relationships": {type: path}}`` (types without a row
    are left out) and fills the counts of ``report``. Ids go unquoted (the id rule leaves
    no character CSV would need to quote); every text is quoted, so ``""`` stays an empty
    text while an empty cell is null (no property); numbers and booleans are bare.
    """
    report = report if report is not None else LoadReport()
    # the database is empty: every field a record left out takes its default
    units, people, positions, mentorships, successors, introductions = (
        [with_defaults(section, r) for r in document.get(section) or []]
        for section in ("org_units", "people", "positions", "mentorships", "successors", "introductions")
    )
    skills = sorted(
        {name for p in people for name in p["skills"]}
        | {name for p in people for name in p["wants_to_grow"]}
        | {name for pos in positions for name in pos["requires"]}
    )
    # each node's record number (see _NODE_HEADERS), by label and netgraph id: one count over all labels
    first = itertools.accumulate([0, len(units), len(people), len(positions), len(skills)])
    unit_n, person_n, position_n, skill_n, intro_n = (
        {key: start + n for n, key in enumerate(keys)}
        for start, keys in zip(
            first,
            (
                [u["id"] for u in units],
                [p["id"] for p in people],
                [pos["id"] for pos in positions],
                skills,
                [i["id"] for i in introductions],
            ),
            strict=True,
        )
    )

    nodes = {
        "OrgUnit": [unit_row(u, unit_n[u["id"]]) for u in units],
        "Person": [person_row(p, person_n[p["id"]]) for p in people],
        "Position": [position_row(pos, position_n[pos["id"]]) for pos in positions],
        "Skill": [skill_row(name, skill_n[name]) for name in skills],
        "Introduction": [introduction_row(i, intro_n[i["id"]]) for i in introductions],
    }
    rels = {
        "PART_OF": [f"{unit_n[u['id']]},{unit_n[u['parent']]}\n" for u in units if u["parent"] is not None],
        "MEMBER_OF": [f"{person_n[p['id']]},{unit_n[p['org_unit']]}\n" for p in people if p["org_unit"] is not None],
        "IN": [
            f"{position_n[pos['id']]},{unit_n[pos['org_unit']]}\n" for pos in positions if pos["org_unit"] is not None
        ],
        "REPORTS_TO": [
            f"{position_n[pos['id']]},{position_n[pos['reports_to']]}\n"
            for pos in positions
            if pos["reports_to"] is not None
        ],
        "REQUIRES": [f"{position_n[pos['id']]},{skill_n[name]}\n" for pos in positions for name in pos["requires"]],
        "HOLDS": [
            holds_row(person_n[h["person"]], position_n[pos["id"]], h) for pos in positions for h in pos["holders"]
        ],
        "HAS_SKILL": [
            f"{person_n[p['id']]},{skill_n[name]},{_n(level)}\n" for p in people for name, level in p["skills"].items()
        ],
        "WANTS_TO_GROW": [f"{person_n[p['id']]},{skill_n[name]}\n" for p in people for name in p["wants_to_grow"]],
        **_link_lines(document.get("knows") or [], person_n),
        "MENTORS": [mentors_row(person_n[m["mentor"]], person_n[m["mentee"]], m) for m in mentorships],
        "SUCCESSOR_FOR": [successor_row(person_n[s["person"]], position_n[s["position"]], s) for s in successors],
        "MADE": [f"{person_n[i['by']]},{intro_n[i['id']]}\n" for i in introductions],
        "INTRODUCES": [f"{intro_n[i['id']]},{person_n[i['introduce']]}\n" for i in introductions],
        "TO": [f"{intro_n[i['id']]},{person_n[i['to']]}\n" for i in introductions],
    }
    report.nodes.update(_write_files(folder, _NODE_HEADERS, nodes))
    report.relationships.update(_write_files(folder, _REL_HEADERS, rels))
    return {
        "nodes": {label: _path(folder, label) for label in nodes},  # even without rows: the importer needs
        "relationships": {
            rel_type: _path(folder, rel_type)  # at least one node file
            for rel_type, rows in rels.items()
            if rows
        },
    }


# -- one row each: the one definition of each file's cells (a streaming load writes them too) -------------


def unit_row(u: dict, n: int) -> str:
    return f"{n},{u['id']},{_t(u['name'])},{_t(u['source'])}\n"


def person_row(p: dict, n: int) -> str:
    return (
        f"{n},{p['id']},{LEFT_LABEL if p['status'] == 'left' else ''},{_t(p['name'])},"
        f"{_t(p['preferred_name'])},{_t(p['email'])},"
        f"{_t(p['title'])},{_n(p['level'])},{_t(p['location'])},{_t(p['joined_on'])},{_t(p['status'])},"
        f"{_t(p['left_on'])},{_t(p['source'])},{_b(p['open_to_intros'])},{_b(p['open_to_mentoring'])},"
        f"{_b(p['signals_opt_out'])},"
        f"{_t(p['flight_risk'])}\n"
    )


def position_row(pos: dict, n: int) -> str:
    return f"{n},{pos['id']},{_t(pos['title'])},{_n(pos['level'])},{_b(pos['critical'])}\n"


def skill_row(name: str, n: int) -> str:
    return f"{n},{_t(name)}\n"


def introduction_row(i: dict, n: int) -> str:
    return (
        f"{n},{i['id']},{_t(i['status'])},{_t(i['closed_reason'])},"
        f"{_t(i['created_on'])},{_t(i['made_on'])},{_t(i['accepted_on'])},{_t(i['met_on'])},"
        f"{_t(i['declined_on'])},{_t(i['closed_on'])},{_t(i['note'])},{_n(i['outcome'])}\n"
    )


def holds_row(person: int, position: int, holder: dict) -> str:
    return f"{person},{position},{_t(holder['since'])}\n"


def mentors_row(mentor: int, mentee: int, m: dict) -> str:
    return (
        f"{mentor},{mentee},{_t(m['since'])},{_t(m['until'])},{_t(m['status'])},{_t(m['kind'])},{_list(m['focus'])},"
        f"{_n(m.get('mentor_rating'))},{_maybe(m.get('mentor_again'))},{_n(m.get('mentee_rating'))},"
        f"{_maybe(m.get('mentee_again'))}\n"
    )


def successor_row(person: int, position: int, s: dict) -> str:
    return f"{person},{position},{_t(s['readiness'])},{_t(s['nominated_on'])}\n"


def _link_lines(knows: list[dict], person_n: dict[str, int]) -> dict[str, list[str]]:
    """The rows of KNOWS and of KNEW (a retired tie), each link completed for a new store."""
    links = [with_defaults("knows", k) for k in knows]
    return {
        "KNOWS": [_knows_line(k, person_n) for k in links if k["retired_on"] is None],
        "KNEW": [_knows_line(k, person_n) for k in links if k["retired_on"] is not None],
    }


def _write_files(folder: Path, headers: dict[str, str], lines: dict[str, list[str]]) -> dict[str, int]:
    """Write each label's or type's rows under its header; return the rows' counts.

    A node file is written even without rows; a relationship file only with some."""
    for name, rows in lines.items():
        if rows or headers is _NODE_HEADERS:
            _write(_path(folder, name), headers[name], rows)
    return {name: len(rows) for name, rows in lines.items()}


def _path(folder: Path, name: str) -> Path:
    return folder / (f"node-{name}.csv" if name in _NODE_HEADERS else f"rel-{name}.csv")


def _write(path: Path, header: str, lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        out.write("".join(lines))


def _t(text: str | None) -> str:
    r"""A text cell: quoted (inner quotes doubled), or empty for null.

    >>> _t('a "b", c'), _t(""), _t(None), _t("two\nlines")
    ('"a ""b"", c"', '""', '', '"two\nlines"')
    """
    if text is None:
        return ""
    return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'


def _n(number: float | None) -> str:
    """A number cell (``repr`` keeps every digit of a float), or empty for null."""
    return "" if number is None else repr(number)


def _b(flag: bool) -> str:
    return "true" if flag else "false"


def _maybe(flag: bool | None) -> str:
    """A boolean cell that may be empty (null: not stored)."""
    return "" if flag is None else _b(flag)


def _list(items: list[str]) -> str:
    """A ``string[]`` cell; an empty list is empty (the importer cannot store one: see ``_finish``)."""
    return _t(_ARRAY_DELIMITER.join(items)) if items else ""


# -- the importer ---------------------------------------------------------------------------------------


def _run_importer(
    server: LocalNeo4j, files: dict[str, dict[str, Path]], folder: Path, *, threads: int | None, heap: str
) -> None:
    server._write_conf()  # the importer finds the data folder in the server's configuration
    log = server.home / "logs" / "import.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    arguments = [
        ADMIN_TOOL,
        # the database first: --nodes and --relationships take every argument after them
        "database",
        "import",
        "full",
        DATABASE,
        "--overwrite-destination=true",
        "--input-type=csv",
        # any bad entry aborts; the document is validated, so every reference exists and the
        # slower strict look-up of each relationship's end nodes is not needed
        "--id-type=actual",
        f"--array-delimiter={_ARRAY_DELIMITER}",
        "--bad-tolerance=0",
        "--strict=false",
        f"--report-file={folder / 'import.report'}",
        # notes may hold line breaks: only their file is parsed the slower, multi-line way
        "--multiline-fields-format=v2",
        f"--multiline-fields={files['nodes']['Introduction']}",
    ]
    if threads:
        arguments.append(f"--threads={threads}")
    arguments += [f"--nodes={label}={path}" for label, path in files["nodes"].items()]
    arguments += [f"--relationships={rel_type}={path}" for rel_type, path in files["relationships"].items()]
    env = child_environment(NEO4J_HOME=str(server.home), NEO4J_CONF=str(server.conf_dir))

    def run() -> tuple[int, bool]:
        sharing, pending = server.class_sharing(ADMIN_TOOL)
        # A short-lived JVM on few cores: the client compiler only and the throughput collector leave
        # the cores to the import.
        command = [
            server.java,
            f"-Xmx{heap}",
            "-XX:+UseParallelGC",
            "-XX:TieredStopAtLevel=1",
            *sharing,
            "-cp",
            f"{server.lib_dir}/*",
            *arguments,
        ]
        with open(log, "w", encoding="utf-8") as out:
            code = subprocess.run(
                command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
            ).returncode
        crashed = code < 0 or code >= 128  # a signal, not the importer's own verdict
        if pending is not None:
            if crashed:
                pending.unlink(missing_ok=True)
            else:
                server.keep_class_archive(pending)
        return code, crashed and pending is None

    code, crashed_with_archive = run()
    if crashed_with_archive and server.drop_class_archive(ADMIN_TOOL):
        code, _ = run()  # once more, without the archive
    if code != 0:
        tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-15:])
        report = folder / "import.report"
        bad = report.read_text(errors="replace")[:2000] if report.exists() else ""
        raise NetgraphError(
            f"Neo4j's importer failed (exit {code}); the server is stopped and the "
            f"database may be incomplete: fix the cause and load again. Log: {log}\n{tail}"
            + (f"\n{bad}" if bad else "")
        )


# -- Cypher over Bolt --------------------------------------------------------------------------------------


def _statements(name: str) -> list[str]:
    """The ``;``-separated statements of ``cypher/<name>.cypher`` (``//`` comment lines left out)."""
    folder, _, base = name.partition("/")
    text = resources.files("netgraph.cypher").joinpath(folder, f"{base}.cypher").read_text("utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


def _driver(server: LocalNeo4j):
    from neo4j import GraphDatabase

    return GraphDatabase.driver(
        server.uri,
        auth=None,
        connection_timeout=5,
        max_transaction_retry_time=60,
        notifications_min_severity="OFF",
        user_agent="netgraph-bulk-load",
    )


def _count_nodes(server: LocalNeo4j) -> int:
    (text,) = _statements("admin/count_nodes")
    with _driver(server) as driver:
        records, _, _ = driver.execute_query(text, database_=DATABASE)
    return records[0]["nodes"]


def _finish(server: LocalNeo4j) -> None:
    """Constraints and indexes (online before this returns), and the empty focus lists."""
    (wait,) = _statements("admin/await_indexes")
    (empty_focus,) = _statements("import/bulk_empty_focus")
    with _driver(server) as driver:

        def run(texts: list[str]) -> None:
            for text in texts:  # execute_query retries while the fresh database is still coming up
                driver.execute_query(text, database_=DATABASE)

        # Two at a time (the driver is thread-safe): the people's indexes (the largest) beside the
        # other labels' and the focus lists, which touch no property an index is built on.
        schema = _statements("admin/schema")
        people = [text for text in schema if "(n:Person)" in text]
        with ThreadPoolExecutor(max_workers=1) as pool:
            largest = pool.submit(run, people)
            run([text for text in schema if text not in people] + [empty_focus])
            largest.result()
        driver.execute_query(wait, seconds=INDEX_TIMEOUT_S, database_=DATABASE)
        # Plans made while the indexes were still being built (the focus lists above) would be kept
        # on their figures: drop them, so that each statement is planned on the loaded database.
        (clear_plans,) = _statements("admin/clear_query_caches")
        driver.execute_query(clear_plans, database_=DATABASE)


class _Clock:
    """``with clock("step"):`` records the step's seconds in the report."""

    def __init__(self, into: dict[str, float]):
        self.into = into

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.into[name] = round(time.perf_counter() - start, 2)


__all__ = ["BulkLoad", "LoadReport", "bulk_load", "write_import_files"]
