"""Breaks in the JSON API at /api/v1/breaks: take space, extend, end early, think of the other, reconnect.

Each view asks the domain (``space``, ``reconnecting``) to do the one thing, then describes the
break as the caller sees it: their own check-in, their partner's only if shared, and never whether
a "thinking of you" was seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Header, Router, Status
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.agreements.models import Terms
from breathingroom.agreements.proposals import terms_for
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail
from breathingroom.breaks import calendar, reconnecting, space
from breathingroom.breaks.models import Break, Reconnection, Taker
from breathingroom.breaks.schemas import (
    BreakInHistory,
    BreakOut,
    ExtendIn,
    ReconnectionIn,
    ReconnectionOut,
    SentOut,
    TakeSpaceIn,
)
from breathingroom.couples.models import Couple

router = Router(tags=["breaks"])

# A key is kept with the break it started, so it can be no longer than the column that holds it.
IDEMPOTENCY_KEY_LENGTH: int = Taker._meta.get_field("idempotency_key").max_length  # type: ignore[assignment]
HISTORY_PAGE_SIZE = 20


class NoUntilMorning(space.BadLength):
    message = _("Your agreement does not offer a break until tomorrow morning now.")


class OneLength(space.BadLength):
    message = _("Choose how long you need: a number of minutes, or until tomorrow morning.")


def _couple_of(person: Person) -> Couple:
    couple = Couple.objects.current_for(person)
    if couple is None:
        raise space.NotPaired
    return couple


def _break_id(value: str) -> UUID:
    # Anything that is not a break id is answered like an id of no break of the caller's couple.
    try:
        return UUID(value)
    except ValueError:
        raise space.NoSuchBreak from None


def _break_out(brk: Break, person: Person, terms: Terms, now: datetime | None = None) -> dict[str, object]:
    now = now or timezone.now()
    taker = brk.taker(person)
    on = brk.is_on(now)
    reason = space.thinking_of_you_allowed(person, brk, terms, now)
    return {
        "id": brk.id,
        "phase": brk.phase(now),
        "started_at": brk.started_at,
        "returns_at": brk.returns_at,
        "reconnect_at": brk.reconnect_at,
        "overdue": brk.is_overdue(now),
        "extensions_used": brk.extensions_used,
        "extensions_left": max(terms.extensions - brk.extensions_used, 0) if on else 0,
        "takers": [
            {
                "name": t.person.display_name,
                "is_me": t.person_id == person.pk,
                "reassurance": t.reassurance,
                "minutes": t.minutes,
                "joined_at": t.joined_at,
                "ready": t.ready_at is not None,
            }
            for t in brk.taker_list
        ],
        "i_am_on_break": taker is not None,
        "thinking_of_you": {
            "allowed": reason is None,
            "reason": reason,
            "received": sum(1 for t in brk.thoughts.all() if t.sender_id != person.pk) if taker else 0,
        },
    }


def _described(brk: Break, person: Person) -> dict[str, object]:
    return _break_out(brk, person, terms_for(brk.couple))


@dataclass
class _History:
    """The couple's breaks as the caller sees them, described only for the page asked for."""

    breaks: QuerySet[Break]
    person: Person
    terms: Terms

    def __len__(self) -> int:
        return self.breaks.count()

    def __getitem__(self, page: slice) -> list[dict[str, object]]:
        now = timezone.now()
        return [self._item(brk, now) for brk in self.breaks[page]]

    def _item(self, brk: Break, now: datetime) -> dict[str, object]:
        reconnection: Reconnection | None = getattr(brk, "reconnection", None)
        outcome = None
        if reconnection is not None and reconnection.recorded_at is not None:
            outcome = {
                "timing": reconnection.timing,
                "repair": reconnection.repair,
                "recorded_at": reconnection.recorded_at,
            }
        return {**_break_out(brk, self.person, self.terms, now), "outcome": outcome}


