from __future__ import annotations

import pytest

from breathingroom.accounts.models import Person
from breathingroom.therapy.tests.seating import make_therapist


@pytest.fixture
def dr_lee(db) -> Person:
    return make_therapist("Dr Lee")
