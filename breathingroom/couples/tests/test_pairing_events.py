"""Pairing as each partner hears it: "you are paired", "your couple has ended", and an account deleted.

These run in real transactions, so every foreign key is checked when the change commits, as it is
in production.
"""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.breaks.models import Break
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.conftest import make_couple
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple
from breathingroom.events.models import Connection, Cursor, Event
from breathingroom.events.publish import latest_seq
from breathingroom.events.tests.communicator import Socket
from breathingroom.events.tests.test_stream import browser_of, opened, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _in_memory_layer(settings):
    # Sockets here run in throwaway event loops, which a Redis layer's blocking read would outlive.
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def socket_of(person: Person) -> Socket:
    return Socket(browser_of(person))


join_async = sync_to_async(pairing.join)
leave_async = sync_to_async(pairing.leave)


def heard(person: Person) -> list[tuple[int, str, dict]]:
    return [(e.seq, e.type, e.data) for e in Event.objects.filter(recipient=person).order_by("seq")]


# --- Joining -----------------------------------------------------------------------------------


def test_joining_tells_both_partners_who_they_are_paired_with(alex, sam, jo):
    couple = pairing.join(sam, pairing.create_invitation(alex).code)
    joined = {"couple": str(couple.pk), "names": ["Alex", "Sam"]}
    assert heard(alex) == [(1, "couple.joined", joined)]
    assert heard(sam) == [(1, "couple.joined", joined)]
    assert heard(jo) == []


def test_both_open_pages_hear_the_pairing_as_it_happens(alex, sam):
    code = pairing.create_invitation(alex).code
    at_alex, at_sam = (socket_of(p) for p in (alex, sam))

    async def scenario():
        for ws in (at_alex, at_sam):
            await opened(ws)
        await join_async(sam, code)
        for ws in (at_alex, at_sam):
            event = await ws.receive_json()
            assert (event["id"], event["type"], event["data"]["names"]) == (1, "couple.joined", ["Alex", "Sam"])
            assert await ws.receive_nothing()
            await ws.disconnect()

    run(scenario)


@pytest.mark.parametrize("refusal", ["own code", "used code", "already paired"])
def test_a_refused_join_tells_no_one(alex, sam, jo, robin, refusal):
    invitation = pairing.create_invitation(alex)
    if refusal == "used code":
        pairing.join(jo, invitation.code)
    everyone = (alex, sam, jo, robin)
    before = [heard(p) for p in everyone]
    joiner = {"own code": alex, "used code": sam, "already paired": robin}[refusal]
    with pytest.raises(pairing.PairingError):
        pairing.join(joiner, invitation.code)
    assert [heard(p) for p in everyone] == before


def test_the_numbers_go_on_from_an_earlier_couple(alex, sam, jo):
    make_couple(alex, sam)
    pairing.leave(alex)
    make_couple(jo, sam)
    assert [(n, t) for n, t, _ in heard(sam)] == [(1, "couple.joined"), (2, "couple.left"), (3, "couple.joined")]
    assert heard(sam)[2][2]["names"] == ["Jo", "Sam"]


# --- Leaving -----------------------------------------------------------------------------------


def test_leaving_tells_both_partners_who_ended_it(alex, sam, robin):
    couple = make_couple(alex, sam)
    pairing.leave(sam)
    left = {"couple": str(couple.pk), "by": "Sam"}
    assert heard(alex)[-1] == (2, "couple.left", left)
    assert heard(sam)[-1] == (2, "couple.left", left)
    assert [t for _, t, _ in heard(robin)] == ["couple.joined"]


def test_leaving_with_no_couple_tells_no_one(jo):
    with pytest.raises(pairing.NotPaired):
        pairing.leave(jo)
    assert heard(jo) == []


def test_the_partners_open_page_hears_the_couple_end(alex, sam):
    make_couple(alex, sam)
    ws = socket_of(sam)

    async def scenario():
        await opened(ws)
        await leave_async(alex)
        event = await ws.receive_json()
        assert (event["id"], event["type"], event["data"]["by"]) == (2, "couple.left", "Alex")
        await ws.disconnect()

    run(scenario)


# --- Deleting an account -----------------------------------------------------------------------


def test_deleting_an_account_ends_the_couple_and_tells_only_the_partner(alex, sam):
    couple = make_couple(alex, sam)
    alex_pk = alex.pk
    alex.delete()

    assert heard(sam)[-1] == (2, "couple.left", {"couple": str(couple.pk), "by": "Alex"})
    assert not Event.objects.filter(recipient_id=alex_pk).exists()
    assert not Cursor.objects.filter(person_id=alex_pk).exists()
    assert Couple.objects.current_for(sam) is None
    ended = Couple.objects.get(pk=couple.pk)
    assert ended.ended_at is not None
    assert ended.ended_by is None  # the account is gone; the end stays


def test_deleting_an_account_during_a_break_closes_it_and_tells_the_partner(alex, sam):
    make_couple(alex, sam)
    brk = space.take_space(alex, 30, REASSURANCE)
    space.take_space(sam, 30, "Me too")
    alex.delete()

    assert Break.objects.get(pk=brk.pk).closed_at is not None
    assert [t for _, t, _ in heard(sam)][-1] == "couple.left"
    assert latest_seq(sam.pk) == len(heard(sam))


def test_deleting_an_account_with_a_page_open_removes_its_connection(alex, sam):
    make_couple(alex, sam)
    now = timezone.now()
    Connection.objects.create(channel_name="alex!1", person=alex, opened_at=now, seen_at=now)
    alex.delete()
    assert not Connection.objects.exists()


def test_deleting_someone_with_no_partner_tells_no_one(alex, sam, jo):
    make_couple(alex, sam)
    before = Event.objects.count()
    jo.delete()
    assert Event.objects.count() == before


def test_deleting_accounts_in_bulk_tells_each_partner(alex, sam, robin):
    make_couple(alex, sam)
    casey = Person.objects.get(email="casey@example.com")
    Person.objects.filter(pk__in=[alex.pk, robin.pk]).delete()
    assert [(t, data["by"]) for _, t, data in heard(sam)[1:]] == [("couple.left", "Alex")]
    assert [(t, data["by"]) for _, t, data in heard(casey)[1:]] == [("couple.left", "Robin")]
    assert Event.objects.filter(recipient__in=[sam, casey]).count() == Event.objects.count()


def test_deleting_both_partners_at_once_leaves_nothing_behind(alex, sam):
    make_couple(alex, sam)
    Person.objects.filter(pk__in=[alex.pk, sam.pk]).delete()
    assert not Event.objects.exists()
    assert not Cursor.objects.exists()


def test_the_partner_of_a_deleted_account_can_pair_again(alex, sam, jo):
    make_couple(alex, sam)
    alex.delete()
    make_couple(jo, sam)
    assert [t for _, t, _ in heard(sam)] == ["couple.joined", "couple.left", "couple.joined"]
