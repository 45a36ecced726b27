"""Validate a document record by record, holding compact indexes instead of its records.

:func:`~netgraph.model.validate.validate` takes the whole document as dicts:
at a million people that is more than 10 GB. A first load of a CSV folder
(``netgraph db local load``) reads it one record at a time and hands each to
:class:`StreamCheck`, which keeps only what the rules that need the whole
graph look at:

* every id interned to an integer (:class:`Interned`: one dict from id to
  number and one list back), with a byte per id saying whether a record
  declares it, and one saying whether a valid record has taken it already
  (duplicates);
* each unit's parent and each position's manager as numbers in an ``array``,
  for the cycle walks at the end;
* the links' keys as pairs of numbers packed into one integer;
* who has left, a byte per person.

The sections must come in :data:`~netgraph.model.vocabulary.SECTIONS` order
(units, people, positions, then the links), as a CSV folder is read: every
reference then points into a section read before, except a unit's parent and
a position's manager, which are checked when the load ends.

The problems are the ones :func:`~netgraph.model.validate.check` finds, with
the same words, places and order, and the same total; the rules themselves
are the validator's own (``record_schema_problems``, ``record_problems``,
``leaver_problems``...), so there is one definition of each. Only the first
``limit`` problems of each kind are kept.

Example
-------
>>> check = StreamCheck()
>>> check.record("people", "people.csv line 2", {"id": "p1", "name": "Ada"})
{'id': 'p1', 'name': 'Ada'}
>>> _ = check.record("knows", "knows.csv line 2", {"a": "p1", "b": "p9"})
>>> check.finish()
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: knows.csv line 2, field 'b': unknown person 'p9'
"""

from __future__ import annotations

from array import array
from typing import Any

from netgraph.errors import InvalidInput, Problem
from netgraph.model.validate import (
    LEAVER_CHECKED,
    MAX_PROBLEMS,
    RECORD_CHECKED,
    REFERENCES,
    cycle_message,
    leaver_problems,
    normalize_record,
    record_key,
    record_problems,
    record_schema_problems,
    references,
    unknown_reference,
)
from netgraph.model.vocabulary import KEY_FIELDS, SECTIONS

#: Sections whose records are keyed by an id of their own (the others are links between them).
KEYED = ("org_units", "people", "positions", "introductions")
#: The two trees: section -> the field naming the record's parent in the same section.
TREES = {"org_units": "parent", "positions": "reports_to"}
#: A link's two numbers packed into one integer: ``first << SHIFT | second``.
SHIFT = 32
_NONE = -1
#: in a tree's parents: no record with the parent field has named this id (not in the validator's dict)
_ABSENT = -2
_RANK = {section: rank for rank, section in enumerate(SECTIONS)}
#: the order of a record's references in a report: its reference fields, then its holders
_REFERENCE_FIELDS = {section: [field for field, _ in fields] + ["holders"] for section, fields in REFERENCES.items()}


class Interned:
    """The ids of one section as the integers 0, 1, 2... in the order first met.

    >>> ids = Interned()
    >>> ids("u2"), ids("u1"), ids("u2"), ids.names, ids.get("u9")
    (0, 1, 0, ['u2', 'u1'], -1)
    """

    def __init__(self) -> None:
        self.number: dict[str, int] = {}
        self.names: list[str] = []
        #: 1 where a record (valid or not) declares the id
        self.declared = bytearray()
        #: 1 where a record the schema accepts has taken the id (a second one is a duplicate)
        self.taken = bytearray()

    def __call__(self, name: str) -> int:
        number = self.number.get(name)
        if number is None:
            number = self.number[name] = len(self.names)
            self.names.append(name)
            self.declared.append(0)
            self.taken.append(0)
        return number

    def get(self, name: str) -> int:
        """The id's number, or -1 if nothing has named it."""
        return self.number.get(name, _NONE)

    def __len__(self) -> int:
        return len(self.names)

    def has(self, name: object) -> bool:
        """Whether a record declares ``name``."""
        number = self.number.get(name, _NONE) if isinstance(name, str) else _NONE
        return number != _NONE and bool(self.declared[number])


