"""What text may hold: the id rule, the characters no text may hold, and names made safe to show.

**Ids** are letters and digits (of any script), ``_ . - : @``, at most
``TEXT_MAX["id"]`` characters. Every id is a URL path segment
(``/people/<id>``): a ``/`` would make the entity's page unreachable, ``?``,
``#`` and ``%`` change what the URL means, and spaces are invisible in a link.

**Text** (names, titles, notes...) never holds: control characters (NUL and
the rest of C0 and C1, DEL), bidirectional controls (the Unicode
``Bidi_Control`` characters, such as U+202E RIGHT-TO-LEFT OVERRIDE, which
make ``Ada\\u202eexe.txt`` show as ``Adatxt.exe`` and let one name pass for
another), invisible characters (:data:`INVISIBLE`: U+200B ZERO WIDTH SPACE,
U+2060..U+2064, U+FEFF, U+00AD SOFT HYPHEN, U+180E: ``Ad\u200ba Osei``
looks exactly like ``Ada Osei``), or halves of UTF-16 surrogate pairs (not
characters: they cannot even be written as UTF-8). Only a note may hold line
breaks and tabs.

**Joiners.** U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER are
part of correct spellings (Persian ``علی‌رضا``, many Indic names), so they are
allowed where the CONTEXTJ rule of RFC 5892 allows them, and only there:
either joiner right after a virama; a non-joiner between a letter that joins
on its left (Joining_Type L or D) and one that joins on its right (R or D),
with up to two combining marks before it and any after it. Joining types
are those of the Arabic script (:data:`_JOINS_LEFT`, :data:`_JOINS_RIGHT`,
the Arabic blocks U+0600..U+06FF and U+0750..U+077F); other cursive scripts
(Syriac, N'Ko, Mongolian) are not covered, so a non-joiner there passes only
after a virama.

The rules are regular expressions (Python's: ``\\w`` is a letter or digit of
any script) so that ``dataset.schema.json`` can carry them and the compiled
validator checks a million records fast; the functions here explain a
refusal in words and check one value from a request or the command line.

Examples
--------
>>> is_valid_id("p-033"), is_valid_id("Zoë.Ng@hr"), is_valid_id("a/b"), is_valid_id("p1\\n")
(True, True, False, False)
>>> id_problem("a/b")
"'a/b' is not a valid id: it contains '/' (use letters, digits and _ . - : @)"
>>> text_problem("Ada\\u202eexe")
'contains U+202E RIGHT-TO-LEFT OVERRIDE (character 4), which text may not hold'
>>> text_problem("line one\\nline two"), text_problem("line one\\nline two", multiline=True)
('contains a line break (character 9), which text may not hold', None)
>>> strip_bidi("Ada\\u202eexe")
'Adaexe'
"""

from __future__ import annotations

import functools
import re
import reprlib
import unicodedata
from typing import Any, cast

from netgraph.errors import InvalidInput, Problem
from netgraph.model.limits import TEXT_MAX

