"""Erasure through the command line, on each store: what the trail keeps of an erased person's introductions,
and what the erase reason keeps of their names.

fixtures/small.json: Dana Kovač (p4, dana@example.com) knows Ada (p1) and Chen (p3); Ada knows Bruno (p2).
"""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from netgraph.io.importer import import_document
from tests.contract.cli_runner import cli_on

CONFIDENTIAL = "CONFIDENTIAL: thinking of leaving for a rival"


@pytest.fixture
def cli(store, monkeypatch, capsys, small):
    """The small organisation, and two newcomers: Eve (p5), whom Ada knows, and Finn (p6), whom Dana knows."""
    import_document(store, small)
    import_document(
        store,
        {
            "people": [{"id": "p5", "name": "Eve Ma"}, {"id": "p6", "name": "Finn Roe"}],
            "knows": [
                {"a": "p1", "b": "p5", "since": "2026-01-01", "strength": 0.5},
                {"a": "p4", "b": "p6", "since": "2026-01-01", "strength": 0.5},
            ],
        },
    )
    return cli_on(store, monkeypatch, capsys)


def everything_the_trail_shows(cli, tmp_path) -> str:
    """The trail as `audit --json` prints it and as `export --with-audit` writes it."""
    code, shown, _ = cli("audit", "--json")
    assert code == 0
    target = tmp_path / "with-audit.json"
    code, _, err = cli("export", target, "--format", "json", "--with-audit")
    assert code == 0, err
    return shown + target.read_text("utf-8")


def proposed_by_dana(cli) -> str:
    """An introduction Dana proposes, with a confidential note, taken to met and rated: its id."""
    code, out, err = cli(
        "intro", "propose", "--by", "p4", "--introduce", "p6", "--to", "p1", "--note", CONFIDENTIAL, "--json"
    )
    assert code == 0, err
    (made,) = [i["id"] for i in json.loads(out)["introductions"]]
    for status in ("made", "accepted", "met"):
        assert cli("intro", "update", made, "--status", status)[0] == 0
    assert cli("intro", "update", made, "--outcome", "5")[0] == 0
    return made


# -- item 6: the introductions erasure removes -----------------------------------------------------------------


def test_before_erasure_the_trail_shows_the_note_of_an_introduction(cli, tmp_path):
    proposed_by_dana(cli)
    assert CONFIDENTIAL in everything_the_trail_shows(cli, tmp_path)


def test_erasure_redacts_the_note_of_every_introduction_it_removes(cli, tmp_path):
    proposed_by_dana(cli)
    assert cli("erase", "p4", "--reason", "request 17")[0] == 0
    assert CONFIDENTIAL not in everything_the_trail_shows(cli, tmp_path)


def test_erasure_redacts_the_status_and_outcome_changes_of_the_introductions_it_removes(cli):
    made = proposed_by_dana(cli)
    assert cli("erase", "p4", "--reason", "request 17")[0] == 0
    code, out, _ = cli("audit", "--json", "--action", "intro")
    rows = [c for e in json.loads(out)["events"] for c in e["changes"]]
    assert {r["field"] for r in rows} >= {"note", "status", "outcome", "made_on", "accepted_on", "met_on"}
    assert {(r["entity"], r["before"], r["after"]) for r in rows} == {(None, None, None)}
    assert made not in out


def propose_without_dana(cli, note: str) -> None:
    """Ada introduces Bruno to Eve: an introduction that does not name Dana."""
    code, _, err = cli("intro", "propose", "--by", "p1", "--introduce", "p2", "--to", "p5", "--note", note)
    assert code == 0, err


def test_erasure_keeps_the_rows_of_introductions_it_does_not_remove(cli):
    propose_without_dana(cli, "pricing")
    assert cli("erase", "p4", "--reason", "request 17")[0] == 0
    code, out, _ = cli("audit", "--json", "--action", "intro.propose")
    (event,) = json.loads(out)["events"]
    assert {(c["field"], c["after"]) for c in event["changes"]} == {("status", "proposed"), ("note", "pricing")}


def test_erasure_redacts_the_preferred_name_everywhere(cli, store, small):
    dana = next(p for p in small["people"] if p["id"] == "p4")
    import_document(store, {"people": [{**dana, "preferred_name": "Dee"}]})
    propose_without_dana(cli, "ask Dee first")
    assert cli("erase", "p4", "--reason", "asked by Dee on the phone")[0] == 0
    code, out, _ = cli("audit", "--json")
    assert "Dee" not in out and "asked by [erased] on the phone" in out


# -- item 7: the reason keeps nothing of the names, however they fold -------------------------------------------


def erase_named(cli, store, small, name: str, reason: str) -> str:
    """Rename Dana to ``name``, erase her with ``reason``; the reason the erase event keeps."""
    dana = next(p for p in small["people"] if p["id"] == "p4")
    import_document(store, {"people": [{**dana, "name": name}]})
    code, _, err = cli("erase", "p4", "--reason", reason)
    assert code == 0, err
    code, out, _ = cli("audit", "--json", "--action", "erase")
    return json.loads(out)["events"][-1]["note"]


