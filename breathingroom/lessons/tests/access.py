"""Who may reach each of lessons' URLs and API operations (gathered by breathingroom/tests/access.py).

Lessons are the same for everyone, so nothing in an address is anyone's: any signed-in person may read
them, and each step records the caller's own progress only.
"""

from __future__ import annotations

from breathingroom.tests.access import API, Owned, People, Rule, signed_in


def _lesson(people: People) -> Owned:
    # Nobody's: the slug names a lesson, which every reader has alike.
    return Owned(people.alex, {"slug": "repair"}, {"slug": "no-such-lesson"})


def _screen(people: People) -> Owned:
    return Owned(people.alex, {"slug": "repair", "number": 2}, {"slug": "repair", "number": 99})


PAGES: dict[str, Rule] = {
    "lessons:index": signed_in(),
    "lessons:lesson": signed_in(make=_lesson),
    "lessons:screen": signed_in(make=_screen),
    "lessons:reflect": signed_in("get", "post", make=_lesson),
    "lessons:done": signed_in("post", make=_lesson),
}

OPERATIONS: dict[tuple[str, str], Rule] = {
    ("GET", f"{API}/lessons"): signed_in(),
    ("GET", f"{API}/lessons/{{slug}}"): signed_in(make=_lesson),
    ("POST", f"{API}/lessons/{{slug}}/done"): signed_in(make=_lesson),
}
