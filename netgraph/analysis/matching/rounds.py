"""A programme round from opening to closing: the pool checked, the matching run, HR's locks and forbids.

Each function reads the stored round, checks everything first (every problem
one located line; nothing is written when one is found) and saves the round
whole with its audit event (``MatchRounds.save_match_round``). The round's
shape and statuses are in :mod:`netgraph.model.match_rounds`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import date
from typing import Any, Protocol

from netgraph.analysis.matching.gather import MatchingLookups, gather_round
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.analysis.matching.report import run_round
from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.audit import entry
from netgraph.model.match_proposals import CLOSED, LIVE, proposal, side_field, status
from netgraph.model.match_rounds import LeftOut, MatchRound, RoundMember
from netgraph.model.validate import MAX_PROBLEMS
from netgraph.store.ports import Lookups, MatchRounds, NetworkLookups, Persistence, RoundLookups
from netgraph.store.rollup import descendants

#: A round's name is its id: letters, digits, ``.``, ``_`` and ``-``, at most 64.
ROUND_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class RoundRun(MatchRounds, MatchingLookups, Protocol):
    """Stored rounds and what a matching run reads: running a round."""


class UnitPool(Persistence, NetworkLookups, Protocol):
    """An org unit's tree, its members and their records: a round's pool drawn from a unit."""


def _entity(round_id: str) -> str:
    return f"match_round:{round_id}"


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS], total=len(problems))


def stored_round(store: MatchRounds, round_id: str) -> MatchRound:
    """The stored round, or NotFound."""
    found = store.match_round(round_id)
    if found is None:
        raise NotFound(f"no mentoring round {round_id!r}")
    return found


def open_round_of(store: MatchRounds, round_id: str) -> MatchRound:
    found = stored_round(store, round_id)
    if found["status"] == "closed":
        raise Conflict(f"mentoring round {round_id!r} is closed: it no longer changes")
    return found


def summary(found: MatchRound) -> dict[str, Any]:
    """The round without its members, proposals and report: what lists and most commands answer."""
    sides = [m["side"] for m in found["members"]]
    return {
        "id": found["id"],
        "status": found["status"],
        "deadline": found["deadline"],
        "mentees": sides.count("mentee"),
        "mentors": sides.count("mentor"),
        "places": sum(m["capacity"] or 0 for m in found["members"]),
        "locks": found["locks"],
        "forbids": found["forbids"],
        "matched": found["figures"]["chosen"]["matched"] if found["figures"] else None,
    }


def why_not_in_a_round(record: Mapping[str, Any]) -> str | None:
    """Why a person cannot be in a round (they left, or they stand aside), or None.

    >>> why_not_in_a_round({"id": "p1", "name": "Al", "status": "active", "open_to_mentoring": False})
    'Al (p1) stands aside from mentoring (open_to_mentoring is false)'
    """
    if record["status"] == "left":
        return f"{record['name']} ({record['id']}) has left the organisation"
    if record.get("open_to_mentoring") is False:
        return f"{record['name']} ({record['id']}) stands aside from mentoring (open_to_mentoring is false)"
    return None


def _resolver(store: Lookups, cells: Iterable[str]) -> dict[str, Mapping[str, Any]]:
    """cell (an id or an email) -> the person's record, for every cell that names someone."""
    cells = sorted(set(cells))
    by_id = store.people(cells)
    found: dict[str, Mapping[str, Any]] = {cell: by_id[cell] for cell in cells if cell in by_id}
    emails = [cell for cell in cells if cell not in found and "@" in cell]
    if emails:  # the one active person with that address, else the one who left (refused later, with why)
        chosen = {}
        for cell, statuses in store.people_with_emails(emails).items():
            ids = sorted(statuses, key=lambda i: (statuses[i] == "left", i))
            chosen[cell] = ids[0]
        by_id = store.people(sorted(set(chosen.values())))
        found.update({cell: by_id[i] for cell, i in chosen.items() if i in by_id})
    return found


