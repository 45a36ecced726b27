"""Web accounts: user names, hashed passwords and roles, in one small JSON file.

Accounts are not part of the graph (they are who may *look* at it), so they
live beside it: ``$NETGRAPH_USERS``, or ``users.json`` next to the embedded
store's default file. Passwords are stored only as salted hashes (werkzeug's
``scrypt``), written atomically like the embedded store.

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
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from netgraph.errors import Conflict, InvalidInput, NotFound, Problem

ROLES = ("admin", "hr", "mentor", "viewer")
#: path -> (modification time, accounts) of files already read
_CACHE: dict[Path, tuple[int, dict]] = {}
MIN_PASSWORD_LENGTH = 10
ENVIRONMENT_VARIABLE = "NETGRAPH_USERS"


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(os.environ.get(ENVIRONMENT_VARIABLE) or Path(base) / "netgraph" / "users.json")


class Accounts:
    """The accounts file; every change is written at once, atomically."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()

    def _read(self) -> dict:
        """The accounts, re-read only when the file changed (every web request looks its user up)."""
        try:
            stamp = self.path.stat().st_mtime_ns
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

    def add(self, name: str, password: str, *, role: str, person: str | None = None) -> None:
        problems = []
        if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
            problems.append(Problem("user", "name", "use letters, digits, '.', '-' or '_'"))
        if role not in ROLES:
            problems.append(Problem("user", "role", f"{role!r} is not one of: {', '.join(ROLES)}"))
        if len(password) < MIN_PASSWORD_LENGTH:
            problems.append(Problem("user", "password", f"must be at least {MIN_PASSWORD_LENGTH} characters"))
        if role == "mentor" and not person:
            problems.append(Problem("user", "person", "a mentor account names the person it is (--person ID)"))
        if problems:
            raise InvalidInput(problems)
        users = dict(self._read())
        if name in users:
            raise Conflict(f"user {name!r} exists already; remove it first")
        users[name] = {"password": generate_password_hash(password), "role": role, "person": person}
        self._write(users)

    def remove(self, name: str) -> None:
        users = dict(self._read())
        if name not in users:
            raise NotFound(f"no user {name!r}")
        del users[name]
        self._write(users)

    def list(self) -> list[dict]:
        return [{"name": n, "role": u["role"], "person": u["person"]} for n, u in sorted(self._read().items())]

    def check(self, name: str, password: str) -> dict | None:
        """The account (without its hash) when the password is right, else None."""
        user = self._read().get(name)
        if user is None or not check_password_hash(user["password"], password):
            return None
        return {"name": name, "role": user["role"], "person": user["person"]}

    def get(self, name: str) -> dict | None:
        user = self._read().get(name)
        return None if user is None else {"name": name, "role": user["role"], "person": user["person"]}
