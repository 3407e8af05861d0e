"""The breaks part of the JSON API at /api/v1/breaks, as a phone or a script sees it.

Everything is asserted on what a client receives. The database is touched directly only to let
time pass (``pass_time`` moves a break's own timestamps into the past) and to count what a refused
request must not have stored.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom import writing
from breathingroom.breaks.models import Break, Preparation, Taker, ThinkingOfYou
from breathingroom.breaks.tests.conftest import REASSURANCE, pass_time, until_reconnecting
from breathingroom.conftest import PASSWORD, assert_json, make_couple, make_person

API = "/api/v1"
BREAKS = f"{API}/breaks"
CURRENT = f"{BREAKS}/current"
AGREEMENT = f"{API}/agreement"
NOBODYS = str(uuid.uuid4())

db_examples = hsettings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    # A request activates the signed-in person's zone and nothing deactivates it after the answer;
    # without this, a later test in the same thread would run in Sam's or Alex's zone.
    yield
    timezone.deactivate()


def post(client: Client, path: str, body: object = None, **headers: str):
    if body is None:
        return client.post(path, headers=headers)
    return client.post(path, body, content_type="application/json", headers=headers)


def take(client: Client, minutes: int = 30, reassurance: str = REASSURANCE, status: int = 201, **headers: str) -> dict:
    return assert_json(post(client, BREAKS, {"minutes": minutes, "reassurance": reassurance}, **headers), status)


def agree(proposer: Client, acceptor: Client, **terms: object) -> None:
    version = assert_json(post(proposer, f"{AGREEMENT}/proposals", terms), 201)["version"]
    assert_json(post(acceptor, f"{AGREEMENT}/proposals/{version}/accept", {}), 200)


def reconnection(client: Client, break_id: str, status: int = 200, **steps: object) -> dict:
    path = f"{BREAKS}/{break_id}/reconnection"
    if not steps:
        return assert_json(client.get(path), status)
    return assert_json(post(client, path, steps), status)


def in_the_past(break_id: str, n: float) -> None:
    pass_time(Break.objects.get(pk=break_id), n)


def over(break_id: str) -> None:
    until_reconnecting(Break.objects.get(pk=break_id))


def at(moment: str) -> datetime:
    parsed = datetime.fromisoformat(moment)
    assert moment.endswith("Z"), moment  # UTC, whoever asks
    return parsed


# (method, path, body) for every break operation; the body is what a well-formed call sends.
ONE = f"{BREAKS}/{NOBODYS}"
OPERATIONS = [
    pytest.param("get", BREAKS, None, id="history"),
    pytest.param("post", BREAKS, {"minutes": 30, "reassurance": REASSURANCE}, id="take-space"),
    pytest.param("get", CURRENT, None, id="current"),
    pytest.param("get", ONE, None, id="break"),
    pytest.param("post", f"{ONE}/extend", {"minutes": 20, "reassurance": REASSURANCE}, id="extend"),
    pytest.param("post", f"{ONE}/end", None, id="end"),
    pytest.param("post", f"{ONE}/thinking-of-you", None, id="thinking-of-you"),
    pytest.param("get", f"{ONE}/reconnection", None, id="reconnection"),
    pytest.param("post", f"{ONE}/reconnection", {"back": True}, id="reconnection-step"),
]

# (path, the allowed methods, methods that must be refused)
WRONG_METHODS = [
    pytest.param(BREAKS, "GET, POST", ["put", "patch", "delete"], id="breaks"),
    pytest.param(CURRENT, "GET", ["put", "patch", "post", "delete"], id="current"),
    pytest.param(ONE, "GET", ["put", "patch", "post", "delete"], id="break"),
    pytest.param(f"{ONE}/extend", "POST", ["put", "patch", "get", "delete"], id="extend"),
    pytest.param(f"{ONE}/end", "POST", ["put", "patch", "get", "delete"], id="end"),
    pytest.param(f"{ONE}/thinking-of-you", "POST", ["put", "patch", "get", "delete"], id="thinking-of-you"),
    pytest.param(f"{ONE}/reconnection", "GET, POST", ["put", "patch", "delete"], id="reconnection"),
]


def call(client: Client, method: str, path: str, body: object = None):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


# --- Taking space -----------------------------------------------------------------------------


def test_taking_space_answers_201_with_the_break_as_the_taker_sees_it(alex_client):
    before = datetime.now(UTC)
    body = take(alex_client, 30)
    after = datetime.now(UTC)

    assert set(body) == {
        "id",
        "phase",
        "started_at",
        "returns_at",
        "reconnect_at",
        "overdue",
        "extensions_used",
        "extensions_left",
        "takers",
        "i_am_on_break",
        "thinking_of_you",
    }
    uuid.UUID(body["id"])
    assert body["phase"] == "on_break"
    started = at(body["started_at"])
    assert before <= started <= after
    assert at(body["returns_at"]) - started == timedelta(minutes=30)
    assert body["reconnect_at"] == body["returns_at"]
    assert body["overdue"] is False
    assert (body["extensions_used"], body["extensions_left"]) == (0, 1)
    assert body["i_am_on_break"] is True
    [taker] = body["takers"]
    assert taker == {
        "name": "Alex",
        "is_me": True,
        "reassurance": REASSURANCE,
        "minutes": 30,
        "joined_at": body["started_at"],
        "ready": False,
    }
    assert body["thinking_of_you"] == {
        "allowed": False,
        "reason": "You are the one taking space; this is for the partner who waits.",
        "received": 0,
    }


def test_the_partner_sees_the_same_break_from_the_other_side(alex_client, sam_client):
    taken = take(alex_client, 45)
    seen = assert_json(sam_client.get(CURRENT), 200)

    assert seen["id"] == taken["id"]
    assert seen["returns_at"] == taken["returns_at"]
    assert seen["i_am_on_break"] is False
    assert [(t["name"], t["is_me"], t["reassurance"]) for t in seen["takers"]] == [("Alex", False, REASSURANCE)]
    assert seen["thinking_of_you"] == {"allowed": True, "reason": None, "received": 0}
    assert assert_json(alex_client.get(CURRENT), 200)["id"] == taken["id"]


def test_a_reassurance_is_plain_text_and_comes_back_exactly_as_sent(alex_client, sam_client):
    text = '<script>alert("hi")</script> & <b>back</b> at 5 \u2764'
    taken = take(alex_client, 30, text)
    assert taken["takers"][0]["reassurance"] == text
    response = sam_client.get(CURRENT)
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["takers"][0]["reassurance"] == text


def test_without_a_reassurance_the_words_the_partner_asked_to_hear_go(alex_client, sam_client):
    agree(sam_client, alex_client, words="Tell me you'll come back.")
    body = assert_json(post(alex_client, BREAKS, {"minutes": 30}), 201)
    assert body["takers"][0]["reassurance"] == "Tell me you'll come back."


def test_without_a_reassurance_or_the_partners_words_a_gentle_default_goes(alex_client):
    body = assert_json(post(alex_client, BREAKS, {"minutes": 30}), 201)
    assert "I'm not leaving us" in body["takers"][0]["reassurance"]


def test_until_tomorrow_morning_lasts_until_eight_in_the_takers_own_zone(alex_client, sam_client):
    # Long enough that eight o'clock is always within the agreement, whatever the time of day now.
    agree(alex_client, sam_client, longest=48 * 60)
    body = assert_json(post(alex_client, BREAKS, {"until_morning": True, "reassurance": REASSURANCE}), 201)

    london = ZoneInfo("Europe/London")
    returns_at = at(body["returns_at"]).astimezone(london)
    # Eight o'clock sharp on Alex's clock, not a few seconds before.
    assert (returns_at.hour, returns_at.minute, returns_at.second, returns_at.microsecond) == (8, 0, 0, 0)
    length = at(body["returns_at"]) - at(body["started_at"])
    assert body["takers"][0]["minutes"] == int(length.total_seconds() // 60)


def test_until_morning_is_refused_when_the_agreement_does_not_offer_it(alex_client, sam_client):
    agree(alex_client, sam_client, until_morning=False)
    body = assert_json(post(alex_client, BREAKS, {"until_morning": True, "reassurance": REASSURANCE}), 400)
    assert "morning" in body["detail"]
    assert not Break.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"minutes": "30", "reassurance": REASSURANCE}, id="minutes-as-text"),
        pytest.param({"minutes": 30.5, "reassurance": REASSURANCE}, id="fractional-minutes"),
        pytest.param({"minutes": True, "reassurance": REASSURANCE}, id="minutes-as-boolean"),
        pytest.param({"minutes": 30, "reassurance": 5}, id="reassurance-as-number"),
        pytest.param({"minutes": 30, "reassurance": ["hi"]}, id="reassurance-as-list"),
        pytest.param({"until_morning": "yes", "reassurance": REASSURANCE}, id="morning-as-text"),
        pytest.param({"minutes": 30, "reassurance": REASSURANCE, "reason": "you shouted"}, id="unknown-field"),
        pytest.param([30, REASSURANCE], id="array"),
    ],
)
def test_taking_space_with_the_wrong_shape_of_body_is_422_and_starts_nothing(alex_client, body):
    detail = assert_json(post(alex_client, BREAKS, body), 422)["detail"]
    assert isinstance(detail, list)
    assert not Break.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"reassurance": REASSURANCE}, id="no-length"),
        pytest.param({"minutes": 30, "until_morning": True, "reassurance": REASSURANCE}, id="both-lengths"),
        pytest.param({"until_morning": False, "reassurance": REASSURANCE}, id="no-morning-no-minutes"),
        # Null is documented for minutes, and means the same as leaving it out.
        pytest.param({"minutes": None, "reassurance": REASSURANCE}, id="null-minutes"),
    ],
)
def test_taking_space_with_neither_length_or_both_is_400_and_starts_nothing(alex_client, body):
    detail = assert_json(post(alex_client, BREAKS, body), 400)["detail"]
    assert detail == "Choose how long you need: a number of minutes, or until tomorrow morning."
    assert not Break.objects.exists()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        pytest.param("{not json", "application/json", id="broken-json"),
        pytest.param(b"\xff\xfe\x00", "application/json", id="not-utf8"),
        pytest.param("minutes=30", "application/x-www-form-urlencoded", id="form"),
    ],
)
def test_taking_space_with_a_body_that_is_not_json_is_a_json_client_error(alex_client, data, content_type):
    response = alex_client.post(BREAKS, data, content_type=content_type)
    # The API as a whole answers an unreadable body with 400, a readable one of the wrong shape with 422.
    assert assert_json(response, 400) == {"detail": "Cannot parse request body"}
    assert not Break.objects.exists()


@pytest.mark.parametrize("n", [19, 1441])
def test_a_length_outside_the_default_range_is_400_naming_the_range(alex_client, n):
    body = take(alex_client, n, status=400)
    assert body == {"detail": "A break can last from 20 minutes to 24 hours under your agreement."}
    assert not Break.objects.exists()


@pytest.mark.parametrize("n", [9, 2881, 0, -30, 2**63, 10**30])
def test_a_length_no_agreement_allows_is_422_as_documented(alex_client, n):
    detail = assert_json(post(alex_client, BREAKS, {"minutes": n, "reassurance": REASSURANCE}), 422)["detail"]
    assert detail[0]["loc"] == ["body", "payload", "minutes"]
    assert not Break.objects.exists()


def test_the_range_named_is_the_agreements(alex_client, sam_client):
    agree(alex_client, sam_client, shortest=30, longest=120, presets=[30, 60, 120], until_morning=False)
    refusal = "A break can last from 30 minutes to 2 hours under your agreement."
    assert take(alex_client, 121, status=400)["detail"] == refusal
    assert take(alex_client, 20, status=400)["detail"] == refusal
    assert take(alex_client, 120)["phase"] == "on_break"


@db_examples
@given(n=st.integers())
def test_any_length_is_taken_exactly_when_the_agreement_allows_it(alex_client, n):
    with transaction.atomic():
        response = post(alex_client, BREAKS, {"minutes": n, "reassurance": REASSURANCE})
        if 20 <= n <= 1440:
            body = assert_json(response, 201)
            assert at(body["returns_at"]) - at(body["started_at"]) == timedelta(minutes=n)
        elif 10 <= n <= 2880:
            assert "from 20 minutes to 24 hours" in assert_json(response, 400)["detail"]
        else:
            assert_json(response, 422)
        assert Break.objects.exists() == (20 <= n <= 1440)
        transaction.set_rollback(True)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_reassurance_is_400_and_nothing_is_stored(alex_client, sam_client, text):
    body = take(alex_client, 30, text, status=400)
    assert "Leave a few words" in body["detail"]
    assert not Break.objects.exists()
    assert_json(sam_client.get(CURRENT), 404)


@pytest.mark.parametrize("text", ["x" * 281, " " + "x" * 280])
def test_a_reassurance_past_the_documented_280_characters_is_422_and_nothing_is_stored(alex_client, text):
    detail = assert_json(post(alex_client, BREAKS, {"minutes": 30, "reassurance": text}), 422)["detail"]
    assert detail[0]["loc"] == ["body", "payload", "reassurance"]
    assert not Break.objects.exists()
    assert not Taker.objects.exists()


def test_a_reassurance_of_280_characters_is_kept_and_spaces_around_one_are_left_out(alex_client):
    assert take(alex_client, 30, "x" * 280)["takers"][0]["reassurance"] == "x" * 280
    Break.objects.all().delete()
    assert take(alex_client, 30, "  " + "x" * 277 + "\n")["takers"][0]["reassurance"] == "x" * 277


# NUL is left out: the domain's own tests cover it (PostgreSQL cannot store it).
@db_examples
@given(text=st.text(alphabet=st.characters(exclude_characters="\x00"), max_size=300))
def test_any_reassurance_comes_back_tidied_or_is_refused_with_a_reason(alex_client, text):
    tidied = writing.tidy(text)
    # Composing (NFC) can make text longer than it was sent, so the domain checks the length again.
    kept = not writing.looks_blank(tidied) and len(tidied) <= 280
    # Half of a surrogate pair can be sent in JSON, and is refused with the input's other errors.
    broken = any("\ud800" <= character <= "\udfff" for character in text)
    with transaction.atomic():
        response = post(alex_client, BREAKS, {"minutes": 30, "reassurance": text})
        if len(text) > 280 or broken:
            assert_json(response, 422)
        elif kept:
            assert assert_json(response, 201)["takers"][0]["reassurance"] == tidied
        else:
            assert_json(response, 400)
        assert Break.objects.exists() == (len(text) <= 280 and kept and not broken)
        transaction.set_rollback(True)


# --- Pressing twice, and taking space too ------------------------------------------------------


def test_a_repeated_request_with_the_same_idempotency_key_answers_with_the_same_break(alex_client):
    key = str(uuid.uuid4())
    first = take(alex_client, 30, **{"Idempotency-Key": key})
    # A lost answer, sent again; even a changed body starts nothing new.
    again = take(alex_client, 60, "Something else", **{"Idempotency-Key": key})

    assert again["id"] == first["id"]
    assert again["returns_at"] == first["returns_at"]
    assert Break.objects.count() == 1
    assert Taker.objects.count() == 1


def test_the_same_idempotency_key_answers_with_its_break_even_after_it_closed(alex_client):
    key = "phone-1-press-7"
    first = take(alex_client, 30, **{"Idempotency-Key": key})
    assert_json(post(alex_client, f"{BREAKS}/{first['id']}/end"), 200)
    again = take(alex_client, 30, **{"Idempotency-Key": key})
    assert again["id"] == first["id"]
    assert Break.objects.count() == 1


def test_an_old_idempotency_key_replayed_in_a_new_couple_shows_nothing_of_the_old_one(alex, alex_client):
    key = "phone-1-press-8"
    first = take(alex_client, 30, "Only for Sam's eyes", **{"Idempotency-Key": key})
    assert alex_client.delete("/api/v1/couple/membership").status_code == 204
    make_couple(alex, make_person("Jo"))

    again = take(alex_client, 30, **{"Idempotency-Key": key})

    assert again["id"] != first["id"]
    assert "Only for Sam's eyes" not in json.dumps(again)


def test_an_idempotency_key_of_100_characters_is_fine_and_101_is_422(alex_client):
    body = take(alex_client, 30, status=422, **{"Idempotency-Key": "k" * 101})
    assert body["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert not Break.objects.exists()
    take(alex_client, 30, **{"Idempotency-Key": "k" * 100})


def test_a_double_press_without_a_key_answers_with_the_same_break(alex_client):
    first = take(alex_client, 30)
    second = take(alex_client, 30)
    assert second["id"] == first["id"]
    assert [t["name"] for t in second["takers"]] == ["Alex"]
    assert Break.objects.count() == 1


def test_the_partner_taking_space_too_joins_the_break_and_the_later_time_wins(alex_client, sam_client):
    alexs = take(alex_client, 20)
    sams = take(sam_client, 60, "I need a walk too.")

    assert sams["id"] == alexs["id"]
    assert [(t["name"], t["is_me"], t["minutes"]) for t in sams["takers"]] == [("Alex", False, 20), ("Sam", True, 60)]
    assert sams["takers"][1]["reassurance"] == "I need a walk too."
    assert at(sams["returns_at"]) - at(sams["takers"][1]["joined_at"]) == timedelta(minutes=60)
    assert at(sams["returns_at"]) > at(alexs["returns_at"])
    assert sams["i_am_on_break"] is True
    assert assert_json(alex_client.get(CURRENT), 200)["returns_at"] == sams["returns_at"]
    assert Break.objects.count() == 1


def test_the_partner_taking_space_too_for_less_time_keeps_the_earlier_time_to_come_back(alex_client, sam_client):
    alexs = take(alex_client, 60)
    sams = take(sam_client, 20)
    assert sams["id"] == alexs["id"]
    assert sams["returns_at"] == alexs["returns_at"]


# --- The open break ----------------------------------------------------------------------------


def test_without_an_open_break_current_is_404_with_a_detail(alex_client, sam_client):
    assert assert_json(alex_client.get(CURRENT), 404) == {"detail": "Neither of you is on a break."}
    assert assert_json(sam_client.get(CURRENT), 404) == {"detail": "Neither of you is on a break."}


def test_a_break_past_its_time_is_still_current_until_the_reconnection_is_recorded(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])

    body = assert_json(sam_client.get(CURRENT), 200)
    assert body["id"] == taken["id"]
    assert body["phase"] == "reconnecting"
    assert body["overdue"] is False
    assert body["extensions_left"] == 0
    assert body["thinking_of_you"]["allowed"] is False


def test_a_break_well_past_its_time_is_overdue_while_the_taker_is_not_back(alex_client, sam_client):
    taken = take(alex_client, 30)
    in_the_past(taken["id"], 30 + 11)
    assert assert_json(sam_client.get(CURRENT), 200)["overdue"] is True

    reconnection(alex_client, taken["id"], back=True)
    assert assert_json(sam_client.get(CURRENT), 200)["overdue"] is False


def test_one_break_can_be_read_by_its_id(alex_client, sam_client):
    taken = take(alex_client, 30)
    body = assert_json(sam_client.get(f"{BREAKS}/{taken['id']}"), 200)
    assert body["id"] == taken["id"]
    assert body["i_am_on_break"] is False


# --- Extending --------------------------------------------------------------------------------


def extend(client: Client, break_id: str, minutes: int = 20, reassurance: str = "A little longer, I'm still here."):
    return post(client, f"{BREAKS}/{break_id}/extend", {"minutes": minutes, "reassurance": reassurance})


def test_extending_moves_the_time_later_and_replaces_the_reassurance(alex_client, sam_client):
    taken = take(alex_client, 30)
    body = assert_json(extend(alex_client, taken["id"], 20), 200)

    assert body["id"] == taken["id"]
    assert at(body["returns_at"]) - at(taken["returns_at"]) == timedelta(minutes=20)
    assert (body["extensions_used"], body["extensions_left"]) == (1, 0)
    assert body["takers"][0]["reassurance"] == "A little longer, I'm still here."
    seen = assert_json(sam_client.get(CURRENT), 200)
    assert seen["returns_at"] == body["returns_at"]
    assert seen["takers"][0]["reassurance"] == "A little longer, I'm still here."


def test_extending_past_the_agreed_number_of_times_is_409_naming_the_limit(alex_client, sam_client):
    taken = take(alex_client, 30)
    assert_json(extend(alex_client, taken["id"]), 200)
    body = assert_json(extend(alex_client, taken["id"]), 409)
    assert body == {"detail": "Your agreement allows 1 extension(s) per break, and it has been used."}


def test_an_agreement_without_extensions_says_so(alex_client, sam_client):
    agree(alex_client, sam_client, extensions=0)
    taken = take(alex_client, 30)
    assert taken["extensions_left"] == 0
    assert "no more time" in assert_json(extend(alex_client, taken["id"]), 409)["detail"]


def test_extending_past_the_longest_break_is_400_naming_the_longest(alex_client, sam_client):
    agree(alex_client, sam_client, longest=120, presets=[20, 60], until_morning=False, extensions=2)
    taken = take(alex_client, 60)
    body = assert_json(extend(alex_client, taken["id"], 61), 400)
    assert body["detail"] == "You can add from 10 minutes to 1 hour; your agreement's longest break is 2 hours."
    assert assert_json(alex_client.get(CURRENT), 200)["returns_at"] == taken["returns_at"]


@pytest.mark.parametrize(("text", "status"), [("", 400), ("x" * 281, 422)])
def test_extending_with_a_bad_reassurance_is_refused_and_changes_nothing(alex_client, text, status):
    taken = take(alex_client, 30)
    assert_json(extend(alex_client, taken["id"], 20, text), status)
    body = assert_json(alex_client.get(CURRENT), 200)
    assert (body["returns_at"], body["extensions_used"]) == (taken["returns_at"], 0)
    assert body["takers"][0]["reassurance"] == REASSURANCE


def test_the_waiting_partner_cannot_extend_the_break(alex_client, sam_client):
    taken = take(alex_client, 30)
    body = assert_json(extend(sam_client, taken["id"]), 403)
    assert body == {"detail": "Only a partner on the break can do that."}


def test_extending_a_break_that_reached_its_time_is_409(alex_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    body = assert_json(extend(alex_client, taken["id"]), 409)
    assert body == {"detail": "This break is already over. It is time to reconnect."}


def test_extending_a_closed_break_is_409(alex_client):
    first = take(alex_client, 30)
    over(first["id"])
    take(alex_client, 30)  # a new need for space closes the old break
    assert_json(extend(alex_client, first["id"]), 409)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"minutes": 20}, id="no-reassurance"),
        pytest.param({"reassurance": REASSURANCE}, id="no-minutes"),
        pytest.param({"minutes": "20", "reassurance": REASSURANCE}, id="minutes-as-text"),
        pytest.param({"minutes": 20, "reassurance": REASSURANCE, "until": "later"}, id="unknown-field"),
    ],
)
def test_extending_with_the_wrong_shape_of_body_is_422(alex_client, body):
    taken = take(alex_client, 30)
    assert isinstance(assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/extend", body), 422)["detail"], list)


# --- Ending early -----------------------------------------------------------------------------


def test_ready_to_talk_ends_the_break_now(alex_client, sam_client):
    taken = take(alex_client, 60)
    before = datetime.now(UTC)
    body = assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/end"), 200)

    assert body["phase"] == "reconnecting"
    assert before <= at(body["reconnect_at"]) <= datetime.now(UTC)
    assert body["returns_at"] == taken["returns_at"]
    assert body["takers"][0]["ready"] is True
    assert assert_json(sam_client.get(CURRENT), 200)["phase"] == "reconnecting"


def test_when_both_took_space_the_break_ends_once_both_are_ready(alex_client, sam_client):
    taken = take(alex_client, 60)
    take(sam_client, 60)

    body = assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/end"), 200)
    assert body["phase"] == "on_break"
    assert [(t["name"], t["ready"]) for t in body["takers"]] == [("Alex", True), ("Sam", False)]

    body = assert_json(post(sam_client, f"{BREAKS}/{taken['id']}/end"), 200)
    assert body["phase"] == "reconnecting"


def test_the_waiting_partner_cannot_end_the_break(alex_client, sam_client):
    taken = take(alex_client, 30)
    assert_json(post(sam_client, f"{BREAKS}/{taken['id']}/end"), 403)
    assert assert_json(alex_client.get(CURRENT), 200)["phase"] == "on_break"


def test_ending_a_finished_break_is_409(alex_client):
    taken = take(alex_client, 30)
    assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/end"), 200)
    body = assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/end"), 409)
    assert body == {"detail": "This break is already over. It is time to reconnect."}


def test_ending_a_closed_break_is_409(alex_client):
    first = take(alex_client, 30)
    over(first["id"])
    take(alex_client, 30)
    assert_json(post(alex_client, f"{BREAKS}/{first['id']}/end"), 409)


# --- Thinking of you --------------------------------------------------------------------------


def think_of(client: Client, break_id: str):
    return post(client, f"{BREAKS}/{break_id}/thinking-of-you")


def test_thinking_of_you_answers_201_with_only_when_it_was_sent(alex_client, sam_client):
    taken = take(alex_client, 30)
    before = datetime.now(UTC)
    body = assert_json(think_of(sam_client, taken["id"]), 201)

    assert set(body) == {"sent_at"}  # no reply, no "seen"
    assert before <= at(body["sent_at"]) <= datetime.now(UTC)


def test_the_taker_sees_how_many_arrived_and_the_sender_never_sees_whether_it_was_seen(alex_client, sam_client):
    agree(alex_client, sam_client, contact="every", contact_every=5)
    taken = take(alex_client, 60)
    assert_json(think_of(sam_client, taken["id"]), 201)
    in_the_past(taken["id"], 5)
    assert_json(think_of(sam_client, taken["id"]), 201)

    as_alex = assert_json(alex_client.get(CURRENT), 200)
    assert as_alex["thinking_of_you"]["received"] == 2
    as_sam = assert_json(sam_client.get(CURRENT), 200)
    assert as_sam["thinking_of_you"]["received"] == 0
    assert set(as_sam["thinking_of_you"]) == {"allowed", "reason", "received"}
    assert "seen" not in json.dumps(as_sam)
    assert "read" not in json.dumps(as_sam["thinking_of_you"])


def test_once_per_break_allows_one_and_refuses_the_second_with_429(alex_client, sam_client):
    taken = take(alex_client, 30)
    assert_json(think_of(sam_client, taken["id"]), 201)

    body = assert_json(think_of(sam_client, taken["id"]), 429)
    assert "sent your “thinking of you” for this break" in body["detail"]
    seen = assert_json(sam_client.get(CURRENT), 200)["thinking_of_you"]
    assert seen["allowed"] is False
    assert seen["reason"] == body["detail"]
    assert ThinkingOfYou.objects.count() == 1


def test_an_agreement_of_no_contact_refuses_every_thinking_of_you_with_429(alex_client, sam_client):
    agree(alex_client, sam_client, contact="nothing")
    taken = take(alex_client, 30)
    assert taken["thinking_of_you"]["allowed"] is False
    seen = assert_json(sam_client.get(CURRENT), 200)["thinking_of_you"]
    assert seen["allowed"] is False
    assert "no messages during a break" in seen["reason"]

    body = assert_json(think_of(sam_client, taken["id"]), 429)
    assert body["detail"] == seen["reason"]
    assert not ThinkingOfYou.objects.exists()


def test_every_n_minutes_allows_the_next_one_only_after_n_minutes(alex_client, sam_client):
    agree(alex_client, sam_client, contact="every", contact_every=15)
    taken = take(alex_client, 120)
    assert_json(think_of(sam_client, taken["id"]), 201)

    body = assert_json(think_of(sam_client, taken["id"]), 429)
    assert "one “thinking of you” every 15 minutes" in body["detail"]
    in_the_past(taken["id"], 14)
    assert_json(think_of(sam_client, taken["id"]), 429)
    in_the_past(taken["id"], 1)
    assert assert_json(sam_client.get(CURRENT), 200)["thinking_of_you"] == {
        "allowed": True,
        "reason": None,
        "received": 0,
    }
    assert_json(think_of(sam_client, taken["id"]), 201)
    assert ThinkingOfYou.objects.count() == 2


def test_the_partner_on_the_break_cannot_send_one(alex_client):
    taken = take(alex_client, 30)
    assert_json(think_of(alex_client, taken["id"]), 403)
    assert not ThinkingOfYou.objects.exists()


def test_thinking_of_you_after_the_break_reached_its_time_is_409(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    assert_json(think_of(sam_client, taken["id"]), 409)


def test_a_phone_is_told_when_the_next_one_can_go_in_its_own_time_zone(alex_client, sam_client):
    agree(alex_client, sam_client, contact="every", contact_every=15)
    taken = take(alex_client, 120)
    sent_at = at(assert_json(think_of(sam_client, taken["id"]), 201)["sent_at"])

    phone = Client(enforce_csrf_checks=True)
    body = assert_json(think_of_with_token(phone, token_for("sam@example.com"), taken["id"]), 429)
    new_york = (sent_at + timedelta(minutes=15)).astimezone(ZoneInfo("America/New_York"))
    assert f"at {new_york:%H:%M}" in body["detail"]


def test_a_browser_is_told_when_the_next_one_can_go_in_its_own_time_zone(alex_client, sam_client):
    agree(alex_client, sam_client, contact="every", contact_every=15)
    taken = take(alex_client, 120)
    sent_at = at(assert_json(think_of(sam_client, taken["id"]), 201)["sent_at"])

    body = assert_json(think_of(sam_client, taken["id"]), 429)
    new_york = (sent_at + timedelta(minutes=15)).astimezone(ZoneInfo("America/New_York"))
    assert f"at {new_york:%H:%M}." in body["detail"]


# --- The reconnection -------------------------------------------------------------------------


def test_the_whole_reconnection_through_the_api(alex_client, sam_client):
    taken = take(alex_client, 30)
    break_id = taken["id"]
    assert assert_json(post(alex_client, f"{BREAKS}/{break_id}/end"), 200)["phase"] == "reconnecting"

    start = reconnection(sam_client, break_id)
    assert start == {
        "break_id": break_id,
        "step": "check_in",
        "first_speaker": "Sam",  # the one who waited speaks first
        "first_speaker_is_me": True,
        "check_ins": {"mine": None, "partner": {"checked_in": False, "strength": None}},
        "next_tries": [],
        "settling": {
            "flooded": False,
            "i_am_flooded": False,
            "partner_flooded": False,
            "i_am_ready": False,
            "partner_ready": False,
            "breath_at": None,
            "breath_ends_at": None,
            "more_until": None,
            "may_ask_more": False,  # Sam waited, and nothing is settling yet
            "more_minutes": [5, 10],
            "more_times_left": 3,
        },
        "turn": None,
        "outcomes": [],
        "outcomes_shown": False,
        "partner_recorded": False,
        "closed": False,
        "timing": None,
        "repair": None,
        "next_talk_at": None,
        "recorded_by": None,
        "recorded_at": None,
        "suggested_timing": "on_time",
    }
    assert reconnection(alex_client, break_id)["first_speaker_is_me"] is False

    body = reconnection(sam_client, break_id, check_in={"strength": 7})
    assert body["step"] == "check_in"
    assert body["check_ins"]["mine"] == {"strength": 7, "shared": False}
    body = reconnection(alex_client, break_id, check_in={"strength": 3, "shared": True})
    # Sam is at seven: the ritual settles before anyone talks, without saying whose number it was.
    assert body["step"] == "settle"
    assert body["check_ins"] == {
        "mine": {"strength": 3, "shared": True},
        "partner": {"checked_in": True, "strength": None},  # Sam did not share the number
    }
    assert (body["settling"]["flooded"], body["settling"]["partner_flooded"]) == (True, False)
    assert reconnection(sam_client, break_id)["check_ins"] == {
        "mine": {"strength": 7, "shared": False},
        "partner": {"checked_in": True, "strength": 3},
    }
    assert reconnection(sam_client, break_id)["settling"]["i_am_flooded"] is True

    breath = reconnection(sam_client, break_id, breathe=True)["settling"]
    assert at(breath["breath_ends_at"]) - at(breath["breath_at"]) == timedelta(minutes=1)
    assert reconnection(alex_client, break_id)["settling"]["breath_at"] == breath["breath_at"]
    body = reconnection(alex_client, break_id, check_in={"strength": 2, "shared": True})
    assert (body["step"], body["settling"]["i_am_ready"]) == ("settle", True)
    body = reconnection(sam_client, break_id, check_in={"strength": 4})
    assert body["step"] == "first_turn"
    assert body["turn"] == {"i_speak": True, "said_back": False, "not_quite": False}

    # A turn changes only when the listener said it back and the speaker felt heard.
    refused = reconnection(sam_client, break_id, status=409, move_on_from="first_turn")
    assert "said back what they heard" in refused["detail"]
    assert reconnection(alex_client, break_id, said_back="first_turn")["turn"]["said_back"] is True
    not_quite = reconnection(sam_client, break_id, heard={"turn": "first_turn", "yes": False})
    assert not_quite["turn"] == {"i_speak": True, "said_back": False, "not_quite": True}
    reconnection(alex_client, break_id, said_back="first_turn")
    assert reconnection(sam_client, break_id, heard={"turn": "first_turn", "yes": True})["step"] == "second_turn"
    # Both phones pressed "yes" on the same turn: it moves once.
    reconnection(sam_client, break_id, heard={"turn": "first_turn", "yes": True})
    reconnection(sam_client, break_id, said_back="second_turn")
    assert reconnection(alex_client, break_id, heard={"turn": "second_turn", "yes": True})["step"] == "try"

    reconnection(alex_client, break_id, next_try="Say when I need space before I leave the room.")
    body = reconnection(sam_client, break_id, next_try="Trust the time you give.")
    assert body["step"] == "outcome"
    assert body["next_tries"] == [
        {"name": "Alex", "is_me": False, "text": "Say when I need space before I leave the room."},
        {"name": "Sam", "is_me": True, "text": "Trust the time you give."},
    ]

    before = datetime.now(UTC)
    body = reconnection(sam_client, break_id, outcome={"timing": "on_time", "repair": "repaired"})
    assert (body["step"], body["closed"], body["outcomes_shown"], body["partner_recorded"]) == (
        "outcome",
        False,
        False,
        False,
    )
    assert (body["timing"], body["repair"], body["next_talk_at"]) == ("on_time", "repaired", None)
    assert body["recorded_by"] == "Sam"
    assert before <= at(body["recorded_at"]) <= datetime.now(UTC)
    alexs = reconnection(alex_client, break_id)
    assert (alexs["outcomes"], alexs["partner_recorded"], alexs["timing"]) == ([], True, None)

    body = reconnection(alex_client, break_id, outcome={"timing": "on_time", "repair": "partly"})
    assert (body["step"], body["closed"], body["outcomes_shown"]) == ("done", True, True)
    assert [(o["name"], o["is_me"], o["repair"]) for o in body["outcomes"]] == [
        ("Sam", False, "repaired"),
        ("Alex", True, "partly"),
    ]
    assert_json(alex_client.get(CURRENT), 404)
    assert assert_json(alex_client.get(f"{BREAKS}/{break_id}"), 200)["phase"] == "closed"
    assert reconnection(alex_client, break_id)["recorded_by"] == "Sam"


def test_a_few_more_minutes_through_the_api_are_bounded(alex_client, sam_client):
    taken = take(alex_client, 30)
    in_the_past(taken["id"], 42)  # Alex is late
    body = reconnection(alex_client, taken["id"], more_minutes=10)
    assert body["settling"]["more_until"] is not None
    assert body["settling"]["more_times_left"] == 2
    for wrong in (0, 4, 11, "5", 5.5):
        reconnection(alex_client, taken["id"], status=422, more_minutes=wrong)
    assert reconnection(alex_client, taken["id"], status=400, more_minutes=7)["detail"] == "Choose 5, 10 more minutes."
    reconnection(sam_client, taken["id"], status=409, more_minutes=5)  # Sam waited: nothing to be late for
    reconnection(alex_client, taken["id"], more_minutes=5)
    reconnection(alex_client, taken["id"], more_minutes=5)
    reconnection(alex_client, taken["id"], status=409, more_minutes=5)


def test_steps_in_one_request_happen_in_order(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    reconnection(sam_client, taken["id"], check_in={"strength": 2, "shared": True})

    body = reconnection(
        alex_client, taken["id"], check_in={"strength": 4}, back=True, said_back="first_turn", next_try="Breathe."
    )
    assert body["step"] == "first_turn"
    assert body["turn"]["said_back"] is True
    assert body["check_ins"]["mine"] == {"strength": 4, "shared": False}
    assert body["next_tries"] == [{"name": "Alex", "is_me": True, "text": "Breathe."}]


def test_a_refused_step_undoes_the_steps_sent_with_it(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])

    body = reconnection(
        alex_client,
        taken["id"],
        status=400,
        check_in={"strength": 5},
        outcome={"timing": "on_time", "repair": "not_yet"},
    )
    assert "when you will talk again" in body["detail"]
    assert reconnection(sam_client, taken["id"])["check_ins"]["partner"] == {"checked_in": False, "strength": None}
    assert reconnection(alex_client, taken["id"])["check_ins"]["mine"] is None


def test_not_yet_needs_a_time_to_talk_again_which_comes_back_in_utc(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    tomorrow = (timezone.now() + timedelta(days=1)).astimezone(ZoneInfo("America/New_York")).replace(microsecond=0)

    body = reconnection(
        sam_client,
        taken["id"],
        outcome={"timing": "not_yet", "repair": "not_yet", "next_talk_at": tomorrow.isoformat()},
    )
    assert body["next_talk_at"] == tomorrow.astimezone(UTC).isoformat().replace("+00:00", "Z")
    assert (body["timing"], body["repair"]) == ("not_yet", "not_yet")


def test_a_time_to_talk_again_without_an_offset_is_422(alex_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    naive = (datetime.now(UTC) + timedelta(days=1)).replace(tzinfo=None).isoformat()
    reconnection(
        alex_client, taken["id"], status=422, outcome={"timing": "late", "repair": "not_yet", "next_talk_at": naive}
    )


def test_the_suggested_timing_follows_who_came_back_when(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    assert reconnection(sam_client, taken["id"])["suggested_timing"] == "not_yet"
    in_the_past(taken["id"], 20)
    assert reconnection(alex_client, taken["id"], back=True)["suggested_timing"] == "late"


def test_the_reconnection_cannot_start_while_the_break_is_on(alex_client, sam_client):
    taken = take(alex_client, 30)
    body = reconnection(sam_client, taken["id"], status=409)
    assert body == {"detail": "It is not time to reconnect yet. The break is still on."}
    assert reconnection(sam_client, taken["id"], status=409, check_in={"strength": 3})["detail"] == body["detail"]


def test_a_recorded_reconnection_cannot_change(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    reconnection(alex_client, taken["id"], outcome={"timing": "late", "repair": "partly"})
    # The same answer sent twice is fine; a different one is not.
    assert (
        reconnection(sam_client, taken["id"], outcome={"timing": "late", "repair": "partly"})["recorded_by"] == "Alex"
    )
    reconnection(sam_client, taken["id"], status=409, outcome={"timing": "on_time", "repair": "repaired"})
    reconnection(sam_client, taken["id"], status=409, check_in={"strength": 1})


def test_a_replaced_break_answers_a_step_the_same_whether_or_not_its_reconnection_was_opened(alex_client, sam_client):
    opened = take(alex_client, 30)
    over(opened["id"])
    reconnection(sam_client, opened["id"])
    take(alex_client, 30)  # replaces the break whose reconnection Sam opened
    current = assert_json(alex_client.get(CURRENT), 200)
    over(current["id"])
    take(sam_client, 30)  # replaces the one nobody opened

    step = {"check_in": {"strength": 3}}
    answers = [post(sam_client, f"{BREAKS}/{brk}/reconnection", step) for brk in (opened["id"], current["id"])]
    assert [a.status_code for a in answers] == [answers[1].status_code] * 2
    assert "recorded" not in answers[1].json()["detail"]


@pytest.mark.parametrize("strength", [-1, 11, 2**63])
def test_a_check_in_outside_0_to_10_is_422_as_documented(alex_client, strength):
    taken = take(alex_client, 30)
    over(taken["id"])
    body = reconnection(alex_client, taken["id"], status=422, check_in={"strength": strength})
    assert body["detail"][0]["loc"] == ["body", "payload", "check_in", "strength"]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"check_in": {"strength": "7"}}, id="strength-as-text"),
        pytest.param({"check_in": {"strength": 7, "mood": "low"}}, id="unknown-check-in-field"),
        pytest.param({"move_on_from": "the_end"}, id="unknown-step"),
        pytest.param({"outcome": {"timing": "soon", "repair": "repaired"}}, id="unknown-timing"),
        pytest.param({"outcome": {"timing": "late"}}, id="no-repair"),
        pytest.param({"back": "yes"}, id="back-as-text"),
        pytest.param({"notes": "private"}, id="unknown-field"),
    ],
)
def test_a_reconnection_step_of_the_wrong_shape_is_422(alex_client, body):
    taken = take(alex_client, 30)
    over(taken["id"])
    assert isinstance(assert_json(post(alex_client, f"{BREAKS}/{taken['id']}/reconnection", body), 422)["detail"], list)


# --- History ----------------------------------------------------------------------------------


def closed_break(client: Client, minutes: int, **outcome: str) -> str:
    """A break taken and ended early, then closed: by its outcome, or by the next break replacing it."""
    taken = take(client, minutes)
    assert_json(post(client, f"{BREAKS}/{taken['id']}/end"), 200)
    if outcome:
        reconnection(client, taken["id"], outcome=outcome)
    return taken["id"]


def test_history_lists_our_breaks_newest_first_with_how_they_went(alex_client, sam_client):
    first = closed_break(alex_client, 20, timing="on_time", repair="repaired")
    second = closed_break(sam_client, 30)
    third = take(alex_client, 40)["id"]  # replaces the second, which had no outcome recorded

    body = assert_json(sam_client.get(BREAKS), 200)
    assert body["count"] == 3
    assert [item["id"] for item in body["items"]] == [third, second, first]
    assert [item["phase"] for item in body["items"]] == ["on_break", "closed", "closed"]
    assert [item["outcome"] for item in body["items"][:2]] == [None, None]
    outcome = body["items"][2]["outcome"]
    assert (outcome["timing"], outcome["repair"]) == ("on_time", "repaired")
    at(outcome["recorded_at"])
    assert body["items"][1]["i_am_on_break"] is True
    assert body["items"][0]["takers"][0]["minutes"] == 40


def test_history_comes_in_pages(alex_client, sam_client):
    ids = [closed_break(alex_client, 20 + n, timing="on_time", repair="partly") for n in range(5)]
    newest_first = ids[::-1]

    # Alex recorded each, so sees each view, the last one before Sam has given theirs too.
    pages = [assert_json(alex_client.get(BREAKS, {"page": n, "page_size": 2}), 200) for n in (1, 2, 3, 4)]
    assert [page["count"] for page in pages] == [5, 5, 5, 5]
    assert [[item["id"] for item in page["items"]] for page in pages] == [
        newest_first[:2],
        newest_first[2:4],
        newest_first[4:],
        [],
    ]
    assert all(item["outcome"]["repair"] == "partly" for page in pages for item in page["items"])


def test_history_pages_hold_20_breaks_unless_asked_for_fewer(alex_client):
    for n in range(21):
        closed_break(alex_client, 20 + n)
    body = assert_json(alex_client.get(BREAKS), 200)
    assert (body["count"], len(body["items"])) == (21, 20)
    assert len(assert_json(alex_client.get(BREAKS, {"page": 2}), 200)["items"]) == 1


@pytest.mark.parametrize("query", [{"page": 0}, {"page": "first"}, {"page_size": 0}])
def test_history_with_a_bad_page_is_422(alex_client, query):
    assert_json(alex_client.get(BREAKS, query), 422)


def test_history_is_empty_before_the_first_break(alex_client):
    assert assert_json(alex_client.get(BREAKS), 200) == {"items": [], "count": 0}


def test_history_holds_only_the_current_couples_breaks(alex, sam, alex_client, sam_client, robin_client):
    closed_break(alex_client, 20, timing="on_time", repair="repaired")
    take(robin_client, 30)
    assert [t["name"] for t in assert_json(robin_client.get(BREAKS), 200)["items"][0]["takers"]] == ["Robin"]

    # Alex and Sam part and pair again: a new couple starts with no history.
    assert alex_client.delete(f"{API}/couple/membership").status_code == 204
    make_couple(alex, sam)
    assert assert_json(alex_client.get(BREAKS), 200) == {"items": [], "count": 0}
    assert assert_json(sam_client.get(BREAKS), 200)["count"] == 0


# --- Privacy ----------------------------------------------------------------------------------


def test_preparation_notes_appear_nowhere_in_the_api(alex, alex_client, sam_client):
    taken = take(alex_client, 30)
    brk = Break.objects.get(pk=taken["id"])
    Preparation.objects.create(brk=brk, person=alex, felt="NOTE-FELT", need="NOTE-NEED", my_part="NOTE-PART")
    over(taken["id"])
    reconnection(alex_client, taken["id"], check_in={"strength": 4})

    for client in (alex_client, sam_client):
        answers = [
            client.get(CURRENT),
            client.get(BREAKS),
            client.get(f"{BREAKS}/{taken['id']}"),
            client.get(f"{BREAKS}/{taken['id']}/reconnection"),
            client.get(AGREEMENT),
        ]
        for response in answers:
            assert response.status_code == 200
            assert b"NOTE-" not in response.content


def test_an_unshared_check_in_number_never_reaches_the_partner(alex_client, sam_client):
    taken = take(alex_client, 30)
    over(taken["id"])
    reconnection(alex_client, taken["id"], check_in={"strength": 9, "shared": False})

    seen = reconnection(sam_client, taken["id"])
    assert seen["check_ins"]["partner"] == {"checked_in": True, "strength": None}
    assert "9" not in json.dumps(seen["check_ins"])
    # Sharing it later shows it.
    reconnection(alex_client, taken["id"], check_in={"strength": 9, "shared": True})
    assert reconnection(sam_client, taken["id"])["check_ins"]["partner"] == {"checked_in": True, "strength": 9}


# --- Outsiders, people without a partner, anonymous callers ------------------------------------

# (method, path suffix, body) for every operation on one break.
ON_A_BREAK = [
    pytest.param("get", "", None, id="break"),
    pytest.param("post", "/extend", {"minutes": 20, "reassurance": REASSURANCE}, id="extend"),
    pytest.param("post", "/end", None, id="end"),
    pytest.param("post", "/thinking-of-you", None, id="thinking-of-you"),
    pytest.param("get", "/reconnection", None, id="reconnection"),
    pytest.param("post", "/reconnection", {"check_in": {"strength": 3}}, id="reconnection-step"),
]


@pytest.mark.parametrize(("method", "suffix", "body"), ON_A_BREAK)
@pytest.mark.parametrize("reached", [False, True], ids=["on", "reconnecting"])
def test_an_outsider_gets_the_same_404_as_for_no_break_at_all(alex_client, robin_client, method, suffix, body, reached):
    taken = take(alex_client, 30)
    if reached:
        over(taken["id"])
    before = assert_json(alex_client.get(CURRENT), 200)

    nobodys = assert_json(call(robin_client, method, f"{BREAKS}/{uuid.uuid4()}{suffix}", body), 404)
    theirs = assert_json(call(robin_client, method, f"{BREAKS}/{taken['id']}{suffix}", body), 404)
    assert theirs == nobodys == {"detail": "There is no such break."}
    assert assert_json(alex_client.get(CURRENT), 200) == before
    assert not ThinkingOfYou.objects.exists()


@pytest.mark.parametrize(("method", "suffix", "body"), ON_A_BREAK)
@pytest.mark.parametrize("break_id", ["not-a-uuid", "1", "x" * 300])
def test_anything_that_is_not_a_break_id_is_the_same_404(alex_client, method, suffix, body, break_id):
    take(alex_client, 30)
    body = assert_json(call(alex_client, method, f"{BREAKS}/{break_id}{suffix}", body), 404)
    assert body == {"detail": "There is no such break."}


def test_an_outsider_sees_neither_our_open_break_nor_our_history(alex_client, robin_client):
    take(alex_client, 30)
    assert_json(robin_client.get(CURRENT), 404)
    assert assert_json(robin_client.get(BREAKS), 200) == {"items": [], "count": 0}


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_someone_without_a_partner_gets_404(jo_client, method, path, body):
    assert_json(call(jo_client, method, path, body), 404)


def test_someone_without_a_partner_is_told_why(jo_client):
    body = take(jo_client, 30, status=404)
    assert body == {"detail": "You are not in a couple, so there is no one to take space from."}
    assert_json(jo_client.get(CURRENT), 404)
    assert not Break.objects.exists()


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_anonymous_callers_get_401_json(db, method, path, body):
    assert assert_json(call(Client(), method, path, body), 401) == {"detail": "Unauthorized"}


@pytest.mark.parametrize(("method", "path", "body"), [op for op in OPERATIONS if op.values[0] == "post"])
def test_anonymous_non_browser_clients_get_401_not_a_csrf_error(db, method, path, body):
    assert_json(call(Client(enforce_csrf_checks=True), method, path, body), 401)


@pytest.mark.parametrize(("path", "allowed", "wrong_methods"), WRONG_METHODS)
def test_wrong_http_method_is_405_json_with_allow_header(alex_client, path, allowed, wrong_methods):
    for method in wrong_methods:
        response = getattr(alex_client, method)(path)
        assert assert_json(response, 405) == {"detail": "Method Not Allowed"}, method
        assert set(response["Allow"].split(", ")) == set(allowed.split(", ")), method


# --- A phone with a session token -------------------------------------------------------------


def token_for(email: str) -> str:
    login = Client(enforce_csrf_checks=True).post(
        "/_allauth/app/v1/auth/login", {"email": email, "password": PASSWORD}, content_type="application/json"
    )
    return assert_json(login, 200)["meta"]["session_token"]


def think_of_with_token(phone: Client, token: str, break_id: str):
    return phone.post(f"{BREAKS}/{break_id}/thinking-of-you", headers={"X-Session-Token": token})


def test_a_phone_takes_space_and_reads_the_break_with_its_session_token(couple):
    phone = Client(enforce_csrf_checks=True)
    token = {"X-Session-Token": token_for("alex@example.com")}

    body = assert_json(
        phone.post(BREAKS, {"minutes": 30, "reassurance": REASSURANCE}, content_type="application/json", headers=token),
        201,
    )
    assert body["takers"][0]["is_me"] is True
    assert assert_json(phone.get(CURRENT, headers=token), 200)["id"] == body["id"]

    sams = {"X-Session-Token": token_for("sam@example.com")}
    seen = assert_json(Client(enforce_csrf_checks=True).get(CURRENT, headers=sams), 200)
    assert (seen["id"], seen["i_am_on_break"]) == (body["id"], False)


def test_a_phone_repeating_a_request_with_its_idempotency_key_gets_the_same_break(couple):
    token = token_for("alex@example.com")
    headers = {"X-Session-Token": token, "Idempotency-Key": "5f0c2b1e-retry"}
    answers = [
        assert_json(
            Client(enforce_csrf_checks=True).post(
                BREAKS, {"minutes": 30, "reassurance": REASSURANCE}, content_type="application/json", headers=headers
            ),
            201,
        )
        for _ in range(2)
    ]
    assert answers[0]["id"] == answers[1]["id"]
    assert Break.objects.count() == 1


def test_a_bogus_session_token_is_401_and_starts_nothing(couple):
    phone = Client(enforce_csrf_checks=True)
    response = phone.post(
        BREAKS,
        {"minutes": 30, "reassurance": REASSURANCE},
        content_type="application/json",
        headers={"X-Session-Token": "bogus"},
    )
    assert_json(response, 401)
    assert_json(phone.get(CURRENT, headers={"X-Session-Token": "bogus"}), 401)
    assert not Break.objects.exists()


# --- The OpenAPI document ---------------------------------------------------------------------


def test_the_openapi_document_lists_every_breaks_operation(db):
    paths = assert_json(Client().get(f"{API}/openapi.json"), 200)["paths"]
    listed = {(method, path) for path, operations in paths.items() for method in operations}
    assert listed >= {
        ("get", BREAKS),
        ("post", BREAKS),
        ("get", CURRENT),
        ("get", f"{BREAKS}/{{break_id}}"),
        ("post", f"{BREAKS}/{{break_id}}/extend"),
        ("post", f"{BREAKS}/{{break_id}}/end"),
        ("post", f"{BREAKS}/{{break_id}}/thinking-of-you"),
        ("get", f"{BREAKS}/{{break_id}}/reconnection"),
        ("post", f"{BREAKS}/{{break_id}}/reconnection"),
    }
    take_space = paths[BREAKS]["post"]
    assert "Idempotency-Key" in {parameter["name"] for parameter in take_space["parameters"]}
    assert {"201", "400", "401", "404"} <= set(take_space["responses"])


def test_no_person_id_or_private_field_is_in_the_openapi_schemas(db):
    schemas = assert_json(Client().get(f"{API}/openapi.json"), 200)["components"]["schemas"]
    fields = {name for schema in schemas.values() for name in schema.get("properties", {})}
    assert not fields & {"person", "person_id", "sender", "seen", "read_at"}
    # What someone wrote to prepare for talking stays theirs. A body check-in's "need underneath", an
    # episode side's feelings and need, and the words of a repair conversation are their writer's own,
    # shown to the partner only while shared (their own tests try that); the cycle names only what both shared.
    shared_by_choice = ("CheckIn", "Side", "SharedSide", "InTheCycle", "Repair")
    preparing = {
        name
        for key, schema in schemas.items()
        if not key.startswith(shared_by_choice)
        for name in schema.get("properties", {})
    }
    assert not preparing & {"felt", "need", "my_part"}


def test_once_the_couple_ends_neither_partner_reaches_its_breaks(alex_client, sam_client):
    taken = take(alex_client, 30)
    assert alex_client.delete(f"{API}/couple/membership").status_code == 204
    assert_json(alex_client.get(f"{BREAKS}/{taken['id']}"), 404)
    assert_json(sam_client.get(f"{BREAKS}/{taken['id']}/reconnection"), 404)
    assert_json(sam_client.get(BREAKS), 404)
