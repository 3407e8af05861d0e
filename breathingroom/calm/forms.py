from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.calm.keeping import HEART_RATE_RANGE, NOT_A_PLACE, NOT_A_SENSATION, STRENGTH_RANGE
from breathingroom.calm.models import (
    CHECK_IN_NOTE,
    FASTEST_HEART_RATE,
    FEELING_WORDS,
    SLOWEST_HEART_RATE,
    STRONGEST,
    UNSENT_NOTE_LENGTH,
    UNSENT_WORDS,
    BodyPart,
    Sensation,
)


class BodyCheckInForm(forms.Form):
    where = forms.ChoiceField(
        label=_("Where do you feel it most?"),
        choices=[("", _("Choose a place")), *BodyPart.choices],
        error_messages={
            "required": _("Choose where in your body you feel it most."),
            "invalid_choice": NOT_A_PLACE,
        },
    )
    sensation = forms.ChoiceField(
        label=_("What does it feel like?"),
        choices=[("", _("Choose a sensation")), *Sensation.choices],
        error_messages={
            "required": _("Choose the sensation that fits best, or “Something else”."),
            "invalid_choice": NOT_A_SENSATION,
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
            "required": STRENGTH_RANGE,
            "invalid": STRENGTH_RANGE,
            "min_value": STRENGTH_RANGE,
            "max_value": STRENGTH_RANGE,
        },
    )
    feeling = FEELING_WORDS.field(
        label=_("Which feeling is it? (optional)"),
        help_text=_("A word or two, for example: scared, hurt, angry, lonely."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
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
            "min_value": HEART_RATE_RANGE,
            "max_value": HEART_RATE_RANGE,
        },
    )
    note = CHECK_IN_NOTE.field(label=_("Anything else you notice (optional)"), widget=forms.Textarea(attrs={"rows": 3}))


class UnsentNoteForm(forms.Form):
    text = UNSENT_WORDS.field(
        label=_("What you would like to say"),
        help_text=format_lazy(
            _("Up to {limit} characters. You can delete it whenever you like."), limit=UNSENT_NOTE_LENGTH
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
