"""The API, fuzzed from its own OpenAPI document: no answer is a server error, and every answer is
one the document describes (its status, its content type, its body).

Schemathesis calls the app in-process as a paired couple's alex, signed in with allauth's app
session token, while an agreement is in force and alex is on a break. Generated ids are mixed with
the real ones, so the fuzzer reaches the break, the proposal and the device as well as the 404s.
The run is derandomised and small enough for CI: the same cases every time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from breathingroom.agreements import proposals
from breathingroom.agreements.rhythm import RhythmTime
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree, proposal, until_reconnecting
from breathingroom.conftest import PASSWORD, make_couple, make_person
from breathingroom.notify.models import PushSubscription
from breathingroom.yourdata import export

MAX_EXAMPLES = 25

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260,
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "database": "none",
            # The token is sent as it is; generated ones would only be refused.
            "with-security-parameters": False,
        },
        "phases": {"stateful": {"enabled": False}},
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
            "response_headers_conformance": {"enabled": True},
        },
    }
)

APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP, config=CONFIG)

# The real ids of the couple's things, filled in by the fixture for each operation's run.
known: dict[str, Any] = {}


@schema.hook
def flatmap_path_parameters(context, path_parameters: dict[str, Any] | None):
    real = {name: known[name] for name in path_parameters or {} if name in known}
    if not real:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, {**path_parameters, **real}])


@pytest.fixture
def in_process() -> Iterator[None]:
    # As Django's test client does: a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(request, in_process) -> Iterator[str]:
    """Alex, paired with sam, under an agreement, on a break, with a device and a proposal waiting.

    The ritual's operations find the break at its time to reconnect instead, so they can go through
    it, and the operations on a copy of one's data find one ready.
    """
    alex, sam = make_person("Alex", "Europe/London"), make_person("Sam", "America/New_York")
    make_couple(alex, sam)
    make_couple(make_person("Robin"), make_person("Casey"))
    agreed = agree(alex, sam, rhythm=(RhythmTime(days=(0, 1, 2, 3, 4), at=time(18), what="Tea after work"),))
    pending = proposals.propose(sam, proposal(words="Tell me you will come back."))
    brk = space.take_space(alex, 20, "Back soon, love.")
    if "/reconnection" in request.node.name:
        until_reconnecting(brk)
    device = PushSubscription.objects.create(
        person=alex, endpoint="https://push.example.com/alex", p256dh="key", auth="secret"
    )
    known.clear()
    known.update(break_id=str(brk.id), version=pending.version, subscription_id=str(device.public_id))
    known["id"] = agreed.terms().rhythm[0].key  # a time in the couple's rhythm, to let one moment pass
    if "/export/" in request.node.name:
        started = export.request_export(alex)
        export.build.call(str(started.pk))
        known["export_id"] = str(started.pk)
    response = Client().post(
        "/_allauth/app/v1/auth/login",
        {"email": alex.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    yield response.json()["meta"]["session_token"]
    known.clear()


@schema.parametrize()
# The couple's data is made once for each operation and shared by its cases on purpose: later cases
# see what earlier ones did (a break ended, a proposal accepted), as a phone would.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_as_its_document_says(case, token):
    case.call_and_validate(headers={"X-Session-Token": token})
