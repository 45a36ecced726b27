"""How much memory a local Neo4j takes: the heap and the page cache, from the machine and the store.

Neo4j answers fastest when its page cache holds the whole store (node,
relationship, property and index files): more than that is wasted, and 20 %
on top leaves room for the store to grow between restarts. The heap holds
queries and transactions; past 8 GB the collector's pauses grow faster than
anything gains. netgraph's own Python process (an import, an insights
refresh, the web server) runs beside the server on the same machine, so at
least 4 GB are always left to it:

* page cache = min(1.2 × the store files, 40 % of RAM);
* heap = min(8 GB, 25 % of RAM);
* while RAM - heap - page cache < 4 GB, the page cache shrinks first, then the heap;
* never below 128 MB of page cache and 512 MB of heap (a machine that small cannot leave 4 GB:
  the floors win, and the line printed says what is left).

A size given on the command line is kept as it is; only the other is
computed (leaving the 4 GB beside it if it can).

Examples
--------
>>> plan = memory_plan(24 * GIB, 1 * GIB)
>>> neo4j_size(plan.heap), neo4j_size(plan.pagecache)
('6g', '1228m')
>>> plan = memory_plan(8 * GIB, 10 * GIB)
>>> neo4j_size(plan.heap), neo4j_size(plan.pagecache), plan.left == 4 * GIB
('2g', '2g', True)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from netgraph.errors import InvalidInput

KIB, MIB, GIB = 2**10, 2**20, 2**30
#: page cache: the store files and this much more
STORE_HEADROOM = 1.2
#: page cache at most this share of RAM
PAGECACHE_SHARE = 0.40
#: heap at most this share of RAM, and at most HEAP_CAP
HEAP_SHARE = 0.25
HEAP_CAP = 8 * GIB
#: what is always left to everything else (netgraph's Python process first)
LEFT_FOR_PYTHON = 4 * GIB
MIN_HEAP = 512 * MIB
MIN_PAGECACHE = 128 * MIB
_UNITS = {"": 1, "k": KIB, "m": MIB, "g": GIB}


@dataclass(frozen=True)
class MemoryPlan:
    """A server's heap and page cache, in bytes, and what they were computed from."""

    heap: int
    pagecache: int
    ram: int
    store: int

    @property
    def left(self) -> int:
        """What the server leaves of the machine's memory to everything else."""
        return self.ram - self.heap - self.pagecache

    def describe(self) -> str:
        """One line for the console.

        >>> memory_plan(24 * GIB, 1 * GIB).describe()
        'heap 6g, page cache 1228m (store files 1.0 GiB, RAM 24.0 GiB: 16.8 GiB left beside the server)'
        >>> memory_plan(24 * GIB, 0).describe()
        'heap 6g, page cache 128m (store files 0 MiB, RAM 24.0 GiB: 17.9 GiB left beside the server)'
        """
        return (
            f"heap {neo4j_size(self.heap)}, page cache {neo4j_size(self.pagecache)} "
            f"(store files {_readable(self.store)}, RAM {_readable(self.ram)}: "
            f"{_readable(self.left)} left beside the server)"
        )


def _readable(size: int) -> str:
    """``127 MiB``, ``1.2 GiB``: a size for people.

    >>> _readable(133 * MIB), _readable(1300 * MIB), _readable(-GIB)
    ('133 MiB', '1.3 GiB', '-1.0 GiB')
    """
    return f"{size / GIB:.1f} GiB" if abs(size) >= GIB else f"{size / MIB:.0f} MiB"


def memory_plan(ram: int, store: int, *, heap: int | None = None, pagecache: int | None = None) -> MemoryPlan:
    """The heap and page cache for a machine with ``ram`` bytes and a store of ``store`` bytes (the rule in
    the module docstring); ``heap`` or ``pagecache`` given are kept as they are.

    >>> plan = memory_plan(64 * GIB, 100 * GIB)
    >>> neo4j_size(plan.heap), neo4j_size(plan.pagecache)
    ('8g', '26214m')
    >>> neo4j_size(memory_plan(8 * GIB, 10 * GIB, heap=3 * GIB).pagecache)
    '1g'
    """
    heap_given, cache_given = heap is not None, pagecache is not None
    if heap is None:
        heap = max(MIN_HEAP, _mib(min(HEAP_CAP, ram * HEAP_SHARE)))
    if pagecache is None:
        pagecache = max(MIN_PAGECACHE, _mib(min(store * STORE_HEADROOM, ram * PAGECACHE_SHARE)))
    over = heap + pagecache + LEFT_FOR_PYTHON - ram
    if over > 0 and not cache_given:
        cut = min(over, pagecache - MIN_PAGECACHE)
        pagecache, over = pagecache - cut, over - cut
    if over > 0 and not heap_given:
        heap -= min(over, heap - MIN_HEAP)
    return MemoryPlan(heap=heap, pagecache=pagecache, ram=ram, store=store)


def _mib(size: float) -> int:
    """``size`` rounded down to whole MiB (the unit the sizes are written in)."""
    return int(size // MIB) * MIB


def neo4j_size(size: int) -> str:
    """A size as Neo4j's settings and the JVM take it: whole GiB as ``6g``, else whole MiB.

    >>> neo4j_size(6 * GIB), neo4j_size(1536 * MIB), neo4j_size(1536 * MIB + 5)
    ('6g', '1536m', '1536m')
    """
    return f"{size // GIB}g" if size % GIB == 0 else f"{size // MIB}m"


def parse_size(text: str, what: str) -> int:
    """A size as written on the command line (``2g``, ``512m``, ``1048576``), in bytes.

    >>> parse_size("2g", "--heap"), parse_size("512M", "--heap")
    (2147483648, 536870912)
    """
    cleaned = text.strip().lower().removesuffix("b")
    number, unit = (cleaned[:-1], cleaned[-1]) if cleaned[-1:] in ("k", "m", "g") else (cleaned, "")
    if not number.isdigit() or int(number) == 0:
        raise InvalidInput(f"{what} {text!r} is not a size: write a whole number with k, m or g (such as 2g, 512m)")
    return int(number) * _UNITS[unit]


def machine_memory() -> int:
    """The memory this machine gives to processes: the physical RAM, or the container's limit if lower."""
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return ram
    return min(ram, int(limit)) if limit.isdigit() else ram


def files_size(folder: Path) -> int:
    """The bytes of every file under ``folder`` (0 when it does not exist yet)."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:  # a file the running server removed meanwhile
                pass
    return total
