"""The seat's forms: their shape only. Who may invite, approve or share is decided in ``seats``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.therapy.models import EMAIL_LENGTH, ShareKind

KINDS_HELP = _("Each is shown to your therapist only once you both tick it. You can change this at any time.")


def _kinds() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("What you would share"),
        choices=ShareKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=KINDS_HELP,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your therapist's email address"),
        max_length=EMAIL_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("Nothing is sent until your partner agrees too."),
    )
    kinds = _kinds()


class KindsForm(forms.Form):
    kinds = _kinds()
