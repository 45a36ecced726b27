"""Whom should a mentee be introduced to? Ranked, explained, from the introducer's own network.

A *candidate* is someone an introducer personally knows (KNOWS, or a
mentorship either way). By default the introducers are the person's active
mentors; ``via="all"`` uses every contact of the person, ``via=<id>`` one
named contact. Never suggested: the person, anyone they already know or have
a mentorship with, anyone they were ever introduced to or from (a declined
introduction is not suggested again), anyone closed to introductions.

**Plausible first.** A suggestion is worth little if the introduction will
not take, so candidates are ranked by *plausibility*: how close the person
already is to them, over the person's own ties. Value (what the introduction
is good for) re-orders only candidates of comparable plausibility::

    plausibility = sum over common contacts z of strength(person, z) * strength(z, candidate) / log(degree z)
    value        = (w.goal_fit * goal_fit + w.new_reach * new_reach + w.seniority_fit * seniority_fit
                    + w.fairness * fairness) / (w.goal_fit + w.new_reach + w.seniority_fit + w.fairness)
    score        = round(plausibility / top * (1 / band + (1 - 1 / band) * value), 12)

where ``top`` is the highest plausibility among the person's candidates and
``band`` is ``value_band`` (default 2). The value factor lies in [1 / band,
1], so no one is ever ranked above a candidate more than ``band`` times as
plausible, whatever their value. Every rule is defined once, in
:mod:`netgraph.model.rules`:

plausibility
    a strength-weighted Adamic-Adar index in the undirected simple graph of
    KNOWS and MENTORS links (:func:`~netgraph.model.rules.plausibility_term`):
    each two-link path person - z - candidate counts the product of its two
    links' strengths (a mentorship counts as ``mentor_tie_strength``; between
    two people the strongest link counts), over the log of z's degree.
    Measured on real contact networks against plain Adamic-Adar
    (``benchmarks/bench_evaluate.py``).
adamic_adar
    the plain Adamic-Adar index (reported; equal to ``networkx.adamic_adar_index``).
goal_fit
    sum of the candidate's levels in the skills the person wants to grow,
    over 5 x the number of those skills (``skill=`` narrows it to one skill
    and keeps only candidates who have it).
new_reach
    1 when the candidate's org unit is one where the person has no contact
    (and is not their own), else 0.
seniority_fit
    1 when the candidate is 1-3 levels above the person, 0.5 when at the same
    level or 4 above, else 0.
fairness
    ``1 / (1 + n / fairness_scale)`` where n counts introductions involving the
    candidate in the last ``fairness_window_days``: nobody gets flooded.
tie_strength, track_record
    how well the introducer knows the candidate, and the introducer's mean
    rated outcome on a 0-1 scale (shrunk towards the middle by
    ``track_record_prior`` neutral pseudo-ratings). They choose the introducer.

Each candidate is reached through the introducer with the highest
:func:`~netgraph.model.rules.introducer_term` (ties: lowest introducer id,
then link kind): the store chooses it, once, as it reads the candidates.
Results are ordered by score, then candidate id; with ``new_unit_place``
set, the last place may go to a candidate in a new unit
(:func:`~netgraph.model.rules.with_new_unit_place`).

Both stores return the raw components, one row per candidate, and
:func:`rank` scores and orders them, so the order is computed once. On Neo4j,
``cypher/network/recommendation_inputs.cypher`` leaves out the candidates
below :func:`~netgraph.model.rules.plausibility_floor`, who cannot reach the
first ``limit`` places; the embedded store returns every candidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from netgraph.errors import Conflict, InvalidInput, NotFound, Problem
from netgraph.model import learned, rules
from netgraph.model.introducers import VIA_ALL, VIA_MENTORS
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import CandidateRow, Lookups, NetworkLookups

#: Largest ``limit`` a caller may ask for.
MAX_LIMIT = 100
#: Most reasons given per result.
MAX_REASONS = 3


def components(
    row: CandidateRow, person_level: int | None, goals: list[str], settings: RecommendSettings
) -> dict[str, float]:
    """A store row's components, each by its rule in :mod:`netgraph.model.rules`, in reporting order."""
    return {
        "plausibility": row["plausibility"],
        "adamic_adar": row["adamic_adar"],
        "goal_fit": rules.goal_fit(row["goal_skills"], goals),
        "new_reach": 1.0 if row["new_reach"] else 0.0,
        "seniority_fit": rules.seniority_fit(row["level"], person_level),
        "fairness": rules.fairness(row["recent_introductions"], settings.fairness_scale),
        "tie_strength": row["tie_strength"],
        "track_record": row["track_record"],
    }


