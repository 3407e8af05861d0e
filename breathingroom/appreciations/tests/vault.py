"""The words of appreciations, written as partners write them, for the vault's tests."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.appreciations import sending
from breathingroom.conftest import client_for

COLUMNS = {("appreciations_appreciation", "text")}


def write(alex: Person, sam: Person, mark: Callable[[str, str, str], str]) -> None:
    # Alex from Home's composer, Sam through the domain, as the API does; both reach the other's events.
    thanks = mark("appreciations_appreciation", "text", "thank-you-for-the-tea")
    answer = client_for(alex).post(reverse("appreciations:send"), {"text": thanks, "kind": "appreciation"})
    assert answer.status_code == 302, answer.content[:300]
    sending.send(sam, mark("appreciations_appreciation", "text", "we-are-okay-love"), "okay")
