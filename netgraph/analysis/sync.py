"""Keep the graph in step with the HR system: the nightly people sync and the mentoring programme's export.

``sync_people`` reads a full snapshot (:mod:`netgraph.io.hr_snapshot`),
turns it into a document (:mod:`netgraph.io.hr_document`), plans it against
what the store holds (:mod:`netgraph.io.hr_sync`: new, changed, moved, left,
returned, units and positions gone) and, unless it is a dry run, validates
the whole plan (anything wrong anywhere, and nothing is written) and applies
it: the snapshot's records that differ, in parts of at most ``part_records``
records, then one last write with the night's leavers (each ended as
:func:`netgraph.analysis.lifecycle.leave` ends one person), the units and
positions nothing refers to any more, and the sync's one audit event.

On the embedded store the parts and the last write are one transaction. On
Neo4j each part commits on its own: a million people's changes do not fit
one transaction in a server's memory. A sync stopped between parts leaves the
parts it committed (new people without their seat yet, some changed people
changed and some not; the leavers still active, the gone units and positions
still there; each committed part with its own ``sync.people.part`` audit
event, naming what it changed); the same sync run again plans against that
state, writes what is still missing and records the sync once, and ends in
the state one uninterrupted run gives. Each part writes, of each record,
only the fields the snapshot carries: the store keeps the rest (skills,
goals, what was edited by hand meanwhile) as it is when the part commits.

The dry run builds and validates that write too, and only leaves out the
writing: a snapshot the apply would refuse is refused by its dry run.

Fields the snapshot does not carry (skills, goals, ``open_to_intros``, ``open_to_mentoring``, the
skills a position requires, a column the export lacks) keep what the store
holds: each planned record is laid over the stored one to be validated, and
written with the snapshot's fields alone.

``sync_mentoring`` reads a mentoring platform's export (mentor and mentee by
email, start, end, status), matches people by email ignoring case, and
merges the mentorships it could match; the rows it could not are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from netgraph.analysis.lifecycle import departure
from netgraph.io.erased import skip_erased
from netgraph.io.hr_document import document_and_where
from netgraph.io.hr_snapshot import DEFAULT_MAPPING, read_mapping, read_snapshot
from netgraph.io.hr_sync import PEOPLE_KINDS, Change, SyncPlan, plan_people_sync
from netgraph.io.mentoring_export import read_mentoring_export
from netgraph.model.audit import AuditEntry, diff, summarised
from netgraph.model.records import Document, Removals
from netgraph.model.sync_state import POSITION_ROW, SyncState
from netgraph.model.validate import Where, validate
from netgraph.store.ports import AuditedPersistence, AuditTrail, LiveLinks, Persistence

#: The sections a people sync plans.
ENTITY_SECTIONS = ("org_units", "people", "positions")
#: Most records of the plan one part writes (a Neo4j transaction each). A new person with a seat of
#: their own is two records; a part of 25,000 new records held at most about 200 MiB of the server's
#: heap (its transaction's estimated memory, at 100k people on Neo4j 5.26; docs/benchmarks/scale.md).
PART_RECORDS = 25_000
#: Called after each part is written: (records written so far, records of the plan).
PartProgress = Callable[[int, int], None]


@dataclass
class PeopleSync:
    """A sync's plan and whether it was applied."""

    plan: SyncPlan
    applied: bool
    on: str
    #: snapshot records left out because they name people who were erased
    skipped_erased: int = 0

    def lines(self, first: int = 5) -> list[str]:
        head = (
            f"applied the HR snapshot of {self.on}"
            if self.applied
            else f"dry run: nothing written (the HR snapshot of {self.on})"
        )
        skipped = (
            [f"skipped {self.skipped_erased} records naming people who were erased (they stay erased)"]
            if self.skipped_erased
            else []
        )
        return [head, *skipped, *self.plan.summary(first)]

    def to_json(self) -> dict[str, Any]:
        return {"applied": self.applied, "on": self.on, "skipped_erased": self.skipped_erased, **self.plan.to_json()}


