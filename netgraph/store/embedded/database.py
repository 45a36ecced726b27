"""The embedded store's file: one SQLite database in WAL mode.

Why SQLite: it is in the standard library, keeps the graph in one file, and
gives what a store shared by a server and command-line runs needs:
transactions that commit whole or not at all (also across a ``kill -9`` or a
power cut), one writer at a time across processes, and (in WAL mode)
readers that never wait for a writer. The graph's algorithms keep running
on networkx: the file is the truth, each process holds a mirror of it in
memory (:mod:`netgraph.store.embedded.mirror`).

Tables (every key as the graph keys it)::

    meta(key, value)                       format, generation, log_floor, migrated_from, audit_trail
    nodes(label, id, props)                PRIMARY KEY (label, id); props: JSON object
    rels(type, source, target, props)      PRIMARY KEY (type, source, target); props: JSON object or NULL
    changes(generation, kind, a, b, c)     the keys each write changed: kind 0 a node (label, id, ''),
                                           kind 1 a link (type, source, target)
    audit, tombstones                      the audit trail and erasure tombstones (netgraph.store.embedded.audit_log)

Every committed write adds 1 to ``generation`` and lists the keys it changed
in ``changes``, so another process brings its mirror up to date by reading
just those rows again. A write of more than :data:`LOG_LIMIT` keys (an
import) is not listed: it sets ``log_floor`` to its generation instead, and
a process whose mirror is older than ``log_floor`` loads the whole graph
again. Old entries are pruned the same way (:data:`LOG_KEEP`).

``synchronous=FULL``: each commit waits for the WAL to reach the disk (one
fsync, a few milliseconds), so a write that was reported done survives a
power cut too. (``NORMAL`` would survive a killed process but could lose the
last commits on power loss; the saving is not worth an "imported 1 new"
that is then not there.)

Examples
--------
>>> database_path("data/graph.json"), database_path("data/graph.sqlite"), database_path("data/mystore")
(PosixPath('data/graph.sqlite'), PosixPath('data/graph.sqlite'), PosixPath('data/mystore.sqlite'))
>>> legacy_json_path("data/graph.json"), legacy_json_path("data/graph.sqlite")
(PosixPath('data/graph.json'), None)
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import networkx as nx

from netgraph.errors import NetgraphError, StoreUnavailable
from netgraph.model.vocabulary import NODE_LABELS
from netgraph.store.embedded.adjacency import forget_derived, in_links, node_attrs, out_links
from netgraph.store.embedded.edits import Edit
from netgraph.store.embedded.records import ENDS

#: Suffixes taken as the database itself; any other path names it (``graph.json`` -> ``graph.sqlite``).
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
#: The layout of the tables below; a file with a higher number was made by a newer netgraph. 2: round
#: feedback is on the MENTORS links only (a format 1 file is moved on open, migration.move_feedback_to_links).
FORMAT = 2
#: A write changing more keys than this is not listed in ``changes`` (other processes reload instead).
LOG_LIMIT = 50_000
#: ``changes`` is pruned to about half of this many rows once it holds more.
LOG_KEEP = 200_000
#: Bytes the WAL file is cut back to after a checkpoint (a big import may have grown it).
WAL_KEEP_BYTES = 64 * 2**20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nodes (label TEXT NOT NULL, id TEXT NOT NULL, props TEXT NOT NULL,
                                  PRIMARY KEY (label, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rels (type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, props TEXT,
                                 PRIMARY KEY (type, source, target)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, kind INTEGER NOT NULL, a TEXT NOT NULL,
                                    b TEXT NOT NULL, c TEXT NOT NULL,
                                    PRIMARY KEY (generation, kind, a, b, c)) WITHOUT ROWID;
INSERT OR IGNORE INTO meta VALUES ('format', {format}), ('generation', 0), ('log_floor', 0), ('audit_trail', 'kept');
"""

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_decode = json.JSONDecoder().decode


