"""The mentoring round both contract files about round feedback start from, on either store.

The round 'spring' is fixtures/matching/round.csv over fixtures/matching/round.json (two
mentors with one place each): opened and run on :data:`OPENED`, sent on :data:`SENT`, both
pairs accepted by both sides, and both mentorships ended on :data:`ENDED`, so that each side
may rate (tests/contract/test_match_fit.py rates through the workflow,
tests/contract/test_feedback_move.py the way an earlier build stored it).
"""

from __future__ import annotations

from datetime import date

from netgraph.analysis.lifecycle import end_mentorship
from netgraph.analysis.matching import rounds, workflow
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES

OPENED, SENT, DEADLINE, ENDED = date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 15), date(2027, 6, 30)


def ended_round(store) -> list[tuple[str, str]]:
    """Write the round's organisation into ``store`` and take the round 'spring' to its ended pairs; the
    pairs (mentor, mentee), in the order the round proposes them."""
    document, _ = read_document(FIXTURES / "matching" / "round.json")
    store.write(complete(validate(document)))
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    settings = MatchSettings()
    rounds.open_round(
        store, "spring", deadline=DEADLINE, today=OPENED, rows=rows, source={"csv": "x"}, settings=settings
    )
    rounds.run(store, "spring", settings, today=OPENED)
    workflow.send(store, "spring", today=SENT)
    pairs = [(p["mentor"], p["mentee"]) for p in workflow.round_proposals(store, "spring", SENT)]
    for mentor, mentee in pairs:
        for person in (mentee, mentor):
            workflow.answer(store, "spring", mentor, mentee, person=person, choice="accepted", today=SENT)
        end_mentorship(store, mentor, mentee, on=ENDED)
    return pairs
