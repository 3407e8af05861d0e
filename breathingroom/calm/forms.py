from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.calm.models import (
    CHECK_IN_NOTE_LENGTH,
    FASTEST_HEART_RATE,
    FEELING_LENGTH,
    SLOWEST_HEART_RATE,
    STRONGEST,
    UNSENT_NOTE_LENGTH,
    BodyPart,
    Sensation,
)
from breathingroom.writing import WrittenField

_STRENGTH_RANGE = format_lazy(_("Choose a number from 0 to {strongest}."), strongest=STRONGEST)
_HEART_RATE_RANGE = format_lazy(
    _("A heart rate here is between {slowest} and {fastest} beats a minute. If you are not sure, leave it empty."),
    slowest=SLOWEST_HEART_RATE,
    fastest=FASTEST_HEART_RATE,
)


class BodyCheckInForm(forms.Form):
    where = forms.ChoiceField(
        label=_("Where do you feel it most?"),
        choices=[("", _("Choose a place")), *BodyPart.choices],
        error_messages={
            "required": _("Choose where in your body you feel it most."),
            "invalid_choice": _("Choose one of the places in the list."),
        },
    )
    sensation = forms.ChoiceField(
        label=_("What does it feel like?"),
        choices=[("", _("Choose a sensation")), *Sensation.choices],
        error_messages={
            "required": _("Choose the sensation that fits best, or “Something else”."),
            "invalid_choice": _("Choose one of the sensations in the list."),
        },
    )
    strength = forms.IntegerField(
        label=_("How strong is it?"),
        min_value=0,
        max_value=STRONGEST,
        help_text=format_lazy(_("0 is hardly there, {strongest} is as strong as it gets."), strongest=STRONGEST),
        # A number field works everywhere; the page's script turns it into a slider with its value beside it.
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "data-strength": ""}),
        error_messages={
            "required": _STRENGTH_RANGE,
            "invalid": _STRENGTH_RANGE,
            "min_value": _STRENGTH_RANGE,
            "max_value": _STRENGTH_RANGE,
        },
    )
    feeling = WrittenField(
        label=_("Which feeling is it? (optional)"),
        max_length=FEELING_LENGTH,
        required=False,
        help_text=_("A word or two, for example: scared, hurt, angry, lonely."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("A word or two is enough: up to %(limit_value)s characters.")},
    )
    heart_rate = forms.IntegerField(
        label=_("Heart rate, if you know it (optional)"),
        required=False,
        min_value=SLOWEST_HEART_RATE,
        max_value=FASTEST_HEART_RATE,
        help_text=_("Beats a minute, from a watch, or count your pulse for 15 seconds and multiply by four."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Write the heart rate as a whole number, like 84."),
            "min_value": _HEART_RATE_RANGE,
            "max_value": _HEART_RATE_RANGE,
        },
    )
    note = WrittenField(
        label=_("Anything else you notice (optional)"),
        max_length=CHECK_IN_NOTE_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep this note under %(limit_value)s characters.")},
    )


class UnsentNoteForm(forms.Form):
    text = WrittenField(
        label=_("What you would like to say"),
        max_length=UNSENT_NOTE_LENGTH,
        help_text=format_lazy(
            _("Up to {limit} characters. You can delete it whenever you like."), limit=UNSENT_NOTE_LENGTH
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("There is nothing here yet. Even a few words are enough."),
            "max_length": _(
                "This is longer than %(limit_value)s characters, so it has not been kept yet. Shorten it a "
                "little, then keep it again."
            ),
        },
    )
