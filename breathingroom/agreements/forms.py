from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from breathingroom.agreements.models import (
    DEFAULT_CONTACT_EVERY,
    LONGEST_BREAK,
    MAX_EXTENSIONS,
    MY_WORDS,
    OWN_WAY_WORDS,
    SHORTEST_CONTACT_EVERY,
    WORDS_LENGTH,
    Contact,
    Reconnect,
    Terms,
)
from breathingroom.agreements.proposals import Proposal
from breathingroom.agreements.rhythm_forms import RhythmForms
from breathingroom.durations import minutes_label

PRESET_CHOICES = [(m, lazy(minutes_label, str)(m)) for m in (10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720)]
LONGEST_CHOICES = [(m, lazy(minutes_label, str)(m)) for m in (60, 120, 240, 480, 720, 1440, 2160, 2880)]
SHORTEST_CHOICES = [(m, lazy(minutes_label, str)(m)) for m in (10, 15, 20, 30, 45, 60)]


class ProposalForm(forms.Form):
    shortest = forms.TypedChoiceField(
        label=_("Shortest break"),
        choices=SHORTEST_CHOICES,
        coerce=int,
        help_text=_("Twenty minutes is the usual advice: about how long a body needs to settle after flooding."),
    )
    longest = forms.TypedChoiceField(
        label=_("Longest break, extensions included"),
        choices=LONGEST_CHOICES,
        coerce=int,
        help_text=_("Couples therapists commonly suggest coming back within a day."),
    )
    presets = forms.TypedMultipleChoiceField(
        label=_("Lengths to choose from when taking space"),
        choices=PRESET_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    until_morning = forms.BooleanField(label=_("Also offer “until tomorrow morning”"), required=False)
    extensions = forms.TypedChoiceField(
        label=_("Extensions per break"),
        choices=[(n, str(n)) for n in range(MAX_EXTENSIONS + 1)],
        coerce=int,
        help_text=_("Each one comes with new words and a new time."),
    )
    contact = forms.ChoiceField(
        label=_("What the waiting partner may send"), choices=Contact.choices, widget=forms.RadioSelect
    )
    contact_every = forms.IntegerField(
        label=_("Minutes between two “thinking of you”s"),
        min_value=SHORTEST_CONTACT_EVERY,
        max_value=LONGEST_BREAK,
        required=False,
    )
    reconnect = forms.ChoiceField(label=_("How you reconnect"), choices=Reconnect.choices, widget=forms.RadioSelect)
    own_way = OWN_WAY_WORDS.field(
        label=_("Your own way"),
        help_text=_("For example “a walk together” or “tea on the sofa”."),
    )
    words = MY_WORDS.field(
        label=_("The words I would like to hear when my partner steps away"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": WORDS_LENGTH}),
        help_text=_("They will be offered to your partner, ready to send, whenever they take space."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The everyday rhythm is a section of its own: a few rows, and the clock they keep.
        self.rhythm = RhythmForms(self.data if self.is_bound else None, self.initial)

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rhythm.is_valid()])

    @classmethod
    def from_terms(cls, terms: Terms, my_words: str) -> ProposalForm:
        return cls(
            initial={
                **RhythmForms.initial_from(terms),
                "shortest": terms.shortest,
                "longest": terms.longest,
                "presets": list(terms.presets),
                "until_morning": terms.until_morning,
                "extensions": terms.extensions,
                "contact": terms.contact,
                "contact_every": terms.contact_every,
                "reconnect": terms.reconnect,
                "own_way": terms.own_way,
                "words": my_words,
            }
        )

    def proposal(self) -> Proposal:
        data = self.cleaned_data
        return Proposal(
            shortest=data["shortest"],
            longest=data["longest"],
            presets=tuple(data["presets"]),
            until_morning=data["until_morning"],
            extensions=data["extensions"],
            contact=data["contact"],
            contact_every=data["contact_every"] or DEFAULT_CONTACT_EVERY,
            reconnect=data["reconnect"],
            own_way=data["own_way"],
            words=data["words"],
            rhythm=self.rhythm.times(),
            rhythm_zone=self.rhythm.zone(),
        )


class AcceptForm(forms.Form):
    words = MY_WORDS.field(
        label=_("The words I would like to hear when my partner steps away"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": WORDS_LENGTH}),
    )
