"""The TieEvidence port on Neo4j: counts packed per pair, the ledger, removal notes (``cypher/ties``)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any, cast

import neo4j

from netgraph.model.audit import timestamp
from netgraph.model.records import KnowsRecord
from netgraph.store.neo4j_backend.cypher import statement
from netgraph.store.neo4j_backend.driver import BATCH_SIZE, Neo4jDriver
from netgraph.store.neo4j_backend.evidence import chunked, packed, unpacked
from netgraph.store.neo4j_backend.records import export_record
from netgraph.store.ports import EvidenceRow, SignalPerson, TieFiguresRow

#: Counts of tie evidence per transaction (packed per pair, see evidence.py): millions on a first load.
EVIDENCE_BATCH = 20_000
#: Packs of counted events' hashes (EVIDENCE_BATCH hashes of one day each) per transaction.
HASH_PACKS_PER_WRITE = 5
#: Pairs whose running figures (or counts, or KNOWS links) are read per statement.
FIGURES_BATCH = 20_000


class Neo4jTieEvidence(Neo4jDriver):
    """The :class:`~netgraph.store.ports.TieEvidence` port."""

    def tie_batches(self) -> set[str]:
        return {r["batch"] for r in self._query("ties/batches")}

    def add_tie_evidence(
        self,
        batch: str,
        rows: Iterable[EvidenceRow],
        *,
        files: list[tuple[str, str]],
        events: Iterable[tuple[str, str]] = (),
        figures: Iterable[TieFiguresRow] = (),
        new_pairs: Iterable[tuple[str, str]] = (),
    ) -> int:
        """Rows in transactions of EVIDENCE_BATCH (a first load holds millions), then the ledger entries.

        Each pair's counts are added to its pack (one node per pair; a pair
        new here gets one), so a day writes one node per pair it touches and
        no new node for a pair already packed. Each pair's figures ride on its
        pack (taken in step with the rows: both come in pair order). A pair of
        ``new_pairs`` (in pair order too) gets its pack without the seek for
        one it has: the judge has just found it has none (on a day of a
        million events at a million people, most pairs).

        A pending marker is written first and removed with the ledger entries:
        what any batch still pending (a run that was interrupted) wrote is
        undone before anything new is written (its packs dropped, the packs it
        added to put back as they were), so until its ledger entries exist an
        input counts as not ingested, and nothing is counted twice.
        """
        self._ensure_schema()
        for pending in [r["batch"] for r in self._query("ties/pending")] + [batch]:
            while self._query("ties/drop_batch_rows", write=True, batch=pending)[0]["dropped"]:
                pass
            while self._query("ties/undo_appends", write=True, batch=pending)[0]["dropped"]:
                pass
            while self._query("ties/drop_batch_events", write=True, batch=pending)[0]["dropped"]:
                pass
        self._query("ties/mark_pending", write=True, batch=batch)
        written = 0
        remaining = iter(figures)
        figures_of = _in_step(remaining)
        is_new = _member_in_step(iter(new_pairs))
        for packs in packed(rows, counts_per_batch=EVIDENCE_BATCH):
            new: list[dict[str, Any]] = []
            others: list[dict[str, Any]] = []
            for pack in packs:
                kept = figures_of(pack["a"], pack["b"])
                if kept is not None:
                    pack["figures"] = _figure_properties(kept)
                (new if is_new(pack["a"], pack["b"]) else others).append(pack)
            self._transaction(partial(_add_packs, batch=batch, packs=others, new=new), write=True)
            written += sum(len(p["days"]) for p in packs)
        for _ in remaining:  # figures of pairs without counts here are not kept
            pass
        for chunk in chunked(_packed_hashes(events, EVIDENCE_BATCH), HASH_PACKS_PER_WRITE):
            self._query("ties/add_counted_events", write=True, batch=batch, packs=chunk)
        self._query(
            "ties/record_batch",
            write=True,
            batch=batch,
            at=timestamp(),
            files=[{"name": name, "hash": digest} for name, digest in files],
        )
        return written

    def tie_event_key(self) -> bytes:
        self._ensure_schema()
        return bytes.fromhex(self._query("ties/event_key", write=True, new=secrets.token_hex(32))[0]["key"])

    def counted_events(self) -> Iterator[str]:
        with (
            self._errors(),
            self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session,
        ):
            for record in session.run(statement("ties/counted_events")):
                yield record["hash"]

    def forget_counted_events(self, before: str) -> int:
        forgotten = 0
        while dropped := self._query("ties/forget_counted_events", write=True, before=before)[0]["dropped"]:
            forgotten += dropped
        return forgotten

    def tie_evidence(self, pairs: list[tuple[str, str]] | None = None) -> Iterator[EvidenceRow]:
        if pairs is None:  # streamed from one read: tens of millions of rows must not sit in a list
            with (
                self._errors(),
                self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as session,
            ):
                for record in session.run(statement("ties/evidence_all"), pending=self._pending_batches()):
                    yield from unpacked(record)
            return
        pending = self._pending_batches()
        for start in range(0, len(pairs), BATCH_SIZE):
            chunk = [list(p) for p in pairs[start : start + BATCH_SIZE]]
            for record in self._query("ties/evidence_of_pairs", pairs=chunk, pending=pending):
                yield from unpacked(record)

    def _pending_batches(self) -> list[str]:
        """Batches an interrupted ingest left (dropped by the next one's first write; readers skip them)."""
        return [r["batch"] for r in self._query("ties/pending")]

    def tie_figures(self, pairs: list[tuple[str, str]]) -> Iterator[TieFiguresRow]:
        pending = self._pending_batches()
        for start in range(0, len(pairs), FIGURES_BATCH):
            chunk = [list(p) for p in pairs[start : start + FIGURES_BATCH]]
            for record in self._query("ties/figures_of_pairs", pairs=chunk, pending=pending):
                yield TieFiguresRow(**dict(record))

    def tie_figures_or_counts(
        self, pairs: list[tuple[str, str]], rule: str
    ) -> tuple[list[TieFiguresRow], list[EvidenceRow]]:
        pending = self._pending_batches()
        figures: list[TieFiguresRow] = []
        packs: list[neo4j.Record] = []
        for start in range(0, len(pairs), FIGURES_BATCH):
            chunk = [list(p) for p in pairs[start : start + FIGURES_BATCH]]
            for record in self._query("ties/figures_or_counts_of_pairs", pairs=chunk, rule=rule, pending=pending):
                if record["figures"] is None:
                    packs.append(record)
                else:
                    figures.append(TieFiguresRow(record["a"], record["b"], *record["figures"]))
        judged = {(f.a, f.b) for f in figures}  # a pair with several packs: its figures, not its counts
        counts = [row for pack in packs if (pack["a"], pack["b"]) not in judged for row in unpacked(pack)]
        return figures, counts

    def purge_tie_evidence(self, people: list[str]) -> int:
        return int(self._query("ties/purge", write=True, people=list(people))[0]["dropped"] or 0)

    def note_removed_tie(self, a: str, b: str, on: str) -> None:
        self._query("ties/note_removed", write=True, a=min(a, b), b=max(a, b), on=on)

    def removed_ties(self) -> dict[tuple[str, str], str]:
        return {(r["a"], r["b"]): r["removed_on"] for r in self._query("ties/removed")}

    def knows_links(self, pairs: list[tuple[str, str]]) -> list[KnowsRecord]:
        found: list[KnowsRecord] = []
        for start in range(0, len(pairs), FIGURES_BATCH):
            asked: dict[str, list[str]] = {}
            for a, b in pairs[start : start + FIGURES_BATCH]:
                asked.setdefault(a, []).append(b)
            people = [{"a": a, "bs": bs} for a, bs in asked.items()]
            found += [
                cast(KnowsRecord, export_record("knows", dict(r)))
                for r in self._query("ties/knows_links", people=people)
            ]
        return found

    def links_with_source(self, source: str, people: list[str] | None = None) -> list[KnowsRecord]:
        return [
            cast(KnowsRecord, export_record("knows", dict(r)))
            for r in self._query("ties/with_source", source=source, people=None if people is None else list(people))
        ]

    def signal_people(self) -> list[SignalPerson]:
        return cast(list[SignalPerson], [dict(r) for r in self._query("ties/signal_people")])

    def manager_pairs(self) -> list[tuple[str, str]]:
        return [(r["manager"], r["report"]) for r in self._query("ties/manager_pairs")]


def _add_packs(
    tx: neo4j.ManagedTransaction, *, batch: str, packs: list[dict[str, Any]], new: list[dict[str, Any]]
) -> None:
    """Add one transaction's packs to the store: appended to the pair's pack, or a new pack of ``batch``.

    The packs of ``packs`` already stored are found first (one seek each), in
    the same transaction; then the new pairs' packs (those not found, and
    ``new``, known to have none) are created without a read and the others
    appended by element id. One statement that looked each pair up and then
    either created or appended was planned with Eager operators (it read
    and wrote the same properties), buffering each step's rows.
    """
    stored = (
        {
            (r["a"], r["b"]): (r["pack"], r["undo"])
            for r in tx.run(statement("ties/packs_of_pairs"), pairs=[[p["a"], p["b"]] for p in packs], batch=batch)
        }
        if packs
        else {}
    )
    new = [*new, *(p for p in packs if (p["a"], p["b"]) not in stored)]
    if new:
        tx.run(statement("ties/new_evidence"), batch=batch, packs=new).consume()
    appended = []
    for pack in packs:
        found = stored.get((pack["a"], pack["b"]))
        if found is not None:
            appended.append({**pack, "pack": found[0], "undo": found[1]})
    if appended:
        tx.run(statement("ties/append_evidence"), batch=batch, packs=appended).consume()


def _in_step(figures: Iterator[TieFiguresRow]) -> Callable[[str, str], TieFiguresRow | None]:
    """A look-up of each pair's figures, asked in pair order, reading ``figures`` (in pair order) as it goes."""
    ahead: list[TieFiguresRow] = []

    def figures_of(a: str, b: str) -> TieFiguresRow | None:
        while not ahead or (ahead[0].a, ahead[0].b) < (a, b):
            following = next(figures, None)
            if following is None:
                return None
            ahead[:] = [following]
        return ahead[0] if (ahead[0].a, ahead[0].b) == (a, b) else None

    return figures_of


def _packed_hashes(events: Iterable[tuple[str, str]], size: int) -> Iterator[dict[str, Any]]:
    """The (hash, day) of ``events`` as packs of up to ``size`` hashes of one day each (``day``, ``hashes``).

    A day of a million events is a few days' packs, not a million nodes (``add_counted_events.cypher``).
    """
    days: dict[str, list[str]] = {}
    for digest, day in events:
        hashes = days.setdefault(day, [])
        hashes.append(digest)
        if len(hashes) == size:
            yield {"day": day, "hashes": hashes}
            days[day] = []
    for day, hashes in days.items():
        if hashes:
            yield {"day": day, "hashes": hashes}


def _member_in_step(pairs: Iterator[tuple[str, str]]) -> Callable[[str, str], bool]:
    """Whether each pair, asked in pair order, is one of ``pairs`` (in pair order), reading them as it goes."""
    ahead: list[tuple[str, str]] = []

    def member(a: str, b: str) -> bool:
        while not ahead or ahead[0] < (a, b):
            following = next(pairs, None)
            if following is None:
                return False
            ahead[:] = [(following[0], following[1])]
        return ahead[0] == (a, b)

    return member


def _figure_properties(figures: TieFiguresRow) -> dict[str, Any]:
    """A pair's figures as properties of its pack (``events`` there is the pack's list of counts)."""
    return {
        "figures_rule": figures.rule,
        "first_seen": figures.first_seen,
        "last_seen": figures.last_seen,
        "total_events": figures.events,
        "evidence": figures.evidence,
        "qualified_by": figures.qualified_by,
        "pending": figures.pending,
    }
