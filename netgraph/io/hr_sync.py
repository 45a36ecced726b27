"""Plan a people sync: what an HR snapshot would change in the store, worked out on plain data.

:func:`plan_people_sync` compares the document of a snapshot
(:func:`netgraph.io.hr_document.snapshot_document`) with what the store
holds and says, for every person, org unit and position, what would happen.
It reads nothing and writes nothing: ``netgraph sync people --dry-run``
prints the plan, and the apply imports ``plan.document`` and marks
``plan.leavers`` as left.

**Who the snapshot speaks for.** The snapshot is the whole truth about
people whose ``source`` is ``hr``: their HR fields, their org unit, the one
position they hold (a position an HR person holds that the snapshot does not
give them is released) and so their manager. A person with ``source``
``manual`` is never touched: a snapshot row with their id is refused as a
conflict, unless ``adopt_manual`` (``--adopt-manual``) lets the HR system own
them from now on (a first sync into a store filled by hand). A stored record
without ``source`` is ``manual``, without ``status`` ``active``.

People are **new** (not stored), **returned** (stored as ``left``),
**moved** (their org unit, position or manager differs), **changed** (only
HR fields differ: name, email, title, level, location, joined_on,
flight_risk), **unchanged**, or **left** (an active HR person the snapshot
no longer has). A field the document leaves out (a column the export does
not have) is not compared.

**Units and positions gone.** An org unit a sync brought in carries
``source: "hr"``; one the snapshot no longer names (as a department or as a
parent) is *gone*. The store does not record where a position (or a unit
stored before ``source`` existed) came from, so the plan also looks at what
this sync takes away: a position the snapshot does not name but an HR
person holds (they are released), and a unit it does not name but an HR
person is a member of or such a position is in, are *gone* too. Each is ``deletable`` when nothing that
stays refers to it, else ``referenced_by`` says what does: a person added by
hand (a member or holder), a position in it or reporting to it, a sub-unit, a
successor nomination, or the skills a position requires (netgraph's data,
not the HR system's). Leavers refer to nothing: leaving ends their positions
and nominations. A unit or position is reported gone on the night its last
HR tie goes; kept, it is the store's from then on, and not reported again.

**The mass-leave guard.** A cut-off export reads as "most of the company
left". When more than ``mass_leave_share`` of the active HR people would
leave, :class:`~netgraph.errors.Conflict` is raised unless
``allow_mass_leave`` (``--allow-mass-leave``).

The plan's ``document`` holds only what differs (new, changed, moved and
returned people; new and changed units and positions), so planning a
snapshot against a store that already holds it gives an empty document.

Examples
--------
>>> document = {"org_units": [{"id": "d1", "name": "Eng", "parent": None}],
...             "people": [{"id": "e1", "name": "Ada", "title": "CTO", "org_unit": "d1",
...                         "status": "active", "source": "hr"}],
...             "positions": [{"id": "pos-e1", "title": "CTO", "org_unit": "d1", "reports_to": None,
...                            "holders": [{"person": "e1", "since": None}]}]}
>>> plan = plan_people_sync(document, {})
>>> plan.counts["people"]["new"], [p["id"] for p in plan.document["positions"]]
(1, ['pos-e1'])
>>> again = plan_people_sync(document, {s: plan.document[s] for s in plan.document})
>>> again.counts["people"]["unchanged"], again.document
(1, {'org_units': [], 'people': [], 'positions': []})
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain

from netgraph.errors import Conflict, InvalidInput, Problem
from netgraph.io.sync_rows import PersonView, PositionView, Records, UnitView, differing, holder_pairs
from netgraph.model.sync_state import POSITION_ROW, SyncState, sync_state_of
from netgraph.model.text import shown
from netgraph.model.validate import MAX_PROBLEMS, Where

#: What can happen to a person, in the order a plan lists them.
PEOPLE_KINDS = ("new", "changed", "moved", "left", "returned", "unchanged")
#: What can happen to an org unit or a position the snapshot names.
RECORD_KINDS = ("new", "changed", "unchanged")
#: Person fields the HR system owns; a difference is a change.
HR_FIELDS = ("name", "preferred_name", "email", "title", "level", "location", "joined_on", "flight_risk", "source")
#: Where a person sits; a difference is a move.
PLACE_FIELDS = ("org_unit", "seat", "manager")
#: Fields of units and positions compared (those the document carries).
UNIT_FIELDS = ("name", "parent", "source")
POSITION_FIELDS = ("title", "level", "critical", "org_unit", "reports_to", "holders")
#: A document with no name and no lines (places are just ``people[3]``).
NOWHERE = Where()
SECTION_NAMES = {"people": "people", "org_units": "org units", "positions": "positions"}
_ONE = {"people": "person", "org_units": "org unit", "positions": "position"}


@dataclass(frozen=True, slots=True)
class Change:
    """One person, unit or position the snapshot names (or a leaver), and what differs: (field, old, new)."""

    section: str
    kind: str
    id: str
    label: str
    changes: tuple[tuple[str, object, object], ...] = ()

    def text(self) -> str:
        """One line: ``e2 Bo: title 'Dev' -> 'Lead'; level 3 -> 4``."""
        head = f"{self.id} {self.label}" if self.label and self.label != self.id else self.id
        if not self.changes:
            return head
        return head + ": " + "; ".join(f"{f} {_shown(old)} -> {_shown(new)}" for f, old, new in self.changes)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "changes": {f: {"old": old, "new": new} for f, old, new in self.changes},
        }


@dataclass(frozen=True, slots=True)
class Gone:
    """An org unit or position the HR system had and the snapshot no longer names."""

    section: str
    id: str
    label: str
    deletable: bool
    #: What still refers to it after the sync ("person p7", "position pos-x", "org unit u3", "nomination of p2",
    #: "required skills").
    referenced_by: tuple[str, ...] = ()

    def text(self) -> str:
        head = f"{self.id} {self.label}" if self.label and self.label != self.id else self.id
        return f"{head}: " + ("deletable" if self.deletable else "kept, referenced by " + ", ".join(self.referenced_by))

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "deletable": self.deletable,
            "referenced_by": list(self.referenced_by),
        }


@dataclass(frozen=True)
class SyncPlan:
    """What a sync would do: every change, what is gone, and the document that does it."""

    changes: tuple[Change, ...]
    gone: tuple[Gone, ...]
    #: To import: the people, org units and positions that differ, each as it should be.
    document: dict
    #: Ids of the HR people to mark as left, sorted.
    leavers: list[str]
    #: Names each record of ``document`` by the export line it came from.
    where: Where = NOWHERE

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Per section, how many of each kind (``gone`` for units and positions no longer named)."""
        counts = {
            "people": dict.fromkeys(PEOPLE_KINDS, 0),
            "org_units": {**dict.fromkeys(RECORD_KINDS, 0), "gone": 0},
            "positions": {**dict.fromkeys(RECORD_KINDS, 0), "gone": 0},
        }
        for change in self.changes:
            counts[change.section][change.kind] += 1
        for gone in self.gone:
            counts[gone.section]["gone"] += 1
        return counts

    def rows(self, section: str, kind: str) -> list[Change]:
        return [c for c in self.changes if c.section == section and c.kind == kind]

    @property
    def units_gone(self) -> list[Gone]:
        return [g for g in self.gone if g.section == "org_units"]

    @property
    def positions_gone(self) -> list[Gone]:
        return [g for g in self.gone if g.section == "positions"]

    def summary(self, first: int = 5) -> list[str]:
        """Lines for the command line: the counts per section, then the first rows of each kind.

        >>> plan = SyncPlan((Change("people", "changed", "e2", "Bo", (("level", 3, 4),)),), (), {}, [])
        >>> plan.summary()[0:2]
        ['people: 0 new, 1 changed, 0 moved, 0 left, 0 returned, 0 unchanged', '  changed: e2 Bo: level 3 -> 4']
        """
        lines = []
        for section, counts in self.counts.items():
            lines.append(f"{SECTION_NAMES[section]}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
            for kind in counts:
                if kind == "gone":
                    rows = [g.text() for g in self.gone if g.section == section]
                elif kind != "unchanged":
                    rows = [c.text() for c in self.rows(section, kind)]
                else:
                    continue
                lines += [f"  {kind}: {row}" for row in rows[:first]]
                if len(rows) > first:
                    lines.append(f"  ... and {len(rows) - first} more {kind}")
        return lines

    def to_json(self) -> dict:
        """The plan as plain data (every row but the unchanged ones; the document apart)."""
        out: dict = {"counts": self.counts}
        for section, counts in self.counts.items():
            out[section] = {
                kind: [c.to_json() for c in self.rows(section, kind)]
                for kind in counts
                if kind not in ("unchanged", "gone")
            }
        out["units_gone"] = [g.to_json() for g in self.units_gone]
        out["positions_gone"] = [g.to_json() for g in self.positions_gone]
        out["leavers"] = list(self.leavers)
        return out


def plan_people_sync(
    document: Mapping,
    current: Mapping | SyncState,
    *,
    where: Where = NOWHERE,
    adopt_manual: bool = False,
    allow_mass_leave: bool = False,
    mass_leave_share: float = 0.10,
) -> SyncPlan:
    """Compare a snapshot's ``document`` with the store's ``current`` records; say what would change.

    ``current`` is what the store holds: its ``sync_state()`` rows, or a
    document with ``people``, ``org_units``, ``positions`` and, if any,
    ``successors``, as the store exports them (read as the same rows). Raises ``InvalidInput`` for a
    row naming a person added by hand (unless ``adopt_manual``) and
    ``Conflict`` for too many leavers (unless ``allow_mass_leave``).
    """
    stored = _Stored(current)
    doc = {s: list(document.get(s, [])) for s in ("org_units", "people", "positions")}
    _refuse_manual_people(doc["people"], stored, where, adopt_manual)
    snapshot_ids = {p["id"] for p in doc["people"]}
    leavers = sorted(
        i for i, p in stored.people.items() if i not in snapshot_ids and _source(p) == "hr" and _status(p) == "active"
    )
    _guard_mass_leave(len(leavers), stored, allow_mass_leave, mass_leave_share)

    hr_people = snapshot_ids | {i for i, p in stored.people.items() if _source(p) == "hr"}
    departed = set(leavers) | ({i for i, p in stored.people.items() if _status(p) == "left"} - snapshot_ids)
    positions = _position_targets(doc["positions"], stored, hr_people)
    gone = _gone(doc, positions, stored, hr_people, departed)
    deleted = {(g.section, g.id) for g in gone if g.deletable}
    for position_id in [i for i in positions if ("positions", i) in deleted]:
        del positions[position_id]

    snapshot_seats = _Seats({p["id"]: p for p in doc["positions"]})
    people = [_person_change(p, stored, snapshot_seats) for p in doc["people"]]
    people += [Change("people", "left", i, stored.people[i].get("name") or "") for i in leavers]
    units = [_unit_change(u, stored.units.get(u["id"])) for u in doc["org_units"]]
    seats = [_record_change("positions", p, stored.positions.get(p["id"]), POSITION_FIELDS) for p in positions.values()]

    changes = tuple(sorted([*people, *units, *seats], key=lambda c: (c.section, PEOPLE_KINDS.index(c.kind), c.id)))
    records = {
        "org_units": {u["id"]: {"name": u["id"], **u} for u in doc["org_units"]},  # a new parent: its id
        "people": {p["id"]: p for p in doc["people"]},
        "positions": positions,
    }
    plan_document, plan_where = _to_import(changes, records, _indexes(doc), where)
    return SyncPlan(changes, tuple(gone), plan_document, leavers, plan_where)


def _to_import(
    changes: Iterable[Change],
    records: Mapping[str, Mapping[str, Mapping]],
    indexes: Mapping[str, Mapping[str, int]],
    where: Where,
) -> tuple[dict, Where]:
    """The document that makes the changes (each section sorted by id, each record a dict of its own), and
    the names of its records (their places in the snapshot, named only for what changes)."""
    document: dict = {"org_units": [], "people": [], "positions": []}
    places: dict[str, list[str]] = {"org_units": [], "people": [], "positions": []}
    for change in sorted(changes, key=lambda c: c.id):
        if change.kind in ("unchanged", "left"):
            continue
        record = dict(records[change.section][change.id])
        if change.kind == "returned":
            record["left_on"] = None  # back: the date they left no longer holds
        document[change.section].append(record)
        index = indexes[change.section].get(change.id)
        places[change.section].append(
            where(change.section, index) if index is not None else f"stored {_ONE[change.section]} {change.id!r}"
        )
    return document, Where(where.document, places)


# --- what the store holds --------------------------------------------------------------------------------------


class _Seats:
    """Positions by id, and who holds which."""

    def __init__(self, positions: Mapping[str, Mapping], seats_of: dict[str, list[str]] | None = None):
        self.positions = positions
        self.seats_of = _seats_of(positions.values()) if seats_of is None else seats_of

    def holder_ids(self, position: str) -> list[str]:
        """Who holds ``position`` (read from its row, without making holder records)."""
        return [person for person, _ in holder_pairs(self.positions[position])]


class _Stored(_Seats):
    """The store's records, indexed by id, and who holds which position.

    Each record is read through a view of its compact row (:mod:`netgraph.model.sync_state`),
    made when it is looked at: the plan holds the rows, not a dict per record.
    """

    def __init__(self, current: Mapping | SyncState):
        state = current if isinstance(current, SyncState) else sync_state_of(current)
        holders = POSITION_ROW.index("holders")
        seats: dict[str, list[str]] = defaultdict(list)
        for position_id in sorted(state.positions):
            for person, _ in state.positions[position_id][holders]:
                seats[person].append(position_id)
        super().__init__(Records(state.positions, PositionView), seats)
        self.people: Mapping[str, Mapping] = Records(state.people, PersonView)
        self.units: Mapping[str, Mapping] = Records(state.units, UnitView)
        self.successors = [{"person": person, "position": position} for person, position in state.nominations]
        self._position_rows = state.positions

    def holder_ids(self, position: str) -> list[str]:
        return [person for person, _ in self._position_rows[position][_HOLDERS]]


_HOLDERS = POSITION_ROW.index("holders")


def _source(person: Mapping) -> str:
    return person.get("source") or "manual"


def _status(person: Mapping) -> str:
    return person.get("status") or "active"


def _seats_of(positions: Iterable[Mapping]) -> dict[str, list[str]]:
    """person -> the ids of the positions they hold, sorted."""
    seats: dict[str, list[str]] = defaultdict(list)
    for position in sorted(positions, key=lambda p: p["id"]):
        for person, _ in holder_pairs(position):
            seats[person].append(position["id"])
    return seats


def _managers(seat_ids: Iterable[str], seats: _Seats) -> list[str]:
    """Who holds the positions that ``seat_ids`` report to, sorted."""
    bosses = set()
    for seat in seat_ids:
        above = seats.positions.get(seat, {}).get("reports_to")
        if above in seats.positions:
            bosses.update(seats.holder_ids(above))
    return sorted(bosses)


def _indexes(doc: Mapping[str, list[Mapping]]) -> dict[str, dict[str, int]]:
    """section -> id -> the record's place in the snapshot's document (its label is made only if it changes)."""
    return {section: {r["id"]: i for i, r in enumerate(records)} for section, records in doc.items()}


# --- refusals ---------------------------------------------------------------------------------------------------


def _refuse_manual_people(people: list[dict], stored: _Stored, where: Where, adopt_manual: bool) -> None:
    if adopt_manual:
        return
    problems = [
        Problem(
            where("people", i),
            "",
            f"person {p['id']!r} was added by hand (source 'manual'): the "
            "HR sync does not take them over (remove them, or sync with --adopt-manual)",
        )
        for i, p in enumerate(people)
        if p["id"] in stored.people and _source(stored.people[p["id"]]) != "hr"
    ]
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))


