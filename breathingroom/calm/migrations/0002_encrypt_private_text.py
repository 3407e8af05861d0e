# The words people write while calming themselves are kept encrypted from now on: the columns become
# plain text (wide enough for a token), the rows already there are encrypted, then the fields change.

import breathingroom.vault.fields
from django.db import migrations, models

from breathingroom.vault.sealing import seal


class Migration(migrations.Migration):

    dependencies = [
        ('calm', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='bodycheckin',
            name='feeling',
            field=models.TextField(blank=True, verbose_name='feeling'),
        ),
        migrations.AlterField(
            model_name='bodycheckin',
            name='note',
            field=models.TextField(blank=True, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='unsentnote',
            name='text',
            field=models.TextField(verbose_name='text'),
        ),
        seal('calm', 'bodycheckin', 'feeling', 'note'),
        seal('calm', 'unsentnote', 'text'),
        migrations.AlterField(
            model_name='bodycheckin',
            name='feeling',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=60, verbose_name='feeling'),
        ),
        migrations.AlterField(
            model_name='bodycheckin',
            name='note',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=500, verbose_name='note'),
        ),
        migrations.AlterField(
            model_name='unsentnote',
            name='text',
            field=breathingroom.vault.fields.EncryptedTextField(max_length=5000, verbose_name='text'),
        ),
    ]
