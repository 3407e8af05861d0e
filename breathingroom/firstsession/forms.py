from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.firstsession.models import Side

CHOOSE_A_SIDE = _("Choose whether you tend to reach, to step back, or that it depends.")


class SideForm(forms.Form):
    side = forms.ChoiceField(
        label=_("When things get tense between you…"),
        choices=Side.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_A_SIDE, "invalid_choice": CHOOSE_A_SIDE},
    )
