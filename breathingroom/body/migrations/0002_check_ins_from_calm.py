"""Every check-in kept by the calm tools moves here, under the same id, none lost.

An old check-in named one place: it becomes a check-in with that one place, its sensation and its
strength. Its feeling was a word or two in the person's own words, so it stays their own words; its
heart rate and note come along as they were. The places and sensations of old were kept with the
same keys here, so nothing is guessed. Going back leaves the check-ins here: the old table returns
empty, and nothing is removed from where people's check-ins are kept now.
"""

from __future__ import annotations

from django.db import migrations

BATCH = 500


def move(apps, schema_editor):
    Old = apps.get_model("calm", "BodyCheckIn")
    CheckIn = apps.get_model("body", "CheckIn")
    Spot = apps.get_model("body", "Spot")
    # Applied again after going back and forth, a check-in already here is left as it is.
    here = set(CheckIn.objects.values_list("pk", flat=True))
    old = Old.objects.order_by("created_at", "pk")
    for start in range(0, old.count(), BATCH):
        batch = [c for c in old[start : start + BATCH] if c.pk not in here]
        CheckIn.objects.bulk_create(
            CheckIn(
                id=c.pk,
                person_id=c.person_id,
                created_at=c.created_at,
                feelings=[],
                need="",
                own_feeling=c.feeling,
                heart_rate=c.heart_rate,
                note=c.note,
            )
            for c in batch
        )
        Spot.objects.bulk_create(
            Spot(check_in_id=c.pk, region=c.where, sensation=c.sensation, intensity=c.strength) for c in batch
        )


class Migration(migrations.Migration):
    dependencies = [
        ("body", "0001_check_ins"),
        ("calm", "0002_encrypt_private_text"),
    ]

    operations = [migrations.RunPython(move, migrations.RunPython.noop, elidable=False)]
