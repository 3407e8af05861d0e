"""For pages: a person's couple, or the 404 that someone without a partner gets.

The API answers :class:`~breathingroom.couples.models.NotPaired` itself; a page has no message to
show for it, and an outsider must not learn that anything is there, so it is simply not found.
"""

from __future__ import annotations

from django.http import Http404

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple, NotPaired


def couple_or_404(person: Person) -> Couple:
    try:
        return Couple.objects.of(person)
    except NotPaired:
        raise Http404 from None
