"""Whom should a mentee be introduced to? Ranked, explained, from the introducer's own network.

A *candidate* is someone an introducer personally knows (KNOWS, or a
mentorship either way). By default the introducers are the person's active
mentors; ``via="all"`` uses every contact of the person, ``via=<id>`` one
named contact. Never suggested: the person, anyone they already know or have
a mentorship with, anyone they were ever introduced to or from (a declined
introduction is not suggested again), anyone closed to introductions.

The score lies in [0, 1]::

    base  = w.goal_fit * goal_fit + w.adamic_adar * aa / (1 + aa) + w.tie_strength * tie_strength
          + w.new_reach * new_reach + w.seniority_fit * seniority_fit + w.track_record * track_record
    score = round(base * fairness, 12)

with the weights ``w`` normalized to sum to 1 (see :mod:`netgraph.analysis.settings`):

goal_fit
    sum of the candidate's levels in the skills the person wants to grow,
    over 5 x the number of those skills (``skill=`` narrows it to one skill
    and keeps only candidates who have it).
adamic_adar
    the Adamic-Adar index of person and candidate in the undirected simple
    graph of KNOWS and MENTORS links: the sum of ``1 / log(degree)`` over
    common contacts (reported raw; equal to ``networkx.adamic_adar_index``).
tie_strength
    strength of the introducer's link to the candidate (a mentorship counts
    as ``mentor_tie_strength``).
new_reach
    1 when the candidate's org unit is one where the person has no contact
    (and is not their own), else 0.
seniority_fit
    1 when the candidate is 1-3 levels above the person, 0.5 when at the same
    level or 4 above, else 0.
fairness
    ``1 / (1 + n / fairness_scale)`` where n counts introductions involving the
    candidate in the last ``fairness_window_days``: nobody gets flooded.
track_record
    the introducer's mean rated outcome on a 0-1 scale, shrunk towards the
    middle by ``track_record_prior`` neutral pseudo-ratings.

Each candidate is reached through the introducer who gives the highest score
(ties: lowest introducer id); results are ordered by score, then candidate id.

On Neo4j all of this runs in ``cypher/recommendation_inputs.cypher``, which
returns only the top ``limit``; on the embedded store the store yields raw
rows from networkx and :func:`rank` does the rest. Both give the same list.
"""

from __future__ import annotations

from datetime import date, timedelta

from netgraph.analysis.settings import RecommendSettings, settings_from_environment
from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model.introducers import VIA_ALL, VIA_MENTORS, introducer_ids
from netgraph.model.validate import check_whole_number
from netgraph.store.base import Store

#: Largest ``limit`` a caller may ask for.
MAX_LIMIT = 100
#: Most reasons given per result.
MAX_REASONS = 3


def seniority_fit(candidate_level: int | None, person_level: int | None) -> float:
    """How well the candidate's seniority suits the person.

    >>> [seniority_fit(level, 4) for level in (3, 4, 5, 7, 8, 9)]
    [0.0, 0.5, 1.0, 1.0, 0.5, 0.0]
    >>> seniority_fit(None, 4)
    0.0
    """
    if candidate_level is None or person_level is None:
        return 0.0
    gap = candidate_level - person_level
    return 1.0 if gap in (1, 2, 3) else 0.5 if gap in (0, 4) else 0.0


def fairness(recent_introductions: int, scale: float) -> float:
    """Down-weight candidates introduced to many people lately.

    >>> fairness(0, 3.0), fairness(3, 3.0), fairness(9, 3.0)
    (1.0, 0.5, 0.25)
    """
    return 1.0 / (1.0 + recent_introductions / scale)


def goal_fit(goal_skills: list[list], goals: list[str]) -> float:
    """How much of what the person wants to grow the candidate has, by level.

    >>> goal_fit([["negotiation", 4]], ["negotiation", "pricing"])
    0.4
    """
    return sum(level for _, level in goal_skills) / (5.0 * len(goals)) if goals else 0.0


