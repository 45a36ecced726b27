"""Recommendations for a whole cohort at once, with exposure caps, as one global assignment.

Ranking each mentee on their own sends the same few well-connected people to
everyone. A programme lead preparing introductions for a cohort wants each
person to get up to ``per_person`` (K) suggestions, and no candidate to be
suggested to more than ``max_exposure`` (N) people in the run.

**Candidates.** Each person's own ranked list, exactly as
:func:`netgraph.analysis.recommend.recommend` gives it (same introducers,
exclusions, scores), but longer: the first :func:`pool_size` places (3 x K,
at least 10, at most 100), so that when a popular candidate is capped the
assignment can fall back on the person's next best. ``recommend`` is
store-agnostic (the contract suite holds both stores to the same lists and
scores), so both stores give the same assignment.

**The assignment** maximises the total score of the suggestions made, under
the two caps: a maximum-weight b-matching, solved as a min-cost flow::

    source -> person (capacity K) -> candidate (capacity 1, cost -score) -> sink (capacity N)
    source -> sink (capacity: everything, cost 0): a suggestion is made only where it adds score

written as a linear programme and solved by HiGHS's dual simplex through
``scipy.optimize.linprog`` (a well-kept library, not a hand-written solver).
Why not networkx's ``network_simplex``, already a dependency: it gives the
same optimum but, in pure Python, many times more slowly (docs/benchmarks/cohort.md);
it stays as the exact fallback and the
reference the tests compare with. The costs are whole numbers: a score
counts to 1e-6, and among assignments of equal total score the one reaching
more people wins (a tie-break tier below the score's last unit, so it never
trades against score). The flow's matrix is totally unimodular, so the
optimum is whole: each suggestion is made or not. The problem is built in
sorted order and the solver is deterministic, so the same lists always give
the same assignment. A greedy pass (each person in turn takes their best
candidates still free) can give up much more score: see
``tests/unit/test_cohort.py``.

**The report.** The total score of the suggestions, against the *uncapped*
lists (each person's first K, caps ignored): what the caps cost, absolute and
as a share. Exposure: the Gini of how often each person is suggested, before
(uncapped) and after, over everyone in at least one person's candidate list
(:func:`netgraph.analysis.evaluate_metrics.gini`). People who get no
suggestion, and why: ``unknown id``, ``has left``, ``closed to introductions``
(they said no to being introduced, so no suggestion could become a proposal;
``recommend`` for them alone still answers), ``no introducer`` (no active
mentor, with ``via="mentors"``), ``no candidates`` (an introducer, but nobody
to suggest), ``every candidate at cap`` (all their candidates went to others).

:func:`cohort` returns plain data (the CLI prints it, a web page can show it);
:func:`propose_rows` turns the rows a person picks into ``proposed``
introductions through :func:`netgraph.analysis.introductions.propose`.

Examples
--------
>>> lists = {"ana": [("x", 0.9), ("y", 0.8)], "ben": [("x", 0.85), ("z", 0.1)]}
>>> assign(lists, per_person=1, max_exposure=1)
{'ana': ['y'], 'ben': ['x']}
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx

from netgraph.analysis.evaluate_metrics import gini
from netgraph.analysis.introductions import propose
from netgraph.analysis.recommend import MAX_LIMIT, recommend
from netgraph.errors import Conflict, InvalidInput, NetgraphError, Problem
from netgraph.model.introducers import VIA_ALL, VIA_MENTORS
from netgraph.model.limits import TEXT_MAX
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import NetworkLookups, PersistenceLookups, ProgrammeLookups

DEFAULT_PER_PERSON = 3
DEFAULT_MAX_EXPOSURE = 3
#: Most suggestions per person a run may ask for.
MAX_PER_PERSON = 20
#: Most people one candidate may be suggested to in a run.
MAX_EXPOSURE = 100_000
#: Most people in one cohort.
MAX_COHORT = 100_000
#: How many places of each person's own list the assignment may use, per suggestion asked for.
POOL_FACTOR = 3
#: ...and at least this many.
MIN_POOL = 10
#: Whose networks a cohort run may search (a named introducer makes no sense for a whole cohort).
VIAS: tuple[str, ...] = (VIA_MENTORS, VIA_ALL)
#: A score counts to this many parts in one, in the flow's whole-number costs.
SCORE_UNITS = 10**6

#: Why a person got no suggestion, in reporting order.
UNKNOWN, LEFT, CLOSED, NO_INTRODUCER, NO_CANDIDATES, AT_CAP = (
    "unknown id",
    "has left",
    "closed to introductions",
    "no introducer",
    "no candidates",
    "every candidate at cap",
)
WHY: tuple[str, ...] = (UNKNOWN, LEFT, CLOSED, NO_INTRODUCER, NO_CANDIDATES, AT_CAP)

Lists = Mapping[str, Sequence[tuple[str, float]]]


def pool_size(per_person: int) -> int:
    """How many places of each person's list the assignment may use.

    >>> pool_size(1), pool_size(3), pool_size(5), pool_size(50)
    (10, 10, 15, 100)
    """
    return min(MAX_LIMIT, max(MIN_POOL, POOL_FACTOR * per_person))


# -- the assignment --------------------------------------------------------------------------


def _flow_problem(lists: Lists) -> tuple[list[str], list[str], list[tuple[int, int, int]]]:
    """People (with a list), candidates, and the suggestion arcs ``(person index, candidate index, whole score)``."""
    people = sorted(p for p in lists if lists[p])
    candidates = sorted({c for p in people for c, _ in lists[p]})
    index = {c: i for i, c in enumerate(candidates)}
    arcs = [
        (i, index[c], round(score * SCORE_UNITS))
        for i, p in enumerate(people)
        for c, score in sorted(lists[p], key=lambda cs: cs[0])
    ]
    return people, candidates, arcs


def assign(lists: Lists, *, per_person: int, max_exposure: int) -> dict[str, list[str]]:
    """The suggestions of maximum total score: at most ``per_person`` each, nobody to more than ``max_exposure``.

    ``lists``: person -> ``[(candidate, score)]`` (any order; a candidate once per person).
    Among assignments of the same total score (to 1e-6 a suggestion), the one
    that reaches more people wins. Returns person -> the candidates given,
    best score first (ties by id); people with no suggestion are left out.

    >>> assign({"a": [("x", 0.5), ("y", 0.3)], "b": [("x", 0.4)]}, per_person=2, max_exposure=1)
    {'a': ['x', 'y']}
    >>> assign({"a": [("x", 0.5), ("y", 0.4)], "b": [("x", 0.5)]}, per_person=2, max_exposure=1)
    {'a': ['y'], 'b': ['x']}
    """
    people, candidates, arcs = _flow_problem(lists)
    if not people:
        return {}
    chosen = _by_linear_programme(len(people), len(candidates), arcs, per_person, max_exposure)
    if chosen is None:  # never seen; the exact integer solver is the safety net
        chosen = _by_network_simplex(len(people), len(candidates), arcs, per_person, max_exposure)
    scores = {p: dict(lists[p]) for p in people}
    given: dict[str, list[str]] = {}
    for i, j in chosen:
        given.setdefault(people[i], []).append(candidates[j])
    return {p: sorted(given[p], key=lambda c: (-scores[p][c], c)) for p in people if p in given}


def _costs(people: int, arcs: list[tuple[int, int, int]]) -> tuple[list[int], int]:
    """Whole-number costs in two tiers that never trade: a suggestion's score, then a person reached.

    A suggestion costs ``-score * (people + 1)``, a person's first suggestion
    ``-1`` more: all the people together are worth less than one unit of score.
    """
    unit = people + 1
    return [-score * unit for _, _, score in arcs], -1


def _by_linear_programme(
    people: int, candidates: int, arcs: list[tuple[int, int, int]], per_person: int, max_exposure: int
) -> list[tuple[int, int]] | None:
    """The min-cost flow as a linear programme, solved by HiGHS's dual simplex (scipy); None if not integral.

    Variables: one per suggestion arc (0-1), and per person their first
    suggestion (0-1, the "person reached" bonus) and the rest (0 to K-1).
    Rows: per person, arcs = first + rest; per candidate, arcs <= N. A
    network matrix is totally unimodular, so the simplex's optimal vertex is
    whole; the costs are whole numbers far below 2**53 and HiGHS's tolerance
    (1e-7) is far below one unit, so the optimum is exact, tie tiers included
    (``tests/unit/test_cohort.py`` checks it against networkx's exact
    network simplex).
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    arc_costs, first_cost = _costs(people, arcs)
    n = len(arcs)
    cost = np.array([*arc_costs, *([first_cost] * people), *([0] * people)], dtype=float)
    columns = n + 2 * people
    persons = [i for i, _, _ in arcs]
    equal = csr_matrix(
        ([1.0] * n + [-1.0] * (2 * people), (persons + list(range(people)) * 2, list(range(columns)))),
        shape=(people, columns),
    )
    capped = csr_matrix(([1.0] * n, ([j for _, j, _ in arcs], list(range(n)))), shape=(candidates, columns))
    bounds = [(0, 1)] * (n + people) + [(0, per_person - 1)] * people
    found = linprog(
        cost,
        A_ub=capped,
        b_ub=[max_exposure] * candidates,
        A_eq=equal,
        b_eq=[0] * people,
        bounds=bounds,
        method="highs-ds",
    )
    if found.status != 0 or any(abs(x - round(x)) > 1e-6 for x in found.x):
        return None
    return [(i, j) for (i, j, _), x in zip(arcs, found.x[:n], strict=True) if x > 0.5]


