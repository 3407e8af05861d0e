"""For migrations that turn plain text columns into encrypted ones, and back.

A migration first makes the column plain text (wide enough for a token), then runs ``seal`` to
encrypt the rows already there, then changes the field to the encrypted one. Reversed, it opens the
tokens back into plain text. In between, the historical model sees the column as plain text, so the
values pass through exactly as stored.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import migrations

from breathingroom.vault import keys

BATCH_SIZE = 500


def seal(app_label: str, model_name: str, *field_names: str) -> migrations.RunPython:
    # Partials of plain functions, not closures, so that squashing migrations can still write them out.
    return migrations.RunPython(
        partial(encrypt_rows, app_label, model_name, field_names),
        partial(decrypt_rows, app_label, model_name, field_names),
    )


def encrypt_rows(app_label: str, model_name: str, field_names: tuple[str, ...], apps: Any, schema_editor: Any) -> None:
    _rewrite(apps.get_model(app_label, model_name), field_names, keys.encrypt)


def decrypt_rows(app_label: str, model_name: str, field_names: tuple[str, ...], apps: Any, schema_editor: Any) -> None:
    _rewrite(apps.get_model(app_label, model_name), field_names, keys.decrypt)


def _rewrite(model: Any, field_names: tuple[str, ...], change: Callable[[str], str]) -> None:
    # A batch is read whole before any of it is written: a table changed under an open cursor may
    # show a row twice, and a row encrypted twice would not open again.
    rows = model._base_manager.order_by("pk").values_list("pk", *field_names)
    batch = list(rows[:BATCH_SIZE])
    while batch:
        for pk, *values in batch:
            changes = {name: change(value) for name, value in zip(field_names, values, strict=True) if value}
            if changes:
                model._base_manager.filter(pk=pk).update(**changes)
        batch = list(rows.filter(pk__gt=batch[-1][0])[:BATCH_SIZE])
