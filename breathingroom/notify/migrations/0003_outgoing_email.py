# Emails written during a request wait here, encrypted, until the worker sends them.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import breathingroom.vault.fields


class Migration(migrations.Migration):
    dependencies = [
        ("notify", "0002_opaque_ids_and_endpoints_per_person"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OutgoingEmail",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", breathingroom.vault.fields.EncryptedJSONField()),
                ("queued_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "person",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
