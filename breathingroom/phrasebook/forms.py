from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.phrasebook.models import (
    NAME_LENGTH,
    SIGNAL_LENGTH,
    SIGNAL_WORDS,
    WHY_LENGTH,
    WORD_NAME,
    WORD_WHY,
    WordKind,
)
from breathingroom.phrasebook.words import NOT_A_KIND


def _name() -> forms.CharField:
    return WORD_NAME.field(
        label=_("The word, or a few words"),
        help_text=_("For example “a hand on my back” or “no phones at dinner”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": NAME_LENGTH}),
    )


def _why() -> forms.CharField:
    return WORD_WHY.field(
        label=_("What it means to you (optional)"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": WHY_LENGTH}),
    )


class OwnWordForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Is it a need or a boundary?"),
        choices=WordKind.choices,
        initial=WordKind.NEED,
        widget=forms.RadioSelect,
        error_messages={"required": NOT_A_KIND, "invalid_choice": NOT_A_KIND},
    )
    name = _name()
    why = _why()


class EditWordForm(forms.Form):
    name = _name()
    why = _why()


class SignalPhraseForm(forms.Form):
    words = SIGNAL_WORDS.field(
        label=_("Words that mean “I need space, and I'm coming back”"),
        help_text=_("Short enough to say, or send, in one breath. For example “I need air, I'll be back”."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": SIGNAL_LENGTH}),
    )
