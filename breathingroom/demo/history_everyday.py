"""The demo couple's days between breaks: body check-ins, journal entries, and a few kind words.

Check-ins are stronger during a break and ease over the months; some are shared. Journal entries are
mostly private, a few shared; they are more likely on the day of a break. Appreciations come now and
then, and more often after a talk that went well.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.body.models import CheckIn, Spot
from breathingroom.breaks.models import Repair
from breathingroom.demo import words
from breathingroom.demo.history_breaks import Made
from breathingroom.demo.story import Partner, Story
from breathingroom.demo.tendencies import SETTLED_FEELINGS, STIRRED_FEELINGS
from breathingroom.journal.models import Entry
from breathingroom.journal.prompts import PROMPTS

QUIET_HOURS = {7: 3, 8: 2, 12: 1, 13: 1, 18: 2, 19: 3, 20: 3, 21: 3, 22: 2}
# The last days' notes are still waiting to be put away.
FRESH = timedelta(days=3)


def make_everyday(story: Story, breaks: list[Made]) -> None:
    for made in breaks:
        _during(story, made)
        if made.repaired == Repair.REPAIRED and story.chance(0.15):
            sender = story.one_of(story.partners)
            _appreciation(story, sender, made.closed_at + story.minutes(60, 20 * 60))
    for n in range(story.days):
        for partner in story.partners:
            t = partner.tendency
            if story.chance(t.body_check_ins_a_day):
                _check_in(story, partner, _moment(story, n), stirred=story.chance(0.2))
            if story.chance(t.journal_entries_a_day):
                _entry(story, partner, _moment(story, n), story.pick({"everyday": 5, "good": 3, "hard": 1}))
            if story.chance(t.appreciations_a_day):
                _appreciation(story, partner, _moment(story, n))


def _moment(story: Story, n: int) -> datetime:
    return story.at(story.day(n), story.pick(QUIET_HOURS), story.rng.randrange(60))


def _during(story: Story, made: Made) -> None:
    brk = made.brk
    back = brk.ended_early_at or brk.returns_at
    for partner in story.partners:
        on_break = partner in made.takers
        if story.chance(0.55 if on_break else 0.3):
            _check_in(story, partner, brk.started_at + (back - brk.started_at) * story.rng.uniform(0.1, 0.6), True)
        if story.chance(0.3 if on_break else 0.2):
            mood = "good" if made.repaired == Repair.REPAIRED and story.chance(0.5) else "hard"
            _entry(story, partner, made.closed_at + story.minutes(10, 4 * 60), mood)


def _check_in(story: Story, partner: Partner, at: datetime, stirred: bool) -> None:
    if at > story.end:
        return
    t, eased = partner.tendency, 2 * story.practised(at)
    mean = (t.stirred + 0.5 - eased) if stirred else 2.2
    check_in = CheckIn(person=partner.person, created_at=at)
    if stirred or story.chance(0.6):
        feelings = STIRRED_FEELINGS[partner.role] if stirred else SETTLED_FEELINGS
        check_in.feelings = list(dict.fromkeys(story.pick(feelings) for _ in range(story.rng.randint(1, 3))))
    if story.chance(0.45):
        check_in.need = story.pick(t.needs)
    if story.chance(0.04):
        check_in.own_feeling = story.one_of(words.OWN_FEELINGS[partner.role])
    if story.chance(0.3):
        check_in.heart_rate = max(50, round(story.rng.gauss(95 if stirred else 72, 9)))
    if story.chance(0.3):
        check_in.note = story.one_of(words.BODY_NOTES[partner.role])
    if story.chance(0.4) and (shared := story.by_now(at + story.minutes(0, 15))):
        check_in.shared_in, check_in.shared_at = story.couple, shared
    story.add(check_in)
    places = {story.pick(t.regions) for _ in range(story.rng.randint(1, 3))}
    for region in sorted(places):
        calm = not stirred and story.chance(0.35)
        story.add(
            Spot(
                check_in=check_in,
                region=region,
                sensation="calm" if calm else story.pick(t.sensations),
                intensity=story.strength(1 if calm else mean),
            )
        )


def _entry(story: Story, partner: Partner, at: datetime, mood: str) -> None:
    if at > story.end:
        return
    entry = Entry(person=partner.person, created_at=at)
    prompted = {k: v for k, v in words.PROMPTED[partner.role].items() if k in PROMPTS}
    if prompted and story.chance(0.25):
        entry.prompt = story.one_of(sorted(prompted))
        entry.text = prompted[entry.prompt]
    else:
        lines = words.JOURNAL[partner.role]
        chosen = story.rng.sample(lines[mood], min(len(lines[mood]), story.rng.randint(1, 3)))
        if story.chance(0.4):
            chosen.append(story.one_of(lines["everyday"]))
        entry.text = " ".join(dict.fromkeys(chosen))
    if story.chance(0.1) and (edited := story.by_now(at + story.minutes(30, 36 * 60))):
        entry.edited_at, entry.version = edited, 2
    if story.chance(0.2) and (shared := story.by_now((entry.edited_at or at) + story.minutes(1, 120))):
        entry.shared_in, entry.shared_at = story.couple, shared
    story.add(entry)


def _appreciation(story: Story, sender: Partner, at: datetime) -> None:
    if at > story.end:
        return
    okay = story.chance(0.2)
    note = Appreciation(
        couple=story.couple,
        sender=sender.person,
        recipient=story.other(sender).person,
        kind=NoteKind.OKAY if okay else NoteKind.APPRECIATION,
        text=story.one_of(words.OKAY_WORDS) if okay else story.one_of(words.APPRECIATIONS[sender.role]),
        sent_at=at,
    )
    if at < story.end - FRESH or story.chance(0.4):
        note.seen_at = story.by_now(at + story.minutes(10, 10 * 60))
    story.add(note)
