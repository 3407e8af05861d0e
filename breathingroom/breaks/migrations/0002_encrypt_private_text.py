# Reassurances, the private notes before reconnecting and the one thing to try next time are kept
# encrypted from now on: the columns become plain text (wide enough for a token), the rows already
# there are encrypted, then the fields change.

import breathingroom.vault.fields
from django.db import migrations, models

from breathingroom.vault.sealing import seal


class Migration(migrations.Migration):

    dependencies = [
        ('breaks', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='extension',
            name='reassurance',
            field=models.TextField(),
        ),
        migrations.AlterField(
            model_name='nexttry',
            name='text',
            field=models.TextField(),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='felt',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='my_part',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='need',
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name='taker',
            name='reassurance',
            field=models.TextField(),
        ),
        seal('breaks', 'extension', 'reassurance'),
        seal('breaks', 'nexttry', 'text'),
        seal('breaks', 'preparation', 'felt', 'need', 'my_part'),
        seal('breaks', 'taker', 'reassurance'),
        migrations.AlterField(
            model_name='extension',
            name='reassurance',
            field=breathingroom.vault.fields.EncryptedTextField(max_length=280),
        ),
        migrations.AlterField(
            model_name='nexttry',
            name='text',
            field=breathingroom.vault.fields.EncryptedTextField(max_length=200),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='felt',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='my_part',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='preparation',
            name='need',
            field=breathingroom.vault.fields.EncryptedTextField(blank=True, max_length=1000),
        ),
        migrations.AlterField(
            model_name='taker',
            name='reassurance',
            field=breathingroom.vault.fields.EncryptedTextField(max_length=280),
        ),
    ]