def introducer_term(row: dict, w: dict[str, float]) -> float:
    """The part of the score that depends on the introducer (used to pick the best one)."""
    return round(w["tie_strength"] * row["tie_strength"] + w["track_record"] * row["track_record"], 12)


def components(row: dict, person_level: int | None, goals: list[str], settings: RecommendSettings) -> dict:
    return {
        "goal_fit": goal_fit(row["goal_skills"], goals),
        "adamic_adar": row["adamic_adar"],
        "tie_strength": row["tie_strength"],
        "new_reach": 1.0 if row["new_reach"] else 0.0,
        "seniority_fit": seniority_fit(row["level"], person_level),
        "fairness": fairness(row["recent_introductions"], settings.fairness_scale),
        "track_record": row["track_record"],
    }


def score(parts: dict, w: dict[str, float]) -> float:
    """The total, summed in the same order as the Cypher statement."""
    aa = parts["adamic_adar"]
    base = (w["goal_fit"] * parts["goal_fit"] + w["adamic_adar"] * (aa / (1.0 + aa))
            + w["tie_strength"] * parts["tie_strength"] + w["new_reach"] * parts["new_reach"]
            + w["seniority_fit"] * parts["seniority_fit"] + w["track_record"] * parts["track_record"])
    return round(base * parts["fairness"], 12)


def rank(rows: list[dict], person_level: int | None, goals: list[str], settings: RecommendSettings,
         limit: int) -> list[dict]:
    """Best introducer per candidate, scored, ordered by score then id, cut to ``limit``.

    Rows are those of ``Store.recommendation_inputs``: possibly several per
    candidate (one per introducer link), possibly already ranked and cut.
    """
    w = settings.normalized_weights()
    best: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: (-introducer_term(r, w), r["introducer"], r["tie_kind"])):
        best.setdefault(row["candidate"], row)
    scored = []
    for row in best.values():
        parts = components(row, person_level, goals, settings)
        scored.append({**row, "components": parts, "score": score(parts, w)})
    scored.sort(key=lambda r: (-r["score"], r["candidate"]))
    return scored[:limit]


# -- explanations --------------------------------------------------------------------------


def first_name(name: str) -> str:
    return name.split()[0] if name and name.split() else name


def _skills_phrase(goal_skills: list[list]) -> str:
    best = sorted(goal_skills, key=lambda s: (-s[1], s[0]))[:2]
    parts = [f"{name} at level {level}" for name, level in best]
    return " and ".join(parts)


def _tie_phrase(row: dict) -> str:
    introducer, candidate = first_name(row["introducer_name"]), first_name(row["name"])
    if introducer == candidate:
        introducer, candidate = row["introducer_name"], row["name"]
    since = f" since {row['tie_since'][:4]}" if row.get("tie_since") else ""
    if row["tie_kind"] == "mentors":
        return f"{introducer} mentors {candidate}{since}"
    if row["tie_kind"] == "mentored_by":
        return f"{candidate} mentors {introducer}{since}"
    return (f"{introducer} and {candidate} have known each other{since}, "
            f"strength {row['tie_strength']:.1f}")