#: The Unicode ``Bidi_Control`` characters (ALM, LRM, RLM, LRE..RLO, LRI..PDI).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_CLASS = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Characters that show as nothing and so let one name pass for another.
INVISIBLE = "\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE_CLASS = r"\u00ad\u180e\u200b\u2060-\u2064\ufeff"
_JOINERS = "\u200c\u200d"
#: Viramas (Canonical_Combining_Class 9): a joiner after one shapes the conjunct (Unicode 14 data, written out
#: so that the shipped schema does not change with Python's Unicode version).
_VIRAMAS = (
    r"\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0eba\u0f84\u1039"
    r"\u103a\u1714\u1715\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\u2d7f\ua806\ua82c\ua8c4\ua953\ua9c0"
    r"\uaaf6\uabed\U00010a3f\U00011046\U00011070\U0001107f\U000110b9\U00011133\U00011134\U000111c0"
    r"\U00011235\U000112ea\U0001134d\U00011442\U000114c2\U000115bf\U0001163f\U000116b6\U0001172b"
    r"\U00011839\U0001193d\U0001193e\U000119e0\U00011a34\U00011a47\U00011a99\U00011c3f\U00011d44"
    r"\U00011d45\U00011d97"
)
#: Arabic-script letters that join on both sides (Joining_Type D; the Arabic script has no L letters).
_JOINS_BOTH = (
    r"\u0620\u0626\u0628\u062a-\u062e\u0633-\u063f\u0641-\u0647\u0649\u064a\u066e\u066f\u0678-\u0687"
    r"\u069a-\u06bf\u06c1\u06c2\u06cc\u06ce\u06d0\u06d1\u06fa-\u06fc\u06ff\u0750-\u0758\u075c-\u076a"
    r"\u076d-\u0770\u0772\u0775-\u0777\u077a-\u077f"
)
#: Arabic-script letters that join only to the letter before them (Joining_Type R: alef, dal, reh, waw...).
_JOINS_BEFORE_ONLY = (
    r"\u0622-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699"
    r"\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef\u0759-\u075b\u076b\u076c"
    r"\u0771\u0773\u0774\u0778\u0779"
)
#: A non-joiner may follow a letter joining on its left (L or D) and precede one joining on its right (R or D).
_JOINS_LEFT = _JOINS_BOTH
_JOINS_RIGHT = _JOINS_BOTH + _JOINS_BEFORE_ONLY
#: Arabic combining marks (Joining_Type T: transparent, a joiner looks through them).
_MARKS = r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
#: A joiner where RFC 5892's CONTEXTJ rule allows it (the lookbehinds are of fixed width: up to two marks).
_JOINER_IN_CONTEXT = (
    f"(?:(?<=[{_VIRAMAS}])[{_JOINERS}]"
    f"|(?:(?<=[{_JOINS_LEFT}])|(?<=[{_JOINS_LEFT}][{_MARKS}])|(?<=[{_JOINS_LEFT}][{_MARKS}]{{2}}))"
    f"\u200c(?=[{_MARKS}]*[{_JOINS_RIGHT}]))"
)
_REFUSED_ANYWHERE = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI_CLASS + _INVISIBLE_CLASS + _JOINERS + r"\ud800-\udfff"
)
_REFUSED_IN_A_LINE = r"\x00-\x1f\x7f-\x9f" + _BIDI_CLASS + _INVISIBLE_CLASS + _JOINERS + r"\ud800-\udfff"


def _text_pattern(refused: str, end: str) -> str:
    """Text of the allowed characters, with a joiner wherever its context allows.

    The lookahead for a joiner keeps the usual case (no joiner) as fast as a
    plain character class: the context is tried only at a joiner.
    """
    return f"^[^{refused}]*(?:(?=[{_JOINERS}]){_JOINER_IN_CONTEXT}[^{refused}]*)*${end}"


# ``$(?!\n)``: Python's ``$`` also matches before a final line break; this does not.
#: An id: letters and digits of any script, ``_ . - : @`` (and a length limit, from the limits table).
ID_PATTERN = r"^[\w.:@-]+$(?!\n)"
#: Text on one line (every text field but a note).
LINE_PATTERN = _text_pattern(_REFUSED_IN_A_LINE, "(?!\\n)")
#: Text that may hold line breaks and tabs (a note).
MULTILINE_PATTERN = _text_pattern(_REFUSED_ANYWHERE, "")
#: A skill name: text on one line without ``;`` or ``:`` (the CSV list separators).
SKILL_PATTERN = "^(?=.)" + _text_pattern(";:" + _REFUSED_IN_A_LINE, "(?!\\n)")[1:]

