"""What every part of the demo history shares: the seeded dice, the two people, their clock, the rows to save.

Every row is built in memory first, with the times it would have had, and saved at the end with one
``bulk_create`` per model (``save``), parents before children: years of history take seconds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import models

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.demo.tendencies import Tendency

K = TypeVar("K")
# The demo couple's clock: both live in one home.
ZONE = "Europe/London"
BATCH = 500


@dataclass
class Partner:
    person: Person
    tendency: Tendency

    @property
    def role(self) -> str:
        return self.tendency.role


@dataclass
class Story:
    rng: random.Random
    couple: Couple
    reach: Partner
    settle: Partner
    start: datetime
    end: datetime
    rows: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(ZONE)

    @property
    def partners(self) -> tuple[Partner, Partner]:
        return (self.reach, self.settle)

    def other(self, partner: Partner) -> Partner:
        return self.settle if partner is self.reach else self.reach

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def day(self, n: int) -> date:
        return self.start.astimezone(self.zone).date() + timedelta(days=n)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """A moment on the couple's own clock."""
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    def by_now(self, moment: datetime) -> datetime | None:
        """``moment`` if it has come by the story's end; None for a moment still ahead."""
        return moment if moment <= self.end else None

    def day_of(self, moment: datetime) -> int:
        return (moment - self.start).days

    def practised(self, moment: datetime) -> float:
        """How far the couple has come with the app: 0 at the start, nearing 1 after a few months."""
        return 1 - math.exp(-max(self.day_of(moment), 0) / 90)

    # The dice.

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, weights: Mapping[K, float]) -> K:
        keys = list(weights)
        return self.rng.choices(keys, weights=[weights[k] for k in keys])[0]

    def one_of(self, options: Iterable[K]) -> K:
        return self.rng.choice(list(options))

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(minutes=self.rng.uniform(low, high))

    def strength(self, mean: float, spread: float = 1.5) -> int:
        return max(0, min(10, round(self.rng.gauss(mean, spread))))

    # The rows.

    def add(self, *rows: models.Model) -> None:
        for row in rows:
            self.rows.setdefault(type(row), []).append(row)

    def count(self, model: type[models.Model]) -> int:
        return len(self.rows.get(model, []))

    def save(self, order: Iterable[type[models.Model]]) -> None:
        order = list(order)
        if left_out := [model._meta.label for model in self.rows if model not in order]:
            raise ValueError(f"Rows made but not saved: {', '.join(left_out)}")
        for model in order:
            model.objects.bulk_create(self.rows.get(model, []), batch_size=BATCH)  # type: ignore[attr-defined]
