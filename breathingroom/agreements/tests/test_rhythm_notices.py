"""A rhythm time reaches a closed phone or an inbox by each person's own wishes, quiet hours included."""

from __future__ import annotations

from email.header import decode_header, make_header

from breathingroom.agreements.rhythm_times import remind
from breathingroom.agreements.tests.test_rhythm import just_passed, past_moment
from breathingroom.breaks.tests.conftest import agree
from breathingroom.notify.tests.conftest import part, run_tasks
from breathingroom.notify.tests.test_email import wants_email
from breathingroom.notify.tests.test_wishes import quiet_now


def reminded(alex, sam, committed) -> None:
    agreement = agree(alex, sam, rhythm=(just_passed(),))
    moment = past_moment(agreement)
    assert committed(remind.call, agreement.pk, moment.key, moment.at.isoformat()) is True


def test_a_rhythm_time_is_emailed_to_whoever_asked_for_reminders(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam)
    reminded(alex, sam, committed)
    run_tasks()
    [message] = smtp_inbox.messages
    assert message["To"] == "sam@example.com"
    assert str(make_header(decode_header(message["Subject"]))) == "Time for “Tea together”"
    assert "A time from the rhythm you both agreed on." in part(message, "text/plain")


def test_quiet_hours_hold_a_rhythm_time_back(alex, sam, couple, smtp_inbox, committed):
    wants_email(sam, **quiet_now(sam, 120, 120))
    reminded(alex, sam, committed)
    run_tasks()
    assert smtp_inbox.messages == []