class _Gone:
    """The people who have left, as :func:`leaver_problems` asks: ``person in gone``."""

    def __init__(self, people: Interned, left: bytearray):
        self.people, self.left = people, left

    def __contains__(self, person: object) -> bool:
        number = self.people.number.get(person, _NONE) if isinstance(person, str) else _NONE
        return number != _NONE and number < len(self.left) and bool(self.left[number])


class _Found:
    """The problems of one kind in one section: the first ``limit`` kept, all counted."""

    def __init__(self, limit: int):
        self.limit, self.count = limit, 0
        self.kept: list[tuple[tuple[int, ...], Problem]] = []

    def add(self, problem: Problem, order: tuple[int, ...] = ()) -> None:
        self.count += 1
        self.kept.append((order, problem))
        if len(self.kept) > 4 * self.limit:  # only the first ``limit`` in order can be listed
            self.kept = sorted(self.kept, key=lambda kept: kept[0])[: self.limit]

    def problems(self) -> list[Problem]:
        return [problem for _, problem in sorted(self.kept, key=lambda kept: kept[0])[: self.limit]]


class StreamCheck:
    """The checks of :func:`~netgraph.model.validate.check` (on an empty store), one record at a time."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.ids = {section: Interned() for section in KEYED}
        #: per tree: each id's parent (its number; -1: none, -2: never given) and its last valid record's
        #: position (as the validator's dict of parents keeps them), the ids in the order first given a
        #: parent field, and each valid record's parent and label
        self._parent = {section: array("q") for section in TREES}
        self._position = {section: array("q") for section in TREES}
        self._order = {section: array("q") for section in TREES}
        self._record_parent = {section: array("q") for section in TREES}
        self._labels: dict[str, list[str]] = {section: [] for section in TREES}
        self._left = bytearray()
        self._gone = _Gone(self.ids["people"], self._left)
        self._link_keys: dict[str, set[int]] = {"knows": set(), "mentorships": set(), "successors": set()}
        self._valid = dict.fromkeys(SECTIONS, 0)  # records the schema accepted, so far
        self._found: dict[tuple[str, str], _Found] = {}
        self._section_rank = -1

    # -- one record ------------------------------------------------------------------------------------

    def record(self, section: str, label: str, record: object) -> dict[str, Any] | None:
        """Check one record; return it normalized (``normalize_record``), or None when the schema refuses it."""
        rank = _RANK[section]
        if rank < self._section_rank:
            raise ValueError(f"{section} after {SECTIONS[self._section_rank]}: sections come in order")
        self._section_rank = rank
        if section in KEYED and isinstance(record, dict) and isinstance(record.get("id"), str):
            ids = self.ids[section]
            ids.declared[ids(record["id"])] = 1  # a refused record still declares its id: no echo errors
        refused = record_schema_problems(section, record, lambda: label)
        if refused:
            for problem in refused:
                self._add("schema", section, problem)
            return None
        assert isinstance(record, dict)  # the schema accepted it
        position = self._valid[section]
        self._valid[section] += 1
        self._duplicate(section, label, record)
        for field, message in record_problems(section, record) if section in RECORD_CHECKED else ():
            self._add("record", section, Problem(label, field, message))
        self._references(section, label, position, record)
        if section in TREES:
            self._tree(section, label, position, record)
        if section == "people":
            number = self.ids["people"].get(record["id"])
            while len(self._left) <= number:
                self._left.append(0)
            self._left[number] = record.get("status") == "left"  # the last record of an id decides
        elif section in LEAVER_CHECKED:
            for field, message in leaver_problems(section, record, self._gone):
                self._add("leaver", section, Problem(label, field, message))
        return normalize_record(section, record)

    def _duplicate(self, section: str, label: str, record: dict[str, Any]) -> None:
        if section in KEYED:
            ids = self.ids[section]
            number = ids.get(record["id"])
            duplicate = bool(ids.taken[number])
            ids.taken[number] = 1
        else:
            first, second = record_key(section, record)  # type: ignore[str-unpack]  # a link's key is a pair
            targets = ("people", "positions") if section == "successors" else ("people", "people")
            # a link's ends may be named nowhere (a problem of its own): they are still counted
            packed = self.ids[targets[0]](first) << SHIFT | self.ids[targets[1]](second)
            keys = self._link_keys[section]
            duplicate = packed in keys
            keys.add(packed)
        if duplicate:
            key = record_key(section, record)
            shown = key if isinstance(key, str) else " / ".join(key)
            problem = Problem(label, KEY_FIELDS[section][0], f"duplicate of an earlier record ({shown})")
            self._add("duplicate", section, problem)

    def _references(self, section: str, label: str, position: int, record: dict[str, Any]) -> None:
        tree_field, fields = TREES.get(section), _REFERENCE_FIELDS[section]
        holder = 0
        for field, target, value in references(section, record):
            if field == tree_field:
                continue  # may name a record further down the file: checked in finish()
            if not self.ids[target].has(value):
                order = (position, fields.index(field), holder)
                self._add("reference", section, Problem(label, field, unknown_reference(target, value)), order)
            holder += field == "holders"

    def _tree(self, section: str, label: str, position: int, record: dict[str, Any]) -> None:
        ids, parent_of, field = self.ids[section], self._parent[section], TREES[section]
        number = ids.get(record["id"])
        parent = record.get(field)
        parent_number = ids(parent) if isinstance(parent, str) else _NONE
        while len(parent_of) < len(ids):
            parent_of.append(_ABSENT)
            self._position[section].append(_NONE)
        if field in record:  # as the validator's dict of parents: a record without the field adds nothing
            if parent_of[number] == _ABSENT:
                self._order[section].append(number)
            parent_of[number] = parent_number
        self._position[section][number] = position
        self._record_parent[section].append(parent_number)
        self._labels[section].append(label)

    def _add(self, kind: str, section: str, problem: Problem, order: tuple[int, ...] = ()) -> None:
        found = self._found.get((kind, section))
        if found is None:
            found = self._found[kind, section] = _Found(self.limit)
        found.add(problem, order)

    # -- the whole document ----------------------------------------------------------------------------

    def finish(self) -> None:
        """Run the checks that need every record (tree references, cycles); raise ``InvalidInput`` with
        every problem found, in the order :func:`~netgraph.model.validate.check` lists them."""
        for section, field in TREES.items():
            ids, labels = self.ids[section], self._labels[section]
            field_rank = [f for f, _ in REFERENCES[section]].index(field)
            for position, parent in enumerate(self._record_parent[section]):
                if parent != _NONE and not ids.declared[parent]:
                    problem = Problem(labels[position], field, unknown_reference(section, ids.names[parent]))
                    self._add("reference", section, problem, (position, field_rank, 0))
        for section, field in TREES.items():
            for cycle in self._cycles(section):
                position = min(self._position[section][n] for n in cycle)
                names = [self.ids[section].names[n] for n in cycle]
                turn = names.index(min(names))
                named = names[turn:] + names[:turn]
                self._add("cycle", section, Problem(self._labels[section][position], field, cycle_message(named)))
        order = [
            *(("schema", s) for s in SECTIONS),
            *(("duplicate", s) for s in SECTIONS),
            *(("record", s) for s in RECORD_CHECKED),
            *(("reference", s) for s in SECTIONS),
            *(("cycle", s) for s in TREES),
            *(("leaver", s) for s in LEAVER_CHECKED),
        ]
        found = [self._found[key] for key in order if key in self._found]
        total = sum(f.count for f in found)
        if total:
            problems = [problem for f in found for problem in f.problems()]
            raise InvalidInput(problems[: self.limit], total=total)

    def _cycles(self, section: str) -> list[list[int]]:
        """:func:`~netgraph.model.validate.find_cycles` on the numbers: the walks start at the valid
        records in the order first met, as the validator's dict of parents does."""
        parent_of = self._parent[section]
        state = bytearray(len(parent_of))  # 1 = on the current walk, 2 = done
        cycles = []
        for start in self._order[section]:
            walk = []
            node = start
            while node >= 0 and not state[node]:
                state[node] = 1
                walk.append(node)
                node = parent_of[node] if node < len(parent_of) else _NONE
            if node >= 0 and state[node] == 1:
                cycles.append(walk[walk.index(node) :])
            for visited in walk:
                state[visited] = 2
        return cycles
