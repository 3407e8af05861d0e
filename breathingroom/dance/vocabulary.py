"""The words an episode's side is written in: the moves, and the common triggers and fears.

Kept as data, in the project's own words. Keys are stored (encrypted, with the side), so a name may
change but a key never does. The feelings are the body check-in's (``body.feelings``) and the needs
the phrasebook's (``phrasebook.vocabulary``), so a person names a feeling or a need the same way
everywhere. Every field but the move also takes a person's own words: a list offers words, it never
decides what someone felt.

The moves fall in two families, which is all the cycle needs to know about them: moving *towards*
the other, pressing for a response (pursuing, criticising, demanding, defending), or moving *away*,
protecting oneself by distance (withdrawing, going quiet, shutting down). "Other" belongs to neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from breathingroom.body.feelings import feeling
from breathingroom.phrasebook.vocabulary import need


class Move(models.TextChoices):
    PURSUED = "pursued", _("I went after them")
    CRITICISED = "criticised", _("I criticised")
    DEMANDED = "demanded", _("I demanded")
    DEFENDED = "defended", _("I defended myself")
    WITHDREW = "withdrew", _("I withdrew")
    WENT_QUIET = "went_quiet", _("I went quiet")
    SHUT_DOWN = "shut_down", _("I shut down")
    OTHER = "other", _("Something else")


class Family(StrEnum):
    TOWARDS = "towards"
    AWAY = "away"


FAMILY: dict[str, Family] = {
    Move.PURSUED: Family.TOWARDS,
    Move.CRITICISED: Family.TOWARDS,
    Move.DEMANDED: Family.TOWARDS,
    Move.DEFENDED: Family.TOWARDS,
    Move.WITHDREW: Family.AWAY,
    Move.WENT_QUIET: Family.AWAY,
    Move.SHUT_DOWN: Family.AWAY,
}

# How each move reads in the third person, on the cycle map: "Sam went after them" would be odd.
MOVE_SEEN: dict[str, str | Promise] = {
    Move.PURSUED: _("pursues"),
    Move.CRITICISED: _("criticises"),
    Move.DEMANDED: _("demands"),
    Move.DEFENDED: _("defends"),
    Move.WITHDREW: _("withdraws"),
    Move.WENT_QUIET: _("goes quiet"),
    Move.SHUT_DOWN: _("shuts down"),
    Move.OTHER: _("does something else"),
}

# A short line under each move, so choosing one is recognising it rather than confessing it.
MOVE_HINT: dict[str, str | Promise] = {
    Move.PURSUED: _("Followed, kept asking, kept the talk going."),
    Move.CRITICISED: _("Said what was wrong with them, not what I needed."),
    Move.DEMANDED: _("Pressed for an answer or a change, now."),
    Move.DEFENDED: _("Explained, corrected, pushed back."),
    Move.WITHDREW: _("Left the room or the talk."),
    Move.WENT_QUIET: _("Stopped answering, stayed but went still."),
    Move.SHUT_DOWN: _("Went numb or blank; could not reach anything."),
    Move.OTHER: _("None of these: the trigger or the notes can say what."),
}


@dataclass(frozen=True)
class Choice:
    key: str
    name: str | Promise


TRIGGERS: tuple[Choice, ...] = (
    Choice("tone", _("A tone of voice or a look")),
    Choice("feeling_criticised", _("Feeling criticised")),
    Choice("feeling_ignored", _("Feeling ignored")),
    Choice("plans", _("Plans and being late")),
    Choice("chores", _("Chores and who does what")),
    Choice("money", _("Money")),
    Choice("time_together", _("Time together, or not enough of it")),
    Choice("phones", _("Phones and screens")),
    Choice("family", _("Family and friends")),
    Choice("closeness", _("Closeness and touch")),
    Choice("work", _("Work and tiredness")),
    Choice("an_old_hurt", _("An old hurt coming back")),
)

FEARS: tuple[Choice, ...] = (
    Choice("being_left", _("That you would leave me")),
    Choice("not_mattering", _("That I don't matter to you")),
    Choice("being_alone_in_it", _("Being alone with it")),
    Choice("failing_you", _("That I am failing you")),
    Choice("not_enough", _("That I am not enough")),
    Choice("being_controlled", _("Being controlled or swallowed up")),
    Choice("losing_myself", _("Losing myself")),
    Choice("it_getting_worse", _("That it would get worse if I stayed")),
    Choice("being_blamed", _("Being blamed")),
)

TRIGGER_KEYS = frozenset(choice.key for choice in TRIGGERS)
FEAR_KEYS = frozenset(choice.key for choice in FEARS)
_TRIGGER = {choice.key: choice for choice in TRIGGERS}
_FEAR = {choice.key: choice for choice in FEARS}


def move_name(value: str) -> str:
    return str(dict(Move.choices).get(value, value))


def trigger_name(value: str) -> str:
    """What a stored trigger says: the listed words for a key, or the person's own words as written."""
    found = _TRIGGER.get(value)
    return str(found.name) if found else value


def fear_name(value: str) -> str:
    found = _FEAR.get(value)
    return str(found.name) if found else value


def feeling_name(value: str) -> str:
    found = feeling(value)
    return str(found.name) if found else value


def need_name(value: str) -> str:
    found = need(value)
    return str(found.name) if found else value
