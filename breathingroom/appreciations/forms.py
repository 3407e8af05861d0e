from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.appreciations.models import APPRECIATION_LENGTH, APPRECIATION_WORDS, NoteKind


class AppreciationForm(forms.Form):
    """The words, and the button pressed: "send" (kind words) or "we're okay" (words optional)."""

    text = APPRECIATION_WORDS.field(
        label=_("What you appreciate"),
        help_text=format_lazy(_("Up to {limit} characters. No reply is expected."), limit=APPRECIATION_LENGTH),
        widget=forms.Textarea(
            attrs={"rows": 2, "maxlength": APPRECIATION_LENGTH, "placeholder": _("I appreciate how you…")}
        ),
    )
    kind = forms.ChoiceField(
        choices=NoteKind.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose kind words or “we're okay”.")},
    )

    def clean_kind(self) -> NoteKind:
        return NoteKind(self.cleaned_data["kind"] or NoteKind.APPRECIATION)
