"""The page and the API cost the same few queries whether a couple has one break or two hundred."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from breathingroom.conftest import client_for
from breathingroom.insights.tests import history


def queries(alex, path: str) -> int:
    client = client_for(alex)
    client.get(path)  # the session and anything cached once per process
    with CaptureQueriesContext(connection) as seen:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(seen.captured_queries)


@pytest.mark.parametrize(
    "path", ["/insights/", "/insights/?period=all", "/api/v1/insights", "/api/v1/insights?period=1y"], ids=str
)
def test_the_number_of_queries_does_not_grow_with_history(django_user_model, path):
    from breathingroom.conftest import make_couple, make_person

    counts = []
    for n, names in ((1, ("Ali", "Sol")), (200, ("Bo", "Cy"))):
        alex, sam = make_person(names[0]), make_person(names[1])
        couple = make_couple(alex, sam)
        history.varied(alex, sam, couple, n)
        counts.append(queries(alex, path))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 30, counts
