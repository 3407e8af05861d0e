"""The encrypted fields: what goes in comes out, lengths are still checked, and the database cannot search."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.urls import reverse

from breathingroom.agreements import proposals
from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place
from breathingroom.body.models import NOTE_LENGTH, CheckIn
from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.models import PREPARE_LENGTH, REASSURANCE_LENGTH, TRY_LENGTH
from breathingroom.breaks.tests.conftest import proposal, until_reconnecting
from breathingroom.calm.models import UNSENT_NOTE_LENGTH, UnsentNote
from breathingroom.conftest import assert_json


def raw(table: str, column: str) -> list[str]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(column)} FROM {qn(table)}")  # noqa: S608 (fixed names)
        return [value for (value,) in cursor.fetchall()]


@pytest.mark.parametrize(
    "text",
    ["I wanted to say it all at once.", "Ça m\u2019a blessé 💔", "line one\nline two\ttab", "x" * UNSENT_NOTE_LENGTH],
)
def test_text_comes_back_as_it_was_written(alex, text):
    note = UnsentNote.objects.create(person=alex, text=text)
    assert UnsentNote.objects.get(pk=note.pk).text == text
    [stored] = raw("calm_unsentnote", "text")
    assert stored != text
    assert text not in stored


def test_empty_text_stays_empty(alex):
    checking_in.record(alex, [Place("chest", "tight", 3)])
    assert raw("body_checkin", "note") == [""]
    assert raw("body_checkin", "own_feeling") == [""]
    assert CheckIn.objects.get().note == ""


def test_the_same_words_twice_are_stored_differently(alex):
    UnsentNote.objects.create(person=alex, text="the same")
    UnsentNote.objects.create(person=alex, text="the same")
    first, second = raw("calm_unsentnote", "text")
    assert first != second  # so a copy does not even show which notes say the same thing


def test_the_agreement_words_come_back_as_a_dict(alex, sam, couple):
    agreement = proposals.propose(alex, proposal(words="Tell me you are coming back."))
    proposals.accept(sam, agreement.version, "Tell me when.")
    agreement.refresh_from_db()
    assert agreement.words == {str(alex.pk): "Tell me you are coming back.", str(sam.pk): "Tell me when."}
    assert agreement.terms().words_for(alex) == "Tell me you are coming back."
    [stored] = raw("agreements_agreement", "words")
    assert "coming back" not in stored


def test_the_database_cannot_compare_encrypted_text(alex):
    UnsentNote.objects.create(person=alex, text="hidden")
    with pytest.raises(FieldError, match=r"calm.UnsentNote.text is stored encrypted"):
        UnsentNote.objects.filter(text="hidden").count()
    with pytest.raises(FieldError, match="stored encrypted"):
        UnsentNote.objects.filter(text__icontains="hid").count()
    assert UnsentNote.objects.filter(text__isnull=False).count() == 1


def test_the_model_checks_the_length_of_the_plain_text(alex):
    at_the_limit = CheckIn(person=alex, note="n" * NOTE_LENGTH)
    at_the_limit.full_clean()  # its token is far longer, and that is no concern of the model's
    with pytest.raises(ValidationError) as error:
        UnsentNote(person=alex, text="x" * (UNSENT_NOTE_LENGTH + 1)).full_clean()
    assert "text" in error.value.message_dict


def test_pages_still_refuse_text_that_is_too_long(alex_client):
    response = alex_client.post(reverse("calm:unsent"), {"text": "x" * (UNSENT_NOTE_LENGTH + 1)})
    assert response.status_code == 400
    response = alex_client.post(
        reverse("body:index"),
        {"places": "chest", "sensation_chest": "tight", "intensity_chest": "3", "note": "n" * (NOTE_LENGTH + 1)},
    )
    assert response.status_code == 400
    assert not UnsentNote.objects.exists()
    assert not CheckIn.objects.exists()


def test_the_api_still_refuses_a_reassurance_that_is_too_long(alex_client):
    response = alex_client.post(
        "/api/v1/breaks",
        {"minutes": 30, "reassurance": "r" * (REASSURANCE_LENGTH + 1)},
        content_type="application/json",
    )
    [error] = assert_json(response, 422)["detail"]
    assert error["loc"][-1] == "reassurance"
    assert error["type"] == "string_too_long"


def test_the_domain_still_refuses_words_that_are_too_long(alex, sam, couple):
    with pytest.raises(proposals.InvalidTerms):
        proposals.propose(alex, proposal(reconnect="own", own_way="w" * 201))
    with pytest.raises(space.BadReassurance):
        space.take_space(alex, 30, "r" * (REASSURANCE_LENGTH + 1))
    brk = space.take_space(alex, 30, "Back soon.")
    with pytest.raises(reconnecting.BadAnswer):
        reconnecting.prepare(sam, brk.pk, "f" * (PREPARE_LENGTH + 1), "", "")
    with pytest.raises(space.BadReassurance):
        space.extend(alex, brk.pk, 15, "r" * (REASSURANCE_LENGTH + 1))
    brk = until_reconnecting(brk)
    with pytest.raises(reconnecting.BadAnswer):
        reconnecting.name_next_try(alex, brk.pk, "t" * (TRY_LENGTH + 1))
