"""The everyday rhythm in the JSON API: proposed and read with the agreement, one moment skipped."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from breathingroom.agreements.tests.test_api import AGREEMENT, accept, propose, read
from breathingroom.conftest import assert_json
from breathingroom.events.models import Event

AFTER_WORK = {"days": [0, 1, 2, 3, 4], "at": "18:30", "what": "After work: tea, then an hour each", "kind": "both"}


def skip(client, rhythm_id: str, status: int = 200) -> dict:
    return assert_json(client.post(f"{AGREEMENT}/rhythm/{rhythm_id}/skip"), status)


def agreed(alex_client, sam_client, **body: object) -> dict:
    version = propose(alex_client, rhythm=[AFTER_WORK], **body)["version"]
    return accept(sam_client, version)["terms"]


def test_a_rhythm_is_proposed_accepted_and_read_by_both_on_the_proposers_clock(alex_client, sam_client):
    terms = agreed(alex_client, sam_client)
    [time] = terms["rhythm"]
    assert {k: v for k, v in time.items() if k != "id"} == {**AFTER_WORK, "at": "18:30:00"}
    assert terms["rhythm_zone"] == "Europe/London"

    # Sam, in New York, reads the same moment: the API gives it with its offset.
    [moment] = read(sam_client)["rhythm_next"]
    at = datetime.fromisoformat(moment["at"])
    assert moment["id"] == time["id"]
    assert moment["what"] == AFTER_WORK["what"]
    assert at > timezone.now() - timedelta(hours=1)
    assert at.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M") == "18:30"
    assert (moment["now"], moment["skipped"], moment["skipped_by_me"]) == (at <= timezone.now(), False, False)


def test_left_out_the_rhythm_stays_and_an_empty_list_clears_it(alex_client, sam_client):
    agreed(alex_client, sam_client, rhythm_zone="Asia/Tokyo")
    kept = accept(alex_client, propose(sam_client, extensions=0)["version"])["terms"]
    assert len(kept["rhythm"]) == 1
    assert kept["rhythm_zone"] == "Asia/Tokyo"
    cleared = accept(alex_client, propose(sam_client, rhythm=[])["version"])["terms"]
    assert cleared["rhythm"] == []
    assert cleared["rhythm_zone"] == ""
    assert read(alex_client)["rhythm_next"] == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"rhythm": [AFTER_WORK] * 7}, id="seven-times"),
        pytest.param({"rhythm": [{**AFTER_WORK, "days": [7]}]}, id="day-seven"),
        pytest.param({"rhythm": [{**AFTER_WORK, "days": []}]}, id="no-day"),
        pytest.param({"rhythm": [{**AFTER_WORK, "days": [0, 0, 1, 1, 2, 2, 3, 3]}]}, id="eight-days"),
        pytest.param({"rhythm": [{**AFTER_WORK, "at": "18:30+02:00"}]}, id="time-with-offset"),
        pytest.param({"rhythm": [{**AFTER_WORK, "at": 1830}]}, id="time-as-number"),
        pytest.param({"rhythm": [{**AFTER_WORK, "what": "x" * 121}]}, id="too-long"),
        pytest.param({"rhythm": [{**AFTER_WORK, "kind": "always"}]}, id="unknown-kind"),
        pytest.param({"rhythm": [{**AFTER_WORK, "colour": "blue"}]}, id="unknown-field"),
        pytest.param({"rhythm_zone": "x" * 65}, id="zone-too-long"),
    ],
)
def test_a_rhythm_out_of_its_documented_bounds_is_422(alex_client, body):
    assert_json(alex_client.post(f"{AGREEMENT}/proposals", body, content_type="application/json"), 422)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param({"rhythm": [{**AFTER_WORK, "what": " \u200b "}]}, "Say in a few words", id="blank-words"),
        pytest.param({"rhythm": [AFTER_WORK], "rhythm_zone": "Mars/Olympus_Mons"}, "time zone", id="no-such-zone"),
    ],
)
def test_a_rhythm_the_domain_refuses_is_400_with_the_reason(alex_client, body, reason):
    answer = assert_json(alex_client.post(f"{AGREEMENT}/proposals", body, content_type="application/json"), 400)
    assert reason in answer["detail"]


def test_skipping_lets_one_moment_pass_and_tells_the_partner_once(alex_client, sam_client, alex, sam):
    [time] = agreed(alex_client, sam_client)["rhythm"]
    skipped = skip(sam_client, time["id"])
    assert (skipped["skipped"], skipped["skipped_by_me"]) == (True, True)
    # Alex sees it skipped, not by them; skipping again, by either, changes nothing.
    [moment] = read(alex_client)["rhythm_next"]
    assert (moment["skipped"], moment["skipped_by_me"], moment["at"]) == (True, False, skipped["at"])
    assert skip(alex_client, time["id"])["skipped_by_me"] is False
    assert Event.objects.filter(recipient=alex, type="rhythm.skipped").count() == 1


def test_a_time_not_in_the_couples_rhythm_is_404_for_the_partner_and_outsiders_alike(
    alex_client, sam_client, robin_client, jo_client
):
    [time] = agreed(alex_client, sam_client)["rhythm"]
    for client in (robin_client, jo_client):
        assert skip(client, time["id"], 404)["detail"]
    assert skip(alex_client, "0badc0de", 404)["detail"]
    # An id that is no id at all is refused for its form.
    assert_json(alex_client.post(f"{AGREEMENT}/rhythm/not-an-id/skip"), 422)
