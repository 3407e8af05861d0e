"""The email about a new device is queued with the sign-in it tells of: both are kept, or neither."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from breathingroom.events.kept_pages import forgets_kept_pages
from breathingroom.security import devices
from breathingroom.security.models import Kind, SecurityEvent
from breathingroom.security.notices import tell_of_new_device
from breathingroom.security.tests.conftest import FIREFOX_ON_WINDOWS


def sign_in_from_a_new_browser(person) -> bool:
    return devices.signed_in(RequestFactory().get("/", HTTP_USER_AGENT=FIREFOX_ON_WINDOWS), person)


def test_the_notice_is_queued_in_the_sign_ins_own_transaction(alex, django_capture_on_commit_callbacks):
    assert sign_in_from_a_new_browser(alex) is False  # the first sign-in has nothing to compare with

    with django_capture_on_commit_callbacks() as after_commit:
        assert sign_in_from_a_new_browser(alex) is True

    assert [c for c in after_commit if not forgets_kept_pages(c)] == []
    [row] = DBTaskResult.objects.filter(task_path=tell_of_new_device.module_path)
    newest = SecurityEvent.objects.filter(person=alex, kind=Kind.SIGNED_IN).latest("pk")
    assert row.args_kwargs["args"] == [newest.pk]


def test_a_sign_in_that_is_undone_queues_nothing(alex):
    sign_in_from_a_new_browser(alex)

    @transaction.atomic
    def undone() -> None:
        assert sign_in_from_a_new_browser(alex) is True
        raise RuntimeError("the sign-in fails after it was recorded")

    with pytest.raises(RuntimeError):
        undone()
    assert not DBTaskResult.objects.filter(task_path=tell_of_new_device.module_path).exists()
