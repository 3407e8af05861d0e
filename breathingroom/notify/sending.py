"""Handing one notice to one device's push service, or to one inbox, and saying how it went.

Nothing here decides whether to send; ``delivery`` does. Nothing here logs what is sent, or where:
a notice can carry a reassurance, and an endpoint is a secret address.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import smtplib
from datetime import datetime

import requests
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from pywebpush import WebPushException, webpush

from breathingroom.accounts.models import Person
from breathingroom.notify import addresses, vapid
from breathingroom.notify.models import PushSubscription
from breathingroom.notify.notices import Notice

# How long a push service may take to answer before we try again later.
PUSH_TIMEOUT = 10.0
# Whom to trust for a push service's certificate: the usual public authorities (tests name their own).
PUSH_CERTIFICATES: str | None = None


class Outcome(enum.StrEnum):
    SENT = "sent"
    # The device unsubscribed, or the push service forgot it: remove it.
    GONE = "gone"
    # Busy, down or slow: worth trying again later.
    LATER = "later"
    # Refused for good (a malformed subscription, keys that no longer match): nothing more to do.
    FAILED = "failed"


def topic(tag: str) -> str:
    """A push service keeps only the newest pending message per topic (at most 32 base64url characters)."""
    return base64.urlsafe_b64encode(hashlib.sha256(tag.encode()).digest()[:24]).decode()


def push(subscription: PushSubscription, notice: Notice, now: datetime | None = None) -> tuple[Outcome, int | None]:
    """Send ``notice`` to one device. Answers the outcome and the push service's status, if any."""
    now = now or timezone.now()
    ttl = max(int((notice.expires_at - now).total_seconds()), 60)
    keys = vapid.keys()
    # Checked again now, not only when the device was added: what a name points to can change.
    try:
        destination = addresses.check(subscription.endpoint)
    except addresses.NotFound:
        return Outcome.LATER, None
    except addresses.BadEndpoint:
        return Outcome.FAILED, None
    with addresses.PinnedSession(destination, PUSH_CERTIFICATES) as session:
        try:
            webpush(
                subscription.as_subscription_info(),
                data=json.dumps(notice.payload()),
                vapid_private_key=keys.vapid,
                vapid_claims={"sub": vapid.subject()},
                timeout=PUSH_TIMEOUT,
                ttl=ttl,
                headers={"Urgency": "high" if notice.urgent else "normal", "Topic": topic(notice.tag)},
                requests_session=session,
            )
        except WebPushException as error:
            status = error.status_code
            if status in {404, 410}:
                return Outcome.GONE, status
            if status is None or status == 429 or status >= 500:
                return Outcome.LATER, status
            return Outcome.FAILED, status
        except (requests.Timeout, requests.ConnectionError):
            return Outcome.LATER, None
        except (requests.RequestException, ValueError):
            return Outcome.FAILED, None
    return Outcome.SENT, 201


def email(person: Person, notice: Notice) -> Outcome:
    """Send ``notice`` to ``person``'s address, in words and as a small page."""
    site = settings.SITE_URL.rstrip("/")
    context = {
        "notice": notice,
        "person": person,
        "link": site + notice.url,
        "settings_link": site + reverse("notify:settings"),
    }
    with translation.override(person.speaks):
        message = EmailMultiAlternatives(
            subject=notice.title,
            body=render_to_string("notify/email/reminder.txt", context),
            to=[person.email],
        )
        message.attach_alternative(render_to_string("notify/email/reminder.html", context), "text/html")
    return send_email(message)


def send_email(message: EmailMessage) -> Outcome:
    """Hand one message to the mail server: sent, worth trying again later, or refused for good."""
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        return Outcome.FAILED
    except (smtplib.SMTPException, OSError):
        return Outcome.LATER
    return Outcome.SENT
