# Devices get an opaque id for people to see, and an endpoint is unique per person, not overall.

import uuid

from django.db import migrations, models


def give_each_device_its_id(apps, schema_editor):
    # A default is computed once for AddField, so the rows already there each get their own here.
    PushSubscription = apps.get_model("notify", "PushSubscription")
    for subscription in PushSubscription.objects.only("pk").iterator():
        subscription.public_id = uuid.uuid4()
        subscription.save(update_fields=["public_id"])


class Migration(migrations.Migration):

    dependencies = [
        ("notify", "0001_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="pushsubscription",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_device_its_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pushsubscription",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="pushsubscription",
            name="endpoint",
            field=models.URLField(max_length=1000),
        ),
        migrations.AddConstraint(
            model_name="pushsubscription",
            constraint=models.UniqueConstraint(
                fields=("person", "endpoint"), name="one_subscription_per_person_and_endpoint"
            ),
        ),
    ]
