"""Erasure (GDPR Art. 17): remove a person's personal data, and keep them removed.

``erase`` removes, in the store:

* the person's node with every property, and every link naming them (KNOWS,
  MENTORS, HOLDS, SUCCESSOR_FOR, MEMBER_OF, their skills and goals);
* every introduction that names them (as introducer, introduced or
  introduced-to), with its note and outcome, and in past audit events every
  row about such an introduction (its note, outcome and status changes);
* skills nobody else has, wants or requires;
* their identifiers in past audit events: every value naming their id, name,
  preferred name or email (in any case, with or without accents) is redacted
  (the value and its salt go, the digest stays, so the trail still
  verifies), and a change row about them loses its values;
* web accounts linked to them (when the caller passes the accounts).

It keeps, without identifiers: the counts that other records already carry
(positions stay, vacant; the other people's records and links stay), and
one audit event ``erase`` with the reason (the person's id, names and email
are cut out of the reason too, :func:`cut`) and no entity.

**Nothing stays on disk** on the embedded store: deleted rows are overwritten
(``secure_delete``) and the write-ahead log is folded into the file and cut
to nothing; while another process keeps reading, that is retried, and if it
cannot finish in time :class:`~netgraph.errors.NotScrubbed` says to run
``netgraph db scrub`` (the erasure itself is committed). Neo4j keeps old
values in its transaction logs until they are rotated (docs/audit.md, "Erasure").

**Erasure sticks.** A tombstone keeps a keyed hash (HMAC-SHA256 with a key
kept in the store) of the erased id and of the email, never the values
themselves. Import and sync skip records whose id or email matches one, and
say so; an old export or the next nightly sync cannot bring the person back.
"""

from __future__ import annotations

from typing import Any, Protocol

from netgraph.analysis.people import known_people
from netgraph.errors import InvalidInput, NotScrubbed, Problem
from netgraph.model.audit import entry, redact, tombstone
from netgraph.model.limits import TEXT_MAX
from netgraph.model.text import find_spans
from netgraph.store.ports import AuditTrail, PersistenceLookups


class ErasureStore(PersistenceLookups, AuditTrail, Protocol):
    """What erasing a person reads and writes: records, the trail, and the writes that redact it."""


class Accounts(Protocol):
    """The web accounts, as far as erasure reads and removes those linked to a person."""

    def list(self) -> list[dict[str, Any]]: ...

    def remove(self, name: str) -> None: ...


ERASED = "[erased]"


def erase(store: ErasureStore, person: str, *, reason: str, accounts: Accounts | None = None) -> dict[str, Any]:
    """Erase ``person`` (see the module docstring); return what was done, without identifiers."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput([Problem("request", "reason", "is required: say why (for example the request's date)")])
    if len(reason) > TEXT_MAX["note"]:
        raise InvalidInput([Problem("request", "reason", f"more than {TEXT_MAX['note']} characters")])
    record = known_people(store, [person])[person]
    texts = {t for t in (record["name"], record.get("preferred_name"), record["email"]) if t}
    key = store.erasure_key()
    stones = [tombstone(key, "id", person)] + ([tombstone(key, "email", record["email"])] if record["email"] else [])
    with store.transaction():
        events = store.audit_events()
        introductions = [i["id"] for i in store.introductions(person=person)]
        redacted = redact(events, {person}, texts, entities=introduction_entities(introductions))
        changed = [new for old, new in zip(events, redacted, strict=True) if new != old]
        if changed:
            store.replace_audit_events(changed)
        clean_reason = cut(reason, texts | {person})
        store.erase_person(person, tombstones=stones, audit=entry("erase", [], note=clean_reason))
    removed_accounts = 0
    if accounts is not None:
        for account in accounts.list():
            if account.get("person") == person:
                accounts.remove(account["name"])
                removed_accounts += 1
    try:
        store.scrub()
    except NotScrubbed as exc:
        raise NotScrubbed(f"{person} is erased from the store, but not yet from the disk: {exc}") from exc
    return {"erased": True, "audit_events_redacted": len(changed), "accounts_removed": removed_accounts}


def introduction_entities(ids: list[str]) -> set[str]:
    """How audit events name these introductions: ``introduction:ID`` (their own events) and
    ``introductions:ID`` (an import lists records by section).

    >>> sorted(introduction_entities(["i1"]))
    ['introduction:i1', 'introductions:i1']
    """
    return {f"{kind}:{i}" for i in ids for kind in ("introduction", "introductions")}


def cut(text: str, needles: set[str]) -> str:
    """``text`` with every occurrence of each of ``needles`` replaced by ``[erased]``.

    Found and cut on ``text`` itself (:func:`netgraph.model.text.find_spans`), in any case, with
    or without accents: an index into a case-folded copy would be off by one for every ``ß`` before
    the name and leave part of it behind. Overlapping finds (a name and the email holding it) are
    cut as one.

    >>> cut("Straße 5: request of Kamala Berg (kamala.berg@example.com)", {"Kamala Berg", "kamala.berg@example.com"})
    'Straße 5: request of [erased] ([erased])'
    """
    spans = sorted(span for needle in needles if needle for span in find_spans(text, needle))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, at = [], 0
    for start, end in merged:
        out += [text[at:start], ERASED]
        at = end
    return "".join(out) + text[at:]
