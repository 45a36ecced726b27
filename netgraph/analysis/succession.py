"""Succession coverage: who is ready to step in, where the bench is thin, and the pipeline behind it.

A nomination (``SUCCESSOR_FOR``) counts when the nominee exists, does not
hold the position, and (in a what-if) is not leaving. Per position:

status
    ``covered`` (at least one ``ready_now`` successor), ``developing`` (only
    later readiness), ``gap`` (no successor).
flags
    ``vacant`` (no incumbent); ``flight_risk`` (an incumbent's flight risk is
    high); ``thin`` (exactly one successor); ``shared_cover`` (every
    ``ready_now`` successor is also ``ready_now`` for another critical
    position, so the cover is counted twice); ``cascade`` (a ``ready_now``
    successor holds a critical position that is itself a gap).

Org units roll up over themselves and every unit ``PART_OF`` them; bench
strength is covered critical / critical positions, ``None`` ("n/a") for a
unit without critical positions. Beside it, simultaneous cover (how many of
those seats the ready-now bench could fill at the same time, and which lose
out: :mod:`netgraph.analysis.simultaneous_cover`) per unit and for the report. On Neo4j the per-position facts and the
rollups come from ``cypher/succession_*.cypher``; the embedded store computes
the same over networkx. This module orders, filters and explains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from netgraph.analysis.simultaneous_cover import lose_out_by_scope
from netgraph.errors import NotFound
from netgraph.model.rules import FLAGS, STATUSES, PipelineWeights, bench_strength
from netgraph.model.validate import check_whole_number
from netgraph.model.vocabulary import READINESS
from netgraph.store.ports import Lookups, Persistence, PipelineRow, SuccessionQueries, UnitRow


class SuccessionRecords(SuccessionQueries, Persistence, Protocol):
    """Coverage and pipelines of positions checked to exist first."""


class SuccessionReport(SuccessionRecords, Lookups, Protocol):
    """One position's report: its coverage and pipeline, with names and titles."""


#: Worst first: the order positions are listed in (after critical first).
STATUS_ORDER = tuple(reversed(STATUSES))
#: Nominated for at least this many positions: listed as "nominated for many".
MANY_NOMINATIONS = 3
#: Pipeline suggestions per position, and how they are scored.
PIPELINE_LIMIT = 5
MAX_PIPELINE_LIMIT = 20
PIPELINE_WEIGHTS = PipelineWeights()
UNIT_FIELDS = (
    "id",
    "name",
    "parent",
    "positions",
    "critical",
    "covered",
    "developing",
    "gap",
    "critical_covered",
    "bench_strength",
    "ready_now_per_critical",
)


#: STATUS_ORDER as a rank, for sorting positions worst first
_STATUS_RANK = {status: rank for rank, status in enumerate(STATUS_ORDER)}
#: READINESS's order as a rank, for sorting a position's successors
_READINESS_RANK = {readiness: rank for rank, readiness in enumerate(READINESS)}


def _as_mapping(unit: UnitRow) -> Mapping[str, Any]:
    """A unit row read by field names held in a variable (``UNIT_FIELDS``)."""
    return unit


def position_record(row: Mapping[str, Any], at_once: CoverMarks | None = None) -> dict[str, Any]:
    """A store row as the documented report entry (successor ids grouped by readiness).

    Incumbents are sorted by id, their names kept beside them; successors by readiness, then id.
    With ``at_once`` (the coverage report's), the entry also says its part in simultaneous cover
    (``cover_at_once``, ``loses_out_in``: :class:`CoverMarks`), marked as it is built.

    >>> record = position_record({"id": "lead", "title": "Lead", "level": 6, "org_unit": "u1", "critical": True,
    ...     "incumbents": ["p9", "p2"], "incumbent_names": ["Ida", "Bo"], "status": "covered", "vacant": False,
    ...     "flight_risk": False, "thin": True, "shared_cover": False, "cascade": False,
    ...     "successors": [{"person": "p5", "name": "Eve", "readiness": "ready_now", "level": 5, "holds": []}]})
    >>> record["incumbents"], record["incumbent_names"], record["flags"], record["successors"]["ready_now"]
    (['p2', 'p9'], ['Bo', 'Ida'], ['thin'], ['p5'])
    """
    details = row["successors"]
    if len(details) > 1:  # most positions have one successor or none
        rank = _READINESS_RANK
        details = sorted(details, key=lambda s: (rank[s["readiness"]], s["person"]))
    grouped: dict[str, list[str]] = {r: [] for r in READINESS}
    for s in details:
        grouped[s["readiness"]].append(s["person"])
    incumbents = row["incumbents"]
    names = row["incumbent_names"]
    if len(incumbents) > 1:
        pairs = sorted(zip(incumbents, names, strict=True))
        incumbents, names = [i for i, _ in pairs], [name for _, name in pairs]
    record = {
        "id": row["id"],
        "title": row["title"],
        "level": row["level"],
        "org_unit": row["org_unit"],
        "critical": bool(row["critical"]),
        "incumbents": list(incumbents),
        "incumbent_names": list(names),
        "status": row["status"],
        "flags": [flag for flag in FLAGS if row[flag]],
        "successors": grouped,
        "successor_details": [{**s, "holds": sorted(s["holds"]) if s["holds"] else []} for s in details],
    }
    if at_once is not None:
        if row["critical"] and grouped["ready_now"]:  # covered today: a seat of simultaneous cover
            record["cover_at_once"] = "loses_out" if row["id"] in at_once.losing else "filled"
            record["loses_out_in"] = at_once.where.get(row["id"], [])
        else:
            record["cover_at_once"], record["loses_out_in"] = None, []
    return record


