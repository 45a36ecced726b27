"""The audit trail: events chained by hashes, so that an edit, a deletion or a cut tail shows.

Every change (and every sensitive read by a web user) becomes one event:
who (``actor``), when (``at``), what (``action``), which entities, and the
changed fields before -> after. The stores keep events append-only, in the
store itself, beside an **anchor**: the last event's hash and the count.

**Tamper evidence that survives erasure.** An event's hash does not cover
the values themselves but a salted digest of each one, and the previous
event's hash::

    digest(value) = sha256(salt || canonical JSON of value)
    hash(event)   = sha256(prev || seq || at || action || every (path, digest), in order)

Erasing a person *redacts* their values: the value and its salt are
removed, the digest stays, so the chain still verifies, and without the salt
the digest cannot be matched against a guessed name. :func:`verify` checks
every digest it still can, every hash, the links between events, and the
anchor, so that it detects an edited event, a deleted one (a broken link or
a missing number), a cut tail (the anchor's count and head) and an edited
anchor; it names the first bad event.

**Against someone who can write the store** (and so recompute the chain),
two things kept out of their reach help: a **key** (events sealed with one
are marked ``keyed`` and hashed with HMAC-SHA256 under it, which they cannot
forge; :func:`verify` checks them with it and refuses an unkeyed event after
a keyed one, or an unkeyed last event while a key is given), and **anchors**
kept elsewhere (:func:`anchor_token`, ``SEQ:HASH:TIME``; :func:`check_kept`
fails when that event is missing or differs). A store that holds data but no
event fails too, unless its trail began with a :data:`STARTED` event.

Who is acting is set at the edges (the CLI: the operating-system user; the
web app: the logged-in account) with :func:`acting_as`, and read with
:func:`current_actor` where events are made.

Examples
--------
>>> first = seal({"actor": "cli:ana", "action": "leave", "entities": ["person:p4"],
...               "changes": [{"entity": "person:p4", "field": "status", "before": "active", "after": "left"}]},
...              prev=GENESIS, seq=1, at="2026-12-01T10:00:00Z", salt=lambda: "00" * 16)
>>> verify([first], {"head": first["hash"], "count": 1}) is None
True
>>> redacted = redact([first], {"p4"})[0]
>>> redacted["fields"]["entities.0"]["value"], verify([redacted], {"head": first["hash"], "count": 1}) is None
(None, True)
"""

from __future__ import annotations

import contextvars
import getpass
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NotRequired, TypedDict

from netgraph.model.text import fold


class AuditEntry(TypedDict):
    """An unsealed event, as analysis code makes it (:func:`entry`); the store seals it."""

    actor: str
    action: str
    entities: list[str]
    #: ``{"entity", "field", "before", "after"}`` rows; values are whatever the field holds
    changes: list[dict[str, Any]]
    note: NotRequired[str]


class SealedField(TypedDict):
    """One leaf of a sealed event: the value and its salt (both None once redacted) and their digest."""

    value: Any
    salt: str | None
    digest: str


class AuditEvent(TypedDict):
    """An event as stored (:func:`seal`): every leaf sealed, chained to the previous event by ``prev``."""

    seq: int
    at: str
    action: str
    fields: dict[str, SealedField]
    prev: str
    hash: str
    keyed: NotRequired[bool]


#: The ``prev`` of the first event.
GENESIS = "0" * 64

_ACTOR: contextvars.ContextVar[str | None] = contextvars.ContextVar("netgraph_actor", default=None)


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Everything done inside is recorded as done by ``actor`` (``web:NAME``, ``cli:USER``)."""
    token = _ACTOR.set(actor)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def current_actor() -> str:
    """Who is acting: as set by :func:`acting_as`, else the operating-system user of this process."""
    found = _ACTOR.get()
    if found is not None:
        return found
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid (a container)
        return "cli:unknown"


def timestamp() -> str:
    """Now, in UTC, as events record it (``2026-12-01T10:00:00.000000Z``: text order is time order)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def entry(
    action: str,
    entities: Iterable[str],
    changes: Iterable[dict[str, Any]] = (),
    *,
    actor: str | None = None,
    note: str | None = None,
) -> AuditEntry:
    """An unsealed event, as analysis code makes them (the store seals it in the write's transaction)."""
    found: AuditEntry = {
        "actor": actor or current_actor(),
        "action": action,
        "entities": sorted(set(entities)),
        "changes": list(changes),
    }
    if note:
        found["note"] = note
    return found


#: The most entities and changed fields one event lists (beyond: the note gives the totals).
MAX_ENTITIES = 2_000
MAX_CHANGES = 2_000