def rank(
    rows: list[CandidateRow], person_level: int | None, goals: list[str], settings: RecommendSettings, limit: int
) -> list[dict[str, Any]]:
    """The candidates scored, ordered by score then id, cut to ``limit``.

    Rows are those of ``recommendation_inputs``: one per candidate, through
    the introducer the store chose (the rule is in the port's docstring),
    possibly without those below the plausibility floor of ``limit``. Each
    result carries its ``components``, its ``value`` and its ``score``.
    """
    w = settings.normalized_weights()
    top = max((row["plausibility"] for row in rows), default=0.0)
    scored: list[dict[str, Any]] = []
    for row in rows:
        parts = components(row, person_level, goals, settings)
        worth = rules.value(parts, w)
        scored.append(
            {
                **row,
                "components": parts,
                "value": worth,
                "score": rules.recommendation_score(parts["plausibility"], top, worth, settings.value_band),
            }
        )
    scored.sort(key=lambda r: (-r["score"], r["candidate"]))
    return rules.with_new_unit_place(scored, limit, settings.new_unit_place)[:limit]


# -- explanations --------------------------------------------------------------------------


def called(name: str, preferred_name: str | None = None) -> str:
    """What a reason calls someone: their ``preferred_name`` when they gave one, else their whole name.

    Splitting a name cannot tell a given name from a family name, nor a label
    ("Person 454") from a name, so netgraph does not guess.

    >>> called("Dana Okafor", "Dana"), called("Person 454"), called("Okafor Dana", None)
    ('Dana', 'Person 454', 'Okafor Dana')
    """
    return preferred_name or name


def _skills_phrase(goal_skills: list[list[Any]]) -> str:
    best = sorted(goal_skills, key=lambda s: (-s[1], s[0]))[:2]
    parts = [f"{name} at level {level}" for name, level in best]
    return " and ".join(parts)


def _tie_phrase(row: dict[str, Any]) -> str:
    introducer = called(row["introducer_name"], row.get("introducer_preferred_name"))
    candidate = called(row["name"], row.get("preferred_name"))
    if introducer == candidate:
        introducer, candidate = row["introducer_name"], row["name"]
    since = f" since {row['tie_since'][:4]}" if row.get("tie_since") else ""
    if row["tie_kind"] == "mentors":
        return f"{introducer} mentors {candidate}{since}"
    if row["tie_kind"] == "mentored_by":
        return f"{candidate} mentors {introducer}{since}"
    return f"{introducer} and {candidate} have known each other{since}, strength {row['tie_strength']:.1f}"


def _shared_phrase(n: int, who: str) -> str:
    return f"shares {n} contacts with {who}" if n > 1 else f"shares a contact with {who}"


def _level_phrase(gap: int, who: str) -> str:
    if gap == 0:
        return f"is at {who}'s level"
    return f"is {abs(gap)} level{'s' if abs(gap) > 1 else ''} {'above' if gap > 0 else 'below'} {who}"


def feature_phrase(name: str, row: Mapping[str, Any], who: str) -> str:
    """One feature of the learned plausibility (netgraph/model/learned.py) as a reason, with its value."""
    x = row["features"][name]
    if name in ("adamic_adar", "resource_allocation", "common_contacts"):
        return _shared_phrase(row["common_contacts"], who)
    if name == "strength_adamic_adar":
        return f"is closely tied to people {who} is close to"
    if name == "strongest_path":
        return f"is linked to {who} through a strong two-step chain (strength {x:.2f})"
    if name == "person_strength":
        return f"{who} is closely tied to the contacts they share"
    if name == "candidate_strength":
        return f"is closely tied to the contacts they share with {who}"
    if name == "person_degree":
        return f"{who} has {int(x)} contacts"
    if name == "candidate_degree":
        return f"has {int(x)} contacts"
    if name == "same_unit":
        return f"works in the same unit as {who}" if x else f"works in another unit than {who}"
    if name == "pair_contacts":
        return f"may already know {who} from working together"  # never the count: only admin sees those
    return _level_phrase(int(x), who)  # level_gap


def learned_phrases(row: Mapping[str, Any], who: str) -> list[str]:
    """Why the learned plausibility rates this candidate: the (up to three) features that lifted it most.

    ``row["lifted"]``: :func:`netgraph.model.learned.contributions` of the row (set by :func:`recommend`).
    """
    phrases: list[str] = []
    for name, part in row["lifted"]:
        if part <= 0 or len(phrases) == MAX_REASONS:
            break
        text = feature_phrase(name, row, who)
        if text not in phrases:
            phrases.append(text)
    return phrases


