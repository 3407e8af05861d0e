from __future__ import annotations

import unicodedata

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.agreements import proposals
from breathingroom.agreements.proposals import terms_for
from breathingroom.breaks import space
from breathingroom.breaks.models import IDEMPOTENCY_KEY_LASTS, Break, Phase, Taker, minutes
from breathingroom.breaks.tests.conftest import REASSURANCE, agree, pass_time, proposal, until_reconnecting
from breathingroom.conftest import make_couple, make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired

db_examples = hsettings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def test_taking_space_starts_a_break_with_the_reassurance_and_a_time_to_come_back(alex, sam, couple):
    before = timezone.now()
    brk = space.take_space(alex, 30, REASSURANCE)
    after = timezone.now()

    brk = Break.objects.get(pk=brk.pk)
    assert brk.couple == couple
    assert brk.started_by == alex
    assert before <= brk.started_at <= after
    assert brk.returns_at - brk.started_at == minutes(30)
    assert brk.phase() == Phase.ON_BREAK
    assert brk.extensions_used == 0
    assert brk.closed_at is None
    assert brk.agreement_version is None
    [taker] = brk.takers.all()
    assert (taker.person, taker.reassurance, taker.minutes) == (alex, REASSURANCE, 30)
    assert taker.ready_at is None
    assert brk.taker(sam) is None


def test_a_break_remembers_the_agreement_it_was_taken_under(alex, sam, couple):
    agree(alex, sam, shortest=10)
    agree(sam, alex, shortest=15)
    assert space.take_space(alex, 15, REASSURANCE).agreement_version == 2


def test_the_partner_hears_the_reassurance_and_the_outsider_hears_nothing(alex, sam, robin, events, committed):
    brk = committed(space.take_space, alex, 30, REASSURANCE)

    assert events.types(sam) == ["break.started"]
    told = events.last(sam, "break.started")
    assert told["break"] == str(brk.id)
    assert told["takers"] == [{"name": "Alex", "reassurance": REASSURANCE, "ready": False}]
    assert told["returns_at"] == brk.returns_at.isoformat()
    assert events.types(alex) == ["break.started"]
    assert events.of(robin) == []


def test_nothing_is_told_before_the_break_is_committed(alex, sam, events):
    with transaction.atomic():
        space.take_space(alex, 30, REASSURANCE)
        transaction.set_rollback(True)
    assert events.of(sam) == []
    assert not Break.objects.exists()


def test_a_refused_break_tells_no_one(alex, sam, events, committed):
    with pytest.raises(space.BadLength):
        committed(space.take_space, alex, 5, REASSURANCE)
    assert events.of(sam) == []
    assert events.of(alex) == []


# --- The reassurance --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_a_reassurance_is_required(alex, couple, text):
    with pytest.raises(space.BadReassurance, match="Leave a few words"):
        space.take_space(alex, 30, text)
    assert not Break.objects.exists()


def test_a_reassurance_is_at_most_280_characters(alex, couple):
    with pytest.raises(space.BadReassurance, match="280 characters"):
        space.take_space(alex, 30, "x" * 281)
    assert not Break.objects.exists()
    assert space.take_space(alex, 30, "x" * 280).takers.get().reassurance == "x" * 280


def test_the_length_limit_is_on_the_words_not_the_spaces_around_them(alex, couple):
    brk = space.take_space(alex, 30, "  " + "x" * 280 + "\n")
    assert brk.takers.get().reassurance == "x" * 280


def test_a_reassurance_is_kept_exactly_as_written_never_as_markup(alex, couple):
    brk = space.take_space(alex, 30, "  <b>hi</b> & <script>alert(1)</script>  ")
    assert Taker.objects.get(brk=brk).reassurance == "<b>hi</b> & <script>alert(1)</script>"


