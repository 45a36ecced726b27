"""Contract: a round's messages reach a real SMTP server over STARTTLS or implicit TLS, logged in or not, retried
with backoff, on both stores.

The server is aiosmtpd on 127.0.0.1 (tests/smtp_server.py) with a
certificate the test makes; what it received is read back and checked.
The round is that of tests/contract/test_match_workflow.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netgraph.analysis import outbox
from netgraph.analysis.matching import rounds, workflow
from netgraph.analysis.matching.inputs import MatchSettings
from netgraph.io.documents import read_document
from netgraph.io.round_file import read_round_file
from netgraph.model.audit import entry, values
from netgraph.model.mail import MailSettings
from netgraph.model.validate import complete, validate
from tests.conftest import FIXTURES
from tests.smtp_server import smtp_server

#: aiosmtpd warns when AUTH is allowed without its STARTTLS: on the implicit TLS servers here the whole connection is
#: TLS (tests/smtp_server.py says why, and each delivery records that it was)
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")

NOW = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def ran(store):
    document, _ = read_document(FIXTURES / "matching" / "round.json")
    store.write(complete(validate(document)))
    rows = read_round_file(str(FIXTURES / "matching" / "round.csv"))
    settings = MatchSettings()
    rounds.open_round(store, "spring", deadline=date(2027, 3, 15), today=TODAY, rows=rows, source={}, settings=settings)
    rounds.run(store, "spring", settings, today=TODAY)
    return store


@pytest.fixture
def server(tmp_path):
    with smtp_server(tmp_path) as running:
        yield running


@pytest.fixture
def busy_server(tmp_path):
    with smtp_server(tmp_path, refuse=1) as running:
        yield running


def actions(store) -> list[str]:
    return [values(e)["action"] for e in store.audit_events()]


def test_without_an_smtp_server_messages_stay_in_the_app(ran):
    workflow.send(ran, "spring", today=TODAY, mail=MailSettings(), now=NOW)
    found = ran.outbox_messages()
    assert len(found) == 4 and {m["state"] for m in found} == {"in_app"}
    assert outbox.deliver_due(ran, MailSettings(), NOW) == {"sent": 0, "retry": 0, "failed": 0}


def test_each_side_of_a_sent_proposal_gets_a_message_over_starttls(ran, server):
    mail = server.settings()
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 4, "retry": 0, "failed": 0}
    assert sorted(m["To"] for m in server.received) == sorted(
        f"{p[side]}@example.com" for p in ran.match_proposals("spring") for side in ("mentor", "mentee")
    )
    assert server.recorder.secured == [True] * 4
    assert {m["state"] for m in ran.outbox_messages()} == {"sent"}


def test_a_message_links_to_the_page_where_the_person_answers(ran, server):
    mail = server.settings()
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    outbox.deliver_due(ran, mail, NOW)
    body = server.received[0].get_payload(decode=True).decode("utf-8")
    assert "https://netgraph.example.com/" in body and "by 2027-03-15" in body


def test_a_refused_message_is_tried_again_after_the_backoff_and_then_sent(ran, busy_server):
    mail = busy_server.settings()
    outbox.queue(ran, outbox.proposal_messages(ran.match_proposals("spring")[:1], ran, mail, NOW)[:1], what="test")
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 0, "retry": 1, "failed": 0}
    waiting = ran.outbox_messages()[0]
    assert (waiting["state"], waiting["attempts"], waiting["next_try"]) == ("queued", 1, "2027-03-02T09:01:00+00:00")
    assert "451" in waiting["last_error"]
    assert outbox.deliver_due(ran, mail, NOW + timedelta(seconds=30)) == {"sent": 0, "retry": 0, "failed": 0}
    assert outbox.deliver_due(ran, mail, NOW + timedelta(minutes=1)) == {"sent": 1, "retry": 0, "failed": 0}
    assert len(busy_server.received) == 1 and ran.outbox_messages()[0]["attempts"] == 2
    assert actions(ran)[-2:] == ["mail.retry", "mail.sent"]


def test_a_server_whose_certificate_is_not_trusted_is_not_sent_to(ran, server):
    mail = server.settings(ca_file=None)
    outbox.queue(ran, outbox.proposal_messages(ran.match_proposals("spring")[:1], ran, mail, NOW)[:1], what="test")
    assert outbox.deliver_due(ran, mail, NOW)["retry"] == 1
    assert server.received == [] and "CERTIFICATE_VERIFY_FAILED" in ran.outbox_messages()[0]["last_error"]


def test_a_reminder_goes_to_the_side_still_to_answer_before_the_day(ran, server):
    mail = server.settings()
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    mentor, mentee = next((p["mentor"], p["mentee"]) for p in ran.match_proposals("spring"))
    workflow.answer(ran, "spring", mentor, mentee, person=mentee, choice="accepted", today=TODAY, mail=mail, now=NOW)
    assert workflow.tick(ran, today=date(2027, 3, 10), mail=mail, now=NOW)["reminders"] == 0
    assert workflow.tick(ran, today=date(2027, 3, 13), mail=mail, now=NOW)["reminders"] == 3
    assert workflow.tick(ran, today=date(2027, 3, 14), mail=mail, now=NOW)["reminders"] == 0
    reminded = [m["to_person"] for m in ran.outbox_messages() if m["id"].startswith("reminder:")]
    assert mentee not in reminded and mentor in reminded


def test_the_reminder_window_is_the_setting_of_days_before_the_day(ran):
    mail = MailSettings(remind_days=5)
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    assert workflow.tick(ran, today=date(2027, 3, 9), mail=mail, now=NOW)["reminders"] == 0
    assert workflow.tick(ran, today=date(2027, 3, 10), mail=mail, now=NOW)["reminders"] == 4


def test_the_outcome_goes_to_both_sides_when_the_mentorship_starts(ran, server):
    mail = server.settings()
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    mentor, mentee = next((p["mentor"], p["mentee"]) for p in ran.match_proposals("spring"))
    for person in (mentee, mentor):
        workflow.answer(
            ran, "spring", mentor, mentee, person=person, choice="accepted", today=TODAY, mail=mail, now=NOW
        )
    outbox.deliver_due(ran, mail, NOW)
    started = sorted(m["To"] for m in server.received if "started" in m["Subject"])
    assert started == sorted([f"{mentor}@example.com", f"{mentee}@example.com"])


def test_erasure_deletes_a_persons_queued_messages_and_redacts_the_sent_ones(ran, server):
    mail = server.settings()
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    outbox.deliver_due(ran, mail, NOW)
    mentor, mentee = next((p["mentor"], p["mentee"]) for p in ran.match_proposals("spring"))
    workflow.tick(ran, today=date(2027, 3, 13), mail=mail, now=NOW)
    ran.erase_person(mentee, tombstones=[], audit=entry("erase", [f"person:{mentee}"], actor="cli:test"))
    naming = [m for m in ran.outbox_messages() if mentee in m["about"] or m["to_person"] == mentee]
    assert naming == []
    erased = [m for m in ran.outbox_messages() if m["body"] == "[erased]"]
    assert len(erased) == 2 and {m["state"] for m in erased} == {"sent"}
    assert [m["to_person"] for m in erased if m["to_person"] is not None] == [mentor]


# -- implicit TLS (NETGRAPH_SMTP_SECURITY=tls) and logging in (NETGRAPH_SMTP_USER, NETGRAPH_SMTP_PASSWORD_FILE) --

USER, PASSWORD = "netgraph-mailer", "s3cret: with spaces"


def one_queued(store, mail: MailSettings) -> None:
    outbox.queue(
        store, outbox.proposal_messages(store.match_proposals("spring")[:1], store, mail, NOW)[:1], what="test"
    )


def password_file(tmp_path, password: str = PASSWORD):
    path = tmp_path / "smtp-password"
    path.write_text(password + "\n", "utf-8")  # a trailing newline, as an editor leaves it
    return path


@pytest.fixture
def tls_server(tmp_path):
    with smtp_server(tmp_path, implicit_tls=True) as running:
        yield running


@pytest.fixture
def tls_login_server(tmp_path):
    with smtp_server(tmp_path, implicit_tls=True, login=(USER, PASSWORD)) as running:
        yield running


@pytest.fixture
def starttls_login_server(tmp_path):
    with smtp_server(tmp_path, login=(USER, PASSWORD)) as running:
        yield running


def test_implicit_tls_sends_over_a_connection_that_is_tls_from_the_start(ran, tls_server):
    mail = tls_server.settings()
    assert mail.security == "tls"
    workflow.send(ran, "spring", today=TODAY, mail=mail, now=NOW)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 4, "retry": 0, "failed": 0}
    assert tls_server.recorder.secured == [True] * 4 and tls_server.recorder.logins == [None] * 4


def test_implicit_tls_to_a_server_whose_certificate_is_not_trusted_sends_nothing(ran, tls_server):
    mail = tls_server.settings(ca_file=None)
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW)["retry"] == 1
    assert tls_server.received == [] and "CERTIFICATE_VERIFY_FAILED" in ran.outbox_messages()[0]["last_error"]


def test_starttls_to_an_implicit_tls_server_sends_nothing_and_is_retried(ran, tls_server):
    # each side waits for the other to speak first: only the timeout ends it (a short one here, not the 10 s default)
    mail = tls_server.settings(security="starttls", timeout=1.0)
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 0, "retry": 1, "failed": 0}
    assert tls_server.received == []


def test_the_user_logs_in_with_the_password_file_over_implicit_tls(ran, tls_login_server, tmp_path):
    mail = tls_login_server.settings(user=USER, password_file=password_file(tmp_path))
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 1, "retry": 0, "failed": 0}
    assert (tls_login_server.recorder.logins, tls_login_server.recorder.secured) == ([USER], [True])


def test_the_user_logs_in_after_starttls(ran, starttls_login_server, tmp_path):
    mail = starttls_login_server.settings(user=USER, password_file=password_file(tmp_path))
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 1, "retry": 0, "failed": 0}
    assert (starttls_login_server.recorder.logins, starttls_login_server.recorder.secured) == ([USER], [True])


def test_a_wrong_password_sends_nothing_and_the_message_is_retried(ran, tls_login_server, tmp_path):
    mail = tls_login_server.settings(user=USER, password_file=password_file(tmp_path, "not it"))
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 0, "retry": 1, "failed": 0}
    waiting = ran.outbox_messages()[0]
    assert tls_login_server.received == [] and (waiting["state"], waiting["attempts"]) == ("queued", 1)
    assert "535" in waiting["last_error"]


def test_a_server_that_requires_a_login_takes_nothing_from_netgraph_without_one(ran, tls_login_server):
    mail = tls_login_server.settings()
    one_queued(ran, mail)
    assert outbox.deliver_due(ran, mail, NOW) == {"sent": 0, "retry": 1, "failed": 0}
    assert tls_login_server.received == [] and "530" in ran.outbox_messages()[0]["last_error"]
