"""What text and ids may hold: the rules of netgraph.model.text, as an import applies them."""

from __future__ import annotations

import pytest

from netgraph.errors import InvalidInput
from netgraph.model.text import id_problem, strip_bidi
from netgraph.model.validate import validate


def refusal(document: dict) -> tuple[str, str]:
    with pytest.raises(InvalidInput) as caught:
        validate(document)
    (problem,) = caught.value.problems
    return problem.field, problem.message


@pytest.mark.parametrize("good", ["p033", "pos-head-apac", "u_eng.2", "ada@hr", "urn:x:1", "Zoë", "山田", "-p1"])
def test_ids_of_letters_digits_and_a_few_marks_are_valid(good):
    assert id_problem(good) is None
    validate({"people": [{"id": good, "name": "Someone"}]})


@pytest.mark.parametrize(
    "bad, named",
    [
        ("a/b", "'/'"),
        ("a?b", "'?'"),
        ("a#b", "'#'"),
        ("50%", "'%'"),
        ("p 1", "a space"),
        ("p1\n", "a line break"),
        ("p\t1", "a tab"),
        ("=p1", "'='"),
    ],
)
def test_an_id_that_cannot_stand_in_a_url_path_is_refused_naming_the_character(bad, named):
    field, message = refusal({"people": [{"id": bad, "name": "Someone"}]})
    assert field == "id" and f"it contains {named}" in message


def test_a_reference_follows_the_id_rule_too():
    field, message = refusal({"people": [{"id": "p1", "name": "A", "org_unit": "u/1"}]})
    assert field == "org_unit" and "not a valid id" in message


@pytest.mark.parametrize(
    "char, named",
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\x00", "U+0000 (a control character)"),
        ("\x1b", "U+001B (a control character)"),
        ("\x85", "U+0085 (a control character)"),
        ("\ud800", "U+D800 (half of a UTF-16 surrogate pair, not a character)"),
    ],
)
def test_a_name_with_a_bidi_control_a_control_character_or_half_a_surrogate_is_refused(char, named):
    field, message = refusal({"people": [{"id": "p1", "name": f"Eve{char}gnp.exe"}]})
    assert (field, message) == ("name", f"contains {named} (character 4), which text may not hold")


@pytest.mark.parametrize(
    "char, named",
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\u2061", "U+2061 FUNCTION APPLICATION"),
        ("\u2064", "U+2064 INVISIBLE PLUS"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
        ("\u180e", "U+180E MONGOLIAN VOWEL SEPARATOR"),
    ],
)
def test_a_name_with_an_invisible_character_is_refused(char, named):
    field, message = refusal({"people": [{"id": "p1", "name": f"Ad{char}a Osei"}]})
    assert (field, message) == (
        "name",
        f"contains {named} (an invisible character) (character 3), which text may not hold",
    )


# Alireza Mah-abadi: a non-joiner after yeh (joins both ways), one after heh before alef with madda (joins right)
PERSIAN_WITH_ZWNJ = "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627 \u0645\u0647\u200c\u0622\u0628\u0627\u062f\u06cc"
DEVANAGARI_WITH_ZWJ = "\u0915\u094d\u200d\u0937\u093f\u0924\u093f"  # a half form: the joiner after the virama


@pytest.mark.parametrize("name", [PERSIAN_WITH_ZWNJ, DEVANAGARI_WITH_ZWJ, "\u0915\u094d\u200c\u0937"])
def test_a_joiner_where_rfc_5892_allows_it_is_part_of_the_name(name):
    assert validate({"people": [{"id": "p1", "name": name}]})["people"][0]["name"] == name


@pytest.mark.parametrize(
    "name",
    [
        "Ad\u200ca Osei",
        "Ada\u200d",
        "\u200c\u0639\u0644\u06cc",
        "\u0627\u200c\u0628",  # alef joins nothing on its left: the non-joiner breaks nothing
        "\u0639\u0644\u06cc\u200d\u0631\u0636\u0627",
    ],
)  # a joiner between letters
def test_a_joiner_out_of_its_context_is_refused(name):
    field, message = refusal({"people": [{"id": "p1", "name": name}]})
    assert (
        field == "name"
        and "out of place (it may follow a virama, or stand between Arabic-script letters that join)" in message
    )


def test_only_a_note_may_hold_line_breaks_and_tabs():
    people = [{"id": "p1", "name": "A"}, {"id": "p2", "name": "B"}, {"id": "p3", "name": "C"}]
    intro = {"id": "i1", "by": "p1", "introduce": "p2", "to": "p3", "created_on": "2025-01-01"}
    validate({"people": people, "introductions": [{**intro, "note": "first\r\n\tsecond"}]})
    assert refusal({"people": [{"id": "p1", "name": "two\nlines"}]})[0] == "name"
    assert refusal({"people": people, "introductions": [{**intro, "note": "nul\x00"}]})[0] == "note"


def test_a_skill_name_follows_the_text_rules():
    assert refusal({"people": [{"id": "p1", "name": "A", "skills": {"go\u202e": 3}}]})[0] == "skills"


def test_names_are_shown_without_bidi_controls():
    assert strip_bidi("Eve \u202egnp.exe\u202c") == "Eve gnp.exe"
