"""The repair conversation after an episode, whoever asks (a page or the API).

It follows the seeds' order: recognise, understand, express, repair. Each says what they felt; each
tells how they saw it, and the other says back what they heard and one thing in it that makes sense;
each says what from before made it hit so hard; each names their own part, a regret, an apology, and
answers the other's; each names one thing to try next time. Both phones are on the same step, and a
step moves on only when both have said they are done with it. Each "done" names the step it is for,
so a double tap, or both pressing at once, moves it one step.

A partner's words for a part show once the reader has written their own (see ``GATES``): each
speaks for themselves first, without shaping it to the other. Either may pause; either goes on from
where it was. At the end each says whether to keep it with the episode: it is kept only if both say
yes; otherwise every word of it is let go (deleted) at once.

Every change is told to both ("repair.updated": which episode and which step, never the words), so
both open pages fetch their view again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.couples.models import Couple
from breathingroom.dance.episodes import NoSuchEpisode
from breathingroom.dance.models import (
    ANSWER_LENGTH,
    ANSWER_WORDS,
    Episode,
    RepairAnswer,
    RepairConfirm,
    RepairStep,
    RepairTalk,
)
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused
from breathingroom.writing import Writing

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from breathingroom.accounts.models import Person

UPDATED = "repair.updated"

# The steps each partner writes in, in order; "keep" and "done" come after them.
TALKING = (RepairStep.FELT, RepairStep.SAW, RepairStep.PAST, RepairStep.MY_PART, RepairStep.PLAN)
ORDER = (*TALKING, RepairStep.KEEP, RepairStep.DONE)


@dataclass(frozen=True)
class Part:
    key: str
    step: RepairStep
    # Needed before this partner can say they are done with the step.
    needed: bool
    # The partner's words here show to me once I have written my own words for ``gate``.
    gate: str
    # Written about the partner's words for this part: open once those show.
    answers: str = ""


PARTS: tuple[Part, ...] = (
    Part("felt", RepairStep.FELT, needed=True, gate="felt"),
    Part("saw", RepairStep.SAW, needed=True, gate="saw"),
    Part("summary_of_partner", RepairStep.SAW, needed=True, gate="saw", answers="saw"),
    Part("makes_sense", RepairStep.SAW, needed=True, gate="saw", answers="saw"),
    Part("past", RepairStep.PAST, needed=True, gate="past"),
    Part("my_part", RepairStep.MY_PART, needed=True, gate="my_part"),
    Part("regret", RepairStep.MY_PART, needed=False, gate="my_part"),
    Part("apology", RepairStep.MY_PART, needed=False, gate="my_part"),
    Part("acceptance", RepairStep.MY_PART, needed=False, gate="my_part", answers="apology"),
    Part("plan", RepairStep.PLAN, needed=True, gate="plan"),
)
PART = {p.key: p for p in PARTS}
PART_KEYS = tuple(PART)

# A part may be left empty (that takes its words away); "done" asks for the needed ones.
REPAIR_WORDS = Writing(limit=ANSWER_LENGTH, too_long=ANSWER_WORDS.too_long)

NEEDED: dict[str, _StrPromise] = {
    RepairStep.FELT: _("Write what you felt first; a line is enough."),
    RepairStep.SAW: _(
        "Before this step is done, write how you saw it, then what you heard your partner say "
        "and one thing that makes sense in it."
    ),
    RepairStep.PAST: _(
        "Write a line about what it touched from before first. If nothing comes, say so: that is an answer too."
    ),
    RepairStep.MY_PART: _("Write your own part in it first; the rest is yours to add if you want to."),
    RepairStep.PLAN: _("Name one thing you will try next time first."),
}


class RepairRefused(Refused):
    """The conversation is not where this asks it to be (409)."""


class BadWords(Refused):
    status = 400


class NotBegun(RepairRefused):
    message = _("You have not begun talking this one through yet. Begin when you are both ready.")


class Paused(RepairRefused):
    message = _("The talk is paused. When you are both ready, go on from where you were.")


class Over(RepairRefused):
    message = _("This talk is over. What you kept stays with the episode.")


class WrongStep(RepairRefused):
    """A part or a "done" for a step the talk is not at."""


class NotOpenYet(RepairRefused):
    """A part written about the partner's words before they show."""


def _step_name(step: str) -> str:
    return str(RepairStep(step).label)


