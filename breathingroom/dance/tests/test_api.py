"""Episodes, sides and the cycle in the JSON API at /api/v1, as a phone or a script sees them."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client

from breathingroom.api.tests.documented import assert_documented
from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree, until_reconnecting
from breathingroom.conftest import assert_json
from breathingroom.dance.cycle import ENOUGH
from breathingroom.dance.models import TRIGGER_LENGTH, Side
from breathingroom.events.models import Event

EPISODES = "/api/v1/episodes"
EPISODE = EPISODES + "/{id}"
SIDE = EPISODE + "/my-side"
SHARE = SIDE + "/share"
CYCLE = "/api/v1/cycle"
PRIVATE = "the thing I only told my journal"


def send(client: Client, method: str, path: str, body: object = None, **headers: str):
    if body is None:
        return getattr(client, method)(path, headers=headers)
    return getattr(client, method)(path, json.dumps(body), content_type="application/json", headers=headers)


def begin(client: Client, body: object = None, status: int = 201, **headers: str) -> dict:
    response = send(client, "post", EPISODES, body if body is not None else {}, **headers)
    assert_documented(response, "POST", EPISODES)
    return assert_json(response, status)


def write(client: Client, episode_id: str, status: int = 200, **fields: object) -> dict:
    response = send(client, "put", SIDE.format(id=episode_id), {"move": "withdrew", **fields})
    assert_documented(response, "PUT", "/api/v1/episodes/{episode_id}/my-side")
    return assert_json(response, status)


def test_an_episode_is_begun_written_shared_and_read_by_both(alex_client, sam_client):
    episode = begin(alex_client)
    assert episode["mine"] is None
    assert episode["partner"] is None
    assert episode["started_by_me"] is True
    mine = write(alex_client, episode["id"], move="pursued", deeper_feeling="lonely", fear="being_left", need="Tea")
    assert mine["mine"]["move"] == {"value": "pursued", "words": "I went after them"}
    assert mine["mine"]["deeper_feeling"] == {"value": "lonely", "words": "Lonely"}
    assert mine["mine"]["need"] == {"value": "Tea", "words": "Tea"}
    assert mine["mine"]["shared"] is False
    assert mine["mine"]["version"] == 1

    sams = assert_json(sam_client.get(EPISODE.format(id=episode["id"])), 200)
    assert sams["partner"] is None
    assert sams["started_by_me"] is False

    shared = assert_json(send(alex_client, "post", SHARE.format(id=episode["id"])), 200)
    assert shared["mine"]["shared"] is True
    sams = assert_json(sam_client.get(EPISODE.format(id=episode["id"])), 200)
    assert sams["partner"]["fear"]["words"] == "That you would leave me"
    assert sams["partner"]["version"] is None

    listed = assert_json(sam_client.get(EPISODES), 200)
    assert [e["id"] for e in listed["items"]] == [episode["id"]]

    unshared = assert_json(send(alex_client, "delete", SHARE.format(id=episode["id"])), 200)
    assert unshared["mine"]["shared"] is False
    assert assert_json(sam_client.get(EPISODE.format(id=episode["id"])), 200)["partner"] is None


def test_an_episode_after_a_break_is_one_whoever_asks(alex, sam, alex_client, sam_client):
    agree(alex, sam)
    brk = until_reconnecting(space.take_space(alex, 20, "Back soon. Settling, not leaving."))
    first = begin(alex_client, {"break_id": str(brk.id)})
    again = begin(sam_client, {"break_id": str(brk.id)})
    assert first["id"] == again["id"]
    assert first["break_id"] == str(brk.id)


def test_a_break_still_on_or_of_nobody_is_refused(alex, sam, alex_client, robin_client):
    agree(alex, sam)
    brk = space.take_space(alex, 20, "Back soon. Settling, not leaving.")
    assert "come back" in begin(alex_client, {"break_id": str(brk.id)}, status=409)["detail"]
    assert begin(robin_client, {"break_id": str(brk.id)}, status=404)["detail"]
    assert begin(alex_client, {"break_id": str(uuid.uuid4())}, status=404)["detail"]


def test_the_idempotency_key_begins_one_episode(alex_client):
    first = begin(alex_client, **{"Idempotency-Key": "once"})
    assert begin(alex_client, **{"Idempotency-Key": "once"})["id"] == first["id"]
    assert begin(alex_client, **{"Idempotency-Key": "twice"})["id"] != first["id"]


@pytest.mark.parametrize(
    "body",
    [
        {"move": "sulked"},
        {"move": None},
        {"move": "withdrew", "trigger": "x" * (TRIGGER_LENGTH + 1)},
        {"move": "withdrew", "fear": 7},
        {"move": "withdrew", "mood": "bad"},
        {"move": "withdrew", "need": "a\x00b"},
        {"move": "withdrew", "version": 0},
        [],
    ],
    ids=["unknown-move", "null-move", "long-trigger", "number", "unknown-field", "nul", "version-0", "list"],
)
def test_a_side_of_the_wrong_shape_is_refused_and_nothing_is_kept(alex_client, body):
    episode = begin(alex_client)
    response = send(alex_client, "put", SIDE.format(id=episode["id"]), body)
    assert response.status_code in (400, 422)
    assert_json(response, response.status_code)
    assert not Side.objects.exists()


def test_a_stale_version_is_a_conflict_and_keeps_the_newer_words(alex_client):
    episode = begin(alex_client)
    write(alex_client, episode["id"], move="withdrew")
    write(alex_client, episode["id"], move="shut_down", version=1)
    refused = write(alex_client, episode["id"], status=409, move="pursued", version=1)
    assert "somewhere else" in refused["detail"]
    assert Side.objects.get().move == "shut_down"


def test_sharing_nothing_is_refused_calmly(alex_client):
    episode = begin(alex_client)
    response = send(alex_client, "post", SHARE.format(id=episode["id"]))
    assert "Write your side first" in assert_json(response, 409)["detail"]


@pytest.mark.parametrize("method", ["get", "put", "post", "delete"])
def test_someone_elses_episode_and_no_episode_are_the_same_404(alex_client, robin_client, method):
    episode = begin(alex_client)
    path = {"get": EPISODE, "put": SIDE, "post": SHARE, "delete": SHARE}[method]
    body = {"move": "withdrew"} if method == "put" else None
    answers = [
        send(robin_client, method, path.format(id=episode["id"]), body),
        send(alex_client, method, path.format(id=str(uuid.uuid4())), body),
        send(alex_client, method, path.format(id="not-an-id"), body),
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1


def test_the_cycle_is_named_from_what_both_shared(alex_client, sam_client):
    for _ in range(ENOUGH):
        episode = begin(alex_client)
        write(alex_client, episode["id"], move="pursued", deeper_feeling="lonely")
        write(sam_client, episode["id"], move="withdrew", deeper_feeling="overwhelmed", fear="failing_you")
        send(alex_client, "post", SHARE.format(id=episode["id"]))
        before = assert_json(alex_client.get(CYCLE), 200)
        send(sam_client, "post", SHARE.format(id=episode["id"]))
    assert before["pattern"] is None
    cycle = assert_json(alex_client.get(CYCLE), 200)
    assert cycle["pattern"] == "pursue_withdraw"
    assert cycle["episodes"] == ENOUGH
    assert cycle["partners"][0] == {
        "name": "Alex",
        "move": "pursued",
        "deeper_feeling": "Lonely",
        "fear": None,
        "need": None,
    }
    assert cycle["partners"][1]["fear"] == "That I am failing you"
    assert cycle["name"]
    assert any("not either of you" in line for line in cycle["summary"])
    # Sam sees it from Sam's side.
    assert assert_json(sam_client.get(CYCLE), 200)["partners"][0]["name"] == "Sam"


def test_the_cycle_says_plainly_when_there_is_not_enough(alex_client):
    cycle = assert_json(alex_client.get(CYCLE), 200)
    assert cycle["pattern"] is None
    assert cycle["episodes"] == 0
    assert "not enough yet" in cycle["summary"][0]


def test_without_a_partner_the_cycle_is_refused_and_the_list_is_empty(jo_client):
    assert "not in a couple" in assert_json(jo_client.get(CYCLE), 404)["detail"]
    assert assert_json(jo_client.get(EPISODES), 200)["items"] == []
    assert "not in a couple" in begin(jo_client, status=404)["detail"]


def test_an_unshared_side_never_reaches_the_partner_anywhere(alex, sam, alex_client, sam_client):
    episode = begin(alex_client)
    write(sam_client, episode["id"], move="shut_down", trigger=PRIVATE, fear=PRIVATE)
    for path in (EPISODES, EPISODE.format(id=episode["id"]), CYCLE):
        assert PRIVATE not in alex_client.get(path).content.decode()
    # Events carry which episode and whether shared, never the words.
    assert not any(PRIVATE in json.dumps(e.data) for e in Event.objects.all())
    send(sam_client, "post", SHARE.format(id=episode["id"]))
    assert PRIVATE in alex_client.get(EPISODE.format(id=episode["id"])).content.decode()
    assert not any(PRIVATE in json.dumps(e.data) for e in Event.objects.filter(recipient=alex))


def test_the_vocabulary_lists_every_move_and_keys(alex_client):
    words = assert_json(alex_client.get(EPISODES + "/vocabulary"), 200)
    assert [m["key"] for m in words["moves"]] == [
        "pursued",
        "criticised",
        "demanded",
        "defended",
        "withdrew",
        "went_quiet",
        "shut_down",
        "other",
    ]
    assert all(m["hint"] for m in words["moves"])
    assert {"being_left", "losing_myself"} <= {f["key"] for f in words["fears"]}
    assert "lonely" in {f["key"] for f in words["feelings"]}
    assert "reassurance" in {n["key"] for n in words["needs"]}


def test_lists_and_the_cycle_ask_the_database_as_often_with_thirty_episodes_as_with_three(alex, sam, alex_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from breathingroom.dance.tests.conftest import episode_with

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as seen:
            assert alex_client.get(path).status_code == 200
        return len(seen)

    for _ in range(3):
        episode_with(alex, sam, "pursued", "withdrew", deeper="lonely", fear="my own words", need="reassurance")
    few = {path: queries(path) for path in (EPISODES, CYCLE)}
    for _ in range(27):
        episode_with(alex, sam, "criticised", "went_quiet", deeper="hurt", fear="other words", need="time_alone")
    assert {path: queries(path) for path in (EPISODES, CYCLE)} == few
