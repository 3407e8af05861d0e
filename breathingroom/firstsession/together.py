"""Going through the first session together: start it, move on, choose a side, set the signal, skip it.

Both phones show the same screen. A screen is left when *both* partners have said they are ready
to go on, never when only one has. This is the kinder of the two ways: people read, and take
things in, at different speeds, and one of the reasons this session teaches is that some people
need more time to find their words. Letting the quicker partner move both on would pull the
slower one off a screen mid-thought, in a session about not hurrying each other; instead the one
who is ready sees that their partner is still reading, and the one still reading is told there is
no hurry. Either can leave at any point and both come back to the same screen, or put the session
aside for both; it can be started again from Home.

Every move names the screen it moves from, so a double tap, or both pressing at once, moves the
session one screen at most. Each change is told to both partners at once ("first_session.updated"),
and their pages fetch the session again.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.couples.models import Couple, NotPaired
from breathingroom.events.publish import publish
from breathingroom.firstsession.models import FirstSession, Reader, Side, Step, step_after
from breathingroom.phrasebook import words
from breathingroom.phrasebook.models import SignalPhrase
from breathingroom.refusals import Refused

PAIR_FIRST = _("The first session is for two: pair with your partner first.")


class SessionRefused(Refused):
    """A move the first session cannot make now."""


class NoSuchSession(SessionRefused):
    status = 404
    message = _("There is no such session.")


class PutAside(SessionRefused):
    message = _("This session was put aside. Start it again whenever you are both ready.")


class NotNow(SessionRefused):
    """A move for another screen than the one the session is at."""


class BadAnswer(SessionRefused):
    status = 400


def session_of(couple: Couple) -> FirstSession | None:
    """The couple's session, if either of them ever started it; brought up to date first."""
    session = FirstSession.objects.filter(couple=couple).first()
    if session is None or session.step != Step.AGREEMENT or agreed_since(couple, session.step_since) is None:
        return session
    with transaction.atomic():
        # Both phones may read it at the same moment: the one that finishes it tells both, once.
        session = FirstSession.objects.select_for_update().get(pk=session.pk)
        if _finish_if_agreed(couple, session):
            _tell(couple, session)
    return session


def _tell(couple: Couple, session: FirstSession) -> None:
    publish(
        [p.pk for p in couple.partners],
        "first_session.updated",
        {"session": str(session.id), "step": session.step, "skipped": session.skipped},
    )


def _go(session: FirstSession, step: Step) -> None:
    session.step, session.step_since = step, timezone.now()
    if step == Step.DONE:
        session.finished_at = session.step_since
    session.save(update_fields=["step", "step_since", "finished_at"])


def agreed_since(couple: Couple, since: object) -> Agreement | None:
    """A version proposed or accepted since ``since``: the agreement the last screen leads to."""
    return (
        Agreement.objects.filter(couple=couple)
        .filter(Q(proposed_at__gte=since) | Q(accepted_at__gte=since))
        .order_by("-version")
        .first()
    )


def _finish_if_agreed(couple: Couple, session: FirstSession) -> bool:
    # The agreement is written in its own composer, which knows nothing of this session: the last
    # screen is done as soon as a version has been proposed (or one accepted) since it was reached.
    if session.step != Step.AGREEMENT or session.skipped_at is not None:
        return False
    if agreed_since(couple, session.step_since) is None:
        return False
    _go(session, Step.DONE)
    return True


def _changing(person: Person, session_id: UUID | str) -> tuple[Couple, FirstSession]:
    """The couple (its row locked, so two phones take turns) and its session, open to change."""
    try:
        couple = Couple.objects.of(person, lock=True)
    except NotPaired:
        raise NoSuchSession from None
    session = FirstSession.objects.filter(couple=couple, pk=session_id).first()
    if session is None:
        raise NoSuchSession
    if _finish_if_agreed(couple, session):
        _tell(couple, session)
    if session.skipped:
        raise PutAside
    return couple, session


def _reader(session: FirstSession, person: Person) -> Reader:
    reader, _created = Reader.objects.get_or_create(session=session, person=person)
    return reader


@transaction.atomic
def start(person: Person) -> FirstSession:
    """Begin the couple's first session, or pick it up where it was left.

    Pressed by both at once, or twice, there is still one session. One that was put aside carries
    on at the screen it was at; one that was done begins again from the first screen, with fresh
    choices, since who tends to do what can change.
    """
    couple = Couple.objects.of(person, lock=True, refusal=PAIR_FIRST)
    session = FirstSession.objects.filter(couple=couple).first()
    if session is None:
        session = FirstSession.objects.create(couple=couple, started_by=person)
    elif session.done:
        session.readers.all().delete()
        session.step = Step.DANCE
        session.started_by, session.started_at = person, timezone.now()
        session.step_since = session.started_at
        session.skipped_by = session.skipped_at = session.finished_at = None
        session.save()
    elif session.skipped_at is not None:
        session.skipped_by = session.skipped_at = None
        if session.started_by_id is None:  # put aside from Home before anyone began it
            session.started_by, session.started_at = person, timezone.now()
        session.save(update_fields=["skipped_by", "skipped_at", "started_by", "started_at"])
    else:
        return session  # already under way: nothing changes, nobody is told twice
    _tell(couple, session)
    return session


