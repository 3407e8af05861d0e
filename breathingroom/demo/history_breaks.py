"""The demo couple's breaks: when they start, who steps away, how long, and how each reconnection went.

Breaks cluster where they do for most couples, in the evenings and at weekends, come more often in
the first weeks and in the odd rough patch, and slowly go better: lower check-ins, more repaired.
Some are extended, some end early because both were ready, some end with someone back late, and
a few end "not yet", with a time to talk again that the couple then kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from breathingroom.agreements.models import Agreement, Contact, Terms
from breathingroom.breaks.models import (
    OVERDUE_AFTER,
    Break,
    CheckIn,
    Extension,
    NextTry,
    Outcome,
    Preparation,
    Reconnection,
    Repair,
    Step,
    Taker,
    TalkAgain,
    ThinkingOfYou,
    Timing,
)
from breathingroom.breaks.reconnecting import FLOODED
from breathingroom.demo import words
from breathingroom.demo.story import Partner, Story

# How often a day of each weekday sees a break, Monday first (a week's mean is 1).
WEEKDAYS = (0.8, 0.8, 0.9, 1.0, 1.15, 1.25, 1.1)
WEEKDAY_HOURS = {7: 3, 8: 2, 12: 1, 13: 1, 17: 4, 18: 8, 19: 12, 20: 14, 21: 13, 22: 9, 23: 3}
WEEKEND_HOURS = {9: 2, 10: 4, 11: 6, 12: 4, 13: 4, 14: 5, 15: 6, 16: 6, 17: 6, 18: 7, 19: 8, 20: 9, 21: 8, 22: 5}
# Breaks a week once things have settled, and how much more often at first and in a rough patch.
USUAL_RATE = 1.0
FIRST_WEEKS = 0.9
ROUGH = 1.8
EXTENSION_MINUTES = {15: 4, 20: 3, 30: 3}
MORNING = 8


@dataclass(frozen=True)
class Made:
    """A break as made here, for the episodes and check-ins that follow it."""

    brk: Break
    takers: tuple[Partner, ...]
    closed_at: datetime
    repaired: str
    late: bool


def terms_at(agreements: list[Agreement], moment: datetime) -> Terms:
    found = [a for a in agreements if a.accepted_at is not None and a.accepted_at <= moment]
    return found[-1].terms() if found else Terms()


def rough_patches(story: Story) -> list[tuple[int, int]]:
    """A few stretches of weeks when life is harder (work, family, a move): about two a year."""
    patches = []
    for _ in range(max(1, round(story.days / 180))):
        first = story.rng.randrange(20, max(21, story.days - 20))
        patches.append((first, first + story.rng.randrange(14, 36)))
    return patches


def rate(story: Story, n: int, patches: list[tuple[int, int]]) -> float:
    """Breaks a week on day ``n``."""
    weekly = USUAL_RATE * (1 + FIRST_WEEKS * math.exp(-n / 60))
    return weekly * (ROUGH if any(a <= n < b for a, b in patches) else 1)


def make_breaks(story: Story, agreements: list[Agreement]) -> list[Made]:
    made: list[Made] = []
    patches = rough_patches(story)
    # From the first agreement on, and ending a few days ago, so every "not yet" has had its talk.
    free_from = min((a.accepted_at for a in agreements if a.accepted_at), default=story.start)
    last = story.end - timedelta(days=4)
    for n in range(story.days):
        day = story.day(n)
        if not story.chance(rate(story, n, patches) / 7 * WEEKDAYS[day.weekday()]):
            continue
        hour = story.pick(WEEKEND_HOURS if day.weekday() >= 5 else WEEKDAY_HOURS)
        started = story.at(day, hour, story.rng.randrange(60))
        if started < free_from or started > last:
            continue
        rough = any(a <= n < b for a, b in patches)
        one = _break(story, started, terms_at(agreements, started), rough)
        made.append(one)
        free_from = one.closed_at + timedelta(hours=1)
    return made


def _length(story: Story, partner: Partner, terms: Terms) -> int:
    offered = {m: w for m, w in partner.tendency.lengths.items() if m in terms.presets}
    if offered:
        return story.pick(offered)
    return story.one_of(terms.presets)


def _break(story: Story, started: datetime, terms: Terms, rough: bool) -> Made:
    first = story.settle if story.chance(story.settle.tendency.takes_space) else story.reach
    local = started.astimezone(story.zone)
    morning = None
    if terms.until_morning and local.hour >= 21 and story.chance(first.tendency.until_morning):
        morning = story.at(local.date() + timedelta(days=1), MORNING)
    n = round((morning - started).total_seconds() / 60) if morning else _length(story, first, terms)
    brk = Break(
        couple=story.couple,
        started_by=first.person,
        started_at=started,
        returns_at=started + timedelta(minutes=n),
        agreement_version=terms.version,
    )
    takers = [(first, Taker(brk=brk, person=first.person, reassurance=_reassure(story, first), minutes=n))]
    takers[0][1].joined_at = started
    longest = terms.longest
    if morning is None and story.chance(0.09):
        # The other needs space too, a few minutes in.
        second = story.other(first)
        joined = started + story.minutes(2, 9)
        m = _length(story, second, terms)
        if joined + timedelta(minutes=m) <= started + timedelta(minutes=longest):
            taker = Taker(brk=brk, person=second.person, reassurance=_reassure(story, second), minutes=m)
            taker.joined_at = joined
            takers.append((second, taker))
            brk.returns_at = max(brk.returns_at, joined + timedelta(minutes=m))
    story.add(brk, *(t for _, t in takers))
    _extend(story, brk, takers, terms, morning is not None)

    late_one = None
    early = morning is None and not brk.extensions_used and story.chance(0.08 + 0.08 * story.practised(started))
    if not early:
        late_ones = [(p, t) for p, t in takers if story.chance(p.tendency.comes_back_late * (1.4 if rough else 1))]
        late_one = late_ones[0] if late_ones else None
    if early:
        brk.ended_early_at = started + (brk.returns_at - started) * story.rng.uniform(0.45, 0.85)
        for i, (_, taker) in enumerate(sorted(takers, key=lambda pt: pt[1].joined_at)):
            ready = brk.ended_early_at - (story.minutes(1, 10) if i < len(takers) - 1 else timedelta(0))
            taker.ready_at = taker.back_at = max(ready, taker.joined_at + timedelta(minutes=5))
        brk.ended_early_at = max(t.back_at for _, t in takers if t.back_at)
    else:
        brk.due_announced_at = brk.returns_at
        for _, taker in takers:
            if late_one is not None and taker is late_one[1]:
                taker.back_at = brk.returns_at + story.minutes(OVERDUE_AFTER + 2, 45)
                brk.overdue_announced_at = brk.returns_at + timedelta(minutes=OVERDUE_AFTER)
            else:
                taker.back_at = brk.returns_at + story.minutes(0, 7)
    _thoughts_and_notes(story, brk, takers, terms)
    return _reconnect(story, brk, [p for p, _ in takers], [t for _, t in takers], rough, late_one is not None)


def _reassure(story: Story, partner: Partner) -> str:
    return story.one_of(words.REASSURANCES[partner.role])


def _extend(story: Story, brk: Break, takers: list[tuple[Partner, Taker]], terms: Terms, morning: bool) -> None:
    if morning or not terms.extensions:
        return
    for partner, taker in takers:
        while brk.extensions_used < terms.extensions and story.chance(
            partner.tendency.extends if not brk.extensions_used else 0.25
        ):
            m = story.pick(EXTENSION_MINUTES)
            length = (brk.returns_at - brk.started_at).total_seconds() / 60
            if length + m > terms.longest:
                return
            text = story.one_of(words.EXTENSION_REASSURANCES[partner.role])
            at = brk.returns_at - story.minutes(2, 12)
            brk.returns_at += timedelta(minutes=m)
            brk.extensions_used += 1
            taker.reassurance = text
            story.add(Extension(brk=brk, person=partner.person, minutes=m, reassurance=text, created_at=at))


def _thoughts_and_notes(story: Story, brk: Break, takers: list[tuple[Partner, Taker]], terms: Terms) -> None:
    on_break = {p.role for p, _ in takers}
    back = brk.ended_early_at or brk.returns_at
    for partner in story.partners:
        if partner.role not in on_break and terms.contact != Contact.NOTHING:
            # One "thinking of you", and where the agreement allows them now and then, perhaps another.
            sent, gap = brk.started_at, timedelta(0)
            for _ in range(2 if terms.contact == Contact.EVERY else 1):
                if not story.chance(0.5 if partner is story.reach else 0.25):
                    break
                sent += max((back - sent) * story.rng.uniform(0.2, 0.8), gap)
                if sent >= back:
                    break
                story.add(ThinkingOfYou(brk=brk, sender=partner.person, sent_at=sent))
                gap = timedelta(minutes=terms.contact_every)
        if story.chance(0.22):
            notes = words.PREPARATION[partner.role]
            story.add(
                Preparation(
                    brk=brk,
                    person=partner.person,
                    felt=story.one_of(notes["felt"]),
                    need=story.one_of(notes["need"]) if story.chance(0.7) else "",
                    my_part=story.one_of(notes["my_part"]) if story.chance(0.6) else "",
                    updated_at=back - story.minutes(3, 20),
                )
            )


def _reconnect(story: Story, brk: Break, on_break: list[Partner], takers: list[Taker], rough: bool, late: bool) -> Made:
    back = brk.ended_early_at or brk.returns_at
    waiting = [p for p in story.partners if p not in on_break]
    first_speaker = waiting[0].person if waiting else max(takers, key=lambda t: t.joined_at).person
    reconnection = Reconnection(brk=brk, started_at=back, step=Step.DONE, first_speaker=first_speaker)
    arrived = {t.person_id: t.back_at or back for t in takers}
    for partner in waiting:
        arrived[partner.person.pk] = back + story.minutes(0, 3)
    together = max(arrived.values())
    talk_from = together
    check_ins = []
    for partner in story.partners:
        mean = partner.tendency.stirred - 2.2 * story.practised(brk.started_at) + (1 if rough else 0)
        mean += 1.2 if late else 0
        strength = story.strength(mean)
        at = arrived[partner.person.pk]
        check_in = CheckIn(
            reconnection=reconnection,
            person=partner.person,
            strength=strength,
            shared=story.chance(partner.tendency.shares_check_in),
            created_at=at,
            checked_at=at,
        )
        check_ins.append(check_in)
    if any(c.strength >= FLOODED for c in check_ins):
        # Settling first: a breath together, then each checks in again, calmer, or chooses to go on.
        reconnection.settling_since = reconnection.breath_at = together + timedelta(minutes=1)
        for check_in in check_ins:
            if check_in.strength >= FLOODED:
                if story.chance(0.65):
                    check_in.strength = story.rng.randint(3, FLOODED - 1)
                    check_in.checked_at = together + story.minutes(5, 15)
                else:
                    check_in.go_on_at = together + story.minutes(4, 10)
        talk_from = max(c.go_on_at or c.checked_at for c in check_ins)
    story.add(reconnection, *check_ins)
    talked = talk_from + story.minutes(15, 50)
    for partner in story.partners:
        if story.chance(0.5):
            text = story.one_of(words.NEXT_TRIES[partner.role])
            story.add(NextTry(reconnection=reconnection, person=partner.person, text=text, created_at=talked))
    repaired = _how_it_went(story, brk, max(c.strength for c in check_ins), rough, late)
    closed_at = _outcomes(story, brk, reconnection, repaired, late, talked)
    brk.closed_at = closed_at
    return Made(brk=brk, takers=tuple(on_break), closed_at=closed_at, repaired=repaired, late=late)


def _how_it_went(story: Story, brk: Break, strongest: int, rough: bool, late: bool) -> str:
    practised = story.practised(brk.started_at)
    not_yet = 0.07 + 0.07 * late + 0.05 * (strongest >= FLOODED) + 0.05 * rough
    repaired = 0.5 + 0.28 * practised
    roll = story.rng.random()
    if roll < not_yet:
        return Repair.NOT_YET
    return Repair.REPAIRED if roll < not_yet + repaired else Repair.PARTLY


def _outcomes(
    story: Story, brk: Break, reconnection: Reconnection, repaired: str, late: bool, talked: datetime
) -> datetime:
    timing = Timing.LATE if late else Timing.ON_TIME
    recorded = talked + story.minutes(0, 3)
    chosen = []
    for partner in story.rng.sample(story.partners, 2):
        mine = repaired
        if story.chance(0.2):
            # Two views of one talk are not always the same: the one who reached often feels less settled.
            if mine == Repair.REPAIRED and partner is story.reach:
                mine = Repair.PARTLY
            elif mine == Repair.PARTLY and partner is story.settle:
                mine = Repair.REPAIRED
            elif mine == Repair.NOT_YET and partner is story.settle:
                mine = Repair.PARTLY
        next_talk_at = None
        if mine == Repair.NOT_YET:
            local = recorded.astimezone(story.zone)
            next_talk_at = story.at(local.date() + timedelta(days=story.rng.randint(1, 2)), 19, story.one_of((0, 30)))
            chosen.append(next_talk_at)
        story.add(
            Outcome(
                reconnection=reconnection,
                person=partner.person,
                timing=timing,
                repair=mine,
                next_talk_at=next_talk_at,
                recorded_at=recorded,
            )
        )
        closed = recorded
        recorded += story.minutes(0, 8)
    if chosen:
        at = max(chosen)
        talk = TalkAgain(reconnection=reconnection, at=at)
        if at < story.end:
            talk.called_at = at
            if story.chance(0.88):
                talk.talked_at = at + story.minutes(20, 70)
        story.add(talk)
    return closed
