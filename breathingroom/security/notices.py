"""The email that tells someone their account was just signed in to from a device it had not seen."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from breathingroom.notify.delivery import ATTEMPTS, BACKOFF
from breathingroom.notify.sending import Outcome, send_email
from breathingroom.security import log
from breathingroom.security.models import Kind, SecurityEvent

logger = logging.getLogger(__name__)


@task()
def tell_of_new_device(sign_in_id: int, attempt: int = 1) -> str:
    sign_in = SecurityEvent.objects.select_related("person").filter(pk=sign_in_id, kind=Kind.SIGNED_IN).first()
    if sign_in is None:
        return "gone"
    person = sign_in.person
    site = settings.SITE_URL.rstrip("/")
    with timezone.override(person.zone), translation.override(person.speaks):
        context = {
            "person": person,
            "device": sign_in.device or _("a device"),
            "at": timezone.localtime(sign_in.at),
            "time_zone": person.time_zone_label,
            "password_link": site + reverse("account_change_password"),
            "reset_link": site + reverse("account_reset_password"),
            "sessions_link": site + reverse("usersessions_list"),
            "log_link": site + reverse("security:log"),
        }
        message = EmailMultiAlternatives(
            subject=_("A new sign-in to your Breathing Room account"),
            body=render_to_string("security/email/new_device.txt", context),
            to=[person.email],
        )
        message.attach_alternative(render_to_string("security/email/new_device.html", context), "text/html")
    outcome = send_email(message)
    if outcome == Outcome.FAILED:
        logger.warning("The mail server refused the address of person %s; no new-device notice", person.pk)
        return "failed"
    if outcome == Outcome.LATER:
        if attempt >= ATTEMPTS:
            logger.warning("Gave up the new-device notice to person %s after %s attempts", person.pk, attempt)
            return "failed"
        run_after = timezone.now() + BACKOFF[attempt - 1]
        tell_of_new_device.using(run_after=run_after).enqueue(sign_in_id, attempt + 1)
        return "later"
    log.record(person, Kind.NEW_DEVICE_NOTICE_SENT, device=sign_in.device)
    return "sent"
