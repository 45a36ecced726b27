"""Web accounts: user names, hashed passwords and roles, in one small JSON file.

Accounts are not part of the graph (they are who may *look* at it), so they
live beside it: the file the settings name (``$NETGRAPH_USERS``, or
``users.json`` in the data folder; :mod:`netgraph.settings`). Passwords are stored only as salted hashes (werkzeug's
``scrypt``), written atomically like the embedded store.

A name that is not an account is checked against a dummy hash, so that it
costs as long as a wrong password and the time taken does not tell who has
an account. ``unlock`` counts up a number in the account that the web
server watches: it then clears the log-in delay of that name
(:mod:`netgraph.web.login_limits`; the server keeps those counts in memory,
and ``netgraph users unlock`` runs in another process). Removing or adding
an account ends every web session of that name (:mod:`netgraph.sessions`).

**The first-run account.** ``netgraph start`` (``make run``) needs someone to
log in as before anyone has made an account: :meth:`Accounts.first_run_admin`
makes one admin account, marked ``first_run``, with a random password that
is never shown (the server prints a single-use log-in link instead), and
finds the same account on every later run.

Roles, from most to least:

admin
    everything, including imports and managing users;
hr
    succession pages, flight risk, what-if, and everything a viewer sees;
mentor
    recommendations for their own mentees, proposing introductions they would
    make, and everything a viewer sees (the account names the person it is);
viewer
    the explorer, read-only.

Examples
--------
>>> import tempfile, pathlib
>>> book = Accounts(pathlib.Path(tempfile.mkdtemp()) / "users.json")
>>> book.add("sana", "a long passphrase", role="mentor", person="p009")
>>> book.check("sana", "a long passphrase")["role"], book.check("sana", "wrong")
('mentor', None)
>>> book.unlocks("sana"); book.unlock("sana"); book.unlocks("sana")
0
1
>>> book.first_run_admin(), book.first_run_admin()
(('admin', True), ('admin', False))
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.limits import TEXT_MAX
from netgraph.model.text import id_problem
from netgraph.sessions import Sessions

ROLES = ("admin", "hr", "mentor", "viewer")
#: path -> ((inode, modification time, size), accounts) of files already read
_CACHE: dict[Path, tuple[tuple, dict]] = {}
MIN_PASSWORD_LENGTH = 10
#: the start of every account name made for a sign-in through the identity provider (no other may take it)
SSO_PREFIX = "sso-"
#: the name the first-run admin account gets (``admin-2``, ``admin-3``... when it is taken)
FIRST_RUN_NAME = "admin"


@cache
def dummy_hash() -> str:
    """A hash of a random password, made like real ones: what unknown names are checked against."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _stamp(path: Path) -> tuple:
    # the inode changes with every atomic replace, even within one tick of the file system's clock
    info = path.stat()
    return info.st_ino, info.st_mtime_ns, info.st_size


