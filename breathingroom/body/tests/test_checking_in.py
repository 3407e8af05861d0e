"""The rules of a body check-in hold in the domain itself, whoever calls it: page, API or ritual."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.body import checking_in
from breathingroom.body.checking_in import NoSuchCheckIn, NotKept, Place
from breathingroom.body.describe import describe, flooded_hint
from breathingroom.body.models import CheckIn, Spot
from breathingroom.refusals import Refused

CHEST = Place("chest", "tight", 7)

db_examples = hsettings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_a_check_in_keeps_every_place_and_the_words_tidied(alex):
    kept = checking_in.record(
        alex,
        [Place("stomach", "hollow", 4), CHEST],
        feelings=["lonely", "anxious", "lonely"],
        need="reassurance",
        heart_rate=88,
        own_feeling="  left out\u200b ",
        note="Jaw clenched\r\nsince dinner\u202e",
    )
    again = CheckIn.objects.get()
    assert again == kept
    assert [(s.region, s.sensation, s.intensity) for s in again.places] == [
        ("chest", "tight", 7),
        ("stomach", "hollow", 4),
    ]
    # Each feeling once, in the list's own order; words as they read.
    assert again.feelings == ["anxious", "lonely"]
    assert (again.need, again.heart_rate) == ("reassurance", 88)
    assert (again.own_feeling, again.note) == ("left out", "Jaw clenched\nsince dinner")
    assert (again.feeling_names, again.need_name, again.strongest) == (["Anxious", "Lonely"], "Reassurance", 7)
    assert again.shared_in is None


@pytest.mark.parametrize(
    ("places", "fields", "message"),
    [
        ([], {}, "Choose at least one place in your body"),
        ([Place("elbow", "tight", 3)], {}, "Choose places from the map or the list."),
        ([Place("", "tight", 3)], {}, "Choose places from the map or the list."),
        ([CHEST, Place("chest", "hot", 2)], {}, "Each place once, please"),
        ([Place("chest", "sad", 3)], {}, "Choose one of the sensations in the list."),
        ([Place("chest", "tight", -1)], {}, "Choose how strong it is, from 0 to 10."),
        ([Place("chest", "tight", 11)], {}, "Choose how strong it is, from 0 to 10."),
        ([Place("chest", "tight", True)], {}, "Choose how strong it is, from 0 to 10."),
        ([Place("chest", "tight", 5.5)], {}, "Choose how strong it is, from 0 to 10."),  # type: ignore[arg-type]
        ([Place("chest", "tight", "5")], {}, "Choose how strong it is, from 0 to 10."),  # type: ignore[arg-type]
        ([CHEST], {"feelings": ["melancholic"]}, "Choose feelings from the list"),
        ([CHEST], {"need": "world_peace"}, "Choose a need from the list"),
        ([CHEST], {"heart_rate": 29}, "A heart rate here is between 30 and 220 beats a minute."),
        ([CHEST], {"heart_rate": 221}, "A heart rate here is between 30 and 220 beats a minute."),
        ([CHEST], {"heart_rate": 84.5}, "A heart rate here is between 30 and 220 beats a minute."),
        ([CHEST], {"heart_rate": False}, "A heart rate here is between 30 and 220 beats a minute."),
        ([CHEST], {"own_feeling": "x" * 61}, "A word or two is enough: up to 60 characters."),
        ([CHEST], {"note": "x" * 501}, "Keep this note under 500 characters."),
        ([CHEST], {"once": "k" * 101}, "That key is too long to remember."),
    ],
)
def test_a_check_in_outside_the_rules_is_refused_and_nothing_is_kept(alex, places, fields, message):
    with pytest.raises(NotKept) as refused:
        checking_in.record(alex, places, **fields)
    assert message in str(refused.value)
    assert refused.value.status == 400
    assert not CheckIn.objects.exists()
    assert not Spot.objects.exists()


@db_examples
@given(
    intensities=st.lists(st.integers(min_value=-5, max_value=15), min_size=1, max_size=4),
    rate=st.none() | st.integers(min_value=0, max_value=400),
)
def test_only_strengths_from_0_to_10_and_plausible_heart_rates_are_kept(alex, intensities, rate):
    places = [
        Place(region, "tight", n) for region, n in zip(["head", "jaw", "chest", "legs"], intensities, strict=False)
    ]
    fits = all(0 <= n <= 10 for n in intensities) and (rate is None or 30 <= rate <= 220)
    before = CheckIn.objects.count()
    if fits:
        kept = checking_in.record(alex, places, heart_rate=rate)
        assert sorted(s.intensity for s in kept.spots.all()) == sorted(intensities)
        assert kept.strongest == max(intensities)
        assert kept.heart_rate == rate
    else:
        with pytest.raises(NotKept):
            checking_in.record(alex, places, heart_rate=rate)
        assert CheckIn.objects.count() == before


@db_examples
@given(rate=st.integers(min_value=30, max_value=220), resting=st.none() | st.integers(min_value=30, max_value=120))
def test_a_heart_rate_sounds_flooded_near_100_or_10_percent_above_rest(alex, rate, resting):
    alex.resting_heart_rate = resting
    alex.save(update_fields=["resting_heart_rate"])
    kept = checking_in.record(alex, [CHEST], heart_rate=rate)
    above_rest = resting is not None and rate >= resting * 1.1 - 1e-9
    assert kept.sounds_flooded == (rate >= 100 or above_rest)
    assert (flooded_hint(kept) is not None) == kept.sounds_flooded


def test_the_hint_says_which_sign_it_saw(alex):
    assert checking_in.record(alex, [CHEST]).sounds_flooded is False
    fast = checking_in.record(alex, [CHEST], heart_rate=104)
    assert flooded_hint(fast).startswith("104 beats a minute is about the pace people describe")
    alex.resting_heart_rate = 60
    alex.save()
    above = checking_in.record(alex, [CHEST], heart_rate=66)
    assert flooded_hint(above).startswith("66 beats a minute is about 10% above your resting 60")
    assert checking_in.record(alex, [CHEST], heart_rate=65).sounds_flooded is False


def test_words_that_only_look_written_count_as_nothing(alex):
    kept = checking_in.record(alex, [CHEST], own_feeling="\u200b\u2800", note="\u3164 \u202e")
    assert (kept.own_feeling, kept.note) == ("", "")


def test_the_same_key_twice_keeps_one_check_in_and_answers_with_it(alex, sam):
    first = checking_in.record(alex, [CHEST], note="once", once="tap-1")
    again = checking_in.record(alex, [Place("legs", "shaky", 2)], note="twice", once="tap-1")
    assert again == first
    assert CheckIn.objects.count() == 1
    assert [s.region for s in CheckIn.objects.get().places] == ["chest"]
    # A key is the person's own: the same words from someone else keep their own check-in.
    theirs = checking_in.record(sam, [CHEST], once="tap-1")
    assert theirs != first
    assert checking_in.record(alex, [CHEST], once="tap-2") != first


def test_the_lists_hold_only_ones_own_newest_first(alex, sam):
    older = checking_in.record(alex, [CHEST])
    newer = checking_in.record(alex, [CHEST])
    checking_in.record(sam, [CHEST])
    assert list(checking_in.mine(alex)) == [newer, older]
    assert list(checking_in.recent(alex)) == [newer, older]
    assert list(checking_in.shared_with(alex)) == []


def test_the_latest_since_a_moment_is_ones_own_newest(alex, sam):
    moment = timezone.now()
    checking_in.record(alex, [Place("legs", "heavy", 2)])
    CheckIn.objects.update(created_at=moment - timedelta(minutes=5))
    assert checking_in.latest_since(alex, moment) is None
    newest = checking_in.record(alex, [CHEST])
    checking_in.record(sam, [Place("legs", "heavy", 9)])
    found = checking_in.latest_since(alex, moment)
    assert found == newest
    assert found.strongest == 7


def test_the_author_deletes_their_own(alex):
    gone = checking_in.record(alex, [CHEST])
    kept = checking_in.record(alex, [CHEST])
    checking_in.delete(alex, gone.pk)
    assert list(CheckIn.objects.all()) == [kept]
    assert not Spot.objects.filter(check_in_id=gone.pk).exists()
    with pytest.raises(NoSuchCheckIn):
        checking_in.delete(alex, gone.pk)


STEPS = {
    "find": checking_in.find,
    "share": checking_in.share,
    "unshare": checking_in.unshare,
    "delete": checking_in.delete,
}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("who", ["sam", "robin", "jo"])
def test_someone_elses_unshared_check_in_is_refused_exactly_like_a_missing_one(request, alex, couple, step, who):
    kept = checking_in.record(alex, [CHEST])
    other = request.getfixturevalue(who)
    with pytest.raises(Refused) as theirs:
        STEPS[step](other, kept.pk)
    with pytest.raises(Refused) as missing:
        STEPS[step](other, uuid.uuid4())
    said = (type(theirs.value), theirs.value.status, str(theirs.value))
    assert said == (type(missing.value), missing.value.status, str(missing.value))
    assert said[1:] == (404, "There is no such check-in.")
    assert CheckIn.objects.get(pk=kept.pk).shared_in is None


def test_describing_shows_the_author_everything_and_the_partner_no_hint(alex, sam, couple):
    kept = checking_in.share(alex, checking_in.record(alex, [CHEST], heart_rate=120).pk)
    mine, theirs = describe(kept, alex, couple), describe(kept, sam, couple)
    assert (mine.mine, mine.shared, mine.flooded) == (True, True, True)
    assert mine.flooded_hint
    assert (theirs.mine, theirs.author, theirs.flooded, theirs.flooded_hint) == (False, "Alex", None, None)
    assert theirs.places == mine.places
