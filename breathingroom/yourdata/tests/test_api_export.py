"""A copy of one's data through the JSON API: start it, follow it, download it; nobody else's."""

from __future__ import annotations

import io
import zipfile

from django.test import Client

from breathingroom.conftest import assert_json
from breathingroom.yourdata import export
from breathingroom.yourdata.models import Export

EXPORT = "/api/v1/me/export"


def test_start_follow_and_download(alex, alex_client):
    started = assert_json(alex_client.post(EXPORT), 202)
    assert started["ready"] is False
    assert started["download"] is None
    assert started["steps_done"] == 0
    assert started["steps_total"] > 5
    assert assert_json(alex_client.post(EXPORT), 202)["id"] == started["id"], "the one being built"

    export.build.call(started["id"])
    status = assert_json(alex_client.get(f"{EXPORT}/{started['id']}"), 200)
    assert status["ready"] is True
    assert status["steps_done"] == status["steps_total"]
    assert status["download"] == f"{EXPORT}/{started['id']}/download"
    assert status["expires_at"] > status["finished_at"]
    assert assert_json(alex_client.get(EXPORT), 200)["id"] == started["id"]

    response = alex_client.get(status["download"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "README.txt" in archive.namelist()


def test_nothing_yet(alex_client):
    body = assert_json(alex_client.get(EXPORT), 404)
    assert "No copy of your data" in body["detail"]


def test_not_ready_is_not_downloadable(alex_client):
    started = assert_json(alex_client.post(EXPORT), 202)
    assert_json(alex_client.get(f"{EXPORT}/{started['id']}/download"), 404)


def test_someone_elses_copy_is_no_copy_at_all(alex_client, robin_client, sam_client):
    started = assert_json(alex_client.post(EXPORT), 202)
    export.build.call(started["id"])
    for client in (robin_client, sam_client):
        assert_json(client.get(f"{EXPORT}/{started['id']}"), 404)
        assert_json(client.get(f"{EXPORT}/{started['id']}/download"), 404)
        assert_json(client.get(EXPORT), 404)
    assert_json(robin_client.get(f"{EXPORT}/not-a-uuid"), 404)
    assert Export.objects.count() == 1


def test_anonymous_is_401(db):
    assert_json(Client().post(EXPORT), 401)
    assert_json(Client().get(EXPORT), 401)
