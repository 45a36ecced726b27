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

**Only finished wrong passwords count.** An attempt that may check its
password takes a *turn* (:meth:`LoginLimits.attempt`) and gives it back when
the check is over (:meth:`LoginLimits.failed` or
:meth:`LoginLimits.succeeded`). A key lets no more checks run at once than it
has free failures left (after them, one at a time, once its wait is over), so
parallel wrong guesses cannot slip past the count; an attempt that finds every
turn taken is not refused but waits for one (:meth:`LoginLimits.take_turn`, up
to ``patience`` seconds), so twenty right passwords arriving together all log
in. Times are passed in (``now``), so tests move a clock instead of sleeping.

**Devices.** A browser that logged in to an account before carries a device
cookie for it (:mod:`netgraph.web.auth`). Its attempts on that name count
under their own key (the name and the device) instead of the name's, so
wrong passwords from elsewhere, which make the name wait, do not make it
wait; its own wrong passwords make it wait as the name would.

>>> limits = LoginLimits(free=2, free_per_address=10, delay=1.0, max_delay=4.0, reset_after=60.0)
>>> def fail(name, address, now):
...     wait = limits.attempt(name, address, now=now)
...     if wait == 0.0:
...         limits.failed(name, address, now=now)
...     return wait
>>> [fail("ada", "10.0.0.1", now=0.0) for _ in range(3)]  # two free failures, then wait 1 s
[0.0, 0.0, 1.0]
>>> fail("ada", "10.0.0.1", now=1.0), fail("ada", "10.0.0.1", now=1.0)
(0.0, 2.0)
>>> fail("ada", "10.0.0.2", now=2.0)  # the name waits, from any address
1.0
>>> limits.attempt("ada", "10.0.0.2", now=2.0, device="d1")  # a browser that logged in as ada before
0.0
>>> limits.succeeded("ada", "10.0.0.2", device="d1")
>>> limits.attempt("bob", "10.0.0.1", now=2.0)  # another name from the same address: its own count
0.0
"""

from __future__ import annotations

import ipaddress
import threading
import time
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
    checking: int = 0  # password checks under way that hold a turn of this key


#: what :meth:`LoginLimits.attempt` answers when every turn of a key is taken by checks under way
BUSY = -1.0


class LoginLimits:
    """Failure counts per name, device and address, and the wait each one imposes; safe across threads."""

    def __init__(
        self,
        *,
        free: int = 5,
        free_per_address: int = 20,
        delay: float = 1.0,
        max_delay: float = 300.0,
        reset_after: float = 900.0,
    ):
        self.free, self.free_per_address = free, free_per_address
        self.delay, self.max_delay, self.reset_after = delay, max_delay, reset_after
        self._counts: dict[tuple[str, ...], _Count] = {}
        self._lock = threading.Lock()
        self._turn_given_back = threading.Condition(self._lock)

    def wait_after(self, failures: int, free: int) -> float:
        """Seconds to wait after the last of ``failures`` failures.

        >>> [LoginLimits(delay=1.0, max_delay=300.0).wait_after(n, free=5) for n in (4, 5, 6, 7, 20, 10**6)]
        [0.0, 1.0, 2.0, 4.0, 300.0, 300.0]
        """
        if failures < free:
            return 0.0
        return min(self.delay * 2.0 ** min(failures - free, 64), self.max_delay)

    @staticmethod
    def turns(failures: int, free: int) -> int:
        """How many checks may run at once on a key with ``failures``: the free failures left, else one.

        >>> [LoginLimits.turns(n, free=5) for n in (0, 3, 5, 9)]
        [5, 2, 1, 1]
        """
        return max(free - failures, 1)

    def _keys(self, name: str, address: str | None, device: str | None = None):
        """(key, free failures) of each count an attempt goes under: its name (or its device's), its address."""
        own = ("device", name, device) if device else ("name", name)
        return (own, self.free), (("address", address_key(address)), self.free_per_address)

    def _current(self, key, free: int, now: float) -> _Count | None:
        count = self._counts.get(key)
        if count is not None and now >= count.last + self.wait_after(count.failures, free) + self.reset_after:
            if count.checking:
                count.failures = 0
            else:
                del self._counts[key]
                return None
        return count

    def note_unlocks(self, name: str, unlocks: int) -> bool:
        """Forget the failures of ``name`` if its unlock number (``Accounts.unlocks``, counted
        up by ``netgraph users unlock`` in another process) changed since they began; whether it did.

        >>> limits = LoginLimits()
        >>> limits.attempt("ada", "10.0.0.1", now=0.0, unlocks=3)
        0.0
        >>> limits.failed("ada", "10.0.0.1", now=0.0)
        >>> limits.note_unlocks("ada", 3), limits.note_unlocks("ada", 4), limits.failures("ada", "10.0.0.1")
        (False, True, (0, 1))
        """
        with self._lock:
            count = self._counts.get(("name", name))
            if count is None or count.unlocks == unlocks:
                return False
            self._forget_name(name)
            kept = self._counts.get(("name", name))  # a check under way keeps the count: now of this number
            if kept is not None:
                kept.unlocks = unlocks
            return True

    def attempt(
        self, name: str, address: str | None, *, now: float, unlocks: int = 0, device: str | None = None
    ) -> float:
        """0.0 when this attempt may check its password: it then holds a turn until :meth:`failed` or
        :meth:`succeeded`. Else the seconds left to wait (nothing counted), or :data:`BUSY` when
        checks under way hold every turn (ask again when one ends: :meth:`take_turn` does).

        ``unlocks``: the account's unlock number, remembered with a new count of the name.
        ``device``: the id of the browser's device cookie for this name, if it has a valid one.
        """
        with self._lock:
            return self._attempt(name, address, now=now, unlocks=unlocks, device=device)

    def _attempt(self, name, address, *, now, unlocks, device) -> float:
        if len(self._counts) > PRUNE_ABOVE:
            self._prune(now)
        wait, busy = 0.0, False
        for key, free in self._keys(name, address, device):
            count = self._current(key, free, now)
            if count is not None:
                wait = max(wait, count.last + self.wait_after(count.failures, free) - now)
                busy = busy or count.checking >= self.turns(count.failures, free)
        if wait > 0:
            return wait
        if busy:
            return BUSY
        for key, _ in self._keys(name, address, device):
            self._counts.setdefault(key, _Count(unlocks=unlocks)).checking += 1
        return 0.0

    def take_turn(
        self, name: str, address: str | None, *, clock, patience: float, unlocks: int = 0, device: str | None = None
    ) -> float:
        """:meth:`attempt`, waiting up to ``patience`` seconds (real time) while checks under way hold
        every turn; :data:`BUSY` if they still do then. ``clock()`` gives the time failures are counted in."""
        deadline = time.monotonic() + patience
        with self._turn_given_back:
            while True:
                answer = self._attempt(name, address, now=clock(), unlocks=unlocks, device=device)
                left = deadline - time.monotonic()
                if answer != BUSY or left <= 0:
                    return answer
                self._turn_given_back.wait(left)

    def failed(self, name: str, address: str | None, *, now: float, device: str | None = None) -> None:
        """The password was wrong: give the turn back and count a failure on each key."""
        with self._lock:
            for key, _ in self._keys(name, address, device):
                count = self._counts.setdefault(key, _Count())
                count.checking = max(count.checking - 1, 0)
                count.failures += 1
                count.last = now
            self._turn_given_back.notify_all()

    def succeeded(self, name: str, address: str | None, *, device: str | None = None) -> None:
        """The password was right: give the turn back and forget the failures of the name (or device).

        (The address keeps its failures, so logging in to one's own account
        does not reset a spray over others.)
        """
        with self._lock:
            own, by_address = (key for key, _ in self._keys(name, address, device))
            self._give_back(by_address)
            count = self._counts.get(own)
            if count is not None:
                count.failures = 0
                self._give_back(own)
            self._turn_given_back.notify_all()

    def released(self, name: str, address: str | None, *, device: str | None = None) -> None:
        """The check ended without an answer (an error): give the turn back, count nothing."""
        with self._lock:
            for key, _ in self._keys(name, address, device):
                self._give_back(key)
            self._turn_given_back.notify_all()

    def _give_back(self, key) -> None:
        count = self._counts.get(key)
        if count is None:
            return
        count.checking = max(count.checking - 1, 0)
        if count.checking == 0 and count.failures == 0:
            del self._counts[key]

    def failures(self, name: str, address: str | None, device: str | None = None) -> tuple[int, int]:
        """(failures of the name or device, failures from the address) now counted: for the log."""
        with self._lock:
            return tuple(self._counts.get(key, _Count()).failures for key, _ in self._keys(name, address, device))

    def clear_name(self, name: str) -> bool:
        """Forget the failures of ``name``, its devices' too (``netgraph users unlock``); whether there were any."""
        with self._lock:
            return self._forget_name(name)

    def _forget_name(self, name: str) -> bool:
        found = False
        for key in [k for k in self._counts if k[:2] in (("name", name), ("device", name))]:
            count = self._counts[key]
            found = found or count.failures > 0
            count.failures = 0
            if not count.checking:
                del self._counts[key]
        self._turn_given_back.notify_all()
        return found

    def _prune(self, now: float) -> None:
        for key in list(self._counts):
            self._current(key, self.free if key[0] != "address" else self.free_per_address, now)
