"""The demo couple's episodes of the dance: each one's side, most of them shared, and some repair talks kept.

Most breaks are looked back on (more often when they did not end repaired), and now and then an
episode is begun on its own. Each partner writes their side from their own tendencies, sometimes in
their own words, and shares most of them; a few stay private, which the map and the insights must
leave out. Some episodes with both sides shared go on to a repair conversation both agreed to keep.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from breathingroom.breaks.models import Repair
from breathingroom.dance.models import Episode, RepairAnswer, RepairConfirm, RepairStep, RepairTalk, Side
from breathingroom.dance.repair import ORDER, PART, PARTS
from breathingroom.demo import words
from breathingroom.demo.history_breaks import WEEKDAY_HOURS, Made
from breathingroom.demo.story import Partner, Story

# One episode begun on its own, without a break, about every this many days.
ON_ITS_OWN_EVERY = 40
OWN_WORDS = 0.07


def make_episodes(story: Story, breaks: list[Made]) -> None:
    for made in breaks:
        looked_back = 0.68 if made.repaired == Repair.REPAIRED else 0.9
        if story.chance(looked_back):
            begun = made.closed_at + story.minutes(20, 30 * 60)
            starter = story.reach if story.chance(0.6) else story.settle
            _episode(story, Episode(couple=story.couple, brk=made.brk, happened_at=made.brk.started_at), begun, starter)
    for n in range(story.days - 1):
        if story.chance(1 / ON_ITS_OWN_EVERY):
            happened = story.at(story.day(n), story.pick(WEEKDAY_HOURS), story.rng.randrange(60))
            starter = story.reach if story.chance(0.55) else story.settle
            _episode(
                story,
                Episode(couple=story.couple, happened_at=happened),
                happened + story.minutes(60, 26 * 60),
                starter,
            )


def _episode(story: Story, episode: Episode, begun: datetime, starter: Partner) -> None:
    if begun > story.end - timedelta(hours=1):
        return
    episode.started_by, episode.created_at = starter.person, begun
    story.add(episode)
    sides = []
    for partner in (starter, story.other(starter)):
        if partner is not starter and not story.chance(0.9):
            continue
        written = begun + (story.minutes(1, 20) if partner is starter else story.minutes(30, 28 * 60))
        if written > story.end:
            continue
        side = _side(story, partner, episode, written)
        story.add(side)
        sides.append(side)
    shared = [s for s in sides if s.shared_at is not None]
    if len(shared) == 2 and story.chance(0.4):
        _repair(story, episode, max(s.shared_at for s in shared if s.shared_at))


def _words(story: Story, weights: dict[str, float], own: tuple[str, ...], blank: float) -> str:
    if story.chance(blank):
        return ""
    return story.one_of(own) if story.chance(OWN_WORDS) else story.pick(weights)


def _side(story: Story, partner: Partner, episode: Episode, written: datetime) -> Side:
    t, role = partner.tendency, partner.role
    side = Side(
        episode=episode,
        person=partner.person,
        move=story.pick(t.moves),
        trigger=_words(story, t.triggers, words.OWN_TRIGGERS[role], 0.05),
        surface_feeling=_words(story, t.surface, words.OWN_FEELINGS[role], 0.15),
        deeper_feeling=_words(story, t.deeper, words.OWN_FEELINGS[role], 0.06),
        fear=_words(story, t.fears, words.OWN_FEARS[role], 0.1),
        need=_words(story, t.needs, words.OWN_NEEDS[role], 0.06),
        written_at=written,
        updated_at=written,
    )
    if story.chance(0.15) and (changed := story.by_now(written + story.minutes(10, 6 * 60))):
        side.version, side.updated_at = 2, changed
    if story.chance(t.shares_side):
        side.shared_at = story.by_now(side.updated_at + story.minutes(1, 90))
    return side


def _repair(story: Story, episode: Episode, both_shared: datetime) -> None:
    began = both_shared + story.minutes(60, 72 * 60)
    if began > story.end - timedelta(hours=2):
        return
    talk = RepairTalk(episode=episode, step=RepairStep.DONE, started_by=story.one_of(story.partners).person)
    talk.started_at = began
    story.add(talk)
    at = began
    for step in ORDER:
        if step == RepairStep.DONE:
            break
        at += story.minutes(3, 9)
        written: set[tuple[str, str]] = set()
        # Each one's own words first, then what answers the other's (an acceptance needs an apology).
        for part in sorted((p for p in PARTS if p.step == step), key=lambda p: bool(p.answers)):
            for partner in story.partners:
                answered = PART.get(part.answers)
                if answered and not answered.needed and (story.other(partner).role, answered.key) not in written:
                    continue
                if not part.needed and not story.chance(0.75):
                    continue
                text = story.one_of(words.REPAIR[partner.role][part.key])
                story.add(RepairAnswer(talk=talk, person=partner.person, part=part.key, text=text, updated_at=at))
                written.add((partner.role, part.key))
        for partner in story.partners:
            keep = True if step == RepairStep.KEEP else None
            story.add(RepairConfirm(talk=talk, person=partner.person, step=step, keep=keep, at=at))
    talk.updated_at = talk.finished_at = at
    talk.kept = True
