"""Warm paths: the strongest chain of people from one person to another, or to a skill.

A chain is a sequence of KNOWS / MENTORS links; its strength is the product of
the links' strengths (a KNOWS link carries its own strength, or
``missing_strength`` when it was never given; a mentorship counts as a strong
tie, ``mentor_tie_strength``; both in
:class:`netgraph.model.rules.RecommendSettings`). The warmest chain is the strongest of at
most ``max_hops`` links whose middle people are all open to introductions;
ties go to the shorter chain, then to the smaller sequence of ids, so the
answer is the same on both stores. The search runs in the store (Cypher on
Neo4j, a networkx walk on the embedded store), meeting in the middle.
"""

from __future__ import annotations

from typing import Any

from netgraph.analysis.people import known_people
from netgraph.errors import InvalidInput, NotFound, Problem
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import check_whole_number
from netgraph.store.ports import Lookups, NetworkLookups, SkillPath

DEFAULT_MAX_HOPS = 4
#: Longest chain a caller may ask for: each half of the search walks at most 2 links, and a
#: chain of five introductions is no longer warm (0.7 ** 5 < 0.17).
MAX_HOPS = 4
DEFAULT_SKILL_LIMIT = 5
MAX_SKILL_LIMIT = 50


def _named(store: Lookups, found: list[SkillPath]) -> list[dict[str, Any]]:
    ids = sorted({p for path in found for p in path["people"]})
    names = store.person_names(ids)
    return [
        {
            "to": path["to"],
            "people": path["people"],
            "names": [names[p] for p in path["people"]],
            "strength": round(path["strength"], 12),
        }
        for path in found
    ]


def warm_path(
    store: NetworkLookups,
    source: str,
    target: str,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    settings: RecommendSettings | None = None,
) -> dict[str, Any]:
    """``{"paths": [{"to", "people", "names", "strength"}]}``: the warmest chain, or no paths.

    Examples (on the demo organisation): ``warm_path(store, "p033", "p100")``
    finds Dana Okafor's way into the APAC team through its one bridge, p099.
    """
    check_whole_number("max_hops", max_hops, 1, MAX_HOPS)
    if source == target:
        raise InvalidInput([Problem("request", "to", "a path needs two different people")])
    known_people(store, [source, target], active=True)
    settings = settings or RecommendSettings()
    found = store.strongest_path(
        source,
        target,
        max_hops=max_hops,
        mentor_strength=settings.mentor_tie_strength,
        missing_strength=settings.missing_strength,
    )
    return {"paths": _named(store, [{"to": target, **found}] if found else [])}


def warm_paths_to_skill(
    store: NetworkLookups,
    source: str,
    skill: str,
    *,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_SKILL_LIMIT,
    settings: RecommendSettings | None = None,
) -> dict[str, Any]:
    """The best ``limit`` people who have ``skill``, each with the warmest chain to them."""
    check_whole_number("max_hops", max_hops, 1, MAX_HOPS)
    check_whole_number("limit", limit, 1, MAX_SKILL_LIMIT)
    known_people(store, [source], active=True)
    if skill not in store.skill_names():
        raise NotFound(f"no one has, wants or requires a skill named {skill!r}")
    settings = settings or RecommendSettings()
    found = store.strongest_paths_to_skill(
        source,
        skill,
        max_hops=max_hops,
        mentor_strength=settings.mentor_tie_strength,
        missing_strength=settings.missing_strength,
        limit=limit,
    )
    return {"paths": _named(store, found)}
