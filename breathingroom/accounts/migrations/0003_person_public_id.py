import uuid

from django.db import migrations, models


def give_each_person_a_public_id(apps, schema_editor):
    Person = apps.get_model("accounts", "Person")
    for person in Person.objects.filter(public_id__isnull=True).only("pk"):
        Person.objects.filter(pk=person.pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_export"),
    ]

    operations = [
        # Added empty first, then filled one by one: a default would give every existing row the same id.
        migrations.AddField(
            model_name="person",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_person_a_public_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