@dataclass
class Found:
    couple: Couple
    episode: Episode
    talk: RepairTalk | None

    def partner_of(self, person: Person) -> Person | None:
        return self.couple.partner_of(person)

    def to_change(self) -> RepairTalk:
        if self.talk is None:
            raise NotBegun
        if self.talk.finished:
            raise Over
        return self.talk


def _find(person: Person, episode_id: UUID | str, *, lock: bool = False, prefetch: bool = False) -> Found:
    """``person``'s couple, the episode and its talk; someone outside the couple is told it is not there."""
    couple = Couple.objects.of(person, lock=lock)
    episode = Episode.objects.filter(pk=episode_id, couple=couple).first()
    if episode is None:
        raise NoSuchEpisode
    talks = RepairTalk.objects.filter(episode=episode)
    if prefetch:
        talks = talks.prefetch_related("answers", "confirms")
    return Found(couple, episode, talks.first())


def talk_of(person: Person, episode_id: UUID | str) -> tuple[Episode, RepairTalk | None, Person | None]:
    """The episode, its repair conversation (None if none was begun) and the partner, to read."""
    found = _find(person, episode_id, prefetch=True)
    return found.episode, found.talk, found.partner_of(person)


def _tell(found: Found, talk: RepairTalk, *, begun: bool = False) -> None:
    # Which episode and which step: both pages fetch what each may see; the words never travel here.
    # ``begun`` marks the first, which a partner's closed phone is told of (``notices.py``).
    data = {"episode": str(found.episode.id), "step": talk.step, **({"begun": True} if begun else {})}
    publish([p.pk for p in found.couple.partners], UPDATED, data)


def _touch(talk: RepairTalk, *fields: str) -> None:
    talk.updated_at = timezone.now()
    talk.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def begin(person: Person, episode_id: UUID | str) -> RepairTalk:
    """Begin talking the episode through; asked again, by either partner, it is the same talk, wherever it is."""
    found = _find(person, episode_id, lock=True)
    if found.talk is not None:
        return found.talk
    talk = RepairTalk.objects.create(episode=found.episode, started_by=person)
    _tell(found, talk, begun=True)
    return talk


def _mine(talk: RepairTalk, person: Person) -> dict[str, RepairAnswer]:
    return {a.part: a for a in talk.answers.all() if a.person_id == person.pk}


def _theirs(talk: RepairTalk, person: Person) -> dict[str, RepairAnswer]:
    return {a.part: a for a in talk.answers.all() if a.person_id != person.pk}


def shows_to(part: Part, talk: RepairTalk, reader_wrote: set[str]) -> bool:
    """Whether the partner's words for ``part`` show to a reader who has written ``reader_wrote``."""
    return part.gate in reader_wrote or ORDER.index(RepairStep(talk.step)) > ORDER.index(part.step)


def _confirmed(talk: RepairTalk, person: Person, step: str) -> bool:
    return talk.confirms.filter(person=person, step=step).exists()


@transaction.atomic
def write(person: Person, episode_id: UUID | str, part_key: str, text: str) -> RepairAnswer | None:
    """``person``'s words for one part of the step the talk is at; empty words take theirs away.

    Open until they say they are done with the step. A part written about the partner's words (what
    I heard, what makes sense, my answer to an apology) opens once those words show.
    """
    return write_many(person, episode_id, {part_key: text}).get(part_key)


@transaction.atomic
def write_many(person: Person, episode_id: UUID | str, words: dict[str, str]) -> dict[str, RepairAnswer | None]:
    """Several parts of the current step at once (a page's form), checked and saved together."""
    found = _find(person, episode_id, lock=True)
    talk = found.to_change()
    parts = []
    for key, text in words.items():
        part = PART.get(key)
        if part is None:
            raise BadWords(_("There is no such part to write in."))
        if not isinstance(text, str):
            raise BadWords(REPAIR_WORDS.too_long % {"n": REPAIR_WORDS.limit})
        parts.append((part, REPAIR_WORDS.check(text, BadWords)))
    if talk.paused_at is not None:
        raise Paused
    for part, _text in parts:
        if part.step != talk.step:
            raise WrongStep(
                _("That belongs to another step. You are at “%(step)s” now.") % {"step": _step_name(talk.step)}
            )
    if _confirmed(talk, person, talk.step):
        raise WrongStep(_("You said you were done with this step, so your words for it stay as they are."))
    mine = _mine(talk, person)
    theirs = _theirs(talk, person)
    partner = found.partner_of(person)
    name = partner.display_name if partner is not None else ""
    written = set(mine) | {part.key for part, text in parts if text}
    saved: dict[str, RepairAnswer | None] = {}
    changed = False
    for part, text in parts:
        if text and part.answers and not (part.answers in theirs and shows_to(PART[part.answers], talk, written)):
            raise NotOpenYet(_opens_when(part, name))
        answer = mine.get(part.key)
        if not text:
            if answer is not None:
                answer.delete()
                changed = True
            saved[part.key] = None
            continue
        if answer is None:
            answer = RepairAnswer.objects.create(talk=talk, person=person, part=part.key, text=text)
            changed = True
        elif answer.text != text:
            answer.text = text
            answer.updated_at = timezone.now()
            answer.save(update_fields=["text", "updated_at"])
            changed = True
        saved[part.key] = answer
    if changed:
        _touch(talk)
        _tell(found, talk)
    return saved


