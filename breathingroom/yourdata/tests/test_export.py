"""A copy of one's data: built by the worker step by step, holding only what its owner may see."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from breathingroom.yourdata import export
from breathingroom.yourdata.models import KEEP_EXPORT_FOR, Export
from breathingroom.yourdata.tests.conftest import ALEX_EMAIL, ALEX_NAME, History, build_export

DATA = "/settings/data/"
START = "/settings/data/export"


def status_url(found: Export) -> str:
    return f"/settings/data/export/{found.pk}"


def download_url(found: Export) -> str:
    return f"/settings/data/export/{found.pk}/download"


def unzip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.fixture
def alex_copy(history: History) -> dict[str, str]:
    return unzip(bytes(build_export(history.alex).content))


# --- What is in it -------------------------------------------------------------------------------


def test_the_zip_has_a_readme_one_json_file_and_a_csv_per_kind(alex_copy):
    assert set(alex_copy) == {"README.txt", "breathing-room.json", *export.csv_files().values()}
    for name in export.csv_files().values():
        assert name in alex_copy["README.txt"]
    assert "Europe/London" in alex_copy["README.txt"]


def test_everything_alex_wrote_is_in_it(history: History, alex_copy):
    everything = alex_copy["breathing-room.json"]
    for text in history.alex_wrote:
        if "passkey" not in text:
            assert json.dumps(text, ensure_ascii=False) in everything, text
    data = json.loads(everything)
    assert data["profile"]["email"] == ALEX_EMAIL
    assert data["profile"]["display_name"] == ALEX_NAME
    assert {m["type"] for m in data["profile"]["sign_in_methods"]} == {"totp", "recovery_codes", "webauthn"}
    assert data["notification_settings"]["email_reminders"] is True
    assert data["devices"][0]["device"] == "Firefox on Android"
    assert data["body_check_ins"][0]["heart_rate"] == 104
    assert data["events"], "the events Alex heard of"


def test_the_partner_appears_as_alex_could_see_them(history: History, alex_copy):
    data = json.loads(alex_copy["breathing-room.json"])
    everything = alex_copy["breathing-room.json"]
    # What Sam shared with Alex: Sam's reassurance, words, one thing to try, and the number Sam showed.
    for shared in (
        "Sam-reassurance: back soon, love",
        "Sam-words: a hand on my shoulder",
        "Sam-try: wait for the time",
    ):
        assert shared in everything
    reconnection = data["reconnections"][0]
    assert reconnection["partner_check_in"] == {"checked_in": True, "strength": 3}
    assert reconnection["your_check_in"]["strength"] == 7
    # Never Sam's private notes.
    for private in ("Sam-felt", "Sam-feeling", "Sam-unsent", "sam@example.com"):
        assert private not in "".join(alex_copy.values())


def test_a_check_in_the_partner_kept_private_shows_only_that_they_checked_in(history: History):
    sam_copy = unzip(bytes(build_export(history.sam).content))
    reconnection = json.loads(sam_copy["breathing-room.json"])["reconnections"][0]
    assert reconnection["partner_check_in"] == {"checked_in": True, "strength": None}
    assert "Alex-felt" not in "".join(sam_copy.values())
    assert "Alex-unsent" not in "".join(sam_copy.values())


def test_no_secret_of_signing_in_is_exported(history: History, alex_copy):
    everything = "".join(alex_copy.values())
    assert history.totp_secret not in everything
    assert "push.example.com" not in everything
    assert "k" * 87 not in everything
    assert history.alex.password not in everything


def test_times_are_utc_and_the_csv_also_gives_the_persons_own_clock(history: History, alex_copy):
    data = json.loads(alex_copy["breathing-room.json"])
    assert data["time_zone"] == "Europe/London"
    started = data["breaks"][0]["started_at"]
    assert started.endswith("Z")
    rows = list(csv.DictReader(io.StringIO(alex_copy["breaks.csv"])))
    assert rows[0]["started_at"] == started
    local = rows[0]["started_at_local"]
    assert local[-6:] in {"+00:00", "+01:00"}
    check_ins = list(csv.DictReader(io.StringIO(alex_copy["body_check_ins.csv"])))
    assert check_ins[0]["note"] == "Alex-body-note: shoulders up by my ears"


# --- Progress, and the worker ------------------------------------------------------------------


def test_a_request_queues_the_worker_and_counts_its_steps(alex):
    started = export.request_export(alex)
    assert (started.steps_done, started.is_ready) == (0, False)
    assert started.steps_total > 5
    queued = DBTaskResult.objects.get(task_path=export.build.module_path)
    assert queued.args_kwargs["args"] == [str(started.pk)]

    export.build.call(str(started.pk))
    done = Export.objects.get(pk=started.pk)
    assert done.is_ready
    assert done.steps_done == done.steps_total
    forgotten = DBTaskResult.objects.get(task_path=export.forget.module_path)
    assert forgotten.run_after == done.finished_at + KEEP_EXPORT_FOR


def test_asking_again_while_it_is_built_answers_with_the_same_copy(alex):
    first = export.request_export(alex)
    assert export.request_export(alex).pk == first.pk
    assert DBTaskResult.objects.filter(task_path=export.build.module_path).count() == 1


def test_a_new_copy_replaces_the_old_one(alex):
    old = build_export(alex)
    new = export.request_export(alex)
    assert new.pk != old.pk
    assert list(Export.objects.values_list("pk", flat=True)) == [new.pk]


def test_a_copy_is_removed_after_a_day(alex):
    found = build_export(alex)
    export.forget.call(str(found.pk))
    assert Export.objects.filter(pk=found.pk).exists()
    Export.objects.filter(pk=found.pk).update(finished_at=timezone.now() - KEEP_EXPORT_FOR - timedelta(seconds=1))
    assert export.latest_of(alex) is None
    export.forget.call(str(found.pk))
    assert not Export.objects.exists()


def test_a_task_for_a_copy_that_is_gone_does_nothing(alex):
    found = export.request_export(alex)
    Export.objects.all().delete()
    assert export.build.call(str(found.pk)) == 0


# --- The pages -----------------------------------------------------------------------------------


def test_the_page_offers_a_copy_and_shows_its_progress(alex, alex_client):
    page = alex_client.get(DATA).content.decode()
    assert "Prepare a copy of my data" in page
    response = alex_client.post(START)
    found = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(found)
    page = alex_client.get(status_url(found)).content.decode()
    assert f'<progress max="{found.steps_total}" value="0"' in page
    # Polled with htmx, and a plain link without JavaScript.
    assert f'href="{status_url(found)}" hx-get="{status_url(found)}" hx-trigger="every 2s"' in page


def test_htmx_gets_only_the_progress_part(alex, alex_client):
    response = alex_client.post(START, headers={"HX-Request": "true"})
    assert response.content.decode().startswith('<div id="export"')
    found = Export.objects.get()
    export.build.call(str(found.pk))
    part = alex_client.get(status_url(found), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in part.split("<form")[0], "a finished copy is not polled any more"
    assert f'href="{download_url(found)}"' in part


def test_the_owner_downloads_the_zip(alex, alex_client):
    found = build_export(alex)
    response = alex_client.get(download_url(found))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="breathing-room-')
    assert "no-store" in response["Cache-Control"]
    assert "README.txt" in unzip(response.content)
    # Kept for the day, not removed by downloading: a download cut short can be tried again.
    assert alex_client.get(download_url(found)).status_code == 200


def test_a_copy_still_being_built_cannot_be_downloaded(alex, alex_client):
    found = export.request_export(alex)
    assert alex_client.get(download_url(found)).status_code == 404


def test_an_outsider_cannot_see_or_download_someone_elses_copy(alex, robin_client, sam_client):
    found = build_export(alex)
    for client in (robin_client, sam_client):
        assert client.get(status_url(found)).status_code == 404
        assert client.get(download_url(found)).status_code == 404
        assert client.get(status_url(found), headers={"HX-Request": "true"}).status_code == 404


def test_an_outsider_starting_a_copy_gets_their_own(alex, robin, robin_client):
    build_export(alex)
    robin_client.post(START)
    assert Export.objects.filter(person=robin).count() == 1
    assert Export.objects.filter(person=alex).count() == 1


def test_the_pages_need_signing_in_and_the_right_method(alex, alex_client, client):
    found = build_export(alex)
    for url in (DATA, START, status_url(found), download_url(found)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"], url
    assert alex_client.get(START).status_code == 405
    assert alex_client.post(DATA).status_code == 405
    assert alex_client.post(download_url(found)).status_code == 405
    assert alex_client.get("/settings/data/export/not-an-id").status_code == 404


def test_settings_has_a_your_data_card(jo_client):
    page = jo_client.get("/settings/").content.decode()
    assert '<h2 id="data-title">Your data</h2>' in page
    assert 'href="/settings/data/"' in page
    assert 'href="/settings/delete"' in page
