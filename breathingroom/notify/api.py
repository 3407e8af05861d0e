"""Notifications in the JSON API at /api/v1/notifications: my settings, my devices, the server's key."""

from __future__ import annotations

import uuid

from ninja import Router, Status
from ninja.errors import ValidationError

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail
from breathingroom.notify import devices, quiet, vapid
from breathingroom.notify.forms import NotificationSettingsForm
from breathingroom.notify.models import NotificationSettings
from breathingroom.notify.schemas import PublicKeyOut, SettingsIn, SettingsOut, SubscriptionIn, SubscriptionOut

router = Router(tags=["notifications"])


def _settings_out(wishes: NotificationSettings) -> dict[str, object]:
    return {
        "push": wishes.push,
        "email_reminders": wishes.email_reminders,
        "quiet_from": wishes.quiet_from,
        "quiet_until": wishes.quiet_until,
        "time_zone": wishes.person.time_zone,
    }


@router.get("/settings", response={200: SettingsOut, 401: Detail}, summary="How I am notified")
def get_settings(request: AuthenticatedRequest):
    return _settings_out(NotificationSettings.objects.for_person(request.user))


@router.put(
    "/settings",
    response={200: SettingsOut, frozenset({400, 401}): Detail},
    summary="Change how I am notified",
    description="Quiet hours have both ends or neither, and the two differ; otherwise the answer is 400.",
)
def put_settings(request: AuthenticatedRequest, payload: SettingsIn):
    quiet.check(payload.quiet_from, payload.quiet_until)
    data = payload.model_dump()
    for name in ("quiet_from", "quiet_until"):
        data[name] = data[name].isoformat() if data[name] is not None else ""
    # The same form as the page, so both keep the same rules.
    form = NotificationSettingsForm(data, instance=NotificationSettings.objects.for_person(request.user))
    if not form.is_valid():
        raise ValidationError(
            [
                {
                    "loc": ["body", "payload", field if field != "__all__" else "quiet_until"],
                    "msg": " ".join(str(e) for e in errors),
                }
                for field, errors in form.errors.items()
            ]
        )
    return _settings_out(form.save())


@router.get("/subscriptions", response={200: list[SubscriptionOut], 401: Detail}, summary="My devices")
def list_subscriptions(request: AuthenticatedRequest):
    return request.user.push_subscriptions.all()


@router.post(
    "/subscriptions",
    response={201: SubscriptionOut, frozenset({400, 401}): Detail},
    summary="Notify this device",
    url_name="notification_subscriptions",
    description=(
        "Send the browser's PushSubscription (endpoint and keys). Sending the same endpoint again updates "
        "my device with it; an endpoint is always a device of the person who sent it, and never changes "
        "anyone else's. Turns notifications on (while no page of mine is open) if they were off."
    ),
)
def add_subscription(request: AuthenticatedRequest, payload: SubscriptionIn):
    subscription = devices.subscribe(
        request.user,
        payload.endpoint,
        payload.keys.p256dh,
        payload.keys.auth,
        user_agent=request.headers.get("User-Agent", ""),
    )
    return Status(201, subscription)


@router.delete(
    "/subscriptions/{subscription_id}",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Stop notifying a device",
)
def remove_subscription(request: AuthenticatedRequest, subscription_id: uuid.UUID):
    devices.remove(request.user, subscription_id)
    return Status(204, None)


@router.get("/vapid-key", response={200: PublicKeyOut, 401: Detail}, summary="The server's push key")
def public_key(request: AuthenticatedRequest):
    return {"public_key": vapid.public_key()}