def sync_people(
    store: AuditedPersistence,
    snapshot: str | Path,
    *,
    mapping: str | Path | None = None,
    dry_run: bool = False,
    allow_mass_leave: bool = False,
    adopt_manual: bool = False,
    today: date | None = None,
    part_records: int = PART_RECORDS,
    progress: PartProgress | None = None,
) -> PeopleSync:
    """Plan a snapshot against ``store`` and (unless ``dry_run``) apply it: its records in parts, then the rest."""
    steps = sync_steps(
        store,
        snapshot,
        mapping=mapping,
        dry_run=dry_run,
        allow_mass_leave=allow_mass_leave,
        adopt_manual=adopt_manual,
        today=today,
        part_records=part_records,
        progress=progress,
    )
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: PeopleSync = done.value
            return result


def sync_steps(
    store: AuditedPersistence,
    snapshot: str | Path,
    *,
    mapping: str | Path | None = None,
    dry_run: bool = False,
    allow_mass_leave: bool = False,
    adopt_manual: bool = False,
    today: date | None = None,
    part_records: int = PART_RECORDS,
    progress: PartProgress | None = None,
) -> Generator[str, None, PeopleSync]:
    """:func:`sync_people`, naming each step as it finishes (a benchmark times them); returns its result.

    The store is read twice, narrowly: the rows the plan compares
    (``sync_state``: no KNOWS link, skill or mentorship), then, for the
    records the plan writes and the night's leavers only, their stored
    records and live links.
    """
    read = read_snapshot(snapshot, read_mapping(mapping) if mapping else DEFAULT_MAPPING)
    document, where = document_and_where(read)
    del read
    yield "read"
    day = (today or date.today()).isoformat()
    with nullcontext() if dry_run else store.transaction():  # the plan still holds when it is written
        document, where, skipped = _without_erased(store, document, where)
        yield "erased"
        state = store.sync_state()
        yield "stored"
        plan = plan_people_sync(
            document, state, where=where, adopt_manual=adopt_manual, allow_mass_leave=allow_mass_leave
        )
        del document
        yield "plan"
        # the dry run checks what the apply would write as the apply does: a plan it cannot write is refused
        written, remove = apply_document(
            plan, state, stored_records_of(store, plan), store.live_links(plan.leavers), day
        )
        del state
        yield "apply_document"
        checked = validate(written, where=plan.where, existing=store)
        del written
        yield "validate"
        if not dry_run:
            planned, last = split_written(plan, checked)
            del checked  # the parts hold the planned records once, with the snapshot's fields alone
            total = sum(len(records) for records in planned.values())
            done = 0
            changed = changes_by_key(plan)
            for number, part in enumerate(parts(planned, part_records), start=1):
                event = part_event(plan, part, Path(snapshot).name, number, changed)
                store.write(cast(Document, part), audit=event)
                done += sum(len(records) for records in part.values())
                if progress is not None:
                    progress(done, total)
            store.write(cast(Document, last), remove=remove, audit=sync_event(plan, Path(snapshot).name))
    yield "write"
    return PeopleSync(plan, not dry_run, day, skipped)