def reasons(row: dict[str, Any], person: Mapping[str, Any], settings: RecommendSettings) -> list[str]:
    """Up to three plain-language reasons: why the introduction would take, then what it is good for.

    First the plausibility: the contacts the two share (when more than the
    introducer), else how the introducer knows the candidate; with a learned
    plausibility, the two features that lifted this candidate most
    (:func:`learned_phrases`). Then the value components, the biggest
    contribution first, then the rest (a third learned feature, the
    introducer's tie); a fairness note, when fairness held the candidate
    back, takes the last place.
    """
    w = settings.normalized_weights()
    parts, who = row["components"], called(person["name"], person.get("preferred_name"))
    n = row["common_contacts"]
    shared = f"shares {n} contacts with {who}" if n > 1 else None
    tie = _tie_phrase(row)
    lifted = learned_phrases(row, who) if "lifted" in row else []
    valued = []
    if row["goal_skills"]:
        valued.append(
            (w["goal_fit"] * parts["goal_fit"], f"has {_skills_phrase(row['goal_skills'])}, which {who} wants to grow")
        )
    if row["new_reach"]:
        unit = row["org_unit_name"] or row["org_unit"]
        valued.append((w["new_reach"], f"works in {unit}, where {who} knows no one yet"))
    if parts["seniority_fit"] == 1.0:
        gap = row["level"] - person["level"]
        valued.append((w["seniority_fit"], _level_phrase(gap, who)))
    valued.sort(key=lambda o: -o[0])
    if lifted:
        texts = list(dict.fromkeys([*lifted[:2], *(text for _, text in valued), *lifted[2:], tie]))
    else:
        texts = [shared or tie, *(text for _, text in valued)]
        if shared:
            texts.append(tie)
    if row["introducer_rated"] and parts["track_record"] > 0.5:
        introducer = called(row["introducer_name"], row.get("introducer_preferred_name"))
        texts.append(f"{introducer}'s past introductions were rated well")
    if parts["fairness"] < 1.0:
        k = row["recent_introductions"]
        texts = texts[: MAX_REASONS - 1] + [
            f"was introduced to {k} {'people' if k > 1 else 'person'} in the last "
            f"{settings.fairness_window_days} days, so ranks lower to spread introductions"
        ]
    return texts[:MAX_REASONS]


# -- the entry point -----------------------------------------------------------------------


def refusal(store: Lookups, person: Mapping[str, Any], via: str) -> Exception:
    """Why nobody can introduce ``person`` via ``via``: an error a user can act on.

    Called only when the store found no introducer (it applies the rule of
    :func:`netgraph.model.introducers.introducer_ids`); this only names the reason.
    """
    if via == VIA_MENTORS:
        return Conflict(
            f"{person['name']} ({person['id']}) has no active mentor to introduce them; "
            "ask via all their contacts or via a named introducer"
        )
    if via == person["id"]:
        return InvalidInput([Problem("request", "via", "a person cannot introduce themselves")])
    if not store.people([via]):
        return NotFound(f"unknown person {via!r}")
    return Conflict(
        f"{via} is not connected to {person['name']} ({person['id']}): an introducer must know the person personally"
    )


def recommend(
    store: NetworkLookups,
    person: str,
    *,
    via: str = "mentors",
    limit: int = 10,
    skill: str | None = None,
    today: date | None = None,
    settings: RecommendSettings | None = None,
) -> dict[str, Any]:
    """Ranked, explained introduction suggestions for ``person``.

    Returns ``{"person", "via", "skill", "results": [{"candidate", "name",
    "introducer", "introducer_name", "score", "components", "reasons",
    "path"}]}``; see the module docstring for the definitions. ``settings``:
    the caller's (the CLI and web app pass what the environment says); the
    defaults of :class:`~netgraph.model.rules.RecommendSettings` otherwise.
    """
    check_whole_number("limit", limit, 1, MAX_LIMIT)
    settings = settings or RecommendSettings()
    since = ((today or date.today()) - timedelta(days=settings.fairness_window_days)).isoformat()
    found = store.recommendation_inputs(person, via=via, skill=skill, since=since, settings=settings, limit=limit)
    if found is None:
        raise NotFound(f"unknown person {person!r}")
    profile = found["person"]
    if profile["status"] == "left":
        raise Conflict(f"{profile['name']} ({profile['id']}) has left the organisation")
    if not found["skill_known"]:
        raise NotFound(f"no one has, wants or requires a skill named {skill!r}")
    if not found["introducers"] and via != VIA_ALL:
        raise refusal(store, profile, via)
    goals = [skill] if skill is not None else list(profile["wants_to_grow"])
    results = []
    ranked = rank(found["rows"], profile["level"], goals, settings, limit)
    if settings.plausibility is not None:
        # the stores give each row's features as a list in the model's order; only the shown are named
        names = settings.plausibility.features
        for row in ranked:
            row["features"] = dict(zip(names, row["features"], strict=True))
        lifted = learned.contributions([r["features"] for r in ranked], settings.plausibility)
        for row, parts in zip(ranked, lifted, strict=True):
            row["lifted"] = parts
    for row in ranked:
        results.append(
            {
                "candidate": row["candidate"],
                "name": row["name"],
                "introducer": row["introducer"],
                "introducer_name": row["introducer_name"],
                "score": row["score"],
                "components": row["components"],
                "reasons": reasons(row, profile, settings),
                "path": [person, row["introducer"], row["candidate"]],
                "org_unit": row["org_unit"],
                "level": row["level"],
            }
        )
    return {"person": person, "via": via, "skill": skill, "results": results}
