"""Encrypt every private value again with the first of the ENCRYPTION_KEYS.

Changing keys: put a new key first in ENCRYPTION_KEYS (``--new-key`` prints one), keep the old one
after it, restart the app, run this command, then remove the old key and restart again.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from breathingroom.vault import keys, rotation


class Command(BaseCommand):
    help = "Encrypt every private value again with the first of the ENCRYPTION_KEYS, so older keys can go."
    # A fresh key is what fixes a broken ENCRYPTION_KEYS, so the checks that refuse one must not stop it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", action="store_true", help="Only print a fresh key to put first.")
        parser.add_argument("--batch-size", type=int, default=rotation.BATCH_SIZE, help="Rows per transaction.")

    def handle(self, *args: Any, new_key: bool, batch_size: int, **options: Any) -> None:
        if new_key:
            self.stdout.write(keys.new_key())
            return
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")

        def said(model: type[models.Model], touched: int) -> None:
            self.stdout.write(f"{model._meta.label}: {touched} rows")

        try:
            keys.keyring()  # a broken key is told before any row is read
            total = rotation.rotate_all(batch_size, on_model=said)
        except (keys.UnreadableText, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Encrypted {total} rows again with the first key."))
