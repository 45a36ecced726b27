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

**Feedback on the MENTORS links** (file format 2). Format 1 files may hold
the feedback of round proposals the way an earlier build kept it, on the
proposal; :func:`move_feedback_to_links` moves it onto the pairs' MENTORS
links (the rule: :mod:`netgraph.model.feedback_move`) in one transaction
with its audit event and the new format number, the first time a netgraph
that reads format 2 opens the file. A crash leaves format 1 and the feedback
where it was; the next open moves it. An older netgraph then refuses the
file (it would read those pairs as unrated).

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
from typing import cast

import networkx as nx

from netgraph.errors import NetgraphError
from netgraph.model.audit import started_entry
from netgraph.model.feedback_move import moved_entry, plan_moves
from netgraph.model.records import Document
from netgraph.store.embedded import database
from netgraph.store.embedded.adjacency import out_links
from netgraph.store.embedded.audit_log import AuditLog, append_on
from netgraph.store.embedded.edits import Edit
from netgraph.store.embedded.mirror import Mirror
from netgraph.store.embedded.records import write_document
from netgraph.store.embedded.round_tables import RoundTables

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


def move_feedback_to_links(mirror: Mirror, rounds: RoundTables, audit: AuditLog) -> int:
    """Move the feedback that round proposals of a format 1 file still hold onto the MENTORS links, and
    mark the file format 2, in one transaction; the number of proposals it took feedback off (0 when
    the file is newer, in memory, or not made yet)."""
    if not _older_format(mirror):
        return 0

    def upgrade(conn: sqlite3.Connection | None) -> None:
        assert conn is not None  # _older_format: the store has a file
        database.set_meta(conn, "format", database.FORMAT)

    with mirror.transaction():
        if not _older_format(mirror):  # another process moved it while this one waited for the lock
            return 0
        links = out_links(mirror.graph)
        found = rounds.carrying_feedback()
        pairs = {(p["mentor"], p["mentee"]) for p in found}
        planned = plan_moves(
            found, {(a, b): links.get(("Person", a), {}).get(("Person", b), {}).get("MENTORS") for a, b in pairs}
        )
        if planned:
            records = [{"mentor": m["mentor"], "mentee": m["mentee"], **m["link"]} for m in planned if m["link"]]
            # partial records: each link's other fields stay as stored (the writer lays them over them)
            change = cast(Document, {"mentorships": records})
            mirror.write(lambda edit: write_document(edit, change))
            rounds.drop_feedback([(m["round"], m["mentor"], m["mentee"]) for m in planned])
            audit.append(moved_entry(planned))
        mirror.in_transaction(upgrade)
    return len(planned)


def _older_format(mirror: Mirror) -> bool:
    conn = mirror.reading_connection()
    if conn is None:
        return False
    with database.read_snapshot(conn):
        return int(database.meta(conn, "format") or 1) < database.FORMAT


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
