from __future__ import annotations

from django import forms

from breathingroom.offers.models import Answer, Moment


class AnswerForm(forms.Form):
    moment = forms.ChoiceField(choices=Moment.choices)
    answer = forms.ChoiceField(choices=Answer.choices)
