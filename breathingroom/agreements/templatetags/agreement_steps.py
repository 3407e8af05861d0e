"""``{% for step in form|in_steps %}``: a proposal form, shown one term at a time."""

from __future__ import annotations

from django import forms, template

from breathingroom.agreements.steps import StepShown, steps_of

register = template.Library()


@register.filter
def in_steps(form: forms.Form) -> list[StepShown]:
    return steps_of(form)
