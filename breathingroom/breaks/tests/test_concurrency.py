"""Two presses at the same moment, each on its own database connection, as two phones make them."""

from __future__ import annotations

import pytest

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Contact, Reconnect
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import Break, CheckIn, Extension, Reconnection, Step, Taker, ThinkingOfYou
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, until_reconnecting
from breathingroom.conftest import at_once, make_couple, make_person

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_channel_layer(settings):
    # Events still go out after each commit, to a layer no other test run shares.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def _couple() -> tuple[Person, Person]:
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    return alex, sam


def test_one_person_pressing_twice_at_once_starts_one_break():
    alex, _sam = _couple()
    outcomes = at_once(
        lambda: space.take_space(alex, 30, REASSURANCE),
        lambda: space.take_space(alex, 30, REASSURANCE),
    )
    assert all(isinstance(o, Break) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert Break.objects.count() == 1
    assert Taker.objects.filter(person=alex).count() == 1


def test_one_request_sent_twice_at_once_starts_one_break():
    alex, _sam = _couple()
    outcomes = at_once(
        lambda: space.take_space(alex, 30, REASSURANCE, idempotency_key="req-7"),
        lambda: space.take_space(alex, 30, REASSURANCE, idempotency_key="req-7"),
    )
    assert all(isinstance(o, Break) for o in outcomes), outcomes
    assert {o.pk for o in outcomes} == {Break.objects.get().pk}
    assert Taker.objects.count() == 1


@pytest.mark.parametrize("attempt", range(2))
def test_both_partners_pressing_at_once_share_one_break(attempt):
    alex, sam = _couple()
    outcomes = at_once(
        lambda: space.take_space(alex, 30, REASSURANCE),
        lambda: space.take_space(sam, 60, "I need time too"),
    )
    assert all(isinstance(o, Break) for o in outcomes), outcomes
    brk = Break.objects.get()
    assert {o.pk for o in outcomes} == {brk.pk}
    assert {t.person for t in brk.takers.all()} == {alex, sam}
    # Whichever press came first started it; the later of the two times to come back holds.
    first = brk.taker_list[0]
    assert (brk.started_by, brk.started_at) == (first.person, first.joined_at)
    assert brk.returns_at == max(t.joined_at + space.minutes(t.minutes) for t in brk.takers.all())


@pytest.mark.parametrize("who", ["the same partner twice", "both partners"])
def test_two_extensions_at_once_with_one_allowed_exactly_one_counts(who):
    alex, sam = _couple()
    brk = space.take_space(alex, 30, REASSURANCE)
    second = alex
    if who == "both partners":
        space.take_space(sam, 30, "Me too")
        second = sam
    before = Break.objects.get(pk=brk.pk).returns_at

    outcomes = at_once(
        lambda: space.extend(alex, brk.pk, 15, "A little longer"),
        lambda: space.extend(second, brk.pk, 20, "A little longer, please"),
    )

    extended = [o for o in outcomes if isinstance(o, Break)]
    refused = [o for o in outcomes if isinstance(o, space.NoMoreExtensions)]
    assert (len(extended), len(refused)) == (1, 1), outcomes
    after = Break.objects.get(pk=brk.pk)
    assert after.extensions_used == 1
    [extension] = Extension.objects.all()
    assert after.returns_at == before + space.minutes(extension.minutes)


def test_two_thinking_of_yous_at_once_with_one_allowed_make_one():
    alex, sam = _couple()
    agree(alex, sam, contact=Contact.ONCE)
    brk = space.take_space(alex, 30, REASSURANCE)

    outcomes = at_once(
        lambda: space.send_thinking_of_you(sam, brk.pk),
        lambda: space.send_thinking_of_you(sam, brk.pk),
    )

    assert sum(isinstance(o, ThinkingOfYou) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, space.ContactNotAllowed) for o in outcomes) == 1, outcomes
    assert ThinkingOfYou.objects.count() == 1


def test_both_ready_at_once_ends_the_break_once():
    alex, sam = _couple()
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")

    outcomes = at_once(lambda: space.ready_to_talk(alex, brk.pk), lambda: space.ready_to_talk(sam, brk.pk))

    assert all(isinstance(o, Break) for o in outcomes), outcomes
    ended = Break.objects.get(pk=brk.pk)
    assert ended.ended_early_at is not None
    assert all(t.ready_at is not None for t in ended.takers.all())


def test_yes_pressed_twice_at_once_moves_the_ritual_one_turn():
    alex, sam = _couple()
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    reconnecting.check_in(alex, brk.pk, 3)
    reconnecting.check_in(sam, brk.pk, 5)
    reconnecting.said_back(alex, brk.pk, Step.FIRST_TURN)

    outcomes = at_once(
        lambda: reconnecting.heard(sam, brk.pk, Step.FIRST_TURN, True),
        lambda: reconnecting.heard(sam, brk.pk, Step.FIRST_TURN, True),
    )

    assert all(isinstance(o, Reconnection) for o in outcomes), outcomes
    assert Reconnection.objects.get().step == Step.SECOND_TURN


def test_both_pressing_next_at_once_moves_the_ritual_one_step():
    # A turn now ends by its own confirmations; "next" still moves a couple's own way of talking on.
    alex, sam = _couple()
    agree(alex, sam, reconnect=Reconnect.OWN, own_way="A walk around the block")
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    reconnecting.check_in(alex, brk.pk, 3)
    reconnecting.check_in(sam, brk.pk, 5)

    outcomes = at_once(
        lambda: reconnecting.move_on(alex, brk.pk, Step.OWN_WAY),
        lambda: reconnecting.move_on(sam, brk.pk, Step.OWN_WAY),
    )

    assert all(isinstance(o, Reconnection) for o in outcomes), outcomes
    assert Reconnection.objects.get().step == Step.TRY


def test_both_checking_in_at_once_start_the_turns():
    alex, sam = _couple()
    brk = until_reconnecting(space.take_space(alex, 30, REASSURANCE))

    outcomes = at_once(lambda: reconnecting.check_in(alex, brk.pk, 3), lambda: reconnecting.check_in(sam, brk.pk, 5))

    assert all(isinstance(o, CheckIn) for o in outcomes), outcomes
    reconnection = Reconnection.objects.get()
    assert reconnection.check_ins.count() == 2
    assert reconnection.step == Step.FIRST_TURN
