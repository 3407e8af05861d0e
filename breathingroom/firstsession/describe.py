"""What one partner sees of their couple's first session: the one describer for its pages and events."""

from __future__ import annotations

from dataclasses import dataclass

from breathingroom.accounts.models import Person
from breathingroom.agreements.models import Agreement
from breathingroom.couples.models import Couple
from breathingroom.firstsession.models import ORDER, FirstSession, Reader, Side, Step
from breathingroom.phrasebook.models import SignalPhrase
from breathingroom.phrasebook.words import signal_phrase_of

# The screens a person moves through, as the progress list names them (the last, "done", is not one).
SCREENS: tuple[Step, ...] = ORDER[:-1]


@dataclass(frozen=True)
class SessionSeen:
    session: FirstSession
    partner: Person | None
    step: Step
    # "Ready to go on" from the screen the session is at, for each of the two.
    i_am_ready: bool
    partner_is_ready: bool
    my_side: str
    partner_has_chosen: bool
    # The partner's answer, only once both have chosen: until then neither is written to match.
    partner_side: str
    signal_phrase: SignalPhrase | None
    in_force: Agreement | None
    pending: Agreement | None
    skipped_by_me: bool

    @property
    def both_chose(self) -> bool:
        return bool(self.my_side) and self.partner_has_chosen

    @property
    def number(self) -> int:
        return SCREENS.index(self.step) + 1 if self.step in SCREENS else len(SCREENS)

    @property
    def skipped(self) -> bool:
        return self.session.skipped

    @property
    def done(self) -> bool:
        return self.session.done

    @property
    def pending_from_partner(self) -> bool:
        return self.pending is not None and self.partner is not None and self.pending.proposed_by_id == self.partner.pk

    @property
    def sides_meet(self) -> str:
        """How the two answers sit together, for the one line said about them."""
        if not self.both_chose:
            return ""
        pair = {self.my_side, self.partner_side}
        if Side.DEPENDS in pair:
            return "depends"
        return "same" if len(pair) == 1 else "different"

    def my_side_label(self) -> str:
        return str(Side(self.my_side).label) if self.my_side else ""

    def partner_side_label(self) -> str:
        return str(Side(self.partner_side).label) if self.partner_side else ""


def describe(session: FirstSession, couple: Couple, viewer: Person) -> SessionSeen:
    partner = couple.partner_of(viewer)
    readers = {r.person_id: r for r in Reader.objects.filter(session=session)}
    mine = readers.get(viewer.pk)
    theirs = readers.get(partner.pk) if partner else None
    step = Step(session.step)
    both = bool(mine and mine.side and theirs and theirs.side)
    at_agreement = step in (Step.AGREEMENT, Step.DONE)
    return SessionSeen(
        session=session,
        partner=partner,
        step=step,
        i_am_ready=bool(mine and mine.ready_to_leave == step),
        partner_is_ready=bool(theirs and theirs.ready_to_leave == step),
        my_side=mine.side if mine else "",
        partner_has_chosen=bool(theirs and theirs.side),
        partner_side=theirs.side if both and theirs else "",
        signal_phrase=signal_phrase_of(couple) if step in (Step.SIGNAL, Step.AGREEMENT, Step.DONE) else None,
        in_force=Agreement.objects.in_force_for(couple) if at_agreement else None,
        pending=Agreement.objects.pending_for(couple) if at_agreement else None,
        skipped_by_me=session.skipped_by_id == viewer.pk,
    )