# Any text at all, NUL, invisible and direction-changing characters included.
reassurances = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@db_examples
@given(text=reassurances)
def test_any_reassurance_is_either_kept_tidied_or_refused_with_a_reason(alex, couple, text):
    tidied = writing.tidy(text)
    with transaction.atomic():
        if not writing.looks_blank(tidied) and len(tidied) <= 280:
            kept = space.take_space(alex, 30, text).takers.get().reassurance
            assert kept == tidied
            assert "\x00" not in kept
            assert not writing.BIDI_CONTROLS & set(kept)
        else:
            with pytest.raises(space.BadReassurance, match=r"\w"):
                space.take_space(alex, 30, text)
        transaction.set_rollback(True)


def test_a_nul_character_is_dropped_rather_than_failing_to_be_stored(alex, couple):
    assert space.take_space(alex, 30, "back\x00 soon").takers.get().reassurance == "back soon"


@pytest.mark.parametrize(
    "text",
    ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u202e\u202d\u2066", " \u3164\u2800 \u00a0\n\t", "\u0301\u0302"],
)
def test_a_reassurance_that_only_looks_written_is_refused_like_a_blank_one(alex, couple, text):
    with pytest.raises(space.BadReassurance, match="Leave a few words"):
        space.take_space(alex, 30, text)
    assert not Break.objects.exists()


def test_direction_overrides_are_dropped_so_words_read_as_they_were_written(alex, couple):
    # U+202E would show "I'll be back at 8" as "8 ta kcab eb ll'I" to the partner.
    kept = space.take_space(alex, 30, "\u202eI'll be back at 8\u202c").takers.get().reassurance
    assert kept == "I'll be back at 8"


def test_words_in_any_script_keep_their_joiners_and_marks(alex, couple):
    for words in ("नमस्ते, मैं लौटूँगी", "خواهم برگشت\u200c", "👩\u200d❤️\u200d👨 back soon", "Cafe\u0301"):
        with transaction.atomic():
            kept = space.take_space(alex, 30, words).takers.get().reassurance
            assert kept == unicodedata.normalize("NFC", words).rstrip("\u200c")
            transaction.set_rollback(True)


# --- The length -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [19, 1441, 0, -30])
def test_lengths_outside_the_defaults_are_refused_with_the_range(alex, couple, n):
    with pytest.raises(space.BadLength) as refused:
        space.take_space(alex, n, REASSURANCE)
    assert "from 20 minutes to 24 hours" in str(refused.value.message)
    assert not Break.objects.exists()


@pytest.mark.parametrize("n", [20, 1440])
def test_the_default_range_includes_its_ends(alex, couple, n):
    assert space.take_space(alex, n, REASSURANCE).length_minutes() == n


def test_the_agreement_in_force_sets_the_range(alex, sam, couple):
    agree(sam, alex, shortest=10, longest=60, presets=(10, 30, 60))
    with pytest.raises(space.BadLength, match="from 10 minutes to 1 hour"):
        space.take_space(alex, 61, REASSURANCE)
    assert space.take_space(alex, 10, REASSURANCE).length_minutes() == 10


def test_a_pending_proposal_does_not_change_the_range(alex, sam, couple):
    proposals.propose(sam, proposal(shortest=10, longest=60, presets=(10,)))
    with pytest.raises(space.BadLength, match="from 20 minutes to 24 hours"):
        space.take_space(alex, 10, REASSURANCE)


@db_examples
@given(n=st.integers(min_value=-5, max_value=3000))
def test_any_length_is_taken_exactly_when_the_agreement_allows_it(alex, couple, n):
    with transaction.atomic():
        if 20 <= n <= 1440:
            brk = space.take_space(alex, n, REASSURANCE)
            assert brk.returns_at - brk.started_at == minutes(n)
        else:
            with pytest.raises(space.BadLength):
                space.take_space(alex, n, REASSURANCE)
        transaction.set_rollback(True)


# --- Pressing twice, and taking space too ------------------------------------------------------


