"""The page and the API that delete an account: confirmed by the person, then at once, then signed out."""

from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD, assert_json, client_for
from breathingroom.couples.models import Couple
from breathingroom.yourdata.tests.conftest import History

DELETE = "/settings/delete"
GOODBYE = "/settings/goodbye"
ME = "/api/v1/me"
CONFIRM = "delete my account"


def code_for(history: History) -> str:
    return format_hotp_value(hotp_value(history.totp_secret, next(yield_hotp_counters_from_time())))


# --- The page ------------------------------------------------------------------------------------


def test_the_page_says_what_goes_and_what_the_partner_keeps(alex_client):
    page = alex_client.get(DELETE).content.decode()
    assert "Delete your account?" in page
    assert "cannot be undone" in page
    assert "What your partner keeps" in page
    assert "a former partner" in page
    assert 'name="password"' in page
    assert 'name="confirm"' in page
    assert 'href="/settings/data/"' in page


def test_without_a_partner_there_is_nothing_about_one(jo_client):
    page = jo_client.get(DELETE).content.decode()
    assert "partner keeps" not in page


def test_the_right_password_and_words_delete_at_once_and_sign_out(alex, sam, alex_client):
    response = alex_client.post(DELETE, {"password": PASSWORD, "confirm": "  Delete my  account "})
    assert response.status_code == 302
    assert response["Location"] == GOODBYE
    assert not Person.objects.filter(pk=alex.pk).exists()
    assert Couple.objects.current_for(sam) is None
    goodbye = alex_client.get(GOODBYE)
    assert goodbye.status_code == 200
    assert "Your account is deleted" in goodbye.content.decode()
    assert alex_client.get("/settings/").status_code == 302, "signed out"


def test_a_wrong_password_is_refused_plainly_and_nothing_is_deleted(alex, alex_client):
    response = alex_client.post(DELETE, {"password": "not-it-at-all", "confirm": CONFIRM})
    assert response.status_code == 400
    assert "That password is not right, so nothing has been deleted." in response.content.decode()
    assert Person.objects.filter(pk=alex.pk).exists()


def test_the_words_must_be_typed(alex, alex_client):
    response = alex_client.post(DELETE, {"password": PASSWORD, "confirm": "delete"})
    assert response.status_code == 400
    assert "Type the words “delete my account” exactly" in response.content.decode()
    assert Person.objects.filter(pk=alex.pk).exists()


def test_a_second_request_after_the_first_is_harmless(alex, sam, alex_client):
    alex_client.post(DELETE, {"password": PASSWORD, "confirm": CONFIRM})
    again = alex_client.post(DELETE, {"password": PASSWORD, "confirm": CONFIRM})
    assert again.status_code == 302
    assert "/accounts/login/" in again["Location"]
    assert Person.objects.filter(pk=sam.pk).exists()


def test_guessing_passwords_is_slowed_down(alex, alex_client):
    for _ in range(10):
        alex_client.post(DELETE, {"password": "guess", "confirm": CONFIRM})
    response = alex_client.post(DELETE, {"password": PASSWORD, "confirm": CONFIRM})
    assert response.status_code == 429
    assert "a lot of tries" in response.content.decode()
    assert Person.objects.filter(pk=alex.pk).exists()


def test_the_page_needs_signing_in_and_get_or_post(client, alex_client):
    response = client.get(DELETE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert alex_client.put(DELETE).status_code == 405
    assert Client().get(GOODBYE).status_code == 200
    assert Client().post(GOODBYE).status_code == 405


def test_with_two_step_sign_in_allauth_asks_again_first(history: History):
    alex = history.alex
    client = client_for(alex)
    page = client.get(DELETE).content.decode()
    assert 'name="password"' not in page
    assert "two-step sign-in" in page
    response = client.post(DELETE, {"confirm": CONFIRM})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert Person.objects.filter(pk=alex.pk).exists()
    # Confirming with the password there carries the request on, and the account goes.
    resumed = client.post(response["Location"], {"password": PASSWORD})
    assert not Person.objects.filter(pk=alex.pk).exists(), resumed.content[:300]


# --- The API -------------------------------------------------------------------------------------


def test_delete_me_with_the_password(alex, sam, alex_client):
    response = alex_client.delete(ME, {"password": PASSWORD}, content_type="application/json")
    assert response.status_code == 204
    assert not Person.objects.filter(pk=alex.pk).exists()
    assert_json(alex_client.get(ME), 401)
    assert_json(alex_client.delete(ME, {"password": PASSWORD}, content_type="application/json"), 401)
    assert Person.objects.filter(pk=sam.pk).exists()


def test_delete_me_with_a_wrong_password_says_so(alex, alex_client):
    body = assert_json(alex_client.delete(ME, {"password": "nope"}, content_type="application/json"), 400)
    assert body["detail"] == "That password is not right, so nothing has been deleted. Please try again."
    assert Person.objects.filter(pk=alex.pk).exists()


def test_delete_me_needs_a_body(alex_client):
    assert_json(alex_client.delete(ME), 422)
    assert_json(alex_client.delete(ME, {"password": PASSWORD, "extra": 1}, content_type="application/json"), 422)


def test_delete_me_with_two_step_sign_in_needs_a_code(history: History):
    client = Client(HTTP_X_SESSION_TOKEN=history.alex_token)
    body = assert_json(client.delete(ME, {"password": PASSWORD}, content_type="application/json"), 400)
    assert "two-step sign-in" in body["detail"]
    assert_json(client.delete(ME, {"password": PASSWORD, "code": "123456"}, content_type="application/json"), 400)
    ok = client.delete(ME, {"password": PASSWORD, "code": code_for(history)}, content_type="application/json")
    assert ok.status_code == 204, ok.content
    assert not Person.objects.filter(pk=history.alex.pk).exists()
    assert_json(client.get(ME), 401)


@pytest.mark.parametrize("method", ["get", "post", "put"])
def test_the_export_api_is_the_owners_only(method, alex, alex_client, robin_client):
    from breathingroom.yourdata.tests.conftest import build_export

    found = build_export(alex)
    for url in (f"{ME}/export/{found.pk}", f"{ME}/export/{found.pk}/download"):
        if method == "get":
            assert_json(robin_client.get(url), 404)
            assert alex_client.get(url).status_code == 200
        else:
            assert getattr(alex_client, method)(url).status_code == 405
