"""Do the recommendations work? An offline evaluation an HR team can run on its own organisation.

The question is the classic one of link prediction (Liben-Nowell and
Kleinberg, 2007): from the network as it was at some moment, would the
recommender have suggested the ties people went on to make anyway?

**Splits.** :func:`split_by_date` cuts a store's own export at a date: KNOWS
and MENTORS ties whose ``since`` falls before it are the *training* set, those
that start on or after it the *test* set; ties with no ``since`` are left out
of both. People, units, skills and positions are kept as they are; a
mentorship that ended on or after the date counts as active, and only
introductions created before the date are kept (so fairness and the
never-introduced rule see the state of that day). :func:`split_documents`
takes the two sets as two documents instead. Either way the *new ties* are
the test pairs that were not already linked in training.

**Who is evaluated.** Everyone with at least one training tie and at least
one new tie (or a seeded random sample of them).

**Predictors.** Each person's *candidates* are exactly those
``recommend(store, person, via=...)`` considers on the training network
(two links away through an introducer, not linked, never introduced, open to
introductions). Three predictors rank the same candidates:

netgraph
    the product's own ranking (:func:`netgraph.analysis.recommend.rank`,
    with the caller's settings), so its top ``k`` is ``recommend(...,
    limit=k)``;
adamic_adar
    plain Adamic-Adar on the training network (equal to networkx's
    ``adamic_adar_index``), ties (to 12 places) by id;
random
    a random choice among the candidates, as an exact expectation.

**Plausibility** (per person, averaged): precision@k, hit-rate@k and MRR@k,
each with a paired bootstrap 95 % interval (1,000 resamples of the people),
and the differences netgraph - Adamic-Adar and netgraph - random with theirs.

**Value**: the share of suggestions in a unit where the person knows no one
(pooled); the share of the skills people want to grow that at least one
suggestion has (per person with goals, averaged); exposure concentration,
the Gini of how often each candidate is suggested, over everyone who is a
candidate for at least one person evaluated (for random: of the expected
counts); and where the new ties were on the training network: among the
candidates, two links away but excluded, or beyond two links, where no
introducer can reach.

The training store is always an embedded store in memory, whichever store
the data came from: both stores give the same recommendations (the contract
suite holds them to it), so the evaluation is the same on both.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from netgraph.analysis.evaluate_metrics import (
    RESAMPLES,
    bootstrap_means,
    chance_of_any,
    gini,
    hit_at_k,
    interval,
    mean,
    precision_at_k,
    random_expectations,
    reciprocal_rank_at_k,
)
from netgraph.analysis.recommend import MAX_LIMIT, rank
from netgraph.errors import InvalidInput, Problem
from netgraph.model.introducers import VIA_ALL, VIA_MENTORS
from netgraph.model.records import Document
from netgraph.model.rules import RecommendSettings
from netgraph.model.validate import Where, check_whole_number, links_above, record_key, validate
from netgraph.store.embedded import EmbeddedStore
from netgraph.store.ports import CandidateRow

#: The predictors, in reporting order.
PREDICTORS: tuple[str, ...] = ("netgraph", "adamic_adar", "random")
#: The plausibility metrics, in reporting order.
METRICS: tuple[str, ...] = ("precision", "hit_rate", "mrr")
#: The value metrics, in reporting order.
VALUES: tuple[str, ...] = ("new_unit_share", "skill_coverage", "exposure_gini")
#: Whose networks an evaluation may search.
VIAS: tuple[str, ...] = (VIA_ALL, VIA_MENTORS)
DEFAULT_K = 10
#: Most people a --sample may ask for.
MAX_SAMPLE = 10_000_000

Pair = tuple[str, str]
#: How errors name the places of the two documents when the caller gives no file names.
TRAIN, TEST = Where("train"), Where("test")


@dataclass(frozen=True)
class Split:
    """A training document, the new ties after it, and what the split was.

    train
        A normalized document: what the training store holds.
    new_ties
        Sorted ``(a, b)`` pairs, ``a < b``, that are linked in the test set and not in training.
    as_of
        The day the recommendations are made on (fairness counts the introductions before it).
    about
        ``{"kind", "date", "as_of", "training_ties", "test_ties", "new_ties", "undated_ties_left_out"}``.
    """

    train: Mapping[str, Any]
    new_ties: tuple[Pair, ...]
    as_of: date
    about: dict[str, Any]


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def tie_pairs(document: Mapping[str, Any]) -> set[Pair]:
    """Every pair of people linked by KNOWS or MENTORS in ``document`` (either way, once).

    >>> sorted(tie_pairs({"knows": [{"a": "p2", "b": "p1"}], "mentorships": [{"mentor": "p1", "mentee": "p2"}]}))
    [('p1', 'p2')]
    """
    pairs = {_pair(k["a"], k["b"]) for k in document.get("knows", []) if not k.get("retired_on")}
    pairs.update(_pair(m["mentor"], m["mentee"]) for m in document.get("mentorships", []))
    return pairs


def _as_of_split(mentorship: dict[str, Any], day: str) -> dict[str, Any]:
    """A mentorship as it stood on ``day``: one that ended on or after it was still active."""
    until = mentorship.get("until")
    if until is not None and until >= day:
        return {**mentorship, "until": None, "status": "active"}
    return mentorship


def split_by_date(document: dict[str, Any], day: date) -> Split:
    """Training: ties whose ``since`` is before ``day``; test: ties from ``day`` on; undated ties: neither.

    ``document`` is normalized (a store's export).

    >>> doc = {"people": [{"id": i, "name": i} for i in ("p1", "p2", "p3")],
    ...        "knows": [{"a": "p1", "b": "p2", "since": "2020-01-01"}, {"a": "p2", "b": "p3", "since": "2024-02-01"},
    ...                  {"a": "p1", "b": "p3", "since": None}]}
    >>> s = split_by_date(doc, date(2024, 1, 1))
    >>> s.new_ties, [(k["a"], k["b"]) for k in s.train["knows"]], s.about["undated_ties_left_out"]
    ((('p2', 'p3'),), [('p1', 'p2')], 1)
    """
    cut = day.isoformat()
    sections = {
        "knows": [k for k in document.get("knows", []) if not k.get("retired_on")],
        "mentorships": document.get("mentorships", []),
    }
    train: dict[str, list[Any]] = {"knows": [], "mentorships": []}
    test: dict[str, list[Any]] = {"knows": [], "mentorships": []}
    undated = 0
    for section, records in sections.items():
        for record in records:
            since = record.get("since")
            if since is None:
                undated += 1
            elif since < cut:
                train[section].append(record if section == "knows" else _as_of_split(record, cut))
            else:
                test[section].append(record)
    kept = {
        **document,
        **train,
        "introductions": [i for i in document.get("introductions", []) if i["created_on"] < cut],
    }
    trained = tie_pairs(kept)
    tested = tie_pairs(test)
    about = {
        "kind": "date",
        "date": cut,
        "as_of": cut,
        "training_ties": len(trained),
        "test_ties": len(tested),
        "new_ties": len(tested - trained),
        "undated_ties_left_out": undated,
    }
    return Split(kept, tuple(sorted(tested - trained)), day, about)


class _DocumentKeys:
    """What validation needs to know about the training document, for checking the test document."""

    def __init__(self, document: Mapping[str, Any]):
        self.document = document

    def existing_keys(self, section: str, keys: list[Any]) -> set[Any]:
        have = {record_key(section, r) for r in self.document.get(section, [])}
        return {k for k in keys if (tuple(k) if isinstance(k, list) else k) in have}

    def ancestor_links(self, section: str, ids: list[str]) -> dict[str, str]:
        field = "parent" if section == "org_units" else "reports_to"
        return links_above({r["id"]: r.get(field) for r in self.document.get(section, [])}, ids)

    def departed(self, ids: list[str]) -> set[str]:
        wanted = set(ids)
        return {p["id"] for p in self.document.get("people", []) if p["id"] in wanted and p.get("status") == "left"}


def split_documents(
    train: object, test: object, *, train_where: Where = TRAIN, test_where: Where = TEST, as_of: date | None = None
) -> Split:
    """Training and test sets given as two documents (validated here; the test may name training people).

    Every KNOWS or MENTORS tie of the test document that is not a training tie
    is a new tie, dated or not. ``as_of`` defaults to the earliest ``since``
    of a test tie, else today.
    """
    clean_train = validate(train, where=train_where)
    clean_test = validate(test, where=test_where, existing=_DocumentKeys(clean_train))
    trained, tested = tie_pairs(clean_train), tie_pairs(clean_test)
    if as_of is None:
        ties: list[Mapping[str, Any]] = [*clean_test.get("knows", []), *clean_test.get("mentorships", [])]
        dates = [r["since"] for r in ties if r.get("since")]
        as_of = date.fromisoformat(min(dates)) if dates else date.today()
    about = {
        "kind": "documents",
        "date": None,
        "as_of": as_of.isoformat(),
        "training_ties": len(trained),
        "test_ties": len(tested),
        "new_ties": len(tested - trained),
        "undated_ties_left_out": 0,
    }
    return Split(clean_train, tuple(sorted(tested - trained)), as_of, about)


# -- one person ----------------------------------------------------------------------------


def adamic_adar_order(row: Mapping[str, Any]) -> tuple[float, str]:
    """Highest Adamic-Adar first, ties by id; rounded to 12 places (as scores are), so that sums of the
    same terms in another order tie.

    >>> sorted([{"adamic_adar": 0.1 + 0.2, "candidate": "b"}, {"adamic_adar": 0.3, "candidate": "a"}],
    ...        key=adamic_adar_order)[0]["candidate"]
    'a'
    """
    return -round(row["adamic_adar"], 12), row["candidate"]


def score_person(
    rows: list[CandidateRow], profile: Mapping[str, Any], new: set[str], k: int, settings: RecommendSettings
) -> dict[str, Any]:
    """One person's ranked lists, metrics and what the value metrics need.

    ``rows``: the person's candidates (``Store.recommendation_inputs`` rows,
    all of them: asked with a limit above their number); ``new``: whom the person went on to link with. Returns
    ``{"metrics": {predictor: (precision, hit, rr)}, "ranked": {"netgraph",
    "adamic_adar": [ids]}, "candidates", "relevant", "picks", "new_unit",
    "coverage", "pool"}``.
    """
    ranked = {
        "netgraph": [r["candidate"] for r in rank(rows, profile["level"], list(profile["wants_to_grow"]), settings, k)],
        "adamic_adar": [r["candidate"] for r in sorted(rows, key=adamic_adar_order)[:k]],
    }
    n = len(rows)
    relevant = sum(1 for r in rows if r["candidate"] in new)
    metrics = {
        name: (
            precision_at_k(ranked[name], new, k),
            hit_at_k(ranked[name], new, k),
            reciprocal_rank_at_k(ranked[name], new, k),
        )
        for name in ranked
    }
    metrics["random"] = random_expectations(n, relevant, k)
    by_id = {r["candidate"]: r for r in rows}
    goals = list(profile["wants_to_grow"])
    picks = min(k, n)
    new_unit: dict[str, float] = {name: sum(1 for c in ranked[name] if by_id[c]["new_reach"]) for name in ranked}
    new_unit["random"] = picks * sum(1 for r in rows if r["new_reach"]) / n if n else 0.0
    coverage = None
    if goals:
        holders = {g: 0 for g in goals}
        for r in rows:
            for skill, _level in r["goal_skills"]:
                holders[skill] += 1
        coverage = {
            name: len({s for c in ranked[name] for s, _ in by_id[c]["goal_skills"]}) / len(goals) for name in ranked
        }
        coverage["random"] = mean([chance_of_any(n, holders[g], picks) for g in goals])
    return {
        "metrics": metrics,
        "ranked": ranked,
        "candidates": n,
        "relevant": relevant,
        "picks": picks,
        "new_unit": new_unit,
        "coverage": coverage,
        "pool": list(by_id),
    }


# -- the evaluation ------------------------------------------------------------------------


def check_options(k: int, via: str, sample: int | None, seed: int) -> None:
    """Refuse impossible options with one message each (the CLI and other callers share these)."""
    check_whole_number("k", k, 1, MAX_LIMIT)
    if via not in VIAS:
        raise InvalidInput([Problem("request", "via", f"must be one of {', '.join(VIAS)}, not {via!r}")])
    if sample is not None:
        check_whole_number("sample", sample, 1, MAX_SAMPLE)
    check_whole_number("seed", seed, 0, 2**63 - 1)


def training_store(split: Split) -> EmbeddedStore:
    """The training set in an embedded store in memory."""
    store = EmbeddedStore(None)
    store.write(cast(Document, split.train))
    return store


def _neighbours(pairs: Iterable[Pair]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for a, b in pairs:
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return found


def evaluate(
    split: Split,
    *,
    k: int = DEFAULT_K,
    via: str = VIA_ALL,
    sample: int | None = None,
    seed: int = 0,
    settings: RecommendSettings | None = None,
    resamples: int = RESAMPLES,
) -> dict[str, Any]:
    """Evaluate the three predictors on ``split``; a JSON-ready report (see the module docstring).

    ``settings``: the recommendation settings to evaluate (the CLI passes the
    environment's); ``seed`` drives the sample and the bootstrap.
    """
    check_options(k, via, sample, seed)
    settings = settings or RecommendSettings()
    rng = random.Random(seed)
    store = training_store(split)
    trained = _neighbours(tie_pairs(split.train))
    new = _neighbours(split.new_ties)
    people = {p["id"] for p in split.train.get("people", [])}
    eligible = sorted(p for p in people if trained.get(p) and new.get(p))
    chosen = eligible if sample is None or sample >= len(eligible) else sorted(rng.sample(eligible, sample))
    since = (split.as_of - timedelta(days=settings.fairness_window_days)).isoformat()

    columns: dict[str, list[float]] = {f"{p}.{m}": [] for p in PREDICTORS for m in METRICS}
    suggested = {name: 0 for name in PREDICTORS}
    new_unit = {name: 0.0 for name in PREDICTORS}
    coverage: dict[str, list[float]] = {name: [] for name in PREDICTORS}
    exposure: dict[str, dict[str, float]] = {name: {} for name in PREDICTORS}
    reach = {"candidates": 0, "two_links_excluded": 0, "beyond_two_links": 0, "no_tie_before": 0}
    candidate_counts, reachable_people = [], 0
    for person in chosen:
        found = store.recommendation_inputs(
            # every candidate (a limit above their number: no plausibility floor), as Adamic-Adar and
            # random rank them all
            person,
            via=via,
            skill=None,
            since=since,
            settings=settings,
            limit=len(people),
        )
        assert found is not None  # every person of the training document is in the training store
        one = score_person(found["rows"], found["person"], new[person], k, settings)
        for name in PREDICTORS:
            for metric, value in zip(METRICS, one["metrics"][name], strict=True):
                columns[f"{name}.{metric}"].append(value)
            if one["coverage"] is not None:
                coverage[name].append(one["coverage"][name])
            suggested[name] += one["picks"]
            new_unit[name] += one["new_unit"][name]
        for name in ("netgraph", "adamic_adar"):
            for c in one["ranked"][name]:
                exposure[name][c] = exposure[name].get(c, 0.0) + 1.0
        for c in one["pool"]:
            for name in PREDICTORS:
                exposure[name].setdefault(c, 0.0)
            exposure["random"][c] += one["picks"] / one["candidates"]
        candidate_counts.append(one["candidates"])
        reachable_people += one["relevant"] > 0
        pool, mine = set(one["pool"]), trained[person]
        for other in new[person]:
            if other in pool:
                reach["candidates"] += 1
            elif mine & trained.get(other, set()):
                reach["two_links_excluded"] += 1
            else:
                reach["beyond_two_links"] += 1
                reach["no_tie_before"] += other not in trained

    means = bootstrap_means(columns, resamples=resamples, rng=rng)
    plausibility: dict[str, dict[str, Any]] = {}
    for metric in METRICS:
        entry: dict[str, Any] = {}
        for name in PREDICTORS:
            column = f"{name}.{metric}"
            entry[name] = {"value": _r(mean(columns[column])), "ci": _ci(means[column])}
        for other in ("adamic_adar", "random"):
            ours, theirs = columns[f"netgraph.{metric}"], columns[f"{other}.{metric}"]
            resampled = [a - b for a, b in zip(means[f"netgraph.{metric}"], means[f"{other}.{metric}"], strict=True)]
            entry[f"netgraph_minus_{other}"] = {"value": _r(mean(ours) - mean(theirs)), "ci": _ci(resampled)}
        plausibility[metric] = entry
    total_new = sum(len(new[p]) for p in chosen)
    value = {
        "new_unit_share": {n: _r(new_unit[n] / suggested[n]) if suggested[n] else None for n in PREDICTORS},
        "skill_coverage": {n: _r(mean(coverage[n])) if coverage[n] else None for n in PREDICTORS},
        "exposure_gini": {n: _r(gini(exposure[n].values())) for n in PREDICTORS},
    }
    return {
        "split": split.about,
        "k": k,
        "via": via,
        "sample": sample,
        "seed": seed,
        "resamples": resamples,
        "people": {
            "eligible": len(eligible),
            "evaluated": len(chosen),
            "with_goals": len(coverage["netgraph"]),
            "with_a_new_tie_among_candidates": reachable_people,
            "median_candidates": statistics.median(candidate_counts) if candidate_counts else 0,
            "could_be_suggested": len(exposure["random"]),
        },
        "plausibility": plausibility,
        "value": value,
        "future_ties": {
            "total": total_new,
            **reach,
            "beyond_two_links_share": _r(reach["beyond_two_links"] / total_new) if total_new else None,
        },
    }


def _r(x: float) -> float:
    return round(x, 6)


def _ci(samples: list[float]) -> list[float]:
    low, high = interval(samples)
    return [_r(low), _r(high)]
