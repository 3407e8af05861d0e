"""The cycle map in a report: the dance's own map, drawn only from episodes whose two sides are both let in.

The dance draws its map from every episode both partners share (``dance.cycle.cycle_of``). A report
holds nothing its authors did not let in, so its map counts only the episodes where both let their
side in: the same counting (``dance.counting``), the same pattern and words, the same drawing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.dance.counting import Counted, counted
from breathingroom.dance.cycle import ENOUGH, SHOWN, Cycle, InTheCycle, pattern_of
from breathingroom.dance.models import Episode, Side


def both_let_in(couple: Couple) -> QuerySet[Episode, dict[str, Any]]:
    """The ids of ``couple``'s episodes whose two sides are both shared and let in (a query, not run here)."""
    let_in = Q(sides__shared_at__isnull=False, sides__in_reports__isnull=False)
    return (
        Episode.objects.filter(couple=couple)
        .annotate(let_in=Count("sides", filter=let_in))
        .filter(let_in=2)
        .values("pk")
    )


def cycle_let_in(couple: Couple, viewer: Person) -> Cycle:
    """``couple``'s cycle from the episodes both let into reports, as ``viewer`` sees it (the viewer first)."""
    among = both_let_in(couple)
    episodes = Episode.objects.filter(pk__in=among).count()
    counts = counted(Side.objects.filter(episode__in=among), SHOWN, top=1) if episodes else {}
    partners = []
    for person in sorted(couple.partners, key=lambda p: p.pk != viewer.pk):
        mine = counts.get(person.pk, {})
        first: dict[str, Counted | None] = {name: next(iter(mine.get(name, [])), None) for name in SHOWN}
        partners.append(InTheCycle(person_id=person.pk, name=person.display_name, **first))
    pattern = None
    if episodes >= ENOUGH and len(partners) == 2:
        pattern = pattern_of(*(p.move.value if p.move else None for p in partners))
    return Cycle(episodes=episodes, partners=tuple(partners), pattern=pattern)
