from __future__ import annotations

from django import forms

from breathingroom.help.models import Answer


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=Answer.choices)