def _guard_mass_leave(leaving: int, stored: _Stored, allowed: bool, share: float) -> None:
    """Refuse to retire more than ``share`` of the active HR people at once (a cut-off export looks like that).

    >>> _guard_mass_leave(2, _Stored({"people": [{"id": f"e{i}", "source": "hr"} for i in range(10)]}), False, 0.1)
    Traceback (most recent call last):
    ...
    netgraph.errors.Conflict: the snapshot would mark 2 of the 10 active HR people as left (20%, more than the \
10% allowed): is the export complete? If they did all leave, sync again with --allow-mass-leave
    """
    active = sum(1 for p in stored.people.values() if _source(p) == "hr" and _status(p) == "active")
    if allowed or leaving <= share * active:
        return
    raise Conflict(
        f"the snapshot would mark {leaving} of the {active} active HR people as left "
        f"({leaving / active:.0%}, more than the {share:.0%} allowed): is the export complete? "
        "If they did all leave, sync again with --allow-mass-leave"
    )


# --- people ---------------------------------------------------------------------------------------------------


def _person_change(record: dict, stored: _Stored, snapshot: _Seats) -> Change:
    before = stored.people.get(record["id"])
    if before is None:
        return Change("people", "new", record["id"], record["name"])
    differences = [(f, before.get(f), record[f]) for f in differing(record, before, HR_FIELDS)]
    moves = _moves(record, stored, snapshot)
    if _status(before) == "left":
        kind = "returned"
    elif moves:
        kind = "moved"
    else:
        kind = "changed" if differences else "unchanged"
    return Change("people", kind, record["id"], record["name"], tuple(differences + moves))


