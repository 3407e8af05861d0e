"""The couple's cycle: each partner's most frequent move, feeling underneath, fear and need, and its name.

It is drawn only from episodes whose two sides are both shared now: a side kept private, or made
private again, never counts, so what one partner keeps to themselves never shows in the other's map.
The pattern is named from the two most frequent moves' families (``vocabulary.Family``):

- one moves towards, the other away: ``pursue_withdraw``;
- both move towards (pressing, criticising, defending): ``attack_attack``;
- both move away: ``withdraw_withdraw``.

With fewer than ``ENOUGH`` such episodes, or a most frequent move of "something else", no pattern is
named: the map says plainly that there is not enough yet, and how many episodes it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.dance.counting import Counted, counted
from breathingroom.dance.models import Episode, Side
from breathingroom.dance.vocabulary import FAMILY, MOVE_SEEN, Family
from breathingroom.sentences import inside_a_sentence

# Episodes with both sides shared before a pattern is named: one or two could be a bad day.
ENOUGH = 3
SHOWN = ("move", "deeper_feeling", "fear", "need", "surface_feeling", "trigger")


class Pattern(StrEnum):
    PURSUE_WITHDRAW = "pursue_withdraw"
    ATTACK_ATTACK = "attack_attack"
    WITHDRAW_WITHDRAW = "withdraw_withdraw"


NAMES: dict[Pattern, Promise] = {
    Pattern.PURSUE_WITHDRAW: gettext_lazy("Reach and retreat"),
    Pattern.ATTACK_ATTACK: gettext_lazy("Both pushing"),
    Pattern.WITHDRAW_WITHDRAW: gettext_lazy("Both going quiet"),
}
MEANINGS: dict[Pattern, Promise] = {
    Pattern.PURSUE_WITHDRAW: gettext_lazy(
        "One of you reaches for the other to feel close again; the other steps back to settle. "
        "The reaching feels like pressure, the stepping back feels like leaving, and each makes the other more likely."
    ),
    Pattern.ATTACK_ATTACK: gettext_lazy(
        "You both press to be heard at the same time. Each push lands as an attack, and the answer is a harder push, "
        "until neither of you can hear what the other needs."
    ),
    Pattern.WITHDRAW_WITHDRAW: gettext_lazy(
        "You both step away to keep things from getting worse. It stays calm on the surface, "
        "but the quiet between you grows while nobody reaches across it."
    ),
}
# One partner's move and what it stirs in the other, in one sentence: written whole for each of the
# feeling, fear and need that may be missing, so a translation can put each part where its language
# wants it. Keyed by (a feeling, a fear, a need named).
LOOP_LINES: dict[tuple[bool, bool, bool], Promise] = {
    # Translators: %(move)s and %(then)s are a move in the third person ("pursues", "goes quiet").
    # %(feeling)s, %(fear)s and %(need)s are words from a list ("Lonely", "That you would leave me",
    # "Closeness"), shown as listed (English lowers their capital), or a person's own words as written.
    (True, True, True): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels %(feeling)s underneath, fearing: %(fear)s, needing: %(need)s; "
        "and so %(other)s %(then)s."
    ),
    (True, True, False): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels %(feeling)s underneath, fearing: %(fear)s; and so %(other)s %(then)s."
    ),
    (True, False, True): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels %(feeling)s underneath, needing: %(need)s; and so %(other)s %(then)s."
    ),
    (True, False, False): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels %(feeling)s underneath; and so %(other)s %(then)s."
    ),
    (False, True, True): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels something underneath, fearing: %(fear)s, needing: %(need)s; "
        "and so %(other)s %(then)s."
    ),
    (False, True, False): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels something underneath, fearing: %(fear)s; and so %(other)s %(then)s."
    ),
    (False, False, True): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels something underneath, needing: %(need)s; and so %(other)s %(then)s."
    ),
    (False, False, False): gettext_lazy(
        "When %(name)s %(move)s, %(other)s feels something underneath; and so %(other)s %(then)s."
    ),
}
THE_LOOP_IS_THE_PROBLEM = gettext_lazy(
    "The loop is the problem, not either of you. You are on the same side, against it."
)


def pattern_of(move: str | None, other_move: str | None) -> Pattern | None:
    """The pattern two most frequent moves make, or None when either is missing or "something else"."""
    mine, theirs = FAMILY.get(move or ""), FAMILY.get(other_move or "")
    if mine is None or theirs is None:
        return None
    if mine != theirs:
        return Pattern.PURSUE_WITHDRAW
    return Pattern.ATTACK_ATTACK if mine == Family.TOWARDS else Pattern.WITHDRAW_WITHDRAW


@dataclass(frozen=True)
class InTheCycle:
    """One partner's part in the loop: each field's most frequent value, or None when nothing is written."""

    person_id: int
    name: str
    move: Counted | None
    deeper_feeling: Counted | None
    fear: Counted | None
    need: Counted | None
    surface_feeling: Counted | None
    trigger: Counted | None

    @property
    def move_seen(self) -> str:
        """The move in the third person ("withdraws"), as the map says it."""
        return str(MOVE_SEEN.get(self.move.value, "")) if self.move else ""


@dataclass(frozen=True)
class Cycle:
    episodes: int
    # The viewer first, then their partner.
    partners: tuple[InTheCycle, ...]
    pattern: Pattern | None

    @property
    def enough(self) -> bool:
        return self.episodes >= ENOUGH

    @property
    def name(self) -> str:
        return str(NAMES[self.pattern]) if self.pattern else ""

    @property
    def meaning(self) -> str:
        return str(MEANINGS[self.pattern]) if self.pattern else ""

    @property
    def resting_on(self) -> str:
        return ngettext(
            "Drawn from %(n)s episode in which you both shared your side.",
            "Drawn from %(n)s episodes in which you both shared your side.",
            self.episodes,
        ) % {"n": self.episodes}

    @property
    def not_enough(self) -> str:
        """Said plainly when the map cannot be drawn yet (empty once it can)."""
        if self.enough:
            return ""
        still = ENOUGH - self.episodes
        return ngettext(
            "There is not enough yet to see your loop: one more episode with both sides shared will start to show it.",
            "There is not enough yet to see your loop: "
            "%(n)s more episodes with both sides shared will start to show it.",
            still,
        ) % {"n": still}

    def sentences(self) -> list[str]:
        """The loop in words, for a screen reader and for anyone who prefers words to a drawing."""
        if not self.enough or len(self.partners) < 2:
            return [self.not_enough] if self.not_enough else []
        lines = []
        for one, other in (self.partners, self.partners[::-1]):
            lines.append(_loop_line(one, other))
        if self.name:
            named = _("Together that makes the loop we call “%(name)s”. %(meaning)s")
            lines.append(named % {"name": self.name, "meaning": self.meaning})
        else:
            lines.append(
                _("Your moves don't fall into one of the common patterns, and that is fine: the loop above is yours.")
            )
        lines.append(str(THE_LOOP_IS_THE_PROBLEM))
        return lines


def _in_a_sentence(said: Counted | None) -> str:
    """Listed words as they read inside a sentence ("That you would leave me" → "that you would leave me" in
    English, as listed in other languages); a person's own words stay exactly as they wrote them.
    """
    if said is None:
        return ""
    if said.value == said.words:
        return said.words
    return inside_a_sentence(said.words)


def _loop_line(one: InTheCycle, other: InTheCycle) -> str:
    said = LOOP_LINES[(other.deeper_feeling is not None, other.fear is not None, other.need is not None)]
    return str(said) % {
        "name": one.name,
        "move": one.move_seen or _("does something"),
        "other": other.name,
        "feeling": _in_a_sentence(other.deeper_feeling),
        "fear": _in_a_sentence(other.fear),
        "need": _in_a_sentence(other.need),
        "then": other.move_seen or _("does something"),
    }


def both_shared(couple: Couple) -> QuerySet[Episode, dict[str, Any]]:
    """The ids of ``couple``'s episodes whose two sides are both shared now (a query, not run here)."""
    return (
        Episode.objects.filter(couple=couple)
        .annotate(shared=Count("sides", filter=Q(sides__shared_at__isnull=False)))
        .filter(shared=2)
        .values("pk")
    )


def cycle_of(couple: Couple, viewer: Person) -> Cycle:
    """``couple``'s cycle as ``viewer`` sees it: drawn from what both shared, the viewer first."""
    sides = Side.objects.filter(episode__in=both_shared(couple))
    episodes = Episode.objects.filter(pk__in=both_shared(couple)).count()
    counts = counted(sides, SHOWN, top=1) if episodes else {}
    people = sorted(couple.partners, key=lambda p: p.pk != viewer.pk)
    partners = []
    for person in people:
        mine = counts.get(person.pk, {})
        first: dict[str, Counted | None] = {name: next(iter(mine.get(name, [])), None) for name in SHOWN}
        partners.append(
            InTheCycle(
                person_id=person.pk,
                name=person.display_name,
                **first,
            )
        )
    pattern = None
    if episodes >= ENOUGH and len(partners) == 2:
        pattern = pattern_of(*(p.move.value if p.move else None for p in partners))
    return Cycle(episodes=episodes, partners=tuple(partners), pattern=pattern)