def _reconnection_out(brk: Break, reconnection: Reconnection, person: Person) -> dict[str, object]:
    check_ins = list(reconnection.check_ins.all())
    mine = next((c for c in check_ins if c.person_id == person.pk), None)
    theirs = next((c for c in check_ins if c.person_id != person.pk), None)
    names = {p.pk: p.display_name for p in brk.couple.partners}
    return {
        "break_id": brk.id,
        "step": reconnection.step,
        "first_speaker": names.get(reconnection.first_speaker_id) if reconnection.first_speaker_id else None,
        "first_speaker_is_me": reconnection.first_speaker_id == person.pk,
        "check_ins": {
            "mine": {"strength": mine.strength, "shared": mine.shared} if mine else None,
            "partner": {
                "checked_in": theirs is not None,
                "strength": theirs.strength if theirs is not None and theirs.shared else None,
            },
        },
        "next_tries": [
            {"name": names.get(t.person_id, ""), "is_me": t.person_id == person.pk, "text": t.text}
            for t in reconnection.next_tries.order_by("created_at")
        ],
        "timing": reconnection.timing or None,
        "repair": reconnection.repair or None,
        "next_talk_at": reconnection.next_talk_at,
        "recorded_by": names.get(reconnection.recorded_by_id) if reconnection.recorded_by_id else None,
        "recorded_at": reconnection.recorded_at,
        "suggested_timing": reconnecting.suggested_timing(brk),
    }


def _current_reconnection(person: Person, break_id: UUID) -> dict[str, object]:
    # The same way in as every step of the ritual: not while the break is on, and not for a break
    # that a newer one replaced.
    brk, reconnection = reconnecting.reconnection_for(person, break_id)
    return _reconnection_out(brk, reconnection, person)


@router.get(
    "",
    response={200: list[BreakInHistory], frozenset({401, 404}): Detail},
    summary="Our breaks",
    description="Every break of our couple, newest first, with how its reconnection went.",
)
@paginate(Pages, page_size=HISTORY_PAGE_SIZE)
def history(request: AuthenticatedRequest):
    couple = _couple_of(request.user)
    breaks = (
        Break.objects.of_couple(couple)
        .select_related("reconnection")
        .prefetch_related("thoughts")
        .order_by("-started_at", "-pk")
    )
    return _History(breaks, request.user, terms_for(couple))


@router.post(
    "",
    response={201: BreakOut, frozenset({400, 401, 404}): Detail},
    summary="I need space",
    description=(
        "Starts a break, or joins the one my partner is on (“take space too”); pressing again while on it "
        "answers with the same break. Send an `Idempotency-Key` header so a request repeated after a lost "
        "answer starts nothing new."
    ),
)
def take_space(
    request: AuthenticatedRequest,
    payload: TakeSpaceIn,
    idempotency_key: str = Header(
        "",
        alias="Idempotency-Key",
        max_length=IDEMPOTENCY_KEY_LENGTH,
        description="Any text, new for each press.",
    ),
):
    person = request.user
    if (payload.minutes is None) == (not payload.until_morning):
        raise OneLength
    couple = _couple_of(person)
    terms = terms_for(couple)
    n = payload.minutes
    if payload.until_morning:
        n = next((c.minutes for c in space.lengths_offered(person, terms) if c.until_morning), None)
        if n is None:
            raise NoUntilMorning
    assert n is not None
    reassurance = payload.reassurance
    if reassurance is None:
        reassurance = space.reassurance_for(person, couple.partner_of(person), terms)
    brk = space.take_space(person, n, reassurance, idempotency_key=idempotency_key, until_morning=payload.until_morning)
    return Status(201, _described(brk, person))


@router.get(
    "/current",
    response={200: BreakOut, frozenset({401, 404}): Detail},
    summary="Our open break",
    description="The break on now, or waiting for its reconnection to be recorded.",
)
def current(request: AuthenticatedRequest):
    couple = _couple_of(request.user)
    brk = Break.objects.current_for(couple)
    if brk is None:
        raise space.NoSuchBreak(_("Neither of you is on a break."))
    return _break_out(brk, request.user, terms_for(couple))


