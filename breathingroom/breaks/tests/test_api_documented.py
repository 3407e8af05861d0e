"""Answers of the breaks API that its OpenAPI document once left out."""

from __future__ import annotations

from breathingroom.api.tests.documented import assert_documented
from breathingroom.breaks import space
from breathingroom.conftest import assert_json

THINKING_OF_YOU = "/api/v1/breaks/{break_id}/thinking-of-you"


def test_the_partner_on_the_break_sending_thinking_of_you_gets_a_documented_403(alex, alex_client):
    brk = space.take_space(alex, 20, "Back soon.")
    response = alex_client.post(THINKING_OF_YOU.format(break_id=brk.id))
    assert "this is for the partner who waits" in assert_json(response, 403)["detail"]
    assert_documented(response, "POST", THINKING_OF_YOU)
