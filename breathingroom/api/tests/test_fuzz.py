"""The API, fuzzed from its own OpenAPI document with every check schemathesis has: no answer is a
server error, every answer is one the document describes (its status, content type, body and headers),
input the document refuses is refused, and input it allows is taken, or refused by the domain with a
reason.

Schemathesis calls the app in-process as a paired couple's alex, signed in with allauth's app
session token, while an agreement is in force and alex is on a break. Generated ids are mixed with
the real ones, so the fuzzer reaches the break, the proposal and the device as well as the 404s.
The run is derandomised, the same cases every time, and long (more than 5,000 of them), so it runs
in CI's first pass only.
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
from breathingroom.api.tests.documented import document
from breathingroom.appreciations import sending
from breathingroom.body import checking_in
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree, proposal, until_reconnecting
from breathingroom.conftest import PASSWORD, make_couple, make_person
from breathingroom.dance import episodes
from breathingroom.journal import entries
from breathingroom.notify.models import PushSubscription
from breathingroom.phrasebook import words
from breathingroom.yourdata import export

# Cases for each operation that reads a body or a query string, and for each of the others, whose
# only input is an id in the path (or nothing): a few hundred ids tell no more than a hundred.
RICH_EXAMPLES = 280
FEW_EXAMPLES = 100


def _reads_only_ids() -> list[str]:
    return [
        f"{method.upper()} {path}"
        for path, item in document()["paths"].items()
        for method, operation in item.items()
        if "requestBody" not in operation
        and all(parameter["in"] == "path" for parameter in operation.get("parameters", []))
    ]


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260,
        "generation": {
            "mode": "all",
            "max-examples": RICH_EXAMPLES,
            "deterministic": True,
            "database": "none",
            # The token is sent as it is; generated ones would only be refused.
            "with-security-parameters": False,
        },
        "operations": [{"include-name": _reads_only_ids(), "generation": {"max-examples": FEW_EXAMPLES}}],
        "phases": {"stateful": {"enabled": False}},
        "checks": {
            "enabled": True,
            "positive_data_acceptance": {
                # Input the document allows may still be refused by the domain, with its reason: 400 for
                # values that do not go together (quiet hours with one end), 403 and 409 when the
                # couple's state says no (a break that is not mine to end, a proposal already
                # answered), 404 for an id that names nothing of ours, 429 after many wrong passwords,
                # and 401 once a case has deleted alex's account. Never 422: that says the input does
                # not fit the document.
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"],
            },
            # Seconds, generous for a busy two-core machine: an answer slower than this is stuck.
            "max_response_time": 10,
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
    # Something of each kind an id names: a note from sam (before the break, as notes wait for it to
    # end), a shared check-in, a shared journal entry and a word of alex's own.
    note = sending.send(sam, "Thank you for the tea this morning.")
    check_in = checking_in.record(alex, [checking_in.Place("chest", "tight", 6)])
    checking_in.share(alex, check_in.pk)
    entry = entries.write(alex, "What the evening stirred up.")
    entries.share(alex, entry.pk)
    word, _added = words.add_word(alex, "need", "A slow morning")
    episode = episodes.start(alex)
    episodes.write_side(alex, episode.id, episodes.SideWords(move="withdrew"))
    brk = space.take_space(alex, 20, "Back soon, love.")
    if "/reconnection" in request.node.name:
        until_reconnecting(brk)
    device = PushSubscription.objects.create(
        person=alex, endpoint="https://push.example.com/alex", p256dh="key", auth="secret"
    )
    known.clear()
    known.update(break_id=str(brk.id), version=pending.version, subscription_id=str(device.public_id))
    known["id"] = agreed.terms().rhythm[0].key  # a time in the couple's rhythm, to let one moment pass
    known.update(
        appreciation_id=str(note.pk), check_in_id=str(check_in.pk), entry_id=str(entry.pk), word_id=str(word.pk)
    )
    # An episode of theirs, and a step and part of its repair conversation that exist.
    known.update(episode_id=str(episode.id), step="felt", part="felt")
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


@pytest.mark.once
@schema.parametrize()
# The couple's data is made once for each operation and shared by its cases on purpose: later cases
# see what earlier ones did (a break ended, a proposal accepted), as a phone would.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@pytest.mark.django_db(transaction=True)
def test_the_api_answers_as_its_document_says(case, token):
    case.call_and_validate(headers={"X-Session-Token": token})
