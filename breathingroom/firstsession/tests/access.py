"""Who may reach the first session's URLs (gathered by breathingroom/tests/access.py).

The session is the couple's: alex's partner reaches it too, and someone of another couple gets the
same 404 as for a session that never was. The pages without an id answer only the couple's own.
"""

from __future__ import annotations

import uuid

from breathingroom.firstsession import together
from breathingroom.tests.access import Owned, People, Rule, owned, signed_in


def session(people: People) -> Owned:
    started = together.start(people.alex)
    return Owned(people.alex, {"session_id": started.pk}, {"session_id": str(uuid.uuid4())}, people.sam)


PAGES: dict[str, Rule] = {
    "firstsession:index": signed_in(),
    "firstsession:start": signed_in("post"),
    "firstsession:not_now": signed_in("post"),
    "firstsession:offer": signed_in(),
    "firstsession:session": owned(session, partner_sees=True),
    "firstsession:ready": owned(session, "post", partner_sees=True),
    "firstsession:not_ready": owned(session, "post", partner_sees=True),
    "firstsession:side": owned(session, "post", partner_sees=True),
    "firstsession:signal": owned(session, "post", partner_sees=True),
    "firstsession:keep_agreement": owned(session, "post", partner_sees=True),
    "firstsession:skip": owned(session, "post", partner_sees=True),
}

OPERATIONS: dict[tuple[str, str], Rule] = {}
