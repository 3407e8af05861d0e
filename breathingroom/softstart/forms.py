from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.softstart.coach import SOFT_START_WORDS


class SoftStartForm(forms.Form):
    text = SOFT_START_WORDS.field(
        label=_("What you want to say"),
        help_text=_("Write it as it comes. Nothing here is kept or sent."),
        widget=forms.Textarea(attrs={"rows": 6, "data-soft-start": "", "autocomplete": "off", "dir": "auto"}),
    )
