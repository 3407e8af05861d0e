"""Body's encrypted columns, and words written in each of them the way a person writes them."""

from __future__ import annotations

from django.urls import reverse

from breathingroom.conftest import client_for

COLUMNS = {
    ("body_checkin", "feelings"),
    ("body_checkin", "need"),
    ("body_checkin", "own_feeling"),
    ("body_checkin", "note"),
}


def write(alex, sam, mark) -> None:
    # Feelings and the need are keys from fixed lists, so no words of the test's own can go there:
    # their marks only stand for the columns, and the tokens-only checks are what prove them
    # (``body/tests/test_vault.py`` looks for the keys themselves).
    mark("body_checkin", "feelings", "chosen-feelings")
    mark("body_checkin", "need", "chosen-need")
    client_for(alex).post(
        reverse("body:index"),
        {
            "places": ["chest", "stomach"],
            "sensation_chest": "tight",
            "intensity_chest": "7",
            "sensation_stomach": "hollow",
            "intensity_stomach": "5",
            "feelings": ["lonely", "anxious"],
            "need": "reassurance",
            "own_feeling": mark("body_checkin", "own_feeling", "left-out-again"),
            "note": mark("body_checkin", "note", "my-chest-is-tight"),
        },
    )