def database_path(path: str | Path) -> Path:
    """The SQLite file for ``--data PATH``: PATH itself if it ends in .sqlite, .sqlite3 or .db;
    else beside it, ``.json`` replaced (``graph.json`` -> ``graph.sqlite``) or ``.sqlite`` added."""
    path = Path(path)
    if path.suffix in DATABASE_SUFFIXES:
        return path
    if path.suffix == ".json":
        return path.with_suffix(".sqlite")
    return path.with_name(path.name + ".sqlite")


def legacy_json_path(path: str | Path) -> Path | None:
    """The JSON store file of earlier versions that ``--data PATH`` named (migrated on first open)."""
    path = Path(path)
    return None if database_path(path) == path else path


class StoreBusy(StoreUnavailable):
    """Another process kept the store's write lock longer than this process would wait (a 503: try later)."""


# -- connections -------------------------------------------------------------------------------


def connect(path: Path, *, wait: float, create: bool) -> sqlite3.Connection | None:
    """A connection in autocommit mode (transactions are explicit), or None if the file is not there.

    ``create``: make the file (private to the user, as people's details are) and its tables.
    ``wait``: seconds to wait for another process's write lock before :class:`StoreBusy`.
    """
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
    elif not path.exists():
        return None
    try:
        conn = sqlite3.connect(path, timeout=wait, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten: an erased person leaves no trace
        conn.execute("PRAGMA cache_size=-65536")  # up to 64 MiB of pages: a big import stays in memory
        conn.execute(f"PRAGMA journal_size_limit={WAL_KEEP_BYTES}")
        if not _has_tables(conn):
            if not create:
                conn.close()
                return None
            conn.execute("PRAGMA journal_mode=WAL")  # a property of the file: set once, kept
            with _immediate(conn, path, wait):
                for statement in filter(str.strip, _SCHEMA.format(format=FORMAT).split(";")):
                    conn.execute(statement)
        _check_format(conn, path)
        return conn
    except sqlite3.DatabaseError as exc:
        raise NetgraphError(f"cannot open the embedded store {path}: {exc}") from exc


def _has_tables(conn: sqlite3.Connection) -> bool:
    count: int = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]
    return count > 0


def _check_format(conn: sqlite3.Connection, path: Path) -> None:
    found = meta(conn, "format")
    if found is not None and int(found) > FORMAT:
        raise NetgraphError(
            f"the embedded store {path} was written by a newer netgraph (format {found}); "
            f"this one reads format {FORMAT}"
        )


class _immediate:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error): a write transaction on ``conn``."""

    def __init__(self, conn: sqlite3.Connection, path: Path, wait: float):
        self.conn, self.path, self.wait = conn, path, wait

    def __enter__(self) -> sqlite3.Connection:
        begin_write(self.conn, self.path, self.wait)
        return self.conn

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def begin_write(conn: sqlite3.Connection, path: Path, wait: float) -> None:
    """Take the store's write lock (``BEGIN IMMEDIATE``), waiting up to ``wait`` s for another writer."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(
                f"the embedded store {path} is busy: another process has been writing to it for "
                f"over {wait:g} s (an import?); try again when it is done"
            ) from exc
        raise


def meta(conn: sqlite3.Connection, key: str) -> Any:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def set_meta(conn: sqlite3.Connection, key: str, value: object) -> None:
    conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def generation(conn: sqlite3.Connection) -> int:
    """How many writes the file has committed (0: none)."""
    return int(meta(conn, "generation") or 0)


