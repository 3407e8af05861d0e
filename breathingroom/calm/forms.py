from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.calm.models import UNSENT_NOTE_LENGTH, UNSENT_WORDS


class UnsentNoteForm(forms.Form):
    text = UNSENT_WORDS.field(
        label=_("What you would like to say"),
        help_text=format_lazy(
            _("Up to {limit} characters. You can delete it whenever you like."), limit=UNSENT_NOTE_LENGTH
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