def summarised(action: str, entities: list[str], changes: list[dict[str, Any]], note: str | None = None) -> AuditEntry:
    """An event for a write of any size: the first entities and changes, and the totals in the note.

    An import of 100,000 people is one event of a bounded size, not 100,000 rows of hashes.
    """
    parts = [note] if note else []
    if len(entities) > MAX_ENTITIES or len(changes) > MAX_CHANGES:
        parts.append(
            f"{len(entities)} entities and {len(changes)} changed fields in all; "
            f"the first {MAX_ENTITIES} and {MAX_CHANGES} are listed"
        )
    return entry(action, sorted(set(entities))[:MAX_ENTITIES], changes[:MAX_CHANGES], note="; ".join(parts) or None)


def diff(
    entity: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    fields: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """The changed fields of one record, before -> after (a new record: every field from None).

    >>> diff("person:p1", {"name": "Ada", "level": 3}, {"name": "Ada", "level": 4})
    [{'entity': 'person:p1', 'field': 'level', 'before': 3, 'after': 4}]
    """
    before, after = before or {}, after or {}
    names = list(fields) if fields is not None else list(dict.fromkeys([*before, *after]))
    return [
        {"entity": entity, "field": f, "before": before.get(f), "after": after.get(f)}
        for f in names
        if before.get(f) != after.get(f)
    ]


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(salt: str, value: Any) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + _canonical(value)).hexdigest()


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, scalar) for every leaf of the redactable part of an entry, in order."""
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}.{i}" if path else str(i))
    else:
        yield path, value


def _shape(value: Any) -> Any:
    """The entry's structure with every leaf replaced by its path (to rebuild the values)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return None


def seal(
    unsealed: AuditEntry,
    *,
    prev: str,
    seq: int,
    at: str,
    salt: Callable[[], str] | None = None,
    key: bytes | None = None,
) -> AuditEvent:
    """The stored form of an event: each redactable leaf with its salt and digest, chained to ``prev``.

    ``key``: the event is **keyed** (``"keyed": true``): its hash is an HMAC-SHA256 under the key,
    which only someone holding the key can make or check.
    """
    make_salt = salt or (lambda: secrets.token_hex(16))
    body = {k: v for k, v in unsealed.items() if k in ("actor", "entities", "changes", "note")}
    fields: dict[str, SealedField] = {}
    for path, value in _leaves(body):
        s = make_salt()
        fields[path] = {"value": value, "salt": s, "digest": digest(s, value)}
    event: AuditEvent = {"seq": seq, "at": at, "action": unsealed["action"], "fields": fields, "prev": prev, "hash": ""}
    if key is not None:
        event["keyed"] = True
    event["hash"] = event_hash(event, key)
    return event


def event_hash(event: AuditEvent, key: bytes | None = None) -> str:
    """SHA-256 of what the event covers; HMAC-SHA256 under ``key`` for a keyed event (it needs the key)."""
    covered = _canonical(
        [
            event["prev"],
            event["seq"],
            event["at"],
            event["action"],
            [[path, f["digest"]] for path, f in event["fields"].items()],
        ]
    )
    if event.get("keyed"):
        if key is None:
            raise ValueError(f"event {event['seq']} is keyed: its hash needs the key")
        return hmac.new(key, covered, hashlib.sha256).hexdigest()
    return hashlib.sha256(covered).hexdigest()


def values(event: AuditEvent) -> dict[str, Any]:
    """The event as a reader sees it: ``actor``, ``entities``, ``changes`` (redacted values are None)."""
    out: dict[str, Any] = {"seq": event["seq"], "at": event["at"], "action": event["action"]}
    for path, f in event["fields"].items():
        node: Any = out
        parts = path.split(".")
        for here, there in zip(parts, parts[1:] + [None], strict=True):
            key: Any = int(here) if here.isdigit() else here
            if there is None:
                _put(node, key, f["value"])
            else:
                node = _child(node, key, [] if there.isdigit() else {})
    out.setdefault("entities", [])
    out.setdefault("changes", [])
    return out


def _child(node: Any, key: Any, empty: Any) -> Any:
    if isinstance(node, list):
        while len(node) <= key:
            node.append(None)
        if node[key] is None:
            node[key] = empty
        return node[key]
    return node.setdefault(key, empty)


def _put(node: Any, key: Any, value: Any) -> None:
    if isinstance(node, list):
        while len(node) <= key:
            node.append(None)
    node[key] = value


