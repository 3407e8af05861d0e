# The agreement's own words (how the couple reconnects, what each wants to hear) are kept encrypted
# from now on: the columns become plain text (the words as their JSON text), the rows already there
# are encrypted, then the fields change.

import breathingroom.vault.fields
from django.db import migrations, models

from breathingroom.vault.sealing import seal


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreement',
            name='own_way',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='agreement',
            name='words',
            field=models.TextField(default='{}'),
        ),
        seal('agreements', 'agreement', 'own_way', 'words'),
        migrations.AlterField(
            model_name='agreement',
            name='own_way',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=200),
        ),
        migrations.AlterField(
            model_name='agreement',
            name='words',
            field=breathingroom.vault.fields.EncryptedJSONField(default=dict),
        ),
    ]
