"""Reading collaboration events and aggregating them into pair evidence (netgraph.io.interactions).

The pair rules (meetings tie every pair, an email its sender to each
recipient...), the events skipped and counted, the lookup by id or email,
Parquet folders, the refusal of every bad input in ``fixtures/bad/events_*``
with its located line, the merge of one more day and the file hashes. Small
inputs written in ``tmp_path``; ``fixtures/events/`` holds an export in
another system's names with its mapping.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.generate import generate_dataset
from netgraph.io.generate_events import write_events
from netgraph.io.interactions import (
    UNKNOWN_SHOWN,
    aggregate_events,
    connect,
    file_hash,
    input_hashes,
    load_lookup,
    lookup_rows,
    mapping_from,
    merge_aggregates,
    qualifying_ties,
    read_events,
    read_mapping,
    remembered_events,
)
from netgraph.model.ties import TieSettings
from tests.conftest import FIXTURES

BAD = FIXTURES / "bad"
EVENTS = FIXTURES / "events"
NAMES = ["ada", "bruno", "chen", "dana", "emeka", "fatima", "giulia", "hiroshi", "ines", "jamal", "kavya", "lars"]
PEOPLE = [{"id": f"p{i}", "email": f"{name}@example.com"} for i, name in enumerate(NAMES, start=1)]
HEADER = "timestamp,channel,sender,participants,duration_minutes"


@pytest.fixture
def con():
    connection = connect()
    load_lookup(connection, lookup_rows(PEOPLE))
    yield connection
    connection.close()


def write(tmp_path, rows: list[str], name: str = "events.csv", header: str = HEADER):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def pairs(con, table: str = "pair_day") -> set[tuple]:
    return set(con.execute(f"SELECT a, b, channel, day::VARCHAR, events, minutes FROM {table}").fetchall())


def only_pairs(con, table: str = "pair_day") -> set[tuple[str, str]]:
    return set(con.execute(f"SELECT DISTINCT a, b FROM {table}").fetchall())


# ---------------------------------------------------------------- the pair rules


def test_a_meeting_ties_every_pair_of_its_people(con, tmp_path):
    result = aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,30"]))
    assert pairs(con) == {
        ("p1", "p2", "meeting", "2026-11-02", 1, 30.0),
        ("p1", "p3", "meeting", "2026-11-02", 1, 30.0),
        ("p2", "p3", "meeting", "2026-11-02", 1, 30.0),
    }
    assert result.report.events_read == 1 and result.report.events_counted == 1 and result.report.pairs == 3


@pytest.mark.parametrize("channel", ["call", "chat", "project"])
def test_calls_chats_and_projects_tie_every_pair_too(con, tmp_path, channel):
    aggregate_events(con, write(tmp_path, [f"2026-11-02T09:00:00Z,{channel},p1,p1;p2;p3,"]))
    assert only_pairs(con) == {("p1", "p2"), ("p1", "p3"), ("p2", "p3")}


def test_an_email_ties_the_sender_to_each_recipient_and_not_the_recipients_to_each_other(con, tmp_path):
    aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,email,p2,p1;p3;p4,"]))
    assert pairs(con) == {
        ("p1", "p2", "email", "2026-11-02", 1, None),
        ("p2", "p3", "email", "2026-11-02", 1, None),
        ("p2", "p4", "email", "2026-11-02", 1, None),
    }


def test_a_sender_listed_among_the_recipients_of_an_email_is_not_tied_to_themselves(con, tmp_path):
    aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,email,p2,p2;p1,"]))
    assert only_pairs(con) == {("p1", "p2")}


def test_a_sender_who_is_not_among_the_participants_counts_as_one(con, tmp_path):
    aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p4,p1;p2,"]))
    assert only_pairs(con) == {("p1", "p2"), ("p1", "p4"), ("p2", "p4")}


def test_a_person_named_twice_in_one_event_counts_once(con, tmp_path):
    # p1 three times: by id, by email in capitals, by id again; and the sender listed under their email
    aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p2,p1;ADA@example.com;p1;bruno@example.com,"]))
    assert pairs(con) == {("p1", "p2", "meeting", "2026-11-02", 1, None)}


def test_events_are_counted_per_pair_channel_and_day_and_minutes_add_up(con, tmp_path):
    aggregate_events(
        con,
        write(
            tmp_path,
            [
                "2026-11-02T09:00:00Z,meeting,p1,p1;p2,30",
                "2026-11-02T15:00:00Z,meeting,p2,p1;p2,15",
                "2026-11-02T16:00:00Z,chat,p2,p1;p2,",
                "2026-11-03T09:00:00Z,meeting,p1,p2,",
            ],
        ),
    )
    assert pairs(con) == {
        ("p1", "p2", "meeting", "2026-11-02", 2, 45.0),
        ("p1", "p2", "chat", "2026-11-02", 1, None),
        ("p1", "p2", "meeting", "2026-11-03", 1, None),
    }


def test_an_offset_is_honoured_and_a_time_without_one_is_utc(con, tmp_path):
    aggregate_events(
        con,
        write(
            tmp_path,
            [
                "2026-11-02T23:30:00-02:00,chat,p1,p2,",  # 01:30 UTC on the 3rd
                "2026-11-04T00:30:00+02:00,chat,p3,p4,",  # 22:30 UTC on the 3rd
                "2026-11-05 23:59:59,chat,p5,p6,",  # UTC
                "2026-11-06,chat,p7,p8,",
            ],
        ),
    )
    assert set(con.execute("SELECT a, day::VARCHAR FROM pair_day").fetchall()) == {
        ("p1", "2026-11-03"),
        ("p3", "2026-11-03"),
        ("p5", "2026-11-05"),
        ("p7", "2026-11-06"),
    }


# ---------------------------------------------------------------- skipped and counted


def test_an_event_with_more_people_than_the_maximum_is_skipped(con, tmp_path):
    nine = ";".join(f"p{i}" for i in range(1, 10))
    eight = ";".join(f"p{i}" for i in range(1, 9))
    result = aggregate_events(
        con, write(tmp_path, [f"2026-11-02T09:00:00Z,meeting,p1,{nine},", f"2026-11-03T09:00:00Z,meeting,p1,{eight},"])
    )
    assert result.report.skipped_too_large == 1 and result.report.skipped_too_large_by_channel == {"meeting": 1}
    assert result.report.events_counted == 1 and result.report.pairs == 28
    assert con.execute("SELECT DISTINCT day::VARCHAR FROM pair_day").fetchall() == [("2026-11-03",)]


def test_people_nobody_knows_make_an_event_large_too(con, tmp_path):
    guests = ";".join(f"guest{i}@partner.example" for i in range(7))
    result = aggregate_events(con, write(tmp_path, [f"2026-11-02T09:00:00Z,meeting,p1,p1;p2;{guests},"]))
    assert result.report.skipped_too_large == 1 and result.report.pairs == 0


def test_each_channel_can_have_its_own_maximum(con, tmp_path):
    ten = ";".join(f"p{i}" for i in range(1, 11))
    settings = TieSettings(channel_max={"project": 12, "email": 3})
    result = aggregate_events(
        con,
        write(
            tmp_path,
            [
                f"2026-11-02T09:00:00Z,project,p1,{ten},",
                f"2026-11-02T09:00:00Z,meeting,p1,{ten},",
                "2026-11-02T10:00:00Z,email,p1,p2;p3;p4,",
                "2026-11-02T11:00:00Z,email,p1,p2;p3,",
            ],
        ),
        settings=settings,
    )
    assert result.report.skipped_too_large_by_channel == {"meeting": 1, "email": 1}
    assert con.execute("SELECT count(*) FROM pair_day WHERE channel = 'project'").fetchone() == (45,)
    assert set(con.execute("SELECT a, b FROM pair_day WHERE channel = 'email'").fetchall()) == {
        ("p1", "p2"),
        ("p1", "p3"),
    }


def test_an_event_of_one_person_is_skipped_as_alone(con, tmp_path):
    result = aggregate_events(
        con,
        write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1,", "2026-11-02T09:05:00Z,meeting,p1,ada@example.com,"]),
    )
    assert result.report.skipped_alone == 2 and result.report.pairs == 0


def test_email_is_looked_up_ignoring_case_and_ids_as_they_are(con, tmp_path):
    aggregate_events(
        con,
        write(
            tmp_path,
            ["2026-11-02T09:00:00Z,chat,ADA@Example.COM,  Bruno@EXAMPLE.com ,", "2026-11-02T09:00:00Z,chat,p3,P4,"],
        ),
    )
    assert only_pairs(con) == {("p1", "p2")}


def test_unknown_people_are_counted_and_the_first_twenty_listed_in_order(con, tmp_path):
    rows = [f"2026-11-02T09:{i:02d}:00Z,meeting,p1,p1;p2;Guest{i}@partner.example," for i in range(25)]
    rows += [
        "2026-11-02T10:00:00Z,email,stranger@partner.example,p1;p2,",  # the sender unknown: no pair
        "2026-11-02T10:00:00Z,chat,p1,guest3@partner.example,",  # one known person left: no pair
        "2026-11-02T10:00:00Z,meeting,p1,p2;p99,",
    ]
    result = aggregate_events(con, write(tmp_path, rows))
    report = result.report
    assert report.unknown_people == 27  # 25 guests, the stranger, p99 (guest3 twice: once)
    assert report.unknown_first == [f"guest{i}@partner.example" for i in range(UNKNOWN_SHOWN)]
    assert report.events_with_unknown_people == 28
    assert report.skipped_unknown_people == 2
    assert report.events_counted == 26
    assert pairs(con) == {("p1", "p2", "meeting", "2026-11-02", 26, None)}


def test_the_report_counts_events_pairs_and_days(con, tmp_path):
    result = aggregate_events(
        con, write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,", "2026-11-05T09:00:00Z,chat,p1,p2,"])
    )
    report = result.report.as_dict()
    assert (report["events_read"], report["events_counted"], report["pairs"], report["days"], report["rows"]) == (
        2,
        2,
        3,
        2,
        4,
    )
    assert (report["first_day"], report["last_day"]) == ("2026-11-02", "2026-11-05")
    assert result.relation.count("*").fetchall() == [(4,)]


def test_a_lookup_key_naming_two_people_is_refused(tmp_path):
    connection = connect()
    with pytest.raises(InvalidInput, match="'shared@example.com' names more than one person: p1, p2"):
        load_lookup(
            connection, [("p1", "p1"), ("Shared@example.com", "p1"), ("p2", "p2"), ("shared@example.com", "p2")]
        )


def test_the_lookup_can_be_a_table_of_the_connection(tmp_path):
    connection = connect()
    connection.execute(
        "CREATE TABLE people_keys AS SELECT * FROM (VALUES ('p1', 'p1'), ('ada@x.org', 'p1'), "
        "('p2', 'p2')) t(key, person_id)"
    )
    aggregate_events(connection, write(tmp_path, ["2026-11-02T09:00:00Z,chat,ADA@x.org,p2,"]), "people_keys")
    assert only_pairs(connection) == {("p1", "p2")}


# ---------------------------------------------------------------- when a pair becomes a tie


def test_a_pair_becomes_a_tie_with_min_events_within_the_window(con, tmp_path):
    aggregate_events(
        con,
        write(
            tmp_path,
            [
                "2026-10-01T09:00:00Z,meeting,p1,p2,",
                "2026-10-29T09:00:00Z,meeting,p1,p2,",  # 28 days apart: a tie
                "2026-10-01T09:00:00Z,meeting,p3,p4,",
                "2026-10-30T09:00:00Z,meeting,p3,p4,",  # 29 days apart: not yet
                "2026-11-20T09:00:00Z,email,p3,p4,",  # ...then 21 days after the second: a tie from 2026-11-20
                "2026-10-01T09:00:00Z,meeting,p5,p6,",  # one event: no
                "2026-10-01T09:00:00Z,chat,p7,p8,",
                "2026-10-01T15:00:00Z,call,p7,p8,",
            ],
        ),
    )  # two on one day, any channel
    ties = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT a, b, first_seen::VARCHAR, last_seen::VARCHAR, qualified_on::VARCHAR, events "
            "FROM (" + qualifying_ties(con, "pair_day").sql_query() + ")"
        ).fetchall()
    }
    assert ties == {
        "p1": ("p2", "2026-10-01", "2026-10-29", "2026-10-29", 2),
        "p3": ("p4", "2026-10-01", "2026-11-20", "2026-11-20", 3),
        "p7": ("p8", "2026-10-01", "2026-10-01", "2026-10-01", 2),
    }


def test_ties_are_judged_as_of_a_day_and_carry_strength_and_retirement(con, tmp_path):
    aggregate_events(
        con,
        write(
            tmp_path,
            [
                "2025-01-01T09:00:00Z,meeting,p1,p2,",
                "2025-01-02T09:00:00Z,meeting,p1,p2,",
                "2026-11-01T09:00:00Z,meeting,p3,p4,",
                "2026-11-02T09:00:00Z,chat,p3,p4,",
            ],
        ),
    )
    rows = {
        r[0]: r[1:]
        for r in qualifying_ties(con, "pair_day", as_of=date(2026, 11, 2)).select("a, strength, retire").fetchall()
    }
    assert rows["p1"][1] is True and rows["p1"][0] < 0.05  # two meetings 22 months ago: faded
    assert rows["p3"][1] is False and 0.2 < rows["p3"][0] < 0.5
    assert qualifying_ties(con, "pair_day", as_of=date(2025, 1, 1)).fetchall() == []  # one event by then


def test_ties_can_be_judged_for_some_pairs_only(con, tmp_path):
    aggregate_events(
        con, write(tmp_path, ["2026-11-01T09:00:00Z,meeting,p1,p2;p3,", "2026-11-02T09:00:00Z,meeting,p1,p2;p3,"])
    )
    con.execute("CREATE TABLE touched AS SELECT 'p1' AS a, 'p3' AS b")
    assert qualifying_ties(con, "pair_day", only_pairs="touched").select("a, b").fetchall() == [("p1", "p3")]


def test_one_more_day_merges_into_the_aggregates(con, tmp_path):
    aggregate_events(con, write(tmp_path, ["2026-11-01T09:00:00Z,meeting,p1,p2,", "2026-11-02T09:00:00Z,chat,p1,p2,"]))
    more = aggregate_events(
        con,
        write(tmp_path, ["2026-11-02T10:00:00Z,chat,p1,p2,", "2026-11-03T09:00:00Z,call,p3,p4,5"], name="more.csv"),
        into="pair_day_new",
    )
    assert merge_aggregates(con, "pair_day", more) == 2
    assert pairs(con) == {
        ("p1", "p2", "meeting", "2026-11-01", 1, None),
        ("p1", "p2", "chat", "2026-11-02", 2, None),
        ("p3", "p4", "call", "2026-11-03", 1, 5.0),
    }


# ---------------------------------------------------------------- inputs: folders, Parquet, mapping, hashes


def test_a_hive_partitioned_parquet_folder_is_read_as_one_input(con, tmp_path):
    rows = [
        "2026-10-30T09:00:00Z,meeting,p1,p1;p2;p3,30",
        "2026-11-02T09:00:00+01:00,email,p1,p2;p4,",
        "2027-01-02T09:00:00Z,chat,p5,p6,",
    ]
    csv = write(tmp_path, rows)
    folder = tmp_path / "events"
    con.execute(
        f"COPY (SELECT timestamp::TIMESTAMPTZ AS timestamp, channel, sender, participants, duration_minutes, "
        f"year(timestamp::TIMESTAMPTZ) AS year, month(timestamp::TIMESTAMPTZ) AS month "
        f"FROM read_csv('{csv}', all_varchar = true)) "
        f"TO '{folder}' (FORMAT parquet, PARTITION_BY (year, month))"
    )
    assert len(list(folder.rglob("*.parquet"))) == 3
    from_parquet = aggregate_events(con, folder, fmt="parquet", into="from_parquet")
    aggregate_events(con, csv, into="from_csv")
    assert pairs(con, "from_parquet") == pairs(con, "from_csv") and len(pairs(con, "from_csv")) == 6
    assert from_parquet.report.files == 3 and from_parquet.report.events_read == 3


def test_read_events_gives_the_events_as_netgraph_reads_them(con, tmp_path):
    events = read_events(con, write(tmp_path, ["2026-11-02T23:30:00-02:00,Chat,p1, p2 ;;ADA@example.com,12"]))
    assert events.fetchall()[0][1:] == (date(2026, 11, 3), "chat", "p1", ["p2", "ADA@example.com"], 12.0)


def test_an_export_in_its_own_names_is_read_with_its_mapping(con):
    mapping = read_mapping(EVENTS / "mapping.toml")
    result = aggregate_events(con, EVENTS / "export.csv", mapping=mapping)
    assert pairs(con) == {
        ("p1", "p2", "meeting", "2026-11-02", 1, 45.0),
        ("p1", "p3", "meeting", "2026-11-02", 1, 45.0),
        ("p2", "p3", "meeting", "2026-11-02", 1, 45.0),
        ("p2", "p3", "chat", "2026-11-03", 1, None),
        ("p1", "p3", "email", "2026-11-03", 1, None),
        ("p3", "p4", "email", "2026-11-03", 1, None),
        ("p1", "p4", "call", "2026-11-03", 1, 12.0),
        ("p1", "p2", "project", "2026-11-04", 1, None),
        ("p1", "p3", "project", "2026-11-04", 1, None),
        ("p2", "p3", "project", "2026-11-04", 1, None),
    }
    assert result.report.unknown_first == ["guest@partner.example"]


@pytest.mark.parametrize("header", ["Meeting Title", "Subject Line", "Email Body", "description", "chat_message"])
def test_a_column_neither_netgraphs_nor_mapped_nor_ignored_is_refused(con, tmp_path, header):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,,anything"], header=f"{HEADER},{header}")
    with pytest.raises(InvalidInput) as caught:
        aggregate_events(con, path)
    assert str(caught.value) == f"{path} line 1, field '{header}': {UNREAD_COLUMN}"


def test_a_column_the_mapping_ignores_is_not_read(con, tmp_path):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,,R12"], header=f"{HEADER},Room")
    aggregate_events(con, path, mapping=mapping_from({"ignore": ["Room"]}))
    assert pairs(con) == {("p1", "p2", "chat", "2026-11-02", 1, None)}


def test_a_content_column_is_refused_even_if_the_mapping_ignores_it(con, tmp_path):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,,hello"], header=f"{HEADER},Subject")
    with pytest.raises(InvalidInput, match="field 'Subject': a content column"):
        aggregate_events(con, path, mapping=mapping_from({"ignore": ["Subject"]}))


def test_the_mapping_ignore_must_be_a_list_of_headers():
    with pytest.raises(InvalidInput, match="field 'ignore': must be a list of the export's headers"):
        mapping_from({"ignore": "Room"})


@pytest.mark.parametrize("name", ["[ab].csv", "a*.csv", "a?.csv"])
def test_a_file_name_is_read_literally_not_as_a_pattern(con, tmp_path, name):
    write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"], name="a.csv")
    write(tmp_path, ["2026-11-03T09:00:00Z,chat,p3,p4,"], name="ab.csv")  # what a? would read
    path = write(tmp_path, ["2026-11-04T09:00:00Z,chat,p5,p6,"], name=name)
    aggregate_events(con, path)
    assert pairs(con) == {("p5", "p6", "chat", "2026-11-04", 1, None)}


def test_a_mapping_with_unknown_keys_columns_or_channels_is_refused(tmp_path):
    path = tmp_path / "m.toml"
    path.write_text('separater = ";"\n[columns]\nwhen = "Start"\n[channels]\nFax = "paper"\n', "utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_mapping(path)
    assert {(p.where, p.field) for p in caught.value.problems} == {
        ("m.toml", "separater"),
        ("m.toml", "columns.when"),
        ("m.toml", "channels.Fax"),
    }
    with pytest.raises(InvalidInput, match="must be one character"):
        mapping_from({"separator": ";;"})


def test_a_column_the_mapping_names_must_exist(con, tmp_path):
    mapping = mapping_from({"columns": {"duration_minutes": "Minutes"}})
    with pytest.raises(InvalidInput, match="field 'Minutes': no such column"):
        aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"]), mapping=mapping)


def test_a_file_hash_is_the_sha256_of_its_bytes_and_stable(tmp_path):
    import hashlib

    one = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"], name="one.csv")
    two = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"], name="two.csv")
    assert file_hash(one) == file_hash(two) == hashlib.sha256(one.read_bytes()).hexdigest() == file_hash(one)
    write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p3,"], name="two.csv")
    assert file_hash(two) != file_hash(one)


def test_every_partition_of_a_folder_has_its_own_hash(tmp_path):
    for month in (10, 11):
        (tmp_path / "events" / "year=2026" / f"month={month}").mkdir(parents=True)
        write(
            tmp_path / "events" / "year=2026" / f"month={month}",
            [f"2026-{month}-02T09:00:00Z,chat,p1,p2,"],
            name="part.csv",
        )
    hashes = input_hashes(tmp_path / "events", "csv")
    assert [path.split("events/")[1] for path, _ in hashes] == [
        "year=2026/month=10/part.csv",
        "year=2026/month=11/part.csv",
    ]
    assert hashes[0][1] != hashes[1][1] and input_hashes(tmp_path / "events", "csv") == hashes


def test_a_file_named_twice_is_read_once(con, tmp_path):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"])
    result = aggregate_events(con, [path, tmp_path, tmp_path / "." / path.name])
    assert result.report.events_read == 1 and pairs(con) == {("p1", "p2", "chat", "2026-11-02", 1, None)}


def test_events_are_not_aggregated_without_a_lookup(tmp_path):
    with pytest.raises(InvalidInput, match="no lookup loaded"):
        aggregate_events(connect(), write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,"]))


def test_a_missing_input_is_refused(con, tmp_path):
    with pytest.raises(InvalidInput, match="no such file or folder"):
        aggregate_events(con, tmp_path / "nope.csv")
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(InvalidInput, match="a folder with no .parquet file"):
        aggregate_events(con, tmp_path / "empty-folder", fmt="parquet")


# ---------------------------------------------------------------- bad input: refused, located, nothing produced

#: each bad fixture and the one located line it is refused with ({path}: the fixture's path)
UNREAD_COLUMN = (
    "a column netgraph does not read: map it in the mapping's [columns], list it in its ignore = [...] if "
    "it holds no content, or leave it out of the export"
)
BAD_EVENTS = {
    "events_bad_timestamp.csv": "{path} line 3, field 'timestamp': 'yesterday' is not an ISO 8601 timestamp",
    "events_unknown_channel.csv": "{path} line 2, field 'channel': 'fax' is not a channel (expected one of meeting, "
    "email, chat, call, project)",
    "events_empty.csv": "{path}: empty file (not even a header)",
    "events_wrong_schema.parquet": "{path}, field 'participants': is VARCHAR[], expected text",
    "events_content_column.csv": "{path} line 1, field 'subject': a content column: netgraph reads who and when, "
    "never what was said; leave the column out of the export",
    "events_no_participants.csv": "{path} line 3, field 'participants': no participants",
    "events_email_no_sender.csv": "{path} line 3, field 'sender': an email with no sender",
    "events_bad_duration.csv": "{path} line 2, field 'duration_minutes': 'half an hour' is not a number of minutes "
    "(0 or more)",
    "events_before_year_one.csv": "{path} line 3, field 'timestamp': '0000-12-31T23:00:00Z' is before the year 1 (UTC)",
    "events_utf16.csv": "{path}: UTF-16 text: netgraph reads UTF-8; save the file as CSV UTF-8",
    "events_unnamed_column.csv": "{path} line 1, field 'Meeting Title': " + UNREAD_COLUMN,
    "events_unnamed_column.parquet": "{path}, field 'MeetingTitle': " + UNREAD_COLUMN,
}


def test_every_bad_events_fixture_has_its_expected_line():
    assert sorted(p.name for p in BAD.glob("events_*")) == sorted(BAD_EVENTS)


@pytest.mark.parametrize("name", sorted(BAD_EVENTS))
@pytest.mark.parametrize("how", ["aggregate", "read"])
def test_a_bad_input_is_refused_with_one_located_line_and_nothing_is_produced(con, name, how):
    path = BAD / name
    fmt = "parquet" if name.endswith(".parquet") else "csv"
    con.execute("CREATE TABLE pair_day AS SELECT 'p1' AS a, 'p2' AS b")  # what an earlier run left
    with pytest.raises(InvalidInput) as caught:
        if how == "aggregate":
            aggregate_events(con, path, fmt=fmt)
        else:
            read_events(con, path, fmt=fmt)
    assert str(caught.value) == BAD_EVENTS[name].format(path=path)
    assert "\n" not in str(caught.value)
    assert con.execute("SELECT * FROM pair_day").fetchall() == [("p1", "p2")]
    assert {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} == {
        "pair_day",
        "netgraph_people",
        "netgraph_keys",
        "netgraph_lookup_source",
    }


def test_bad_rows_are_counted_and_the_first_of_each_kind_shown(con, tmp_path):
    path = write(
        tmp_path,
        ["2026-11-02T09:00:00Z,chat,p1,p2,", "soon,chat,p1,p2,", "later,fax,p1,p2,", "2026-11-02T09:00:00Z,fax,p1,,"],
    )
    with pytest.raises(InvalidInput) as caught:
        aggregate_events(con, path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path} line 3, field 'timestamp': 'soon' is not an ISO 8601 timestamp (2 rows like this in all; the first "
        "shown)",
        f"{path} line 4, field 'channel': 'fax' is not a channel (expected one of meeting, email, chat, call, project) "
        "(2 rows like this in all; the first shown)",
        f"{path} line 5, field 'participants': no participants",
    ]


@pytest.mark.parametrize("last", ["2026-11-02T10:00:00Z,chat,,,", "2026-11-02T10:00:00Z,meeting,, ; ,"])
def test_an_event_with_nobody_at_all_is_refused_wherever_it_is(con, tmp_path, last):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,chat,p1,p2,", last])
    with pytest.raises(InvalidInput, match=f"^{path} line 3, field 'participants': no participants$"):
        aggregate_events(con, path)


def test_a_bad_row_in_a_parquet_file_is_located_by_row(con, tmp_path):
    path = tmp_path / "events.parquet"
    con.execute(
        f"COPY (SELECT * FROM (VALUES ('2026-11-02T09:00:00Z', 'chat', 'p1', 'p2'), "
        f"('2026-11-02T09:00:00Z', 'letter', 'p1', 'p2')) t(timestamp, channel, sender, participants)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    with pytest.raises(InvalidInput, match=r"events.parquet row 2, field 'channel': 'letter' is not a channel"):
        aggregate_events(con, path, fmt="parquet")


def test_a_parquet_duration_of_type_decimal_is_a_number_of_minutes(con, tmp_path):
    path = tmp_path / "events.parquet"
    con.execute(
        f"COPY (SELECT '2026-11-02T09:00:00Z' AS timestamp, 'meeting' AS channel, 'p1' AS sender, "
        f"'p1;p2' AS participants, 30.5::DECIMAL(4, 1) AS duration_minutes) TO '{path}' (FORMAT parquet)"
    )
    assert con.execute(f"DESCRIBE SELECT * FROM '{path}'").fetchall()[4][1] == "DECIMAL(4,1)"
    aggregate_events(con, path, fmt="parquet")
    assert pairs(con) == {("p1", "p2", "meeting", "2026-11-02", 1, 30.5)}


def test_a_csv_with_carriage_returns_alone_as_line_ends_is_read_line_by_line(con, tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes(f"{HEADER}\r2026-11-02T09:00:00Z,chat,p1,p2,\r2026-11-03T09:00:00Z,chat,p3,p4,5\r".encode())
    aggregate_events(con, path)
    assert pairs(con) == {("p1", "p2", "chat", "2026-11-02", 1, None), ("p3", "p4", "chat", "2026-11-03", 1, 5.0)}


def test_a_file_that_is_not_csv_is_refused_with_its_name(con, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "\n2026-11-02T09:00:00Z,chat,p1,p2,,,extra\n", "utf-8")
    with pytest.raises(InvalidInput, match=str(path)):
        aggregate_events(con, path)


# ---------------------------------------------------------------- generated events


def test_generated_events_are_deterministic_and_read_back(con, tmp_path):
    document = generate_dataset(80, seed=2)
    first = write_events(document, tmp_path / "a.csv", events=3000, days=30, seed=3, fmt="csv")
    write_events(document, tmp_path / "b.csv", events=3000, days=30, seed=3, fmt="csv")
    write_events(document, tmp_path / "c.csv", events=3000, days=30, seed=4, fmt="csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes() != (tmp_path / "c.csv").read_bytes()
    assert first["first_day"] == "2026-10-22" and first["last_day"] == "2026-11-20"
    load_lookup(con, lookup_rows(document["people"]))
    result = aggregate_events(con, tmp_path / "a.csv")
    report = result.report
    assert report.events_read == 3000 and report.unknown_people > 0 and report.skipped_too_large > 0
    assert report.events_counted > 2700 and report.days >= 30
    # heavy-tailed: the busiest tenth of the people are in far more than a tenth of the pair-events
    share = con.execute("""
        WITH per AS (SELECT p, sum(events) AS n FROM (SELECT a AS p, events FROM pair_day UNION ALL
                                                      SELECT b, events FROM pair_day) GROUP BY p),
             ranked AS (SELECT n, ntile(10) OVER (ORDER BY n DESC) AS decile FROM per)
        SELECT sum(n) FILTER (WHERE decile = 1) / sum(n) FROM ranked""").fetchone()[0]
    assert share > 0.25


def test_generated_parquet_is_partitioned_by_month_and_a_later_batch_adds_files(con, tmp_path):
    document = generate_dataset(40, seed=1)
    write_events(document, tmp_path / "events", events=2000, days=60, fmt="parquet")
    more = write_events(
        document,
        tmp_path / "events",
        events=50,
        days=1,
        start=date(2026, 11, 21),
        fmt="parquet",
        first_event=2000,
        prefix="day-2026-11-21",
    )
    months = sorted(p.parent.name for p in (tmp_path / "events").rglob("events_*.parquet"))
    assert months == ["month=10", "month=11", "month=9"] and len(more["files"]) == 1
    load_lookup(con, lookup_rows(document["people"]))
    whole = aggregate_events(con, tmp_path / "events", fmt="parquet")
    assert whole.report.events_read == 2050 and whole.report.last_day == date(2026, 11, 21)


# ---------------------------------------------------------------- duplicates


def test_an_event_in_two_overlapping_files_is_counted_once_and_reported_as_a_duplicate(con, tmp_path):
    calendar = write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,30"], name="calendar.csv")
    meetings = write(
        tmp_path,
        [
            "2026-11-02T10:00:00+01:00,Meeting,ADA@example.com,p3; bruno@example.com,30",
            "2026-11-03T09:00:00Z,meeting,p1,p1;p2,",
        ],
        name="meetings.csv",
    )
    result = aggregate_events(con, [calendar, meetings])
    assert (result.report.events_read, result.report.events_counted, result.report.skipped_duplicate) == (3, 2, 1)
    assert pairs(con) == {
        ("p1", "p2", "meeting", "2026-11-02", 1, 30.0),
        ("p1", "p3", "meeting", "2026-11-02", 1, 30.0),
        ("p2", "p3", "meeting", "2026-11-02", 1, 30.0),
        ("p1", "p2", "meeting", "2026-11-03", 1, None),
    }


@pytest.mark.parametrize(
    "other",
    [
        "2026-11-02T09:00:01Z,meeting,p1,p1;p2,",  # another second
        "2026-11-02T09:00:00Z,call,p1,p1;p2,",  # another channel
        "2026-11-02T09:00:00Z,meeting,p2,p1;p2,",  # another sender
        "2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,",
    ],
)  # other people
def test_events_that_differ_in_time_channel_sender_or_people_are_two_events(con, tmp_path, other):
    result = aggregate_events(con, write(tmp_path, ["2026-11-02T09:00:00.400Z,meeting,p1,p1;p2,", other]))
    assert (result.report.events_counted, result.report.skipped_duplicate) == (2, 0)


# ---------------------------------------------------------------- duplicates across ingests (keyed hashes)

KEY = bytes(range(32))


def counted_hashes(con, path, key: bytes = KEY, remembered=()) -> list[str]:
    """The keyed hashes an aggregation with ``key`` remembers as counted (``remembered``: from before)."""
    remembered_events(con, remembered)
    aggregate_events(con, path, event_key=key)
    return sorted(h for (h,) in con.execute("SELECT hash FROM netgraph_seen_events WHERE new").fetchall())


def test_an_event_whose_keyed_hash_is_remembered_is_a_duplicate_even_with_another_lookup(tmp_path):
    first, second = connect(), connect()
    load_lookup(first, lookup_rows(PEOPLE))
    load_lookup(second, lookup_rows([{"id": "p0"}, *PEOPLE]))  # every person has another number in this run
    path = write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,30"])
    hashes = counted_hashes(first, path)

    remembered_events(second, hashes)

    result = aggregate_events(
        second, write(tmp_path, ["2026-11-02T10:00:00+01:00,meeting,p1,p3;p2,30"], "b.csv"), event_key=KEY
    )

    assert (result.report.events_counted, result.report.skipped_duplicate) == (0, 1) and pairs(second) == set()


def test_the_hash_of_an_event_depends_on_the_key(con, tmp_path):
    path = write(tmp_path, ["2026-11-02T09:00:00Z,meeting,p1,p1;p2,30"])
    assert counted_hashes(con, path) != counted_hashes(con, path, key=bytes(32))


@pytest.mark.parametrize(
    "other",
    [
        "2026-11-02T09:00:01Z,meeting,p1,p1;p2,",  # another second
        "2026-11-02T09:00:00Z,call,p1,p1;p2,",  # another channel
        "2026-11-02T09:00:00Z,meeting,p2,p1;p2,",  # another sender
        "2026-11-02T09:00:00Z,meeting,p1,p1;p2;p3,",
    ],
)  # other people
def test_a_remembered_event_does_not_make_a_different_one_a_duplicate(con, tmp_path, other):
    hashes = counted_hashes(con, write(tmp_path, ["2026-11-02T09:00:00.400Z,meeting,p1,p1;p2,"]))
    remembered_events(con, hashes)
    result = aggregate_events(con, write(tmp_path, [other], "other.csv"), event_key=KEY)
    assert (result.report.events_counted, result.report.skipped_duplicate) == (1, 0)
