"""A copy of a person's data is theirs; a partner's copy made earlier holds this person's words too."""

from __future__ import annotations

from breathingroom.personal_data import Deletion, PersonalData
from breathingroom.yourdata.models import Export


def erase_partners_copies(deletion: Deletion) -> None:
    # They can make a new one, in which this person is only "a former partner".
    Export.objects.filter(person__in=deletion.together).delete()


declared = PersonalData(own=[Export], erase=erase_partners_copies)