def _by_network_simplex(
    people: int, candidates: int, arcs: list[tuple[int, int, int]], per_person: int, max_exposure: int
) -> list[tuple[int, int]]:
    """The same min-cost flow in whole numbers with networkx's network simplex: exact, 7-15x slower."""
    arc_costs, first_cost = _costs(people, arcs)
    wanted = people * per_person
    graph = nx.MultiDiGraph()
    graph.add_node("source", demand=-wanted)
    graph.add_node("sink", demand=wanted)
    graph.add_edge("source", "sink", capacity=wanted, weight=0)  # a suggestion is made only where it adds
    for i in range(people):
        graph.add_edge("source", ("person", i), capacity=1, weight=first_cost)
        if per_person > 1:
            graph.add_edge("source", ("person", i), capacity=per_person - 1, weight=0)
    for (i, j, _), weight in zip(arcs, arc_costs, strict=True):
        graph.add_edge(("person", i), ("candidate", j), capacity=1, weight=weight)
    for j in range(candidates):
        graph.add_edge(("candidate", j), "sink", capacity=max_exposure, weight=0)
    _, flow = nx.network_simplex(graph)
    return [(i, j) for i, j, _ in arcs if flow[("person", i)][("candidate", j)][0] > 0]


def greedy(lists: Lists, *, per_person: int, max_exposure: int) -> dict[str, list[str]]:
    """The greedy pass the assignment replaces: people in id order, each takes their best still free.

    For comparison only (tests, the benchmark): it is what ranking each person
    on their own and stopping at the cap gives.

    >>> greedy({"a": [("x", 0.9), ("y", 0.8)], "b": [("x", 0.85), ("z", 0.1)]}, per_person=1, max_exposure=1)
    {'a': ['x'], 'b': ['z']}
    """
    exposure: dict[str, int] = {}
    given: dict[str, list[str]] = {}
    for p in sorted(lists):
        for c, _ in sorted(lists[p], key=lambda cs: (-cs[1], cs[0])):
            if len(given.get(p, [])) == per_person:
                break
            if exposure.get(c, 0) < max_exposure:
                exposure[c] = exposure.get(c, 0) + 1
                given.setdefault(p, []).append(c)
    return given


