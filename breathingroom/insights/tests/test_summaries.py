"""The words under each chart: whole sentences, one for each way a line went lately."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from breathingroom.insights import summaries
from breathingroom.insights.body_counted import BodyLine, Strength


def line(averages: list[float], *, mine: bool = True) -> BodyLine:
    start = date(2025, 5, 5)
    points = tuple(Strength(start + timedelta(weeks=i), 2, a) for i, a in enumerate(averages))
    return BodyLine(person_id=1, name="Sam", mine=mine, points=points)


@pytest.mark.parametrize(
    ("averages", "mine", "expected"),
    [
        ([7, 7, 5, 4], True, "You: 8 check-ins, 5.8 of 10 on average, lately lower."),
        ([3, 4, 6, 7], True, "You: 8 check-ins, 5 of 10 on average, lately higher."),
        ([5, 6, 5, 5], False, "Sam shares 8 check-ins with you, 5.2 of 10 on average, lately about the same."),
        ([5, 6], False, "Sam shares 4 check-ins with you, 5.5 of 10 on average."),
    ],
)
def test_a_body_line_is_one_sentence_for_each_way_it_went_lately(averages, mine, expected):
    assert summaries._body_line(line(averages, mine=mine)) == expected
