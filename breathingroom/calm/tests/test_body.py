"""Body check-ins: written, listed and deleted by their author alone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.calm.forms import BodyCheckInForm
from breathingroom.calm.models import BodyCheckIn
from breathingroom.conftest import client_for, page_text

BODY = "/calm/body/"
GOOD = {"where": "chest", "sensation": "tight", "strength": "7", "feeling": "scared", "heart_rate": "", "note": ""}


def text(response) -> str:
    return page_text(response)


def delete_url(check_in: BodyCheckIn) -> str:
    return f"/calm/body/{check_in.pk}/delete/"


def check_in_for(person, **fields) -> BodyCheckIn:
    return BodyCheckIn.objects.create(
        person=person, **{"where": "stomach", "sensation": "hollow", "strength": 4, **fields}
    )


def test_the_empty_page_offers_the_form_and_says_it_is_private(jo_client):
    page = text(jo_client.get(BODY))
    assert "Only you can see your check-ins." in page
    assert '<label for="id_where">Where do you feel it most?</label>' in page
    assert re.search(r'<input type="number" name="strength"[^>]*min="0"[^>]*max="10"[^>]*required', page)
    assert '<option value="arms_hands">Arms or hands</option>' in page
    assert '<option value="racing">Racing</option>' in page
    assert "Nothing yet." in page


def test_a_check_in_is_saved_and_shown_to_its_author(alex, alex_client):
    data = {**GOOD, "note": "Jaw clenched\nsince dinner", "heart_rate": "88"}
    response = alex_client.post(BODY, data)
    assert response.status_code == 302
    assert response["Location"] == BODY

    check_in = BodyCheckIn.objects.get()
    assert (check_in.person, check_in.where, check_in.sensation, check_in.strength) == (alex, "chest", "tight", 7)
    assert (check_in.feeling, check_in.heart_rate) == ("scared", 88)

    page = text(alex_client.get(BODY))
    assert "Your check-in is saved." in page
    assert "<dd>Chest</dd>" in page
    assert "<dd>Tight</dd>" in page
    assert "<dd>7 of 10</dd>" in page
    assert '<dd dir="auto">scared</dd>' in page
    assert "<dd>88 a minute</dd>" in page
    assert "Jaw clenched<br>since dinner" in page
    # Below 100 a minute there is nothing to say about flooding.
    assert "flooded" not in page


@pytest.mark.parametrize(("rate", "flooded"), [(99, False), (100, True), (145, True)])
def test_a_fast_heart_gets_a_gentle_word_and_a_way_to_breathe(alex_client, rate, flooded):
    page = text(alex_client.post(BODY, {**GOOD, "heart_rate": str(rate)}, follow=True))
    said = f"{rate} beats a minute is about the pace people describe when they feel flooded"
    assert (said in page) is flooded
    assert ('<a href="/calm/breathe/">Breathe slowly with the circle</a>' in page) is flooded


def test_only_the_ten_latest_are_listed_newest_first(alex, alex_client):
    start = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    for i in range(12):
        check_in_for(alex, feeling=f"feeling-{i:02}", created_at=start + timedelta(hours=i))
    page = text(alex_client.get(BODY))
    shown = re.findall(r"feeling-(\d\d)", page)
    assert shown == [f"{i:02}" for i in range(11, 1, -1)]


def test_times_are_shown_in_each_authors_own_zone(alex, sam, alex_client, sam_client):
    noon_utc = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
    check_in_for(alex, created_at=noon_utc)
    check_in_for(sam, created_at=noon_utc)
    alexs = text(alex_client.get(BODY))
    assert "Monday 1 July, 13:00" in alexs
    assert 'datetime="2024-07-01T13:00:00+01:00"' in alexs
    sams = text(sam_client.get(BODY))
    assert "Monday 1 July, 08:00" in sams
    assert 'datetime="2024-07-01T08:00:00-04:00"' in sams


def test_the_partner_and_an_outsider_never_see_a_check_in(alex, sam_client, robin_client):
    check_in_for(alex, feeling="ashamed-of-the-row", note="Alex's private words")
    for client in (sam_client, robin_client):
        page = text(client.get(BODY))
        assert "ashamed-of-the-row" not in page
        assert "private words" not in page
        assert "Nothing yet." in page


def test_deleting_ones_own_check_in(alex, alex_client):
    check_in = check_in_for(alex, feeling="gone-soon")
    kept = check_in_for(alex, feeling="still-here")
    response = alex_client.post(delete_url(check_in), follow=True)
    assert response.redirect_chain == [(BODY, 302)]
    page = text(response)
    assert "The check-in is deleted." in page
    assert "gone-soon" not in page
    assert "still-here" in page
    assert list(BodyCheckIn.objects.all()) == [kept]


def test_each_entry_has_a_delete_button_that_names_it(alex, alex_client):
    check_in_for(alex, created_at=datetime(2024, 1, 5, 18, 30, tzinfo=UTC))
    page = text(alex_client.get(BODY))
    assert re.search(
        r'<button type="submit" class="link-button">Delete<span class="visually-hidden"> '
        r"the check-in from Friday 5 January, 18:30</span></button>",
        page,
    )


@pytest.mark.parametrize("who", ["sam", "robin"])
def test_nobody_else_can_delete_a_check_in(request, alex, who):
    check_in = check_in_for(alex)
    response = client_for(request.getfixturevalue(who)).post(delete_url(check_in))
    assert response.status_code == 404
    assert "isn't yours to see" in text(response)
    assert BodyCheckIn.objects.filter(pk=check_in.pk).exists()


def test_deleting_what_does_not_exist_is_the_same_404(alex_client):
    response = alex_client.post("/calm/body/00000000-0000-0000-0000-000000000000/delete/")
    assert response.status_code == 404
    assert alex_client.post("/calm/body/12/delete/").status_code == 404


def test_deleting_asks_for_a_post(alex, alex_client):
    check_in = check_in_for(alex)
    assert alex_client.get(delete_url(check_in)).status_code == 405
    assert BodyCheckIn.objects.filter(pk=check_in.pk).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("strength", "-1", "Choose a number from 0 to 10."),
        ("strength", "11", "Choose a number from 0 to 10."),
        ("strength", "seven", "Choose a number from 0 to 10."),
        ("strength", "5.5", "Choose a number from 0 to 10."),
        ("strength", "", "Choose a number from 0 to 10."),
        ("heart_rate", "20", "A heart rate here is between 30 and 220 beats a minute."),
        ("heart_rate", "29", "A heart rate here is between 30 and 220 beats a minute."),
        ("heart_rate", "221", "A heart rate here is between 30 and 220 beats a minute."),
        ("heart_rate", "300", "A heart rate here is between 30 and 220 beats a minute."),
        ("heart_rate", "fast", "Write the heart rate as a whole number, like 84."),
        ("where", "", "Choose where in your body you feel it most."),
        ("where", "elbow", "Choose one of the places in the list."),
        ("sensation", "sad", "Choose one of the sensations in the list."),
        ("feeling", "x" * 61, "A word or two is enough: up to 60 characters."),
        ("note", "x" * 501, "Keep this note under 500 characters."),
        ("note", "x" * 100_000, "Keep this note under 500 characters."),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(alex_client, field, value, message):
    response = alex_client.post(BODY, {**GOOD, field: value})
    assert response.status_code == 400
    page = text(response)
    error = re.search(rf'<p class="error" id="id_{field}_error">([^<]*)</p>', page)
    assert error is not None
    assert message in error.group(1)
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*id_{field}_error"', page)
    assert not BodyCheckIn.objects.exists()


def test_what_was_typed_stays_in_the_form_after_a_mistake(alex_client):
    page = text(alex_client.post(BODY, {**GOOD, "strength": "12", "feeling": "furious"}))
    assert 'value="furious"' in page
    assert '<option value="chest" selected>Chest</option>' in page


@pytest.mark.parametrize(("strength", "rate"), [("0", "30"), ("10", "220")])
def test_the_edges_of_each_range_are_accepted(alex_client, strength, rate):
    assert alex_client.post(BODY, {**GOOD, "strength": strength, "heart_rate": rate}).status_code == 302
    check_in = BodyCheckIn.objects.get()
    assert (check_in.strength, check_in.heart_rate) == (int(strength), int(rate))


def test_a_request_too_large_to_read_saves_nothing(alex_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = alex_client.post(BODY, {**GOOD, "note": "x" * 20_000})
    assert response.status_code == 400
    assert not BodyCheckIn.objects.exists()


@given(strength=st.integers(-100, 100))
def test_strength_is_accepted_exactly_from_0_to_10(strength):
    form = BodyCheckInForm({**GOOD, "strength": str(strength)})
    assert form.is_valid() is (0 <= strength <= 10)


@given(rate=st.one_of(st.none(), st.integers(-10, 1000)))
def test_heart_rate_is_optional_and_plausible(rate):
    form = BodyCheckInForm({**GOOD, "heart_rate": "" if rate is None else str(rate)})
    assert form.is_valid() is (rate is None or 30 <= rate <= 220)
    if rate is None:
        assert form.cleaned_data["heart_rate"] is None


@given(feeling=st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=90))
def test_a_feeling_is_at_most_sixty_characters(feeling):
    form = BodyCheckInForm({**GOOD, "feeling": feeling})
    assert form.is_valid() is (len(feeling.strip()) <= 60)
