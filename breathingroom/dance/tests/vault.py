"""The dance's encrypted columns, written as a person writes them: each side through the API, then shared,
and the repair conversation's words on its page."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.urls import reverse

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for

COLUMNS = {
    ("dance_side", "trigger"),
    ("dance_side", "move"),
    ("dance_side", "surface_feeling"),
    ("dance_side", "deeper_feeling"),
    ("dance_side", "fear"),
    ("dance_side", "need"),
    ("dance_repairanswer", "text"),
}


def write(alex: Person, sam: Person, mark: Callable[[str, str, str], str]) -> None:
    page = client_for(alex)
    started = page.post("/api/v1/episodes", "{}", content_type="application/json")
    episode_id = started.json()["id"]
    side = {
        "trigger": mark("dance_side", "trigger", "the-dishes-left-again"),
        # A move is one of the listed keys: its stored value is the key, which the vault still hides.
        "move": "pursued",
        "surface_feeling": mark("dance_side", "surface_feeling", "irritated-on-top"),
        "deeper_feeling": mark("dance_side", "deeper_feeling", "alone-underneath"),
        "fear": mark("dance_side", "fear", "that-i-do-not-matter"),
        "need": mark("dance_side", "need", "to-be-turned-towards"),
    }
    mark("dance_side", "move", "pursued")
    page.put(f"/api/v1/episodes/{episode_id}/my-side", json.dumps(side), content_type="application/json")
    page.post(f"/api/v1/episodes/{episode_id}/my-side/share")

    page.post(reverse("repair:begin", args=[episode_id]))
    felt = mark("dance_repairanswer", "text", "i-felt-left-behind")
    page.post(reverse("repair:write", args=[episode_id]), {"step": "felt", "felt": felt})
