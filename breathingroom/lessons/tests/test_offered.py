"""Lessons are offered where they help: while taking space, while waiting, before the ritual, in the journal."""

from __future__ import annotations

from breathingroom.breaks import space
from breathingroom.breaks.tests.conftest import agree, until_reconnecting
from breathingroom.conftest import page_text

WORDS = "Back soon. I am settling, not leaving."


def test_the_waiting_partner_is_offered_the_reasons_and_waiting_well(alex, sam, alex_client, sam_client):
    agree(alex, sam)
    space.take_space(alex, 20, WORDS)
    waiting = page_text(sam_client.get("/"))
    assert 'href="/lessons/reasons-for-space/"' in waiting
    assert 'href="/lessons/waiting-well/"' in waiting
    taking = page_text(alex_client.get("/"))
    assert 'href="/lessons/taking-space-well/"' in taking
    assert "/lessons/waiting-well/" not in taking


def test_coming_back_well_is_offered_before_the_ritual(alex, sam, sam_client):
    agree(alex, sam)
    until_reconnecting(space.take_space(alex, 20, WORDS))
    assert 'href="/lessons/coming-back-well/"' in page_text(sam_client.get("/"))


def test_the_journal_prompts_offer_the_four_lenses_and_calm_leads_to_every_lesson(alex_client):
    assert 'href="/lessons/four-lenses/"' in page_text(alex_client.get("/journal/prompts/"))
    assert 'href="/lessons/"' in page_text(alex_client.get("/calm/"))
    assert 'href="/lessons/reasons-for-space/"' in page_text(alex_client.get("/calm/reasons/"))


def test_the_repair_conversation_offers_the_lesson_on_repair(alex, sam, alex_client):
    from breathingroom.dance import episodes

    episode = episodes.start(alex)
    assert 'href="/lessons/repair/"' in page_text(alex_client.get(f"/dance/{episode.id}/repair/"))