def test_a_double_press_is_one_break(alex, couple):
    first = space.take_space(alex, 30, REASSURANCE)
    second = space.take_space(alex, 45, "Something else")
    assert second.pk == first.pk
    assert Break.objects.count() == 1
    [taker] = Taker.objects.all()
    assert (taker.minutes, taker.reassurance) == (30, REASSURANCE)
    assert Break.objects.get().returns_at == first.returns_at


def test_a_repeated_request_answers_with_its_break_even_after_that_break_closed(alex, couple):
    first = space.take_space(alex, 30, REASSURANCE, idempotency_key="req-1")
    until_reconnecting(first)
    newer = space.take_space(alex, 20, REASSURANCE)
    assert newer.pk != first.pk

    again = space.take_space(alex, 30, REASSURANCE, idempotency_key="req-1")
    assert again.pk == first.pk
    assert Break.objects.get(pk=first.pk).closed_at is not None
    assert Break.objects.count() == 2
    assert Break.objects.open().get().pk == newer.pk


def test_an_idempotency_key_replayed_after_pairing_again_never_answers_with_the_old_couples_break(alex, sam, couple):
    old = space.take_space(alex, 30, "Words only Sam should ever read", idempotency_key="press-1")
    pairing.leave(alex)
    jo = make_person("Jo")
    make_couple(alex, jo)

    again = space.take_space(alex, 30, REASSURANCE, idempotency_key="press-1")

    assert again.pk != old.pk
    assert set(again.couple.partners) == {alex, jo}
    assert [t.reassurance for t in again.takers.all()] == [REASSURANCE]
    # And the key now names the new press: a second replay is the new break, not a third.
    assert space.take_space(alex, 45, "Other words", idempotency_key="press-1").pk == again.pk


def test_an_idempotency_key_answers_for_a_day_and_then_starts_afresh(alex, couple):
    first = space.take_space(alex, 30, REASSURANCE, idempotency_key="press-2")
    Taker.objects.filter(brk=first).update(joined_at=timezone.now() - IDEMPOTENCY_KEY_LASTS + minutes(5))
    assert space.take_space(alex, 30, REASSURANCE, idempotency_key="press-2").pk == first.pk

    Taker.objects.filter(brk=first).update(joined_at=timezone.now() - IDEMPOTENCY_KEY_LASTS - minutes(1))
    until_reconnecting(first)
    later = space.take_space(alex, 30, REASSURANCE, idempotency_key="press-2")
    assert later.pk != first.pk


def test_housekeeping_forgets_keys_past_their_day(alex, couple):
    brk = space.take_space(alex, 30, REASSURANCE, idempotency_key="press-3")
    assert space.forget_old_idempotency_keys() == 0
    Taker.objects.filter(brk=brk).update(joined_at=timezone.now() - IDEMPOTENCY_KEY_LASTS - minutes(1))
    assert space.forget_old_idempotency_keys() == 1
    assert Taker.objects.get(brk=brk).idempotency_key == ""


def test_an_idempotency_key_is_each_persons_own(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE, idempotency_key="same")
    joined = space.take_space(sam, 30, "Me too", idempotency_key="same")
    assert joined.pk == brk.pk
    assert {t.person for t in joined.takers.all()} == {alex, sam}


def test_the_partner_taking_space_too_joins_the_same_break_and_the_later_time_wins(alex, sam, couple):
    brk = space.take_space(alex, 30, REASSURANCE)
    pass_time(brk, 5)
    joined = space.take_space(sam, 60, "I need a while too")

    assert joined.pk == brk.pk
    assert Break.objects.count() == 1
    assert [t.person for t in joined.taker_list] == [alex, sam]
    sams = joined.taker(sam)
    assert sams is not None
    assert (sams.reassurance, sams.minutes) == ("I need a while too", 60)
    assert joined.returns_at - sams.joined_at == minutes(60)
    assert joined.started_by == alex


def test_taking_space_too_for_less_time_keeps_the_later_time(alex, sam, couple):
    brk = space.take_space(alex, 60, REASSURANCE)
    joined = space.take_space(sam, 20, "Me too")
    assert joined.returns_at == brk.returns_at
    assert joined.takers.count() == 2


