from django.db import migrations


class Migration(migrations.Migration):
    """Copies of a person's data now belong to ``yourdata``; the table and its rows stay, and move there."""

    dependencies = [
        ("accounts", "0003_person_public_id"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Export")],
            database_operations=[],
        ),
    ]