def _moves(record: dict, stored: _Stored, snapshot: _Seats) -> list[tuple[str, object, object]]:
    """(field, old, new) for the org unit, the position and the manager that differ."""
    person = record["id"]
    moves = []
    if "org_unit" in record and record["org_unit"] != stored.people[person].get("org_unit"):
        moves.append(("org_unit", stored.people[person].get("org_unit"), record["org_unit"]))
    seats_now, seats_before = snapshot.seats_of.get(person, []), stored.seats_of.get(person, [])
    if seats_now != seats_before:
        moves.append(("seat", _joined(seats_before), _joined(seats_now)))
    managers_now = _managers(seats_now, snapshot)
    managers_before = _managers(seats_before, stored)
    if managers_now != managers_before:
        moves.append(("manager", _joined(managers_before), _joined(managers_now)))
    return moves


def _joined(ids: list[str]) -> str | None:
    return ", ".join(ids) or None


# --- units and positions -------------------------------------------------------------------------------------


def _record_change(section: str, record: dict, before: Mapping | None, fields: tuple[str, ...]) -> Change:
    label = record.get("name") or record.get("title") or ""
    if before is None:
        return Change(section, "new", record["id"], label)
    differences = tuple((f, before.get(f), record[f]) for f in differing(record, before, fields))
    return Change(section, "changed" if differences else "unchanged", record["id"], label, differences)


