"""The typed rows of the MatchRounds and Outbox ports have exactly the fields their rules list, in order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netgraph.model.mail import MESSAGE_FIELDS, Message, message
from netgraph.model.match_proposals import PROPOSAL_FIELDS, Proposal, complete_proposal, proposal

TYPED_ROWS = [(Proposal, PROPOSAL_FIELDS), (Message, MESSAGE_FIELDS)]


@pytest.mark.parametrize(("row", "fields"), TYPED_ROWS, ids=["proposal", "message"])
def test_a_typed_row_lists_the_fields_of_its_rules_in_order(row, fields):
    assert tuple(row.__annotations__) == fields


@pytest.mark.parametrize(("row", "fields"), TYPED_ROWS, ids=["proposal", "message"])
def test_every_field_of_a_typed_row_is_required(row, fields):
    assert row.__required_keys__ == frozenset(fields)


def test_a_new_proposal_has_every_field_of_the_typed_row():
    new = proposal("r", {"mentor": "m", "mentee": "e", "fit": 0.5, "why": ["goals"], "locked": False})
    assert set(new) == Proposal.__required_keys__


def test_a_completed_proposal_has_every_field_of_the_typed_row():
    assert set(complete_proposal({"round": "r", "mentor": "m", "mentee": "e"})) == Proposal.__required_keys__


def test_a_new_message_has_every_field_of_the_typed_row():
    new = message(
        "k", to={"id": "p1"}, about=[], subject="s", body="b", now=datetime(2027, 1, 1, tzinfo=UTC), sends=False
    )
    assert set(new) == Message.__required_keys__
