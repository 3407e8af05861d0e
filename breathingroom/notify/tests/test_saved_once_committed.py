"""A saved change is answered as saved, and what it must set off cannot be lost after the commit.

Real requests on a database that really commits: the push and the call back are queued in the
change's own transaction, and only the live sending is left for after the commit, where its
failure costs neither the change, nor the answer, nor anyone else's sending.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from breathingroom.breaks.models import Break
from breathingroom.breaks.reminders import call_back
from breathingroom.conftest import assert_json, client_for
from breathingroom.events import publish
from breathingroom.notify.delivery import tell
from breathingroom.notify.tests.conftest import device_for, queued, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live_sending_fails(monkeypatch) -> list[list[str]]:
    """Sending live raises for the first change of each request, and records the rest."""
    sent: list[list[str]] = []

    def fails_first(events) -> None:
        sent.append([e.type for e in events])
        if len(sent) == 1:
            raise RuntimeError("the channel layer fell over")

    monkeypatch.setattr(publish, "_deliver", fails_first)
    return sent


def test_a_change_whose_live_sending_fails_is_still_answered_as_saved(
    alex, sam, couple, push_service, live_sending_fails
):
    phone = device_for(sam, push_service)

    body = assert_json(client_for(alex).post("/api/v1/breaks", {"minutes": 30}, content_type="application/json"), 201)

    assert live_sending_fails == [["break.started", "break.started"]]
    brk = Break.objects.get(pk=body["id"])
    assert [row.args_kwargs["args"][0] for row in queued(call_back)] == [str(brk.id)]
    assert len(queued(tell)) == 1
    run_tasks()
    [notice] = push_service.to(phone)
    assert notice["title"] == "Alex is taking some space"


def test_one_failing_sending_does_not_stop_the_others(alex, sam, couple, live_sending_fails):
    with transaction.atomic():
        publish.publish([alex.pk, sam.pk], "couple.joined", {"name": "Sam"})
        publish.publish([alex.pk], "agreement.accepted", {"version": 2})

    assert live_sending_fails == [["couple.joined", "couple.joined"], ["agreement.accepted"]]


def test_a_push_is_handed_on_exactly_when_its_change_is_kept(alex, sam, couple, push_service):
    device_for(sam, push_service)

    @transaction.atomic
    def undone() -> None:
        publish.publish([sam.pk], "break.thinking_of_you", {"break": "b", "from": "Alex", "sent_at": "now"})
        raise RuntimeError("the change fails after its event was made")

    with pytest.raises(RuntimeError):
        undone()
    assert not DBTaskResult.objects.exists()

    with transaction.atomic():
        [event] = publish.publish([sam.pk], "break.thinking_of_you", {"break": "b", "from": "Alex", "sent_at": "now"})
        # Queued before the commit, so no crash between the commit and a hook can lose it.
        assert [row.args_kwargs["args"] for row in queued(tell)] == [[event.pk]]
