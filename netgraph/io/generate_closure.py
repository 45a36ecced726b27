"""Dated ties that form by a known rule: a history to learn from (``netgraph generate --closure-days``).

A generated organisation's ties carry random ``since`` days, so its history
holds no rule a fit could find. This adds one: after the last day of the
document, for ``days`` days, each day ``per_day`` people drawn at random
each make one new tie, to someone two links away, chosen with probability
proportional to::

    exp(strength_weight * strongest_path + unit_weight * same_unit)

``strongest_path``: the largest product of the two strengths along a path
person - z - candidate; ``same_unit``: 1 when both work in the same org unit.
That is triadic closure weighted by strength and unit. Each new tie is dated
that day, with a declared strength drawn uniformly from [0.3, 1.0], and
joins the network at once (later closures may run through it). The rule is
what ``netgraph evaluate --fit --from-history`` should find: positive
weight on the strongest path and on the same unit.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

#: The rule's default weights.
STRENGTH_WEIGHT = 4.0
UNIT_WEIGHT = 2.0


def closure_history(
    document: Mapping[str, Any],
    *,
    days: int,
    per_day: int | None = None,
    seed: int = 0,
    strength_weight: float = STRENGTH_WEIGHT,
    unit_weight: float = UNIT_WEIGHT,
) -> dict[str, Any]:
    """``document`` with ``days`` days of new ties formed by the closure rule (see the module docstring).

    ``per_day`` default: 1 % of the people (at least 1). The first day is the
    day after the latest ``since`` in the document.
    """
    rng = random.Random(seed)
    people = [p["id"] for p in document.get("people", [])]
    unit = {p["id"]: p.get("org_unit") for p in document.get("people", [])}
    ties: dict[str, dict[str, float]] = {p: {} for p in people}
    for k in document.get("knows", []):
        s = 0.5 if k.get("strength") is None else float(k["strength"])
        ties[k["a"]][k["b"]] = ties[k["b"]][k["a"]] = max(s, ties[k["a"]].get(k["b"], 0.0))
    dated = [k["since"] for k in document.get("knows", []) if k.get("since")]
    start = date.fromisoformat(max(dated)) + timedelta(days=1) if dated else date(2026, 1, 1)
    count = per_day or max(1, len(people) // 100)
    added: list[dict[str, Any]] = []
    for d in range(days):
        day = (start + timedelta(days=d)).isoformat()
        for person in rng.sample(people, min(count, len(people))):
            best: dict[str, float] = {}
            for z, s_iz in ties[person].items():
                for j, s_zj in ties[z].items():
                    if j != person and j not in ties[person]:
                        best[j] = max(best.get(j, 0.0), s_iz * s_zj)
            if not best:
                continue
            candidates = sorted(best)
            weights = [
                math.exp(strength_weight * best[j] + unit_weight * (unit[j] is not None and unit[j] == unit[person]))
                for j in candidates
            ]
            chosen = rng.choices(candidates, weights=weights)[0]
            strength = round(rng.uniform(0.3, 1.0), 2)
            ties[person][chosen] = ties[chosen][person] = strength
            a, b = sorted((person, chosen))
            added.append(
                {
                    "a": a,
                    "b": b,
                    "since": day,
                    "strength": strength,
                    "declared_strength": strength,
                    "context": "worked together",
                }
            )
    return {**document, "knows": [*document.get("knows", []), *added]}