@pytest.mark.parametrize(
    ("name", "reason", "kept"),
    [
        # text before the name that case folding makes longer or shorter
        ("Kamala Berg", "Straße 5, Fuß: Kamala Berg asked", "Straße 5, Fuß: [erased] asked"),
        ("Kamala Berg", "STRAẞE 5: KAMALA BERG asked", "STRAẞE 5: [erased] asked"),
        ("Kamala Berg", "İİİ İzmir: Kamala Berg asked", "İİİ İzmir: [erased] asked"),
        ("Kamala Berg", "ﬁﬁ ﬁle: Kamala Berg asked", "ﬁﬁ ﬁle: [erased] asked"),
        # names that fold
        ("Işık Yılmaz", "request of IŞIK YILMAZ (by phone)", "request of [erased] (by phone)"),
        ("Işık Yılmaz", "request of Isik Yilmaz", "request of [erased]"),
        ("İlkay Ünal", "request of ilkay ünal", "request of [erased]"),
        ("Jürgen Groß", "request of JÜRGEN GROSS", "request of [erased]"),
        ("Jürgen Groß", "request of JÜRGEN GROẞ", "request of [erased]"),
        ("Sofía Ruﬁno", "request of Sofia Rufino", "request of [erased]"),
        # combining accents, in the name or in the reason
        ("Zoë Nguyễn", "request of Zoe\u0308 Nguye\u0302\u0303n.", "request of [erased]."),
        ("Zoe\u0308 Nguyen", "request of Zoë Nguyen.", "request of [erased]."),
        ("José Núñez", "request of Jose Nunez", "request of [erased]"),
        # other scripts
        ("Ελένη Σοφία", "αίτημα: ΕΛΈΝΗ ΣΟΦΊΑ.", "αίτημα: [erased]."),
        ("Дмитрий Ёлкин", "запрос ДМИТРИЙ ЁЛКИН", "запрос [erased]"),
        ("张伟", "应张伟的要求删除", "应[erased]的要求删除"),
        ("محمد عَلي", "طلب من محمد علي", "طلب من [erased]"),
        ("प्रिया शर्मा", "प्रिया शर्मा का अनुरोध", "[erased] का अनुरोध"),
    ],
)
def test_the_reason_keeps_nothing_of_the_name(cli, store, small, name, reason, kept):
    assert erase_named(cli, store, small, name, reason) == kept


# -- item 8: nothing left on disk, even while another process reads -----------------------------------------------

DANA = ("Dana Kovač", "dana@example.com")


def on_disk(path) -> bytes:
    """The embedded store's file and its write-ahead log, as they are on disk now."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


@pytest.fixture
def embedded(tmp_path, small, monkeypatch, capsys):
    """The small organisation in an embedded store whose writes wait 1 s for others, and a reader of the same
    file that holds a snapshot from before any erasure, as a busy `netgraph serve` would."""
    from netgraph.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "graph.sqlite", write_wait=1.0)
    import_document(store, small)
    reader = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM nodes").fetchone()
    yield store, reader, cli_on(store, monkeypatch, capsys)
    reader.close()


def test_erase_waits_for_a_reader_that_finishes_and_leaves_no_trace_on_disk(embedded):
    store, reader, cli = embedded
    threading.Timer(0.5, lambda: reader.execute("COMMIT")).start()
    code, _, err = cli("erase", "p4", "--reason", "request 17")
    assert code == 0, err
    assert not any(needle.encode() in on_disk(store.path) for needle in DANA)


def test_erase_exits_non_zero_saying_how_to_finish_while_a_reader_keeps_reading(embedded):
    store, reader, cli = embedded
    code, _, err = cli("erase", "p4", "--reason", "request 17")
    assert code == 1
    assert "p4 is erased from the store, but not yet from the disk" in err and "db scrub" in err
    assert store.people(["p4"]) == {}
    assert any(needle.encode() in on_disk(store.path) for needle in DANA)  # what the message is about


def test_db_scrub_finishes_an_erasure_once_the_reader_is_done(embedded):
    store, reader, cli = embedded
    assert cli("erase", "p4", "--reason", "request 17")[0] == 1
    reader.execute("COMMIT")
    code, out, err = cli("db", "scrub")
    assert code == 0, err
    assert "write-ahead log is folded into the file" in out
    assert not any(needle.encode() in on_disk(store.path) for needle in DANA)


def test_db_scrub_while_the_reader_still_reads_exits_non_zero(embedded):
    store, reader, cli = embedded
    assert cli("erase", "p4", "--reason", "request 17")[0] == 1
    code, _, err = cli("db", "scrub")
    assert code == 1 and "another process kept reading the store" in err


def test_db_scrub_says_what_it_does_on_each_store(cli):
    code, out, _ = cli("db", "scrub")
    assert code == 0 and ("write-ahead log is folded" in out or "transaction logs keep old values" in out)
