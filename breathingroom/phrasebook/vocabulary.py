"""The built-in words for needs and boundaries, each with one line on what it means.

Kept as data, in the project's own words: the phrasebook shows them, the body check-in offers the
needs as "the need underneath", and the agreement, the take-space page and the ritual offer them
when a person is looking for words. Keys are stable: they are stored, so a name may change but a
key never does.

A need may also carry ``hear``: words that meet it, said by the one stepping away. The agreement
offers them where each partner writes what they would like to hear, so nobody has to find those
words from nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Word:
    key: str
    name: str | Promise
    why: str | Promise
    hear: str | Promise = ""


NEEDS: tuple[Word, ...] = (
    Word(
        "reassurance",
        _("Reassurance"),
        _("To know we are still us, even while we are apart for a while."),
        _("We're still us. I'm coming back to you."),
    ),
    Word("time_alone", _("Time alone"), _("Room to let my body settle before I can listen well.")),
    Word(
        "to_be_heard",
        _("To be heard"),
        _("For you to tell me back what I said before you answer it."),
        _("When I'm back, I want to hear how this was for you."),
    ),
    Word(
        "closeness",
        _("Closeness"),
        _("To feel near you: a touch, a look, time side by side."),
        _("I love you, even from the next room."),
    ),
    Word(
        "predictability",
        _("Knowing when"),
        _("A time I can count on, so waiting does not feel endless."),
        _("I'll be back at the time I chose. You can count on it."),
    ),
    Word(
        "gentleness",
        _("Gentleness"),
        _("Softer words and a slower pace while things are tender."),
        _("I'm stepping away so I can come back softer."),
    ),
    Word(
        "respect",
        _("Respect"),
        _("To be taken seriously, even when you see it differently."),
        _("What you said matters to me. I need a little time before I answer it."),
    ),
    Word(
        "rest",
        _("Rest"),
        _("Sleep, food or quiet first: some talks go better once I am cared for."),
        _("Look after yourself too while I'm away. We'll talk once we've both rested."),
    ),
    Word(
        "repair",
        _("Repair"),
        _("For us to come back to what happened, not leave it hanging."),
        _("We'll come back to this together. I won't leave it hanging."),
    ),
    Word(
        "appreciation",
        _("Appreciation"),
        _("To hear that what I do for us is noticed."),
        _("Thank you for giving me this time. I see what you do for us."),
    ),
    Word("autonomy", _("Choosing for myself"), _("To decide some things on my own without it meaning distance.")),
    Word("help", _("A hand with something"), _("Practical help, so I am not carrying it alone.")),
)

BOUNDARIES: tuple[Word, ...] = (
    Word(
        "pause_when_flooded",
        _("Pausing when flooded"),
        _("When either of us is too stirred up to think, we stop and come back."),
    ),
    Word(
        "no_following",
        _("No following"),
        _("When I take space, please don't follow me from room to room or message after message."),
    ),
    Word("coming_back", _("I always come back"), _("Taking space is never leaving: I will return at the time I said.")),
    Word(
        "no_name_calling",
        _("No names or labels"),
        _("We speak about what happened, never about what kind of person the other is."),
    ),
    Word("one_topic", _("One thing at a time"), _("We talk about this one thing, not every old hurt at once.")),
    Word("not_late_at_night", _("Not late at night"), _("Hard talks wait until we have both slept.")),
    Word(
        "private_stays_private",
        _("What's ours stays ours"),
        _("We don't bring our arguments to friends or family without asking."),
    ),
    Word("no_threats", _("No threats"), _("We don't threaten to leave to win a point.")),
    Word(
        "ask_before_touch",
        _("Ask before touching"),
        _("When I'm upset, ask before you hug me; sometimes I need a moment first."),
    ),
    Word("phones_down", _("Phones down"), _("When we talk it through, the phones stay out of reach.")),
)

NEED_KEYS = frozenset(word.key for word in NEEDS)
BOUNDARY_KEYS = frozenset(word.key for word in BOUNDARIES)


def need(key: str) -> Word | None:
    return next((word for word in NEEDS if word.key == key), None)


def boundary(key: str) -> Word | None:
    return next((word for word in BOUNDARIES if word.key == key), None)
