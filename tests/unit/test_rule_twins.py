"""Each rule has one Python definition (netgraph/model/rules.py, learned.py) and its Cypher twins name the same parts.

A twin is marked in its ``.cypher`` file between ``// rule: NAME`` and
``// end rule``. For every rule this test knows which statements hold a twin
and what the twin must name, in order, taken from the rule's own constants:
change a weight's order or a threshold in Python and the twin fails here
until it is changed too. The contract suite then checks the numbers.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from netgraph.model import learned, rules
from tests.package_folders import python_sources

ROOT = Path(__file__).resolve().parents[2]
CYPHER = ROOT / "cypher"
#: The modules that define rules: the fixed ones, and the features of the learned plausibility.
RULE_MODULES = (rules, learned)


def _num(x: float) -> str:
    return repr(float(x))


#: rule -> (statements holding a twin, what each twin names, in this order)
TWINS: dict[str, tuple[tuple[str, ...], list[str]]] = {
    # recommendations: the store returns raw rows and rank() scores them in Python on both stores, so
    # goal fit, seniority fit, fairness, value and the score have no twin
    "goal_fit": ((), []),
    "seniority_fit": ((), []),
    "fairness": ((), []),
    "value": ((), []),
    "recommendation_score": ((), []),
    "with_new_unit_place": ((), []),
    "new_reach": (("network/recommendation_inputs",), ["u IS NOT NULL", "NOT u.id IN reached_units"]),
    "track_record": (
        ("network/recommendation_inputs",),
        ["(x - 1) / 4.0", f"$track_prior * {_num(rules.NEUTRAL_OUTCOME)}", "size(outcomes) + $track_prior"],
    ),
    "introducer_term": (
        ("network/recommendation_inputs",),
        [*(f"$w.{name} * o.{'tie' if name == 'tie_strength' else 'track'}" for name in rules.INTRODUCER), ", 12)"],
    ),
    "plausibility_term": (("network/recommendation_inputs",), ["sum(person_tie * candidate_tie / log(degree))"]),
    "link_strength": (
        (
            "insights/contact_network",
            "insights/departure_links",
            "network/recommendation_inputs",
            "network/warm_path_between",
            "network/warm_paths_to_skill",
        ),
        ["coalesce(", ".strength, $missing_strength)"],
    ),
    "plausibility_floor": (
        ("network/recommendation_inputs",),
        [
            "size(found) < $limit THEN 0.0",
            "$new_unit_place > 0.0",
            "found[0].plausibility * $new_unit_place < found[$limit - 1].plausibility / $band",
            "* (1.0 - $floor_margin)",
        ],
    ),
    "skill_share": (("succession/pipeline",), ["x[1]", f"{_num(rules.TOP_SKILL_LEVEL)} * size(required)"]),
    "mentorship_closeness": (
        ("succession/pipeline",),
        [
            f"THEN {_num(rules.CLOSENESS_BY[0])} ELSE {_num(rules.CLOSENESS_BY[1])}",
            f"'active' THEN {_num(rules.CLOSENESS_STATUS[0])} ELSE {_num(rules.CLOSENESS_STATUS[1])}",
        ],
    ),
    "level_fit": (
        ("succession/pipeline",),
        [f"WHEN 1 THEN {_num(rules.LEVEL_FIT[0])} ELSE {_num(rules.LEVEL_FIT[1])}"],
    ),
    "pipeline_score": (("succession/pipeline",), [*(f"$w.{name}" for name in rules.PIPELINE_COMPONENTS), ", 12)"]),
    "position_status": (("succession/first_view", "succession/positions"), [f"'{s}'" for s in rules.STATUSES]),
    "is_vacant": (("succession/first_view", "succession/positions"), ["size(holders) = 0", "AS vacant"]),
    "has_flight_risk": (("succession/positions",), ["h.flight_risk = 'high'", "AS flight_risk"]),
    "is_thin": (("succession/positions",), ["size(nominations) = 1", "AS thin"]),
    "has_shared_cover": (
        ("succession/positions",),
        ["size(ready) = 0 THEN false", "all(s IN ready", "AS shared_cover"],
    ),
    "is_cascade": (("succession/positions",), ["size(ready) = 0 THEN false", "any(s IN ready", "AS cascade"]),
    # computed in Python over the position rows on both stores (netgraph/store/rollup.py): no twin
    "bench_strength": ((), []),
    # the learned plausibility's features (netgraph/model/learned.py)
    "adamic_adar_term": (("network/recommendation_inputs",), ["sum(1.0 / log(degree))"]),
    "resource_allocation_term": (("network/recommendation_inputs",), ["sum(1.0 / degree)"]),
    "strongest_two_link_path": (("network/recommendation_inputs",), ["max(person_tie * candidate_tie)"]),
    "same_unit": (
        ("network/recommendation_inputs",),
        ["person_unit IS NOT NULL", "c IN unit_mates", "THEN 1.0 ELSE 0.0"],
    ),
    "candidate_level_gap": (
        ("network/recommendation_inputs",),
        ["p.level IS NULL OR c.level IS NULL THEN 0.0", "toFloat(c.level - p.level)"],
    ),
    "pair_contacts": (("network/recommendation_inputs",), ["toFloat(coalesce(met, 0))"]),
    "learned_log_odds": (
        ("network/recommendation_inputs",),
        [
            "reduce(total = reduce(total = $learned.base",
            # each term: [feature's place in LEARNABLE, weight] (LearnedPlausibility.folded): log1p terms first
            "t IN $learned.logs",
            # transformed_column, inside this twin: log1p as log(1 + x), 0 below 0
            "total + t[1] * log(1.0 + CASE WHEN",
            "> 0.0",
            "ELSE 0.0 END)",
            "t IN $learned.others",
            "total + t[1] * every[t[0]]",
        ],
    ),
    # exp of learned_log_odds: the statement takes exp of the rows above the floor
    "learned_odds": ((), []),
    "log_odds_floor": (
        ("network/recommendation_inputs",),
        [
            "size(found) < $limit THEN -1.0 / 0.0",
            "$new_unit_place > 0.0",
            "found[0].plausibility + $learned.log_place < found[$limit - 1].plausibility - $learned.log_band",
            "found[0].plausibility + $learned.log_place + $learned.log_margin",
            "found[$limit - 1].plausibility - $learned.log_band + $learned.log_margin",
        ],
    ),
    # the floor's constants, computed in Python and passed to log_odds_floor's twin
    "log_floor_shifts": ((), []),
    # checked as part of learned_log_odds's twin
    "transformed_column": ((), []),
    # Python only: the reasons a learned score gives, and reading the settings file
    "contributions": ((), []),
    "from_table": ((), []),
}

MARKED = re.compile(r"^\s*// rule: (\w+)[^\n]*\n(.*?)^\s*// end rule", re.S | re.M)


def twins_in(statement: str) -> dict[str, list[str]]:
    """rule name -> the marked blocks of one statement file."""
    found: dict[str, list[str]] = {}
    for name, block in MARKED.findall(CYPHER.joinpath(f"{statement}.cypher").read_text("utf-8")):
        found.setdefault(name, []).append(block)
    return found


def rule_functions() -> list[str]:
    return sorted(
        name
        for module in RULE_MODULES
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
    )


def test_every_rule_function_has_a_twin_on_record():
    assert sorted(TWINS) == rule_functions()


@pytest.mark.parametrize("rule", sorted(TWINS))
def test_each_twin_names_the_rules_parts_in_order(rule):
    statements, names = TWINS[rule]
    for statement in statements:
        blocks = twins_in(statement).get(rule)
        assert blocks, f"cypher/{statement}.cypher marks no twin of {rule}"
        for block in blocks:
            flat = " ".join(block.split())
            at = 0
            for name in names:
                found = flat.find(name, at)
                assert found >= 0, f"{rule} in cypher/{statement}.cypher: {name!r} missing or out of order in\n{flat}"
                at = found + len(name)


def test_every_marked_twin_is_a_known_rule():
    marked = {
        (p.relative_to(CYPHER).with_suffix("").as_posix(), name)
        for p in CYPHER.rglob("*.cypher")
        for name, _ in MARKED.findall(p.read_text("utf-8"))
    }
    known = {(statement, rule) for rule, (statements, _) in TWINS.items() for statement in statements}
    assert marked == known


def test_the_flags_are_returned_in_the_order_reports_list_them():
    text = " ".join(CYPHER.joinpath("succession/positions.cypher").read_text("utf-8").split())
    at = [text.find(f"AS {flag},") for flag in rules.FLAGS]
    assert -1 not in at and at == sorted(at)


def _python_files() -> list[Path]:
    return python_sources()


@pytest.mark.parametrize(
    "rule",
    [
        *rule_functions(),
        "RecommendSettings",
        "PipelineWeights",
        "WEIGHTED",
        "VALUE",
        "INTRODUCER",
        "FLOOR_MARGIN",
        "FLAGS",
        "STATUSES",
        "LearnedPlausibility",
        "LEARNABLE",
    ],
)
def test_each_rule_is_defined_exactly_once_in_python(rule):
    places = []
    for path in _python_files():
        tree = ast.parse(path.read_text("utf-8"))
        # functions and classes anywhere; assignments at module level (a class's fields are not definitions)
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))] + tree.body
        for node in nodes:
            names: list[str] = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            if rule in names:
                places.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    places = sorted(set(places))
    homes = tuple(f"netgraph/model/{m.__name__.rsplit('.', 1)[1]}.py" for m in RULE_MODULES)
    assert len(places) == 1 and places[0].startswith(homes), places
