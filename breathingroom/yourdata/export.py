"""A copy of everything a person may see, as a zip of JSON and CSV, built by the worker.

``request_export`` writes the request and queues ``build`` in the same transaction, so a request
exists exactly when its task does. The worker gathers one section at a time and records each step,
so the page can show how far it got; the finished zip is kept in the database for a day (downloading
it does not remove it, so a download cut short can be tried again) and then ``forget`` removes it.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from breathingroom.accounts.models import Person
from breathingroom.yourdata import declarations
from breathingroom.yourdata.models import KEEP_EXPORT_FOR, Export

JSON_FILE = "breathing-room.json"


def csv_files() -> dict[str, str]:
    """Each section that is a list of like rows, and the CSV file it is also written to, for a spreadsheet."""
    return {section.name: f"{section.name}.csv" for section in declarations.sections() if section.csv}


def request_export(person: Person) -> Export:
    """Start building ``person``'s export, or answer with the one already being built."""
    with transaction.atomic():
        Person.objects.select_for_update().filter(pk=person.pk).first()
        building = Export.objects.kept().filter(person=person, finished_at__isnull=True).defer("content").first()
        if building is not None:
            return building
        # A new copy replaces the old one: only the latest is kept.
        Export.objects.filter(person=person).delete()
        export = Export.objects.create(person=person, steps_total=len(declarations.sections()) + 1)
        build.enqueue(str(export.pk))
        return export


def export_of(person: Person, export_id: UUID | str) -> Export | None:
    """``person``'s own export with this id, while it is kept; anyone else's is no export at all."""
    try:
        pk = UUID(str(export_id))
    except ValueError:
        return None
    return Export.objects.kept().defer("content").filter(person=person, pk=pk).first()


def latest_of(person: Person) -> Export | None:
    return Export.objects.kept().defer("content").filter(person=person).first()


def download(export: Export) -> HttpResponse:
    """The finished zip, as a file to save."""
    content = Export.objects.filter(pk=export.pk).values_list("content", flat=True).first()
    response = HttpResponse(bytes(content or b""), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    # Private data: never kept by a browser's or a proxy's cache.
    response["Cache-Control"] = "no-store, private"
    return response


@task()
def build(export_id: str) -> int:
    """Gather every section of one export, noting each step, then keep the zip. Answers its size."""
    export = Export.objects.select_related("person").defer("content").filter(pk=export_id).first()
    if export is None or export.finished_at is not None:
        return 0
    person = export.person
    data: dict[str, Any] = {}
    for done, section in enumerate(declarations.sections(), start=1):
        data[section.name] = section.gather(person)
        Export.objects.filter(pk=export.pk).update(steps_done=done)
    content = zip_for(person, data)
    now = timezone.now()
    with transaction.atomic():
        kept = Export.objects.filter(pk=export.pk, finished_at__isnull=True).update(
            content=content, finished_at=now, steps_done=F("steps_total")
        )
        if kept:
            forget.using(run_after=now + KEEP_EXPORT_FOR).enqueue(export_id)
    return len(content)


@task()
def forget(export_id: str) -> int:
    """Remove an export once its day is over, and any other whose day is over too."""
    deleted, _kinds = Export.objects.expired().filter(pk=export_id).delete()
    Export.objects.expired().delete()
    return deleted


def zip_for(person: Person, data: dict[str, Any]) -> bytes:
    zone = person.zone
    everything = {
        "exported_at": timezone.now(),
        "time_zone": person.time_zone,
        **data,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme(person))
        archive.writestr(JSON_FILE, json.dumps(everything, default=_utc, ensure_ascii=False, indent=2))
        for section, filename in csv_files().items():
            archive.writestr(filename, _csv(data.get(section, []), zone))
    return buffer.getvalue()


def readme(person: Person) -> str:
    lines = [
        _("Your data from Breathing Room"),
        "",
        _(
            "Everything you can see in Breathing Room: what you wrote and recorded, and the history you "
            "shared with a partner as you saw it. Your partner's private notes and check-ins are not here, "
            "just as the app never showed them to you. Passwords, authenticator keys and device keys are "
            "never exported."
        ),
        "",
        _(
            "Every time is in UTC, in ISO 8601 (for example 2026-03-01T18:30:00Z). The CSV files also give "
            "each time on your own clock, in your time zone (%(zone)s), in the column after it."
        )
        % {"zone": person.time_zone},
        "",
        *(f"{name}: {what}" for name, what in _files()),
        "",
        _("Lists inside a CSV cell are written as JSON."),
        "",
    ]
    return "\n".join(lines)


def _files() -> list[tuple[str, str]]:
    return [
        (JSON_FILE, _("everything below in one file, and your profile, sign-in methods and notification settings.")),
        *((f"{section.name}.csv", str(section.csv)) for section in declarations.sections() if section.csv),
    ]


def _utc(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _csv(rows: list[dict[str, Any]], zone: ZoneInfo) -> str:
    flat = [_flatten(row, zone) for row in rows]
    columns: list[str] = []
    for row in flat:
        columns.extend(key for key in row if key not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or ["none"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def _flatten(row: dict[str, Any], zone: ZoneInfo, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, datetime):
            flat[name] = _utc(value)
            flat[f"{name}_local"] = value.astimezone(zone).isoformat()
        elif isinstance(value, dict):
            flat.update(_flatten(value, zone, prefix=f"{name}."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, default=_utc, ensure_ascii=False)
        elif value is None:
            flat[name] = ""
        else:
            flat[name] = str(value)
    return flat
