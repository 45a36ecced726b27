"""The one exception module of netgraph.

Every error a user can cause or meet derives from :class:`NetgraphError`.
The CLI (``netgraph.cli``) and the web layer map these classes to exit codes
and HTTP statuses in one place each, so library code only has to raise the
right class with a message a person can act on.

Examples
--------
>>> try:
...     raise NotFound("person 'p9' does not exist")
... except NetgraphError as exc:
...     print(exc.exit_code, exc.http_status, exc)
1 404 person 'p9' does not exist
"""

from __future__ import annotations

from dataclasses import dataclass


class NetgraphError(Exception):
    """Base class: a problem the user can understand and fix."""

    exit_code = 1
    http_status = 400


class NotFound(NetgraphError):
    """A referenced entity (person, position, introduction...) does not exist."""

    http_status = 404


class Conflict(NetgraphError):
    """The request is well-formed but not allowed in the current state,
    e.g. an illegal introduction status transition."""

    http_status = 409


class InsightsRefreshed(Conflict):
    """A read of stored insights named a run (a refresh's result) that a later refresh has replaced: the
    rows it would mix in belong to another result, so the reader starts again from the new state."""

    def __init__(self) -> None:
        super().__init__("the insights were refreshed while you read; reload")


class StoredValueInvalid(NetgraphError):
    """A stored value breaks a rule that came after it was written (a NaN strength): the store needs correcting.

    A 500 (the request was fine; the data is not), but one that names the
    record, so that an admin can find it (``netgraph db check`` lists them all).
    """

    http_status = 500


class StoredFormatUnknown(NetgraphError):
    """Stored data is in a format this build cannot read (a newer build wrote it): a 409, as the request is fine
    and the stored state is what must change, with the command that rewrites it in this build's format."""

    http_status = 409


class StoreUnavailable(NetgraphError):
    """The database cannot be reached (Neo4j down, wrong URI, bad credentials)."""

    http_status = 503


class IndexesBuilding(StoreUnavailable):
    """Neo4j is still building an index the schema added (after an upgrade, on a filled store), or failed to:
    a write is refused within seconds rather than left waiting minutes; ``netgraph db init`` waits for them."""


class StoreTimeout(StoreUnavailable):
    """The database took longer than the request's time limit and stopped the query.

    A 503 like an outage: the request may well succeed when the server is
    less busy, and the user should not be left waiting on a hung page.
    """


class NotScrubbed(NetgraphError):
    """A change committed, but old values it removed are still on disk, and the user must finish the job
    (an erasure while another process kept reading the embedded store: ``netgraph db scrub``)."""

    http_status = 503


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input, located precisely enough to fix it.

    ``where`` names the file and record or line (``"people.csv line 7"``,
    ``"org.json people[3]"``); ``field`` is the field name, or ``""`` when
    the problem concerns the whole record or file.
    """

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        location = f"{self.where}, field '{self.field}'" if self.field else self.where
        return f"{location}: {self.message}"


class InvalidInput(NetgraphError):
    """Input was rejected before anything was written.

    Carries every :class:`Problem` found (up to a cap), so a user can fix a
    whole file in one pass instead of one error per run.
    """

    http_status = 422

    def __init__(self, problems: list[Problem] | str, *, total: int | None = None):
        if isinstance(problems, str):
            problems = [Problem("input", "", problems)]
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        if len(self.problems) == 1 and self.total == 1:
            return str(self.problems[0])
        shown = "\n".join(f"  - {p}" for p in self.problems)
        more = self.total - len(self.problems)
        tail = f"\n  ... and {more} more" if more > 0 else ""
        return f"{self.total} problems found, nothing was written:\n{shown}{tail}"