@router.get("/{break_id}", response={200: BreakOut, frozenset({401, 404}): Detail}, summary="One of our breaks")
def get_break(request: AuthenticatedRequest, break_id: str):
    with transaction.atomic():
        _couple, brk = space.find_break(request.user, _break_id(break_id))
    return _described(brk, request.user)


@router.get(
    "/{break_id}/calendar.ics",
    response={200: None, frozenset({401, 404}): Detail},
    summary="Our time to reconnect, for a calendar",
    description=(
        "The break's agreed time as an iCalendar file with one event, the same one the page offers. Its UID "
        "stays the same for the break and its SEQUENCE rises when the time moves, so importing it again "
        "updates the event; if everyone came back early it is served as cancelled. It holds no reassurance "
        "and no names."
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "An iCalendar file (RFC 5545) with one VEVENT.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def get_calendar(request: AuthenticatedRequest, break_id: str):
    with transaction.atomic():
        _couple, brk = space.find_break(request.user, _break_id(break_id))
    return calendar.response(brk)


@router.post(
    "/{break_id}/extend",
    response={200: BreakOut, frozenset({400, 401, 403, 404, 409}): Detail},
    summary="More time",
    description="For a partner on the break, with a new reassurance, as often and as long as the agreement allows.",
)
def extend(request: AuthenticatedRequest, break_id: str, payload: ExtendIn):
    brk = space.extend(request.user, _break_id(break_id), payload.minutes, payload.reassurance)
    return _described(brk, request.user)


@router.post(
    "/{break_id}/end",
    response={200: BreakOut, frozenset({401, 403, 404, 409}): Detail},
    summary="I'm ready to talk",
    description="When everyone on the break is ready, the reconnection starts now instead of at the agreed time.",
)
def end(request: AuthenticatedRequest, break_id: str):
    brk = space.ready_to_talk(request.user, _break_id(break_id))
    return _described(brk, request.user)


@router.post(
    "/{break_id}/thinking-of-you",
    response={201: SentOut, frozenset({401, 403, 404, 409, 429}): Detail},
    summary="Thinking of you",
    description="For the waiting partner, as the agreement allows. No reply is expected and none is asked for.",
)
def thinking_of_you(request: AuthenticatedRequest, break_id: str):
    thought = space.send_thinking_of_you(request.user, _break_id(break_id))
    return Status(201, thought)


@router.get(
    "/{break_id}/reconnection",
    response={200: ReconnectionOut, frozenset({401, 404, 409}): Detail},
    summary="Our reconnection",
)
def get_reconnection(request: AuthenticatedRequest, break_id: str):
    with transaction.atomic():
        return _current_reconnection(request.user, _break_id(break_id))


@router.post(
    "/{break_id}/reconnection",
    response={200: ReconnectionOut, frozenset({400, 401, 404, 409}): Detail},
    summary="A step of our reconnection",
    description=(
        "Check in, say I am here, move on, name one thing to try, record how it went: any of these, in "
        "that order. If one is refused, none of them happens."
    ),
)
def update_reconnection(request: AuthenticatedRequest, break_id: str, payload: ReconnectionIn):
    person, brk_id = request.user, _break_id(break_id)
    with transaction.atomic():
        if payload.check_in is not None:
            reconnecting.check_in(person, brk_id, payload.check_in.strength, payload.check_in.shared)
        if payload.back:
            reconnecting.come_back(person, brk_id)
        if payload.move_on_from is not None:
            reconnecting.move_on(person, brk_id, payload.move_on_from)
        if payload.next_try is not None:
            reconnecting.name_next_try(person, brk_id, payload.next_try)
        if payload.outcome is not None:
            outcome = payload.outcome
            reconnecting.record_outcome(person, brk_id, outcome.timing, outcome.repair, outcome.next_talk_at)
        return _current_reconnection(person, brk_id)
