"""The whole way, as it runs for real: a change commits, a task row is queued, the worker command runs it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from breathingroom.breaks import space
from breathingroom.conftest import make_couple, make_person
from breathingroom.notify.tests.conftest import REASSURANCE, device_for


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_pushes_what_a_committed_change_queued(push_service):
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    phone = device_for(sam, push_service)

    space.take_space(alex, 30, REASSURANCE)  # commits by itself: no test transaction around it
    [row] = DBTaskResult.objects.filter(task_path="breathingroom.notify.delivery.tell")
    assert row.status == "READY"
    assert push_service.requests == []

    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert row.return_value == ["push:sent"]
    [notice] = push_service.to(phone)
    assert REASSURANCE in notice["body"]
