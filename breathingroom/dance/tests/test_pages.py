"""The dance's pages, as each partner reads them: episodes, one's own side, sharing, and the cycle map."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breathingroom.breaks import reconnecting, space
from breathingroom.breaks.tests.conftest import until_reconnecting
from breathingroom.conftest import client_for, page_text
from breathingroom.dance import episodes
from breathingroom.dance.models import FEELING_LENGTH, TRIGGER_LENGTH, Episode, Side
from breathingroom.dance.tests.conftest import episode_with, side

INDEX = "/dance/"
START = "/dance/start/"
CYCLE = "/dance/cycle/"
SECRET = "the thing sam keeps to himself"


def url(episode: Episode, step: str = "") -> str:
    return f"/dance/{episode.pk}/{step + '/' if step else ''}"


def side_form(**fields: str) -> dict[str, str]:
    form = {"move": "withdrew", "version": ""}
    for name in ("trigger", "surface_feeling", "deeper_feeling", "fear", "need"):
        form[name] = ""
        form[f"{name}_own"] = ""
    return {**form, **fields}


# --- The list and beginning an episode -----------------------------------------------------------


def test_without_a_partner_the_dance_explains_itself_kindly(jo_client):
    for path in (INDEX, CYCLE):
        response = jo_client.get(path)
        assert response.status_code == 200
        page = page_text(response)
        assert "It needs both of you" in page or "it always takes both of you" in page
        assert "Begin an episode" not in page
        assert "<svg" not in page
    response = jo_client.post(START)
    assert response["Location"] == INDEX
    assert "You are not in a couple." in page_text(jo_client.get(INDEX))
    assert not Episode.objects.exists()


def test_beginning_an_episode_opens_it_and_pressing_twice_begins_one(alex_client, sam_client):
    page = page_text(alex_client.get(INDEX))
    assert "Nothing here yet." in page
    key = re.search(r'name="key" value="([0-9a-f]{32})"', page).group(1)
    first = alex_client.post(START, {"key": key})
    second = alex_client.post(START, {"key": key})
    episode = Episode.objects.get()
    assert first["Location"] == second["Location"] == url(episode)
    page = page_text(alex_client.get(url(episode)))
    assert "You began it." in page
    assert "Write your side" in page
    # Sam sees that it is there, and who began it.
    assert "Alex began it." in page_text(sam_client.get(url(episode)))
    assert "Begun by Alex" in page_text(sam_client.get(INDEX))


def test_episodes_are_listed_newest_first_a_page_at_a_time(alex, couple, alex_client):
    made = [episodes.start(alex) for _ in range(12)]
    for i, episode in enumerate(made):
        Episode.objects.filter(pk=episode.pk).update(happened_at=episode.happened_at.replace(year=2020, month=i + 1))
    page = page_text(alex_client.get(INDEX))
    found = re.findall(r'href="/dance/([0-9a-f-]{36})/"', page)
    assert found == [str(e.pk) for e in reversed(made)][:10]
    assert "Page 1 of 2" in page
    older = page_text(alex_client.get(INDEX, {"page": 2}))
    assert re.findall(r'href="/dance/([0-9a-f-]{36})/"', older) == [str(e.pk) for e in made[1::-1]]


def test_an_episode_after_a_break_is_begun_from_the_end_of_the_reconnection(alex, sam, couple, alex_client):
    brk = until_reconnecting(space.take_space(alex, 20, "Back soon."))
    for person in (alex, sam):
        reconnecting.record_outcome(person, brk.id, "on_time", "repaired")
    page = page_text(alex_client.get(f"/space/{brk.id}/reconnect/"))
    assert "Look back on it together" in page
    assert f'name="break_id" value="{brk.id}"' in page
    response = alex_client.post(START, {"break_id": str(brk.id)})
    episode = Episode.objects.get()
    assert episode.brk_id == brk.id
    assert response["Location"] == url(episode)
    assert "It followed a break" in page_text(alex_client.get(url(episode)))
    # Offered once: the end of the reconnection now leads to that episode.
    page = page_text(alex_client.get(f"/space/{brk.id}/reconnect/"))
    assert f'href="{url(episode)}"' in page
    assert 'name="break_id"' not in page


def test_a_break_of_another_couple_begins_nothing(alex_client, robin):
    brk = space.take_space(robin, 20, "Back soon.")
    response = alex_client.post(START, {"break_id": str(brk.id)})
    assert response["Location"] == INDEX
    assert "There is no such break to look back on." in page_text(alex_client.get(INDEX))
    assert not Episode.objects.filter(couple__memberships__person__email="alex@example.com").exists()


def test_home_and_the_journal_lead_to_the_dance(alex_client):
    assert 'href="/dance/"' in page_text(alex_client.get("/"))
    assert 'href="/dance/"' in page_text(alex_client.get("/journal/"))


# --- One's own side -------------------------------------------------------------------------------


def test_a_side_from_the_lists_and_in_ones_own_words(alex, couple, alex_client, sam_client):
    episode = episodes.start(alex)
    page = page_text(alex_client.get(url(episode, "my-side")))
    for words in ("I went after them", "Followed, kept asking, kept the talk going.", "Being blamed", "Reassurance"):
        assert words in page
    assert '<optgroup label="Hurt">' in page
    form = side_form(
        move="pursued",
        trigger="chores",
        trigger_own="  The dishes, again  ",
        deeper_feeling="lonely",
        fear="being_left",
        need="reassurance",
    )
    response = alex_client.post(url(episode, "my-side"), form)
    assert response["Location"] == url(episode)
    mine = Side.objects.get()
    # Own words win over the list; what is kept is tidied.
    assert (mine.move, mine.trigger, mine.deeper_feeling, mine.fear) == (
        "pursued",
        "The dishes, again",
        "lonely",
        "being_left",
    )
    page = page_text(alex_client.get(url(episode)))
    assert "Kept. Only you can read your side until you share it." in page
    for words in ("I went after them", "The dishes, again", "Lonely", "That you would leave me", "Reassurance"):
        assert words in page
    # Editing starts from what is there: a key in its list, own words in their box.
    again = page_text(alex_client.get(url(episode, "my-side")))
    assert '<option value="lonely" selected>' in again
    assert 'value="The dishes, again"' in again
    assert 'name="version" value="1"' in again
    assert "The dishes" not in page_text(sam_client.get(url(episode)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"move": ""}, "Choose what you did from the list"),
        ({"move": "stormed_off"}, "Choose what you did from the list"),
        ({"trigger_own": "x" * (TRIGGER_LENGTH + 1)}, f"Keep what set it off to {TRIGGER_LENGTH} characters"),
        ({"deeper_feeling_own": "y" * 100_000}, f"Name a feeling in {FEELING_LENGTH} characters or fewer."),
        ({"fear": "<b>made up</b>"}, "Choose from the list, or write it in your own words"),
    ],
    ids=["no-move", "unknown-move", "long-trigger", "huge-feeling", "unknown-fear"],
)
def test_what_cannot_be_kept_is_answered_beside_the_form_and_kept_in_it(alex, couple, alex_client, fields, message):
    episode = episodes.start(alex)
    form = side_form(need_own="to be asked, not told", **fields)
    response = alex_client.post(url(episode, "my-side"), form)
    assert response.status_code == 400
    page = page_text(response)
    assert message in page
    assert 'value="to be asked, not told"' in page
    assert "<b>made up</b>" not in page
    assert not Side.objects.exists()


def test_a_change_from_an_older_copy_is_caught_and_the_words_kept(alex, couple, alex_client):
    episode = episodes.start(alex)
    side(alex, episode, "withdrew", deeper="numb", share=False)
    # Changed on another device meanwhile.
    episodes.write_side(alex, episode.id, episodes.SideWords(move="went_quiet", deeper_feeling="empty"), 1)
    response = alex_client.post(url(episode, "my-side"), side_form(version="1", deeper_feeling_own="tired to the bone"))
    assert response.status_code == 409
    page = page_text(response)
    assert "Your side was changed somewhere else after you opened it" in page
    assert 'value="tired to the bone"' in page
    # Beside it, what it says now; saving again is a choice made with the newer version.
    assert "What it says now" in page
    assert "I went quiet" in page
    assert 'name="version" value="2"' in page
    assert Side.objects.get().deeper_feeling == "empty"
    response = alex_client.post(url(episode, "my-side"), side_form(version="2", deeper_feeling_own="tired to the bone"))
    assert response.status_code == 302
    assert Side.objects.get().deeper_feeling == "tired to the bone"


# --- Sharing, and what the partner never sees ------------------------------------------------------


def test_the_partner_sees_a_side_only_while_it_is_shared_and_never_whether_it_exists(alex, sam, couple, sam_client):
    client = client_for(alex)
    episode = episodes.start(alex)
    nothing_yet = page_text(sam_client.get(url(episode)))
    side(alex, episode, "pursued", trigger=SECRET, share=False)
    written = page_text(sam_client.get(url(episode)))
    # The same neutral line whether Alex wrote a side or not.
    assert "When Alex chooses to share their side, it shows here." in written
    assert re.sub(r"\s+", " ", _partner_part(nothing_yet)) == re.sub(r"\s+", " ", _partner_part(written))

    live = sam_client.get(url(episode, "live"))
    signature = re.search(r"\?seen=(\w+)", page_text(live)).group(1)
    assert sam_client.get(url(episode, "live"), {"seen": signature}).status_code == 204

    client.post(url(episode, "share"))
    assert SECRET in page_text(client.get(url(episode)))
    shared = sam_client.get(url(episode, "live"), {"seen": signature})
    assert shared.status_code == 200
    assert SECRET in page_text(shared)
    assert "What Alex did" in page_text(sam_client.get(url(episode)))

    client.post(url(episode, "unshare"))
    assert "Private again." in page_text(client.get(url(episode)))
    for path in (url(episode), url(episode, "live"), INDEX, CYCLE, "/api/v1/cycle.svg"):
        assert SECRET not in page_text(sam_client.get(path)), path


def _partner_part(page: str) -> str:
    start = page.index('id="partner-side"')
    return re.sub(r"\?seen=\w+", "", page[start : page.index("</section>", start)])


def test_someone_outside_the_couple_finds_nothing_there(alex, couple, robin_client, jo_client):
    episode = episodes.start(alex)
    side(alex, episode, "pursued", trigger=SECRET)
    for client in (robin_client, jo_client):
        for step in ("", "live", "my-side"):
            assert client.get(url(episode, step)).status_code == 404
        for step in ("share", "unshare"):
            assert client.post(url(episode, step)).status_code == 404
        assert client.post(url(episode, "my-side"), side_form()).status_code == 404
        assert SECRET not in page_text(client.get(INDEX))
    assert Side.objects.get().move == "pursued"


def test_sharing_before_writing_says_what_to_do_first(alex, couple, alex_client):
    episode = episodes.start(alex)
    response = alex_client.post(url(episode, "share"))
    assert response["Location"] == url(episode)
    assert "Write your side first" in page_text(alex_client.get(url(episode)))


def test_the_map_leaves_out_every_side_not_shared_now(alex, sam, couple, alex_client, sam_client):
    for _ in range(3):
        episode_with(alex, sam, "pursued", "withdrew", deeper="lonely")
    for _ in range(4):
        kept = episode_with(alex, sam, "pursued", "criticised", share=False, fear="not_enough")
        episodes.share_side(alex, kept.id)
    page = page_text(alex_client.get(CYCLE))
    assert "Reach and retreat" in page
    assert "Drawn from 3 episodes" in page
    assert "Sam criticises" not in page
    assert "That I am not enough" not in page
    # Unsharing one of the three takes it out at once.
    first = Episode.objects.filter(sides__shared_at__isnull=False, sides__person=sam).first()
    sam_client.post(url(first, "unshare"))
    page = page_text(alex_client.get(CYCLE))
    assert "There is not enough yet to see your loop" in page
    assert "Reach and retreat" not in page


# --- The cycle map -------------------------------------------------------------------------------


def test_before_any_episode_the_map_is_the_loop_waiting_to_be_filled(alex_client):
    page = page_text(alex_client.get(CYCLE))
    assert "Your loop so far" in page
    assert "There is not enough yet to see your loop: 3 more episodes" in page
    assert 'role="img"' in page
    assert 'aria-describedby="cycle-status"' in page
    assert "What Alex does" in page
    assert "What Sam does" in page


def test_the_map_draws_the_loop_names_it_and_says_it_in_words(alex, sam, couple, alex_client, sam_client):
    for _ in range(3):
        episode_with(alex, sam, "pursued", "withdrew", deeper="lonely", fear="being_left", need="reassurance")
    page = page_text(alex_client.get(CYCLE))
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'aria-labelledby="cycle-name cycle-count"' in svg
    assert svg.index("Alex pursues") < svg.index("Underneath, Sam feels") < svg.index("Sam withdraws")
    # No colour is written into the drawing: the stylesheet gives them, for light and dark.
    assert not re.search(r'(fill|stroke)="#', svg)
    words = page[page.index('id="cycle-text"') :]
    assert "When Alex pursues, Sam feels lonely underneath" in words
    assert "The loop is the problem, not either of you." in words
    # Each partner sees the loop from their own side first.
    sams = page_text(sam_client.get(CYCLE))
    assert sams.index("Sam withdraws") < sams.index("Alex pursues")


def test_the_maps_live_part_answers_nothing_until_the_loop_changes(alex, sam, couple, alex_client):
    episode_with(alex, sam, "pursued", "withdrew")
    page = page_text(alex_client.get(CYCLE))
    signature = re.search(r'data-live-url="/dance/cycle/\?seen=(\w+)"', page).group(1)
    part = {"HTTP_HX_REQUEST": "true"}
    assert alex_client.get(CYCLE, {"seen": signature}, **part).status_code == 204
    episode_with(alex, sam, "pursued", "withdrew")
    changed = alex_client.get(CYCLE, {"seen": signature}, **part)
    assert changed.status_code == 200
    assert "Drawn from 2 episodes" in page_text(changed)
    assert "<html" not in page_text(changed)


@pytest.mark.parametrize("path", [CYCLE, INDEX, "/api/v1/cycle", "/api/v1/cycle.svg"])
def test_the_same_few_queries_however_long_the_history(alex, sam, couple, path):
    client = client_for(alex)

    def more(n: int) -> None:
        for _ in range(n):
            episode_with(alex, sam, "pursued", "withdrew", deeper="lonely", fear="being_left", need="my own words")

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(path).status_code == 200
        return len(seen)

    more(3)
    few = queries()
    more(27)
    assert queries() == few