def test_both_hear_who_took_space_too(alex, sam, robin, events, committed):
    committed(space.take_space, alex, 30, REASSURANCE)
    committed(space.take_space, sam, 45, "Me too")
    told = events.last(alex, "break.started")
    assert told["joined"] == "Sam"
    assert [t["name"] for t in told["takers"]] == ["Alex", "Sam"]
    assert events.last(sam, "break.started") == told
    assert events.of(robin) == []


@pytest.mark.parametrize("who", ["alex", "sam"])
def test_once_the_time_has_passed_a_new_need_for_space_opens_a_new_break(alex, sam, couple, who):
    old = until_reconnecting(space.take_space(alex, 30, REASSURANCE))
    assert old.phase() == Phase.RECONNECTING

    person = {"alex": alex, "sam": sam}[who]
    new = space.take_space(person, 20, "Again")

    assert new.pk != old.pk
    assert new.started_by == person
    assert [t.person for t in new.takers.all()] == [person]
    assert Break.objects.get(pk=old.pk).phase() == Phase.CLOSED
    assert Break.objects.open().count() == 1


def test_a_break_ended_early_is_replaced_too(alex, couple):
    old = space.take_space(alex, 30, REASSURANCE)
    space.ready_to_talk(alex, old.pk)
    new = space.take_space(alex, 30, REASSURANCE)
    assert new.pk != old.pk
    assert Break.objects.open().get().pk == new.pk


def test_someone_without_a_partner_cannot_take_space(jo):
    with pytest.raises(NotPaired):
        space.take_space(jo, 30, REASSURANCE)
    assert not Break.objects.exists()


def test_a_break_belongs_to_the_couple_only(alex, couple, robin):
    space.take_space(alex, 30, REASSURANCE)
    robins = space.take_space(robin, 30, "Back soon")
    assert robins.couple != couple
    assert [t.person for t in robins.takers.all()] == [robin]
    assert Break.objects.open().count() == 2


# --- What the reassurance starts as --------------------------------------------------------------


def test_without_an_agreement_the_reassurance_starts_as_the_gentle_default(alex, sam, couple):
    text = space.reassurance_for(alex, sam, terms_for(couple))
    assert text == space.default_reassurance()
    assert "not leaving" in text


def test_the_reassurance_starts_as_the_words_the_partner_asked_to_hear(alex, sam, couple):
    agreement = proposals.propose(alex, proposal(words="I'll be back"))
    proposals.accept(sam, agreement.version, words="Tell me you still love me")
    terms = terms_for(couple)
    assert space.reassurance_for(alex, sam, terms) == "Tell me you still love me"
    assert space.reassurance_for(sam, alex, terms) == "I'll be back"


def test_words_only_proposed_are_not_used_yet(alex, sam, couple):
    proposals.propose(sam, proposal(words="Say you'll return"))
    assert space.reassurance_for(alex, sam, terms_for(couple)) == space.default_reassurance()


def test_a_partner_who_asked_for_no_words_gets_the_default(alex, sam, couple):
    agree(alex, sam)
    assert space.reassurance_for(alex, sam, terms_for(couple)) == space.default_reassurance()
    assert space.reassurance_for(alex, None, terms_for(couple)) == space.default_reassurance()


def test_taking_space_too_stays_within_the_longest_break(alex, sam, couple):
    brk = space.take_space(alex, 24 * 60, REASSURANCE)
    Break.objects.filter(pk=brk.pk).update(started_at=brk.started_at - minutes(10 * 60))
    with pytest.raises(space.BadLength, match="at most 24 hours") as refused:
        space.take_space(sam, 24 * 60, "Me too")
    assert "up to 13 hours 59 minutes" in str(refused.value.message) or "up to 14 hours" in str(refused.value.message)
    joined = space.take_space(sam, 60, "Me too, for an hour")
    assert {t.person_id for t in joined.takers.all()} == {alex.pk, sam.pk}