class read_snapshot:
    """One consistent view of the file for several SELECTs (``BEGIN`` ... ``COMMIT``); joins an open
    transaction instead (a writer reads its own state)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.own = not conn.in_transaction

    def __enter__(self) -> sqlite3.Connection:
        if self.own:
            self.conn.execute("BEGIN")
        return self.conn

    def __exit__(self, *exc: object) -> None:
        if self.own:
            self.conn.execute("COMMIT")


# -- the whole graph -------------------------------------------------------------------------


def load_graph(conn: sqlite3.Connection) -> tuple[nx.MultiDiGraph, int]:
    """The graph the file holds and its generation, read in one snapshot.

    Builds networkx's adjacency dicts directly (:mod:`~netgraph.store.embedded.adjacency`:
    faster than ``add_edge``), and shares one tuple per node among all its
    links (less memory).
    """
    graph = nx.MultiDiGraph()
    attrs_of, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    labels = {label: label for label in NODE_LABELS}
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    with read_snapshot(conn):
        gen = generation(conn)
        for label, key, props in conn.execute("SELECT label, id, props FROM nodes"):
            node = (labels.get(label, label), key)
            keys[node] = node
            attrs_of[node] = _decode(props)
            succ[node] = {}
            pred[node] = {}
        for rel, source, target, props in conn.execute("SELECT type, source, target, props FROM rels"):
            source_label, target_label = ENDS[rel]
            u = keys.get((source_label, source)) or _bare(graph, keys, (source_label, source))
            v = keys.get((target_label, target)) or _bare(graph, keys, (target_label, target))
            keyed = succ[u].get(v)
            if keyed is None:
                keyed = succ[u][v] = pred[v][u] = {}
            keyed[rel] = _decode(props) if props else {}
    return graph, gen


def _bare(
    graph: nx.MultiDiGraph, keys: dict[tuple[str, str], tuple[str, str]], node: tuple[str, str]
) -> tuple[str, str]:
    """A node a link names but the nodes table lacks (never written so): made bare, as networkx would."""
    graph.add_node(node)
    keys[node] = node
    return node


def clear(conn: sqlite3.Connection) -> int:
    """Delete everything, the audit trail too (inside a write transaction); returns the new generation."""
    gen = generation(conn) + 1
    conn.execute("DELETE FROM nodes")
    conn.execute("DELETE FROM rels")
    conn.execute("DELETE FROM changes")
    for table in ("audit", "tombstones"):  # beside the graph; made by the first write that needs them
        if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]:
            conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count', 'erasure_key')")
    set_meta(conn, "log_floor", gen)
    set_meta(conn, "generation", gen)
    return gen


# -- writing what one edit changed -----------------------------------------------------------


def save_edit(conn: sqlite3.Connection, edit: Edit) -> int | None:
    """Write the rows ``edit`` changed (inside a write transaction); the new generation, or None if
    nothing changed (nothing is written then)."""
    nodes_put, nodes_gone, links_put, links_gone = [], [], [], []
    for (label, key), attrs in edit.changed_nodes():
        if attrs is None:
            nodes_gone.append((label, key))
        else:
            nodes_put.append((label, key, _encode(attrs)))
    for (source, target, rel), data in edit.changed_links():
        if data is None:
            links_gone.append((rel, source[1], target[1]))
        else:
            links_put.append((rel, source[1], target[1], _encode(data) if data else None))
    changed = len(nodes_put) + len(nodes_gone) + len(links_put) + len(links_gone)
    if not changed:
        return None
    gen = generation(conn) + 1
    nodes_put.sort()
    links_put.sort()
    conn.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?) ON CONFLICT(label, id) DO UPDATE SET props = excluded.props", nodes_put
    )
    conn.executemany(
        "INSERT INTO rels VALUES (?, ?, ?, ?) ON CONFLICT(type, source, target) DO UPDATE SET props = excluded.props",
        links_put,
    )
    conn.executemany("DELETE FROM rels WHERE type = ? AND source = ? AND target = ?", links_gone)
    conn.executemany("DELETE FROM nodes WHERE label = ? AND id = ?", nodes_gone)
    if changed > LOG_LIMIT:
        conn.execute("DELETE FROM changes")
        set_meta(conn, "log_floor", gen)
    else:
        conn.executemany(
            "INSERT OR IGNORE INTO changes VALUES (?, 0, ?, ?, '')", [(gen, n[0], n[1]) for n in nodes_put + nodes_gone]
        )
        conn.executemany(
            "INSERT OR IGNORE INTO changes VALUES (?, 1, ?, ?, ?)",
            [(gen, r[0], r[1], r[2]) for r in links_put + links_gone],
        )
        if gen % 64 == 0:
            _prune_log(conn)
    set_meta(conn, "generation", gen)
    return gen


def _prune_log(conn: sqlite3.Connection) -> None:
    """Keep ``changes`` small: drop its older half once it holds more than LOG_KEEP rows."""
    row = conn.execute(
        "SELECT generation FROM changes ORDER BY generation DESC LIMIT 1 OFFSET ?", (LOG_KEEP // 2,)
    ).fetchone()
    if row is None or conn.execute("SELECT count(*) FROM changes").fetchone()[0] <= LOG_KEEP:
        return
    conn.execute("DELETE FROM changes WHERE generation <= ?", (row[0],))
    set_meta(conn, "log_floor", max(int(meta(conn, "log_floor") or 0), row[0]))


# -- catching up with other processes' writes ----------------------------------------------------


@dataclass
class Pending:
    """What a mirror at some generation must do to reach ``generation``: reload, or re-read these keys."""

    generation: int
    reload: bool = False
    nodes: list[tuple[str, str, str | None]] = field(default_factory=list)  # label, id, props (None: gone)
    links: list[tuple[str, str, str, str | None, int]] = field(default_factory=list)  # type, source, target,
    # props, present


def pending_since(conn: sqlite3.Connection, since: int, *, inline_limit: int) -> Pending | None:
    """What changed after generation ``since`` (None: nothing); ``reload`` when the log cannot say
    (an import, a pruned log, a file older than the mirror) or more than ``inline_limit`` keys did."""
    with read_snapshot(conn):
        gen = generation(conn)
        if gen == since:
            return None
        if since > gen or since < int(meta(conn, "log_floor") or 0):
            return Pending(gen, reload=True)
        count = conn.execute("SELECT count(*) FROM changes WHERE generation > ?", (since,)).fetchone()[0]
        if count > inline_limit:
            return Pending(gen, reload=True)
        nodes = conn.execute(
            "SELECT DISTINCT c.a, c.b, n.props FROM changes c LEFT JOIN nodes n ON n.label = c.a AND n.id = c.b "
            "WHERE c.generation > ? AND c.kind = 0",
            (since,),
        ).fetchall()
        links = conn.execute(
            "SELECT DISTINCT c.a, c.b, c.c, r.props, r.type IS NOT NULL FROM changes c LEFT JOIN rels r "
            "ON r.type = c.a AND r.source = c.b AND r.target = c.c WHERE c.generation > ? AND c.kind = 1",
            (since,),
        ).fetchall()
        return Pending(gen, nodes=nodes, links=links)


def apply_pending(graph: nx.MultiDiGraph, pending: Pending) -> None:
    """Bring ``graph`` to the state the re-read keys of ``pending`` have in the file.

    Works on networkx's adjacency dicts directly, as loading does.
    """
    attrs_of, succ, pred = node_attrs(graph), out_links(graph), in_links(graph)
    forget_derived(graph)
    for label, key, props in pending.nodes:
        if props is not None:
            node = (label, key)
            attrs = attrs_of.get(node)
            if attrs is None:
                attrs_of[node], succ[node], pred[node] = _decode(props), {}, {}
            else:
                attrs.clear()
                attrs.update(_decode(props))
    for rel, source, target, props, present in pending.links:
        source_label, target_label = ENDS[rel]
        u, v = (source_label, source), (target_label, target)
        for end in (u, v) if present else ():
            if end not in attrs_of:  # a node the file lacks (never written so): made bare, as networkx would
                attrs_of[end], succ[end], pred[end] = {}, {}, {}
        keyed = succ.get(u, {}).get(v)
        if present:
            if keyed is None:
                keyed = succ[u][v] = pred[v][u] = {}
            keyed[rel] = _decode(props) if props else {}
        elif keyed is not None and rel in keyed:
            del keyed[rel]
            if not keyed:
                del succ[u][v]
                del pred[v][u]
    for label, key, props in pending.nodes:
        if props is None and (label, key) in attrs_of:
            graph.remove_node((label, key))


def forget_keys(conn: sqlite3.Connection, ids: list[str]) -> None:
    """Drop the change-log rows naming ``ids`` (an erasure), inside a write transaction.

    Other processes then cannot catch up from the log, so it sets ``log_floor``
    to the current generation: they load the graph again instead.
    """
    for i in ids:
        conn.execute("DELETE FROM changes WHERE a = ? OR b = ? OR c = ?", (i, i, i))
    set_meta(conn, "log_floor", generation(conn))