def _opens_when(part: Part, name: str) -> str:
    if part.answers == "apology":
        return str(_("This opens if %(name)s writes an apology, once you have written your own part.") % {"name": name})
    return str(
        _("This opens once you have both written how you saw it: then you can say back what you heard from %(name)s.")
        % {"name": name}
    )


@transaction.atomic
def confirm(person: Person, episode_id: UUID | str, step: str, keep: bool | None = None) -> RepairTalk:
    """``person`` is done with ``step``; once both are, the talk moves to the next one.

    A "done" for a step already behind the talk changes nothing (a double tap, or both at once). At
    the keeping step, ``keep`` says whether this partner wants it kept; the talk ends once both have
    said, kept only if both said yes, and otherwise with every word of it deleted.
    """
    found = _find(person, episode_id, lock=True)
    if step not in ORDER or step == RepairStep.DONE:
        raise BadWords(_("There is no such step."))
    if found.talk is not None and ORDER.index(RepairStep(step)) < ORDER.index(RepairStep(found.talk.step)):
        return found.talk
    talk = found.to_change()
    if step != talk.step:
        raise WrongStep(_("That step has not come yet. You are at “%(step)s” now.") % {"step": _step_name(talk.step)})
    if talk.paused_at is not None:
        raise Paused
    mine = talk.confirms.filter(person=person, step=step).first()
    if mine is not None:
        return talk  # said twice
    if step == RepairStep.KEEP:
        if not isinstance(keep, bool):
            raise BadWords(_("Choose whether to keep it with the episode or let it go."))
    else:
        keep = None
        written = set(_mine(talk, person))
        if any(p.needed and p.step == step and p.key not in written for p in PARTS):
            raise WrongStep(NEEDED[step])
    RepairConfirm.objects.create(talk=talk, person=person, step=step, keep=keep)
    confirms = list(talk.confirms.filter(step=step))
    if len({c.person_id for c in confirms}) >= len(found.couple.partners):
        _next(talk, confirms)
    else:
        _touch(talk)
    _tell(found, talk)
    return talk


def _next(talk: RepairTalk, confirms: list[RepairConfirm]) -> None:
    now = timezone.now()
    talk.step = ORDER[ORDER.index(RepairStep(talk.step)) + 1]
    talk.updated_at = now
    fields = ["step", "updated_at"]
    if talk.step == RepairStep.DONE:
        talk.finished_at = now
        talk.kept = all(c.keep is True for c in confirms)
        fields += ["finished_at", "kept"]
        if not talk.kept:
            talk.answers.all().delete()
    talk.save(update_fields=fields)


@transaction.atomic
def pause(person: Person, episode_id: UUID | str) -> RepairTalk:
    """Either partner pauses; both pages show it until either goes on. Pausing again changes nothing."""
    found = _find(person, episode_id, lock=True)
    talk = found.to_change()
    if talk.paused_at is None:
        talk.paused_at, talk.paused_by = timezone.now(), person
        _touch(talk, "paused_at", "paused_by")
        _tell(found, talk)
    return talk


@transaction.atomic
def resume(person: Person, episode_id: UUID | str) -> RepairTalk:
    """Either partner goes on from where the talk was paused. Going on again changes nothing."""
    found = _find(person, episode_id, lock=True)
    talk = found.to_change()
    if talk.paused_at is not None:
        talk.paused_at, talk.paused_by = None, None
        _touch(talk, "paused_at", "paused_by")
        _tell(found, talk)
    return talk
