"""Log-in limits: a growing delay after wrong passwords, per account name and per client address.

Why a delay and not a lock: a lock that only an admin can lift lets anyone
lock the admin out with a few wrong guesses. Here each key (a name as typed,
a client address) has some free failures; after them, each further failure
makes the next attempt wait twice as long as the last (``delay``,
``2 * delay``, ... up to ``max_delay``). While a key waits, attempts are
refused (429 with Retry-After) without checking the password, a right one
included, and are not counted; when the wait is over, one attempt goes
through. A key is forgotten ``reset_after`` seconds after its wait ended
with no new failure. Names that are not accounts count like the others, so a
refusal does not tell who has an account.

Per name, this caps guessing one password at about one try per
``max_delay``; per address, it slows a spray over many names from one
client. Counts live in memory, per process (a restart forgets them).

An attempt counts as a failure when it *starts* and is taken back if the
password was right, so that parallel requests cannot all slip through before
the first failure is recorded. Times are passed in (``now``), so tests move a
clock instead of sleeping.

>>> limits = LoginLimits(free=2, free_per_address=10, delay=1.0, max_delay=4.0, reset_after=60.0)
>>> [limits.attempt("ada", "10.0.0.1", now=0.0) for _ in range(3)]  # two free failures, then wait 1 s
[0.0, 0.0, 1.0]
>>> limits.attempt("ada", "10.0.0.1", now=1.0), limits.attempt("ada", "10.0.0.1", now=1.0)
(0.0, 2.0)
>>> limits.attempt("ada", "10.0.0.2", now=2.0)  # the name waits, from any address
1.0
>>> limits.attempt("bob", "10.0.0.1", now=2.0)  # another name from the same address: its own count
0.0
>>> limits.succeeded("bob", "10.0.0.1"); limits.clear_name("ada"); limits.attempt("ada", "10.0.0.1", now=2.0)
True
0.0
"""

from __future__ import annotations

import ipaddress
import threading
from dataclasses import dataclass

#: prune forgotten keys when more than this many are held
PRUNE_ABOVE = 10_000


def address_key(address: str | None) -> str:
    """The key a client address counts under: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64).

    >>> address_key("192.0.2.7"), address_key("2001:db8:1:2:3:4:5:6"), address_key("::ffff:192.0.2.7")
    ('192.0.2.7', '2001:db8:1:2::/64', '192.0.2.7')
    """
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return str(address)
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0  # time of the last failure
    unlocks: int = 0  # the account's unlock number when counting began


class LoginLimits:
    """Failure counts per name and per address, and the wait each one imposes; safe across threads."""

    def __init__(self, *, free: int = 5, free_per_address: int = 20, delay: float = 1.0,
                 max_delay: float = 300.0, reset_after: float = 900.0):
        self.free, self.free_per_address = free, free_per_address
        self.delay, self.max_delay, self.reset_after = delay, max_delay, reset_after
        self._counts: dict[tuple[str, str], _Count] = {}
        self._lock = threading.Lock()

    def wait_after(self, failures: int, free: int) -> float:
        """Seconds to wait after the last of ``failures`` failures.

        >>> [LoginLimits(delay=1.0, max_delay=300.0).wait_after(n, free=5) for n in (4, 5, 6, 7, 20, 10**6)]
        [0.0, 1.0, 2.0, 4.0, 300.0, 300.0]
        """
        if failures < free:
            return 0.0
        return min(self.delay * 2.0 ** min(failures - free, 64), self.max_delay)

    def _keys(self, name: str, address: str | None):
        return (("name", name), self.free), (("address", address_key(address)), self.free_per_address)

    def _current(self, key, free: int, now: float) -> _Count | None:
        count = self._counts.get(key)
        if count is not None and now >= count.last + self.wait_after(count.failures, free) + self.reset_after:
            del self._counts[key]
            return None
        return count

    def note_unlocks(self, name: str, unlocks: int) -> bool:
        """Forget the failures of ``name`` if its unlock number (``Accounts.unlocks``, counted
        up by ``netgraph users unlock`` in another process) changed since they began; whether it did.

        >>> limits = LoginLimits()
        >>> limits.attempt("ada", "10.0.0.1", now=0.0, unlocks=3)
        0.0
        >>> limits.note_unlocks("ada", 3), limits.note_unlocks("ada", 4), limits.failures("ada", "10.0.0.1")
        (False, True, (0, 1))
        """
        with self._lock:
            count = self._counts.get(("name", name))
            if count is None or count.unlocks == unlocks:
                return False
            del self._counts[("name", name)]
            return True

    def attempt(self, name: str, address: str | None, *, now: float, unlocks: int = 0) -> float:
        """0.0 when this attempt may check its password (it is counted as a failure until
        :meth:`succeeded`), else the seconds left to wait (nothing counted).

        ``unlocks``: the account's unlock number, remembered with a new count of the name.
        """
        with self._lock:
            if len(self._counts) > PRUNE_ABOVE:
                self._prune(now)
            wait = 0.0
            for key, free in self._keys(name, address):
                count = self._current(key, free, now)
                if count is not None:
                    wait = max(wait, count.last + self.wait_after(count.failures, free) - now)
            if wait > 0:
                return wait
            for key, _ in self._keys(name, address):
                count = self._counts.setdefault(key, _Count(unlocks=unlocks))
                count.failures += 1
                count.last = now
            return 0.0

    def succeeded(self, name: str, address: str | None) -> None:
        """The password was right: forget the name's failures, take back this attempt's count on the address.

        (The address keeps its other failures, so logging in to one's own
        account does not reset a spray over others.)
        """
        with self._lock:
            self._counts.pop(("name", name), None)
            count = self._counts.get(("address", address_key(address)))
            if count is not None:
                count.failures -= 1
                if count.failures <= 0:
                    del self._counts[("address", address_key(address))]

    def failures(self, name: str, address: str | None) -> tuple[int, int]:
        """(failures of the name, failures from the address) now counted: for the log."""
        with self._lock:
            return tuple(self._counts.get(key, _Count()).failures for key, _ in self._keys(name, address))

    def clear_name(self, name: str) -> bool:
        """Forget the failures of ``name`` (``netgraph users unlock``); whether there were any."""
        with self._lock:
            return self._counts.pop(("name", name), None) is not None

    def _prune(self, now: float) -> None:
        for key in list(self._counts):
            self._current(key, self.free if key[0] == "name" else self.free_per_address, now)
