"""Upgrading a database where ``accounts`` kept the copies: every copy, and every task waiting on one, carries on."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from breathingroom.tests.migrating import back_to_latest
from breathingroom.yourdata import export
from breathingroom.yourdata.models import Export
from breathingroom.yourdata.tests.conftest import build_export

BEFORE = [("accounts", "0003_person_public_id"), ("yourdata", None)]


def migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


@pytest.mark.django_db(transaction=True)
def test_copies_and_their_tasks_move_with_the_upgrade_and_back(alex, sam):
    ready = build_export(alex)
    building = export.request_export(sam)
    ContentType.objects.get_for_model(Export)
    try:
        before = migrate(BEFORE)
        assert "accounts_export" in tables()
        assert "yourdata_export" not in tables()
        old = before.loader.project_state([BEFORE[0], ("contenttypes", "0002_remove_content_type_name")]).apps
        # Exactly as the code before the move kept them, and a copy it made then.
        OldExport = old.get_model("accounts", "Export")
        assert set(OldExport.objects.values_list("pk", flat=True)) == {ready.pk, building.pk}
        made_before = OldExport.objects.create(person_id=alex.pk, steps_total=3)
        assert set(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True)) == {
            "breathingroom.accounts.export.build",
            "breathingroom.accounts.export.forget",
        }
        assert old.get_model("contenttypes", "ContentType").objects.filter(app_label="accounts", model="export")
    finally:
        back_to_latest()

    assert "accounts_export" not in tables()
    assert set(Export.objects.values_list("pk", flat=True)) == {ready.pk, building.pk, made_before.pk}
    assert bytes(Export.objects.get(pk=ready.pk).content) == bytes(ready.content)
    assert ContentType.objects.filter(app_label="yourdata", model="export").count() == 1
    assert not ContentType.objects.filter(app_label="accounts", model="export").exists()
    # The worker finds the task that was waiting during the upgrade, and it builds Sam's copy.
    waiting = DBTaskResult.objects.get(status="READY", args_kwargs__args=[str(building.pk)])
    assert waiting.task == export.build
    export.build.call(str(building.pk))
    assert Export.objects.get(pk=building.pk).is_ready
