from django.db import migrations

MOVED = {
    "breathingroom.accounts.export.build": "breathingroom.yourdata.export.build",
    "breathingroom.accounts.export.forget": "breathingroom.yourdata.export.forget",
}


def point_waiting_tasks_here(apps, schema_editor):
    # A copy being built, or waiting for its day to end, during the upgrade is finished by its own task.
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in MOVED.items():
        DBTaskResult.objects.filter(task_path=old, status="READY").update(task_path=new)


def point_waiting_tasks_back(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in MOVED.items():
        DBTaskResult.objects.filter(task_path=new, status="READY").update(task_path=old)


class Migration(migrations.Migration):
    dependencies = [
        ("yourdata", "0001_export"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        # From "accounts_export" to this app's own name, rows and all.
        migrations.AlterModelTable(name="export", table=None),
        migrations.RunPython(point_waiting_tasks_here, point_waiting_tasks_back),
    ]
