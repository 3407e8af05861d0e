import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def name_the_kind_here(apps, schema_editor):
    # Permissions and anything else naming the model's kind follow it, rather than being made anew.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="yourdata", model="export").exists():
        ContentType.objects.filter(app_label="accounts", model="export").update(app_label="yourdata")


def name_the_kind_there(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accounts", model="export").exists():
        ContentType.objects.filter(app_label="yourdata", model="export").update(app_label="accounts")


class Migration(migrations.Migration):
    """The model ``accounts`` gave up, taken on as it is: its table, with every row, is renamed next."""

    initial = True

    dependencies = [
        ("accounts", "0004_export_moves_to_yourdata"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Export",
                    fields=[
                        ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ("requested_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("steps_done", models.PositiveSmallIntegerField(default=0)),
                        ("steps_total", models.PositiveSmallIntegerField(default=1)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("content", models.BinaryField(null=True)),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="exports",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-requested_at"],
                        "db_table": "accounts_export",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(name_the_kind_here, name_the_kind_there),
    ]
