"""What break tests share: an agreement in force, time that has passed, and what each person heard.

Time is moved by shifting a break's own timestamps into the past, so the domain keeps reading the
real clock and nothing has to be frozen.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import defaultdict
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db.models import F

from breathingroom.accounts.models import Person
from breathingroom.agreements import proposals
from breathingroom.agreements.models import Agreement, Terms
from breathingroom.breaks.models import Break, CheckIn, Extension, NextTry, Reconnection, Taker, ThinkingOfYou, minutes
from breathingroom.events.publish import group_for

REASSURANCE = "I'm taking time to settle, I'm not leaving us."


def proposal(**changes: Any) -> proposals.Proposal:
    """The defaults, put forward as a proposal, with ``changes``."""
    defaults = Terms()
    fields = {f.name: getattr(defaults, f.name) for f in dataclasses.fields(proposals.Proposal) if f.name != "words"}
    return dataclasses.replace(proposals.Proposal(**fields, words=""), **changes)


def agree(proposer: Person, acceptor: Person, **changes: Any) -> Agreement:
    """Put ``changes`` in force: ``proposer`` proposes them and ``acceptor`` accepts."""
    agreement = proposals.propose(proposer, proposal(**changes))
    return proposals.accept(acceptor, agreement.version)


def pass_time(brk: Break, n: float) -> Break:
    """Let ``n`` break-minutes go by: everything this break recorded moves that far into the past."""
    delta = minutes(1) * n
    moved = {"started_at", "returns_at", "ended_early_at", "closed_at", "due_announced_at", "overdue_announced_at"}
    Break.objects.filter(pk=brk.pk).update(**{name: F(name) - delta for name in moved})
    Taker.objects.filter(brk=brk).update(**{name: F(name) - delta for name in ("joined_at", "ready_at", "back_at")})
    Extension.objects.filter(brk=brk).update(created_at=F("created_at") - delta)
    ThinkingOfYou.objects.filter(brk=brk).update(sent_at=F("sent_at") - delta)
    Reconnection.objects.filter(brk=brk).update(started_at=F("started_at") - delta)
    CheckIn.objects.filter(reconnection__brk=brk).update(created_at=F("created_at") - delta)
    NextTry.objects.filter(reconnection__brk=brk).update(created_at=F("created_at") - delta)
    return Break.objects.get(pk=brk.pk)


def until_reconnecting(brk: Break) -> Break:
    """Let the whole break go by, and one minute more."""
    return pass_time(brk, brk.length_minutes() + 1)


class Inbox:
    """What reaches each person's open pages, read from the channel layer after the change committed."""

    def __init__(self) -> None:
        self.layer = get_channel_layer()
        self.channels: dict[int, str] = {}
        self.received: dict[int, list[dict[str, Any]]] = defaultdict(list)

    def listen(self, *people: Person) -> None:
        for person in people:
            channel = async_to_sync(self.layer.new_channel)()
            async_to_sync(self.layer.group_add)(group_for(person.pk), channel)
            self.channels[person.pk] = channel

    def of(self, person: Person) -> list[dict[str, Any]]:
        """Every event ``person`` received so far, oldest first."""
        self.received[person.pk].extend(async_to_sync(self._drain)(self.channels[person.pk]))
        return self.received[person.pk]

    def types(self, person: Person) -> list[str]:
        return [event["type"] for event in self.of(person)]

    def last(self, person: Person, type: str) -> dict[str, Any]:
        """The data of the latest ``type`` event ``person`` received."""
        matching = [event["data"] for event in self.of(person) if event["type"] == type]
        assert matching, (type, self.types(person))
        return matching[-1]

    async def _drain(self, channel: str) -> list[dict[str, Any]]:
        messages = []
        while True:
            try:
                message = await asyncio.wait_for(self.layer.receive(channel), timeout=0.01)
            except TimeoutError:
                return messages
            assert message["type"] == "event.deliver", message
            messages.append(message["event"])


@pytest.fixture
def events(settings, alex, sam, couple, robin) -> Inbox:
    """Alex's, Sam's and Robin's open pages.

    Events go out only once committed: read them after a step run through ``committed``.
    """
    # A layer of this test's own, whatever the environment configures: nothing leaks between runs.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    inbox = Inbox()
    inbox.listen(alex, sam, robin)
    return inbox


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a domain step and what it leaves for after the commit, as a request would."""

    def run(step, *args: Any, **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return step(*args, **kwargs)

    return run
