"""Contract: the mentor and the mentee accepting at the same moment start one mentorship, on both stores.

Each answer comes from a thread with its own connection to the store (a
second EmbeddedStore on the same file, a second Neo4j driver), as two web
workers or a worker and the command line would. The two final acceptances
are released together; whichever commits second sees both accepted and
starts the mentorship: one MENTORS link, one ``mentorship.start`` event,
never none and never two. The round is tests/contract/test_match_workflow.py's.
"""

from __future__ import annotations

import os
import threading
from datetime import date

import pytest

from netgraph.analysis.matching import rounds, workflow
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.audit import values
from netgraph.model.validate import complete, validate
from netgraph.store.embedded.store import EmbeddedStore
from netgraph.store.neo4j_backend.store import Neo4jStore
from tests.conftest import FIXTURES

SENT = date(2027, 3, 2)


@pytest.fixture
def sent(store):
    document, _ = read_document(FIXTURES / "matching" / "round.json")
    store.write(complete(validate(document)))
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    settings = MatchSettings()
    rounds.open_round(
        store, "spring", deadline=date(2027, 3, 15), today=date(2027, 3, 1), rows=rows, source={}, settings=settings
    )
    rounds.run(store, "spring", settings, today=date(2027, 3, 1))
    workflow.send(store, "spring", today=SENT)
    return store


@pytest.fixture
def other_connection(sent, request):
    """A second connection to the same store, as another process of the app holds."""
    if isinstance(sent, EmbeddedStore):
        other = EmbeddedStore(sent.path)
    else:
        other = Neo4jStore(
            request.getfixturevalue("neo4j_uri"),
            os.environ.get("NETGRAPH_TEST_NEO4J_USERNAME"),
            os.environ.get("NETGRAPH_TEST_NEO4J_PASSWORD"),
        )
    yield other
    other.close()


def answer_together(answers: list[tuple[object, str]], mentor: str, mentee: str) -> list[BaseException]:
    """Each (store, person) accepts in a thread of its own, all released at once; the errors raised."""
    gate = threading.Barrier(len(answers))
    errors: list[BaseException] = []

    def accept(store, person: str) -> None:
        gate.wait()
        try:
            workflow.answer(store, "spring", mentor, mentee, person=person, choice="accepted", today=SENT)
        except BaseException as exc:  # noqa: BLE001 (reported to the test, which expects none)
            errors.append(exc)

    threads = [threading.Thread(target=accept, args=pair) for pair in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


@pytest.mark.parametrize("attempt", range(3))
def test_both_sides_accepting_at_once_start_exactly_one_mentorship(sent, other_connection, attempt):
    pairs = [(p["mentor"], p["mentee"]) for p in sent.match_proposals("spring")]
    mentor, mentee = pairs[attempt % len(pairs)]
    assert answer_together([(sent, mentor), (other_connection, mentee)], mentor, mentee) == []
    links = [m for m in sent.export()["mentorships"] if (m["mentor"], m["mentee"]) == (mentor, mentee)]
    starts = [e for e in (values(e) for e in sent.audit_events()) if e["action"] == "mentorship.start"]
    assert [(m["status"], m["since"]) for m in links] == [("active", SENT.isoformat())]
    assert len(starts) == 1 and f"person:{mentee}" in starts[0]["entities"]
    assert [p["status"] for p in workflow.round_proposals(sent, "spring", SENT) if p["mentee"] == mentee] == ["started"]
