"""The repair conversation in the JSON API at /api/v1/episodes/{id}/repair, as a phone or a script sees it."""

from __future__ import annotations

import json
import uuid
from typing import get_args

import pytest
from django.test import Client

from breathingroom.api.tests.documented import assert_documented
from breathingroom.conftest import assert_json
from breathingroom.dance import repair
from breathingroom.dance.models import ANSWER_LENGTH, RepairAnswer
from breathingroom.dance.repair_schemas import PartKey, StepKey
from breathingroom.dance.tests.conftest import episode_with

REPAIR = "/api/v1/episodes/{episode_id}/repair"
ANSWER = REPAIR + "/answers/{part}"
CONFIRM = REPAIR + "/steps/{step}/confirm"
PAUSE = REPAIR + "/pause"
RESUME = REPAIR + "/resume"


def call(client: Client, method: str, template: str, status: int, body: object = None, **args: object) -> dict:
    path = template.format(**args)
    if body is None:
        # Nothing in the body at all, as a phone sends a bare POST.
        response = client.generic(method.upper(), path, b"")
    else:
        response = getattr(client, method)(path, json.dumps(body), content_type="application/json")
    assert_documented(response, method, "/api/v1" + template.removeprefix("/api/v1"))
    return assert_json(response, status)


@pytest.fixture
def episode_id(alex, sam, couple) -> str:
    return str(episode_with(alex, sam, "pursued", "withdrew").id)


def part(talk: dict, key: str) -> dict:
    return next(p for s in talk["steps"] for p in s["parts"] if p["key"] == key)


def test_the_paths_name_every_step_and_part():
    assert get_args(PartKey) == repair.PART_KEYS
    assert get_args(StepKey) == tuple(s.value for s in repair.ORDER[:-1])


def test_a_talk_is_begun_written_confirmed_and_followed_by_both(alex_client, sam_client, episode_id):
    talk = call(alex_client, "get", REPAIR, 200, episode_id=episode_id)
    assert talk["begun"] is False
    assert talk["step"] is None

    talk = call(alex_client, "post", REPAIR, 200, episode_id=episode_id)
    assert talk["begun"]
    assert talk["step"] == "felt"
    assert talk["started_by_me"]
    assert [s["key"] for s in talk["steps"]] == ["felt", "saw", "past", "my_part", "plan", "keep"]
    # Asked again, by either: the same talk.
    again = call(sam_client, "post", REPAIR, 200, episode_id=episode_id)
    assert again["step"] == "felt"
    assert not again["started_by_me"]

    talk = call(alex_client, "put", ANSWER, 200, {"text": "I felt left behind."}, episode_id=episode_id, part="felt")
    assert part(talk, "felt")["mine"] == "I felt left behind."
    # Sam has written nothing yet: Alex's words wait for Sam's own.
    assert part(call(sam_client, "get", REPAIR, 200, episode_id=episode_id), "felt")["partner"] is None
    call(sam_client, "put", ANSWER, 200, {"text": "I felt cornered."}, episode_id=episode_id, part="felt")
    talk = call(sam_client, "get", REPAIR, 200, episode_id=episode_id)
    assert part(talk, "felt")["partner"] == "I felt left behind."

    talk = call(alex_client, "post", CONFIRM, 200, episode_id=episode_id, step="felt")
    assert talk["step"] == "felt"
    assert talk["steps"][0]["i_confirmed"]
    talk = call(sam_client, "post", CONFIRM, 200, {}, episode_id=episode_id, step="felt")
    assert talk["step"] == "saw"
    # A repeated "done" for a step behind changes nothing.
    assert call(alex_client, "post", CONFIRM, 200, episode_id=episode_id, step="felt")["step"] == "saw"


