"""``netgraph evaluate`` end to end on the embedded store: a generated organisation, two documents, errors."""

from __future__ import annotations

import json

import pytest

from netgraph.cli import main
from netgraph.io.generate import generate_dataset


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated organisation of 300 people in an embedded store file."""
    folder = tmp_path_factory.mktemp("evaluate")
    source, data = folder / "org.json", folder / "graph.json"
    source.write_text(json.dumps(generate_dataset(300, seed=5)), "utf-8")
    assert main(["--data", str(data), "import", str(source)]) == 0
    return data


def test_the_table_on_a_generated_organisation(capsys, generated):
    capsys.readouterr()
    code, out, err = run(capsys, "--data", generated, "evaluate", "--split", "2025-06-01")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("split at 2025-06-01: ") and "new ties from it on" in lines[0]
    assert "people evaluated (all " in lines[1] and "k = 10, via all" in lines[1]
    for label in (
        "precision@10",
        "hit-rate@10",
        "MRR@10",
        "netgraph minus",
        "suggestions in a new unit",
        "skills to grow covered",
        "exposure Gini",
        "beyond two links (no introducer can reach them)",
    ):
        assert label in out
    assert "random (expected)" in out and "1,000 resamples, seed 0" in out


def test_json_has_the_documented_shape(capsys, generated):
    capsys.readouterr()
    code, out, _ = run(
        capsys,
        "--data",
        generated,
        "evaluate",
        "--split",
        "2025-06-01",
        "--k",
        "5",
        "--sample",
        "40",
        "--seed",
        "3",
        "--json",
    )
    report = json.loads(out)
    assert code == 0
    assert set(report) == {
        "split",
        "k",
        "via",
        "sample",
        "seed",
        "resamples",
        "people",
        "plausibility",
        "value",
        "future_ties",
    }
    assert report["k"] == 5 and report["sample"] == 40 and report["seed"] == 3
    assert report["people"]["evaluated"] == 40 < report["people"]["eligible"]
    assert set(report["plausibility"]) == {"precision", "hit_rate", "mrr"}
    precision = report["plausibility"]["precision"]
    assert set(precision) == {
        "netgraph",
        "adamic_adar",
        "random",
        "netgraph_minus_adamic_adar",
        "netgraph_minus_random",
    }
    low, high = precision["netgraph"]["ci"]
    assert low <= precision["netgraph"]["value"] <= high
    assert set(report["value"]) == {"new_unit_share", "skill_coverage", "exposure_gini"}


def test_two_documents(capsys, tmp_path):
    people = [{"id": p, "name": p} for p in ("a", "b", "c", "d")]
    train = {"people": people, "knows": [{"a": "a", "b": "b"}, {"a": "b", "b": "c"}, {"a": "b", "b": "d"}]}
    test = {"knows": [{"a": "a", "b": "c", "since": "2025-02-01"}]}
    (tmp_path / "train.json").write_text(json.dumps(train))
    (tmp_path / "test.json").write_text(json.dumps(test))
    code, out, _ = run(
        capsys,
        "--data",
        tmp_path / "unused.json",
        "evaluate",
        "--train",
        tmp_path / "train.json",
        "--test",
        tmp_path / "test.json",
        "--json",
    )
    report = json.loads(out)
    assert code == 0 and report["split"]["kind"] == "documents" and report["split"]["as_of"] == "2025-02-01"
    assert report["people"]["evaluated"] == 2  # a and c
    assert report["plausibility"]["hit_rate"]["adamic_adar"]["value"] == 1.0  # a's candidates: c and d


def test_nobody_to_evaluate_is_said_plainly(capsys, generated):
    capsys.readouterr()
    code, out, _ = run(capsys, "--data", generated, "evaluate", "--split", "1990-01-01")
    assert code == 0 and "nobody to evaluate" in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--split", "2025-06-01", "--train", "a.json", "--test", "b.json"],
        ["--train", "a.json"],
        ["--split", "June"],
        ["--via", "p1", "--split", "2025-06-01"],
    ],
)
def test_usage_errors_exit_2(capsys, generated, argv):
    with pytest.raises(SystemExit) as caught:
        main(["--data", str(generated), "evaluate", *argv])
    assert caught.value.code == 2 and "usage: netgraph evaluate" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--split", "2025-06-01", "--k", "0"], "'k': must be a whole number from 1 to 100"),
        (["--split", "2025-06-01", "--sample", "0"], "'sample'"),
    ],
)
def test_bad_values_exit_1_with_one_line(capsys, generated, argv, message):
    code, _, err = run(capsys, "--data", generated, "evaluate", *argv)
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_a_test_document_with_an_unknown_person_names_the_place(capsys, tmp_path):
    (tmp_path / "train.json").write_text(json.dumps({"people": [{"id": "a", "name": "A"}]}))
    (tmp_path / "test.json").write_text(json.dumps({"knows": [{"a": "a", "b": "zz"}]}))
    code, _, err = run(capsys, "evaluate", "--train", tmp_path / "train.json", "--test", tmp_path / "test.json")
    assert code == 1 and "test.json knows[0], field 'b': unknown person 'zz'" in err


@pytest.fixture(scope="module")
def with_history(tmp_path_factory):
    """400 generated people whose last 30 days of ties formed by closure, in an embedded store file."""
    from netgraph.io.generate_closure import closure_history
    from netgraph.model.validate import complete, validate

    folder = tmp_path_factory.mktemp("history")
    source, data = folder / "org.json", folder / "graph.json"
    document = closure_history(complete(validate(generate_dataset(400, seed=4))), days=30, per_day=10, seed=2)
    source.write_text(json.dumps(document), "utf-8")
    assert main(["--data", str(data), "import", str(source)]) == 0
    return data


def fit_from_history(capsys, data, split, *more):
    """``netgraph --data DATA evaluate --fit --from-history --split SPLIT MORE...``: (exit code, stdout, stderr)."""
    capsys.readouterr()
    return run(capsys, "--data", data, "evaluate", "--fit", "--from-history", "--split", split, *more)


def test_fit_from_history_writes_the_learned_plausibility_table(capsys, with_history, tmp_path):
    import tomllib

    out_file = tmp_path / "learned.toml"
    code, out, err = fit_from_history(capsys, with_history, "2026-12-01", "--window", "10", "--out", out_file)
    assert code == 0 and err == ""
    assert out.startswith("network before 2026-12-01: ")
    assert "learned minus Adamic-Adar, precision@10: " in out and "left out" in out
    table = tomllib.loads(out_file.read_text("utf-8"))["plausibility"]
    assert table["cutoff"] == "2026-12-01" and table["window_days"] == 10 and table["features"]


def test_fit_from_history_with_too_little_history_keeps_the_default(capsys, with_history, tmp_path):
    code, _, err = fit_from_history(capsys, with_history, "2030-01-01", "--out", tmp_path / "none.toml")
    assert code != 0 and "too little history" in err and "The default formula stays" in err
    assert not (tmp_path / "none.toml").exists()


def test_fit_from_history_per_person_fits_the_order_within_each_person(capsys, with_history):
    code, out, err = fit_from_history(
        capsys, with_history, "2026-12-01", "--window", "10", "--objective", "per_person", "--json"
    )
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["objective"] == "per_person" and report["model"]["features"]


def test_objective_is_only_for_a_fit_from_history(capsys, with_history):
    with pytest.raises(SystemExit):
        main(["--data", str(with_history), "evaluate", "--split", "2026-12-01", "--objective", "per_person"])
    assert "--objective is for --fit --from-history" in capsys.readouterr().err


def test_from_history_needs_fit(capsys, with_history):
    with pytest.raises(SystemExit):
        main(["--data", str(with_history), "evaluate", "--from-history"])
    assert "--from-history is for --fit" in capsys.readouterr().err


def test_generate_with_closure_days_adds_dated_ties_after_the_rest(capsys, tmp_path):
    out = tmp_path / "org.json"
    code, _, err = run(capsys, "generate", out, "--people", "200", "--seed", "1", "--closure-days", "5")
    assert code == 0 and err == ""
    plain = generate_dataset(200, seed=1)
    knows = json.loads(out.read_text("utf-8"))["knows"]
    added = knows[len(plain["knows"]) :]
    last = max(k["since"] for k in plain["knows"])
    assert len(added) == 5 * 2 and all(k["since"] > last for k in added)


def test_fit_from_history_needs_the_min_history_pairs_setting(capsys, with_history, monkeypatch):
    monkeypatch.setenv("NETGRAPH_RECOMMEND", "min_history_pairs=100000")
    code, _, err = fit_from_history(capsys, with_history, "2026-12-01", "--window", "10")
    assert code != 0 and "the fit needs at least 100,000" in err
