"""The journal's encrypted column, written as a person writes it: on the page, then shared."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for
from breathingroom.journal.models import Entry

COLUMNS = {("journal_entry", "text")}


def write(alex: Person, sam: Person, mark: Callable[[str, str, str], str]) -> None:
    page = client_for(alex)
    page.post(
        reverse("journal:write"),
        {"text": mark("journal_entry", "text", "what-the-evening-stirred-up"), "prompt": "body_right_now"},
    )
    entry = Entry.objects.get(person=alex)
    page.post(reverse("journal:share", args=[entry.pk]))
    edited = mark("journal_entry", "text", "what-i-see-now")
    page.post(reverse("journal:edit", args=[entry.pk]), {"text": edited, "version": entry.version})
