"""What the notifications part of the JSON API reads and answers."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, StrictBool, StrictStr

from breathingroom.api.schemas import Input
from breathingroom.notify.models import ENDPOINT_LENGTH, PushMode


def _text_or_null(value: Any) -> Any:
    # pydantic would read a number as seconds after midnight; a time here is always "HH:MM".
    if value is not None and not isinstance(value, str):
        raise ValueError('Give a time as text, like "22:30", or null.')
    return value


Clock = Annotated[time | None, BeforeValidator(_text_or_null)]


class SettingsIn(Input):
    push: PushMode = Field(description="off, always, or away: only while no page or app of mine is open.")
    email_reminders: StrictBool = Field(description="Email me when it is time to come back, and when someone is late.")
    quiet_from: Clock = Field(description='Start of my quiet hours, on my own clock, like "22:00".')
    quiet_until: Clock = Field(description="End of my quiet hours; earlier than the start means the next morning.")


class SettingsOut(Schema):
    push: PushMode
    email_reminders: bool
    quiet_from: time | None
    quiet_until: time | None
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
