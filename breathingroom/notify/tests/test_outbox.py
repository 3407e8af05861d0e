"""An email written in a request waits, encrypted, for the worker; it is tried again with growing
pauses while the mail server is down, then given up with a line in the log that says nothing of
what it said; and nothing of it is kept once it is sent or given up."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from breathingroom import housekeeping
from breathingroom.notify import outbox
from breathingroom.notify.delivery import ATTEMPTS, BACKOFF
from breathingroom.notify.models import OutgoingEmail
from breathingroom.notify.outbox import send_queued
from breathingroom.notify.tests.conftest import come_due, part, queued, run_tasks

KEY = "Reset-key-8841-ochre-lantern"
WHAT = "account/email/password_reset_key"


def reset_email(to: str = "alex@example.com") -> EmailMultiAlternatives:
    message = EmailMultiAlternatives("A new password", f"Choose it here: https://example.org/{KEY}/", to=[to])
    message.attach_alternative(f'<a href="https://example.org/{KEY}/">Choose it</a>', "text/html")
    return message


def everything_stored() -> str:
    """Every row of the outbox and of the task queue, as the database holds them."""
    with connection.cursor() as cursor:
        rows = []
        for table in (OutgoingEmail._meta.db_table, DBTaskResult._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            rows += cursor.fetchall()
    return repr(rows)


def test_the_email_arrives_whole_and_nothing_of_it_is_kept(alex, smtp_inbox):
    outbox.queue(reset_email(), WHAT, alex)
    assert KEY not in everything_stored(), "waiting, it is kept encrypted"

    assert run_tasks() == ["sent"]

    [message] = smtp_inbox.messages
    assert message["To"] == "alex@example.com"
    assert message["Subject"] == "A new password"
    assert KEY in part(message, "text/plain")
    assert KEY in part(message, "text/html")
    assert OutgoingEmail.objects.count() == 0
    assert KEY not in everything_stored()


def test_a_mail_server_that_stays_down_is_tried_with_growing_pauses_then_given_up(alex, smtp_inbox, caplog):
    smtp_inbox.stop()
    outbox.queue(reset_email(), WHAT, alex)

    for pause in BACKOFF:
        assert run_tasks() == ["later"]
        [waiting] = queued(send_queued)
        assert waiting.run_after - timezone.now() == pytest.approx(pause, abs=timedelta(seconds=5))
        come_due(waiting)
    with caplog.at_level(logging.WARNING):
        assert run_tasks() == ["given up"]

    assert f"Gave up emailing {WHAT} to person {alex.pk} after {ATTEMPTS} attempt(s)" in caplog.text
    assert KEY not in caplog.text
    assert "alex@example.com" not in caplog.text
    assert OutgoingEmail.objects.count() == 0
    assert KEY not in everything_stored()
    assert smtp_inbox.messages == []


def test_an_address_the_server_refuses_is_not_tried_again(db, smtp_inbox, caplog):
    # A server that answers but refuses the recipient, as one does for an address it will never take.
    async def refuse(server, session, envelope, address, rcpt_options):
        return "550 No such user here"

    smtp_inbox.handle_RCPT = refuse
    outbox.queue(reset_email("nobody@example.com"), "account/email/unknown_account")

    with caplog.at_level(logging.WARNING):
        assert run_tasks() == ["given up"]
    assert "to an address with no account after 1 attempt(s)" in caplog.text
    assert queued(send_queued) == []


def test_deleting_the_account_takes_its_waiting_email(alex, smtp_inbox):
    smtp_inbox.stop()
    outbox.queue(reset_email(), WHAT, alex)
    alex.delete()
    assert OutgoingEmail.objects.count() == 0
    assert run_tasks() == ["gone"]


def test_an_email_whose_task_was_lost_is_forgotten_after_a_day(alex):
    outbox.queue(reset_email(), WHAT, alex)
    DBTaskResult.objects.all().delete()
    OutgoingEmail.objects.update(queued_at=timezone.now() - outbox.KEEP_FOR + timedelta(minutes=1))
    housekeeping.forget_old()
    assert OutgoingEmail.objects.count() == 1
    OutgoingEmail.objects.update(queued_at=timezone.now() - outbox.KEEP_FOR - timedelta(minutes=1))
    housekeeping.forget_old()
    assert OutgoingEmail.objects.count() == 0
