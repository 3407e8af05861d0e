"""One describer for a couple's seat as a partner sees it: the page, the API and the settings card read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from breathingroom.accounts.models import Person
from breathingroom.couples.models import Couple
from breathingroom.therapy.models import Seat, ShareKind


class SeatStage(StrEnum):
    # One partner invited; the other has not answered yet.
    WAITING = "waiting"
    # Both agreed and the email went; the therapist has not accepted yet.
    SENT = "sent"
    HELD = "held"


@dataclass(frozen=True)
class SeatSeen:
    id: UUID
    stage: SeatStage
    email: str
    therapist_name: str
    invited_by_me: bool
    invited_by_name: str
    partner_name: str
    invited_at: datetime
    approved_at: datetime | None
    accepted_at: datetime | None
    # Until when the invitation can be answered or accepted; None once the seat is held.
    expires_at: datetime | None
    mine: tuple[str, ...]
    partners: tuple[str, ...]
    shared: tuple[str, ...]

    @property
    def can_answer(self) -> bool:
        """The partner who did not invite may approve or decline, while it waits."""
        return self.stage == SeatStage.WAITING and not self.invited_by_me

    def shared_names(self) -> list[str]:
        return [str(k.label) for k in ShareKind if k.value in self.shared]

    def kinds(self) -> list[tuple[str, str, bool, bool]]:
        """Each kind, its name, whether I tick it and whether my partner does."""
        return [(k.value, str(k.label), k.value in self.mine, k.value in self.partners) for k in ShareKind]


def _in_order(kinds: frozenset[str]) -> tuple[str, ...]:
    return tuple(k for k in ShareKind.values if k in kinds)


def describe(seat: Seat, viewer: Person, couple: Couple) -> SeatSeen:
    partner = couple.partner_of(viewer)
    if seat.accepted_at is not None:
        stage = SeatStage.HELD
    elif seat.approved_at is not None:
        stage = SeatStage.SENT
    else:
        stage = SeatStage.WAITING
    names = {p.pk: p.display_name for p in couple.partners}
    return SeatSeen(
        id=seat.pk,
        stage=stage,
        email=seat.email,
        therapist_name=seat.therapist.display_name if seat.therapist is not None else "",
        invited_by_me=seat.invited_by_id == viewer.pk,
        invited_by_name=names.get(seat.invited_by_id or 0, ""),
        partner_name=partner.display_name if partner is not None else "",
        invited_at=seat.invited_at,
        approved_at=seat.approved_at,
        accepted_at=seat.accepted_at,
        expires_at=None if stage == SeatStage.HELD else seat.expires_at,
        mine=_in_order(seat.ticked_by(viewer)),
        partners=_in_order(seat.ticked_by(partner)) if partner is not None else (),
        shared=_in_order(seat.shared()),
    )
