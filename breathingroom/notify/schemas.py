"""What the notifications part of the JSON API reads and answers."""

from __future__ import annotations

import uuid
from datetime import datetime

from ninja import Field, Schema
from pydantic import StrictBool, StrictStr

from breathingroom.api.schemas import ClockIn, ClockOut, Input
from breathingroom.notify.models import ENDPOINT_LENGTH, PushMode, PushSubscription


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


BASE64URL = r"^[A-Za-z0-9_-]+={0,2}$"


class KeysIn(Input):
    p256dh: StrictStr = Field(
        min_length=86,
        max_length=88,
        pattern=BASE64URL,
        description="The device's public key: an uncompressed P-256 point (65 bytes), base64url.",
    )
    auth: StrictStr = Field(
        min_length=22, max_length=24, pattern=BASE64URL, description="The device's 16-byte secret, base64url."
    )


class SubscriptionIn(Input):
    """A browser's PushSubscription, as its toJSON() gives it (without expirationTime)."""

    endpoint: StrictStr = Field(
        max_length=ENDPOINT_LENGTH,
        pattern=r"^https://",
        json_schema_extra={"format": "uri"},
        description=(
            "The push service's address for this device: https on a public host name (no IP address, no "
            "user name or password), whose every address is on the public internet. Anything else is "
            "answered 400."
        ),
    )
    keys: KeysIn


class SubscriptionOut(Schema):
    id: uuid.UUID = Field(description="This device's id, for removing it.")
    device: str
    created_at: datetime
    last_used_at: datetime | None

    @staticmethod
    def resolve_id(subscription: PushSubscription) -> uuid.UUID:
        return subscription.public_id


class PublicKeyOut(Schema):
    public_key: str = Field(description="The applicationServerKey to subscribe with, base64url.")
