"""Breaks in the JSON API at /api/v1/breaks: take space, extend, end early, think of the other, reconnect.

Each view asks the domain (``space``, ``reconnecting``) to do the one thing, then answers with the
break as the caller sees it (``describe``, as the pages and events do) or the reconnection: their
own check-in, their partner's only if shared, and never whether a "thinking of you" was seen.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja import Header, Router, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.api.auth import signed_in
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail, id_or
from breathingroom.breaks import calendar, reconnecting, space
from breathingroom.breaks import talk_again as talking
from breathingroom.breaks.describe import describe, describe_ritual
from breathingroom.breaks.history import history_for
from breathingroom.breaks.models import Break, Reconnection, Step, Taker, TalkAgain
from breathingroom.breaks.schemas import (
    BreakInHistory,
    BreakOut,
    ExtendIn,
    ReconnectionIn,
    ReconnectionOut,
    SentOut,
    TakeSpaceIn,
    TalkAgainIn,
    TalkAgainOut,
)
from breathingroom.couples.models import Couple
from breathingroom.events.kept_pages import kept_until_news

router = Router(tags=["breaks"])

# A key is kept with the break it started, so it can be no longer than the column that holds it.
IDEMPOTENCY_KEY_LENGTH: int = Taker._meta.get_field("idempotency_key").max_length  # type: ignore[assignment]
HISTORY_PAGE_SIZE = 20
# What the calendar operations answer instead of JSON.
CALENDAR_FILE = {
    "responses": {
        200: {
            "description": "An iCalendar file (RFC 5545) with one VEVENT.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


def _break_id(value: str) -> UUID:
    return id_or(space.NoSuchBreak, value)


def _reconnection_out(brk: Break, reconnection: Reconnection, person: Person) -> dict[str, object]:
    seen = describe_ritual(brk, reconnection, person)
    mine, first = seen.my_check_in, seen.first_outcome
    return {
        "break_id": brk.id,
        "step": seen.step,
        "first_speaker": seen.first_speaker,
        "first_speaker_is_me": seen.first_speaker_is_me,
        "check_ins": {
            "mine": {"strength": mine.strength, "shared": mine.shared} if mine else None,
            "partner": {"checked_in": seen.partner_checked_in, "strength": seen.partner_strength},
        },
        "next_tries": seen.tries,
        "settling": seen,
        "turn": {"i_speak": seen.i_speak, "said_back": seen.said_back, "not_quite": seen.not_quite}
        if seen.step in (Step.FIRST_TURN, Step.SECOND_TURN)
        else None,
        "outcomes": seen.outcomes,
        "outcomes_shown": seen.views_shown,
        "partner_recorded": seen.partner_recorded,
        "closed": seen.closed,
        # The first view this person may see, as the one outcome was shown before each kept their own.
        "timing": first.timing if first else None,
        "repair": first.repair if first else None,
        "next_talk_at": first.next_talk_at if first else None,
        "recorded_by": first.name if first else None,
        "recorded_at": first.recorded_at if first else None,
        "suggested_timing": seen.suggested_timing,
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
    description=(
        "Every break of our couple, newest first: the length asked and the actual length, back on time or "
        "late, how each of us said it went, and the one thing each of us will try. A check-in's number is "
        "shown only to the one who gave it, unless they shared it."
    ),
)
@paginate(Pages, page_size=HISTORY_PAGE_SIZE)
@decorate_view(kept_until_news(signed_in=signed_in))
def history(request: AuthenticatedRequest):
    return history_for(request.user)


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
    brk = space.take_space(
        request.user,
        payload.minutes,
        payload.reassurance,
        idempotency_key=idempotency_key,
        until_morning=payload.until_morning,
    )
    return Status(201, describe(brk, request.user))


@router.get(
    "/current",
    response={200: BreakOut, frozenset({401, 404}): Detail},
    summary="Our open break",
    description="The break on now, or waiting for its reconnection to be recorded.",
)
@decorate_view(kept_until_news(signed_in=signed_in))
def current(request: AuthenticatedRequest):
    couple = Couple.objects.of(request.user, refusal=space.NO_ONE_TO_TAKE_SPACE_FROM)
    brk = Break.objects.current_for(couple)
    if brk is None:
        raise space.NoSuchBreak(_("Neither of you is on a break."))
    return describe(brk, request.user)


@router.get("/{break_id}", response={200: BreakOut, frozenset({401, 404}): Detail}, summary="One of our breaks")
def get_break(request: AuthenticatedRequest, break_id: str):
    with transaction.atomic():
        _couple, brk = space.find_break(request.user, _break_id(break_id))
    return describe(brk, request.user)


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
    openapi_extra=CALENDAR_FILE,
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
    return describe(brk, request.user)


@router.post(
    "/{break_id}/end",
    response={200: BreakOut, frozenset({401, 403, 404, 409}): Detail},
    summary="I'm ready to talk",
    description="When everyone on the break is ready, the reconnection starts now instead of at the agreed time.",
)
def end(request: AuthenticatedRequest, break_id: str):
    brk = space.ready_to_talk(request.user, _break_id(break_id))
    return describe(brk, request.user)


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
@decorate_view(kept_until_news(signed_in=signed_in))
def get_reconnection(request: AuthenticatedRequest, break_id: str):
    with transaction.atomic():
        return _current_reconnection(request.user, _break_id(break_id))


@router.post(
    "/{break_id}/reconnection",
    response={200: ReconnectionOut, frozenset({400, 401, 404, 409}): Detail},
    summary="A step of our reconnection",
    description=(
        "Check in, say I am here, move on, breathe together or take a few more minutes while settling, go on "
        "anyway, say back what I heard or say whether I was heard, name one thing to try, record how it went: "
        "any of these, in that order. If one is refused, none of them happens."
    ),
)
def update_reconnection(request: AuthenticatedRequest, break_id: str, payload: ReconnectionIn):
    person, brk_id = request.user, _break_id(break_id)
    with transaction.atomic():
        # Each step finds the break under the couple's lock and leaves it as it now is: the last
        # one's is what the answer describes, rather than finding it all again.
        done: Reconnection | None = None
        if payload.check_in is not None:
            check = payload.check_in
            done = reconnecting.check_in(person, brk_id, check.strength, check.shared).reconnection
        if payload.back:
            done = reconnecting.come_back(person, brk_id)
        if payload.move_on_from is not None:
            done = reconnecting.move_on(person, brk_id, payload.move_on_from)
        if payload.breathe:
            done = reconnecting.breathe_together(person, brk_id)
        if payload.more_minutes is not None:
            done = reconnecting.more_minutes(person, brk_id, payload.more_minutes)
        if payload.go_on:
            done = reconnecting.go_on(person, brk_id)
        if payload.said_back is not None:
            done = reconnecting.said_back(person, brk_id, payload.said_back)
        if payload.heard is not None:
            done = reconnecting.heard(person, brk_id, payload.heard.turn, payload.heard.yes)
        if payload.next_try is not None:
            done = reconnecting.name_next_try(person, brk_id, payload.next_try).reconnection
        if payload.outcome is not None:
            outcome = payload.outcome
            done = reconnecting.record_outcome(person, brk_id, outcome.timing, outcome.repair, outcome.next_talk_at)
        if done is None:
            return _current_reconnection(person, brk_id)
        return _reconnection_out(done.brk, done, person)


def _talk_again_out(talk: TalkAgain) -> dict[str, object]:
    return {
        "break_id": talk.reconnection.brk_id,
        "at": talk.at,
        "sequence": talk.sequence,
        "called": talk.called_at is not None,
        "talked_at": talk.talked_at,
    }


@router.get(
    "/{break_id}/talk-again",
    response={200: TalkAgainOut, frozenset({401, 404}): Detail},
    summary="Our time to talk again",
    description="After a “not yet”: the time we chose to talk again. A break without one is 404.",
)
def get_talk_again(request: AuthenticatedRequest, break_id: str):
    return _talk_again_out(talking.talk_again_of(request.user, _break_id(break_id)))


@router.post(
    "/{break_id}/talk-again",
    response={200: TalkAgainOut, frozenset({400, 401, 404}): Detail},
    summary="Another time to talk again, or we talked",
    description=(
        "Moving the time calls both of us at the new one instead and raises the calendar file's SEQUENCE; "
        "saying we talked stops the call. Both are told live."
    ),
)
def update_talk_again(request: AuthenticatedRequest, break_id: str, payload: TalkAgainIn):
    person, brk_id = request.user, _break_id(break_id)
    with transaction.atomic():
        if payload.at is not None:
            talking.move(person, brk_id, payload.at)
        if payload.talked:
            talking.talked(person, brk_id)
        return _talk_again_out(talking.talk_again_of(person, brk_id))


@router.get(
    "/{break_id}/talk-again.ics",
    response={200: None, frozenset({401, 404}): Detail},
    summary="Our time to talk again, for a calendar",
    description=(
        "The time as an iCalendar file with one event, the same one the page offers: its UID stays the same "
        "and its SEQUENCE rises when the time moves. It holds no words and no names."
    ),
    openapi_extra=CALENDAR_FILE,
)
def get_talk_again_calendar(request: AuthenticatedRequest, break_id: str):
    return calendar.talk_again_response(talking.talk_again_of(request.user, _break_id(break_id)))
