# What events carry (reassurances, names) is kept encrypted from now on: the column becomes plain
# text (the data as its JSON text), the rows already there are encrypted, then the field changes.

import breathingroom.vault.fields
from django.db import migrations, models

from breathingroom.vault.sealing import seal


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0001_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="data",
            field=models.TextField(default="{}"),
        ),
        seal("events", "event", "data"),
        migrations.AlterField(
            model_name="event",
            name="data",
            field=breathingroom.vault.fields.EncryptedJSONField(default=dict),
        ),
    ]
