"""``netgraph recommend --cohort/--all-mentees`` and ``netgraph evaluate --fit`` end to end on the embedded store."""

from __future__ import annotations

import json
import tomllib

import pytest

from netgraph.analysis.fit import simulated_outcomes
from netgraph.cli import main
from netgraph.io.generate import generate_dataset
from netgraph.model.rules import WEIGHTED
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES

AS_OF = ("--as-of", "2026-11-24")


def run(capsys, *argv):
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys, *argv) -> str:
    """What a usage error (exit 2) says."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in argv])
    assert caught.value.code == 2
    return capsys.readouterr().err


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    data = tmp_path_factory.mktemp("cohort") / "graph.json"
    assert main(["--data", str(data), "demo"]) == 0
    return data


@pytest.fixture(scope="module")
def learnt(tmp_path_factory):
    """A generated organisation of 3,000 people whose 600 introductions' outcomes follow known weights."""
    folder = tmp_path_factory.mktemp("fit")
    source, data = folder / "org.json", folder / "graph.json"
    document = complete(validate(generate_dataset(3000, seed=3)))
    known = {"seniority_fit": 0.5, "tie_strength": 0.3, "new_reach": 0.2}
    source.write_text(json.dumps(simulated_outcomes(document, known, strength=12)), "utf-8")
    assert main(["--data", str(data), "import", str(source)]) == 0
    return data


# -- recommend for a cohort ------------------------------------------------------------------


def test_a_cohort_file_gives_json_of_the_documented_shape(capsys, demo):
    code, out, err = run(
        capsys,
        "--data",
        demo,
        "recommend",
        "--cohort",
        FIXTURES / "cohort.csv",
        "--per-person",
        2,
        "--max-exposure",
        1,
        "--json",
        *AS_OF,
    )
    found = json.loads(out)
    assert code == 0 and err == ""
    assert set(found) == {
        "per_person",
        "max_exposure",
        "via",
        "skill",
        "pool",
        "people",
        "rows",
        "without",
        "score",
        "exposure",
    }
    assert set(found["rows"][0]) == {
        "person",
        "person_name",
        "candidate",
        "name",
        "introducer",
        "introducer_name",
        "score",
        "place",
        "reasons",
    }
    assert found["people"]["asked"] == 5 and {r["person"] for r in found["rows"]} == {"p033", "p005", "p013"}
    assert {w["person"]: w["why"] for w in found["without"]} == {
        "p001": "closed to introductions",
        "p999": "unknown id",
    }


def test_all_mentees_prints_the_summary_then_each_persons_suggestions(capsys, demo):
    code, out, err = run(capsys, "--data", demo, "recommend", "--all-mentees", *AS_OF)
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].startswith("33 people asked, via mentors: ") and "at most 3 each" in lines[0]
    assert "nobody suggested to more than 3 people" in lines[0]
    assert lines[1].startswith("total score ") and "uncapped: the caps give up" in lines[1] and "greedy" in lines[1]
    assert lines[2].startswith("exposure Gini ")
    assert "  p001 Hiroko Russo: closed to introductions" in lines
    assert "Dana Okafor (p033)" in lines


@pytest.mark.parametrize(
    "argv, message",
    [
        ((), "give one of PERSON_ID, --cohort FILE or --all-mentees"),
        (("p033", "--all-mentees"), "not PERSON_ID and --all-mentees together"),
        (("--cohort", "x.csv", "--all-mentees"), "not --cohort and --all-mentees together"),
        (("--all-mentees", "--limit", "5"), "--limit is for one person; a cohort takes --per-person"),
    ],
)
def test_a_person_or_a_cohort_but_not_both_nor_neither(capsys, demo, argv, message):
    assert message in usage_error(capsys, "--data", demo, "recommend", *argv)


@pytest.mark.parametrize(
    "argv, message",
    [
        (("--per-person", 0), "'per_person': must be a whole number from 1 to 20"),
        (("--max-exposure", 0), "'max_exposure': must be a whole number from 1 to 100000"),
        (("--via", "p009"), "a cohort is searched via mentors or all, not 'p009'"),
    ],
)
def test_impossible_cohort_options_are_refused_with_one_line(capsys, demo, argv, message):
    code, out, err = run(capsys, "--data", demo, "recommend", "--all-mentees", *argv)
    assert code == 1 and out == "" and message in err


def test_a_cohort_file_without_a_person_column_is_refused_with_its_name(capsys, demo, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("id\np033\n", "utf-8")
    code, _, err = run(capsys, "--data", demo, "recommend", "--cohort", path)
    assert code == 1 and f"{path}: needs a 'person' column (found: id)" in err


def test_a_missing_cohort_file_is_refused_with_its_name(capsys, demo, tmp_path):
    code, _, err = run(capsys, "--data", demo, "recommend", "--cohort", tmp_path / "none.csv")
    assert code == 1 and "none.csv: cannot read it" in err


def test_one_person_is_still_recommended_for_as_before(capsys, demo):
    code, out, _ = run(capsys, "--data", demo, "recommend", "p033", "--limit", 1, *AS_OF)
    assert code == 0 and out.startswith(" 1. Kamala Berg (p083)")


# -- evaluate --fit --------------------------------------------------------------------------


def test_fit_refuses_on_too_few_labelled_introductions_and_says_how_many(capsys, demo):
    code, out, err = run(capsys, "--data", demo, "evaluate", "--fit")
    assert code == 1 and out == ""
    assert "fitting needs at least 50 labelled introductions" in err and "there are 13 (10 that took, 3" in err


def test_fit_prints_the_weights_and_the_held_out_gain_and_the_settings_file(capsys, learnt):
    code, out, err = run(capsys, "--data", learnt, "evaluate", "--fit")
    assert code == 0 and err == ""
    assert out.startswith("600 labelled introductions: ")
    assert "held-out AUC, 5-fold cross-validation (seed 0): " in out and "gain +" in out
    assert "[recommend]" in out and "goal_fit = " in out


def test_fit_writes_a_settings_file_that_recommend_loads(capsys, learnt, tmp_path, monkeypatch):
    path = tmp_path / "recommend.toml"
    code, out, _ = run(capsys, "--data", learnt, "evaluate", "--fit", "--out", path, "--json")
    report = json.loads(out)
    assert code == 0 and report["written_to"] == str(path)
    table = tomllib.loads(path.read_text("utf-8"))["recommend"]
    assert {name: table[name] for name in WEIGHTED} == pytest.approx(report["weights"], abs=1e-6)
    baseline = json.loads(
        run(capsys, "--data", learnt, "recommend", "--all-mentees", "--via", "all", "--json", *AS_OF)[1]
    )
    monkeypatch.setenv("NETGRAPH_RECOMMEND_FILE", str(path))
    refitted = json.loads(
        run(capsys, "--data", learnt, "recommend", "--all-mentees", "--via", "all", "--json", *AS_OF)[1]
    )
    assert refitted["rows"] != baseline["rows"]  # the fitted weights are in force


@pytest.mark.parametrize(
    "argv, message",
    [
        (("--out", "x.toml"), "--out is for --fit"),
        (("--fit", "--split", "2025-01-01"), "--fit uses the store's introductions; it takes no --split"),
    ],
)
def test_fit_options_that_do_not_go_together_are_refused(capsys, demo, argv, message):
    assert message in usage_error(capsys, "--data", demo, "evaluate", *argv)
