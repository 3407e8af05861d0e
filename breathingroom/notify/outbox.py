"""Emails written during a request (a confirmation link, a password reset) and sent by the worker.

A request never talks to the mail server: with it down or slow, signing up or asking for a reset
would fail halfway or hang. ``queue`` keeps the written message in the request's own transaction,
so the email exists exactly when what it tells of does, and the worker's ``send_queued`` sends it,
trying again with growing pauses (``delivery.BACKOFF``) while the server is unreachable.

Such a message can carry a key that signs someone in, so it waits encrypted in a row of its own,
which is deleted once it is sent or given up; the task names it only by its row number, and a
finished task's row (kept a week for the record) holds nothing of it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from breathingroom.accounts.models import Person
from breathingroom.notify.delivery import ATTEMPTS, BACKOFF
from breathingroom.notify.models import OutgoingEmail
from breathingroom.notify.sending import Outcome, send_email

log = logging.getLogger(__name__)

# Longer than every attempt together takes; an email still here after it lost its task.
KEEP_FOR = timedelta(days=1)


@transaction.atomic
def queue(message: EmailMessage, what: str, person: Person | None = None) -> OutgoingEmail:
    """Keep ``message`` for the worker to send; ``what`` names the kind of email in the log, never its words."""
    if message.attachments:
        raise ValueError("A queued email cannot carry attachments.")
    alternatives = getattr(message, "alternatives", [])
    outgoing = OutgoingEmail.objects.create(
        person=person,
        message={
            "what": what,
            "subject": message.subject,
            "body": message.body,
            "subtype": message.content_subtype,
            "from": message.from_email,
            "to": message.to,
            "cc": message.cc,
            "bcc": message.bcc,
            "reply_to": message.reply_to,
            "headers": message.extra_headers,
            "alternatives": [[content, mimetype] for content, mimetype in alternatives],
        },
    )
    send_queued.enqueue(outgoing.pk)
    return outgoing


def _message(stored: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=stored["subject"],
        body=stored["body"],
        from_email=stored["from"],
        to=stored["to"],
        cc=stored["cc"],
        bcc=stored["bcc"],
        reply_to=stored["reply_to"],
        headers=stored["headers"],
    )
    message.content_subtype = stored["subtype"]
    for content, mimetype in stored["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


@task()
def send_queued(outgoing_id: int, attempt: int = 1) -> str:
    outgoing = OutgoingEmail.objects.filter(pk=outgoing_id).first()
    if outgoing is None:
        # Sent already by a worker that stopped before finishing its task, or its person was deleted.
        return "gone"
    what = outgoing.message["what"]
    outcome = send_email(_message(outgoing.message))
    if outcome == Outcome.LATER and attempt < ATTEMPTS:
        send_queued.using(run_after=timezone.now() + BACKOFF[attempt - 1]).enqueue(outgoing_id, attempt + 1)
        return "later"
    outgoing.delete()
    if outcome == Outcome.SENT:
        return "sent"
    log.warning(
        "Gave up emailing %s to %s after %s attempt(s) (%s)",
        what,
        f"person {outgoing.person_id}" if outgoing.person_id else "an address with no account",
        attempt,
        outcome,
    )
    return "given up"


def forget_old(now: datetime) -> None:
    OutgoingEmail.objects.filter(queued_at__lt=now - KEEP_FOR).delete()