class Accounts:
    """The accounts file; every change is written at once, atomically.

    ``check_hash`` checks a password against a stored hash (werkzeug's, unless
    a test wants to count the checks).
    """

    def __init__(self, path: Path | str, *, check_hash=check_password_hash):
        self.path = Path(path)
        self.check_hash = check_hash

    @property
    def sessions(self) -> Sessions:
        """The live web sessions of these accounts: ``users.sessions.db`` beside ``users.json``."""
        return Sessions(self.path.with_name(self.path.stem + ".sessions.db"))

    def _read(self) -> dict:
        """The accounts, re-read only when the file changed (every web request looks its user up)."""
        try:
            stamp = _stamp(self.path)
        except FileNotFoundError:
            return {}
        cached = _CACHE.get(self.path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, json.loads(self.path.read_text("utf-8")))
            _CACHE[self.path] = cached
        return cached[1]

    def _write(self, users: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".users-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(users, f, indent=2, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        _CACHE[self.path] = (_stamp(self.path), users)

    def add(self, name: str, password: str, *, role: str, person: str | None = None) -> None:
        problems = []
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
            problems.append(Problem("user", "name", "use letters, digits, '.', '-' or '_'"))
        if role not in ROLES:
            problems.append(Problem("user", "role", f"{role!r} is not one of: {', '.join(ROLES)}"))
        if name.startswith(SSO_PREFIX):
            problems.append(Problem("user", "name", f"names starting {SSO_PREFIX!r} are kept for company sign-ins"))
        if len(name) > TEXT_MAX["username"]:
            problems.append(Problem("user", "name", f"at most {TEXT_MAX['username']} characters"))
        if len(password) < MIN_PASSWORD_LENGTH:
            problems.append(Problem("user", "password", f"must be at least {MIN_PASSWORD_LENGTH} characters"))
        elif len(password) > TEXT_MAX["password"] or "\x00" in password:
            problems.append(Problem("user", "password", f"at most {TEXT_MAX['password']} characters, no NUL"))
        if role == "mentor" and not person:
            problems.append(Problem("user", "person", "a mentor account names the person it is (--person ID)"))
        if person is not None and id_problem(person):
            problems.append(Problem("user", "person", id_problem(person)))
        if problems:
            raise InvalidInput(problems)
        users = dict(self._read())
        if name in users:
            raise Conflict(f"user {name!r} exists already; remove it first")
        users[name] = {"password": generate_password_hash(password), "role": role, "person": person}
        self._write(users)
        self.sessions.end_all(name)  # none should be left from an account of that name, removed by hand

    def first_run_admin(self) -> tuple[str, bool]:
        """The first-run admin account's name, and whether it was made just now.

        Made once, with a random password nobody is told (log in with the link
        ``netgraph start`` prints, then set a password: ``netgraph users remove
        NAME`` and ``netgraph users add NAME --role admin``). It is only ever
        found by its ``first_run`` mark, never by name, so an account someone
        made by hand is not taken over.
        """
        users = self._read()
        for name, user in sorted(users.items()):
            if user.get("first_run") and user["role"] == "admin":
                return name, False
        name, number = FIRST_RUN_NAME, 1
        while name in users:
            number += 1
            name = f"{FIRST_RUN_NAME}-{number}"
        self.add(name, secrets.token_urlsafe(32), role="admin")
        users = dict(self._read())
        users[name] = {**users[name], "first_run": True}
        self._write(users)
        return name, True

    def remove(self, name: str) -> None:
        """Remove the account and end its web sessions (a copied cookie is refused from now on)."""
        users = dict(self._read())
        if name not in users:
            raise NotFound(f"no user {name!r}")
        del users[name]
        self._write(users)
        self.sessions.end_all(name)

    def unlock(self, name: str) -> None:
        """Ask the web server to clear the log-in delay of ``name`` (it watches ``unlocks``)."""
        users = dict(self._read())
        if name not in users:
            raise NotFound(f"no user {name!r}")
        users[name] = {**users[name], "unlocks": users[name].get("unlocks", 0) + 1}
        self._write(users)

    def unlocks(self, name: str) -> int:
        """How many times ``name`` was unlocked (0 for a name that is not an account)."""
        return self._read().get(name, {}).get("unlocks", 0)

    def list(self) -> list[dict]:
        """Every account: name, role, person, and how it signs in (``password``, or the provider's issuer)."""
        return [
            {"name": n, "role": u["role"], "person": u["person"], "signs_in": _signs_in(u)}
            for n, u in sorted(self._read().items())
        ]

    @staticmethod
    def sso_name(issuer: str, subject: str) -> str:
        """The account name of the provider's user ``subject``: a digest of (issuer, subject), never their name.

        >>> Accounts.sso_name("https://id.example", "admin")
        'sso-b7f80047028bb52a'
        """
        digest = hashlib.sha256(f"{issuer}\x00{subject}".encode("utf-8", "surrogatepass")).hexdigest()
        return f"{SSO_PREFIX}{digest[:16]}"

    def sign_in_sso(
        self, issuer: str, subject: str, *, role: str, person: str | None, display: str
    ) -> tuple[str, list[dict]]:
        """The account of (``issuer``, ``subject``), made or brought up to date; and what changed (audit rows).

        Role and person are what this sign-in decided (from the groups and the
        verified email); a change of either is returned for the audit trail.
        """
        if role not in ROLES:
            raise InvalidInput([Problem("user", "role", f"{role!r} is not one of: {', '.join(ROLES)}")])
        name = self.sso_name(issuer, subject)
        users = dict(self._read())
        before = users.get(name)
        if before is not None and before.get("sso") != {"issuer": issuer, "subject": subject}:
            raise Conflict(f"user {name!r} belongs to another sign-in")
        after = {
            "password": None,
            "role": role,
            "person": person,
            "display": display,
            "sso": {"issuer": issuer, "subject": subject},
        }
        changes = [
            {"entity": f"user:{name}", "field": field, "before": (before or {}).get(field), "after": after[field]}
            for field in ("role", "person")
            if before is None or before.get(field) != after[field]
        ]
        if before != after:
            users[name] = after
            self._write(users)
        return name, changes

    def check(self, name: str, password: str) -> dict | None:
        """The account (without its hash) when the password is right, else None.

        Exactly one hash check either way: an unknown name is checked against
        :func:`dummy_hash`, so it takes as long as a wrong password.
        """
        user = self._read().get(name)
        stored = user.get("password") if user else None
        right = self.check_hash(stored or dummy_hash(), password)
        if user is None or stored is None or not right:
            return None
        return {"name": name, "role": user["role"], "person": user["person"]}

    def get(self, name: str) -> dict | None:
        user = self._read().get(name)
        if user is None:
            return None
        found = {"name": name, "role": user["role"], "person": user["person"]}
        if "sso" in user:
            found["display"] = user.get("display") or name
        return found


def _signs_in(user: dict) -> str:
    """How an account signs in, as ``users list`` shows it."""
    return f"sso {user['sso']['issuer']}" if "sso" in user else "password"
