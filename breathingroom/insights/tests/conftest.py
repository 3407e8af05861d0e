from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def monday() -> datetime:
    """Noon on the Monday of last week, in UTC: inside every period."""
    today = timezone.localdate(timezone.now(), UTC)
    start = today - timedelta(days=today.weekday() + 7)
    return datetime(start.year, start.month, start.day, 12, tzinfo=UTC)
