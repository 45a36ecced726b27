"""One process at a time over a cache in the checkout.

``make test`` runs the suite on two pytest-xdist workers. They share the checkout's caches (Neo4j's
jars in ``.neo4j-test/lib``, the test identity provider's packages in ``tests/oidc/node_modules``):
on a fresh clone the first worker to need one fills it while the other waits, instead of both
deleting and filling the same folder at once.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (made if missing) for the block; others wait."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
