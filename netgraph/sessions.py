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

The same file remembers each account's **last visit** to its home page
(:meth:`Sessions.visit`): the home shows what changed since then, and a
server restart must not forget it. A visit counts once per session, so
reloading the home keeps showing the changes since the previous session.

Examples
--------
>>> import tempfile, pathlib
>>> book = Sessions(pathlib.Path(tempfile.mkdtemp()) / "users.sessions.db")
>>> sid = book.start("ada", now=0.0, lifetime=3600)
>>> book.is_live(sid, "ada", now=10.0), book.is_live(sid, "bob", now=10.0), book.is_live(sid, "ada", now=3600.0)
(True, False, False)
>>> book.end(sid); book.is_live(sid, "ada", now=10.0)
False
>>> book.note_sign_in("ada", "sso", now=5.0); book.sign_ins()
{'ada': (5.0, 'sso')}
>>> book.visit("ada", "s1", now=100.0), book.visit("ada", "s1", now=150.0), book.visit("ada", "s2", now=900.0)
(None, None, 150.0)
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, "
    "started REAL NOT NULL, expires REAL NOT NULL)"
)
#: each account's home-page visits: the session of the latest, its time, and the time of the one before that session
VISITS = (
    "CREATE TABLE IF NOT EXISTS visits (user TEXT PRIMARY KEY, session TEXT NOT NULL, at REAL NOT NULL, previous REAL)"
)

#: each account's latest sign-in: when, and how (``password``, ``link``, ``sso``), for ``netgraph users list``
SIGN_INS = "CREATE TABLE IF NOT EXISTS sign_ins (user TEXT PRIMARY KEY, at REAL NOT NULL, how TEXT NOT NULL)"


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
        db.execute(VISITS)
        db.execute(SIGN_INS)
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
            row = db.execute(
                "SELECT 1 FROM sessions WHERE id = ? AND user = ? AND expires > ?", (_digest(sid), user, now)
            ).fetchone()
        return row is not None

    def end(self, sid: str) -> None:
        db = self._connect(create=False)
        if db is not None:
            with closing(db):
                db.execute("DELETE FROM sessions WHERE id = ?", (_digest(sid),))

    def end_all(self, user: str) -> int:
        """End every session of ``user`` (and forget their last visit); how many sessions there were."""
        db = self._connect(create=False)
        if db is None:
            return 0
        with closing(db):
            db.execute("DELETE FROM visits WHERE user = ?", (user,))
            return db.execute("DELETE FROM sessions WHERE user = ?", (user,)).rowcount

    def visit(self, user: str, sid: str, *, now: float) -> float | None:
        """Note that ``user`` looks at their home in session ``sid``; when they last did before this session.

        None on the first visit ever. Within one session the answer stays the
        same (the time of the last visit in an earlier session), so a reload
        does not hide what changed.
        """
        with closing(self._connect(create=True)) as db:
            db.execute("BEGIN IMMEDIATE")  # read and write as one step: two tabs may load the home at once
            row = db.execute("SELECT session, at, previous FROM visits WHERE user = ?", (user,)).fetchone()
            if row is None:
                db.execute("INSERT INTO visits VALUES (?, ?, ?, NULL)", (user, _digest(sid), now))
                previous = None
            elif row[0] == _digest(sid):
                db.execute("UPDATE visits SET at = ? WHERE user = ?", (now, user))
                previous = row[2]
            else:
                db.execute(
                    "UPDATE visits SET session = ?, at = ?, previous = ? WHERE user = ?",
                    (_digest(sid), now, row[1], user),
                )
                previous = row[1]
            db.execute("COMMIT")
        return previous

    def note_sign_in(self, user: str, how: str, *, now: float) -> None:
        """Remember that ``user`` signed in ``how`` at ``now`` (only the latest is kept)."""
        with closing(self._connect(create=True)) as db:
            db.execute("INSERT OR REPLACE INTO sign_ins VALUES (?, ?, ?)", (user, now, how))

    def sign_ins(self) -> dict[str, tuple[float, str]]:
        """user -> (time, how) of each account's latest sign-in."""
        db = self._connect(create=False)
        if db is None:
            return {}
        with closing(db):
            return {user: (at, how) for user, at, how in db.execute("SELECT user, at, how FROM sign_ins")}
