"""The fixed vocabulary of the graph: labels, relationship types, enums, ranges.

Everything that may become part of a Cypher statement's *structure* (a label,
a relationship type) is chosen from these constants, never from user input.
"""

from __future__ import annotations

NODE_LABELS = ("Person", "OrgUnit", "Position", "Skill", "Introduction")

#: A second label a person carries while their ``status`` is ``left`` (Neo4j only; the
#: property is the truth, the label lets every statement leave them out cheaply).
LEFT_LABEL = "Left"

#: The type a retired KNOWS link has in Neo4j (``retired_on`` set: its evidence has faded). The
#: property is the truth; the type keeps every network statement's ``[:KNOWS]`` off it for free,
#: as the Left label does for people who left. The embedded store filters on the property.
RETIRED_KNOWS_TYPE = "KNEW"

RELATIONSHIP_TYPES = (
    "PART_OF",  # (:OrgUnit)-[:PART_OF]->(:OrgUnit)
    "MEMBER_OF",  # (:Person)-[:MEMBER_OF]->(:OrgUnit)
    "IN",  # (:Position)-[:IN]->(:OrgUnit)
    "REPORTS_TO",  # (:Position)-[:REPORTS_TO]->(:Position)
    "REQUIRES",  # (:Position)-[:REQUIRES]->(:Skill)
    "HOLDS",  # (:Person)-[:HOLDS {since}]->(:Position)
    "HAS_SKILL",  # (:Person)-[:HAS_SKILL {level}]->(:Skill)
    "WANTS_TO_GROW",  # (:Person)-[:WANTS_TO_GROW]->(:Skill)
    "KNOWS",  # (:Person)-[:KNOWS {since, strength, context, sources, ...}]-(:Person), stored once
    "MENTORS",  # (:Person)-[:MENTORS {...}]->(:Person)
    "SUCCESSOR_FOR",  # (:Person)-[:SUCCESSOR_FOR {readiness, nominated_on}]->(:Position)
    "MADE",  # (:Person)-[:MADE]->(:Introduction)
    "INTRODUCES",  # (:Introduction)-[:INTRODUCES]->(:Person)
    "TO",  # (:Introduction)-[:TO]->(:Person)
)

#: The sections of an interchange document, in the order they are written
#: (referenced entities before the links that point at them).
SECTIONS = (
    "org_units",
    "people",
    "positions",
    "knows",
    "mentorships",
    "successors",
    "introductions",
)

LEVEL_MIN, LEVEL_MAX = 1, 8  # 1 individual contributor ... 8 executive
SKILL_LEVEL_MIN, SKILL_LEVEL_MAX = 1, 5
OUTCOME_MIN, OUTCOME_MAX = 1, 5

FLIGHT_RISKS = ("low", "medium", "high")
MENTORSHIP_STATUSES = ("active", "ended")
MENTORSHIP_KINDS = ("standard", "reverse")
READINESS = ("ready_now", "ready_1_2_years", "ready_3_plus_years")
INTRODUCTION_STATUSES = ("proposed", "made", "accepted", "declined", "met", "closed")
#: Introductions still under way: they count toward an introducer's load when matching mentors.
OPEN_INTRODUCTION_STATUSES = ("proposed", "made", "accepted")
#: Introductions still under way: a person leaving closes them.
IN_FLIGHT_STATUSES = ("proposed", "made", "accepted")
#: The field holding the date an introduction reached each status (``proposed``: ``created_on``).
STATUS_DATE_FIELDS = {
    "made": "made_on",
    "accepted": "accepted_on",
    "met": "met_on",
    "declined": "declined_on",
    "closed": "closed_on",
}
PERSON_STATUSES = ("active", "left")
#: ``hr``: the person came from an HR sync (which then owns their HR fields); ``manual``: anything else.
PERSON_SOURCES = ("hr", "manual")
#: ``hr``: the org unit came from an HR sync (a later snapshot that no longer names it lists it as gone);
#: ``manual``: anything else. A unit stored before the field existed is ``manual``.
UNIT_SOURCES = ("hr", "manual")
#: Where a KNOWS link comes from (a link may have several at once, kept in this order):
#: ``declared`` typed in or imported, ``interactions`` derived from collaboration events,
#: ``org_chart`` derived from the reporting lines and teams, ``introduction`` made by an introduction
#: that met (netgraph/model/ties.py says how each one's strength counts).
TIE_SOURCES = ("declared", "interactions", "org_chart", "introduction")


