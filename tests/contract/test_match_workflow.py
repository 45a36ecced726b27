"""Contract: a round from its run to mentorships, on both stores.

The round (fixtures/matching/round.csv over fixtures/matching/round.json):
three mentees and two mentors with one place each, so one mentee is always
left for a re-run. Days are passed in, as the app's clock gives them.
"""

from __future__ import annotations

from datetime import date

import pytest

from netgraph.analysis.matching import rounds, workflow
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.errors import Conflict, NotFound
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.audit import values
from netgraph.model.match_proposals import proposal
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES

OPENED = date(2027, 3, 1)
SENT = date(2027, 3, 2)
DEADLINE = date(2027, 3, 15)
SETTINGS = MatchSettings()


@pytest.fixture
def org(store):
    document, _ = read_document(FIXTURES / "matching" / "round.json")
    store.write(complete(validate(document)))
    return store


@pytest.fixture
def ran(org):
    """The round opened, run and its proposals not sent yet."""
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    rounds.open_round(
        org, "spring", deadline=DEADLINE, today=OPENED, rows=rows, source={"csv": "round.csv"}, settings=SETTINGS
    )
    rounds.run(org, "spring", SETTINGS, today=OPENED)
    return org


@pytest.fixture
def sent(ran):
    workflow.send(ran, "spring", today=SENT)
    return ran


def pairs(store, *statuses: str) -> list[tuple[str, str]]:
    return [
        (p["mentor"], p["mentee"])
        for p in workflow.round_proposals(store, "spring", SENT)
        if not statuses or p["status"] in statuses
    ]


def answer(store, mentor, mentee, who, choice="accepted", today=SENT):
    return workflow.answer(store, "spring", mentor, mentee, person=who, choice=choice, today=today)


def actions(store) -> list[str]:
    return [values(e)["action"] for e in store.audit_events()]


def test_a_run_stores_each_proposed_pair_unsent(ran):
    assert len(pairs(ran, "proposed")) == 2
    assert workflow.proposals_for(ran, pairs(ran)[0][1], SENT) == []


def test_send_sends_each_pair_to_both_sides_with_the_rounds_deadline(ran):
    result = workflow.send(ran, "spring", today=SENT)
    assert (len(result["sent"]), result["waiting"], result["answer_by"]) == (2, [], DEADLINE.isoformat())
    assert len(pairs(ran, "open")) == 2
    assert actions(ran)[-2:] == ["match.send", "mail.queue"]


def test_send_before_a_run_is_refused(org):
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    rounds.open_round(org, "spring", deadline=DEADLINE, today=OPENED, rows=rows, source={}, settings=SETTINGS)
    with pytest.raises(Conflict):
        workflow.send(org, "spring", today=SENT)


def test_a_mentor_is_never_sent_more_open_proposals_than_their_places(ran):
    found = ran.match_round("spring")
    extra = [
        proposal("spring", {"mentor": "m1", "mentee": m, "fit": 0.1 * i, "why": [], "locked": False})
        for i, m in enumerate(("e1", "e2", "e3"))
    ]
    ran.save_match_round(found, {"action": "test", "entities": [], "changes": []}, proposals=extra)
    result = workflow.send(ran, "spring", today=SENT)
    assert result["sent"] == [{"mentor": "m1", "mentee": "e3"}]
    assert len(result["waiting"]) == 2
    assert [p["mentee"] for p in workflow.proposals_for(ran, "m1", SENT) if p["status"] == "open"] == ["e3"]


def test_a_waiting_proposal_is_sent_once_the_mentors_place_frees(ran):
    found = ran.match_round("spring")
    extra = [
        proposal("spring", {"mentor": "m1", "mentee": m, "fit": f, "why": [], "locked": False})
        for m, f in (("e1", 0.9), ("e2", 0.5))
    ]
    ran.save_match_round(found, {"action": "test", "entities": [], "changes": []}, proposals=extra)
    workflow.send(ran, "spring", today=SENT)
    answer(ran, "m1", "e1", "e1", "declined")
    assert workflow.send(ran, "spring", today=SENT)["sent"] == [{"mentor": "m1", "mentee": "e2"}]


