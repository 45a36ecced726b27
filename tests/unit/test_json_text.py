"""The one JSON reader: what it refuses, and that it says where."""

from __future__ import annotations

import json

import pytest

from netgraph.model.json_text import UnreadableJson, parse


def refused(text: str) -> list[tuple[tuple, str]]:
    with pytest.raises(UnreadableJson) as caught:
        parse(text)
    return [(p.path, p.message) for p in caught.value.problems]


def test_ordinary_json_reads_as_json_loads_reads_it():
    text = json.dumps({"people": [{"id": "p1", "name": "Zoë 😀", "level": 3, "strength": 0.25, "x": None}]})
    assert parse(text) == json.loads(text)


def test_a_surrogate_pair_written_as_escapes_is_one_character():
    assert parse('{"name": "\\ud83d\\ude00"}') == {"name": "😀"}


def test_an_escaped_backslash_before_u_d800_is_not_a_surrogate():
    assert parse('{"name": "\\\\ud800"}') == {"name": "\\ud800"}


def test_a_hundred_thousand_nested_brackets_are_refused_not_a_recursion_error():
    assert refused('{"leavers": ' + "[" * 100_000 + "}") == [(("leavers", 0, 0), "nested more than 32 deep")]


def test_nesting_at_the_limit_is_read_and_one_more_is_refused():
    assert parse("[" * 32 + "]" * 32) is not None
    assert refused("[" * 33 + "]" * 33)[0][1] == "nested more than 32 deep"


def test_brackets_inside_strings_do_not_count_as_nesting():
    name = 'say \\"[[[[" ' * 20 + "\\" * 3
    assert parse(json.dumps({"name": name})) == {"name": name}


def test_brackets_inside_strings_cannot_hide_real_nesting():
    assert refused('["]",' * 40 + "0" + "]" * 40)[0][1] == "nested more than 32 deep"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_refused(constant):
    assert refused(f'{{"strength": {constant}}}') == [(("strength",), f"{constant} is not a number JSON allows")]


def test_a_number_too_large_for_a_float_is_refused_not_read_as_infinity():
    assert refused('{"strength": 1e999}') == [(("strength",), "1e999 is too large for a number")]


def test_a_five_thousand_digit_integer_is_refused():
    assert refused('{"level": ' + "9" * 5000 + "}") == [(("level",), "a number of 5000 characters (the limit is 40)")]


def test_a_duplicate_key_is_refused_naming_it():
    assert refused('{"people": [{"id": "p1", "id": "p2"}]}') == [
        (("people", 0, "id"), "the key 'id' appears twice in one object")
    ]


def test_half_a_surrogate_pair_is_refused():
    assert refused('{"note": "x\\udcffy"}') == [
        (("note",), "contains U+DCFF (half of a UTF-16 surrogate pair, not a character), which text may not hold")
    ]


def test_every_problem_is_listed_with_its_line_and_column():
    with pytest.raises(UnreadableJson) as caught:
        parse('{"a": NaN,\n "b": {"c": 1, "c": 2}}')
    assert [(p.line, p.column) for p in caught.value.problems] == [(1, 7), (2, 16)]


def test_malformed_json_is_located():
    assert refused('{"a": }') == [((), "malformed JSON: Expecting value")]
