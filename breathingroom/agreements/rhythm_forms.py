"""The everyday rhythm's section of the proposal page: a few rows of times, and the clock they keep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts import timezones
from breathingroom.agreements.models import Terms
from breathingroom.agreements.rhythm import (
    DAY_NAMES,
    MOST_RHYTHM_TIMES,
    WHAT_LENGTH,
    WHAT_WORDS,
    RhythmKind,
    RhythmTime,
)

PREFIX = "rhythm"


class RhythmTimeForm(forms.Form):
    what = WHAT_WORDS.field(
        label=_("What it is"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": WHAT_LENGTH}),
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=[(n, name) for n, name in enumerate(DAY_NAMES)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    at = forms.TimeField(
        label=_("Time, on your rhythm's clock"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind of time"), choices=[("", _("Leave it open")), *RhythmKind.choices], required=False
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = data.get("what") or data.get("days") or data.get("at") is not None
        if filled:
            if not data.get("what"):
                self.add_error("what", WHAT_WORDS.empty or "")
            if not data.get("days"):
                self.add_error("days", _("Choose at least one day."))
            if data.get("at") is None:
                self.add_error("at", _("Choose a time of day."))
        return data

    def time(self) -> RhythmTime | None:
        data = self.cleaned_data
        if not data.get("what"):
            return None  # a row left empty, or emptied to take the time out
        return RhythmTime(
            days=tuple(data["days"]), at=data["at"], what=data["what"], kind=data["kind"], key=data["key"]
        )


RhythmTimeFormSet = formset_factory(RhythmTimeForm, extra=2, max_num=MOST_RHYTHM_TIMES, validate_max=True)


class RhythmClockForm(forms.Form):
    zone = forms.ChoiceField(
        label=_("The clock your rhythm keeps"),
        choices=lambda: [("", _("My own time zone")), *timezones.choices()],
        required=False,
        help_text=_("If you live in two time zones, each of you is reminded at the same moment, on your own clock."),
    )


class RhythmForms:
    """The rows and the clock, read together. A page that sends no rows (an older form) proposes no rhythm."""

    def __init__(self, data: Any, initial: Mapping[str, Any]) -> None:
        sent = data is not None and f"{PREFIX}-TOTAL_FORMS" in data
        self.rows = RhythmTimeFormSet(data if sent else None, prefix=PREFIX, initial=initial.get("rhythm"))
        self.clock = RhythmClockForm(
            data if sent else None, prefix=PREFIX, initial={"zone": initial.get("rhythm_zone")}
        )
        self.sent = sent

    @staticmethod
    def initial_from(terms: Terms) -> dict[str, Any]:
        rows = [{"what": t.what, "days": list(t.days), "at": t.at, "kind": t.kind, "key": t.key} for t in terms.rhythm]
        return {"rhythm": rows, "rhythm_zone": terms.rhythm_zone}

    def is_valid(self) -> bool:
        return not self.sent or all([self.rows.is_valid(), self.clock.is_valid()])

    def times(self) -> tuple[RhythmTime, ...]:
        if not self.sent:
            return ()
        return tuple(t for form in self.rows.forms if (t := form.time()) is not None)

    def zone(self) -> str:
        return self.clock.cleaned_data["zone"] if self.sent else ""
