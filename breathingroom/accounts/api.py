from __future__ import annotations

import re
from typing import Annotated
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import AfterValidator, StrictStr

from breathingroom import writing
from breathingroom.accounts import languages, timezones
from breathingroom.accounts.forms import ProfileForm
from breathingroom.accounts.models import (
    FASTEST_RESTING_HEART_RATE,
    SLOWEST_RESTING_HEART_RATE,
    AuthenticatedRequest,
    Person,
)
from breathingroom.api.schemas import Detail, Input, ValidationErrors, WholeNumber

# "/me" is one path, so one router serves it: ``yourdata`` adds DELETE /me to this one.
router = Router(tags=["people"])


class PersonOut(Schema):
    id: UUID = Field(alias="public_id", description="The same id allauth's app API gives for this person.")
    email: str
    display_name: str
    time_zone: str
    language: str = Field(description="The language I chose for pages, emails and pushes; empty: my browser's.")
    resting_heart_rate: int | None = Field(description="Beats a minute at rest, if I gave it.")


def _a_name(value: str) -> str:
    # The settings form reads a name as all writing is read: one that only looks written is blank.
    if not re.fullmatch(writing.written_pattern(), value):
        raise ValueError(_("Please enter a name your partner will recognise."))
    return value


def _a_time_zone(value: str) -> str:
    if value not in dict(timezones.choices()):
        raise ValueError(_("Choose a time zone from the list."))
    return value


def _a_language(value: str) -> str:
    if value not in dict(languages.choices()):
        raise ValueError(_("Choose a language from the list."))
    return value


Name = Annotated[
    StrictStr,
    Field(
        max_length=Person._meta.get_field("display_name").max_length,
        json_schema_extra=lambda schema: schema.update(pattern=writing.written_pattern()),
    ),
    AfterValidator(_a_name),
]
Zone = Annotated[
    StrictStr,
    Field(json_schema_extra=lambda schema: schema.update(enum=[name for name, _label in timezones.choices()])),
    AfterValidator(_a_time_zone),
]
Language = Annotated[
    StrictStr,
    Field(json_schema_extra=lambda schema: schema.update(enum=[code for code, _name in languages.choices()])),
    AfterValidator(_a_language),
]


class PersonPatch(Input):
    """Null, or left out: unchanged."""

    display_name: Name | None = None
    time_zone: Zone | None = None
    language: Language | None = Field(None, description="One of the languages offered; empty: follow my browser.")
    resting_heart_rate: WholeNumber | None = Field(
        None,
        ge=SLOWEST_RESTING_HEART_RATE,
        le=FASTEST_RESTING_HEART_RATE,
        description="Beats a minute at rest; a body check-in notices a heart about 10% above it.",
    )


@router.get("/me", response=PersonOut, summary="The signed-in person")
def me(request: AuthenticatedRequest) -> Person:
    return request.user


@router.patch(
    "/me",
    response={200: PersonOut, 401: Detail, 422: ValidationErrors},
    summary="Change my name, time zone, language or resting heart rate",
)
def update_me(request: AuthenticatedRequest, payload: PersonPatch) -> Status[Person]:
    person = request.user
    changes = payload.model_dump(exclude_none=True)
    data = {
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "language": person.language,
        "resting_heart_rate": person.resting_heart_rate,
        **changes,
    }
    # The same form as the settings page, so both keep the same rules.
    form = ProfileForm(data, instance=person)
    if not form.is_valid():
        raise ValidationError(
            [
                {"loc": ["body", "payload", field], "msg": " ".join(str(e) for e in errors)}
                for field, errors in form.errors.items()
            ]
        )
    return Status(200, form.save())
