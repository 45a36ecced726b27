"""Moving a JSON store file of earlier versions into the SQLite database, once.

Before the SQLite file, the embedded store was one JSON interchange document
(``graph.json``), rewritten whole on every write. The first open of such a
store copies that document into ``graph.sqlite`` beside it in one
transaction, and only once that transaction has committed renames the JSON
file to ``graph.json.migrated`` (kept, never deleted). A crash before the
commit leaves the JSON file in place and the migration simply runs again;
a crash between the commit and the rename is finished by the next open
(the database remembers the file's size and time, ``migrated_from``).

Two processes opening the same old store at once migrate it once: the
second waits for the first's write lock and finds it done.

If the JSON file changed after it was migrated (an older netgraph still
running wrote to it), the open is refused rather than guessing which copy
is right. Temporary files that the old design left beside the store when
it was killed (``.graph.json.XXXXXXXX``) are removed.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "graph.json").write_text('{"org_units": [{"id": "u1", "name": "Sales", "parent": null}]}')
>>> graph, generation = migrate_json_store(folder / "graph.json", folder / "graph.sqlite", wait=5)
>>> sorted(graph.nodes), generation
([('OrgUnit', 'u1')], 1)
>>> sorted(p.name for p in folder.iterdir())
['graph.json.migrated', 'graph.sqlite']
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from pathlib import Path

import networkx as nx

from netgraph.errors import NetgraphError
from netgraph.model.audit import started_entry
from netgraph.store.embedded import database
from netgraph.store.embedded.audit_log import append_on
from netgraph.store.embedded.edits import Edit
from netgraph.store.embedded.records import write_document

#: What the renamed JSON file is called: ``graph.json`` -> ``graph.json.migrated``.
MIGRATED_SUFFIX = ".migrated"


def migrate_json_store(
    json_path: Path, db_path: Path, *, wait: float, audit_key: bytes | None = None
) -> tuple[nx.MultiDiGraph, int] | None:
    """Copy the JSON store at ``json_path`` into the database at ``db_path`` unless done.

    The JSON store had no audit trail: the copy begins one with an ``audit.start`` event (keyed with
    ``audit_key`` when given) saying what it held, so that ``audit verify`` can tell it from a store
    whose trail was deleted.

    Returns the graph it built and its generation when it migrated (so that
    the store need not read back what it has just written), else None.
    """
    if not json_path.is_file():
        return None
    conn = database.connect(db_path, wait=wait, create=True)
    assert conn is not None
    try:
        stat = json_path.stat()
        database.begin_write(conn, db_path, wait)
        try:
            migrated = _migrate(conn, json_path, db_path, stat, audit_key)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    _put_aside(json_path)
    _remove_old_temporary_files(json_path)
    return migrated


def _migrate(
    conn: sqlite3.Connection, json_path: Path, db_path: Path, stat: os.stat_result, audit_key: bytes | None
) -> tuple[nx.MultiDiGraph, int] | None:
    done = database.meta(conn, "migrated_from")
    identity = {"file": json_path.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    if done is not None:
        if json.loads(done) != identity:
            raise NetgraphError(
                f"{json_path} changed after it was migrated into {db_path} (was an older netgraph still writing "
                f"to it?): import it with `netgraph import {json_path}` if it holds changes you want, then move "
                "it away"
            )
        return None  # migrated, but the rename did not happen: finish it
    if database.generation(conn) > 0:
        raise NetgraphError(
            f"both {json_path} (an embedded store of an earlier version) and {db_path} hold data: "
            f"import {json_path} with `netgraph import` if you want it merged, then move it away"
        )
    edit = Edit(nx.MultiDiGraph())
    try:
        with open(json_path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as exc:
        raise NetgraphError(f"cannot read the embedded store {json_path}: {exc}") from exc
    write_document(edit, document)
    generation = database.save_edit(conn, edit) or 0
    held = Counter(label for label, _ in edit.graph.nodes)
    if held:
        append_on(conn, started_entry(dict(held)), audit_key)
    database.set_meta(conn, "migrated_from", json.dumps(identity))
    return edit.graph, generation


def _put_aside(json_path: Path) -> None:
    target = json_path.with_name(json_path.name + MIGRATED_SUFFIX)
    number = 1
    while target.exists():
        target = json_path.with_name(f"{json_path.name}{MIGRATED_SUFFIX}.{number}")
        number += 1
    try:
        json_path.rename(target)
    except FileNotFoundError:  # another process opening the store put it aside first
        pass


def _remove_old_temporary_files(json_path: Path) -> None:
    """The JSON design wrote ``.graph.json.XXXXXXXX`` beside the store and renamed it; a kill left it there."""
    pattern = re.compile(re.escape(f".{json_path.name}.") + r"[a-z0-9_]{8}")
    for candidate in json_path.parent.iterdir():
        if pattern.fullmatch(candidate.name) and candidate.is_file():
            candidate.unlink(missing_ok=True)