def check_pool(store: Lookups, rows: list[dict[str, Any]], settings: MatchSettings, where: str) -> list[RoundMember]:
    """The round's members (person, side, capacity, preferences as ids) from ``rows``, or InvalidInput.

    Refused, one line each: an unknown person, one who left or stands aside, a person listed twice
    or on both sides, a capacity above ``max_capacity``, a ranking naming someone not on the other
    side; and a round without mentees or without mentors.
    """
    known = _resolver(store, [c for row in rows for c in (row["person"], *row["preferences"])])
    problems: list[Problem] = []
    first_line: dict[str, dict[str, Any]] = {}
    members: list[dict[str, Any]] = []
    for row in rows:
        record = known.get(row["person"])
        if record is None:
            problems.append(Problem(row["where"], "person", f"no person with this id or email: {row['person']!r}"))
            continue
        reason = why_not_in_a_round(record)
        if reason:
            problems.append(Problem(row["where"], "person", reason))
            continue
        pid = record["id"]
        if pid in first_line:
            other = first_line[pid]
            what = "is on both sides of the round" if other["side"] != row["side"] else "is listed twice"
            problems.append(Problem(row["where"], "person", f"{record['name']} ({pid}) {what} (also {other['where']})"))
            continue
        first_line[pid] = row
        if row["capacity"] is not None and row["capacity"] > settings.max_capacity:
            problems.append(
                Problem(
                    row["where"],
                    "capacity",
                    f"at most {settings.max_capacity} (the [match] max_capacity setting), not {row['capacity']}",
                )
            )
        members.append({"person": pid, "side": row["side"], "capacity": row["capacity"], "row": row})
    side_of = {m["person"]: m["side"] for m in members}
    for member in members:
        ranking: list[str] = []
        for cell in member["row"]["preferences"]:
            ranked = known.get(cell)
            wanted = "mentor" if member["side"] == "mentee" else "mentee"
            if ranked is None or side_of.get(ranked["id"]) != wanted:
                problems.append(
                    Problem(member["row"]["where"], "preferences", f"{cell!r} is not a {wanted} of this round")
                )
            elif ranked["id"] not in ranking:
                ranking.append(ranked["id"])
        member["preferences"] = ranking
    for side in ("mentee", "mentor"):
        if not problems and side not in side_of.values():
            problems.append(Problem(where, "side", f"the round has no {side}s"))
    _refuse(problems)
    return [
        {"person": m["person"], "side": m["side"], "capacity": m["capacity"], "preferences": m["preferences"]}
        for m in members
    ]


def pool_of_unit(
    store: UnitPool, unit: str, *, levels: tuple[int, int], wants: str | None, capacity: int, settings: MatchSettings
) -> list[dict[str, Any]]:
    """A round's rows from an org unit and the units below it.

    Mentees: its people whose level is within ``levels`` (and, with ``wants``, who want to grow that
    skill); mentors: its people at least ``ideal_gap`` levels above the top of that range, each with
    ``capacity`` places. People who left are not members of a unit; those who stand aside are left out.
    """
    units = store.parent_links("org_units")
    known_units = set(units) | set(units.values()) | set(store.unit_names([unit]))
    if unit not in known_units:
        raise NotFound(f"unknown org unit {unit!r}")
    under = descendants([{"id": u, "parent": p} for u, p in units.items()] + [{"id": unit, "parent": None}], unit)
    ids = sorted({p for people in store.unit_members(sorted(under)).values() for p in people})
    records = store.people(ids)
    low, high = levels
    where = f"unit {unit}"
    rows: list[dict[str, Any]] = []
    for pid in ids:
        record = records[pid]
        level = record["level"]
        if why_not_in_a_round(record) or level is None:
            continue
        if low <= level <= high and (wants is None or wants in record["wants_to_grow"]):
            rows.append({"person": pid, "side": "mentee", "capacity": None, "preferences": [], "where": where})
        elif level >= high + settings.ideal_gap:
            rows.append({"person": pid, "side": "mentor", "capacity": capacity, "preferences": [], "where": where})
    return rows


