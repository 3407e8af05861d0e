"""One describer for the repair conversation: what this person sees of it, for the pages, the API and events.

The viewer sees all of their own words. Of the partner's words they see a part only once it shows to
them (``repair.shows_to``: once they have written their own words it waits on, or once its step is
behind them), and at the keeping step nothing of the partner's choice until the talk has ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.dance.models import Episode, RepairStep, RepairTalk
from breathingroom.dance.repair import ORDER, PART, PARTS, TALKING, Part, shows_to

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

LEADS: dict[str, _StrPromise] = {
    RepairStep.FELT: _(
        "Each of you says what you felt, only about yourself: “I felt…”, not “you made me…”. "
        "Feelings first; how it happened comes next."
    ),
    RepairStep.SAW: _(
        "Each of you says how it looked from where you stood. Then read how %(name)s saw it, say back "
        "what you heard, and name one thing in it that makes sense to you. Making sense is not agreeing."
    ),
    RepairStep.PAST: _("A small moment can land on an old bruise. What from before made this one hit so hard?"),
    RepairStep.MY_PART: _(
        "Each of you names your own part, only your own. A regret and an apology are yours to add if you want to."
    ),
    RepairStep.PLAN: _(
        "Each of you names one thing you will try next time the loop starts. Something small, and yours."
    ),
    RepairStep.KEEP: _(
        "Keep what you both wrote with the episode, to read again later? It is kept only if you both say yes. "
        "Otherwise it is let go when you finish: deleted, for both of you."
    ),
    RepairStep.DONE: _("You talked it through together."),
}

# For each part: my label, a line of help, and how the partner's words for it are introduced. An apostrophe
# is written as itself, not escaped: xgettext would keep an escape as written, and the message would go untranslated.
WORDING: dict[str, tuple[_StrPromise, _StrPromise, _StrPromise]] = {
    "felt": (
        _("What I felt"),
        _("About yourself: “I felt…”. The words for feelings below can help."),
        _("What %(name)s felt"),
    ),
    "saw": (
        _("How I saw it"),
        _("What happened, as it looked from where you stood. %(name)s will read it and say back what they heard."),
        _("How %(name)s saw it"),
    ),
    "summary_of_partner": (
        _("What I heard %(name)s say"),
        _("In your own words, a sentence or two. Not whether they are right."),
        _("What %(name)s heard you say"),
    ),
    "makes_sense": (
        _("One thing that makes sense in how %(name)s saw it"),
        _("“It makes sense that you…”"),
        _("What makes sense to %(name)s in how you saw it"),
    ),
    "past": (
        _("What it touched from before"),
        _("Earlier in your life, or earlier between you two. If nothing comes, say so: that is an answer too."),
        _("What it touched for %(name)s"),
    ),
    "my_part": (
        _("My part in it"),
        _("Only your own part: what you did that made it harder."),
        _("%(name)s’s part in it"),  # noqa: RUF001
    ),
    "regret": (
        _("What I regret"),
        _("If you want to."),
        _("What %(name)s regrets"),
    ),
    "apology": (
        _("My apology"),
        _("If you want to. Say what you are sorry for, and leave out “but”."),
        _("%(name)s’s apology"),  # noqa: RUF001
    ),
    "acceptance": (
        _("My answer to %(name)s’s apology"),  # noqa: RUF001
        _("Only if you are ready. “Not yet” is honest too."),
        _("%(name)s’s answer to your apology"),  # noqa: RUF001
    ),
    "plan": (
        _("What I will try next time"),
        _("One small thing that is yours to do."),
        _("What %(name)s will try next time"),
    ),
}


@dataclass(frozen=True)
class PartView:
    key: str
    label: str
    help: str
    partner_label: str
    needed: bool
    mine: str
    # The partner's words, only once they show to the viewer; None otherwise.
    partner: str | None
    # The viewer may write here now.
    open: bool


@dataclass(frozen=True)
class StepView:
    key: str
    name: str
    lead: str
    current: bool
    done: bool
    parts: list[PartView]
    i_confirmed: bool
    partner_confirmed: bool

    @property
    def open_parts(self) -> list[PartView]:
        return [p for p in self.parts if p.open]

    @property
    def has_words(self) -> bool:
        return any(p.mine or p.partner for p in self.parts)


@dataclass(frozen=True)
class RepairView:
    episode_id: UUID
    begun: bool
    step: str | None
    step_name: str
    partner_name: str
    started_by_me: bool
    paused: bool
    paused_by_me: bool
    paused_at: datetime | None
    finished: bool
    # None until the talk has ended.
    kept: bool | None
    # My own choice at the keeping step (None until I chose).
    my_keep: bool | None
    steps: list[StepView]
    updated_at: datetime | None

    @property
    def current(self) -> StepView | None:
        return next((s for s in self.steps if s.current), None)

    @property
    def said(self) -> list[StepView]:
        """The steps behind the talk that hold words, to read back."""
        return [s for s in self.steps if s.done and s.has_words]

    @property
    def signature(self) -> str:
        """Changes whenever anything in the talk does: an open page asks again only when it has."""
        moment = int(self.updated_at.timestamp() * 1_000_000) if self.updated_at else 0
        return f"{self.step or 'none'}.{moment}"


def _named(text: _StrPromise, name: str) -> str:
    return str(text) % {"name": name} if "%(name)s" in str(text) else str(text)


def describe_repair(episode: Episode, talk: RepairTalk | None, viewer: Person, partner: Person | None) -> RepairView:
    """The talk about ``episode`` as ``viewer`` sees it; ``talk`` None: not begun yet."""
    name = partner.display_name if partner is not None else ""
    if talk is None:
        return RepairView(
            episode_id=episode.id,
            begun=False,
            step=None,
            step_name="",
            partner_name=name,
            started_by_me=False,
            paused=False,
            paused_by_me=False,
            paused_at=None,
            finished=False,
            kept=None,
            my_keep=None,
            steps=[],
            updated_at=None,
        )
    answers = list(talk.answers.all())
    confirms = list(talk.confirms.all())
    mine = {a.part: a.text for a in answers if a.person_id == viewer.pk}
    theirs = {a.part: a.text for a in answers if a.person_id != viewer.pk}
    at = ORDER.index(RepairStep(talk.step))
    finished = talk.step == RepairStep.DONE
    my_keep = next((c.keep for c in confirms if c.person_id == viewer.pk and c.step == RepairStep.KEEP), None)

    def part_view(part: Part) -> PartView:
        label, help_text, partner_label = WORDING[part.key]
        shows = part.key in theirs and shows_to(part, talk, set(mine))
        step_open = talk.step == part.step and not i_confirmed(part.step) and talk.paused_at is None
        waits_on = part.answers
        answerable = not waits_on or (waits_on in theirs and shows_to(PART[waits_on], talk, set(mine)))
        return PartView(
            key=part.key,
            label=_named(label, name),
            help=_named(help_text, name),
            partner_label=_named(partner_label, name),
            needed=part.needed,
            mine=mine.get(part.key, ""),
            partner=theirs[part.key] if shows else None,
            open=step_open and answerable,
        )

    def i_confirmed(step: str) -> bool:
        return any(c.person_id == viewer.pk and c.step == step for c in confirms)

    def partner_confirmed(step: str) -> bool:
        return any(c.person_id != viewer.pk and c.step == step for c in confirms)

    steps = [
        StepView(
            key=step,
            name=str(step.label),
            lead=_named(LEADS[step], name),
            current=talk.step == step,
            done=ORDER.index(step) < at,
            parts=[part_view(p) for p in PARTS if p.step == step],
            i_confirmed=i_confirmed(step),
            partner_confirmed=partner_confirmed(step),
        )
        for step in (*TALKING, RepairStep.KEEP)
    ]
    return RepairView(
        episode_id=episode.id,
        begun=True,
        step=talk.step,
        step_name=str(RepairStep(talk.step).label),
        partner_name=name,
        started_by_me=talk.started_by_id == viewer.pk,
        paused=talk.paused_at is not None,
        paused_by_me=talk.paused_at is not None and talk.paused_by_id == viewer.pk,
        paused_at=talk.paused_at,
        finished=finished,
        kept=talk.kept if finished else None,
        my_keep=my_keep,
        steps=steps,
        updated_at=talk.updated_at,
    )