@transaction.atomic
def ready(person: Person, session_id: UUID | str, from_step: str) -> FirstSession:
    """``person`` is ready to leave ``from_step``; the session moves on once both partners are.

    If the session is no longer at ``from_step`` (a second tap, or the partner's press arriving
    first), nothing changes. The last screen is left by writing the agreement, never by a tap.
    """
    couple, session = _changing(person, session_id)
    if session.step != from_step or from_step in (Step.AGREEMENT, Step.DONE):
        return session
    reader = _reader(session, person)
    if from_step == Step.SIDES and session.readers.exclude(side="").count() < len(couple.partners):
        raise NotNow(_("Each of you chooses first; then you both see both answers, and go on from there."))
    if from_step == Step.SIGNAL and not SignalPhrase.objects.filter(couple=couple).exists():
        raise NotNow(_("Choose your signal words together first. You can change them later in the phrasebook."))
    if reader.ready_to_leave == from_step:
        return session  # said already
    reader.ready_to_leave = from_step
    reader.save(update_fields=["ready_to_leave"])
    both = session.readers.filter(ready_to_leave=from_step).count() >= len(couple.partners)
    if both:
        _go(session, step_after(from_step))
        _finish_if_agreed(couple, session)
    _tell(couple, session)
    return session


@transaction.atomic
def not_ready(person: Person, session_id: UUID | str, step: str) -> FirstSession:
    """Take back "ready to go on" while the partner is still reading ``step`` (to read it again)."""
    couple, session = _changing(person, session_id)
    reader = Reader.objects.filter(session=session, person=person).first()
    if session.step != step or reader is None or reader.ready_to_leave != step:
        return session
    reader.ready_to_leave = ""
    reader.save(update_fields=["ready_to_leave"])
    _tell(couple, session)
    return session


@transaction.atomic
def choose_side(person: Person, session_id: UUID | str, side: str) -> Reader:
    """``person``'s own answer to "which side do you tend to take?"; changeable until both have chosen."""
    couple, session = _changing(person, session_id)
    if side not in Side.values:
        raise BadAnswer(_("Choose whether you tend to reach, to step back, or that it depends."))
    reader = _reader(session, person)
    if reader.side == side:
        return reader  # the same answer sent twice
    if session.step != Step.SIDES:
        raise NotNow(_("The sides are chosen on their own screen, and that screen is behind you now."))
    chosen = session.readers.exclude(side="").exclude(person=person).count() + 1
    if reader.side and chosen >= len(couple.partners):
        raise NotNow(_("You have both chosen and seen each other's answer, so it stays as it is for this session."))
    reader.side, reader.side_chosen_at = side, timezone.now()
    reader.save(update_fields=["side", "side_chosen_at"])
    _tell(couple, session)
    return reader


@transaction.atomic
def set_signal(person: Person, session_id: UUID | str, text: str) -> SignalPhrase:
    """Write the couple's signal phrase from the session; it is the phrasebook's, the same words everywhere."""
    couple, session = _changing(person, session_id)
    if session.step != Step.SIGNAL:
        raise NotNow(_("The signal words are chosen on their own screen, and the session is not there now."))
    phrase, changed = words.set_signal_phrase(person, text)
    if changed:
        _tell(couple, session)
    return phrase


@transaction.atomic
def keep_agreement(person: Person, session_id: UUID | str) -> FirstSession:
    """On the last screen, keep the agreement already in force rather than write a new one."""
    couple, session = _changing(person, session_id)
    if session.done:
        return session
    if session.step != Step.AGREEMENT:
        raise NotNow(_("The agreement comes on the last screen."))
    if Agreement.objects.in_force_for(couple) is None:
        raise NotNow(_("You have no agreement yet. Write one together: one of you proposes it, the other accepts."))
    _go(session, Step.DONE)
    _tell(couple, session)
    return session


@transaction.atomic
def skip(person: Person, session_id: UUID | str | None = None) -> FirstSession:
    """Put the session aside for both. It keeps its place, and either can start it again later.

    Without ``session_id`` (Home's "not now", before anyone began) the couple's session is put
    aside before its first screen.
    """
    try:
        couple = Couple.objects.of(person, lock=True)
    except NotPaired:
        raise NoSuchSession from None
    session = FirstSession.objects.filter(couple=couple).first()
    if session_id is None and session is None:
        session = FirstSession.objects.create(couple=couple, started_by=None)
    elif session is None or (session_id is not None and str(session.pk) != str(session_id)):
        raise NoSuchSession
    if session.skipped_at is not None or session.done:
        return session
    session.skipped_by, session.skipped_at = person, timezone.now()
    session.save(update_fields=["skipped_by", "skipped_at"])
    _tell(couple, session)
    return session
