from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your partner"),
        max_length=64,
        # A non-breaking hyphen, so the code is never split over two lines; written as itself for xgettext.
        help_text=_("Eight letters and numbers, like 7KQ2‑M9XD."),  # noqa: RUF001
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