def split_written(plan: SyncPlan, checked: Mapping[str, Any]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The validated write cut in two: the plan's own records, each with only the fields the snapshot
    carries (the store keeps the others); and the rest (leavers, their links, units kept as the store's).

    >>> plan = SyncPlan((), (), {"people": [{"id": "e1", "title": "Lead"}]}, ["e2"])
    >>> split_written(plan, {"people": [{"id": "e1", "title": "Lead", "skills": []}, {"id": "e2", "status": "left"}]})
    ({'people': [{'id': 'e1', 'title': 'Lead'}]}, {'people': [{'id': 'e2', 'status': 'left'}]})
    """
    # each planned record says which fields it carries ("id" and its own keys): looked up in it, not
    # copied into a set per record (at 100k new people those sets were most of a 220 MiB peak)
    carried = {section: {r["id"]: r for r in plan.document.get(section, [])} for section in ENTITY_SECTIONS}
    planned: dict[str, list[Any]] = {}
    last: dict[str, list[Any]] = {}
    for section, records in checked.items():
        fields = carried.get(section, {})
        for record in records:
            keep = fields.get(record.get("id")) if isinstance(record, Mapping) else None
            if keep is None:
                last.setdefault(section, []).append(record)
            else:
                planned.setdefault(section, []).append({k: v for k, v in record.items() if k == "id" or k in keep})
    return planned, last


def parts(planned: Mapping[str, list[Any]], size: int) -> Iterator[dict[str, list[Any]]]:
    """``planned`` in parts of at most ``size`` records, each part whole on its own: org units first (a
    parent before its units), then people, then positions (the one reported to first). A record then
    refers only to what is stored or in its own part, and a part never waits on a later one.

    >>> units = [{"id": "b", "parent": "a"}, {"id": "a", "parent": None}]
    >>> [part for part in parts({"org_units": units, "people": [{"id": "p"}]}, 2)]
    [{'org_units': [{'id': 'a', 'parent': None}, {'id': 'b', 'parent': 'a'}]}, {'people': [{'id': 'p'}]}]
    """
    ordered = [
        *(("org_units", r) for r in _parents_first(planned.get("org_units", []), "parent")),
        *(("people", r) for r in planned.get("people", [])),
        *(("positions", r) for r in _parents_first(planned.get("positions", []), "reports_to")),
    ]
    for start in range(0, len(ordered), max(1, size)):
        part: dict[str, list[Any]] = {}
        for section, record in ordered[start : start + max(1, size)]:
            part.setdefault(section, []).append(record)
        yield part


def _parents_first(records: list[Any], field: str) -> list[Any]:
    """``records`` ordered by their depth below the first one not in them (ties keep their order)."""
    by_id = {r["id"]: r for r in records}
    depth: dict[str, int] = {}
    for record in records:
        chain, here = [], record["id"]
        while here in by_id and here not in depth and here not in chain:  # validated: no cycle; guarded anyway
            chain.append(here)
            here = by_id[here].get(field)
        below = depth.get(here, -1)
        for node in reversed(chain):
            below += 1
            depth[node] = below
    return sorted(records, key=lambda r: depth[r["id"]])


def stored_records_of(store: Persistence, plan: SyncPlan) -> dict[str, dict[str, Any]]:
    """section -> id -> the stored record, for what ``plan`` writes over: its records, the leavers, and the
    units it keeps because something refers to them."""
    ids = {section: [r["id"] for r in plan.document.get(section, [])] for section in ENTITY_SECTIONS}
    ids["people"] += plan.leavers
    ids["org_units"] += [g.id for g in plan.units_gone if not g.deletable]
    return {section: cast(dict[str, Any], store.stored_records(section, list(keys))) for section, keys in ids.items()}


def _without_erased(store: AuditTrail, document: dict[str, Any], where: Where) -> tuple[dict[str, Any], Where, int]:
    """The snapshot without people who were erased (a tombstone matches their id or email).

    Their seats go with them when nobody else holds them, and seats reporting
    to those report to no one: the HR export still lists the person, and the
    next night's sync must not bring them back.
    """
    kept, skipped = skip_erased(store, document)
    if not skipped:
        return document, where, 0
    before = {p["id"] for p in document.get("positions", [])}
    kept["positions"] = [p for p in kept.get("positions", []) if p["holders"] or not _held_in(document, p["id"])]
    gone = before - {p["id"] for p in kept["positions"]}
    kept["positions"] = [{**p, "reports_to": None} if p.get("reports_to") in gone else p for p in kept["positions"]]
    labels = where.labels or {}
    keep_ids = {s: {r.get("id") for r in kept.get(s, [])} for s in ("org_units", "people", "positions")}
    places = {
        s: [
            label
            for r, label in zip(document.get(s, []), labels.get(s, []), strict=False)
            if r.get("id") in keep_ids[s]
        ]
        for s in keep_ids
        if s in labels
    }
    return kept, Where(where.document, places), skipped


def _held_in(document: dict[str, Any], position: str) -> bool:
    return any(p["id"] == position and p["holders"] for p in document.get("positions", []))


#: The audit trail's entity kind of each section a people sync writes.
_KINDS = {"people": "person", "org_units": "org_unit", "positions": "position"}


def _audited(touched: list[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The entities and changed-field rows an audit event lists for ``touched`` (the plan's changes)."""
    entities = [f"{_KINDS[c.section]}:{c.id}" for c in touched]
    changes = [
        {"entity": f"{_KINDS[c.section]}:{c.id}", "field": field, "before": before, "after": after}
        for c in touched
        for field, before, after in c.changes
    ]
    return entities, changes


def sync_event(plan: SyncPlan, source: str) -> AuditEntry:
    """The audit event of an applied sync: every entity it touched and each changed field."""
    entities, changes = _audited([c for c in plan.changes if c.kind != "unchanged"])
    entities += [f"{_KINDS[g.section]}:{g.id}" for g in plan.gone]
    changes += [{"entity": f"person:{p}", "field": "status", "before": "active", "after": "left"} for p in plan.leavers]
    counts = "; ".join(
        f"{section}: " + ", ".join(f"{n} {kind}" for kind, n in c.items() if n and kind != "unchanged")
        for section, c in plan.counts.items()
    )
    return summarised("sync.people", entities, changes, f"{source}: {counts}")


def changes_by_key(plan: SyncPlan) -> dict[tuple[str, str], Change]:
    """The plan's changes that write a record, by (section, id): each part looks its own records up here.

    >>> plan = SyncPlan((Change("people", "unchanged", "e1", "Ada"), Change("people", "new", "e2", "Bo")), (), {}, [])
    >>> list(changes_by_key(plan))
    [('people', 'e2')]
    """
    return {(c.section, c.id): c for c in plan.changes if c.kind not in ("unchanged", "left")}


def part_event(
    plan: SyncPlan,
    part: Mapping[str, list[Any]],
    source: str,
    number: int,
    changed: Mapping[tuple[str, str], Change] | None = None,
) -> AuditEntry:
    """The audit event written with one part: what that part's records change, so a sync stopped
    between parts leaves no committed write without its event (the sync's own event comes last).

    ``changed`` is :func:`changes_by_key` of the plan, made once for all its parts: a part then
    costs its own records, not a pass over every change of the plan (a million people's first
    night is 2 million changes and 80 parts)."""
    changed = changes_by_key(plan) if changed is None else changed
    ids = [(section, record["id"]) for section, records in part.items() for record in records]
    touched = sorted((changed[key] for key in set(ids) if key in changed), key=_plan_order)
    entities, changes = _audited(touched)
    return summarised("sync.people.part", entities, changes, f"{source}: part {number}, {len(set(ids))} records")


def _plan_order(change: Change) -> tuple[str, int, str]:
    """Where ``change`` stands in a plan's changes (section, kind, id): a part's event lists them so."""
    return (change.section, PEOPLE_KINDS.index(change.kind), change.id)


def apply_document(
    plan: SyncPlan, state: SyncState, stored: Mapping[str, Mapping[str, Any]], links: LiveLinks, day: str
) -> tuple[dict[str, Any], Removals]:
    """The document and removals that carry out ``plan`` on a store holding ``state``.

    ``stored`` holds the stored records of what the plan writes and of its
    leavers (:func:`stored_records_of`), ``links`` the leavers' live links.
    Planned records are laid over the stored ones (fields the HR system does
    not own stay); leavers are ended as leaving ends one person; units and
    positions nothing refers to are removed.
    """
    written = {s: [{**stored[s].get(r["id"], {}), **r} for r in plan.document.get(s, [])] for s in ENTITY_SECTIONS}
    remove: Removals = {"holds": [], "successors": [], "positions": [], "org_units": []}
    gone_positions = {g.id for g in plan.positions_gone if g.deletable}
    leavers = set(plan.leavers)
    live: dict[str, dict[str, list[Any]]] = {
        p: {"holds": [], "nominations": [], "mentorships": [], "introductions": []} for p in leavers
    }
    holders = POSITION_ROW.index("holders")
    if leavers:
        for position_id in sorted(state.positions):
            for person, _ in state.positions[position_id][holders]:
                if person in leavers and position_id not in gone_positions:
                    live[person]["holds"].append(position_id)
    for person, position_id in state.nominations:
        if person in leavers:
            live[person]["nominations"].append(position_id)
    for mentorship in links["mentorships"]:
        for who in {mentorship["mentor"], mentorship["mentee"]} & leavers:
            live[who]["mentorships"].append(mentorship)
    for intro in links["introductions"]:
        for who in {intro["by"], intro["introduce"], intro["to"]} & leavers:
            live[who]["introductions"].append(intro)
    for person in plan.leavers:
        doc, removed = departure(stored["people"][person], day, **live[person])
        for section, records in doc.items():
            written.setdefault(section, []).extend(records)
        remove["holds"] += removed.get("holds", [])
        remove["successors"] += removed.get("successors", [])
    _merge_duplicates(written)
    for unit in plan.units_gone:  # kept because something refers to it: the store's from now on, not gone again
        if not unit.deletable and stored["org_units"][unit.id].get("source") == "hr":
            written["org_units"].append({**stored["org_units"][unit.id], "source": "manual"})
    remove["positions"] = sorted(gone_positions)
    remove["org_units"] = sorted(g.id for g in plan.units_gone if g.deletable)
    return written, remove


def _merge_duplicates(written: dict[str, Any]) -> None:
    """Two leavers may share a mentorship or an introduction: write each record once."""
    for section in ("mentorships", "introductions"):
        seen: dict[object, Any] = {}  # an id, or (mentor, mentee)
        for record in written.get(section, []):
            key = record.get("id") or (record.get("mentor"), record.get("mentee"))
            seen[key] = record
        if section in written:
            written[section] = list(seen.values())


# -- the mentoring programme's export ---------------------------------------------------------------------------


@dataclass
class MentoringSync:
    """What a mentoring sync merged, and the rows it could not match to people."""

    applied: bool
    merged: int = 0
    unmatched: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "merged" if self.applied else "dry run: would merge"
        out = [f"{verb} {self.merged} mentorships; {len(self.unmatched)} rows matched no one"]
        out += [f"  {row}" for row in self.unmatched]
        return out

    def to_json(self) -> dict[str, Any]:
        return {"applied": self.applied, "merged": self.merged, "unmatched": self.unmatched}


def sync_mentoring(store: Persistence, export: str | Path, *, dry_run: bool = False) -> MentoringSync:
    """Merge a mentoring programme's export, matching mentor and mentee by email (any case)."""
    rows = read_mentoring_export(export)
    with nullcontext() if dry_run else store.transaction():
        current = store.export()
        by_email: dict[str, str] = {}
        stored = {(m["mentor"], m["mentee"]): m for m in current["mentorships"]}  # kind and focus stay
        for person in current["people"]:
            if person["email"]:
                by_email.setdefault(person["email"].casefold(), person["id"])
        records, labels, unmatched = [], [], []
        for row in rows:
            missing = [role for role in ("mentor", "mentee") if row[f"{role}_email"].casefold() not in by_email]
            if missing:
                unmatched.append(
                    f"{row['where']}: no person with the email of the "
                    + " or the ".join(missing)
                    + f" ({', '.join(row[f'{r}_email'] for r in missing)})"
                )
                continue
            pair = (by_email[row["mentor_email"].casefold()], by_email[row["mentee_email"].casefold()])
            records.append(
                {
                    **stored.get(pair, {}),
                    "mentor": pair[0],
                    "mentee": pair[1],
                    "since": row["start"],
                    "until": row["end"],
                    "status": row["status"],
                }
            )
            labels.append(row["where"])
        clean = validate({"mentorships": records}, where=Where(str(export), {"mentorships": labels}), existing=store)
        if not dry_run and records:
            store.write(
                clean,
                audit=summarised(
                    "sync.mentoring",
                    [f"mentorship:{r['mentor']}/{r['mentee']}" for r in clean["mentorships"]],
                    [
                        row
                        for r in clean["mentorships"]
                        for row in diff(
                            f"mentorship:{r['mentor']}/{r['mentee']}",
                            stored.get((r["mentor"], r["mentee"])),
                            r,
                            fields=("since", "until", "status"),
                        )
                    ],
                    Path(export).name,
                ),
            )
    return MentoringSync(not dry_run, len(records), unmatched)
