from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from breathingroom.agreements.models import Contact
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import space
from breathingroom.breaks.models import Break, ThinkingOfYou, minutes
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, pass_time, until_reconnecting


@pytest.fixture
def brk(alex, couple) -> Break:
    return space.take_space(alex, 120, REASSURANCE)


def allowed(person, brk, now=None) -> str | None:
    brk = Break.objects.get(pk=brk.pk)
    return space.thinking_of_you_allowed(person, brk, terms_for(brk.couple), now)


def test_the_waiting_partner_may_send_one_thinking_of_you(sam, brk):
    assert allowed(sam, brk) is None
    thought = space.send_thinking_of_you(sam, brk.pk)
    assert (thought.brk_id, thought.sender) == (brk.pk, sam)
    assert ThinkingOfYou.objects.count() == 1


def test_it_reaches_the_partner_on_the_break_and_nothing_comes_back(alex, sam, robin, events, committed):
    brk = committed(space.take_space, alex, 120, REASSURANCE)
    before = {p.pk: len(events.of(p)) for p in (alex, sam)}

    thought = committed(space.send_thinking_of_you, sam, brk.pk)

    [received] = events.of(alex)[before[alex.pk] :]
    assert received["type"] == "break.thinking_of_you"
    assert received["data"] == {"break": str(brk.id), "from": "Sam", "sent_at": thought.sent_at.isoformat()}
    # No receipt, no "seen": the sender hears nothing at all.
    assert events.of(sam)[before[sam.pk] :] == []
    assert events.of(robin) == []


def test_nothing_records_whether_it_was_read():
    names = {field.name for field in ThinkingOfYou._meta.get_fields()}
    assert names == {"id", "brk", "sender", "sent_at"}


def test_both_partners_on_the_break_hear_it_from_no_one(alex, sam, couple):
    brk = space.take_space(alex, 60, REASSURANCE)
    space.take_space(sam, 60, "Me too")
    for person in (alex, sam):
        with pytest.raises(space.TakerCannotSend, match="the one taking space"):
            space.send_thinking_of_you(person, brk.pk)
    assert not ThinkingOfYou.objects.exists()


def test_the_partner_on_the_break_cannot_send_one(alex, brk):
    assert "the one taking space" in allowed(alex, brk)
    with pytest.raises(space.TakerCannotSend):
        space.send_thinking_of_you(alex, brk.pk)


def test_an_agreement_for_quiet_allows_none(alex, sam, couple):
    agree(alex, sam, contact=Contact.NOTHING)
    brk = space.take_space(alex, 60, REASSURANCE)
    assert "no messages during a break" in allowed(sam, brk)
    with pytest.raises(space.ContactNotAllowed, match="no messages during a break"):
        space.send_thinking_of_you(sam, brk.pk)
    assert not ThinkingOfYou.objects.exists()


def test_once_means_one_per_break_however_long_one_waits(sam, brk):
    space.send_thinking_of_you(sam, brk.pk)
    assert allowed(sam, brk) is not None
    with pytest.raises(space.ContactNotAllowed) as refused:
        space.send_thinking_of_you(sam, brk.pk)
    assert refused.value.status == 429
    # Nothing that reads like a receipt: whether it arrived or was seen is the partner's own business.
    assert not re.search(r"\b(arrived|read|seen|delivered|opened)\b", str(refused.value.message), re.IGNORECASE)
    pass_time(brk, 100)
    with pytest.raises(space.ContactNotAllowed):
        space.send_thinking_of_you(sam, brk.pk)
    assert ThinkingOfYou.objects.count() == 1


def test_once_is_counted_per_break(alex, sam, brk):
    space.send_thinking_of_you(sam, brk.pk)
    until_reconnecting(brk)
    newer = space.take_space(alex, 30, REASSURANCE)
    space.send_thinking_of_you(sam, newer.pk)
    assert ThinkingOfYou.objects.filter(brk=newer).count() == 1


@pytest.fixture
def every_15(alex, sam, couple) -> Break:
    agree(alex, sam, contact=Contact.EVERY, contact_every=15)
    return space.take_space(alex, 120, REASSURANCE)


def test_every_n_minutes_means_not_again_until_n_minutes_after_the_last(sam, every_15):
    brk = every_15
    first = space.send_thinking_of_you(sam, brk.pk)
    assert allowed(sam, brk, first.sent_at + minutes(15) - minutes(1) / 60) is not None
    assert allowed(sam, brk, first.sent_at + minutes(15)) is None
    with pytest.raises(space.ContactNotAllowed):
        space.send_thinking_of_you(sam, brk.pk)

    pass_time(brk, 14)
    with pytest.raises(space.ContactNotAllowed):
        space.send_thinking_of_you(sam, brk.pk)
    pass_time(brk, 1)
    space.send_thinking_of_you(sam, brk.pk)
    assert ThinkingOfYou.objects.count() == 2
    # The wait starts again from the newest one.
    with pytest.raises(space.ContactNotAllowed):
        space.send_thinking_of_you(sam, brk.pk)


@pytest.mark.parametrize("active", [None, "America/New_York", "Australia/Brisbane"])
def test_the_refusal_says_when_the_next_one_can_go_in_the_senders_own_time(sam, every_15, active):
    first = space.send_thinking_of_you(sam, every_15.pk)
    next_at = (first.sent_at + minutes(15)).astimezone(sam.zone).strftime("%H:%M")
    # Whatever zone the caller left active: a page, an API client, a worker.
    with timezone.override(ZoneInfo(active) if active else None), pytest.raises(space.ContactNotAllowed) as refused:
        space.send_thinking_of_you(sam, every_15.pk)
    assert "every 15 minutes" in str(refused.value.message)
    assert f"can go at {next_at}" in str(refused.value.message)


def test_nothing_can_be_sent_once_the_break_is_over(alex, sam, brk):
    space.ready_to_talk(alex, brk.pk)
    assert "already over" in allowed(sam, brk)
    with pytest.raises(space.BreakOver):
        space.send_thinking_of_you(sam, brk.pk)
    assert not ThinkingOfYou.objects.exists()


def test_nothing_can_be_sent_after_the_time_has_passed(sam, brk):
    until_reconnecting(brk)
    with pytest.raises(space.BreakOver):
        space.send_thinking_of_you(sam, brk.pk)
