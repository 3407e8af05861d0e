"""Encrypting every stored private value again with the first key, so an old key can be retired."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Value

from breathingroom.vault import keys, tallies
from breathingroom.vault.fields import encrypted_fields

BATCH_SIZE = 500


def sealed_models() -> list[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    return [(model, fields) for model in apps.get_models() if (fields := encrypted_fields(model))]


def rotate_all(batch_size: int = BATCH_SIZE, on_model: Callable[[type[models.Model], int], None] | None = None) -> int:
    """Rows touched in all: every non-empty encrypted value now opens with the first key alone."""
    total = 0
    for model, fields in sealed_models():
        touched = rotate_model(model, fields, batch_size)
        # Tallies are made with the first key too: counted again, so equal values stay equal.
        tallies.recount(model, batch_size)
        if on_model is not None:
            on_model(model, touched)
        total += touched
    return total


def rotate_model(model: type[models.Model], fields: list[models.Field[Any, Any]], batch_size: int = BATCH_SIZE) -> int:
    # Tokens go from the column to MultiFernet.rotate and back as they are stored: read as plain
    # text columns and written back as values, the field neither opens them nor seals them twice.
    raw = {f"_token_{f.attname}": ExpressionWrapper(F(f.attname), output_field=models.TextField()) for f in fields}
    touched = 0
    after: Any = None
    while True:
        # One transaction a batch, rows locked while they are rewritten, so a note saved at the same
        # moment is neither lost to an older token nor left half done.
        with transaction.atomic():
            rows = model._base_manager.select_for_update().order_by("pk").annotate(**raw)
            if after is not None:
                rows = rows.filter(pk__gt=after)
            batch = list(rows.values_list("pk", *raw)[:batch_size])
            for pk, *tokens in batch:
                changes = {
                    f.attname: Value(_rotate(model, f, pk, token), output_field=models.TextField())
                    for f, token in zip(fields, tokens, strict=True)
                    if token
                }
                if changes:
                    model._base_manager.filter(pk=pk).update(**changes)
                    touched += 1
        if len(batch) < batch_size:
            return touched
        after = batch[-1][0]


def _rotate(model: type[models.Model], field: models.Field[Any, Any], pk: Any, token: str) -> str:
    try:
        return keys.rotate(token)
    except keys.UnreadableText as error:
        raise keys.UnreadableText(f"{model._meta.label}.{field.name} (row {pk}): {error}") from None
