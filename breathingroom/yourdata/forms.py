from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.yourdata import deletion


class DeleteAccountForm(forms.Form):
    """The typed confirmation, and the password unless allauth's re-authentication asks for it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password, so we know it is really you.")},
    )
    confirm = forms.CharField(
        label=_("Type “delete my account” to confirm"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("Type “delete my account” to confirm.")},
    )

    def __init__(self, person: Person, *args: Any, ask_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        if not ask_password:
            del self.fields["password"]

    def clean_confirm(self) -> str:
        typed = " ".join(self.cleaned_data["confirm"].split()).casefold()
        if typed not in {str(_("delete my account")).casefold(), "delete my account"}:
            raise forms.ValidationError(_("Type the words “delete my account” exactly, to be sure."))
        return typed

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        try:
            deletion.confirm_identity(self.person, password)
        except deletion.NotConfirmed as e:
            raise forms.ValidationError(str(e.message)) from None
        return password
