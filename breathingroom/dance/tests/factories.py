"""Things of alex's couple for the access rules, and the URL arguments that name them."""

from __future__ import annotations

import uuid

from breathingroom.dance import episodes
from breathingroom.tests.access import Owned, People


def episode(name: str):
    """An episode of alex's couple, begun by alex, with alex's side written but not shared."""

    def make(people: People) -> Owned:
        found = episodes.start(people.alex)
        episodes.write_side(people.alex, found.id, episodes.SideWords(move="pursued"))
        return Owned(people.alex, {name: found.pk}, {name: str(uuid.uuid4())}, people.sam)

    return make