def open_round(
    store: RoundLookups,
    name: str,
    *,
    deadline: date,
    today: date,
    rows: list[dict[str, Any]],
    source: dict[str, Any],
    settings: MatchSettings,
) -> MatchRound:
    """Store a new round (status ``draft``) of the checked pool ``rows``; return it."""
    problems = []
    if not ROUND_NAME.fullmatch(name):
        problems.append(
            Problem("round", "name", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        )
    elif store.match_round(name) is not None:
        problems.append(Problem("round", "name", f"a round named {name!r} already exists"))
    if deadline < today:
        problems.append(Problem("round", "deadline", f"{deadline.isoformat()} is in the past"))
    _refuse(problems)
    members = check_pool(store, rows, settings, source.get("csv") or f"unit {source.get('unit')}")
    found: MatchRound = {
        "id": name,
        "name": name,
        "deadline": deadline.isoformat(),
        "opened_on": today.isoformat(),
        "status": "draft",
        "source": source,
        "members": members,
        "locks": [],
        "forbids": [],
        "settings": None,
        "mode": None,
        "ran_on": None,
        "proposals": None,
        "figures": None,
        "unmatched": None,
        "left_out": [],
    }
    sides = Counter(m["side"] for m in members)
    store.save_match_round(
        found,
        entry(
            "match.open",
            [_entity(name)],
            [
                {"entity": _entity(name), "field": f"{side}s", "before": None, "after": sides[side]}
                for side in sorted(sides)
            ],
        ),
    )
    return found


def run(
    store: RoundRun, round_id: str, settings: MatchSettings, *, today: date, stable: bool = False, seed: int = 0
) -> MatchRound:
    """Propose the round's matching (optimal, or stable with ``stable``) and store it; return the round.

    Members who left or stood aside since the round opened are left out of this run (``left_out``, with
    why). After proposals were sent, the run is for those left: pairs still live (sent and not
    declined or lapsed, or started) are kept as they are, their mentees and the mentors' places they
    hold are out of the run, and a declined or lapsed pair is never proposed again. The figures are
    those of this run's pool. A round where no mentor may mentor any mentee is refused, and nothing
    is written.
    """
    found = open_round_of(store, round_id)
    records = store.people([m["person"] for m in found["members"]])
    left_out: list[LeftOut] = [
        {"person": m["person"], "reason": why_not_in_a_round(records[m["person"]])}
        for m in found["members"]
        if why_not_in_a_round(records[m["person"]])
    ]
    gone = {item["person"] for item in left_out}
    stored = store.match_proposals(round_id)
    live = [p for p in stored if status(p) in LIVE]
    held = Counter(p["mentor"] for p in live)
    placed = {p["mentee"] for p in live}
    members = [m for m in found["members"] if m["person"] not in gone]
    mentees = [m["person"] for m in members if m["side"] == "mentee" and m["person"] not in placed]
    capacity = {
        m["person"]: (m["capacity"] or 0) - held[m["person"]]
        for m in members
        if m["side"] == "mentor" and (m["capacity"] or 0) - held[m["person"]] > 0
    }
    where = f"round {round_id}"
    if not mentees or not capacity:
        _refuse([Problem(where, "", "no mentees or no mentors with a free place are left in the round")])
    preferences = {m["person"]: tuple(p for p in m["preferences"] if p not in gone) for m in members}
    free = set(mentees) | set(capacity)
    locks = [(a, b) for a, b in found["locks"] if a in free and b in free]
    closed = {(p["mentor"], p["mentee"]) for p in stored if status(p) in CLOSED}
    forbids = sorted({(a, b) for a, b in found["forbids"] if a in free and b in free} | closed)
    inputs = gather_round(store, mentees, capacity, today.isoformat(), preferences)
    result = run_round(inputs, settings, stable_mode=stable, locks=locks, forbids=forbids, seed=seed)
    if not result["proposals"]:
        refusing: Counter[str] = Counter()
        for unmatched in result["unmatched"]:
            refusing.update(unmatched["constraints"])
        counts = ", ".join(f"{name} {n}" for name, n in sorted(refusing.items()))
        _refuse([Problem(where, "", f"no eligible pair: the constraints refuse every pair ({counts})")])
    before = found["figures"]["chosen"]["matched"] if found["figures"] else None
    kept: list[dict[str, Any]] = [
        {"mentor": p["mentor"], "mentee": p["mentee"], "locked": p["locked"], "fit": p["fit"], "parts": None}
        | {"why": p["why"], "kept": status(p)}
        for p in live
    ]
    ran: MatchRound = {
        **found,
        "status": "proposed",
        "settings": asdict(settings) | {"weights": dict(settings.weights)},
        "mode": result["mode"],
        "ran_on": today.isoformat(),
        "proposals": sorted(kept + result["proposals"], key=lambda p: (p["mentee"], p["mentor"])),
        "figures": result["figures"],
        "unmatched": result["unmatched"],
        "left_out": left_out,
    }
    store.save_match_round(
        ran,
        entry(
            "match.run",
            [_entity(round_id)],
            [
                {
                    "entity": _entity(round_id),
                    "field": "matched",
                    "before": before,
                    "after": result["figures"]["chosen"]["matched"],
                }
            ],
        ),
        proposals=[proposal(round_id, p) for p in result["proposals"]],
    )
    return ran


def _pair_problems(found: MatchRound, mentor: str, mentee: str) -> list[Problem]:
    sides = {m["person"]: m["side"] for m in found["members"]}
    problems = []
    if sides.get(mentor) != "mentor":
        problems.append(Problem("pair", "mentor", f"{mentor!r} is not a mentor of round {found['id']!r}"))
    if sides.get(mentee) != "mentee":
        problems.append(Problem("pair", "mentee", f"{mentee!r} is not a mentee of round {found['id']!r}"))
    return problems


def _live_problems(store: MatchRounds, round_id: str, mentor: str, mentee: str, what: str) -> list[Problem]:
    """Why a pair cannot be locked or forbidden now: the mentee already has a live proposal (sent and
    not closed, or started), which a run keeps as it is."""
    live = next(
        (p for p in store.match_proposals(round_id) if p["mentee"] == mentee and status(p) in LIVE),
        None,
    )
    if live is None or (what == "locked" and live["mentor"] == mentor):
        return []
    return [
        Problem(
            "pair",
            "mentee",
            f"{mentee} already has a {status(live)} proposal with {live['mentor']}: it cannot be {what} now",
        )
    ]


def lock(store: MatchRounds, round_id: str, mentor: str, mentee: str) -> MatchRound:
    """Lock a pair in: the next run places it first, using one of the mentor's places; return the round."""
    found = open_round_of(store, round_id)
    problems = _pair_problems(found, mentor, mentee)
    pair = [mentor, mentee]
    if not problems:
        problems += _live_problems(store, round_id, mentor, mentee, "locked")
    if not problems and pair not in found["locks"]:
        if pair in found["forbids"]:
            problems.append(Problem("pair", "", f"{mentor} and {mentee} are forbidden in this round"))
        other = next((a for a, b in found["locks"] if b == mentee), None)
        if other is not None:
            problems.append(Problem("pair", "mentee", f"{mentee} is already locked with {other}"))
        places = next(m["capacity"] or 0 for m in found["members"] if m["person"] == mentor)
        if sum(a == mentor for a, _ in found["locks"]) >= places:
            problems.append(Problem("pair", "mentor", f"{mentor}'s {places} place(s) are all locked already"))
    _refuse(problems)
    if pair in found["locks"]:
        return found
    changed: MatchRound = {**found, "locks": sorted([*found["locks"], pair])}
    store.save_match_round(changed, entry("match.lock", [_entity(round_id), f"person:{mentor}", f"person:{mentee}"]))
    return changed


def forbid(store: MatchRounds, round_id: str, mentor: str, mentee: str) -> MatchRound:
    """Forbid a pair: no run proposes it; return the round."""
    found = open_round_of(store, round_id)
    problems = _pair_problems(found, mentor, mentee)
    pair = [mentor, mentee]
    if not problems and pair in found["locks"]:
        problems.append(Problem("pair", "", f"{mentor} and {mentee} are locked in this round"))
    if not problems:
        problems += _live_problems(store, round_id, mentor, mentee, "forbidden")
    _refuse(problems)
    if pair in found["forbids"]:
        return found
    changed: MatchRound = {**found, "forbids": sorted([*found["forbids"], pair])}
    store.save_match_round(changed, entry("match.forbid", [_entity(round_id), f"person:{mentor}", f"person:{mentee}"]))
    return changed


def close(store: MatchRounds, round_id: str, *, today: date | None = None) -> MatchRound:
    """Close the round: it keeps its pairs and figures and no longer changes; return it.

    A side still to answer a sent proposal lapses (``match.lapse``, dated ``today``): nothing more
    can be answered, and the pairs both sides accepted are the round's mentorships.
    """
    found = open_round_of(store, round_id)
    day = (today or date.today()).isoformat()
    for p in store.match_proposals(round_id):
        for side in ("mentor", "mentee"):
            if side_field(p, side, "state") == "sent":
                store.answer_match_proposal(
                    round_id,
                    p["mentor"],
                    p["mentee"],
                    side,
                    "lapsed",
                    day,
                    entry("match.lapse", [_entity(round_id), f"person:{p[side]}"]),
                )
    closed: MatchRound = {**found, "status": "closed"}
    store.save_match_round(
        closed,
        entry(
            "match.close",
            [_entity(round_id)],
            [{"entity": _entity(round_id), "field": "status", "before": found["status"], "after": "closed"}],
        ),
    )
    return closed