_ID = re.compile(ID_PATTERN)
_NOT_IN_ID = re.compile(r"[^\w.:@-]")
#: The first character text may not hold: a refused one, or a joiner out of its context.
_REFUSED = {
    multiline: re.compile(f"[{refused.replace(_JOINERS, '')}]|(?!{_JOINER_IN_CONTEXT})[{_JOINERS}]")
    for multiline, refused in ((False, _REFUSED_IN_A_LINE), (True, _REFUSED_ANYWHERE))
}
_BIDI = re.compile("[" + _BIDI_CLASS + "]")
_NAMED = {"\n": "a line break", "\r": "a line break", "\t": "a tab", " ": "a space"}

_short_repr = reprlib.Repr()
_short_repr.maxstring, _short_repr.maxother, _short_repr.maxlong = 60, 60, 40


def shown(value: object) -> str:
    """A value as an error message quotes it: ``repr``, cut short.

    >>> shown("x" * 100_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    """
    return _short_repr.repr(value)


#: How many names one problem lists (unknown fields, columns...) before it says how many more there are.
LISTED_MAX = 10


def listed(names: list[str], most: int = LISTED_MAX) -> str:
    """Names joined with ``, ``, at most ``most`` of them (each cut short): one problem stays one short line.

    A record with a million unknown keys would otherwise make an error line of megabytes.

    >>> listed(["a", "b"]), listed([f"k{i}" for i in range(1_000_000)], most=3)
    ('a, b', 'k0, k1, k2 … and 999,997 more')
    """
    names = list(names)
    head = ", ".join(name if len(name) <= 60 else name[:57] + "..." for name in names[:most])
    more = len(names) - most
    return f"{head} … and {more:,} more" if more > 0 else head


def is_valid_id(value: object) -> bool:
    """Whether ``value`` may be an id (any length check aside: see :func:`id_problem`)."""
    return isinstance(value, str) and _ID.search(value) is not None


def describe(char: str) -> str:
    """A character as a message names it.

    >>> describe("\\x00"), describe("/"), describe("\\udcff")
    ('U+0000 (a control character)', "'/'", 'U+DCFF (half of a UTF-16 surrogate pair, not a character)')
    """
    if char in _NAMED:
        return _NAMED[char]
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (half of a UTF-16 surrogate pair, not a character)"
    if unicodedata.category(char) == "Cc":
        return f"{code} (a control character)"
    if char in BIDI_CONTROLS:
        return f"{code} {unicodedata.name(char)}"
    if char in INVISIBLE:
        return f"{code} {unicodedata.name(char, 'MONGOLIAN VOWEL SEPARATOR')} (an invisible character)"
    if char in _JOINERS:
        return (
            f"{code} {unicodedata.name(char)} out of place (it may follow a virama, or stand between "
            f"Arabic-script letters that join)"
        )
    return repr(char)


def id_problem(value: object) -> str | None:
    """What is wrong with ``value`` as an id, or None."""
    reason = _id_reason(value)
    return None if reason is None else f"{shown(value)} is not a valid id: {reason}"


def _id_reason(value: object) -> str | None:
    if not isinstance(value, str):
        return "it must be text"
    if not value:
        return "it is empty"
    if len(value) > TEXT_MAX["id"]:
        return f"{len(value)} characters, more than the limit of {TEXT_MAX['id']}"
    bad = _NOT_IN_ID.search(value)
    if bad:
        return f"it contains {describe(bad.group())} (use letters, digits and _ . - : @)"
    return None


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """What character ``value`` may not hold, or None (length is checked apart)."""
    bad = _REFUSED[multiline].search(value)
    if bad is None:
        return None
    return f"contains {describe(bad.group())} (character {bad.start() + 1}), which text may not hold"


def strip_bidi(value: str) -> str:
    """``value`` without bidirectional controls: how a name stored before the rule is shown."""
    return _BIDI.sub("", value) if _BIDI.search(value) else value


