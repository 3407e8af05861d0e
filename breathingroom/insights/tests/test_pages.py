"""The insights page and GET /api/v1/insights: the same figures, a kind word without a partner."""

from __future__ import annotations

import re

import pytest

from breathingroom.api.api import api
from breathingroom.conftest import assert_json, page_text
from breathingroom.insights.tests import history


@pytest.fixture
def some_history(alex, sam, couple, monday):
    brk = history.a_break(couple, alex, monday, 30, back_after=35)
    history.outcomes(brk, (alex, "repaired"), (sam, "partly"))
    history.check_in(alex, monday, 5)
    history.check_in(sam, monday, 7, shared_in=couple)
    history.episode(couple, monday, (alex, "pursued", "tone", True), (sam, "withdrew", "money", True))
    return couple


def test_the_page_draws_each_figure_with_its_line_and_its_numbers(alex_client, some_history):
    response = alex_client.get("/insights/")
    assert response.status_code == 200
    text = page_text(response)
    assert "How it has been going" in text
    for heading in (
        "Breaks, week by week",
        "How long: asked for, and taken",
        "Coming back on time",
        "How it went afterwards",
        "When breaks begin",
        "How strong it felt in the body",
        "Moves and what set them off",
    ):
        assert f">{heading}</h2>" in text, heading
    assert "1 break in the last 6 months" in text
    assert "Back on time 1 of 1 time" in text
    assert "Of 2 views of how it went: 1 repaired, 1 partly, 0 not yet." in text
    assert "Sam\u2019s shared sides" in text
    # Every chart is drawn on the server, with words for each mark and a table beside it.
    assert text.count('<svg class="insights-chart"') >= 7
    assert text.count('<details class="insights-numbers">') >= 6
    assert "<title>" in text
    assert 'href="/dance/cycle/"' in text
    # Its own stylesheet, and nothing inline for the strict CSP.
    assert "breathingroom/insights.css" in text
    assert "style=" not in text.split("<main", 1)[1]


def test_the_period_is_chosen_by_a_link_and_marked_as_current(alex_client, some_history):
    text = page_text(alex_client.get("/insights/?period=1y"))
    assert re.search(r'href="\?period=1y" aria-current="page">1 year<', text)
    assert "1 break in the last year" in text
    assert "Breaks, week by week" in text


@pytest.mark.parametrize("value", ["2y", "", "all%00", "%3Cscript%3E"], ids=repr)
def test_an_unknown_period_shows_the_usual_six_months(alex_client, some_history, value):
    response = alex_client.get(f"/insights/?period={value}")
    assert response.status_code == 200
    assert re.search(r'href="\?period=6m" aria-current="page"', page_text(response))
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_someone_without_a_partner_gets_a_kind_page(jo_client):
    response = jo_client.get("/insights/")
    assert response.status_code == 200
    text = page_text(response)
    assert "they start once you are paired with your partner" in text
    assert "insights-chart" not in text


def test_the_page_takes_only_reading(alex_client, some_history):
    assert alex_client.post("/insights/").status_code == 405


def test_the_api_answers_the_same_figures(alex_client, some_history):
    body = assert_json(alex_client.get("/api/v1/insights?period=3m"), 200)
    assert body["period"] == "3m"
    assert body["breaks"]["by"] == "week"
    assert len(body["breaks"]["points"]) == 13
    assert body["breaks"]["total"] == 1
    assert body["lengths"]["asked"] == 30
    assert body["lengths"]["took"] == 35
    assert body["on_time"]["grace"] == 10
    assert [(p["name"], p["on_time"]) for p in body["on_time"]["people"]] == [("Alex", 1), ("Sam", 0)]
    assert (body["repairs"]["repaired"], body["repairs"]["partly"]) == (1, 1)
    assert [(line["name"], line["mine"], line["check_ins"]) for line in body["body"]["lines"]] == [
        ("Alex", True, 1),
        ("Sam", False, 1),
    ]
    assert len(body["heat"]) == 7
    assert all(len(row) == 24 for row in body["heat"])
    assert sum(map(sum, body["heat"])) == 1
    assert body["dance"][1]["moves"] == [{"value": "withdrew", "words": "Withdraws", "times": 1}]
    assert set(body["said"]) == {"breaks", "lengths", "on_time", "repairs", "body", "heat", "dance"}
    assert body["said"]["on_time"]["summary"] == "Back on time 1 of 1 time (0 late)."


def test_the_api_asks_the_partner_for_the_same_couple_from_their_side(sam_client, some_history):
    body = assert_json(sam_client.get("/api/v1/insights"), 200)
    assert body["period"] == "6m"
    assert [line["name"] for line in body["dance"]] == ["Sam", "Alex"]


@pytest.mark.parametrize("value", ["2y", "", "ALL", "1", "6m,1y"], ids=repr)
def test_the_api_refuses_an_unknown_period(alex_client, some_history, value):
    assert_json(alex_client.get(f"/api/v1/insights?period={value}"), 422)


def test_the_api_without_a_partner_is_409(jo_client):
    body = assert_json(jo_client.get("/api/v1/insights"), 409)
    assert "once you are paired" in body["detail"]


def test_the_api_document_describes_it():
    operation = api.get_openapi_schema()["paths"]["/api/v1/insights"]["get"]
    assert operation["description"]
    assert {"200", "401", "409", "422"} <= {str(status) for status in operation["responses"]}
    (period,) = operation["parameters"]
    assert period["name"] == "period"
    assert period["description"]
    schema = api.get_openapi_schema()["components"]["schemas"]["OurInsightsOut"]
    assert {"breaks", "lengths", "on_time", "repairs", "body", "heat", "dance", "said"} <= set(schema["properties"])
