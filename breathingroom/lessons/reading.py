"""Reading lessons: opening a screen, finishing a lesson, and keeping its reflection in the journal.

Whoever asks (a page or the API), these are the only steps that change a person's progress. Lessons
are the same for everyone and nobody else's progress is ever read: each step is about the caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from breathingroom.journal import entries
from breathingroom.lessons import content
from breathingroom.lessons.models import Progress
from breathingroom.refusals import Refused
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from breathingroom.accounts.models import Person
    from breathingroom.journal.models import Entry
    from breathingroom.lessons.content import Lesson

# Room left in a journal entry for the lesson's title and question above the answer.
REFLECTION_LENGTH = 4000
REFLECTION_WORDS = Writing(
    limit=REFLECTION_LENGTH,
    empty=gettext_lazy("Write a line or two first; it is kept in your journal, where only you can read it."),
    too_long=gettext_lazy("Keep it to %(n)s characters here; you can go on in your journal afterwards."),
)


class NoSuchLesson(Refused):
    status = 404
    message = gettext_lazy("There is no such lesson.")


class NotKept(Refused):
    status = 400


def lesson(slug: str) -> Lesson:
    """The lesson of this slug in the reader's language, or ``NoSuchLesson``."""
    found = content.find(slug)
    if found is None:
        raise NoSuchLesson
    return found


def progress_of(person: Person) -> dict[str, Progress]:
    """This person's progress with every lesson they have begun, by slug."""
    return {p.lesson: p for p in Progress.objects.filter(person=person)}


def progress_in(person: Person, slug: str) -> Progress | None:
    return Progress.objects.filter(person=person, lesson=slug).first()


def open_screen(person: Person, slug: str, number: int) -> tuple[Lesson, Progress]:
    """Screen ``number`` (from 1) of the lesson, recording it as reached: the furthest one stays."""
    found = lesson(slug)
    if not 1 <= number <= found.count:
        raise NoSuchLesson
    progress, _created = Progress.objects.get_or_create(person=person, lesson=slug, defaults={"screen": number})
    # One conditional UPDATE: two tabs moving on at once keep the further screen.
    if Progress.objects.filter(pk=progress.pk, screen__lt=number).update(screen=number):
        progress.screen = number
    return found, progress


def finish(person: Person, slug: str) -> Progress:
    """Record the lesson as read to the end, in its present version. Asking again changes nothing."""
    found = lesson(slug)
    now = timezone.now()
    progress, _created = Progress.objects.get_or_create(
        person=person, lesson=slug, defaults={"screen": found.count, "done_at": now, "version": found.version}
    )
    # Only a lesson not finished, or finished in an older version, is finished again (and now).
    unfinished = Q(done_at__isnull=True) | Q(version__isnull=True) | Q(version__lt=found.version)
    Progress.objects.filter(unfinished, pk=progress.pk).update(done_at=now, version=found.version)
    Progress.objects.filter(pk=progress.pk, screen__lt=found.count).update(screen=found.count)
    progress.refresh_from_db()
    return progress


def reflect(person: Person, slug: str, text: str, key: str = "") -> Entry:
    """Keep the answer to the lesson's question as a private journal entry, and the lesson as finished.

    The entry holds the question above the answer, so it reads on its own later. ``key`` makes a form
    sent twice keep one entry (the journal's own idempotency key).
    """
    found = lesson(slug)
    answer = REFLECTION_WORDS.check(text, NotKept)
    words = _("From the lesson “%(title)s”: %(question)s") % {"title": found.title, "question": found.reflection}
    with transaction.atomic():
        entry = entries.write(person, f"{words}\n\n{answer}", prompt="", key=key)
        finish(person, slug)
    return entry
