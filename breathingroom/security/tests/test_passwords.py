"""Sign-up refuses passwords that are too short or too common, saying why beside the field."""

from __future__ import annotations

import pytest
from django.test import Client

from breathingroom.accounts.models import Person


def sign_up(password: str):
    return Client().post(
        "/accounts/signup/",
        {
            "display_name": "Nina",
            "email": "nina@example.com",
            "password1": password,
            "password2": password,
            "time_zone": "Europe/Paris",
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("tide-9x", "This password is too short. It must contain at least 10 characters."),
        ("password123", "This password is too common."),
        ("qwertyuiop", "This password is too common."),
        ("4815162342", "This password is entirely numeric."),
    ],
)
def test_sign_up_refuses_a_weak_password_and_says_why(password, message):
    response = sign_up(password)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'id="id_password1_error"' in page
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_the_app_sign_up_refuses_a_common_password_too():
    response = Client().post(
        "/_allauth/app/v1/auth/signup",
        {"email": "nina@example.com", "password": "password123", "display_name": "Nina", "time_zone": "UTC"},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(e.get("param") == "password" and e["message"] == "This password is too common." for e in errors)
    assert not Person.objects.exists()
