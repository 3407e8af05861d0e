"""A person's answers to what the app offered them: theirs alone, gone with them."""

from __future__ import annotations

from breathingroom.offers.models import NotificationOffer
from breathingroom.personal_data import PersonalData

declared = PersonalData(own=[NotificationOffer])
