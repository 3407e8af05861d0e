from __future__ import annotations

from breathingroom.accounts.models import Person
from breathingroom.events.models import Event
from breathingroom.firstsession import together
from breathingroom.firstsession.models import FirstSession, Step

SIGNAL = "I need air, I'll be back"


def told(person: Person) -> list[dict]:
    """What ``person``'s phones were told of the session, oldest first."""
    return [e.data for e in Event.objects.filter(recipient=person, type="first_session.updated").order_by("seq")]


def both_ready(alex: Person, sam: Person, session: FirstSession) -> FirstSession:
    for person in (alex, sam):
        together.ready(person, session.pk, session.step)
    session.refresh_from_db()
    return session


def until(alex: Person, sam: Person, step: Step) -> FirstSession:
    """A session both partners took to ``step``, answering what each screen asks on the way."""
    session = together.start(alex)
    while session.step != step:
        if session.step == Step.SIDES:
            together.choose_side(alex, session.pk, "reach")
            together.choose_side(sam, session.pk, "step_back")
        if session.step == Step.SIGNAL:
            together.set_signal(sam, session.pk, SIGNAL)
        session = both_ready(alex, sam, session)
    return session
