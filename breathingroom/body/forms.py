"""The check-in form: the shape of what a page sends, with the domain's own limits and words."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.body.checking_in import (
    HEART_RATE_RANGE,
    INTENSITY_RANGE,
    NO_PLACE,
    NOT_A_FEELING,
    NOT_A_NEED,
    NOT_A_PLACE,
    NOT_A_SENSATION,
    Place,
)
from breathingroom.body.feelings import FAMILIES, FEELINGS
from breathingroom.body.models import (
    FASTEST_HEART_RATE,
    IDEMPOTENCY_KEY_LENGTH,
    NOTE,
    OWN_FEELING,
    SLOWEST_HEART_RATE,
    STRONGEST,
    Region,
    Sensation,
)
from breathingroom.phrasebook.vocabulary import NEEDS

WHAT_IS_IT_LIKE = _("Choose what it feels like there.")


@dataclass(frozen=True)
class PlaceRow:
    """One place in the list: its checkbox, and what it feels like there and how strongly."""

    region: str
    name: str
    choice: BoundWidget
    sensation: forms.BoundField
    intensity: forms.BoundField
    chosen: bool


class CheckInForm(forms.Form):
    places = forms.MultipleChoiceField(
        label=_("Where do you feel it?"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_A_PLACE},
    )
    feelings = forms.MultipleChoiceField(
        label=_("Which feelings are there? (optional)"),
        choices=[(f.key, f.name) for f in FEELINGS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_A_FEELING},
    )
    need = forms.ChoiceField(
        label=_("What might you need underneath? (optional)"),
        choices=[("", _("Not sure yet")), *((n.key, n.name) for n in NEEDS)],
        required=False,
        initial="",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": NOT_A_NEED},
    )
    heart_rate = forms.IntegerField(
        label=_("Heart rate, if you know it (optional)"),
        required=False,
        min_value=SLOWEST_HEART_RATE,
        max_value=FASTEST_HEART_RATE,
        help_text=_("Beats a minute, from a watch, or count your pulse for 15 seconds and multiply by four."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Write the heart rate as a whole number, like 84."),
            "min_value": HEART_RATE_RANGE,
            "max_value": HEART_RATE_RANGE,
        },
    )
    own_feeling = OWN_FEELING.field(
        label=_("A feeling in your own words (optional)"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    note = NOTE.field(label=_("Anything else you notice (optional)"), widget=forms.Textarea(attrs={"rows": 3}))
    # New for each form shown: the same form sent twice (a double tap, a slow connection) keeps one check-in.
    once = forms.CharField(
        max_length=IDEMPOTENCY_KEY_LENGTH,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"max_length": _("This form is too old to send. Load the page again, then check in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["once"] = uuid.uuid4().hex
        for region, place in Region.choices:
            self.fields[f"sensation_{region}"] = forms.ChoiceField(
                label=format_lazy(_("{place}: what is it like?"), place=place),
                choices=Sensation.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": NOT_A_SENSATION},
            )
            self.fields[f"intensity_{region}"] = forms.IntegerField(
                label=format_lazy(_("{place}: how strong, from 0 to {strongest}?"), place=place, strongest=STRONGEST),
                required=False,
                min_value=0,
                max_value=STRONGEST,
                help_text=format_lazy(_("0 is hardly there, {strongest} as strong as it gets."), strongest=STRONGEST),
                # A number works everywhere; the page's script turns it into a slider with its value beside it.
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "data-strength": ""}),
                error_messages={
                    "invalid": INTENSITY_RANGE,
                    "min_value": INTENSITY_RANGE,
                    "max_value": INTENSITY_RANGE,
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        chosen = cleaned.get("places") or []
        if "places" in cleaned and not chosen:
            self.add_error("places", NO_PLACE)
        self.chosen_places: list[Place] = []
        for region in chosen:
            sensation = cleaned.get(f"sensation_{region}")
            intensity = cleaned.get(f"intensity_{region}")
            if not sensation and f"sensation_{region}" not in self.errors:
                self.add_error(f"sensation_{region}", WHAT_IS_IT_LIKE)
            if intensity is None and f"intensity_{region}" not in self.errors:
                self.add_error(f"intensity_{region}", INTENSITY_RANGE)
            if sensation and intensity is not None:
                self.chosen_places.append(Place(region, sensation, intensity))
        return cleaned

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        chosen = set(self.cleaned_data.get("places") or [])
        for region in Region.values:
            if region in chosen:
                continue
            for name in (f"sensation_{region}", f"intensity_{region}"):
                # A slider's number or a choice under a place left unticked is none of the check-in's business.
                self.errors.pop(name, None)

    def domain_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "places": self.chosen_places,
            "feelings": data["feelings"],
            "need": data["need"],
            "heart_rate": data["heart_rate"],
            "own_feeling": data["own_feeling"],
            "note": data["note"],
            "once": data["once"],
        }

    def place_rows(self) -> list[PlaceRow]:
        chosen = set(self["places"].value() or [])
        choices = {choice.data["value"]: choice for choice in self["places"]}
        return [
            PlaceRow(
                region=region,
                name=str(name),
                choice=choices[region],
                sensation=self[f"sensation_{region}"],
                intensity=self[f"intensity_{region}"],
                chosen=region in chosen,
            )
            for region, name in Region.choices
        ]

    def feeling_families(self) -> list[tuple[Any, list[Any]]]:
        """Each family of feelings with its own checkboxes, in the list's order."""
        boxes = {choice.data["value"]: choice for choice in self["feelings"]}
        return [(family, [boxes[f.key] for f in family.feelings]) for family in FAMILIES]

    def need_choices(self) -> list[tuple[Any, str]]:
        why = {n.key: str(n.why) for n in NEEDS}
        return [(choice, why.get(choice.data["value"], "")) for choice in self["need"]]

    @property
    def more_was_given(self) -> bool:
        """The optional details were filled in or refused: keep them open."""
        fields = ("heart_rate", "own_feeling", "note")
        return self.is_bound and any(self.data.get(f) or f in self.errors for f in fields)
