"""The settings page shows the couple's card to someone with a partner, and to nobody else."""

from __future__ import annotations

from breathingroom.couples import pairing

LEAVE = 'href="/couple/leave/"'


def test_someone_paired_is_offered_leaving(alex_client):
    page = alex_client.get("/settings/").content.decode()
    assert "Your couple" in page
    assert LEAVE in page


def test_someone_unpaired_or_left_is_not(alex, jo_client, alex_client):
    assert LEAVE not in jo_client.get("/settings/").content.decode()
    pairing.leave(alex)
    assert LEAVE not in alex_client.get("/settings/").content.decode()