def test_refusals_are_calm_and_say_why(alex_client, episode_id):
    body = call(alex_client, "post", CONFIRM, 409, episode_id=episode_id, step="felt")
    assert "not begun" in body["detail"]
    call(alex_client, "post", REPAIR, 200, episode_id=episode_id)
    body = call(alex_client, "put", ANSWER, 409, {"text": "Later."}, episode_id=episode_id, part="plan")
    assert "another step" in body["detail"]
    body = call(alex_client, "post", CONFIRM, 409, episode_id=episode_id, step="felt")
    assert "what you felt" in body["detail"]
    body = call(alex_client, "post", CONFIRM, 409, episode_id=episode_id, step="keep")
    assert "has not come yet" in body["detail"]
    # Too long is the body's shape: answered before the domain is asked.
    call(alex_client, "put", ANSWER, 422, {"text": "x" * ANSWER_LENGTH + "x"}, episode_id=episode_id, part="felt")


@pytest.mark.parametrize(
    ("template", "args", "body"),
    [
        (ANSWER, {"part": "verdict"}, {"text": "You were wrong."}),
        (ANSWER, {"part": "felt"}, {"words": "Typo in the field's name."}),
        (ANSWER, {"part": "felt"}, {"text": 42}),
        (CONFIRM, {"step": "done"}, {}),
        (CONFIRM, {"step": "felt"}, {"keep": "yes"}),
    ],
    ids=["no-such-part", "unknown-field", "text-not-text", "done-is-no-step", "keep-not-a-bool"],
)
def test_a_body_or_path_of_the_wrong_shape_is_422(alex_client, episode_id, template, args, body):
    call(alex_client, "post", REPAIR, 200, episode_id=episode_id)
    method = "put" if template == ANSWER else "post"
    call(alex_client, method, template, 422, body, episode_id=episode_id, **args)
    assert not RepairAnswer.objects.exists()


def test_pause_and_resume_show_on_both(alex_client, sam_client, episode_id):
    call(alex_client, "post", REPAIR, 200, episode_id=episode_id)
    talk = call(sam_client, "post", PAUSE, 200, episode_id=episode_id)
    assert talk["paused"]
    assert talk["paused_by_me"]
    seen = call(alex_client, "get", REPAIR, 200, episode_id=episode_id)
    assert seen["paused"]
    assert not seen["paused_by_me"]
    assert not any(p["open"] for p in seen["steps"][0]["parts"])
    body = call(alex_client, "put", ANSWER, 409, {"text": "Now?"}, episode_id=episode_id, part="felt")
    assert "paused" in body["detail"]
    talk = call(alex_client, "post", RESUME, 200, episode_id=episode_id)
    assert not talk["paused"]
    assert talk["step"] == "felt"


def test_keeping_it_is_both_saying_yes(alex, sam, alex_client, sam_client, episode_id):
    from breathingroom.dance.models import Episode
    from breathingroom.dance.tests.test_repair import through

    through(alex, sam, Episode.objects.get(pk=episode_id), "keep")
    body = call(alex_client, "post", CONFIRM, 400, {}, episode_id=episode_id, step="keep")
    assert "keep it" in body["detail"]
    talk = call(alex_client, "post", CONFIRM, 200, {"keep": True}, episode_id=episode_id, step="keep")
    assert talk["my_keep"] is True
    assert talk["kept"] is None
    talk = call(sam_client, "post", CONFIRM, 200, {"keep": True}, episode_id=episode_id, step="keep")
    assert talk["step"] == "done"
    assert talk["finished"]
    assert talk["kept"] is True
    assert part(talk, "plan")["partner"] == "Alex will say when they are coming back."
    body = call(sam_client, "put", ANSWER, 409, {"text": "More."}, episode_id=episode_id, part="plan")
    assert "over" in body["detail"]


def test_another_couple_and_no_couple_find_nothing(robin_client, jo_client, episode_id):
    nothing = str(uuid.uuid4())
    for client in (robin_client, jo_client):
        for method, template in (("get", REPAIR), ("post", REPAIR), ("post", PAUSE)):
            theirs = call(client, method, template, 404, episode_id=episode_id)
            missing = call(client, method, template, 404, episode_id=nothing)
            assert theirs == missing
    assert call(jo_client, "get", REPAIR, 404, episode_id=episode_id)["detail"] == "You are not in a couple."
    assert call(robin_client, "get", REPAIR, 404, episode_id="not-an-id")["detail"] == "There is no such episode."