def total_score(lists: Lists, given: Mapping[str, Sequence[str]]) -> float:
    """The sum of the scores of the suggestions given (in a fixed order, so sums agree to the last bit)."""
    scores = {p: dict(lists[p]) for p in given}
    return math.fsum(scores[p][c] for p in sorted(given) for c in given[p])


def uncapped(lists: Lists, per_person: int) -> dict[str, list[str]]:
    """Each person's first ``per_person`` candidates, caps ignored."""
    return {
        p: [c for c, _ in sorted(lists[p], key=lambda cs: (-cs[1], cs[0]))[:per_person]]
        for p in sorted(lists)
        if lists[p]
    }


def exposure(given: Mapping[str, Sequence[str]], pool: Iterable[str]) -> dict[str, int]:
    """How many people each of ``pool`` is suggested to (0 for those never suggested)."""
    counts = dict.fromkeys(pool, 0)
    for chosen in given.values():
        for c in chosen:
            counts[c] = counts.get(c, 0) + 1
    return counts


# -- the cohort ------------------------------------------------------------------------------


def check_options(per_person: int, max_exposure: int, via: str) -> None:
    """Refuse impossible options, one message each (the CLI and a web page share them)."""
    check_whole_number("per_person", per_person, 1, MAX_PER_PERSON)
    check_whole_number("max_exposure", max_exposure, 1, MAX_EXPOSURE)
    if via not in VIAS:
        raise InvalidInput([Problem("request", "via", f"a cohort is searched via {' or '.join(VIAS)}, not {via!r}")])