def _unit_change(record: dict, before: Mapping | None) -> Change:
    """A unit the snapshot names as a department, or only as a parent (a record with no ``name``).

    A unit named only as a parent is new when the store lacks it (it is
    then named by its id); a stored one is left as it is, whoever made it:
    the export says it exists, not what it is called, where it sits, or
    that the HR system should own a unit someone added by hand.
    """
    if "name" in record:
        return _record_change("org_units", record, before, UNIT_FIELDS)
    if before is None:
        return Change("org_units", "new", record["id"], record["id"])
    return Change("org_units", "unchanged", record["id"], before.get("name") or "")


def _position_targets(doc_positions: list[dict], stored: _Stored, hr_people: set[str]) -> dict[str, dict]:
    """Every position as it should be: the snapshot's (keeping holders added by hand), and any other stored
    position an HR person holds, without them (the snapshot says where HR people sit)."""
    targets = {}
    for position in doc_positions:
        before = stored.positions.get(position["id"])
        kept = [h for h in holder_pairs(before) if h[0] not in hr_people] if before is not None else []
        given = holder_pairs(position)
        holders = sorted([*given, *kept], key=lambda h: h[0])
        # most often the snapshot's own holders: the record itself then, not a copy of every position
        targets[position["id"]] = (
            position
            if holders == list(given)
            else {**position, "holders": [{"person": person, "since": since} for person, since in holders]}
        )
    for position_id in stored.positions:
        if position_id not in targets and any(p in hr_people for p in stored.holder_ids(position_id)):
            before = stored.positions[position_id]
            holders = [h for h in before.get("holders", []) if h["person"] not in hr_people]
            targets[position_id] = {**before, "holders": holders}
    return dict(sorted(targets.items()))