def mentions(value: Any, ids: AbstractSet[str], texts: AbstractSet[str] = frozenset()) -> bool:
    """Whether a leaf value names one of ``ids`` (the whole value, or a part of ``kind:id`` or ``a/b``)
    or contains one of ``texts`` (a name, an email; case and accents ignored, :func:`netgraph.model.text.fold`).

    >>> mentions("person:p4", {"p4"}), mentions("person:p40", {"p4"})
    (True, False)
    >>> mentions("Dana Kovač left", set(), {"dana kovač"})
    True
    """
    if not isinstance(value, str):
        return False
    parts = set(value.replace("/", ":").split(":"))
    if parts & ids:
        return True
    folded = fold(value)
    return any(target in folded for target in map(fold, texts) if target)


def redact(
    events: list[AuditEvent],
    ids: AbstractSet[str],
    texts: AbstractSet[str] = frozenset(),
    entities: AbstractSet[str] = frozenset(),
) -> list[AuditEvent]:
    """The events with every value that names one of ``ids``, contains one of ``texts`` or is one
    of ``entities`` (``introduction:i1``) removed, with its salt (digests stay, so the chain still
    verifies).

    A change row about an erased entity is removed whole (its field names stay): a row about
    ``person:p4`` or about ``introduction:i1`` (its note, outcome and status changes) alike.

    >>> row = {"entity": "introduction:i1", "field": "note", "before": None, "after": "Dee may leave"}
    >>> event = seal(entry("intro.propose", ["introduction:i1"], [row], actor="web:hr"), prev=GENESIS, seq=1,
    ...              at="2026-12-01T10:00:00Z")
    >>> shown = values(redact([event], set(), entities={"introduction:i1"})[0])
    >>> shown["entities"], shown["changes"], shown["actor"]
    ([None], [{'entity': None, 'field': 'note', 'before': None, 'after': None}], 'web:hr')
    """
    out = []
    for event in events:
        fields: dict[str, SealedField] = {p: {**f} for p, f in event["fields"].items()}

        def doomed_value(value: Any) -> bool:
            return value in entities or mentions(value, ids, texts)

        doomed_rows = {
            p.rsplit(".", 1)[0]
            for p, f in fields.items()
            if p.startswith("changes.") and p.endswith(".entity") and doomed_value(f["value"])
        }
        for path, f in fields.items():
            row = path.rsplit(".", 1)[0]
            doomed = doomed_value(f["value"]) or (row in doomed_rows and not path.endswith(".field"))
            if doomed and f["value"] is not None:
                f["value"], f["salt"] = None, None
        redacted = event.copy()
        redacted["fields"] = fields
        out.append(redacted)
    return out


def keyed_from(events: list[AuditEvent]) -> int | None:
    """The number of the first keyed event (None: none is)."""
    return next((e["seq"] for e in events if e.get("keyed")), None)


#: The action of the event a trail begins with when the store already held data no event records.
STARTED = "audit.start"


def started_entry(held: dict[str, int]) -> AuditEntry:
    """The first event of a trail begun on a store that already held data (``held``: label -> count).

    >>> started_entry({"Person": 150, "OrgUnit": 12})["note"]
    'the audit trail starts here: the store already held data no event records (12 OrgUnit, 150 Person)'
    """
    counts = ", ".join(f"{n} {label}" for label, n in sorted(held.items()) if n)
    return entry(
        STARTED, [], note=f"the audit trail starts here: the store already held data no event records ({counts})"
    )


