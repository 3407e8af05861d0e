from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.agreements.models import LONGEST_BREAK
from breathingroom.breaks.models import (
    NEXT_TRY_WORDS,
    PREPARATION_NOTE,
    REASSURANCE_LENGTH,
    REASSURANCE_WORDS,
    SHORTEST_EXTENSION,
    Repair,
    Timing,
)
from breathingroom.breaks.reconnecting import STRONGEST

MORNING = "morning"

# Offered beside the words, for a moment when finding any is hard: each says what the break is for
# (settling, not leaving) and that the one stepping away is coming back.
REASSURANCE_SUGGESTIONS = (
    _("I'm stepping away to calm down, not away from you. I'll be back at the time I chose."),
    _("We're on the same side. I need some quiet first, then I want to hear you."),
    _("I love you. My body needs to settle before I can listen well."),
    _("This is a pause, not an ending. See you soon."),
)


def ReassuranceField() -> forms.CharField:
    return REASSURANCE_WORDS.field(
        label=_("Your words to your partner"),
        help_text=format_lazy(_("They see this at once. Up to {limit} characters."), limit=REASSURANCE_LENGTH),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REASSURANCE_LENGTH}),
    )


class TakeSpaceForm(forms.Form):
    """The reassurance, and the length: each length is its own "go" button, named ``length``."""

    reassurance = ReassuranceField()
    length = forms.CharField(max_length=12, error_messages={"required": _("Choose how long you need.")})

    def clean_length(self) -> tuple[int | None, bool]:
        """(minutes, until_morning) from the button pressed; minutes is None for the morning.

        Only the reading of the button is checked here: which lengths are allowed, the domain says.
        """
        value = self.cleaned_data["length"]
        if value == MORNING:
            return None, True
        try:
            return int(value), False
        except ValueError:
            raise forms.ValidationError(_("Choose one of the lengths offered.")) from None


class ExtendForm(forms.Form):
    reassurance = ReassuranceField()
    minutes = forms.IntegerField(
        min_value=SHORTEST_EXTENSION,
        max_value=LONGEST_BREAK,
        error_messages={"required": _("Choose how much more time you need.")},
    )


class PrepareForm(forms.Form):
    felt = PREPARATION_NOTE.field(label=_("What I felt"), widget=forms.Textarea(attrs={"rows": 3}))
    need = PREPARATION_NOTE.field(label=_("What I needed, or need now"), widget=forms.Textarea(attrs={"rows": 3}))
    my_part = PREPARATION_NOTE.field(
        label=_("My own part in it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Not blame, just what you did that fed the loop."),
    )


class CheckInForm(forms.Form):
    strength = forms.TypedChoiceField(
        label=_("How stirred up is your body right now?"),
        choices=[(n, str(n)) for n in range(STRONGEST + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=format_lazy(_("0 is calm, {strongest} is overwhelmed."), strongest=STRONGEST),
        error_messages={
            "required": format_lazy(_("Choose a number from 0 to {strongest}."), strongest=STRONGEST),
            "invalid_choice": format_lazy(_("Choose a number from 0 to {strongest}."), strongest=STRONGEST),
        },
    )
    shared = forms.BooleanField(label=_("Let my partner see my number"), required=False)


class NextTryForm(forms.Form):
    text = NEXT_TRY_WORDS.field(
        label=_("One thing I will try next time"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Small and concrete, like “say I need a break before I walk away”."),
    )


class OutcomeForm(forms.Form):
    timing = forms.ChoiceField(label=_("Coming back"), choices=Timing.choices, widget=forms.RadioSelect)
    repair = forms.ChoiceField(label=_("How things feel between you"), choices=Repair.choices, widget=forms.RadioSelect)
    next_talk_at = forms.DateTimeField(
        label=_("If not yet: when will you talk again?"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_next_talk_at(self) -> object:
        value = self.cleaned_data.get("next_talk_at")
        # Read in the person's own zone, which the middleware has made the current one.
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class TalkAgainForm(OutcomeForm):
    """Another time to talk again, chosen and read as the first one was."""

    timing = None  # type: ignore[assignment]
    repair = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["next_talk_at"]
        field.label, field.required = _("Another time to talk again"), True
