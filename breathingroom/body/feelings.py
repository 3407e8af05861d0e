"""The feelings a body check-in offers: a small list, in six families, in the project's own words.

Kept as data. Keys are stored (encrypted, with the check-in), so a name may change but a key never
does, and a key once used is never given to another feeling. The families follow the few that most
lists of feelings agree on: fear, hurt, anger, shame, shutting down, and the calmer ones, which count
too: noticing that the body has settled is worth a check-in of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Feeling:
    key: str
    name: str | Promise


@dataclass(frozen=True)
class Family:
    key: str
    name: str | Promise
    # What feelings of this family often point to: said gently, beside the choices.
    hint: str | Promise
    feelings: tuple[Feeling, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "scared",
        _("Scared"),
        _("Often about losing someone, or not knowing what comes next."),
        (
            Feeling("anxious", _("Anxious")),
            Feeling("worried", _("Worried")),
            Feeling("insecure", _("Unsure of us")),
            Feeling("overwhelmed", _("Overwhelmed")),
            Feeling("helpless", _("Helpless")),
        ),
    ),
    Family(
        "hurt",
        _("Hurt"),
        _("Often about wanting to matter to someone who matters to you."),
        (
            Feeling("sad", _("Sad")),
            Feeling("lonely", _("Lonely")),
            Feeling("hurt", _("Hurt")),
            Feeling("disappointed", _("Disappointed")),
            Feeling("left_out", _("Left out")),
        ),
    ),
    Family(
        "angry",
        _("Angry"),
        _("Often guarding something that feels unfair or too much."),
        (
            Feeling("irritated", _("Irritated")),
            Feeling("frustrated", _("Frustrated")),
            Feeling("angry", _("Angry")),
            Feeling("resentful", _("Resentful")),
            Feeling("pressured", _("Pushed")),
        ),
    ),
    Family(
        "ashamed",
        _("Ashamed"),
        _("Often the fear of not being good enough, turned inwards."),
        (
            Feeling("embarrassed", _("Embarrassed")),
            Feeling("guilty", _("Guilty")),
            Feeling("ashamed", _("Ashamed")),
            Feeling("not_enough", _("Not good enough")),
        ),
    ),
    Family(
        "shut_down",
        _("Shut down"),
        _("Often the body's way of protecting itself when it is all too much."),
        (
            Feeling("numb", pgettext_lazy("a feeling", "Numb")),
            Feeling("empty", _("Empty")),
            Feeling("far_away", _("Far away")),
            Feeling("exhausted", _("Worn out")),
        ),
    ),
    Family(
        "settled",
        _("Settled"),
        _("Worth noticing too: the body remembers how it got here."),
        (
            Feeling("calm", pgettext_lazy("a feeling", "Calm")),
            Feeling("relieved", _("Relieved")),
            Feeling("hopeful", _("Hopeful")),
            Feeling("grateful", _("Grateful")),
            Feeling("close", _("Close")),
        ),
    ),
)

FEELINGS: tuple[Feeling, ...] = tuple(feeling for family in FAMILIES for feeling in family.feelings)
FEELING_KEYS = frozenset(feeling.key for feeling in FEELINGS)
_BY_KEY = {feeling.key: feeling for feeling in FEELINGS}


def feeling(key: str) -> Feeling | None:
    return _BY_KEY.get(key)


def names(keys: list[str]) -> list[str]:
    """The names of ``keys``, in the order given, leaving out any key no longer in the list."""
    return [str(found.name) for key in keys if (found := _BY_KEY.get(key)) is not None]
