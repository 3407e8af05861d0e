"""Episodes: each side is its author's own, in their copy, gone with them; the episode is the couple's.

A partner's copy holds none of the other's sides, not even shared ones: sharing lets someone see a
side while its author chooses, never keep it. The same goes for the repair conversation's words.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.dance import repair, vocabulary
from breathingroom.dance.models import Episode, RepairAnswer, RepairConfirm, RepairStep, RepairTalk, Side
from breathingroom.personal_data import PersonalData, Record, Section


def my_sides(person: Person) -> list[Record]:
    return [
        {
            "episode_happened_at": side.episode.happened_at,
            "what_set_it_off": vocabulary.trigger_name(side.trigger),
            "what_i_did": vocabulary.move_name(side.move),
            "felt_on_the_surface": vocabulary.feeling_name(side.surface_feeling),
            "felt_underneath": vocabulary.feeling_name(side.deeper_feeling),
            "feared": vocabulary.fear_name(side.fear),
            "needed": vocabulary.need_name(side.need),
            "written_at": side.written_at,
            "shared_with_partner_since": side.shared_at,
        }
        for side in Side.objects.filter(person=person).select_related("episode").order_by("written_at", "pk")
    ]


def my_repair_words(person: Person) -> list[Record]:
    # Only words still kept: a talk that was let go took its words with it.
    return [
        {
            "episode_happened_at": a.talk.episode.happened_at,
            "step": str(RepairStep(repair.PART[a.part].step).label) if a.part in repair.PART else "",
            "part": a.part,
            "words": a.text,
            "at": a.updated_at,
        }
        for a in RepairAnswer.objects.filter(person=person).select_related("talk__episode").order_by("updated_at", "pk")
    ]


declared = PersonalData(
    sections=[
        Section("episode_sides", my_sides, csv=_("your side of each episode (private to you unless you shared it).")),
        Section("repair_words", my_repair_words, csv=_("what you wrote in repair conversations.")),
    ],
    own=[Side, RepairAnswer, RepairConfirm],
    shared=[Episode, RepairTalk],
)