def _gone(
    doc: Mapping[str, list[dict]], targets: Mapping[str, dict], stored: _Stored, hr_people: set[str], departed: set[str]
) -> list[Gone]:
    """The units and positions that were the HR system's and that the snapshot no longer names."""
    named = {"org_units": {u["id"] for u in doc["org_units"]}, "positions": {p["id"] for p in doc["positions"]}}
    released = {
        i for i in stored.positions if i not in named["positions"] and any(p in hr_people for p in stored.holder_ids(i))
    }
    left_units = {p.get("org_unit") for i, p in stored.people.items() if i in hr_people}
    left_units |= {stored.positions[i].get("org_unit") for i in released}
    candidates = {("positions", i) for i in released}
    hr_units = {i for i, u in stored.units.items() if u.get("source") == "hr"}
    candidates |= {("org_units", i) for i in ((left_units & set(stored.units)) | hr_units) - named["org_units"]}

    deletable = set(candidates)
    while True:
        references = _references(doc, targets, stored, departed, deletable, candidates)
        still = {c for c in deletable if not references.get(c)}
        if still == deletable:
            break
        deletable = still
    labels = {
        "org_units": lambda i: stored.units[i].get("name") or "",
        "positions": lambda i: stored.positions[i].get("title") or "",
    }
    return [
        Gone(section, i, labels[section](i), (section, i) in deletable, tuple(sorted(references.get((section, i), ()))))
        for section, i in sorted(candidates)
    ]