#: A person's own fields: both stores keep them on the person (the rest of a person record are links).
PERSON_PROPERTIES: tuple[str, ...] = (
    "id",
    "name",
    "preferred_name",
    "email",
    "title",
    "level",
    "location",
    "joined_on",
    "status",
    "left_on",
    "source",
    "open_to_intros",
    "open_to_mentoring",
    "signals_opt_out",
    "flight_risk",
)

#: The fields of every record of each section, in the documented order
#: (the order exports and CSV columns use).
FIELDS: dict[str, tuple[str, ...]] = {
    "org_units": ("id", "name", "parent", "source"),
    "people": (*PERSON_PROPERTIES, "org_unit", "skills", "wants_to_grow"),
    "positions": ("id", "title", "level", "critical", "org_unit", "reports_to", "requires", "holders"),
    "knows": (
        "a",
        "b",
        "since",
        "strength",
        "context",
        "sources",
        "declared_strength",
        "evidence_strength",
        "org_chart_strength",
        "first_seen",
        "last_seen",
        "retired_on",
    ),
    "mentorships": (
        "mentor",
        "mentee",
        "since",
        "until",
        "status",
        "kind",
        "focus",
        # each side's feedback once the mentorship ended (a round's pair): 1-5, and whether they would again
        "mentor_rating",
        "mentor_again",
        "mentee_rating",
        "mentee_again",
    ),
    "successors": ("person", "position", "readiness", "nominated_on"),
    "introductions": (
        "id",
        "by",
        "introduce",
        "to",
        "status",
        "closed_reason",
        "created_on",
        "made_on",
        "accepted_on",
        "met_on",
        "declined_on",
        "closed_on",
        "note",
        "outcome",
    ),
}

#: The fields that identify a record of each section (merge keys): every record carries them.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "org_units": ("id",),
    "people": ("id",),
    "positions": ("id",),
    "introductions": ("id",),
    "knows": ("a", "b"),
    "mentorships": ("mentor", "mentee"),
    "successors": ("person", "position"),
}

#: Every other field: an imported record that leaves one out keeps what the store holds, and a new
#: record gets the default (netgraph/model/validate.py: DEFAULTS). A field a file does not carry is not
#: the file's: a CSV export cut down to five columns, or a JSON record giving one new title, must not
#: clear a person's email, skills or their "no" to introductions.
KEPT_WHEN_ABSENT: dict[str, tuple[str, ...]] = {
    section: tuple(f for f in fields if f not in KEY_FIELDS[section]) for section, fields in FIELDS.items()
}

#: Fields an empty CSV cell leaves as stored (as a missing column does) instead of clearing: what
#: lifecycle actions and the tie evidence write, never typed in a spreadsheet. Re-importing an old
#: export with these cells blank must never rehire a leaver or forget when an introduction met.
KEPT_WHEN_EMPTY: dict[str, tuple[str, ...]] = {
    "org_units": ("source",),  # an old export must not hand back to the user a unit the HR sync owns
    "people": ("preferred_name", "status", "left_on", "source", "signals_opt_out"),
    # a tie's provenance: an old export (a, b, since, strength, context) must not forget what the evidence says
    "knows": ("sources", "evidence_strength", "org_chart_strength", "first_seen", "last_seen", "retired_on"),
    "introductions": ("closed_reason", "made_on", "accepted_on", "met_on", "declined_on", "closed_on"),
    # what the two people said of their mentorship: a spreadsheet's blank cell must not erase it
    "mentorships": ("mentor_rating", "mentor_again", "mentee_rating", "mentee_again"),
}
