from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.notify import quiet
from breathingroom.notify.models import NotificationSettings
from breathingroom.refusals import Refused


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["push", "email_reminders", "quiet_from", "quiet_until"]
        labels = {
            "push": _("Notifications on your devices"),
            "email_reminders": _("Email me when it is time to come back"),
            "quiet_from": _("Quiet from"),
            "quiet_until": _("Quiet until"),
        }
        help_texts = {
            "email_reminders": _(
                "Also when someone is late coming back, at the times of your everyday rhythm, and when your "
                "partner sends you a kind word; only while Breathing Room is closed on all your devices."
            ),
        }
        widgets = {
            "push": forms.RadioSelect,
            "quiet_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = self.instance.person.time_zone_label
        self.fields["quiet_until"].help_text = _(
            "No notifications or emails between these times, on your own clock (%(zone)s). The time you "
            "agreed to come back still comes through. Leave both empty for none."
        ) % {"zone": zone}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                quiet.check(data.get("quiet_from"), data.get("quiet_until"))
            except Refused as refused:
                raise forms.ValidationError(refused.message) from None
        return data