def test_each_person_sees_only_the_proposals_made_to_them(sent):
    (mentor, mentee), (other_mentor, other_mentee) = pairs(sent)
    assert [(p["mentor"], p["mentee"]) for p in workflow.proposals_for(sent, mentee, SENT)] == [(mentor, mentee)]
    assert [(p["mentor"], p["mentee"]) for p in workflow.proposals_for(sent, mentor, SENT)] == [(mentor, mentee)]
    assert workflow.proposals_for(sent, next(iter({"e1", "e2", "e3"} - {mentee, other_mentee})), SENT) == []


def test_nobody_may_answer_a_proposal_made_to_someone_else(sent):
    (mentor, mentee), (_, other_mentee) = pairs(sent)
    with pytest.raises(NotFound):
        answer(sent, mentor, mentee, other_mentee)


def test_one_side_accepting_starts_nothing(sent):
    mentor, mentee = pairs(sent)[0]
    seen = answer(sent, mentor, mentee, mentee)
    assert (seen["status"], seen["mentee_state"], seen["mentor_state"]) == ("open", "accepted", "sent")
    assert sent.mentorships_of(mentee) == []


def test_both_sides_accepting_starts_the_mentorship_that_day(sent):
    mentor, mentee = pairs(sent)[0]
    answer(sent, mentor, mentee, mentee)
    seen = answer(sent, mentor, mentee, mentor, today=date(2027, 3, 4))
    assert seen["status"] == "started"
    started = [m for m in sent.mentorships_of(mentor) if m["as_mentor"] and m["other"] == mentee]
    assert [(m["since"], m["status"]) for m in started] == [("2027-03-04", "active")]
    assert actions(sent)[-3:] == ["match.accept", "mentorship.start", "mail.queue"]


def test_a_second_answer_by_the_same_side_is_refused(sent):
    mentor, mentee = pairs(sent)[0]
    answer(sent, mentor, mentee, mentee, "declined")
    with pytest.raises(Conflict):
        answer(sent, mentor, mentee, mentee)


def test_an_answer_after_the_deadline_is_refused_and_the_side_lapses(sent):
    mentor, mentee = pairs(sent)[0]
    with pytest.raises(Conflict, match="lapsed"):
        answer(sent, mentor, mentee, mentee, today=date(2027, 3, 16))
    stored = next(p for p in sent.match_proposals("spring") if p["mentee"] == mentee)
    assert (stored["mentee_state"], stored["mentee_on"]) == ("lapsed", "2027-03-16")
    assert "match.lapse" in actions(sent)


def test_an_answer_on_the_deadline_is_in_time(sent):
    mentor, mentee = pairs(sent)[0]
    assert answer(sent, mentor, mentee, mentee, today=DEADLINE)["mentee_state"] == "accepted"


def test_sides_still_silent_after_the_deadline_lapse_by_the_clock(sent):
    mentor, mentee = pairs(sent)[0]
    answer(sent, mentor, mentee, mentor)
    lapsed = workflow.lapse_overdue(sent, "spring", date(2027, 3, 16))
    assert sorted((p["mentor"], p["mentee"], p["mentor_state"], p["mentee_state"]) for p in lapsed) == sorted(
        [(mentor, mentee, "accepted", "lapsed"), *((a, b, "lapsed", "lapsed") for a, b in pairs(sent)[1:])]
    )
    assert workflow.lapse_overdue(sent, "spring", date(2027, 3, 16)) == []


def test_a_rerun_keeps_accepted_pairs_and_never_proposes_a_declined_one_again(sent):
    (kept_mentor, kept_mentee), (mentor, mentee) = pairs(sent)
    answer(sent, kept_mentor, kept_mentee, kept_mentee)
    answer(sent, kept_mentor, kept_mentee, kept_mentor)
    answer(sent, mentor, mentee, mentee, "declined")
    found = rounds.run(sent, "spring", SETTINGS, today=SENT)
    proposed = {(p["mentor"], p["mentee"]) for p in found["proposals"]}
    assert (kept_mentor, kept_mentee) in proposed and (mentor, mentee) not in proposed
    assert pairs(sent, "started") == [(kept_mentor, kept_mentee)]