def _references(
    doc: Mapping[str, list[dict]],
    targets: Mapping[str, dict],
    stored: _Stored,
    departed: set[str],
    deleted: set[tuple[str, str]],
    asked: set[tuple[str, str]],
) -> dict[tuple[str, str], set[str]]:
    """(section, id) -> what refers to it once the sync is done and ``deleted`` are gone, for the ``asked``
    units and positions (the candidates: a reference to anything else is never looked at)."""
    refs: dict[tuple[str, str], set[str]] = defaultdict(set)

    def refer(target: tuple[str, str], what: str) -> None:
        if target in asked:
            refs[target].add(what)

    snapshot_people = {p["id"]: p for p in doc["people"]}
    # a snapshot record stands for the stored one, and the stored people and positions are read one at a time
    people = ((i, stored.people[i]) for i in stored.people if i not in snapshot_people)
    for person_id, person in chain(snapshot_people.items(), people):
        if person_id not in departed:
            refer(("org_units", person.get("org_unit")), f"person {person_id}")
    positions = chain(
        ((i, p, [person for person, _ in holder_pairs(p)]) for i, p in targets.items()),
        ((i, stored.positions[i], stored.holder_ids(i)) for i in stored.positions if i not in targets),
    )
    for position_id, position, holders in positions:
        if ("positions", position_id) in deleted:
            continue
        refer(("org_units", position.get("org_unit")), f"position {position_id}")
        refer(("positions", position.get("reports_to")), f"position {position_id}")
        for person in holders:
            if person not in departed:
                refer(("positions", position_id), f"person {person}")
    units = {**stored.units, **{u["id"]: {**stored.units.get(u["id"], {}), **u} for u in doc["org_units"]}}
    for unit_id, unit in units.items():
        if ("org_units", unit_id) not in deleted:
            refer(("org_units", unit.get("parent")), f"org unit {unit_id}")
    for nomination in stored.successors:
        if nomination["person"] not in departed:
            refer(("positions", nomination["position"]), f"nomination of {nomination['person']}")
    for section, position_id in asked:
        if section == "positions" and stored.positions[position_id].get("requires"):
            refs[(section, position_id)].add("required skills")
    return refs


def _shown(value: object) -> str:
    """A value in a change line: holders as ``person (since)``, anything else as ``repr`` cut short."""
    if isinstance(value, list) and all(isinstance(v, dict) and "person" in v for v in value):
        return "[" + ", ".join(h["person"] + (f" ({h['since']})" if h.get("since") else "") for h in value) + "]"
    return shown(value)
