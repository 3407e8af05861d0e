"""Whether to offer a person notifications now, and remembering their answer.

Offered after pairing and again after the couple's first break is over, each once, on Home while all
is calm; never to someone already told some way, since they have said yes already.
"""

from __future__ import annotations

from breathingroom.accounts.models import Person
from breathingroom.breaks.models import Break
from breathingroom.couples.models import Couple
from breathingroom.notify.models import NotificationSettings, PushMode
from breathingroom.offers.models import Answer, Moment, NotificationOffer

MOMENTS = list(Moment)


def already_told(person: Person) -> bool:
    """Notifications reach this person somehow: a device that gets them, or email reminders."""
    wishes = NotificationSettings.objects.for_person(person)
    return wishes.email_reminders or (wishes.push != PushMode.OFF and person.push_subscriptions.exists())


def due(person: Person) -> Moment | None:
    """The moment to offer notifications at, if any: the latest one reached and not yet answered."""
    couple = Couple.objects.current_for(person)
    if couple is None:
        return None
    breaks = Break.objects.filter(couple=couple)
    # While a break is open the page is about the break; the offer waits until all is calm.
    if Break.objects.current_for(couple) is not None:
        return None
    reached = [Moment.PAIRED]
    if breaks.filter(closed_at__isnull=False).exists():
        reached.append(Moment.FIRST_BREAK_ENDED)
    answered = set(NotificationOffer.objects.filter(person=person).values_list("moment", flat=True))
    if reached[-1] in answered or already_told(person):
        return None
    return reached[-1]


def answer(person: Person, moment: Moment, said: Answer) -> None:
    """Remember the answer for this moment and any earlier one it stood in for: none is asked again."""
    upto = MOMENTS[: MOMENTS.index(moment) + 1]
    NotificationOffer.objects.bulk_create(
        [NotificationOffer(person=person, moment=m, answer=said) for m in upto], ignore_conflicts=True
    )
