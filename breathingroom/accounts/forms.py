from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts import languages, timezones
from breathingroom.accounts.models import FASTEST_RESTING_HEART_RATE, SLOWEST_RESTING_HEART_RATE, Person
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


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Language"))
        kwargs.setdefault(
            "help_text",
            _(
                "Pages, emails and notifications on your phone are in this language. "
                "Until you choose one, your browser decides."
            ),
        )
        super().__init__(choices=languages.choices, required=False, **kwargs)


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


RESTING_RANGE = format_lazy(
    _(
        "A resting heart rate here is between {slowest} and {fastest} beats a minute. "
        "If you are not sure, leave it empty."
    ),
    slowest=SLOWEST_RESTING_HEART_RATE,
    fastest=FASTEST_RESTING_HEART_RATE,
)


class RestingHeartRateField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Your resting heart rate (optional)"),
            help_text=_(
                "Beats a minute when you are calm, for example just after waking. A body check-in then notices "
                "when your heart is running about 10% above it, one sign of being too stirred up to talk well."
            ),
            required=False,
            min_value=SLOWEST_RESTING_HEART_RATE,
            max_value=FASTEST_RESTING_HEART_RATE,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "invalid": _("Write the heart rate as a whole number, like 62."),
                "min_value": RESTING_RANGE,
                "max_value": RESTING_RANGE,
            },
            **kwargs,
        )


class ProfileForm(forms.ModelForm):
    display_name = DisplayNameField()
    time_zone = TimeZoneField()
    language = LanguageField()
    resting_heart_rate = RestingHeartRateField()

    class Meta:
        model = Person
        fields = ["display_name", "time_zone", "language", "resting_heart_rate"]
