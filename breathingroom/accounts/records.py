"""Everything one person may see of their own data, gathered for their export.

Each section answers with plain lists and dictionaries. What is shown of a partner is exactly what
the app shows them: the partner's name, reassurances, words in the agreement and "one thing to try",
a check-in's number only if it was shared, and never their preparation notes, body check-ins or
unsent notes. Sign-in secrets (password hashes, authenticator keys, device keys) never leave.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.utils.translation import gettext as _

from breathingroom.accounts.models import Person
from breathingroom.breaks.models import Break, Reconnection
from breathingroom.calm.models import BodyCheckIn, UnsentNote
from breathingroom.couples.models import Couple, Invitation
from breathingroom.events.models import Event
from breathingroom.notify.models import NotificationSettings, PushSubscription

Record = dict[str, Any]


def name_of(person: Person | None) -> str:
    """How someone appears in the history: their name, or, once they deleted their account, not even that."""
    return person.display_name if person is not None else _("a former partner")


def _couples(person: Person) -> list[Couple]:
    return list(Couple.objects.filter(memberships__person=person).prefetch_related("memberships__person"))


def profile(person: Person) -> Record:
    return {
        "email": person.email,
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "joined_at": person.date_joined,
        "last_signed_in_at": person.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=person).order_by("email")
        ],
        "has_password": person.has_usable_password(),
        "sign_in_methods": [
            {
                "type": a.type,
                "name": a.data.get("name", "") if a.type == Authenticator.Type.WEBAUTHN else "",
                "created_at": a.created_at,
                "last_used_at": a.last_used_at,
            }
            for a in Authenticator.objects.filter(user=person).order_by("created_at")
        ],
    }


def sessions(person: Person) -> list[Record]:
    return [
        {"created_at": s.created_at, "last_seen_at": s.last_seen_at, "ip": s.ip, "user_agent": s.user_agent}
        for s in UserSession.objects.filter(user=person).order_by("created_at")
    ]


def couples(person: Person) -> list[Record]:
    rows = []
    for couple in _couples(person):
        mine = next(m for m in couple.memberships.all() if m.person_id == person.pk)
        ended_by = None
        if couple.ended_at is not None:
            ended_by = _("you") if couple.ended_by_id == person.pk else name_of(couple.partner_of(person))
        rows.append(
            {
                "couple": str(couple.pk),
                "partner": name_of(couple.partner_of(person)),
                "paired_at": mine.joined_at,
                "ended_at": couple.ended_at,
                "ended_by": ended_by,
            }
        )
    return rows


def invitations(person: Person) -> list[Record]:
    return [
        {
            "code": i.display_code,
            "created_at": i.created_at,
            "expires_at": i.expires_at,
            "used_at": i.used_at,
            "revoked_at": i.revoked_at,
        }
        for i in Invitation.objects.filter(inviter=person).order_by("created_at")
    ]


def agreements(person: Person) -> list[Record]:
    rows = []
    for couple in _couples(person):
        partner = couple.partner_of(person)
        versions = couple.agreements.select_related("proposed_by", "accepted_by").order_by("version")
        for a in versions:
            rows.append(
                {
                    "couple": str(couple.pk),
                    "version": a.version,
                    "proposed_by": name_of(a.proposed_by),
                    "proposed_at": a.proposed_at,
                    "accepted_by": name_of(a.accepted_by) if a.accepted_at else None,
                    "accepted_at": a.accepted_at,
                    "withdrawn_at": a.withdrawn_at,
                    "shortest_minutes": a.shortest,
                    "longest_minutes": a.longest,
                    "lengths_offered": list(a.presets),
                    "until_morning": a.until_morning,
                    "extensions": a.extensions,
                    "contact": a.contact,
                    "contact_every_minutes": a.contact_every,
                    "reconnect": a.reconnect,
                    "own_way": a.own_way,
                    "your_words": a.words.get(str(person.pk), ""),
                    "partner_words": a.words.get(str(partner.pk), "") if partner else "",
                }
            )
    return rows


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


def reconnections(person: Person) -> list[Record]:
    rows = []
    found = (
        Reconnection.objects.filter(brk__couple__memberships__person=person)
        .select_related("first_speaker", "recorded_by")
        .prefetch_related("check_ins", "next_tries__person")
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
                "timing": r.timing,
                "repair": r.repair,
                "next_talk_at": r.next_talk_at,
                "recorded_by": name_of(r.recorded_by) if r.recorded_at else None,
                "recorded_at": r.recorded_at,
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


def body_check_ins(person: Person) -> list[Record]:
    return [
        {
            "at": c.created_at,
            "where": c.where,
            "sensation": c.sensation,
            "strength": c.strength,
            "feeling": c.feeling,
            "heart_rate": c.heart_rate,
            "note": c.note,
        }
        for c in BodyCheckIn.objects.written_by(person).order_by("created_at")
    ]


def unsent_notes(person: Person) -> list[Record]:
    return [{"at": n.created_at, "text": n.text} for n in UnsentNote.objects.written_by(person).order_by("created_at")]


def events(person: Person) -> list[Record]:
    return [
        {"number": e.seq, "type": e.type, "at": e.at, "data": e.data}
        for e in Event.objects.filter(recipient=person).order_by("seq")
    ]


def devices(person: Person) -> list[Record]:
    # The push address and keys are left out: they are secrets between this server and the device.
    return [
        {"device": str(d), "created_at": d.created_at, "last_used_at": d.last_used_at}
        for d in PushSubscription.objects.filter(person=person)
    ]


def notification_settings(person: Person) -> Record:
    wishes = NotificationSettings.objects.for_person(person)
    return {
        "push": wishes.push,
        "email_reminders": wishes.email_reminders,
        "quiet_from": wishes.quiet_from.isoformat(timespec="minutes") if wishes.quiet_from else None,
        "quiet_until": wishes.quiet_until.isoformat(timespec="minutes") if wishes.quiet_until else None,
    }


# In the order they are gathered; each is one step of the export's progress.
SECTIONS: list[tuple[str, Callable[[Person], Any]]] = [
    ("profile", profile),
    ("sessions", sessions),
    ("couples", couples),
    ("invitations", invitations),
    ("agreements", agreements),
    ("breaks", breaks),
    ("reconnections", reconnections),
    ("body_check_ins", body_check_ins),
    ("unsent_notes", unsent_notes),
    ("events", events),
    ("devices", devices),
    ("notification_settings", notification_settings),
]