def reasons(row: dict, person: dict, settings: RecommendSettings) -> list[str]:
    """Up to three plain-language reasons, the biggest contributions first."""
    w = settings.normalized_weights()
    parts, who = row["components"], first_name(person["name"])
    offered = []
    if row["goal_skills"]:
        offered.append((w["goal_fit"] * parts["goal_fit"],
                        f"has {_skills_phrase(row['goal_skills'])}, which {who} wants to grow"))
    if row["new_reach"]:
        unit = row["org_unit_name"] or row["org_unit"]
        offered.append((w["new_reach"], f"works in {unit}, where {who} knows no one yet"))
    if parts["tie_strength"] > 0:
        offered.append((w["tie_strength"] * parts["tie_strength"], _tie_phrase(row)))
    if parts["seniority_fit"] == 1.0:
        gap = row["level"] - person["level"]
        offered.append((w["seniority_fit"], f"is {gap} level{'s' if gap > 1 else ''} above {who}"))
    if row["common_contacts"]:
        aa = parts["adamic_adar"]
        n = row["common_contacts"]
        offered.append((w["adamic_adar"] * aa / (1 + aa),
                        f"shares {n} contact{'s' if n > 1 else ''} with {who}"))
    if row["introducer_rated"] and parts["track_record"] > 0.5:
        offered.append((w["track_record"] * parts["track_record"],
                        f"{first_name(row['introducer_name'])}'s past introductions were rated well"))
    offered.sort(key=lambda o: -o[0])
    texts = [text for _, text in offered]
    if parts["fairness"] < 1.0:
        n = row["recent_introductions"]
        texts = texts[:MAX_REASONS - 1] + [
            f"was introduced to {n} {'people' if n > 1 else 'person'} in the last "
            f"{settings.fairness_window_days} days, so ranks lower to spread introductions"]
    return texts[:MAX_REASONS]


# -- the entry point -----------------------------------------------------------------------


def introducers_for(store: Store, person: dict, contacts: list[dict], via: str) -> list[str]:
    """The people whose networks are searched, per ``via``; an error a user can act on if none.

    ``contacts`` are the person's, as ``Store.contacts`` gives them; the rule
    itself is :func:`netgraph.model.introducers.introducer_ids`.
    """
    found = introducer_ids(contacts, via)
    if found or via == VIA_ALL:
        return found
    if via == VIA_MENTORS:
        raise Conflict(f"{person['name']} ({person['id']}) has no active mentor to introduce them; "
                       "ask via all their contacts or via a named introducer")
    if via == person["id"]:
        raise InvalidInput([Problem("request", "via", "a person cannot introduce themselves")])
    if not store.people([via]):
        raise NotFound(f"unknown person {via!r}")
    raise Conflict(f"{via} is not connected to {person['name']} ({person['id']}): "
                   "an introducer must know the person personally")


def recommend(store: Store, person: str, *, via: str = "mentors", limit: int = 10, skill: str | None = None,
              today: date | None = None, settings: RecommendSettings | None = None) -> dict:
    """Ranked, explained introduction suggestions for ``person``.

    Returns ``{"person", "via", "skill", "results": [{"candidate", "name",
    "introducer", "introducer_name", "score", "components", "reasons",
    "path"}]}``; see the module docstring for the definitions.
    """
    check_whole_number("limit", limit, 1, MAX_LIMIT)
    settings = settings or settings_from_environment()
    since = ((today or date.today()) - timedelta(days=settings.fairness_window_days)).isoformat()
    scoring = {"w": settings.normalized_weights(), "mentor_strength": settings.mentor_tie_strength,
               "track_prior": settings.track_record_prior, "fairness_scale": float(settings.fairness_scale)}
    found = store.recommendation_inputs(person, via=via, skill=skill, since=since, scoring=scoring, limit=limit)
    if found is None:
        raise NotFound(f"unknown person {person!r}")
    profile = found["person"]
    if not found["skill_known"]:
        raise NotFound(f"no one has, wants or requires a skill named {skill!r}")
    introducers_for(store, profile, found["contacts"], via)  # the store used the same rule; this names a refusal
    goals = [skill] if skill is not None else list(profile["wants_to_grow"])
    rows = found["rows"]
    results = []
    for row in rank(rows, profile["level"], goals, settings, limit):
        results.append({
            "candidate": row["candidate"], "name": row["name"], "introducer": row["introducer"],
            "introducer_name": row["introducer_name"], "score": row["score"],
            "components": row["components"], "reasons": reasons(row, profile, settings),
            "path": [person, row["introducer"], row["candidate"]],
            "org_unit": row["org_unit"], "level": row["level"],
        })
    return {"person": person, "via": via, "skill": skill, "results": results}
