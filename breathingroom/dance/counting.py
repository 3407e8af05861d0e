"""How often each person chose each move, trigger, feeling, fear and need, counted by the database.

The words are encrypted, so the database groups their tallies (``vault.tallies``) instead: one query
counts every field asked for, whatever the history. A tally is then named by working out the
tallies of the listed keys for that person (no row opened); a person's own words are opened from one
row, only for the few counts shown. So the number of queries does not grow with history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import CharField, Count, Max, Value

from breathingroom.body.feelings import FEELING_KEYS
from breathingroom.dance import vocabulary
from breathingroom.dance.models import Side, SideQuerySet
from breathingroom.phrasebook.vocabulary import NEED_KEYS
from breathingroom.vault.tallies import TallyField


@dataclass(frozen=True)
class Field:
    name: str
    tally: str
    keys: frozenset[str]
    words: Callable[[str], str]


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("move", "move_tally", frozenset(vocabulary.Move.values), vocabulary.move_name),
        Field("trigger", "trigger_tally", vocabulary.TRIGGER_KEYS, vocabulary.trigger_name),
        Field("surface_feeling", "surface_tally", FEELING_KEYS, vocabulary.feeling_name),
        Field("deeper_feeling", "deeper_tally", FEELING_KEYS, vocabulary.feeling_name),
        Field("fear", "fear_tally", vocabulary.FEAR_KEYS, vocabulary.fear_name),
        Field("need", "need_tally", NEED_KEYS, vocabulary.need_name),
    )
}


@dataclass(frozen=True)
class Counted:
    # A listed key, or the person's own words as written.
    value: str
    words: str
    times: int
    last: datetime


Counts = dict[int, dict[str, list[Counted]]]


def counted(sides: SideQuerySet, fields: Iterable[str], top: int = 1) -> Counts:
    """For each person with sides in ``sides``: each field's ``top`` most frequent values, most often first.

    A tie goes to the one chosen most recently (by when its episode happened).
    """
    wanted = [FIELDS[name] for name in fields]
    if not wanted:
        return {}
    groups: Any = None
    for field in wanted:
        group = (
            sides.exclude(**{field.tally: ""})
            .order_by()
            .values("person_id", field.tally)
            .annotate(
                field=Value(field.name, output_field=CharField()), n=Count("id"), last=Max("episode__happened_at")
            )
            .values_list("field", "person_id", field.tally, "n", "last")
        )
        groups = group if groups is None else groups.union(group, all=True)
    ranked: dict[int, dict[str, list[tuple[str, int, datetime]]]] = {}
    for name, person_id, tally, n, last in groups:
        ranked.setdefault(person_id, {}).setdefault(name, []).append((tally, n, last))
    result: Counts = {}
    for person_id, by_field in ranked.items():
        result[person_id] = {}
        for name, rows in by_field.items():
            field = FIELDS[name]
            rows.sort(key=lambda row: (row[1], row[2]), reverse=True)
            result[person_id][name] = [_named(field, person_id, tally, n, last) for tally, n, last in rows[:top]]
    return result


def _named(field: Field, person_id: int, tally: str, n: int, last: datetime) -> Counted:
    value = _listed(field, person_id).get(tally)
    if value is None:
        # Their own words: opened from one of the rows that hold them.
        row = Side.objects.filter(person_id=person_id, **{field.tally: tally}).only(field.name).first()
        value = getattr(row, field.name) if row is not None else ""
        return Counted(value=value, words=value, times=n, last=last)
    return Counted(value=value, words=field.words(value), times=n, last=last)


def _listed(field: Field, person_id: int) -> dict[str, str]:
    tally_field = Side._meta.get_field(field.tally)
    assert isinstance(tally_field, TallyField)
    return {tally_field.of_value(key, person_id): key for key in field.keys}