def test_a_decline_frees_the_place_and_the_rerun_fills_it(sent):
    (mentor, mentee), _ = pairs(sent)
    left_over = next(iter({"e1", "e2", "e3"} - {m for _, m in pairs(sent)}))
    answer(sent, mentor, mentee, mentor, "declined")
    rounds.run(sent, "spring", SETTINGS, today=SENT)
    assert (mentor, left_over) in pairs(sent, "proposed")
    workflow.send(sent, "spring", today=SENT)
    assert (mentor, left_over) in pairs(sent, "open")


def test_a_pair_with_a_live_proposal_cannot_be_forbidden(sent):
    mentor, mentee = pairs(sent)[0]
    with pytest.raises(Exception, match="open proposal"):
        rounds.forbid(sent, "spring", mentor, mentee)


def test_close_keeps_the_pairs_and_figures_and_lapses_the_unanswered(sent):
    (mentor, mentee), _ = pairs(sent)
    answer(sent, mentor, mentee, mentee)
    answer(sent, mentor, mentee, mentor)
    before = sent.match_round("spring")
    closed = rounds.close(sent, "spring", today=SENT)
    assert (closed["status"], closed["proposals"], closed["figures"]) == (
        "closed",
        before["proposals"],
        before["figures"],
    )
    assert sorted(p["status"] for p in workflow.round_proposals(sent, "spring", SENT)) == ["lapsed", "started"]
    assert [p["status"] for p in workflow.proposals_for(sent, mentee, SENT)] == ["started"]


def test_a_closed_round_takes_no_answer(sent):
    _, (mentor, mentee) = pairs(sent)
    rounds.close(sent, "spring", today=SENT)
    with pytest.raises(Conflict):
        answer(sent, mentor, mentee, mentee)


@pytest.fixture
def ended(sent):
    """The first pair accepted by both on SENT, and its mentorship ended on 2027-06-30."""
    from netgraph.analysis.lifecycle import end_mentorship

    mentor, mentee = pairs(sent)[0]
    answer(sent, mentor, mentee, mentee)
    answer(sent, mentor, mentee, mentor)
    end_mentorship(sent, mentor, mentee, on=date(2027, 6, 30))
    return sent


def rate(store, mentor, mentee, who, rating=4, again=True):
    return workflow.rate(
        store, "spring", mentor, mentee, person=who, rating=rating, again=again, today=date(2027, 7, 1)
    )


def test_each_side_rates_the_mentorship_once_it_ended_and_both_see_both_ratings(ended):
    mentor, mentee = pairs(ended)[0]
    rate(ended, mentor, mentee, mentee, 5, True)
    seen = rate(ended, mentor, mentee, mentor, 3, False)
    assert (seen["mentee_rating"], seen["mentee_again"], seen["mentor_rating"], seen["mentor_again"]) == (
        5,
        True,
        3,
        False,
    )
    assert workflow.proposals_for(ended, mentee, SENT)[0]["mentor_rating"] == 3
    assert actions(ended)[-1] == "match.feedback"


def test_the_rounds_feedback_is_shown_per_round(ended):
    mentor, mentee = pairs(ended)[0]
    rate(ended, mentor, mentee, mentee, 5, True)
    rate(ended, mentor, mentee, mentor, 3, False)
    found = workflow.round_feedback(ended, "spring")
    assert (found["ratings"], found["mean_rating"], found["again_share"], len(found["pairs"])) == (2, 4.0, 0.5, 1)


def test_a_mentorship_still_active_cannot_be_rated(sent):
    mentor, mentee = pairs(sent)[0]
    answer(sent, mentor, mentee, mentee)
    answer(sent, mentor, mentee, mentor)
    with pytest.raises(Conflict, match="ended"):
        rate(sent, mentor, mentee, mentee)


def test_a_rating_outside_one_to_five_or_given_twice_is_refused(ended):
    from netgraph.errors import InvalidInput

    mentor, mentee = pairs(ended)[0]
    with pytest.raises(InvalidInput):
        rate(ended, mentor, mentee, mentee, 6)
    rate(ended, mentor, mentee, mentee)
    with pytest.raises(Conflict, match="already"):
        rate(ended, mentor, mentee, mentee)


def test_nobody_rates_a_mentorship_that_is_not_theirs(ended):
    mentor, mentee = pairs(ended)[0]
    _, other = pairs(ended)[1]
    with pytest.raises(NotFound):
        rate(ended, mentor, mentee, other)
