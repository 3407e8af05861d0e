"""Where the keys come from, and what happens when one is wrong or missing."""

from __future__ import annotations

import stat
import traceback
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from breathingroom.calm.models import UnsentNote
from breathingroom.tests.test_deploy import PRODUCTION, manage
from breathingroom.vault import checks, keys
from breathingroom.vault.tests.conftest import new_key


def test_the_first_key_encrypts_and_every_key_decrypts(settings, alex, old_key):
    note = UnsentNote.objects.create(person=alex, text="written under the old key")
    settings.ENCRYPTION_KEYS = [new_key(), old_key]
    assert UnsentNote.objects.get(pk=note.pk).text == "written under the old key"
    newer = UnsentNote.objects.create(person=alex, text="written under the new key")
    settings.ENCRYPTION_KEYS = [settings.ENCRYPTION_KEYS[0]]
    assert UnsentNote.objects.get(pk=newer.pk).text == "written under the new key"


def test_a_wrong_key_says_what_went_wrong_and_shows_no_words(settings, alex, old_key):
    note = UnsentNote.objects.create(person=alex, text="the words nobody else may read")
    settings.ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(keys.UnreadableText) as error:
        UnsentNote.objects.get(pk=note.pk)
    message = str(error.value)
    assert message.startswith("calm.UnsentNote.text: ")
    assert "rotate_encryption_keys" in message
    told = "".join(traceback.format_exception(error.value))
    assert "nobody else may read" not in told
    assert old_key not in told
    assert "InvalidToken" not in told  # the cryptography library's own error is not chained on


def test_a_page_with_a_wrong_key_fails_without_the_words(settings, alex_client, alex, old_key):
    UnsentNote.objects.create(person=alex, text="the words nobody else may read")
    settings.ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(keys.UnreadableText) as error:
        alex_client.get(reverse("calm:unsent"))
    assert "nobody else may read" not in "".join(traceback.format_exception(error.value))


@pytest.mark.parametrize(
    "bad", ["not-a-key", "", Fernet.generate_key().decode()[:-2]], ids=["words", "empty", "cut-short"]
)
def test_a_malformed_key_fails_the_checks_without_showing_it(settings, bad):
    settings.ENCRYPTION_KEYS = [new_key(), bad or " "]
    [error] = checks.encryption_keys()
    assert error.id == "vault.E001"
    assert "Key number 2 in ENCRYPTION_KEYS is not a Fernet key" in error.msg
    assert bad.strip() == "" or bad not in error.msg
    with pytest.raises(ImproperlyConfigured):
        keys.encrypt("anything")


def test_good_keys_pass_the_checks(settings):
    settings.ENCRYPTION_KEYS = [new_key(), new_key()]
    assert checks.encryption_keys() == []


def test_without_keys_one_is_made_once_readable_by_this_user_only(settings, tmp_path):
    settings.ENCRYPTION_KEYS = []
    settings.VAR_DIR = tmp_path
    token = keys.encrypt("kept")
    path = tmp_path / keys.KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    Fernet(path.read_text().strip())  # a real key
    assert keys.decrypt(token) == "kept"
    keys._keyring.cache_clear()  # as a new process would
    assert keys.decrypt(token) == "kept"
    assert [p.name for p in tmp_path.iterdir()] == [keys.KEY_FILE]


def test_a_second_process_starting_at_the_same_moment_uses_the_first_ones_key(settings, tmp_path, monkeypatch):
    settings.ENCRYPTION_KEYS = []
    settings.VAR_DIR = tmp_path
    first = new_key()
    (tmp_path / keys.KEY_FILE).write_text(first + "\n")
    # This process looked just before the other wrote its key, so it makes one of its own.
    monkeypatch.setattr(Path, "exists", lambda self: False)
    assert Fernet(first).decrypt(keys.encrypt("agreed").encode()) == b"agreed"
    monkeypatch.undo()
    assert (tmp_path / keys.KEY_FILE).read_text().strip() == first
    assert [p.name for p in tmp_path.iterdir()] == [keys.KEY_FILE]


def test_the_generated_file_takes_a_new_key_first_like_the_variable(settings, tmp_path):
    settings.ENCRYPTION_KEYS = []
    settings.VAR_DIR = tmp_path
    token = keys.encrypt("older")
    path = tmp_path / keys.KEY_FILE
    newer = new_key()
    path.write_text(f"{newer}\n{path.read_text()}")
    keys._keyring.cache_clear()
    assert keys.decrypt(token) == "older"
    assert Fernet(newer).decrypt(keys.encrypt("newer").encode()) == b"newer"


def test_production_refuses_to_start_without_encryption_keys(tmp_path):
    result = manage("check", tmp_path=tmp_path, **{**PRODUCTION, "ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "ENCRYPTION_KEYS is not set" in result.stderr
    assert not (tmp_path / keys.KEY_FILE).exists()


def test_production_with_its_own_keys_passes_the_deployment_checklist(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        **{**PRODUCTION, "ENCRYPTION_KEYS": new_key()},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / keys.KEY_FILE).exists()


def test_a_malformed_key_stops_manage_py_with_a_clear_message(tmp_path):
    result = manage("check", tmp_path=tmp_path, ENCRYPTION_KEYS="definitely-not-a-key")
    assert result.returncode != 0
    assert "vault.E001" in result.stderr
    assert "Key number 1 in ENCRYPTION_KEYS is not a Fernet key" in result.stderr
    assert "definitely-not-a-key" not in result.stderr
