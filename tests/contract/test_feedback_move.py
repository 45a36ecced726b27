"""Contract: feedback an earlier build kept on round proposals is on the MENTORS links once the store opens.

That build stored each side's rating on the round's proposal (tests/old_build_feedback.py
writes it so, directly); the stores read feedback off the link only, so without the move
those pairs read as unrated and could be rated again. The round is fixtures/matching/round.csv
over fixtures/matching/round.json: both pairs accepted by both sides and ended, then rated
the old way. Opening the store again (a new process: the embedded file's format is older;
on Neo4j the schema runs first) moves it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from netgraph.analysis.matching import workflow
from netgraph.errors import Conflict
from netgraph.model.audit import values
from netgraph.model.feedback_move import MOVED
from tests.contract.cli_runner import cli_on
from tests.contract.ended_round import ENDED, ended_round
from tests.old_build_feedback import proposal_feedback, reopen, write_old_feedback

#: What the earlier build stored on each pair's proposal, in the order the round proposes the pairs.
OLD_FEEDBACK = (
    {"mentor_rating": 5, "mentor_again": True, "mentee_rating": 4, "mentee_again": True},
    {"mentor_rating": 2, "mentor_again": False, "mentee_rating": 1, "mentee_again": False},
)


@pytest.fixture
def pairs(store):
    """The round's pairs, rated the way the earlier build stored it (on the proposals)."""
    found = ended_round(store)
    for (mentor, mentee), feedback in zip(found, OLD_FEEDBACK, strict=True):
        write_old_feedback(store, "spring", mentor, mentee, **feedback)
    return found


@pytest.fixture
def opened(store, pairs):
    """The store with the old shape, opened again as a new process would. The embedded store moves the
    feedback as it opens; Neo4j connects lazily and moves it before its first query (the tests that read
    the stored shape or the trail directly, behind the store's back, have it read the round first)."""
    found = reopen(store)
    yield found
    if found is not store and hasattr(found, "driver"):
        found.close()


def _links(store, pairs) -> list[dict]:
    exported = {(m["mentor"], m["mentee"]): m for m in store.export()["mentorships"]}
    fields = ("mentor_rating", "mentor_again", "mentee_rating", "mentee_again")
    return [{f: exported[pair][f] for f in fields} for pair in pairs]


def test_the_old_shape_reads_as_unrated_before_the_move(store, pairs):
    assert workflow.round_feedback(store, "spring")["ratings"] == 0


def test_after_opening_the_links_carry_the_feedback_in_the_export(opened, pairs):
    assert _links(opened, pairs) == list(OLD_FEEDBACK)


def test_after_opening_the_proposals_hold_no_feedback_of_their_own(opened, pairs):
    workflow.round_proposals(opened, "spring", ENDED)  # Neo4j connects lazily: its first query moves
    assert [proposal_feedback(opened, "spring", *pair) for pair in pairs] == [{}, {}]


def test_after_opening_the_rounds_figures_count_the_moved_feedback(opened, pairs):
    found = workflow.round_feedback(opened, "spring")
    assert (found["ratings"], found["mean_rating"], found["again_share"]) == (4, 3.0, 0.5)


def test_after_opening_match_fit_reads_the_moved_feedback(opened, pairs, monkeypatch, capsys):
    monkeypatch.setenv("NETGRAPH_MATCH_FIT_MIN_PAIRS", "2")
    code, said, _ = cli_on(opened, monkeypatch, capsys)("match", "fit", "--json")
    assert code == 0 and json.loads(said)["pairs"] == 2


def test_after_opening_a_pair_rated_by_the_earlier_build_cannot_be_rated_again(opened, pairs):
    mentor, mentee = pairs[0]
    with pytest.raises(Conflict, match="already given"):
        workflow.rate(opened, "spring", mentor, mentee, person=mentee, rating=1, again=False, today=date(2027, 7, 1))


def test_the_move_is_one_audit_event_naming_each_field_it_moved(opened, pairs):
    workflow.round_proposals(opened, "spring", ENDED)  # (Neo4j: its first query moves)
    events = [values(e) for e in opened.audit_events() if e["action"] == MOVED]
    moved = {(c["entity"], c["field"], c["after"]) for e in events for c in e["changes"] if c["after"] is not None}
    expected = {
        (f"mentorship:{mentor}/{mentee}", field, value)
        for (mentor, mentee), feedback in zip(pairs, OLD_FEEDBACK, strict=True)
        for field, value in feedback.items()
    }
    assert len(events) == 1 and moved == expected


def test_opening_a_second_time_changes_nothing(store, opened, pairs):
    before = (_links(opened, pairs), len(opened.audit_events()))
    again = reopen(store)
    try:
        assert (_links(again, pairs), len(again.audit_events())) == before
    finally:
        if hasattr(again, "driver"):
            again.close()


@pytest.fixture
def rated_on_the_link_too(store, pairs):
    """Before the move ran, the first pair's mentor rated again (on the link: the pair read as unrated)."""
    mentor, mentee = pairs[0]
    workflow.rate(store, "spring", mentor, mentee, person=mentor, rating=1, again=False, today=date(2027, 7, 1))
    found = reopen(store)
    yield found
    if hasattr(found, "driver"):
        found.close()


def test_a_side_the_link_already_rated_keeps_the_links_rating(rated_on_the_link_too, pairs):
    link = _links(rated_on_the_link_too, pairs)[0]
    assert (link["mentor_rating"], link["mentor_again"]) == (1, False)


