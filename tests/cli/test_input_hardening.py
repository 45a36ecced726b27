"""The command line and hostile input: closed pipes, oversized notes, arguments that are not UTF-8."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netgraph.cli import main
from tests.conftest import FIXTURES

RUN_CLI = "import sys; from netgraph.cli import main; sys.exit(main())"


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "graph.json"
    assert main(["--data", str(path), "import", str(FIXTURES / "demo" / "netgraph.json")]) == 0
    return path


def run(capsys, *argv):
    capsys.readouterr()
    code = main([str(a) for a in argv])
    return (code, *capsys.readouterr())


@pytest.mark.parametrize(
    "command",
    [
        ["succession"],
        ["succession", "--json"],
        ["stats"],
        ["intro", "list"],
        ["what-if", "--leave", "p099"],
        ["path", "p033", "p100"],
    ],
)
def test_a_command_whose_reader_closes_the_pipe_ends_quietly(demo_data, command):
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_CLI, "--data", str(demo_data), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # like `| head` that has read enough
    error = process.stderr.read().decode()
    assert process.wait() == 141 and error == ""


def test_an_intro_note_over_its_limit_is_refused_before_anything_is_written(capsys, demo_data):
    before = demo_data.with_suffix(".sqlite").read_bytes()
    code, out, err = run(
        capsys,
        "--data",
        demo_data,
        "intro",
        "propose",
        "--by",
        "p009",
        "--introduce",
        "p033",
        "--to",
        "p084",
        "--note",
        "x" * 4001,
    )
    assert (code, out) == (1, "")
    assert err == "netgraph: error: command line, field '--note': 4001 characters, more than the limit of 4000\n"
    assert demo_data.with_suffix(".sqlite").read_bytes() == before


def test_an_intro_note_with_a_bidi_override_is_refused(capsys, demo_data):
    code, _, err = run(
        capsys,
        "--data",
        demo_data,
        "intro",
        "propose",
        "--by",
        "p009",
        "--introduce",
        "p033",
        "--to",
        "p084",
        "--note",
        "see \u202eexe.pdf",
    )
    assert code == 1 and "U+202E RIGHT-TO-LEFT OVERRIDE" in err


def test_an_argument_that_was_not_utf8_is_refused_in_one_line(capsys, demo_data):
    code, out, err = run(capsys, "--data", demo_data, "recommend", "p0\udcff3")
    assert (code, out, err) == (1, "", "netgraph: error: argument 4 is not UTF-8 text\n")


def test_a_name_stored_with_a_bidi_control_is_printed_without_it(tmp_path, capsys):
    from netgraph.cli.main import main
    from netgraph.model.validate import validate
    from netgraph.store import EmbeddedStore

    data = tmp_path / "graph.json"
    document = validate(
        {
            "people": [{"id": "p1", "name": "Ada Lovelace"}, {"id": "p2", "name": "Bo Chen"}],
            "knows": [{"a": "p1", "b": "p2", "strength": 0.8}],
        }
    )
    document["people"][0]["name"] = "Ada \u202eLovelace"  # stored before the rule refused it
    EmbeddedStore(data).write(document)
    assert main(["--data", str(data), "path", "p1", "p2"]) == 0
    printed = capsys.readouterr().out
    assert "Ada Lovelace (p1) -> Bo Chen (p2)" in printed and "\u202e" not in printed
    assert main(["--data", str(data), "export", str(tmp_path / "out.json")]) == 0
    assert "\u202e" in (tmp_path / "out.json").read_text("utf-8")  # a file keeps what is stored
