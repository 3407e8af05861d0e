"""What Home shows of appreciations: the newest notes not put away yet, and a small place to write one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from breathingroom.accounts.models import Person
from breathingroom.appreciations import sending
from breathingroom.appreciations.describe import AppreciationSeen
from breathingroom.couples.models import Couple


@dataclass(frozen=True)
class OnHome:
    partner: Person
    new: list[AppreciationSeen]
    # Notes waiting beyond those shown, on the appreciations page.
    more: int
    # No writing while a break is on: the break's own card says what may reach the other then
    # ("thinking of you"), and a composer beside it would invite going around the agreement.
    # Notes already received still show: they are something to hold on to while waiting.
    may_write: bool

    @property
    def signature(self) -> str:
        """A digest of all this part shows, so a live check that would change nothing gets 204."""
        parts = [self.partner.pk, self.partner.display_name, [n.id for n in self.new], self.more, self.may_write]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def on_home(person: Person, couple: Couple) -> OnHome:
    partner = couple.partner_of(person)
    assert partner is not None
    new, more = sending.new_for(person, couple)
    return OnHome(partner=partner, new=new, more=more, may_write=not sending.break_on(couple))
