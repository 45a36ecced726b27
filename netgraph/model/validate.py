"""Validate and normalize an interchange document before anything is written.

An import is all or nothing: :func:`validate` finds *every* problem in a
document (up to a cap) and raises one :class:`~netgraph.errors.InvalidInput`
listing them, each with file, record or line, and field. Only a document
that passes is handed to a store.

Two layers:

1. the JSON Schema (``dataset.schema.json``, shipped and documented) checks
   shapes, types, enums and ranges, and carries the limits table
   (:mod:`netgraph.model.limits`: lengths, list sizes) and the text rules
   (:mod:`netgraph.model.text`: the id rule; no control, bidirectional or
   surrogate characters);
2. the checks here need the whole document and the store's current
   contents: duplicate keys, self links, references to unknown ids, cycles
   in ``PART_OF`` / ``REPORTS_TO``, date order, a NaN strength (which any
   range lets through).

The result is *normalized*: the fields each record carries (a field it
leaves out keeps the stored value, or takes its default in a new record:
:func:`with_defaults`), KNOWS pairs ordered ``a < b``, set-like lists sorted.
Both stores keep and export exactly this form with every field
(:func:`complete`), which is why they can be compared record for record.

Examples
--------
>>> doc = {"people": [{"id": "p2", "name": "Bo"}, {"id": "p1", "name": "Al", "open_to_intros": False}],
...        "knows": [{"a": "p2", "b": "p1", "strength": 0.9}]}
>>> clean = validate(doc)
>>> clean["knows"][0]["a"], clean["knows"][0]["b"], clean["people"][0]["open_to_intros"], clean["people"][1]
('p1', 'p2', False, {'id': 'p2', 'name': 'Bo'})
>>> validate({"people": [{"id": "p1", "name": "Al"}], "knows": [{"a": "p1", "b": "p1"}]})
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: knows[0], field 'b': a person cannot know themselves
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from importlib import resources
from typing import Any, Protocol, cast

import fastjsonschema
import jsonschema

from netgraph.errors import InvalidInput, Problem
from netgraph.model import ties
from netgraph.model.records import Document
from netgraph.model.text import ID_PATTERN, MULTILINE_PATTERN, SKILL_PATTERN, id_problem, listed, shown, text_problem
from netgraph.model.vocabulary import (
    FIELDS,
    IN_FLIGHT_STATUSES,
    KEPT_WHEN_ABSENT,
    KEY_FIELDS,
    SECTIONS,
    STATUS_DATE_FIELDS,
    TIE_SOURCES,
)

#: How many problems one error report lists at most.
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Where:
    """Names the places of one input in error messages.

    >>> Where("org.json")("people", 3)
    'org.json people[3]'
    >>> Where("hr/", {"people": ["people.csv line 2"]})("people", 0)
    'people.csv line 2'
    """

    document: str = ""
    #: For inputs with lines (CSV): section -> one label per record.
    labels: Mapping[str, Sequence[str]] | None = None

    def __call__(self, section: str, index: int) -> str:
        if self.labels is not None and section in self.labels:
            return self.labels[section][index]
        return f"{self.document} {section}[{index}]".strip()


#: Which section each reference field points into.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "org_units": (("parent", "org_units"),),
    "people": (("org_unit", "org_units"),),
    "positions": (("org_unit", "org_units"), ("reports_to", "positions")),
    "knows": (("a", "people"), ("b", "people")),
    "mentorships": (("mentor", "people"), ("mentee", "people")),
    "successors": (("person", "people"), ("position", "positions")),
    "introductions": (("by", "people"), ("introduce", "people"), ("to", "people")),
}

DEFAULTS: dict[str, dict[str, object]] = {
    "org_units": {"parent": None, "source": "manual"},
    "people": {
        "preferred_name": None,
        "email": None,
        "title": None,
        "level": None,
        "location": None,
        "joined_on": None,
        "status": "active",
        "left_on": None,
        "source": "manual",
        "open_to_intros": True,
        "open_to_mentoring": True,
        "signals_opt_out": False,
        "flight_risk": None,
        "org_unit": None,
        "skills": {},
        "wants_to_grow": [],
    },
    "positions": {
        "level": None,
        "critical": False,
        "org_unit": None,
        "reports_to": None,
        "requires": [],
        "holders": [],
    },
    # a strength never given stays missing; ``sources`` of a new link come from its context (with_defaults)
    "knows": {
        "since": None,
        "strength": None,
        "context": None,
        "sources": None,
        "declared_strength": None,
        "evidence_strength": None,
        "org_chart_strength": None,
        "first_seen": None,
        "last_seen": None,
        "retired_on": None,
    },
    "mentorships": {
        "since": None,
        "until": None,
        "status": "active",
        "kind": "standard",
        "focus": [],
        "mentor_rating": None,
        "mentor_again": None,
        "mentee_rating": None,
        "mentee_again": None,
    },
    "successors": {"nominated_on": None},
    "introductions": {
        "status": "proposed",
        "closed_reason": None,
        "made_on": None,
        "accepted_on": None,
        "met_on": None,
        "declined_on": None,
        "closed_on": None,
        "note": None,
        "outcome": None,
    },
}


class ExistingData(Protocol):
    """What validation needs to know about the store it will write into."""

    def existing_keys(self, section: str, keys: list[Any]) -> set[Any]: ...

    def ancestor_links(self, section: str, ids: list[str]) -> dict[str, str]:
        """The stored child -> parent links met walking up from each of ``ids``."""
        ...

    def departed(self, ids: list[str]) -> set[str]:
        """Those of ``ids`` whose status is ``left``."""
        ...


def record_key(section: str, record: dict[str, Any]) -> str | tuple[str, ...]:
    """The merge key of a record: its id, or its end points for a link.

    >>> record_key("knows", {"a": "p2", "b": "p1"})
    ('p1', 'p2')
    """
    fields = KEY_FIELDS[section]
    if section == "knows":
        return tuple(sorted((record["a"], record["b"])))
    if len(fields) == 1:
        key: str = record[fields[0]]
        return key
    return tuple(record[f] for f in fields)


def validate(
    data: object,
    *,
    where: Where = Where(),
    existing: ExistingData | None = None,
    limit: int = MAX_PROBLEMS,
) -> Document:
    """Check a whole document; return it normalized or raise ``InvalidInput``.

    ``existing`` is the store the document will be merged into: references
    may point at ids already there, and cycle checks see its hierarchy.
    """
    check(data, where=where, existing=existing, limit=limit)
    return cast(Document, normalize_document(data))  # type: ignore[arg-type]  # check() accepted a dict


def stored_problems(document: dict[str, Any]) -> list[str]:
    """One line per stored value the current rules would refuse (written before them), naming its record.

    ``document`` is a store's export. Every rule of an import applies (a NaN
    strength, a name with a character now refused...); the record is named
    by its key (``knows p1-p2``), not by its place in the export.

    >>> stored_problems({"people": [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}],
    ...                  "knows": [{"a": "p1", "b": "p2", "strength": float("nan")}]})
    ["knows p1-p2, field 'strength': nan is not a number"]
    """
    labels = {
        section: [f"{section} {_key_text(section, record)}" for record in document.get(section, [])]
        for section in SECTIONS
    }
    try:
        check(document, where=Where("", labels), limit=sys.maxsize)
    except InvalidInput as refused:
        return [str(problem) for problem in refused.problems]
    return []


def _key_text(section: str, record: dict[str, Any]) -> str:
    try:
        key = record_key(section, record)
    except (KeyError, TypeError):
        return "(a record without its key)"
    return "-".join(map(str, key)) if isinstance(key, tuple) else str(key)


def check(
    data: object, *, where: Where = Where(), existing: ExistingData | None = None, limit: int = MAX_PROBLEMS
) -> None:
    """:func:`validate` without the normalized document: raise ``InvalidInput`` or return.

    The bulk load checks a document in one process while another normalizes it.

    >>> check({"people": [{"id": "p1", "name": "Ada"}]}) is None
    True
    """
    _check(data, where, existing, limit)


def _check(data: object, where: Where, existing: ExistingData | None, limit: int) -> None:
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InvalidInput(
            [Problem(where.document or "input", "", "expected a JSON object with the sections " + ", ".join(SECTIONS))]
        )
    broken = _schema_problems(data, where, problems)
    given = {s: data[s] if isinstance(data.get(s), list) else [] for s in SECTIONS}
    sections = {s: [r for i, r in enumerate(given[s]) if (s, i) not in broken] for s in SECTIONS}
    indexes = {s: [i for i in range(len(given[s])) if (s, i) not in broken] for s in SECTIONS}

    def report(section: str, position: int, field: str, message: str) -> None:
        problems.append(Problem(where(section, indexes[section][position]), field, message))

    keys = _check_duplicates(sections, report)
    for section in ("org_units", "people", "positions"):
        # a record refused for its shape still declares its id: no echo errors
        keys[section].update(r["id"] for r in given[section] if isinstance(r, dict) and isinstance(r.get("id"), str))
    _check_records(sections, report)
    _check_references(sections, keys, existing, report)
    _check_cycles(sections, existing, report)
    _check_leavers(sections, existing, report)

    if problems:
        raise InvalidInput(problems[:limit], total=len(problems))


def normalize_document(data: dict[str, Any]) -> dict[str, Any]:
    """The sections of a document :func:`validate` accepted, normalized and in canonical order.

    :func:`validate` returns exactly this. The bulk load calls it on its own while
    another process validates the same document (``netgraph.localdb.bulk_load``);
    on a document :func:`validate` would refuse it may fail in any way.

    >>> normalize_document({"knows": [{"a": "p2", "b": "p1"}]})["knows"][0]["a"]
    'p1'
    """
    return {
        s: sorted((normalize_record(s, r) for r in data[s]), key=partial(_sort_key, s)) for s in SECTIONS if s in data
    }


def normalize_record(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """The fields a record carries, in canonical form: set-like lists sorted, KNOWS ``a < b``.

    A field the record leaves out stays out (every field but the keys is in
    :data:`~netgraph.model.vocabulary.KEPT_WHEN_ABSENT`): the store keeps what it
    holds, and a new record takes the default from :func:`with_defaults`.

    >>> normalize_record("people", {"id": "p1", "name": "Al", "wants_to_grow": ["go", "c", "go"]})
    {'id': 'p1', 'name': 'Al', 'wants_to_grow': ['c', 'go']}
    >>> normalize_record("knows", {"a": "p2", "b": "p1", "strength": 1})
    {'a': 'p1', 'b': 'p2', 'strength': 1.0, 'declared_strength': 1.0}
    """
    out = dict(record)
    if section == "knows" and out["a"] > out["b"]:
        out["a"], out["b"] = out["b"], out["a"]
    elif section == "people":
        if "skills" in out:
            out["skills"] = dict(sorted(out["skills"].items()))
        if "wants_to_grow" in out:
            out["wants_to_grow"] = sorted(set(out["wants_to_grow"]))
    elif section == "positions":
        if "requires" in out:
            out["requires"] = sorted(set(out["requires"]))
        if "holders" in out:
            out["holders"] = sorted(
                ({"person": h["person"], "since": h.get("since")} for h in out["holders"]), key=lambda h: h["person"]
            )
    elif section == "mentorships" and "focus" in out:
        out["focus"] = list(dict.fromkeys(out["focus"]))
    if section == "knows":
        for name in ("strength", "declared_strength", "evidence_strength", "org_chart_strength"):
            if isinstance(out.get(name), int) and not isinstance(out[name], bool):
                out[name] = float(out[name])
        if "strength" in out and "declared_strength" not in out:  # an old record's strength is what somebody declared
            out["declared_strength"] = out["strength"]
        if out.get("sources") is not None:
            out["sources"] = [s for s in TIE_SOURCES if s in out["sources"]]
    return {field: out[field] for field in FIELDS[section] if field in out}


def with_defaults(section: str, record: dict[str, Any], stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """A normalized record completed for writing: the fields it left out from ``stored``, else
    their defaults.

    ``stored`` holds what the store keeps on the node or link itself; a link
    field (a person's ``org_unit``, ``skills``...) it does not hold comes out
    as its default, so a writer must touch only the links the record carries.

    >>> with_defaults("people", {"id": "p1", "name": "Al"}, {"status": "left", "title": "CTO"})["title"]
    'CTO'
    >>> with_defaults("people", {"id": "p1", "name": "Al"})["status"]
    'active'
    """
    defaults = DEFAULTS[section]
    if len(record) == len(FIELDS[section]) and section != "knows":
        return record
    full = dict(record)
    for f in KEPT_WHEN_ABSENT[section]:  # called once per record of an import: plain loops
        if f not in record:
            full[f] = defaults.get(f) if stored is None else stored.get(f, defaults.get(f))
    if section == "knows":
        full.update(ties.provenance(full, given_sources="sources" in record, stored=stored))
    return {f: full[f] for f in FIELDS[section] if f in full}


def complete(document: dict[str, Any]) -> dict[str, Any]:
    """A normalized document as a new, empty store would hold and export it: every field, defaults filled.

    >>> complete({"people": [{"id": "p1", "name": "Al"}]})["people"][0]["source"]
    'manual'
    """
    return {section: [complete_record(section, r) for r in records] for section, records in document.items()}


def complete_record(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """One record of a valid document as a new, empty store would hold and export it (see :func:`complete`).

    >>> complete_record("knows", {"a": "p2", "b": "p1", "strength": 0.5})["sources"]
    ['declared']
    """
    return with_defaults(section, normalize_record(section, record))


def _sort_key(section: str, record: dict[str, Any]) -> tuple[str, ...]:
    key = record_key(section, record)
    return key if isinstance(key, tuple) else (key,)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the interchange document (``dataset.schema.json``)."""
    text = resources.files("netgraph.model").joinpath("dataset.schema.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def is_iso_date(value: object) -> bool:
    """``YYYY-MM-DD`` and a real day (Python 3.11 would also take ``20200101``).

    Anything but text passes: a format speaks only of strings (``null`` is
    checked by the field's type), and the explaining validator asks about every value.

    >>> is_iso_date("2024-02-29"), is_iso_date("2023-02-29"), is_iso_date("20200101"), is_iso_date(None)
    (True, False, False, True)
    """
    if not isinstance(value, str):
        return True
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("date")(is_iso_date)


@lru_cache(maxsize=1)
def _validators() -> dict[str, tuple[Callable[[object], object], jsonschema.protocols.Validator]]:
    """Per section item: a compiled validator that says yes or no fast (a million
    records in seconds), and a thorough one that explains a record it refused
    with every problem and its path."""
    props = schema()["properties"]
    return {
        s: (
            fastjsonschema.compile(props[s]["items"], formats={"date": is_iso_date}),
            jsonschema.Draft202012Validator(props[s]["items"], format_checker=_FORMATS),
        )
        for s in SECTIONS
    }


def _schema_problems(data: dict[str, Any], where: Where, problems: list[Problem]) -> set[tuple[str, int]]:
    """Append shape/type problems; return the (section, index) of broken records."""
    document = where.document or "input"
    for name in data:
        if name not in SECTIONS:
            problems.append(Problem(document, name, f"unknown section (expected one of {', '.join(SECTIONS)})"))
    broken: set[tuple[str, int]] = set()
    for section in SECTIONS:
        records = data.get(section)
        if records is None:
            continue
        if not isinstance(records, list):
            problems.append(Problem(document, section, "expected a list of records"))
            continue
        for index, record in enumerate(records):
            refused = record_schema_problems(section, record, partial(where, section, index))
            if refused:
                broken.add((section, index))
                problems.extend(refused)
    return broken


def record_schema_problems(section: str, record: object, label: Callable[[], str]) -> list[Problem]:
    """The shape and type problems of one record (none when the schema accepts it), placed at ``label()``.

    A streaming load checks its records one at a time with this, as :func:`validate` does.
    """
    fast, thorough = _validators()[section]
    try:
        fast(record)
    except fastjsonschema.JsonSchemaValueException as refusal:  # what a compiled validator raises
        place = label()
        errors = list(thorough.iter_errors(record))
        if not errors:  # the two validators disagree: trust the refusal
            return [Problem(place, "", refusal.message)]
        return [Problem(place, _field_of(error), _message_of(error)) for error in errors]
    return []


def _field_of(error: jsonschema.ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "required":
        field: str = error.message.split("'")[1]
        return field
    if error.validator == "additionalProperties" and not path:
        return listed(sorted(set(error.instance) - set(error.schema.get("properties", {}))))
    return path


def _message_of(error: jsonschema.ValidationError) -> str:
    """The refusal in words, quoting the value cut short (it may be 20 MB of text)."""
    value, limit = error.instance, error.validator_value
    if error.validator == "required":
        return "is required"
    if error.validator == "additionalProperties" and not error.absolute_path:
        return "unknown field"
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in limit)
        return f"{shown(value)} is not one of: {allowed}"
    if error.validator == "format":
        return f"{shown(value)} is not an ISO 8601 date (YYYY-MM-DD)"
    if error.validator == "maxLength":
        return f"{len(value)} characters, more than the limit of {limit}"
    if error.validator in ("maxItems", "maxProperties"):
        return f"{len(value)} items, more than the limit of {limit}"
    if error.validator == "pattern":
        return _pattern_message(limit, value)
    if error.validator == "type":
        wanted = ", ".join(repr(t) for t in (limit if isinstance(limit, list) else [limit]))
        return f"{shown(value)} is not of type {wanted}"
    if error.validator in ("minimum", "maximum"):
        side = "less" if error.validator == "minimum" else "greater"
        return f"{shown(value)} is {side} than the {error.validator} of {limit}"
    message: str = error.message
    return message if len(message) <= 200 else message[:200] + "..."


def _pattern_message(pattern: str, value: str) -> str:
    if pattern == ID_PATTERN:
        return id_problem(value) or f"{shown(value)} is not a valid id"
    if pattern == SKILL_PATTERN and (";" in value or ":" in value):
        return f"{shown(value)} must not contain ';' or ':'"
    return text_problem(value, multiline=pattern == MULTILINE_PATTERN) or f"{shown(value)} does not match {pattern}"


Report = Callable[[str, int, str, str], None]


def _check_duplicates(sections: dict[str, list[dict[str, Any]]], report: Report) -> dict[str, set[Any]]:
    keys: dict[str, set[Any]] = {}
    for section, records in sections.items():
        seen: dict[object, int] = {}
        for position, record in enumerate(records):
            key = record_key(section, record)
            if key in seen:
                field = KEY_FIELDS[section][0]
                shown = key if isinstance(key, str) else " / ".join(key)
                report(section, position, field, f"duplicate of an earlier record ({shown})")
            else:
                seen[key] = position
        keys[section] = set(seen)
    return keys


#: The numbers of a KNOWS link (every one a strength in [0, 1]).
_KNOWS_NUMBERS = ("strength", "declared_strength", "evidence_strength", "org_chart_strength")


#: The sections :func:`record_problems` speaks of, in the order a report lists their problems.
RECORD_CHECKED = ("knows", "mentorships", "people", "introductions", "positions")


def _check_records(sections: dict[str, list[dict[str, Any]]], report: Report) -> None:
    for section in RECORD_CHECKED:
        for position, r in enumerate(sections[section]):
            for field, message in record_problems(section, r):
                report(section, position, field, message)


def record_problems(section: str, r: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, message) for each rule one record breaks on its own (self links, date order, NaN...);
    ``r`` has passed the schema."""
    if section == "knows":
        if r["a"] == r["b"]:
            yield "b", "a person cannot know themselves"
        for field in _KNOWS_NUMBERS:  # NaN passes the schema's range
            if r.get(field) is not None and not math.isfinite(r[field]):
                yield field, f"{r[field]} is not a number"
    elif section == "mentorships":
        if r["mentor"] == r["mentee"]:
            yield "mentee", "a person cannot mentor themselves"
        if r.get("since") and r.get("until") and r["until"] < r["since"]:
            yield "until", f"{r['until']} is before since {r['since']}"
    elif section == "people":
        if r.get("status") == "active" and r.get("left_on"):
            yield "left_on", "is set, but the status is 'active'"
        if r.get("left_on") and r.get("joined_on") and r["left_on"] < r["joined_on"]:
            yield "left_on", f"{r['left_on']} is before joined_on {r['joined_on']}"
    elif section == "introductions":
        status = r.get("status", "proposed")
        if r.get("closed_reason") is not None and status != "closed":
            yield "closed_reason", "only a closed introduction has a reason"
        for field in STATUS_DATE_FIELDS.values():
            if r.get(field) and r[field] < r["created_on"]:
                yield field, f"{r[field]} is before created_on {r['created_on']}"
        if r["introduce"] == r["to"]:
            yield "to", "cannot introduce a person to themselves"
        elif r["by"] in (r["introduce"], r["to"]):
            yield "by", "the introducer must be a third person"
        if r.get("outcome") is not None and r.get("status", "proposed") != "met":
            yield "outcome", "an outcome can only be rated once the status is 'met'"
    elif section == "positions":
        seen = set()
        for holder in r.get("holders", []):
            if holder["person"] in seen:
                yield "holders", f"{holder['person']} is listed twice"
            seen.add(holder["person"])


def references(section: str, record: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(field, target section, id) for every reference a record makes."""
    for field, target in REFERENCES[section]:
        value = record.get(field)
        if value is not None:
            yield field, target, value
    if section == "positions":
        for holder in record.get("holders", []):
            yield "holders", "people", holder["person"]


def _check_references(
    sections: dict[str, list[dict[str, Any]]], keys: dict[str, set[Any]], existing: ExistingData | None, report: Report
) -> None:
    wanted: dict[str, set[str]] = {"people": set(), "org_units": set(), "positions": set()}
    for section, records in sections.items():
        for record in records:
            for _field, target, value in references(section, record):
                if value not in keys[target]:
                    wanted[target].add(value)
    found = {
        target: (existing.existing_keys(target, sorted(ids)) if existing and ids else set())
        for target, ids in wanted.items()
    }
    for section, records in sections.items():
        for position, record in enumerate(records):
            for field, target, value in references(section, record):
                if value not in keys[target] and value not in found[target]:
                    report(section, position, field, unknown_reference(target, value))


def unknown_reference(target: str, value: str) -> str:
    """The refusal of a reference to an id that is nowhere.

    >>> unknown_reference("org_units", "u9")
    "unknown org unit 'u9'"
    """
    return f"unknown {_TARGET_NAMES[target]} '{value}'"


_TARGET_NAMES = {"people": "person", "org_units": "org unit", "positions": "position"}


def _check_leavers(sections: dict[str, list[dict[str, Any]]], existing: ExistingData | None, report: Report) -> None:
    """Someone who has left holds no position, is nobody's successor, and is in no live mentorship or
    introduction: leaving ended all of those, and an import must not bring them back."""
    stated = {r["id"]: r.get("status") for r in sections["people"]}
    gone = {i for i, status in stated.items() if status == "left"}
    named: set[str] = set()
    for r in sections["positions"]:
        named.update(h["person"] for h in r.get("holders", []))
    for section, fields in (
        ("successors", ("person",)),
        ("mentorships", ("mentor", "mentee")),
        ("introductions", ("by", "introduce", "to")),
    ):
        named.update(r[f] for r in sections[section] for f in fields)
    unstated = sorted(i for i in named if i not in stated)
    if existing is not None and unstated:
        gone |= existing.departed(unstated)
    if not gone:
        return
    for section in LEAVER_CHECKED:
        for position, r in enumerate(sections[section]):
            for field, message in leaver_problems(section, r, gone):
                report(section, position, field, message)


#: The sections :func:`leaver_problems` speaks of, in the order a report lists their problems.
LEAVER_CHECKED = ("positions", "successors", "mentorships", "introductions")


def leaver_problems(section: str, r: dict[str, Any], gone: Container[str]) -> Iterator[tuple[str, str]]:
    """(field, message) for each person of ``gone`` (who have left) that record ``r`` still gives a live part."""
    if section == "positions":
        for h in r.get("holders", []):
            if h["person"] in gone:
                yield "holders", f"{h['person']} has left: they hold no position"
    elif section == "successors":
        if r["person"] in gone:
            yield "person", f"{r['person']} has left: they cannot be nominated"
    elif section == "mentorships":
        if r.get("status", "active") == "active":
            for f in ("mentor", "mentee"):
                if r[f] in gone:
                    yield f, f"{r[f]} has left: end the mentorship (status 'ended')"
    elif section == "introductions":
        if r.get("status", "proposed") in IN_FLIGHT_STATUSES:
            for f in ("by", "introduce", "to"):
                if r[f] in gone:
                    yield f, f"{r[f]} has left: close the introduction (status 'closed')"


def _check_cycles(sections: dict[str, list[dict[str, Any]]], existing: ExistingData | None, report: Report) -> None:
    """A cycle the document would make passes through one of its own records, so only the stored links
    above those records and the parents they name are read, not the whole stored tree."""
    for section, field in (("org_units", "parent"), ("positions", "reports_to")):
        records = sections[section]
        if not records:
            continue
        named = {record["id"] for record in records} | {record[field] for record in records if record.get(field)}
        parents: dict[str, str | None] = dict(existing.ancestor_links(section, sorted(named))) if existing else {}
        position_of = {}
        for position, record in enumerate(records):
            if field in record:  # a record that leaves the field out keeps its stored parent
                parents[record["id"]] = record[field]
            position_of[record["id"]] = position
        for cycle in find_cycles(parents):
            first = min(cycle, key=lambda node: position_of.get(node, len(records)))
            if first in position_of:
                report(section, position_of[first], field, cycle_message(cycle))


def cycle_message(cycle: Sequence[str]) -> str:
    """The refusal of a cycle, named from its smallest id round to it again.

    >>> cycle_message(["a", "b"])
    'creates a cycle: a -> b -> a'
    """
    return "creates a cycle: " + " -> ".join([*cycle, cycle[0]])


def links_above(parents: Mapping[str, str | None], ids: Iterable[str]) -> dict[str, str]:
    """The links of a child -> parent map met walking up from each of ``ids``: what a cycle check reads.

    >>> links_above({"a": "b", "b": "c", "d": "a", "e": "f"}, ["a", "x"])
    {'a': 'b', 'b': 'c'}
    """
    found: dict[str, str] = {}
    for start in ids:
        node = start
        while node not in found and (parent := parents.get(node)):
            found[node] = parent
            node = parent
    return found


def find_cycles(parents: Mapping[str, str | None]) -> list[list[str]]:
    """Every cycle in a child -> parent map, each once, starting at its smallest id.

    >>> find_cycles({"a": "b", "b": "c", "c": "a", "d": "a", "e": None})
    [['a', 'b', 'c']]
    """
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    cycles = []
    for start in parents:
        walk = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parents.get(node)
        if node is not None and state.get(node) == 1:
            cycle = walk[walk.index(node) :]
            turn = cycle.index(min(cycle))
            cycles.append(cycle[turn:] + cycle[:turn])
        for visited in walk:
            state[visited] = 2
    return cycles


def check_whole_number(field: str, value: object, low: int, high: int) -> int:
    """Refuse anything but a whole number from ``low`` to ``high`` (a request parameter).

    >>> check_whole_number("limit", 5, 1, 10)
    5
    >>> check_whole_number("limit", 0, 1, 10)
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request, field 'limit': must be a whole number from 1 to 10, not 0
    """
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput([Problem("request", field, f"must be a whole number from {low} to {high}, not {value!r}")])
    return value
