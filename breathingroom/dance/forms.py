"""The dance's forms: their shape only. What a side may say is decided in ``episodes``.

Each part of a side but the move is chosen from a list or written in the person's own words; words
written win over the list, so nobody has to clear a choice to say it their way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from breathingroom.body.feelings import FAMILIES
from breathingroom.dance.episodes import NOT_A_MOVE, SideWords
from breathingroom.dance.models import (
    FEAR_WORDS,
    FEELING_WORDS,
    IDEMPOTENCY_KEY_LENGTH,
    NEED_WORDS,
    TRIGGER_WORDS,
)
from breathingroom.dance.vocabulary import FEARS, MOVE_HINT, TRIGGERS, Move
from breathingroom.phrasebook.vocabulary import NEEDS
from breathingroom.writing import Writing

# The largest version a database keeps in a positive integer: only so the number stays a number.
LAST_VERSION = 2**31 - 1
NOT_LISTED = _("Choose from the list, or write it in your own words below it.")

# A value and its name, or a group's name and its own list of them.
Choices = list[tuple[Any, Any]]


def _flat(items: Any) -> Choices:
    return [(item.key, item.name) for item in items]


def _feelings() -> Choices:
    # Grouped by family, so a long list reads as a few short ones.
    return [(family.name, _flat(family.feelings)) for family in FAMILIES]


@dataclass(frozen=True)
class Part:
    """One part of a side: its question, the list it offers, and the kind of words it takes."""

    name: str
    question: str | Promise
    choices: Choices
    words: Writing


PARTS: tuple[Part, ...] = (
    Part("trigger", _("What set it off?"), _flat(TRIGGERS), TRIGGER_WORDS),
    Part("surface_feeling", _("What did you feel on the surface?"), _feelings(), FEELING_WORDS),
    Part("deeper_feeling", _("And underneath that?"), _feelings(), FEELING_WORDS),
    Part("fear", _("What were you afraid of?"), _flat(FEARS), FEAR_WORDS),
    Part("need", _("What did you need?"), _flat(NEEDS), NEED_WORDS),
)
PART_NAMES = tuple(part.name for part in PARTS)


def _listed_keys(part: Part) -> frozenset[str]:
    keys: set[str] = set()
    for value, label in part.choices:
        if isinstance(label, list | tuple):
            keys.update(key for key, _name in label)
        else:
            keys.add(value)
    return frozenset(keys)


LISTED = {part.name: _listed_keys(part) for part in PARTS}


class StartForm(forms.Form):
    # The break it follows, when begun from the end of a reconnection.
    break_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # New for each page shown: pressing "Begin" twice begins one episode.
    key = forms.CharField(required=False, max_length=IDEMPOTENCY_KEY_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)


class SideForm(forms.Form):
    """One's own side of an episode: the move, then each part from the list or in one's own words."""

    move = forms.ChoiceField(
        label=_("What did you do?"),
        help_text=_("Choose the one closest to it. Everyone does some of these; naming it is the first step out."),
        choices=Move.choices,
        widget=forms.RadioSelect,
        error_messages={"required": NOT_A_MOVE, "invalid_choice": NOT_A_MOVE},
    )
    # The version these words were written over (none for a first side), so a change made from an
    # older copy is noticed rather than saved over the newer one.
    version = forms.IntegerField(required=False, min_value=1, max_value=LAST_VERSION, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for part in PARTS:
            self.fields[part.name] = forms.ChoiceField(
                label=_("From the list"),
                required=False,
                choices=[("", _("None chosen")), *part.choices],
                error_messages={"invalid_choice": NOT_LISTED},
            )
            self.fields[f"{part.name}_own"] = part.words.field(
                label=_("Or in your own words"),
                widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
            )

    @classmethod
    def initial_for(cls, side: Any) -> dict[str, object]:
        """What an existing side puts in the form: a listed key in the list, anything else as own words."""
        if side is None:
            return {}
        initial: dict[str, object] = {"move": side.move.value, "version": side.version}
        for name in PART_NAMES:
            value = getattr(side, name).value
            if value in LISTED[name]:
                initial[name] = value
            else:
                initial[f"{name}_own"] = value
        return initial

    def words(self) -> SideWords:
        data = self.cleaned_data
        chosen = {name: data[f"{name}_own"] or data[name] for name in PART_NAMES}
        return SideWords(move=data["move"], **chosen)

    def moves(self) -> list[tuple[Any, str]]:
        """Each move's radio with its short line of description."""
        return [(radio, str(MOVE_HINT.get(radio.data["value"], ""))) for radio in self["move"]]

    def parts(self) -> list[tuple[Part, Any, Any]]:
        """Each part's question, with its list and its own-words field."""
        return [(part, self[part.name], self[f"{part.name}_own"]) for part in PARTS]
