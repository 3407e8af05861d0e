from __future__ import annotations

import contextlib
from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from breathingroom.accounts.models import Person
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired


@receiver(pre_delete, sender=Person)
def end_couple_of_deleted_person(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    # Whoever stays must not be left in a couple of one.
    with contextlib.suppress(NotPaired):
        pairing.leave(instance, tell_self=False)