def test_the_other_side_of_a_link_already_rated_still_moves(rated_on_the_link_too, pairs):
    link = _links(rated_on_the_link_too, pairs)[0]
    assert (link["mentee_rating"], link["mentee_again"]) == (4, True)


def test_a_proposal_overruled_by_the_links_rating_keeps_no_copy(rated_on_the_link_too, pairs):
    workflow.round_proposals(rated_on_the_link_too, "spring", ENDED)  # (Neo4j: its first query moves)
    assert proposal_feedback(rated_on_the_link_too, "spring", *pairs[0]) == {}


# -- a crash during the move -------------------------------------------------------------------


def _failing_on_call(real, number: int):
    """``real`` (the audit event's maker), raising as a killed process would on its ``number``-th call."""
    calls = []

    def maker(*args, **kwargs):
        calls.append(1)
        if len(calls) == number:
            raise RuntimeError("killed during the move")
        return real(*args, **kwargs)

    return maker


@pytest.fixture
def embedded_crashed(tmp_path, monkeypatch):
    """An embedded store of the old shape whose move failed before its transaction committed; its pairs."""
    from netgraph.store.embedded import migration
    from netgraph.store.embedded.store import EmbeddedStore

    store = EmbeddedStore(tmp_path / "graph.json")
    found = ended_round(store)
    for (mentor, mentee), feedback in zip(found, OLD_FEEDBACK, strict=True):
        write_old_feedback(store, "spring", mentor, mentee, **feedback)
    with monkeypatch.context() as patched:
        patched.setattr(migration, "moved_entry", _failing_on_call(migration.moved_entry, 1))
        with pytest.raises(RuntimeError, match="killed"):
            reopen(store)
    return store, found


def test_embedded_a_move_that_fails_leaves_the_feedback_on_the_proposals(embedded_crashed):
    store, found = embedded_crashed
    held = [proposal_feedback(store, "spring", *pair) for pair in found]
    assert held == list(OLD_FEEDBACK)


def test_embedded_a_move_that_fails_leaves_the_links_unrated(embedded_crashed):
    store, _ = embedded_crashed
    assert workflow.round_feedback(store, "spring")["ratings"] == 0


def test_embedded_the_open_after_a_failed_move_moves_it(embedded_crashed):
    store, found = embedded_crashed
    assert _links(reopen(store), found) == list(OLD_FEEDBACK)


@pytest.fixture
def neo4j_crashed(neo4j_store, monkeypatch):
    """The old shape on Neo4j, moved one pair per batch, the process killed in the second batch; its pairs."""
    from netgraph.store.neo4j_backend import feedback_move
    from tests.conftest import _fresh_neo4j

    store = _fresh_neo4j(neo4j_store)
    found = ended_round(store)
    for (mentor, mentee), feedback in zip(found, OLD_FEEDBACK, strict=True):
        write_old_feedback(store, "spring", mentor, mentee, **feedback)
    with monkeypatch.context() as patched:
        patched.setattr(feedback_move, "moved_entry", _failing_on_call(feedback_move.moved_entry, 2))
        with pytest.raises(RuntimeError, match="killed"):
            feedback_move.move_feedback_to_links(store, 1)
    return store, found


@pytest.mark.neo4j
def test_neo4j_a_crash_between_batches_leaves_the_first_batch_moved_and_the_second_as_it_was(neo4j_crashed):
    store, found = neo4j_crashed
    held = [proposal_feedback(store, "spring", *pair) for pair in found]
    assert (held, workflow.round_feedback(store, "spring")["ratings"]) == ([{}, OLD_FEEDBACK[1]], 2)


@pytest.mark.neo4j
def test_neo4j_running_the_move_again_after_a_crash_moves_the_rest(neo4j_crashed):
    from netgraph.store.neo4j_backend import feedback_move

    store, found = neo4j_crashed
    feedback_move.move_feedback_to_links(store, 1)
    assert _links(store, found) == list(OLD_FEEDBACK)


# -- the mark that the move is done (Neo4j) ----------------------------------------------------------


def _marked(store) -> bool:
    from tests.neo4j_support import run_statement

    return run_statement(store, "matching/feedback_moved")[0]["moved"]


@pytest.mark.neo4j
def test_neo4j_the_move_marks_the_database_in_its_last_batch(neo4j_crashed):
    from netgraph.store.neo4j_backend import feedback_move

    store, _ = neo4j_crashed
    before = _marked(store)
    feedback_move.move_feedback_to_links(store, 1)
    assert (before, _marked(store)) == (False, True)


@pytest.mark.neo4j
def test_neo4j_a_marked_database_is_not_looked_through_again(neo4j_store):
    """The next process reads the mark only: feedback an older build wrote behind a marked database's back
    (a downgrade and back, which the move does not cover: docs/matching.md) stays on its proposal."""
    from tests.conftest import _fresh_neo4j

    store = _fresh_neo4j(neo4j_store)
    pairs = ended_round(store)
    write_old_feedback(store, "spring", *pairs[0], **OLD_FEEDBACK[0])
    store.init_schema()  # the schema, applied before a store's first write, marks the database
    opened = reopen(store)
    try:
        workflow.round_proposals(opened, "spring", ENDED)
        assert proposal_feedback(opened, "spring", *pairs[0]) == OLD_FEEDBACK[0]
    finally:
        opened.close()
