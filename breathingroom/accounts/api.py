from __future__ import annotations

from ninja import Router, Schema, Status
from ninja.errors import ValidationError

from breathingroom.accounts.forms import ProfileForm
from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.api.schemas import Detail, Input

router = Router(tags=["people"])


class PersonOut(Schema):
    email: str
    display_name: str
    time_zone: str


class FieldErrors(Schema):
    detail: list[dict[str, object]]


class PersonPatch(Input):
    display_name: str | None = None
    time_zone: str | None = None


@router.get("/me", response=PersonOut, summary="The signed-in person")
def me(request: AuthenticatedRequest) -> Person:
    return request.user


@router.patch("/me", response={200: PersonOut, 401: Detail, 422: FieldErrors}, summary="Change my name or time zone")
def update_me(request: AuthenticatedRequest, payload: PersonPatch) -> Status[Person]:
    person = request.user
    changes = payload.model_dump(exclude_unset=True)
    data = {"display_name": person.display_name, "time_zone": person.time_zone, **changes}
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
