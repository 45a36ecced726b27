"""Normalized records to and from the parameter rows and result rows of the statements (both ways, one place)."""

from __future__ import annotations

from typing import Any

from netgraph.model.validate import DEFAULTS, with_defaults
from netgraph.model.vocabulary import FIELDS, KEPT_WHEN_ABSENT, PERSON_PROPERTIES

PROPS = {  # the fields stored as properties on the node or relationship
    "org_units": ("id", "name", "source"),
    "people": PERSON_PROPERTIES,
    "positions": ("id", "title", "level", "critical"),
    "knows": (
        "since",
        "strength",
        "context",
        "sources",
        "declared_strength",
        "evidence_strength",
        "org_chart_strength",
        "first_seen",
        "last_seen",
        "retired_on",
    ),
    "mentorships": (
        "since",
        "until",
        "status",
        "kind",
        "focus",
        "mentor_rating",
        "mentor_again",
        "mentee_rating",
        "mentee_again",
    ),
    "successors": ("readiness", "nominated_on"),
    "introductions": (
        "id",
        "status",
        "closed_reason",
        "created_on",
        "made_on",
        "accepted_on",
        "met_on",
        "declined_on",
        "closed_on",
        "note",
        "outcome",
    ),
}


def parameter_row(section: str, record: dict[str, Any]) -> dict[str, Any]:
    """A normalized record as the parameter row its import statement expects.

    Only what the record carries is written (``KEPT_WHEN_ABSENT``): ``props``
    holds the properties it carries (a null one removes the stored property),
    and the statement gives a new node or link ``$defaults`` first
    (:func:`new_defaults`); a link field (a person's ``org_unit``, ``skills``...)
    is in the row only when the record carries it. A KNOWS row is complete
    instead: ``props`` holds a new link's values and ``kept`` names the fields
    the record left out, which the statement takes from the stored link (its
    provenance is worked out from both).
    """
    if section == "knows":
        kept = [f for f in KEPT_WHEN_ABSENT["knows"] if f not in record]
        record = with_defaults(section, record)
        # null properties are not stored: the statement sets the link's properties from one map
        return {
            "a": record["a"],
            "b": record["b"],
            "kept": kept,
            "props": {k: record[k] for k in PROPS[section] if record[k] is not None},
        }
    props = PROPS[section]
    row = {k: v for k, v in record.items() if k not in props or k == "id"}
    row["props"] = {k: v for k, v in record.items() if k in props}
    if "skills" in row:
        row["skills"] = [{"name": n, "level": lvl} for n, lvl in record["skills"].items()]
    return row


def new_defaults(section: str) -> dict[str, Any]:
    """The properties a new node or link of ``section`` gets before the record's own (nulls are not stored).

    >>> new_defaults("people")  # doctest: +NORMALIZE_WHITESPACE
    {'status': 'active', 'source': 'manual', 'open_to_intros': True, 'open_to_mentoring': True,
     'signals_opt_out': False}
    """
    return {k: v for k, v in DEFAULTS[section].items() if k in PROPS[section] and v is not None}


def export_record(section: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row of an export statement as a normalized record (lists sorted as sets)."""
    if section == "people":
        row["skills"] = dict(sorted((name, level) for name, level in row["skills"]))
        row["wants_to_grow"] = sorted(row["wants_to_grow"])
    elif section == "positions":
        row["requires"] = sorted(row["requires"])
        row["holders"] = sorted(
            ({"person": h["person"], "since": h["since"]} for h in row["holders"]), key=lambda h: h["person"]
        )
        row["critical"] = bool(row["critical"])
    elif section == "mentorships":
        row["focus"] = list(row["focus"] or [])
    return {f: row[f] for f in FIELDS[section]}
