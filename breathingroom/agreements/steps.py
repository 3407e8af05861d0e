"""The agreement, written one term at a time: on a phone, each term is a short step of its own.

Each step names the fields of :class:`~breathingroom.agreements.forms.ProposalForm` it asks about,
or a template for a part that is more than fields, and says in one sentence why the term matters.
The page is still one form posted once, so the API and the form read the same terms; a step is only
how the page shows them. To add a term, add its step here, in the order it should be asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django import forms
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Step:
    key: str  # the step's id on the page: step-<key>
    title: _StrPromise
    why: _StrPromise
    fields: tuple[str, ...] = ()
    template: str = ""  # rendered inside the step with the form in its context, after the fields


STEPS = (
    Step(
        "lengths",
        _("How long a break can be"),
        _("Settled now, the lengths never have to be bargained over in the middle of a hard moment."),
        ("shortest", "longest", "presets"),
    ),
    Step(
        "morning",
        _("Until tomorrow morning"),
        _("Some nights are better slept on; agreed ahead, a long pause reads as care, not as a door closing."),
        ("until_morning",),
    ),
    Step(
        "extensions",
        _("More time"),
        _("A body sometimes needs longer to settle; new words and a new time spare the one waiting the guessing."),
        ("extensions",),
    ),
    Step(
        "contact",
        _("While one of you waits"),
        _("A small sign can ease the waiting, while too many can pull the one resting back into the argument."),
        ("contact", "contact_every"),
    ),
    Step(
        "reconnect",
        _("Coming back"),
        _("Knowing how you will come back together makes a break easier for both of you to trust."),
        ("reconnect", "own_way"),
    ),
    Step(
        "words",
        _("The words you would like to hear"),
        _("When your partner steps away, these are ready for them to send, so the words you need come easily."),
        ("words",),
        template="agreements/_words_picks.html",
    ),
    Step(
        "rhythm",
        _("Your everyday rhythm"),
        _("Time apart is easier to trust when time together has its own place in the week."),
        template="agreements/_rhythm_fields.html",
    ),
)


@dataclass(frozen=True)
class StepShown:
    """One step of one form, numbered, with its fields bound to that form."""

    step: Step
    number: int
    of: int
    fields: list[forms.BoundField]


def steps_of(form: forms.Form) -> list[StepShown]:
    return [
        StepShown(step, number, len(STEPS), [form[name] for name in step.fields])
        for number, step in enumerate(STEPS, start=1)
    ]
