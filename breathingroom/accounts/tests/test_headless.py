"""allauth's headless app API at /_allauth/app/v1/, and its session token on our JSON API.

Every client here is a fresh ``Client(enforce_csrf_checks=True)``: like a phone, it keeps no
cookies between calls that matter and gets no CSRF exemption, so only the token can sign it in.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.conftest import PASSWORD, client_for, make_person
from breathingroom.notify.tests.conftest import run_tasks

HEADLESS = "/_allauth/app/v1"
SIGNUP = f"{HEADLESS}/auth/signup"
LOGIN = f"{HEADLESS}/auth/login"
SESSION = f"{HEADLESS}/auth/session"
API = "/api/v1"
NEW_PASSWORD = "quiet-harbour-7731"


def phone() -> Client:
    return Client(enforce_csrf_checks=True)


def assert_json(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def assert_api_error(response, status: int) -> dict:
    body = assert_json(response, status)
    assert isinstance(body.get("detail"), str | list), body
    return body


def signup(**fields: str):
    data = {
        "email": "nina@example.com",
        "password": NEW_PASSWORD,
        "display_name": "Nina",
        "time_zone": "Europe/Paris",
        **fields,
    }
    data = {key: value for key, value in data.items() if value is not None}
    return phone().post(SIGNUP, data, content_type="application/json")


def login(email: str, password: str = PASSWORD):
    return phone().post(LOGIN, {"email": email, "password": password}, content_type="application/json")


def token_for(email: str, password: str = PASSWORD) -> str:
    body = assert_json(login(email, password), 200)
    token = body["meta"]["session_token"]
    assert isinstance(token, str)
    assert token
    return token


def with_token(token: str) -> dict[str, str]:
    return {"X-Session-Token": token}


# --- Signing up -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_creates_the_person_with_name_and_time_zone_and_signs_them_in():
    body = assert_json(signup(), 200)

    assert body["status"] == 200
    assert body["data"]["user"]["email"] == "nina@example.com"
    assert body["data"]["user"]["display"] == "Nina"
    assert body["meta"]["is_authenticated"] is True
    assert body["meta"]["session_token"]

    person = Person.objects.get(email="nina@example.com")
    assert person.display_name == "Nina"
    assert person.time_zone == "Europe/Paris"
    assert person.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_signup_sends_a_verification_email():
    assert_json(signup(), 200)
    assert mail.outbox == []  # never from inside the request: the worker sends it
    assert run_tasks() == ["sent"]
    assert [message.to for message in mail.outbox] == [["nina@example.com"]]


@pytest.mark.django_db
def test_the_token_from_signup_works_on_the_api():
    token = assert_json(signup(), 200)["meta"]["session_token"]
    body = assert_json(phone().get(f"{API}/me", headers=with_token(token)), 200)
    nina = Person.objects.get(email="nina@example.com")
    assert body == {
        "id": str(nina.public_id),
        "email": "nina@example.com",
        "display_name": "Nina",
        "time_zone": "Europe/Paris",
        "language": "",
        "resting_heart_rate": None,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "param"),
    [
        pytest.param({"display_name": None}, "display_name", id="no-name"),
        pytest.param({"display_name": "   "}, "display_name", id="blank-name"),
        pytest.param({"display_name": "x" * 61}, "display_name", id="long-name"),
        pytest.param({"time_zone": None}, "time_zone", id="no-time-zone"),
        pytest.param({"time_zone": "Mars/Olympus_Mons"}, "time_zone", id="unknown-time-zone"),
        pytest.param({"email": "not-an-email"}, "email", id="bad-email"),
        pytest.param({"password": "short"}, "password", id="short-password"),
    ],
)
def test_signup_with_a_missing_or_bad_field_is_400_and_creates_no_one(fields, param):
    body = assert_json(signup(**fields), 400)
    assert param in {error.get("param") for error in body["errors"]}, body
    assert not Person.objects.filter(email=fields.get("email", "nina@example.com")).exists()


def test_signup_with_a_taken_email_is_400(jo):
    body = assert_json(signup(email="jo@example.com"), 400)
    assert "email" in {error.get("param") for error in body["errors"]}
    assert Person.objects.get(email="jo@example.com").display_name == "Jo"


# --- Logging in and using the token ---------------------------------------------------------


def test_login_returns_a_session_token_that_signs_in_to_the_api(jo):
    body = assert_json(login("jo@example.com"), 200)
    assert body["meta"]["is_authenticated"] is True
    assert body["data"]["user"]["email"] == "jo@example.com"
    token = body["meta"]["session_token"]

    me = assert_json(phone().get(f"{API}/me", headers=with_token(token)), 200)
    assert me == {
        "id": str(jo.public_id),
        "email": "jo@example.com",
        "display_name": "Jo",
        "time_zone": "Europe/Berlin",
        "language": "",
        "resting_heart_rate": None,
    }


def test_login_with_a_wrong_password_is_400_and_gives_no_token(jo):
    body = assert_json(login("jo@example.com", "not-the-password"), 400)
    assert "session_token" not in body.get("meta", {})


def test_login_for_an_unknown_email_is_400(db):
    assert_json(login("nobody@example.com"), 400)


def test_the_token_is_checked_against_allauths_session_endpoint(jo):
    token = token_for("jo@example.com")
    body = assert_json(phone().get(SESSION, headers=with_token(token)), 200)
    assert body["data"]["user"]["email"] == "jo@example.com"


def test_token_client_can_create_an_invitation_without_csrf(jo):
    token = token_for("jo@example.com")
    body = assert_json(phone().post(f"{API}/couple/invitations", headers=with_token(token)), 201)
    assert body["code"] in body["link"]


def test_token_clients_pair_and_leave_without_csrf(jo, db):
    make_person("Kim", "Asia/Tokyo")
    jo_token = token_for("jo@example.com")
    kim_token = token_for("kim@example.com")

    code = assert_json(phone().post(f"{API}/couple/invitations", headers=with_token(jo_token)), 201)["code"]
    joined = assert_json(
        phone().post(
            f"{API}/couple/join",
            {"code": code},
            content_type="application/json",
            headers=with_token(kim_token),
        ),
        201,
    )
    as_jo = assert_json(phone().get(f"{API}/couple", headers=with_token(jo_token)), 200)
    assert as_jo["id"] == joined["id"]
    assert as_jo["partners"] == [
        {"display_name": "Jo", "time_zone": "Europe/Berlin", "is_me": True},
        {"display_name": "Kim", "time_zone": "Asia/Tokyo", "is_me": False},
    ]

    assert phone().delete(f"{API}/couple/membership", headers=with_token(kim_token)).status_code == 204
    assert_api_error(phone().get(f"{API}/couple", headers=with_token(jo_token)), 404)
    assert_api_error(phone().get(f"{API}/couple", headers=with_token(kim_token)), 404)


def test_token_sees_the_right_couple_for_a_paired_person(alex, couple):
    token = token_for("alex@example.com")
    body = assert_json(phone().get(f"{API}/couple", headers=with_token(token)), 200)
    assert body["id"] == str(couple.id)
    assert [(p["display_name"], p["is_me"]) for p in body["partners"]] == [("Alex", True), ("Sam", False)]


def test_token_wins_over_a_browser_session_of_someone_else(jo, alex):
    token = token_for("jo@example.com")
    browser = client_for(alex)
    assert assert_json(browser.get(f"{API}/me", headers=with_token(token)), 200)["email"] == "jo@example.com"


# --- Tokens that must not work --------------------------------------------------------------


@pytest.mark.parametrize("token", ["bogus", "", "x" * 5000, "'; DROP TABLE accounts_person; --"])
def test_a_bogus_token_is_401_json(db, token):
    body = assert_api_error(phone().get(f"{API}/me", headers=with_token(token)), 401)
    assert body == {"detail": "Unauthorized"}


def test_a_bogus_token_on_an_unsafe_method_is_401_not_a_csrf_error(db):
    assert_api_error(phone().post(f"{API}/couple/invitations", headers=with_token("bogus")), 401)


def test_logout_ends_the_token(jo):
    token = token_for("jo@example.com")
    assert_json(phone().get(f"{API}/me", headers=with_token(token)), 200)

    body = assert_json(phone().delete(SESSION, headers=with_token(token)), 401)
    assert body["meta"]["is_authenticated"] is False

    assert_api_error(phone().get(f"{API}/me", headers=with_token(token)), 401)
    assert_json(phone().get(SESSION, headers=with_token(token)), 410)


def test_logout_ends_only_that_token(jo):
    first = token_for("jo@example.com")
    second = token_for("jo@example.com")
    assert first != second
    phone().delete(SESSION, headers=with_token(first))
    assert_api_error(phone().get(f"{API}/me", headers=with_token(first)), 401)
    assert_json(phone().get(f"{API}/me", headers=with_token(second)), 200)


def test_a_deactivated_persons_token_stops_working(jo):
    token = token_for("jo@example.com")
    Person.objects.filter(pk=jo.pk).update(is_active=False)
    assert_api_error(phone().get(f"{API}/me", headers=with_token(token)), 401)


def test_a_password_change_ends_existing_tokens(jo):
    token = token_for("jo@example.com")
    Person.objects.filter(pk=jo.pk).update(password=make_password("another-password-99"))
    assert_api_error(phone().get(f"{API}/me", headers=with_token(token)), 401)
