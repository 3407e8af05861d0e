"""Sessions signed in before accounts/backends.py took over name the ways it replaced: name the new ones,
so that nobody is signed out by the change."""

from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations

BACKEND_KEY = "_auth_user_backend"
RENAMED = {
    "django.contrib.auth.backends.ModelBackend": "breathingroom.accounts.backends.PasswordBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "breathingroom.accounts.backends.AccountBackend",
}


def _rename(apps, schema_editor, renamed):
    session_model = apps.get_model("sessions", "Session")
    store = SessionStore()
    changed = []
    for session in session_model.objects.using(schema_editor.connection.alias).iterator(chunk_size=500):
        # A session written under another secret key decodes to nothing, and signs nobody in either way.
        data = store.decode(session.session_data)
        if data.get(BACKEND_KEY) in renamed:
            data[BACKEND_KEY] = renamed[data[BACKEND_KEY]]
            session.session_data = store.encode(data)
            changed.append(session)
    session_model.objects.using(schema_editor.connection.alias).bulk_update(
        changed, ["session_data"], batch_size=500
    )


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, RENAMED)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_person_language"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
