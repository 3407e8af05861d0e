"""Every version of a couple's Space Agreement: its terms stay with the partner who is left, not the other's words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement, RhythmOccurrence
from breathingroom.couples.personal_data import couples_of
from breathingroom.personal_data import Deletion, PersonalData, Record, Section, name_of


def agreements(person: Person) -> list[Record]:
    rows = []
    for couple in couples_of(person):
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
                    "rhythm": [
                        {"days": list(t.days), "at": t.at, "what": t.what, "kind": t.kind} for t in a.terms().rhythm
                    ],
                    "rhythm_zone": a.rhythm_zone,
                }
            )
    return rows


def rhythm_skips(person: Person) -> list[Record]:
    """The moments of the rhythm one of the two let pass, kept only for a week."""
    skipped = RhythmOccurrence.objects.filter(
        agreement__couple__in=couples_of(person), skipped_at__isnull=False
    ).select_related("agreement", "skipped_by")
    return [
        {
            "version": o.agreement.version,
            "what": t.what if (t := o.agreement.terms().rhythm_time(o.key)) else "",
            "at": o.at,
            "skipped_by": name_of(o.skipped_by),
            "skipped_at": o.skipped_at,
        }
        for o in skipped
    ]


def erase_words(deletion: Deletion) -> None:
    person = deletion.person
    found = Agreement.objects.filter(couple__in=deletion.couple_ids)
    # A proposal never accepted was only ever this person's words; accepted terms stay with the partner.
    found.filter(proposed_by=person, accepted_at__isnull=True).delete()
    key = str(person.pk)
    for agreement in found.select_for_update():
        changed = []
        if key in agreement.words:
            agreement.words = {k: v for k, v in agreement.words.items() if k != key}
            changed.append("words")
        if agreement.proposed_by_id == person.pk and agreement.own_way:
            # "Our own way" of reconnecting was written by whoever proposed it.
            agreement.own_way = ""
            changed.append("own_way")
        if agreement.proposed_by_id == person.pk and agreement.rhythm:
            # So were the rhythm's words; its days and times stay, as the other terms do.
            agreement.rhythm = [{**t, "what": ""} for t in agreement.rhythm]
            changed.append("rhythm")
        if changed:
            agreement.save(update_fields=changed)


declared = PersonalData(
    sections=[
        Section(
            "agreements",
            agreements,
            csv=_("every version of your Space Agreement, its terms, and both partners' words."),
        ),
        Section(
            "rhythm_skips",
            rhythm_skips,
            csv=_("the times of your everyday rhythm that one of you let pass in the last week."),
        ),
    ],
    shared=[Agreement, RhythmOccurrence],
    erase=erase_words,
)