def check_text(value: object, field: str, kind: str, *, where: str = "request", multiline: bool = False) -> str:
    """Refuse (``InvalidInput`` naming ``field``) anything but text within the limit of ``kind``.

    >>> check_text("hello", "note", "note", multiline=True)
    'hello'
    >>> check_text("x" * 4001, "note", "note")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request, field 'note': 4001 characters, more than the limit of 4000
    """
    message: str | None
    if not isinstance(value, str):
        raise InvalidInput([Problem(where, field, f"{shown(value)} is not text")])
    if len(value) > TEXT_MAX[kind]:
        message = f"{len(value)} characters, more than the limit of {TEXT_MAX[kind]}"
    else:
        message = text_problem(value, multiline=multiline)
    if message:
        raise InvalidInput([Problem(where, field, message)])
    return value


def check_id(value: object, field: str, *, where: str = "request") -> str:
    """Refuse (``InvalidInput`` naming ``field``) anything but a valid id.

    >>> check_id(["p033"], "introduce")
    Traceback (most recent call last):
    ...
    netgraph.errors.InvalidInput: request, field 'introduce': ['p033'] is not a valid id: it must be text
    """
    message = id_problem(value)
    if message:
        raise InvalidInput([Problem(where, field, message)])
    return cast(str, value)  # id_problem refuses anything but text


#: Sections whose records have an id of their own.
ENTITY_SECTIONS = ("org_units", "people", "positions", "introductions")


def stored_id_problems(document: dict[str, Any]) -> list[str]:
    """One line per id in an exported document that breaks the id rule (ids stored before it).

    >>> stored_id_problems({"people": [{"id": "p1"}, {"id": "a/b"}]})
    ["people 'a/b': not a valid id: it contains '/' (use letters, digits and _ . - : @)"]
    """
    lines = []
    for section in ENTITY_SECTIONS:
        for record in document.get(section, []):
            reason = _id_reason(record["id"])
            if reason:
                lines.append(f"{section} {shown(record['id'])}: not a valid id: {reason}")
    return lines


# -- finding a name in text, whatever its case, accents or form ---------------------------------------------

#: Letters that neither case folding nor decomposition take to plain Latin letters, but that people
#: type as those letters (``Işık`` as ``Isik``, ``Łukasz`` as ``Lukasz``): folded to them, so that
#: erasure finds the name written either way.
_PLAIN = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe"}


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """What one character is compared as: case folded, compatibility forms (``ﬁ``, full-width letters)
    unpacked, accents and other combining marks dropped, invisible format characters dropped."""
    if unicodedata.category(char) == "Cf":
        return ""
    out = []
    for part in unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold()):
        if not unicodedata.combining(part):
            out.append(_PLAIN.get(part, part))
    return "".join(out)


def fold(text: str) -> str:
    """``text`` as :func:`find_spans` compares it.

    >>> fold("Straße"), fold("STRAẞE"), fold("İstanbul"), fold("ışık"), fold("ﬁle"), fold("José")
    ('strasse', 'strasse', 'istanbul', 'isik', 'file', 'jose')
    """
    if text.isascii():  # the same, and fast: erasure folds every value of the audit trail
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``, compared as :func:`fold` makes them, as (start, end)
    indexes **into** ``text`` itself, whole characters, each span's combining marks included.

    Folding changes lengths (``ß`` is ``ss``, ``İ`` is ``i`` plus a dot, ``ﬁ`` is ``fi``), so
    indexes into a folded copy would cut the original in the wrong place; each folded character
    remembers the original character it came from instead.

    >>> text = "Fußball: Kamala Berg"
    >>> [text[a:b] for a, b in find_spans(text, "kamala berg")]
    ['Kamala Berg']
    >>> find_spans("abc", "")
    []
    """
    target = fold(needle)
    if not target:
        return []
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in _fold_char(char):
            folded.append(part)
            origin.append(index)
    flat = "".join(folded)
    spans, start = [], 0
    while (found := flat.find(target, start)) >= 0:
        begin, end = origin[found], origin[found + len(target) - 1] + 1
        while end < len(text) and unicodedata.category(text[end]).startswith("M"):
            end += 1  # the accents of the last letter belong to it
        spans.append((begin, end))
        start = found + len(target)
    return spans
