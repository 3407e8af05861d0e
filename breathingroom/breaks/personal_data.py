"""Every break and reconnection a person shared: the shape stays with the partner who is left, their words go.

What is shown of a partner is exactly what the app shows: their name, reassurances and "one thing to
try", a check-in's number only if it was shared, and never their notes before reconnecting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.breaks.describe import outcomes_of
from breathingroom.breaks.models import (
    Break,
    CheckIn,
    Extension,
    NextTry,
    Outcome,
    Preparation,
    Reconnection,
    Taker,
    TalkAgain,
    ThinkingOfYou,
)
from breathingroom.personal_data import PersonalData, Record, Section, name_of


def _shared_breaks(person: Person) -> list[Break]:
    return list(
        Break.objects.filter(couple__memberships__person=person)
        .select_related("started_by")
        .prefetch_related("takers__person", "extensions__person", "thoughts__sender", "preparations")
        .order_by("started_at")
    )


def breaks(person: Person) -> list[Record]:
    rows = []
    for brk in _shared_breaks(person):
        preparation = next((p for p in brk.preparations.all() if p.person_id == person.pk), None)
        rows.append(
            {
                "break": str(brk.pk),
                "couple": str(brk.couple_id),
                "started_by": name_of(brk.started_by),
                "started_at": brk.started_at,
                "returns_at": brk.returns_at,
                "ended_early_at": brk.ended_early_at,
                "closed_at": brk.closed_at,
                "agreement_version": brk.agreement_version,
                "extensions_used": brk.extensions_used,
                "on_the_break": [
                    {
                        "name": name_of(t.person),
                        "reassurance": t.reassurance,
                        "minutes": t.minutes,
                        "joined_at": t.joined_at,
                        "ready_at": t.ready_at,
                        "back_at": t.back_at,
                    }
                    for t in brk.taker_list
                ],
                "extensions": [
                    {"by": name_of(e.person), "minutes": e.minutes, "reassurance": e.reassurance, "at": e.created_at}
                    for e in brk.extensions.all()
                ],
                "thinking_of_you": [{"from": name_of(t.sender), "sent_at": t.sent_at} for t in brk.thoughts.all()],
                # Notes for oneself before reconnecting: only ever one's own.
                "your_preparation": {
                    "felt": preparation.felt,
                    "need": preparation.need,
                    "my_part": preparation.my_part,
                    "updated_at": preparation.updated_at,
                }
                if preparation
                else None,
            }
        )
    return rows


def _talk_again(reconnection: Reconnection) -> Record | None:
    talk = TalkAgain.objects.filter(reconnection=reconnection).first()
    if talk is None:
        return None
    return {"at": talk.at, "called_at": talk.called_at, "talked_at": talk.talked_at}


def reconnections(person: Person) -> list[Record]:
    rows = []
    found = (
        Reconnection.objects.filter(brk__couple__memberships__person=person)
        .select_related("first_speaker", "brk__couple")
        .prefetch_related("check_ins", "next_tries__person", "outcomes", "brk__couple__memberships__person")
        .order_by("started_at")
    )
    for r in found:
        mine = next((c for c in r.check_ins.all() if c.person_id == person.pk), None)
        theirs = next((c for c in r.check_ins.all() if c.person_id != person.pk), None)
        rows.append(
            {
                "break": str(r.brk_id),
                "started_at": r.started_at,
                "step": r.step,
                "first_speaker": name_of(r.first_speaker) if r.first_speaker_id else None,
                "talk_again": _talk_again(r),
                # Each partner's own view of how it went: the partner's only once the app shows it to both.
                "how_it_went": [
                    {
                        "by": o.name,
                        "timing": o.timing.value,
                        "repair": o.repair.value,
                        "next_talk_at": o.next_talk_at,
                        "recorded_at": o.recorded_at,
                    }
                    for o in outcomes_of(r, person)
                ],
                "your_check_in": {"strength": mine.strength, "shared": mine.shared, "at": mine.created_at}
                if mine
                else None,
                # The partner's number only if they chose to show it, as in the ritual itself.
                "partner_check_in": {"checked_in": True, "strength": theirs.strength if theirs.shared else None}
                if theirs
                else {"checked_in": False, "strength": None},
                "one_thing_to_try": [
                    {"by": name_of(t.person), "text": t.text, "at": t.created_at} for t in r.next_tries.all()
                ],
            }
        )
    return rows


def words_shared(person: Person) -> Iterable[str]:
    # What a partner was told in events, word for word.
    yield from Taker.objects.filter(person=person).values_list("reassurance", flat=True)
    yield from Extension.objects.filter(person=person).values_list("reassurance", flat=True)
    yield from NextTry.objects.filter(person=person).values_list("text", flat=True)


declared = PersonalData(
    sections=[
        Section(
            "breaks",
            breaks,
            csv=_(
                "every break: who took it, when it started, the time to come back, reassurances, extensions, "
                "“thinking of you”s, and your own notes before reconnecting."
            ),
        ),
        Section(
            "reconnections",
            reconnections,
            csv=_(
                "how each reconnection went: your check-in, your partner's if they shared it, one thing to try, "
                "and how each of you said it went: back on time or late, how repaired it felt, when to talk again."
            ),
        ),
    ],
    own=[Taker, Extension, ThinkingOfYou, Preparation, CheckIn, NextTry, Outcome],
    shared=[Break, Reconnection, TalkAgain],
    traces=words_shared,
)
