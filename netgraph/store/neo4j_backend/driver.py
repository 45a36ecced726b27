"""The connection every port of the Neo4j store runs its statements through."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from netgraph.errors import IndexesBuilding, NetgraphError, StoreTimeout, StoreUnavailable
from netgraph.store import CONNECT_TIMEOUT
from netgraph.store import RESAMPLE_SHARE as DEFAULT_RESAMPLE_SHARE
from netgraph.store.neo4j_backend.cypher import statement, statements
from netgraph.store.neo4j_backend.feedback_move import mark_moved, move_feedback_to_links
from netgraph.store.neo4j_backend.trail import start_trail

#: Rows per UNWIND statement. Large enough to amortize the round trip,
#: small enough to keep each statement's parameter map modest.
BATCH_SIZE = 5_000

#: Seconds ``netgraph db init`` waits for the schema's indexes to come online (a new index on ten million
#: packs of tie counts).
SCHEMA_INDEX_WAIT_S = 1800
#: Seconds a store's first write waits at most for indexes still being built (the schema's, just created on
#: an empty database, are online in milliseconds); past it the write is refused with
#: :class:`~netgraph.errors.IndexesBuilding`, never left hanging while a large index is built.
WRITE_INDEX_WAIT_S = 10.0

_CREATES = re.compile(r"^CREATE (?:CONSTRAINT|(?:FULLTEXT |RANGE |TEXT |POINT )?INDEX) (\w+) IF NOT EXISTS\b")
_DROPS = re.compile(r"^DROP (?:INDEX|CONSTRAINT) (\w+) IF EXISTS\b")


def schema_names(texts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The names the schema's statements create and those they drop; a statement of another form is an error,
    since :func:`schema_in_place` could not tell whether it has been applied.

    >>> schema_names(["CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)", "DROP INDEX b IF EXISTS"])
    (frozenset({'a'}), frozenset({'b'}))
    """
    created, dropped = set(), set()
    for text in texts:
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()
        if made := _CREATES.match(body):
            created.add(made.group(1))
        elif gone := _DROPS.match(body):
            dropped.add(gone.group(1))
        else:
            raise ValueError(f"a schema statement neither creates nor drops a named index or constraint: {body!r}")
    return frozenset(created), frozenset(dropped)


def schema_in_place(index_names: set[str], texts: list[str]) -> bool:
    """Whether applying ``texts`` (admin/schema) would change nothing: every index and constraint it creates is
    there (a uniqueness constraint's index has the constraint's name) and none it drops.

    >>> schema = ["CREATE CONSTRAINT a IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE", "DROP INDEX b IF EXISTS"]
    >>> schema_in_place({"a"}, schema), schema_in_place({"a", "b"}, schema), schema_in_place(set(), schema)
    (True, False, False)
    """
    created, dropped = schema_names(texts)
    return created <= index_names and not dropped & index_names


#: LIMIT of a statement asked for everything (Cypher has no LIMIT null).
NO_LIMIT = 2**62

#: A write that changes more than this share of a label's nodes or of a link type's links (counted
#: before it) has Neo4j sample its outdated indexes and drop its cached plans (refresh_statistics).
RESAMPLE_SHARE = DEFAULT_RESAMPLE_SHARE

#: ...unless it changes no count by more than this many: plans over a small graph are cheap whatever they are.
RESAMPLE_LEAST = 1_000

T = TypeVar("T")


class DatabaseFacts:
    """What the stores of this process have learned about one database (URI, name) that holds for every later
    store on it. :meth:`Neo4jDriver.facts_of` hands out one per database; each driver holds its database's."""

    __slots__ = ("feedback_moved",)

    def __init__(self) -> None:
        #: a store has done the feedback move here or found it done: later stores start without looking
        #: again (:meth:`Neo4jDriver._ensure_feedback_moved`)
        self.feedback_moved = False