def unique(people: Iterable[str]) -> list[str]:
    """The ids in their first order, each once.

    >>> unique(["p2", "p1", "p2"])
    ['p2', 'p1']
    """
    return list(dict.fromkeys(people))


def all_mentees(store: ProgrammeLookups) -> list[str]:
    """Everyone with an active mentor, by id (people who have left are not mentees any more)."""
    found: set[str] = set()
    for mentor in store.mentors_by_load():
        found.update(
            m["other"] for m in store.mentorships_of(mentor["id"]) if m["as_mentor"] and m["status"] == "active"
        )
    people = store.people(sorted(found))
    return sorted(p for p, record in people.items() if record.get("status") != "left")


def cohort(
    store: NetworkLookups,
    people: Sequence[str],
    *,
    per_person: int = DEFAULT_PER_PERSON,
    max_exposure: int = DEFAULT_MAX_EXPOSURE,
    via: str = VIA_MENTORS,
    skill: str | None = None,
    today: date | None = None,
    settings: RecommendSettings | None = None,
) -> dict[str, Any]:
    """Suggestions for everyone in ``people`` at once, under the caps; a JSON-ready report.

    Returns ``{"per_person", "max_exposure", "via", "skill", "pool",
    "people": {"asked", "suggested", "short", "without"},
    "rows": [{"person", "person_name", "candidate", "name", "introducer",
    "introducer_name", "score", "place", "reasons"}],
    "without": [{"person", "name", "why"}],
    "score": {"uncapped", "assigned", "given_up", "given_up_share", "greedy"},
    "exposure": {"candidates", "gini_uncapped", "gini_assigned", "most_uncapped", "most_assigned"}}``.
    ``rows`` are by person (in the order asked), then score; ``place`` is the
    candidate's place in the person's own list (1 = their best). ``short``
    counts people who got fewer than they could have without the caps.
    """
    check_options(per_person, max_exposure, via)
    check_whole_number("cohort size", len(people), 0, MAX_COHORT)
    settings = settings or RecommendSettings()
    asked = unique(people)
    records = store.people(asked)
    pool = pool_size(per_person)
    why: dict[str, str] = {}
    found: dict[str, list[dict[str, Any]]] = {}
    for person in asked:
        record = records.get(person)
        if record is None:
            why[person] = UNKNOWN
            continue
        if record.get("status") == "left":
            why[person] = LEFT
            continue
        if record.get("open_to_intros") is False:  # no introduction of them could be proposed
            why[person] = CLOSED
            continue
        try:
            results = recommend(store, person, via=via, limit=pool, skill=skill, today=today, settings=settings)[
                "results"
            ]
        except Conflict:  # recommend refuses only for want of an introducer (leavers are out above)
            why[person] = NO_INTRODUCER
            continue
        if not results:
            why[person] = NO_CANDIDATES
            continue
        found[person] = results
    lists = {p: [(r["candidate"], r["score"]) for r in results] for p, results in found.items()}
    given = assign(lists, per_person=per_person, max_exposure=max_exposure)
    before = uncapped(lists, per_person)
    for person in found:
        if person not in given:
            why[person] = AT_CAP
    rows = []
    for person in asked:
        places = {r["candidate"]: (place, r) for place, r in enumerate(found.get(person, []), 1)}
        for c in given.get(person, []):
            place, r = places[c]
            rows.append(
                {
                    "person": person,
                    "person_name": records[person]["name"],
                    "candidate": c,
                    "name": r["name"],
                    "introducer": r["introducer"],
                    "introducer_name": r["introducer_name"],
                    "score": r["score"],
                    "place": place,
                    "reasons": r["reasons"],
                }
            )
    everyone = sorted({c for chosen in lists.values() for c, _ in chosen})
    shown_before, shown_after = exposure(before, everyone), exposure(given, everyone)
    score_before, score_after = total_score(lists, before), total_score(lists, given)
    score_greedy = total_score(lists, greedy(lists, per_person=per_person, max_exposure=max_exposure))
    return {
        "per_person": per_person,
        "max_exposure": max_exposure,
        "via": via,
        "skill": skill,
        "pool": pool,
        "people": {
            "asked": len(asked),
            "suggested": len(given),
            "short": sum(1 for p in given if len(given[p]) < len(before[p])),
            "without": len(why),
        },
        "rows": rows,
        "without": [
            {"person": p, "name": records[p]["name"] if p in records else None, "why": why[p]}
            for p in asked
            if p in why
        ],
        "score": {
            "uncapped": _r(score_before),
            "assigned": _r(score_after),
            "given_up": _r(score_before - score_after),
            "given_up_share": _r((score_before - score_after) / score_before) if score_before else 0.0,
            "greedy": _r(score_greedy),
        },
        "exposure": {
            "candidates": len(everyone),
            "gini_uncapped": _r(gini(shown_before.values())),
            "gini_assigned": _r(gini(shown_after.values())),
            "most_uncapped": max(shown_before.values(), default=0),
            "most_assigned": max(shown_after.values(), default=0),
        },
    }


