"""The report's form: its shape only. What a period may be and what a report may hold is decided in ``making``."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.reports.making import PRESET_NAMES, preset_period
from breathingroom.reports.models import ReportKind

DATES = "dates"


class MakeForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Which time"),
        choices=[*((p.value, name) for p, name in PRESET_NAMES.items()), (DATES, _("Days I choose"))],
        widget=forms.RadioSelect,
        initial="1m",
    )
    start = forms.DateField(
        label=_("First day"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kinds = forms.MultipleChoiceField(
        label=_("What it holds"),
        choices=ReportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=ReportKind.values,
        error_messages={"required": _("Choose at least one thing for the report to hold.")},
    )

    def period_between(self, today: date) -> tuple[date, date]:
        """The first and last day asked for: a preset's, or the days chosen (checked by ``making``)."""
        chosen = self.cleaned_data["period"]
        if chosen != DATES:
            return preset_period(chosen, today)
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return start or today, end or today

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("period") == DATES and (not cleaned.get("start") or not cleaned.get("end")):
            raise forms.ValidationError(_("Choose a first and a last day, or one of the times above."))
        return cleaned


class SidesForm(forms.Form):
    """Which of my shared sides go into reports: each ticked episode's side is in, the others out."""

    episodes = forms.MultipleChoiceField(
        label=_("Your shared sides, newest first"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["episodes"].choices = choices  # type: ignore[attr-defined]
