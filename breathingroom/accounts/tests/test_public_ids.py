"""A person is named to apps by a random id, never by the row number that counts everyone who signed up."""

from __future__ import annotations

import uuid

from django.test import Client

from breathingroom.accounts.models import Person
from breathingroom.accounts.tests.test_headless import assert_json, login, signup, token_for
from breathingroom.conftest import make_person

API = "/api/v1"


def test_signing_up_answers_with_a_random_id_not_the_row_number(db):
    make_person("Early")
    body = assert_json(signup(), 200)
    person = Person.objects.get(email="nina@example.com")
    assert body["data"]["user"]["id"] == str(person.public_id)
    assert str(person.pk) not in {str(v) for v in body["data"]["user"].values()}


def test_signing_in_and_our_own_api_give_the_same_random_id(db):
    alex = make_person("Alex")
    assert assert_json(login(alex.email), 200)["data"]["user"]["id"] == str(alex.public_id)
    me = assert_json(Client().get(f"{API}/me", headers={"X-Session-Token": token_for(alex.email)}), 200)
    assert me["id"] == str(alex.public_id)


def test_each_person_has_their_own_random_id(db):
    ids = {make_person(name).public_id for name in ("Alex", "Sam", "Robin")}
    assert len(ids) == 3
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