def verify(
    events: list[AuditEvent],
    anchor: Mapping[str, Any] | None,
    *,
    key: bytes | None = None,
    holds_data: bool = False,
) -> str | None:
    """None if the trail holds; else what is wrong, naming the first bad event.

    ``events`` in ``seq`` order; ``anchor`` ``{"head", "count"}`` (None: no
    anchor kept, which is itself wrong once there are events). ``key``: the
    key keyed events are checked with (without it, a keyed event cannot be
    checked, which is reported as wrong). Once one event is keyed, every later
    one must be: an unkeyed event after it was written or rewritten without
    the key. ``holds_data``: the store holds graph data, so a trail without
    events was deleted (a store made before the trail existed has an
    :data:`STARTED` event, made when it was migrated).
    """
    prev, keyed_since = GENESIS, None
    for position, event in enumerate(events, 1):
        if event["seq"] != position:
            return f"event {position} is missing (the next one is event {event['seq']})"
        for path, f in event["fields"].items():
            if f["salt"] is not None and digest(f["salt"], f["value"]) != f["digest"]:
                return f"event {position} was edited: its {path} does not match its digest"
            if f["salt"] is None and f["value"] is not None:
                return f"event {position} was edited: its {path} has a value but no salt"
        if event["prev"] != prev:
            return f"event {position} does not follow event {position - 1} (its link to it is broken)"
        if event.get("keyed"):
            keyed_since = keyed_since or position
            if key is None:
                return (
                    f"event {position} is keyed, and no key was given (NETGRAPH_AUDIT_KEY_FILE): "
                    "keyed events cannot be checked without it"
                )
            if not hmac.compare_digest(event_hash(event, key), event["hash"]):
                return (
                    f"event {position} was edited, or keyed with another key: its hash does not match "
                    "its contents under this key"
                )
        elif keyed_since is not None:
            return (
                f"event {position} is not keyed, though event {keyed_since} before it is: it was written "
                "without the key, or rewritten by someone who does not hold it"
            )
        elif event_hash(event) != event["hash"]:
            return f"event {position} was edited: its hash does not match its contents"
        prev = event["hash"]
    count = len(events)
    if key is not None and count and not events[-1].get("keyed"):
        return (
            f"event {count}, the last, is not keyed though a key is given: keyed events after it were "
            "removed, or rewritten by someone without the key (or nothing was written since the key was "
            "set: the next change ends this)"
        )
    if count == 0 and holds_data:
        return (
            "the store holds data but its audit trail has no events: the trail was deleted "
            f"(a store made before the trail existed begins with an {STARTED} event)"
        )
    if anchor is None:
        return None if count == 0 else "the trail has no anchor: its head and count are not kept"
    if anchor["count"] != count:
        first = count + 1 if anchor["count"] > count else anchor["count"] + 1
        return (
            f"the anchor counts {anchor['count']} events but the trail holds {count}: "
            f"event {first} onwards is missing or was added behind the anchor's back"
        )
    if anchor["head"] != prev:
        return f"event {count} is not the head the anchor recorded (the tail was replaced)"
    return None


# -- anchors kept elsewhere ----------------------------------------------------------------------------------


def anchor_token(event: Mapping[str, Any]) -> str:
    """The anchor of the trail up to ``event``, as one line to keep elsewhere: ``SEQ:HASH:TIME``.

    >>> anchor_token({"seq": 7, "hash": "ab" * 32, "at": "2026-12-01T10:00:00.000000Z"}).split(":", 2)[0::2]
    ['7', '2026-12-01T10:00:00.000000Z']
    """
    return f"{event['seq']}:{event['hash']}:{event['at']}"


def parse_anchor(text: str) -> dict[str, Any]:
    """``SEQ:HASH:TIME`` (as :func:`anchor_token` makes it) as ``{"seq", "hash", "at"}``; ValueError if not one.

    >>> parse_anchor("7:" + "ab" * 32 + ":2026-12-01T10:00:00.000000Z")["seq"]
    7
    >>> parse_anchor("7:abc:2026")
    Traceback (most recent call last):
    ...
    ValueError: '7:abc:2026' is not an anchor (SEQ:HASH:TIME, as `netgraph audit anchor` prints it)
    """
    parts = text.strip().split(":", 2)
    if (
        len(parts) != 3
        or not parts[0].isdigit()
        or int(parts[0]) < 1
        or len(parts[1]) != 64
        or any(c not in "0123456789abcdef" for c in parts[1])
        or len(parts[2]) < 10
    ):
        raise ValueError(
            f"{text.strip()[:100]!r} is not an anchor (SEQ:HASH:TIME, as `netgraph audit anchor` prints it)"
        )
    return {"seq": int(parts[0]), "hash": parts[1], "at": parts[2]}


def check_kept(events: list[AuditEvent], kept: Iterable[dict[str, Any]]) -> str | None:
    """None if every kept anchor (``{"seq", "hash", "at"}``) names an event the trail still holds, as it was;
    else what is wrong with the first that does not.

    Hashes survive erasure (redaction keeps every digest), so an anchor taken before an erasure still matches.
    """
    by_seq = {e["seq"]: e for e in events}
    for anchor in kept:
        event = by_seq.get(anchor["seq"])
        if event is None:
            return (
                f"event {anchor['seq']}, which the kept anchor of {anchor['at']} names, is missing: the trail "
                f"holds {len(events)} events (its tail was cut, or it was replaced)"
            )
        if not hmac.compare_digest(event["hash"], anchor["hash"]) or event["at"] != anchor["at"]:
            return (
                f"event {anchor['seq']} differs from the one the kept anchor of {anchor['at']} names: the "
                "trail was rewritten at or before it"
            )
    return None


def tombstone(key: str, kind: str, value: str) -> str:
    """The keyed hash a tombstone keeps for an erased ``id`` or ``email`` (emails in any case).

    >>> tombstone("00" * 32, "email", "Ada@Example.com") == tombstone("00" * 32, "email", "ada@example.com")
    True
    """
    text = value.casefold() if kind == "email" else value
    return hmac.new(bytes.fromhex(key), f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()