class Neo4jDriver:
    """One driver per store, named database, managed transactions within ``query_timeout``, and driver errors
    turned into :class:`~netgraph.errors.StoreUnavailable` or :class:`~netgraph.errors.StoreTimeout`: what every port
    module of this backend runs its statements through."""

    #: one per database (URI, name) a driver of this process has been made for (:meth:`facts_of`)
    _facts: ClassVar[dict[tuple[str, str], DatabaseFacts]] = {}
    _facts_lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def facts_of(cls, uri: str, database: str) -> DatabaseFacts:
        """The facts of the database ``database`` at ``uri``: the same object for every driver on it."""
        with cls._facts_lock:
            return cls._facts.setdefault((uri, database), DatabaseFacts())

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str = "neo4j",
        *,
        timeout: float = CONNECT_TIMEOUT,
        query_timeout: float | None = None,
        audit_key: bytes | None = None,
        resample_share: float | None = RESAMPLE_SHARE,
        resample_least: int = RESAMPLE_LEAST,
    ):
        self.uri, self.database = uri, database
        #: what this process has learned about the database, shared with every other driver on it
        self._database_facts = self.facts_of(uri, database)
        #: new audit events are keyed with it (HMAC-SHA256) when set
        self.audit_key = audit_key
        #: The share of a label or link type a write must change to refresh the statistics (None: never).
        self.resample_share = resample_share
        #: ...and the rows it must change at least (RESAMPLE_LEAST; tests lower it to write small documents).
        self.resample_least = resample_least
        #: Seconds the server lets one query run before stopping it (None: no limit, as for
        #: the CLI, where an import or a report on 100k people may legitimately take minutes).
        self.query_timeout = query_timeout
        self._schema_applied = False
        #: Seconds the first write waits for indexes being built before refusing (WRITE_INDEX_WAIT_S; tests lower
        #: it to meet an index being built)
        self.write_index_wait = WRITE_INDEX_WAIT_S
        self._feedback_moved = False
        auth = (user or "neo4j", password) if (user or password) else None
        try:
            self.driver = GraphDatabase.driver(
                uri,
                auth=auth,  # type: ignore[arg-type]  # the driver's Auth takes a None password; its tuple hint does not
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout,
                user_agent="netgraph",
                # planner notices ("unknown label" on an empty database...) are not for end users
                notifications_min_severity="OFF",
            )
        except (ValueError, DriverError) as exc:
            raise NetgraphError(f"invalid NEO4J_URI {uri!r}: {exc}") from exc

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} refused the credentials (check NEO4J_USERNAME / NEO4J_PASSWORD): {exc.message}"
            ) from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is not reachable: {exc}") from exc
        except Neo4jError as exc:
            limit = f" of {self.query_timeout:g} s" if self.query_timeout else ""
            if exc.code and "TransactionTimedOut" in exc.code:
                raise StoreTimeout(
                    f"Neo4j at {self.uri} stopped a query that ran over its time limit{limit}; "
                    "try again when the server is less busy"
                ) from exc
            if exc.code and exc.code.endswith((".LockClientStopped", ".Terminated")):
                # a query stopped while waiting for a lock, or by an operator or a shutdown
                raise StoreTimeout(
                    f"Neo4j at {self.uri} stopped a query (over its time limit{limit}, "
                    "or ended by the server); try again in a moment"
                ) from exc
            if isinstance(exc, DatabaseUnavailable) or (exc.code and exc.code.endswith(".DatabaseUnavailable")):
                # the database is stopping (a server shutting down) or not started yet: still so after the retries
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has database {self.database!r} unavailable (stopping or starting); "
                    "try again in a moment"
                ) from exc
            if isinstance(exc, TransientError):
                # what the server says may succeed if tried again (out of memory for now, a deadlock...), and
                # failed again within the driver's retries: the store is unavailable for now, not broken
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} could not run the query just now ({exc.code}); try again in a moment"
                ) from exc
            if not isinstance(exc, ClientError):
                raise
            if exc.code and "DatabaseNotFound" in exc.code:
                raise StoreUnavailable(f"Neo4j at {self.uri} has no database {self.database!r}") from exc
            raise

    def _query(
        self, name: str, write: bool = False, parts: frozenset[str] = frozenset(), **params: Any
    ) -> list[neo4j.Record]:
        """Run the named statement (with its optional ``parts``, see cypher.py) in a managed (retried)
        transaction, within ``query_timeout``.

        A short session per call rather than ``driver.execute_query``: that
        shares one bookmark manager across the process, which on a single
        server only adds work (a committed write is visible to the next read
        anyway), and under 20 concurrent web clients it measured slower.
        """
        text = statement(name, parts)

        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(text, params))

        return self._transaction(work, write)

    def _apply_schema(self, index_wait: float) -> None:
        """Constraints and indexes (idempotent, and not run at all when every one is there: one read instead of
        forty schema-locking transactions), online within ``index_wait`` seconds or
        :class:`~netgraph.errors.IndexesBuilding`; and a database made before the audit trail existed begins
        one. Its anchor then carries the mark that the feedback move is done (this store did it, or found
        nothing to move, before its first statement), so that the next process's first statement reads only
        the mark."""
        schema = statements("admin/schema")
        with self._errors():
            records, _, _ = self.driver.execute_query(
                statement("admin/index_names"), database_=self.database, routing_=neo4j.RoutingControl.READ
            )
            if not schema_in_place({r["name"] for r in records}, schema):
                for text in schema:
                    self.driver.execute_query(text, database_=self.database)
        self._await_indexes(index_wait)

        def trail(tx: neo4j.ManagedTransaction) -> None:
            start_trail(tx, self.audit_key)
            mark_moved(tx)

        self._transaction(trail, write=True)
        self._schema_applied = True

    def _indexes_not_online(self) -> list[neo4j.Record]:
        with self._errors():
            records, _, _ = self.driver.execute_query(
                statement("admin/indexes_not_online"), database_=self.database, routing_=neo4j.RoutingControl.READ
            )
        return records

    def _await_indexes(self, seconds: float) -> None:
        """Return once every index is online, waiting ``seconds`` at most: an index the schema has just added
        to a filled store is built in the background, and a statement hinting it (USING INDEX SEEK) cannot be
        planned until it is online. Still building after that: :class:`~netgraph.errors.IndexesBuilding`,
        naming them and how far each is."""
        if not self._indexes_not_online():
            return  # the usual case: one short read, no wait
        if seconds > 0:
            try:
                with self._errors():
                    self.driver.execute_query(
                        statement("admin/await_indexes"), seconds=seconds, database_=self.database
                    )
                return
            except ClientError:
                pass  # not online in time, or one failed: said below, from their states
        building = self._indexes_not_online()
        if not building:
            return
        failed = [r["name"] for r in building if r["state"] == "FAILED"]
        if failed:
            raise IndexesBuilding(
                f"Neo4j at {self.uri} failed to build index {', '.join(failed)} (its log says why): drop it "
                "and run `netgraph db init` to build it again"
            )
        progress = ", ".join(f"{r['name']} {float(r['percent'] or 0):.0f} %" for r in building)
        raise IndexesBuilding(
            f"Neo4j at {self.uri} is still building indexes ({progress}); writes wait until they are online: "
            "run `netgraph db init`, which waits for them, or try again in a few minutes"
        )

    def _ensure_schema(self) -> None:
        """The schema, applied once per store before its first write (it takes schema locks); indexes still
        being built make the write wait ``write_index_wait`` seconds at most (``db init`` waits for them)."""
        if not self._schema_applied:
            self._apply_schema(self.write_index_wait)

    def _ensure_feedback_moved(self) -> None:
        """Before the first statement of the process's first store on this database: move round feedback an
        earlier build kept on proposals onto the MENTORS links (one indexed read of the database's mark once
        the move is done; idempotent, tried again after a failure:
        :mod:`~netgraph.store.neo4j_backend.feedback_move`), so that no read sees a rated pair as unrated
        and no write lays a record read before the move over it. Later stores of the process on the same
        database (:attr:`DatabaseFacts.feedback_moved`) run no statement for it."""
        if self._feedback_moved:
            return
        self._feedback_moved = True  # the move's own statements run through _transaction too
        if self._database_facts.feedback_moved:
            return
        try:
            move_feedback_to_links(self, BATCH_SIZE)
        except BaseException:
            self._feedback_moved = False
            raise
        self._database_facts.feedback_moved = True

    def _transaction(self, work: Callable[[neo4j.ManagedTransaction], T], write: bool) -> T:
        """``work(tx)`` in a managed transaction of its own session, within ``query_timeout`` (the store's
        first one after the feedback move, :meth:`_ensure_feedback_moved`)."""
        self._ensure_feedback_moved()
        if self.query_timeout:
            work = neo4j.unit_of_work(timeout=self.query_timeout)(work)
        with self._errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work) if write else session.execute_read(work)
