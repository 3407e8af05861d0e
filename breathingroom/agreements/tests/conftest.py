# The open pages and the after-commit step that breaks' tests use, for the rhythm's reminders too; and no
# time zone left active by one test's request for the next.
from breathingroom.agreements.tests.test_api import _no_time_zone_left_active
from breathingroom.breaks.tests.conftest import committed, events

__all__ = ["_no_time_zone_left_active", "committed", "events"]
