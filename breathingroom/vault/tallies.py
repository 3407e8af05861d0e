"""Tallies: counting equal encrypted values in the database without the database reading them.

An encrypted column cannot be grouped: every token differs, even for the same words. A tally column
beside it holds a keyed hash (HMAC-SHA256) of the value, made from the first of the ENCRYPTION_KEYS
and scoped to one person, so the database can count how often a person chose the same thing
("withdrew", "fear of being left") while a copy of it, without the keys, shows only that two of one
person's values are equal, never what they are. Hashes of one person's values never match another's.

A value is compared after trimming and ignoring case, so "Money" and "money " count as one. Empty
stays empty. ``rotate_encryption_keys`` works each tally out again with the new first key.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.db import models, transaction

from breathingroom.vault import keys

TALLY_LENGTH = 32


def tally(value: str, scope: object, purpose: str) -> str:
    """The tally of ``value`` for ``scope`` (a person's id) in ``purpose`` (the column it counts)."""
    value = " ".join(value.split()).casefold()
    if not value:
        return ""
    message = f"{purpose}\0{scope}\0{value}".encode()
    return hmac.new(keys.tally_key(), message, hashlib.sha256).hexdigest()[:TALLY_LENGTH]


class TallyField(models.CharField):
    """The tally of another (encrypted) field of the same row, worked out on every save.

    ``of``: the field counted; ``scope``: the attribute that scopes it (a person's id).
    """

    description = "A keyed hash of another field, for counting"

    def __init__(self, *args: Any, of: str = "", scope: str = "person_id", **kwargs: Any) -> None:
        self.of, self.scope = of, scope
        kwargs.setdefault("max_length", TALLY_LENGTH)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["of"], kwargs["scope"] = self.of, self.scope
        for key, value in (("max_length", TALLY_LENGTH), ("blank", True), ("default", ""), ("editable", False)):
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = tally(getattr(model_instance, self.of) or "", getattr(model_instance, self.scope), self.column_purpose)
        setattr(model_instance, self.attname, value)
        return value

    @property
    def column_purpose(self) -> str:
        return f"{self.model._meta.label_lower}.{self.of}"

    def of_value(self, value: str, scope: object) -> str:
        """The tally a row of ``scope`` holding ``value`` has: to find such rows without opening any."""
        return tally(value, scope, self.column_purpose)


def tally_fields(model: type[models.Model]) -> list[TallyField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, TallyField)]


def recount(model: type[models.Model], batch_size: int = 500) -> int:
    """Work out every tally of ``model`` again (after the first key changed); rows touched."""
    fields = tally_fields(model)
    if not fields:
        return 0
    touched = 0
    after: Any = None
    while True:
        # Rows locked while counted again, so a value saved meanwhile is not given an older tally.
        with transaction.atomic():
            rows = model._base_manager.select_for_update().order_by("pk")
            if after is not None:
                rows = rows.filter(pk__gt=after)
            batch = list(rows[:batch_size])
            for row in batch:
                for field in fields:
                    field.pre_save(row, add=False)
            model._base_manager.bulk_update(batch, [f.name for f in fields])
        touched += len(batch)
        if len(batch) < batch_size:
            return touched
        after = batch[-1].pk
