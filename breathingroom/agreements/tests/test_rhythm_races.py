"""A rhythm time raced for: by two workers at once, and by a skip against the worker. Each is said once."""

from __future__ import annotations

import pytest

from breathingroom.agreements import rhythm_times
from breathingroom.agreements.rhythm_times import remind
from breathingroom.agreements.tests.test_rhythm import just_passed, past_moment
from breathingroom.breaks.tests.conftest import agree
from breathingroom.conftest import at_once, make_couple, make_person
from breathingroom.events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def test_two_workers_at_once_remind_once_and_queue_the_next_once():
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    args = (agreement.pk, moment.key, moment.at.isoformat())

    outcomes = at_once(lambda: remind.call(*args), lambda: rhythm_times.catch_up())
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sum(int(o) for o in outcomes) == 1  # one said it, the other found it said
    assert Event.objects.filter(type="rhythm.due").count() == 2  # one each
    assert agreement.occurrences.filter(passed_at__isnull=True).count() == 1  # the next, once


def test_a_skip_racing_the_reminder_either_comes_first_or_is_told_after_and_never_lost():
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)

    reminded, skipped = at_once(
        lambda: remind.call(agreement.pk, moment.key, moment.at.isoformat()),
        lambda: rhythm_times.skip(sam, moment.key),
    )
    assert not isinstance(reminded, Exception), reminded
    assert not isinstance(skipped, Exception), skipped
    assert skipped.skipped_by_me
    assert skipped.at == moment.at
    # Whichever took the row first, the moment ends skipped and Alex is told of it once.
    assert Event.objects.filter(recipient=alex, type="rhythm.skipped").count() == 1
    assert Event.objects.filter(type="rhythm.due").count() == (2 if reminded else 0)
