"""``netgraph export`` to each kind of place: a symlink, standard output, a FIFO, a device, a folder.

A regular file is replaced by a file written beside it and renamed over it;
a symlink is followed (the link survives, its target gets the export); ``-``,
FIFOs and character devices are written as streams and never replaced; a
folder takes only a CSV export. These run on the embedded store (``--data``):
where the export goes does not depend on the store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import networkx
import pytest

from netgraph.cli import main
from tests.conftest import FIXTURES

#: The command line in a process of its own, as a shell runs it (its stdout is a real pipe).
RUN_CLI = "import sys; from netgraph.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.fixture
def data(tmp_path, capsys):
    path = str(tmp_path / "graph.json")
    assert main(["--data", path, "import", str(FIXTURES / "small.json")]) == 0
    capsys.readouterr()
    return path


def export(capsys, data, *argv):
    code = main(["--data", data, "export", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def people_in(document: dict) -> list[str]:
    return [p["id"] for p in document["people"]]


def test_exporting_to_a_symlink_writes_its_target_and_keeps_the_link(capsys, data, tmp_path):
    target = tmp_path / "real" / "graph-export.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)

    code, _, err = export(capsys, data, link)

    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert people_in(json.loads(target.read_text("utf-8"))) == ["p1", "p2", "p3", "p4"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph-export.json"]  # no temporary file left


def test_exporting_to_a_chain_of_symlinks_writes_the_last_target(capsys, data, tmp_path):
    target = tmp_path / "graph-export.graphml"
    (tmp_path / "second.graphml").symlink_to(target)
    (tmp_path / "first.graphml").symlink_to(tmp_path / "second.graphml")

    assert export(capsys, data, tmp_path / "first.graphml")[0] == 0

    assert (tmp_path / "first.graphml").is_symlink() and (tmp_path / "second.graphml").is_symlink()
    assert "Person:p1" in networkx.read_graphml(target).nodes


def test_exporting_to_a_regular_file_replaces_it_whole(capsys, data, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("x" * 100_000)

    assert export(capsys, data, out)[0] == 0

    assert people_in(json.loads(out.read_text("utf-8"))) == ["p1", "p2", "p3", "p4"]


def test_exporting_to_a_fifo_streams_the_document_to_its_reader(capsys, data, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    code, out, err = export(capsys, data, fifo)
    reader.join(timeout=30)

    assert code == 0 and out == "" and err.startswith("exported the ")
    assert people_in(json.loads(received[0])) == ["p1", "p2", "p3", "p4"]
    assert fifo.is_fifo()


def test_a_fifo_takes_graphml_when_asked(capsys, data, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    assert export(capsys, data, fifo, "--format", "graphml")[0] == 0
    reader.join(timeout=30)

    assert received[0].startswith(b"<?xml") and b"<graphml" in received[0]


def test_exporting_to_dash_writes_json_to_standard_output_and_no_file(data, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--data", data, "export", "-"], cwd=tmp_path, capture_output=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert people_in(json.loads(done.stdout)) == ["p1", "p2", "p3", "p4"]
    assert b"exported the " in done.stderr
    assert not (tmp_path / "-").exists()


def test_exporting_gexf_to_dash_writes_gexf_to_standard_output(data, tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--data", data, "export", "-", "--format", "gexf"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert b"<gexf" in done.stdout


def test_exporting_to_a_character_device_writes_to_it_and_leaves_it_a_device(capsys, data):
    code, out, err = export(capsys, data, os.devnull)

    assert (code, out) == (0, "") and err.startswith("exported the ")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


@pytest.mark.parametrize("target", ["-", "fifo"])
def test_a_csv_export_to_a_stream_is_a_one_line_error(capsys, data, tmp_path, target):
    if target == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)

    code, out, err = export(capsys, data, target, "--format", "csv")

    assert (code, out) == (1, "")
    assert err == (
        f"netgraph: error: {target}: a CSV export is a folder of files and cannot go to a stream "
        "(use --format json, graphml or gexf)\n"
    )


def test_a_json_export_to_a_folder_is_a_one_line_error_and_the_folder_stays(capsys, data, tmp_path):
    folder = tmp_path / "somefolder.json"
    folder.mkdir()

    code, out, err = export(capsys, data, folder)

    assert (code, out) == (1, "") and len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"netgraph: error: {folder}: is a folder")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_csv_export_over_a_regular_file_is_a_one_line_error(capsys, data, tmp_path):
    out = tmp_path / "out"
    out.write_text("keep me")

    code, _, err = export(capsys, data, out, "--format", "csv")

    assert code == 1 and len(err.splitlines()) == 1 and "is a file" in err
    assert out.read_text() == "keep me"


def test_generate_to_dash_writes_the_document_alone_to_standard_output(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "generate", "-", "--people", "5"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["people"]) == 5 and b"wrote 5 people" in done.stderr


def test_a_loop_of_symlinks_is_a_one_line_error(capsys, data, tmp_path):
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")

    code, _, err = export(capsys, data, tmp_path / "a.json")

    assert code == 1 and len(err.splitlines()) == 1 and "cannot be reached" in err
    assert (tmp_path / "a.json").is_symlink() and (tmp_path / "b.json").is_symlink()
