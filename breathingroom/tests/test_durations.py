"""A length is said one way everywhere: "45 minutes", "1 hour 30 minutes", "24 hours".

Walks the pages, the API's refusals and the notices a couple meets around a break, and looks for
the old ways of saying a length: "30 min", "90 minutes", "2 hours, 5 minutes", a bare "1440".
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from breathingroom.agreements.models import Contact
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree
from breathingroom.conftest import page_text
from breathingroom.durations import minutes_label
from breathingroom.events.models import Event
from breathingroom.notify.notices import notice_for

# "30 min", "2 h", "90 minutes" (an hour or more in minutes), "1 hour, 5 minutes" (Django's own
# timeuntil), and a length in minutes given as a bare number before "to"/"and".
OLD_FORMS = re.compile(
    r"\b\d+ ?(?:min|mins|h|hrs?)\b"
    r"|\b(?:[6-9]\d|\d{3,}) minutes\b"
    r"|\bhours?, \d+ minutes?\b"
    r"|\bfrom \d+ to \d+\b"
)


def words(html: str) -> str:
    """What a reader sees: tags and attributes dropped, entities read, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def assert_said_one_way(text: str, where: str) -> None:
    found = OLD_FORMS.findall(text)
    assert not found, f"{where}: {found}"


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (1, "1 minute"),
        (10, "10 minutes"),
        (45, "45 minutes"),
        (59, "59 minutes"),
        (60, "1 hour"),
        (61, "1 hour 1 minute"),
        (90, "1 hour 30 minutes"),
        (120, "2 hours"),
        (125, "2 hours 5 minutes"),
        (1440, "24 hours"),
        (2880, "48 hours"),
    ],
)
def test_minutes_below_an_hour_hours_and_minutes_above(n, said):
    assert minutes_label(n) == said


def test_the_old_forms_are_recognised():
    for old in ("30 min", "+15 min", "90 minutes", "1440 minutes", "2 hours, 5 minutes", "from 20 to 1440"):
        assert OLD_FORMS.search(old), old
    for new in ("45 minutes", "1 hour 30 minutes", "24 hours", "+1 hour", "from 20 minutes to 24 hours"):
        assert not OLD_FORMS.search(new), new


def test_every_page_around_a_break_says_lengths_one_way(alex, sam, alex_client, sam_client):
    agree(
        alex,
        sam,
        shortest=10,
        longest=24 * 60,
        presets=(10, 45, 60, 90, 120),
        until_morning=True,
        extensions=2,
        contact=Contact.EVERY,
        contact_every=90,
    )
    seen: dict[str, str] = {}
    take = alex_client.get("/space/")
    seen["take space"] = words(page_text(take))
    for label in ("10 minutes", "45 minutes", "1 hour", "1 hour 30 minutes", "2 hours"):
        assert f">{label}</button>" in page_text(take), label
    seen["agreement"] = words(page_text(alex_client.get("/agreement/")))
    assert "10 minutes to 24 hours" in seen["agreement"]
    assert "at most every 1 hour 30 minutes" in seen["agreement"]
    seen["proposal"] = words(page_text(alex_client.get("/agreement/propose/")))

    brk = space.take_space(alex, 90, "Back soon, love.")
    seen["home, on the break"] = words(page_text(alex_client.get("/")))
    seen["home, waiting"] = words(page_text(sam_client.get("/")))
    # The countdown beside the time, as the page is first drawn.
    assert "in 1 hour 30 minutes" in seen["home, waiting"]
    extend = page_text(alex_client.get(f"/space/{brk.id}/extend/"))
    seen["more time"] = words(extend)
    assert ">+1 hour 30 minutes</button>" in extend
    assert "The longest break in your agreement is 24 hours." in seen["more time"]

    # What the domain says when it refuses, on a page and through the API.
    refused = alex_client.post(f"/space/{brk.id}/extend/", {"minutes": 1400, "reassurance": "More."})
    seen["more time, refused"] = words(page_text(refused))
    assert "your agreement's longest break is 24 hours" in seen["more time, refused"]
    thought = sam_client.post(f"/space/{brk.id}/thinking-of-you/", follow=True)
    assert thought.status_code == 200
    again = sam_client.post(f"/api/v1/breaks/{brk.id}/thinking-of-you", content_type="application/json")
    seen["API, thinking of you again"] = json.loads(again.content)["detail"]
    assert "every 1 hour 30 minutes" in seen["API, thinking of you again"]
    too_long = sam_client.post(
        "/api/v1/breaks", json.dumps({"minutes": 2000, "reassurance": "Me too."}), content_type="application/json"
    )
    seen["API, too long"] = json.loads(too_long.content)["detail"]
    assert "24 hours" in seen["API, too long"]

    # Push texts and emails are made from the notices.
    for event in Event.objects.all():
        notice = notice_for(event, event.recipient)
        if notice is not None:
            seen[f"notice of {event.type} to {event.recipient.display_name}"] = f"{notice.title} {notice.body}"

    assert len(seen) > 10, seen.keys()
    for where, text in seen.items():
        assert_said_one_way(text, where)
