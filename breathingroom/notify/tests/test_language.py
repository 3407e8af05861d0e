"""Emails and push texts are in the language their reader uses, whoever's request or worker writes them.

They are read with a small German catalogue of this test's own, so they do not wait for the full translation.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from breathingroom.accounts.models import Person
from breathingroom.breaks import space
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for
from breathingroom.notify.tests.conftest import REASSURANCE, run_tasks
from breathingroom.notify.tests.test_email import called_back, wants_email


@pytest.fixture
def german_words(settings, tmp_path: Path) -> None:
    """A German catalogue of a few messages, ahead of the project's own."""
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: de\\n"\n\n'
        'msgid "%(name)s is taking some space"\nmsgstr "%(name)s nimmt sich etwas Raum"\n\n'
        'msgid "Time to come back together"\nmsgstr "Zeit, wieder zusammenzukommen"\n',
        encoding="utf-8",
    )
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


@pytest.mark.usefixtures("german_words")
def test_a_push_is_in_the_recipients_language_whoever_sends_it(alex, sam, couple, committed):
    Person.objects.filter(pk=sam.pk).update(language="de")
    sam.refresh_from_db()
    committed(space.take_space, alex, 30, REASSURANCE)
    event = Event.objects.filter(recipient=sam, type="break.started").latest("id")
    assert notice_for(event, sam).title == "Alex nimmt sich etwas Raum"

    Person.objects.filter(pk=sam.pk).update(language="", browser_language="en")
    sam.refresh_from_db()
    assert notice_for(event, sam).title == "Alex is taking some space"


@pytest.mark.usefixtures("german_words")
def test_an_email_is_in_the_language_its_reader_uses(alex, sam, couple, smtp_inbox, committed):
    # Sam never chose; the browser Sam last used asked for German.
    Person.objects.filter(pk=sam.pk).update(browser_language="de")
    wants_email(sam)
    called_back(alex, committed)
    run_tasks()
    [message] = smtp_inbox.messages
    assert message["To"] == "sam@example.com"
    assert message["Subject"] == "Zeit, wieder zusammenzukommen"
