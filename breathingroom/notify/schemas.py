"""What the notifications part of the JSON API reads and answers."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import StrictBool, StrictStr

from breathingroom.api.schemas import ClockIn, ClockOut, Input
from breathingroom.notify.models import ENDPOINT_LENGTH, PushMode


class SettingsIn(Input):
    push: PushMode = Field(description="off, always, or away: only while no page or app of mine is open.")
    email_reminders: StrictBool = Field(description="Email me when it is time to come back, and when someone is late.")
    quiet_from: ClockIn | None = Field(description='Start of my quiet hours, on my own clock, like "22:00".')
    quiet_until: ClockIn | None = Field(
        description="End of my quiet hours; earlier than the start means the next morning."
    )


class SettingsOut(Schema):
    push: PushMode
    email_reminders: bool
    quiet_from: ClockOut | None
    quiet_until: ClockOut | None
    time_zone: str = Field(description="My time zone, in which quiet hours are read.")


class KeysIn(Input):
    p256dh: StrictStr = Field(max_length=100)
    auth: StrictStr = Field(max_length=50)


class SubscriptionIn(Input):
    """A browser's PushSubscription, as its toJSON() gives it (without expirationTime)."""

    endpoint: StrictStr = Field(max_length=ENDPOINT_LENGTH)
    keys: KeysIn


class SubscriptionOut(Schema):
    id: int
    device: str
    created_at: datetime
    last_used_at: datetime | None


class PublicKeyOut(Schema):
    public_key: str = Field(description="The applicationServerKey to subscribe with, base64url.")
