"""The web log-in sessions that are live, kept on the server beside the accounts file.

Why: Flask's session is a signed cookie, valid wherever it is presented, so
without a record on the server a cookie copied before logging out would
still be accepted. Each log-in gets a fresh random session id (in the signed
cookie) and a row here; a request is logged in only while its row exists.
Logging out deletes the row, and so do ``netgraph users remove`` and ``users
add`` for every session of that name (they run in another process than the
server, hence a file and not memory). Rows end by themselves at their
absolute lifetime and are swept at each log-in.

The file is SQLite (``users.sessions.db`` beside ``users.json``, mode 0600):
it takes care of several threads and processes writing at once, which a JSON
file rewritten by each of them would not. Only a SHA-256 of each id is
stored, so the file alone does not let anyone in (the cookie is also signed
with the app's secret key).

Examples
--------
>>> import tempfile, pathlib
>>> book = Sessions(pathlib.Path(tempfile.mkdtemp()) / "users.sessions.db")
>>> sid = book.start("ada", now=0.0, lifetime=3600)
>>> book.is_live(sid, "ada", now=10.0), book.is_live(sid, "bob", now=10.0), book.is_live(sid, "ada", now=3600.0)
(True, False, False)
>>> book.end(sid); book.is_live(sid, "ada", now=10.0)
False
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path

SCHEMA = ("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, "
          "started REAL NOT NULL, expires REAL NOT NULL)")


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8")).hexdigest()


class Sessions:
    """Live sessions in one SQLite file; every method opens, does one thing, and closes."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if not self.path.exists():
            if not create:
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))  # private from the start
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)  # autocommit: one statement each
        db.execute(SCHEMA)
        return db

    def start(self, user: str, *, now: float, lifetime: float) -> str:
        """A new session id for ``user``, live for ``lifetime`` seconds (expired rows are swept here)."""
        sid = secrets.token_urlsafe(32)
        with closing(self._connect(create=True)) as db:
            db.execute("DELETE FROM sessions WHERE expires <= ?", (now,))
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (_digest(sid), user, now, now + lifetime))
        return sid

    def is_live(self, sid: str, user: str, *, now: float) -> bool:
        db = self._connect(create=False)
        if db is None:
            return False
        with closing(db):
            row = db.execute("SELECT 1 FROM sessions WHERE id = ? AND user = ? AND expires > ?",
                             (_digest(sid), user, now)).fetchone()
        return row is not None

    def end(self, sid: str) -> None:
        db = self._connect(create=False)
        if db is not None:
            with closing(db):
                db.execute("DELETE FROM sessions WHERE id = ?", (_digest(sid),))

    def end_all(self, user: str) -> int:
        """End every session of ``user``; how many there were."""
        db = self._connect(create=False)
        if db is None:
            return 0
        with closing(db):
            return db.execute("DELETE FROM sessions WHERE user = ?", (user,)).rowcount
