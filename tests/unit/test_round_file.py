"""A round's pool file: every problem a located line, found before anyone is looked up."""

from __future__ import annotations

import pytest

from netgraph.errors import InvalidInput
from netgraph.io.round_file import read_round_file, rows_from_json


def pool(tmp_path, *lines: str):
    path = tmp_path / "pool.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_mentors_capacity_defaults_to_one_and_rankings_split_on_semicolons(tmp_path):
    rows = read_round_file(pool(tmp_path, "person,side,capacity,preferences", "p1,Mentee,,p2; p3", "p2,mentor,,"))
    assert [(r["person"], r["side"], r["capacity"], r["preferences"]) for r in rows] == [
        ("p1", "mentee", None, ["p2", "p3"]),
        ("p2", "mentor", 1, []),
    ]


def test_the_capacity_and_preferences_columns_may_be_left_out(tmp_path):
    rows = read_round_file(pool(tmp_path, "side,person", "mentor,p2"))
    assert (rows[0]["capacity"], rows[0]["preferences"], rows[0]["where"]) == (1, [], "pool.csv line 2")


def test_every_bad_cell_is_one_located_line(tmp_path):
    path = pool(
        tmp_path, "person,side,capacity", "p1,mentor,0", "p2,mentor,-1", "p3,mentor,two", "p4,boss,", ",mentee,"
    )
    with pytest.raises(InvalidInput) as refused:
        read_round_file(path)
    assert [str(p) for p in refused.value.problems] == [
        "pool.csv line 2, field 'capacity': must be at least 1, not 0",
        "pool.csv line 3, field 'capacity': must be at least 1, not -1",
        "pool.csv line 4, field 'capacity': must be a whole number, not 'two'",
        "pool.csv line 5, field 'side': must be mentee or mentor, not 'boss'",
        "pool.csv line 6, field 'person': is empty: an id or an email is needed",
    ]


def test_a_mentee_has_no_capacity(tmp_path):
    with pytest.raises(InvalidInput, match="is for mentors"):
        read_round_file(pool(tmp_path, "person,side,capacity", "p1,mentee,2"))


def test_a_file_without_the_person_or_side_column_is_refused(tmp_path):
    with pytest.raises(InvalidInput) as refused:
        read_round_file(pool(tmp_path, "id,role", "p1,mentee"))
    assert [p.field for p in refused.value.problems] == ["person", "side"]


def test_a_pool_given_as_json_is_read_as_the_file_is():
    rows = rows_from_json(
        [{"person": "p1", "side": "mentee", "preferences": ["p2"]}, {"person": "p2", "side": "mentor"}]
    )
    assert [(r["person"], r["capacity"], r["preferences"], r["where"]) for r in rows] == [
        ("p1", None, ["p2"], "pool[0]"),
        ("p2", 1, [], "pool[1]"),
    ]


def test_a_json_pool_with_a_capacity_of_zero_is_refused():
    with pytest.raises(InvalidInput, match=r"pool\[0\], field 'capacity': must be at least 1, not 0"):
        rows_from_json([{"person": "p2", "side": "mentor", "capacity": 0}])
