"""The reflection's form: its shape only. Whether the words may be kept is decided in ``reading``."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from breathingroom.journal.models import IDEMPOTENCY_KEY_LENGTH
from breathingroom.lessons.reading import REFLECTION_WORDS


class ReflectForm(forms.Form):
    text = REFLECTION_WORDS.field(
        label=_("Your answer"),
        help_text=_("Kept in your journal with the question. Only you can read it, unless you choose to share it."),
        widget=forms.Textarea(attrs={"rows": "7", "dir": "auto"}),
    )
    # New for each page shown: pressing "Keep it" twice keeps one entry.
    key = forms.CharField(required=False, max_length=IDEMPOTENCY_KEY_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)
        # A screen reader announces the question with the box its answer is written in.
        self.fields["text"].widget.attrs["aria-describedby"] = f"question {self['text'].auto_id}_helptext"
