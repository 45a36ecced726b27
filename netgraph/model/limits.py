"""How big anything may be: one table for every text field, list field and JSON document.

Without limits a 10 MB introduction note or a 20 MB name is stored as
given and then sent, whole, with every page and answer that shows the
person. These numbers are the one place that says how much is enough;
``dataset.schema.json`` carries the same numbers (``tests/unit/test_limits.py``
keeps the two equal), the web app refuses bigger request bodies and fields,
and the command line refuses a bigger ``--note``.

They are generous for real organisations (the longest generated job title
is 42 characters) and small enough that no single record can weigh more
than a few kilobytes.

Examples
--------
>>> TEXT_MAX["name"], TEXT_MAX["note"], LIST_MAX["skills"]
(200, 4000, 100)
>>> text_kind("org_unit"), text_kind("note"), text_kind("level")
('id', 'note', None)
"""

from __future__ import annotations

#: The longest text, in characters (code points), of each kind of field.
TEXT_MAX: dict[str, int] = {
    "id": 200,  # every id, and every field that refers to one (org_unit, mentor, by, ...)
    "name": 200,  # a person's or an org unit's name
    "preferred_name": 200,  # what a person likes to be called ("Dana"), used in reasons
    "title": 200,  # a person's job title, a position's title
    "email": 254,  # the longest address SMTP can carry
    "location": 200,
    "context": 500,  # how two people know each other
    "note": 4000,  # why an introduction is proposed (the only text that may hold line breaks)
    "closed_reason": 200,  # why an introduction was closed ("person left")
    "skill": 100,  # a skill's name
    "username": 64,  # a web account's name (netgraph users add)
    "password": 1024,  # a web account's password (hashing a longer one only costs the server)
}

#: The most items each list field may hold.
LIST_MAX: dict[str, int] = {
    "skills": 100,  # a person's skills
    "wants_to_grow": 50,  # a person's goals
    "requires": 50,  # a position's required skills
    "holders": 50,  # the people holding one position
    "focus": 20,  # a mentorship's focus skills
    "leavers": 1000,  # people leaving at once, in a what-if request
}

#: JSON documents and request bodies: the deepest nesting of objects and arrays
#: (an interchange document needs 5).
JSON_MAX_DEPTH = 32
#: JSON documents: the longest number, in characters (a 64-bit integer has 19 digits).
JSON_MAX_NUMBER_LENGTH = 40
#: The largest request body the web app reads, in bytes (larger: 413).
REQUEST_MAX_BYTES = 1024 * 1024

#: Fields that hold an id (their own, or one they refer to), in any section.
ID_FIELDS = frozenset(
    {
        "id",
        "parent",
        "org_unit",
        "reports_to",
        "a",
        "b",
        "mentor",
        "mentee",
        "person",
        "position",
        "by",
        "introduce",
        "to",
    }
)
#: Free-text fields, by name, in any section (each is its own kind in TEXT_MAX).
TEXT_FIELDS = frozenset({"name", "preferred_name", "title", "email", "location", "context", "note", "closed_reason"})
#: Text that may span lines.
MULTILINE_FIELDS = frozenset({"note"})


def text_kind(field: str) -> str | None:
    """Which row of :data:`TEXT_MAX` limits a field (None: not text; skill names are ``skill``)."""
    if field in ID_FIELDS:
        return "id"
    if field in TEXT_FIELDS:
        return field
    return None