def _r(x: float) -> float:
    return round(x, 6)


# -- from rows to proposals ------------------------------------------------------------------


def propose_rows(
    store: PersistenceLookups, rows: Iterable[Mapping[str, Any]], *, note: str | None = None, today: date | None = None
) -> dict[str, Any]:
    """Record the chosen rows as ``proposed`` introductions: the introducer introduces the person to the candidate.

    ``rows``: rows of :func:`cohort` (``person``, ``candidate``, ``introducer``)
    that someone chose. Each goes through
    :func:`netgraph.analysis.introductions.propose` (its checks, its audit
    event); one refused does not stop the others. Returns ``{"proposed":
    [introduction records], "refused": [{"person", "candidate",
    "introducer", "why"}]}``.
    """
    proposed, refused = [], []
    for row in rows:
        try:
            proposed.append(propose(store, row["introducer"], row["person"], row["candidate"], note=note, today=today))
        except NetgraphError as exc:
            refused.append(
                {
                    "person": row["person"],
                    "candidate": row["candidate"],
                    "introducer": row["introducer"],
                    "why": str(exc),
                }
            )
    return {"proposed": proposed, "refused": refused}


# -- a cohort file ---------------------------------------------------------------------------


def read_cohort_csv(text: str, where: str = "cohort") -> list[str]:
    """The ids of a CSV with a ``person`` column (other columns ignored; blank cells skipped).

    >>> read_cohort_csv("name,person\\nDana,p033\\n,\\nAda, p001 \\n")
    ['p033', 'p001']
    >>> read_cohort_csv("id\\np1\\n")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: cohort: needs a 'person' column (found: id)
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [h.strip() for h in next(reader, [])]
    if "person" not in header:
        raise InvalidInput([Problem(where, "", f"needs a 'person' column (found: {', '.join(header) or 'nothing'})")])
    column = header.index("person")
    people, problems = [], []
    for row in reader:
        cell = row[column].strip() if column < len(row) else ""
        if not cell:
            continue
        if len(cell) > TEXT_MAX["id"]:
            problems.append(
                Problem(f"{where} line {reader.line_num}", "person", f"longer than {TEXT_MAX['id']} characters")
            )
            continue
        people.append(cell)
    if problems:
        raise InvalidInput(problems)
    if not people:
        raise InvalidInput([Problem(where, "person", "names nobody")])
    return people
