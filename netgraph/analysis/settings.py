"""The knobs of the recommendation score, in one place.

Every weight and constant that shapes a recommendation lives in
:data:`DEFAULTS` and is documented here and in README ("Recommendation
settings"). Override any of them with the environment variable
``NETGRAPH_RECOMMEND`` (comma-separated ``name=value`` pairs) or by passing a
:class:`RecommendSettings` to :func:`netgraph.analysis.recommend.recommend`.

Examples
--------
>>> s = settings_from_text("goal_fit=0.5, fairness_scale=4")
>>> s.goal_fit, s.fairness_scale, s.tie_strength
(0.5, 4.0, 0.2)
>>> round(sum(s.normalized_weights().values()), 12)
1.0
>>> settings_from_text("goal_fit=-1")
Traceback (most recent call last):
...
netgraph.errors.InvalidInput: NETGRAPH_RECOMMEND, field 'goal_fit': must be a number >= 0, not '-1'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from netgraph.errors import InvalidInput, Problem

#: The weighted components, in the order they are summed (both stores).
WEIGHTED = ("goal_fit", "adamic_adar", "tie_strength", "new_reach", "seniority_fit", "track_record")

ENVIRONMENT_VARIABLE = "NETGRAPH_RECOMMEND"


@dataclass(frozen=True)
class RecommendSettings:
    """Weights (relative; they are normalized to sum to 1) and scoring constants.

    goal_fit
        Weight of "the candidate has the skills the person wants to grow".
    adamic_adar
        Weight of structural closeness; the raw Adamic-Adar index ``aa`` enters
        the score as ``aa / (1 + aa)`` so that it lies in [0, 1).
    tie_strength
        Weight of how well the introducer knows the candidate.
    new_reach
        Weight of "the candidate works in an org unit where the person knows no one".
    seniority_fit
        Weight of "the candidate is 1-3 levels above the person".
    track_record
        Weight of the introducer's past introduction outcomes (kept small).
    fairness_scale
        Introductions in the window after which a candidate's score is halved:
        ``fairness = 1 / (1 + n / fairness_scale)``.
    fairness_window_days
        How far back introductions count against a candidate.
    mentor_tie_strength
        The strength a MENTORS link counts as (a KNOWS link carries its own).
    track_record_prior
        Pseudo-count of neutral (3/5) outcomes every introducer starts with, so
        one lucky introduction does not make a star.
    """

    goal_fit: float = 0.35
    adamic_adar: float = 0.15
    tie_strength: float = 0.20
    new_reach: float = 0.10
    seniority_fit: float = 0.15
    track_record: float = 0.05
    fairness_scale: float = 3.0
    fairness_window_days: int = 90
    mentor_tie_strength: float = 0.9
    track_record_prior: float = 2.0

    def normalized_weights(self) -> dict[str, float]:
        total = sum(getattr(self, name) for name in WEIGHTED)
        return {name: getattr(self, name) / total for name in WEIGHTED}


DEFAULTS = RecommendSettings()

_RULES = {  # name -> (lowest allowed, must be above it strictly)
    **{name: (0.0, False) for name in WEIGHTED},
    "fairness_scale": (0.0, True),
    "fairness_window_days": (0, False),
    "mentor_tie_strength": (0.0, True),
    "track_record_prior": (0.0, False),
}


def settings_from_text(text: str, *, base: RecommendSettings = DEFAULTS,
                       where: str = ENVIRONMENT_VARIABLE) -> RecommendSettings:
    """Parse ``"name=value, name=value"`` over ``base``; every mistake is reported at once."""
    changes: dict[str, float | int] = {}
    problems = []
    types = {f.name: f.type for f in fields(RecommendSettings)}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = (x.strip() for x in part.partition("="))
        if name not in _RULES:
            problems.append(Problem(where, name or part, "unknown setting; known: " + ", ".join(_RULES)))
            continue
        low, strict = _RULES[name]
        try:
            number = int(value) if types[name] in ("int", int) else float(value)
            ok = number > low if strict else number >= low
        except ValueError:
            ok = False
        if not ok:
            problems.append(Problem(where, name, f"must be a number {'>' if strict else '>='} {low:g}, not {value!r}"))
            continue
        changes[name] = number
    settings = replace(base, **changes)
    if not problems and sum(getattr(settings, n) for n in WEIGHTED) <= 0:
        problems.append(Problem(where, "weights", "at least one weight must be above 0"))
    if problems:
        raise InvalidInput(problems)
    return settings


def settings_from_environment(environ=os.environ) -> RecommendSettings:
    return settings_from_text(environ.get(ENVIRONMENT_VARIABLE, ""))

