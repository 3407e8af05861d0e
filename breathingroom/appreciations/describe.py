"""One note as one person sees it: the pages, the API and the event all tell it this way.

Whether a note was put away is said only to its recipient. The sender is never told whether or
when it was read: no read receipts, so a kind word never turns into something to check on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from breathingroom.accounts.models import Person
from breathingroom.appreciations.models import Appreciation, NoteKind
from breathingroom.personal_data import name_of


@dataclass(frozen=True)
class AppreciationSeen:
    id: UUID
    kind: NoteKind
    text: str
    # Who wrote it, from the viewer's side.
    by: Literal["me", "partner"]
    # The writer's name as the viewer knows them.
    name: str
    sent_at: datetime
    # For a note to the viewer: not put away yet. None for the viewer's own notes.
    new: bool | None

    @property
    def mine(self) -> bool:
        return self.by == "me"

    @property
    def okay(self) -> bool:
        return self.kind == NoteKind.OKAY

    def event(self) -> dict[str, Any]:
        """What the recipient's open pages and apps are sent when it arrives."""
        return {
            "appreciation": str(self.id),
            "kind": self.kind.value,
            "text": self.text,
            "from": self.name,
            "sent_at": self.sent_at.isoformat(),
        }


def describe(note: Appreciation, viewer: Person) -> AppreciationSeen:
    mine = note.sender_id == viewer.pk
    return AppreciationSeen(
        id=note.id,
        kind=NoteKind(note.kind),
        text=note.text,
        by="me" if mine else "partner",
        name=name_of(note.sender),
        sent_at=note.sent_at,
        new=None if mine else note.seen_at is None,
    )
