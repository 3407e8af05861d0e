from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts import timezones
from breathingroom.accounts.models import Person
from breathingroom.writing import WrittenField


class DisplayNameField(WrittenField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your name"))
        kwargs.setdefault("help_text", _("What your partner sees, for example your first name."))
        super().__init__(
            max_length=Person._meta.get_field("display_name").max_length,
            error_messages={"required": _("Please enter a name your partner will recognise.")},
            widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
            **kwargs,
        )


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your time zone"))
        kwargs.setdefault("help_text", _("Times are shown to you in this zone."))
        super().__init__(choices=timezones.choices, **kwargs)


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks beyond email and password."""

    display_name = DisplayNameField()
    time_zone = TimeZoneField(
        initial="UTC",
        help_text=_("Filled in from this device; change it if it is wrong."),
        widget=forms.Select(attrs={"data-browser-time-zone": ""}),
    )

    field_order = ["display_name", "email", "password1", "password2", "time_zone"]

    def signup(self, request: object, user: Person) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField()
    time_zone = TimeZoneField()

    class Meta:
        model = Person
        fields = ["display_name", "time_zone"]
