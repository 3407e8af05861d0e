"""Body check-ins are kept by the body app now; its migration moved every one of them first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("calm", "0002_encrypt_private_text"),
        ("body", "0002_check_ins_from_calm"),
    ]

    operations = [
        migrations.DeleteModel(
            name="BodyCheckIn",
        ),
    ]
