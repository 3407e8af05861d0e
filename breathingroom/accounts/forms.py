from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts import timezones
from breathingroom.accounts.models import Person


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=timezones.choices, **kwargs)  # type: ignore[arg-type]


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks beyond email and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=60,
        help_text=_("What your partner will see."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    time_zone = TimeZoneField(
        label=_("Your time zone"),
        initial="UTC",
        help_text=_("Filled in from this device; change it if it is wrong."),
        widget=forms.Select(attrs={"data-browser-time-zone": ""}),
    )

    field_order = ["display_name", "email", "password1", "password2", "time_zone"]

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter a name your partner will recognise."))
        return name

    def signup(self, request: object, user: Person) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label=_("Your time zone"))

    class Meta:
        model = Person
        fields = ["display_name", "time_zone"]
        labels = {"display_name": _("Your name")}

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter a name your partner will recognise."))
        return name
