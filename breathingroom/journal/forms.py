"""The journal's forms: their shape only. What may be kept is decided in ``entries``."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.journal.models import ENTRY_WORDS, IDEMPOTENCY_KEY_LENGTH, LAST_VERSION
from breathingroom.journal.prompts import PROMPT_KEY_LENGTH
from breathingroom.journal.search import QUERY_LENGTH

# Any number past the end shows the last page; this only keeps the number a number a database holds.
LAST_PAGE = 2**31 - 1
ENTRY_HELP = _("Only you can read it, unless you choose to share it.")


def _words(**attrs: str) -> forms.Textarea:
    # Spell-checking is the browser's own; nothing here sends the words anywhere else.
    # data-soft-start: the soft-start coach reads along beside it (softstart/_coach.html).
    return forms.Textarea(attrs={"rows": "12", "dir": "auto", "data-soft-start": "", **attrs})


class WriteForm(forms.Form):
    text = ENTRY_WORDS.field(label=_("Your words"), help_text=ENTRY_HELP, widget=_words())
    prompt = forms.CharField(required=False, max_length=PROMPT_KEY_LENGTH, widget=forms.HiddenInput)
    # New for each page shown: pressing "Keep it" twice keeps one entry.
    key = forms.CharField(required=False, max_length=IDEMPOTENCY_KEY_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)


class EditForm(forms.Form):
    text = ENTRY_WORDS.field(label=_("Your words"), help_text=ENTRY_HELP, widget=_words())
    # The version these words were written over, so an edit from an older copy is noticed.
    version = forms.IntegerField(min_value=1, max_value=LAST_VERSION, widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search your journal"),
        max_length=QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
        error_messages={"max_length": format_lazy(_("Search for a few words: up to {n} characters."), n=QUERY_LENGTH)},
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=LAST_PAGE, widget=forms.HiddenInput)