class CoverMarks:
    """What the coverage report marks on each position as it builds the records.

    ``cover_at_once``: for a critical position covered today, ``filled`` when the
    report's scope can still fill it with everyone leaving at once, ``loses_out``
    when it cannot (``losing``); None otherwise. ``loses_out_in``: the units of the
    report whose scope leaves it unfilled (``where``: position -> unit ids, sorted).
    """

    __slots__ = ("losing", "where")

    def __init__(self, losing: list[str], units: list[dict[str, Any]]):
        self.losing = set(losing)
        self.where: dict[str, list[str]] = {}
        for unit in sorted((u for u in units if u["lose_out"]), key=lambda u: u["id"]):
            for position in unit["lose_out"]:
                self.where.setdefault(position, []).append(unit["id"])


def severity(record: dict[str, Any]) -> tuple[Any, ...]:
    """Critical first, then gap, developing, covered, then id."""
    return (not record["critical"], _STATUS_RANK[record["status"]], record["id"])


def totals(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts over a list of position records; ratios are None without critical positions."""
    counted = Counter(r["status"] for r in records)  # one pass each over the records and the critical ones
    critical = [r for r in records if r["critical"]]
    covered_critical = sum(r["status"] == "covered" for r in critical)
    ready = sum(len(r["successors"]["ready_now"]) for r in critical)
    return {
        "positions": len(records),
        "critical": len(critical),
        **{status: counted[status] for status in ("covered", "developing", "gap")},
        "critical_covered": covered_critical,
        "critical_gaps": sum(r["status"] == "gap" for r in critical),
        "vacant": sum("vacant" in r["flags"] for r in records),
        "bench_strength": bench_strength(len(critical), covered_critical),
        "ready_now_per_critical": ready / len(critical) if critical else None,
    }


def nominated_for_many(records: list[dict[str, Any]], *, at_least: int = MANY_NOMINATIONS) -> list[dict[str, Any]]:
    """People with at least ``at_least`` counted nominations, most first, with the positions.

    Counted first, then listed: of some 13,000 nominations at 100k people, only those of the few
    people named often become entries.
    """
    counted = Counter(s["person"] for record in records for s in record["successor_details"])
    found: dict[str, list[dict[str, Any]]] = {p: [] for p, n in counted.items() if n >= at_least}
    if found:
        for record in records:
            for s in record["successor_details"]:
                if s["person"] in found:
                    found[s["person"]].append({"position": record["id"], "readiness": s["readiness"]})
    many: list[dict[str, Any]] = [
        {"person": p, "positions": sorted(ps, key=lambda x: x["position"])} for p, ps in found.items()
    ]
    return sorted(many, key=lambda m: (-len(m["positions"]), m["person"]))


def coverage(
    store: SuccessionQueries, *, org_unit: str | None = None, critical_only: bool = False, leavers: Sequence[str] = ()
) -> dict[str, Any]:
    """The coverage report: positions (worst first), org-unit rollups, totals, people nominated many times.

    ``org_unit`` narrows everything to that unit and the units below it (read alone: the store is asked
    for that subtree, not the organisation);
    ``critical_only`` lists only critical positions (totals still count all).
    Large (some 200,000 acyclic dicts and lists at 10k positions): its callers, the
    CLI and the web, build it with the cycle collector paused (:mod:`netgraph.collector`).
    """
    found = store.coverage(list(leavers), org_unit)  # with org_unit, the store reads that unit's subtree only
    units = [{k: row[k] for k in UNIT_FIELDS} for row in map(_as_mapping, found["units"])]
    rows = found["positions"]
    if org_unit is not None and org_unit not in {u["id"] for u in units}:
        raise NotFound(f"unknown org unit {org_unit!r}")
    # A scope below org_unit holds only seats of the subtree, and who fills them depends on those seats alone
    # (a successor also named, or holding a seat, outside it competes with nothing inside): the subtree's rows
    # give each of its units the answer the whole organisation's rows would.
    lost = lose_out_by_scope(rows, {u["id"]: u["parent"] for u in units})
    for unit in units:
        add_cover(unit, lost.get(unit["id"], []))
    marks = CoverMarks(lost.get(org_unit, []), units)
    records = [position_record(r, marks) for r in rows]
    listed = [r for r in records if r["critical"] or not critical_only]
    many = nominated_for_many(records)
    named = {x["position"] for m in many for x in m["positions"]}  # the titles and names "many" needs, no more
    people = {m["person"] for m in many}
    name_places(
        listed,
        many,
        {u["id"]: u["name"] for u in found["units"]},
        {r["id"]: r["title"] for r in records if r["id"] in named},
        {
            s["person"]: s["name"]
            for r in records
            if r["id"] in named
            for s in r["successor_details"]
            if s["person"] in people
        },
    )
    return {
        "positions": sorted(listed, key=severity),
        "org_units": sorted(units, key=lambda u: u["id"]),
        "totals": add_cover(totals(records), lost.get(org_unit, [])),
        "nominated_for_many": many,
    }


def add_cover(scope: dict[str, Any], lose_out: list[str]) -> dict[str, Any]:
    """A unit's rollup or the totals (``scope``, in place) with simultaneous cover added: every critical seat
    covered today is filled at once but those that lose out (``lose_out``, from :func:`lose_out_by_scope`)."""
    at_once = scope["critical_covered"] - len(lose_out)
    scope["simultaneous_cover"] = at_once
    scope["simultaneous_strength"] = bench_strength(scope["critical"], at_once)
    scope["lose_out"] = lose_out
    return scope


def name_places(
    records: list[dict[str, Any]],
    many: list[dict[str, Any]],
    unit_names: dict[str, str],
    titles: dict[str, str],
    people: dict[str, str],
) -> None:
    """Put names beside the ids of a coverage report (in place); the people's names came with the rows.

    Each position gets ``org_unit_name``; each of ``nominated_for_many`` a
    ``name`` (from ``people``) and each of its positions a ``title``.
    """
    for r in records:
        r["org_unit_name"] = unit_names.get(r["org_unit"]) if r["org_unit"] else None
    for m in many:
        m["name"] = people.get(m["person"], m["person"])
        for x in m["positions"]:
            x["title"] = titles.get(x["position"], x["position"])


CSV_HEADER = (
    "id",
    "title",
    "org_unit",
    "org_unit_name",
    "critical",
    "status",
    "flags",
    "incumbents",
    "incumbent_names",
    "ready_now",
    "ready_now_names",
    "ready_1_2_years",
    "ready_1_2_years_names",
    "ready_3_plus_years",
    "ready_3_plus_years_names",
    "cover_at_once",
    "loses_out_in",
)


def csv_rows(report: dict[str, Any]) -> list[list[Any]]:
    """The position list of a coverage report as CSV rows (header first); lists joined by ';'.

    Each id column has a name column beside it (same order), so a spreadsheet
    reads as people think while the ids still join with other exports.

    >>> rows = csv_rows({"positions": [{"id": "pos-a", "title": "Lead", "org_unit": "u", "org_unit_name": "Ops",
    ...     "critical": True, "status": "covered", "flags": [], "incumbents": ["p1"], "incumbent_names": ["Ann"],
    ...     "successor_details": [{"person": "p2", "name": "Bo", "readiness": "ready_now"}]}]})
    >>> dict(zip(rows[0], rows[1]))["ready_now_names"]
    'Bo'
    """
    rows: list[list[Any]] = [list(CSV_HEADER)]
    for r in report["positions"]:
        by_readiness = []
        for readiness in READINESS:
            chosen = [s for s in r["successor_details"] if s["readiness"] == readiness]
            by_readiness += [
                ";".join(s["person"] for s in chosen),
                ";".join(s.get("name", s["person"]) for s in chosen),
            ]
        rows.append(
            [
                r["id"],
                r["title"],
                r["org_unit"] or "",
                r.get("org_unit_name") or "",
                r["critical"],
                r["status"],
                ";".join(r["flags"]),
                ";".join(r["incumbents"]),
                ";".join(r.get("incumbent_names", r["incumbents"])),
                *by_readiness,
                r.get("cover_at_once") or "",
                ";".join(r.get("loses_out_in", [])),
            ]
        )
    return rows


# -- one position and its pipeline ---------------------------------------------------------


def _known_positions(store: Persistence, ids: list[str]) -> None:
    missing = sorted(set(ids) - store.existing_keys("positions", list(ids)))
    if missing:
        raise NotFound("unknown position " + ", ".join(repr(m) for m in missing))


def _levels_below(gap: int) -> str:
    return "one level below the position" if gap == 1 else "two levels below the position"


def pipeline_reasons(suggestion: Mapping[str, Any], required_count: int) -> list[str]:
    """Plain words for a pipeline suggestion.

    >>> pipeline_reasons({"mentor_name": "Jin Larsen", "mentor_is_incumbent": True,
    ...                   "mentorship_status": "active", "mentorship_since": "2024-02-01",
    ...                   "skills": [["sales", 4], ["negotiation", 3]], "level_fit": 1.0}, 3)
    ['mentored by the incumbent, Jin Larsen, since 2024', 'holds 2 of 3 required skills',
     'one level below the position']
    """
    who = "the incumbent" if suggestion["mentor_is_incumbent"] else "a leader in the same unit"
    first = f"mentored by {who}, {suggestion['mentor_name']}"
    if suggestion.get("mentorship_since"):
        first += f", since {suggestion['mentorship_since'][:4]}"
    if suggestion["mentorship_status"] == "ended":
        first += " (now ended)"
    reasons = [first]
    if required_count and suggestion["skills"]:
        reasons.append(f"holds {len(suggestion['skills'])} of {required_count} required skills")
    reasons.append(_levels_below(1 if suggestion["level_fit"] == 1.0 else 2))
    return reasons


def pipeline(
    store: SuccessionRecords, *, position: str | None = None, limit: int = PIPELINE_LIMIT
) -> list[dict[str, Any]]:
    """Up to ``limit`` ranked, explained people from the mentoring pipeline per position.

    Without ``position``: every position that is a gap or developing, worst first.
    """
    check_whole_number("limit", limit, 1, MAX_PIPELINE_LIMIT)
    if position is not None:
        wanted = [_position(store, position)]
    else:
        records = [position_record(r) for r in store.position_coverage([])]
        wanted = sorted((r for r in records if r["status"] != "covered"), key=severity)
    return _pipelines(store, wanted, limit)


def _position(store: SuccessionRecords, position: str) -> dict[str, Any]:
    """One position's coverage record; NotFound if there is no such position."""
    _known_positions(store, [position])
    (record,) = (position_record(r) for r in store.position_coverage([], [position]))
    return record


def _pipelines(store: SuccessionQueries, wanted: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The pipeline of each of the ``wanted`` coverage records, in their order."""
    rows = {r["position"]: r for r in store.pipeline([r["id"] for r in wanted], PIPELINE_WEIGHTS, limit)}
    out = []
    for record in wanted:
        row = rows.get(record["id"]) or PipelineRow(position=record["id"], required_count=0, suggestions=[])
        out.append(
            {
                "position": record["id"],
                "title": record["title"],
                "critical": record["critical"],
                "status": record["status"],
                "suggestions": [
                    {**s, "reasons": pipeline_reasons(s, row["required_count"])} for s in row["suggestions"]
                ],
            }
        )
    return out


def position_report(store: SuccessionReport, position: str) -> dict[str, Any]:
    """One position: its coverage record (names come with it), its incumbents' flight risk, and its pipeline.

    ``titles`` names the positions the successors hold (id -> title).
    """
    record = _position(store, position)
    people = store.people(record["incumbents"]) if record["incumbents"] else {}  # for their flight risk
    record["incumbent_details"] = [
        {"person": p, "name": name, "flight_risk": people[p]["flight_risk"]}
        for p, name in zip(record["incumbents"], record["incumbent_names"], strict=True)
    ]
    held = sorted({h for s in record["successor_details"] for h in s["holds"]})
    record["titles"] = store.position_titles(held) if held else {}  # the seats the successors hold, by title
    record["pipeline"] = _pipelines(store, [record], PIPELINE_LIMIT)[0]["suggestions"]
    return record
