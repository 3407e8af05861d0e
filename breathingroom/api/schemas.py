from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, time
from functools import cache
from typing import Annotated, Any
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
    model_validator,
)


def id_or(missing: type[Exception], value: str) -> UUID:
    """The id in a URL, or ``missing`` (a 404): text that is no id is answered like an id of nothing."""
    try:
        return UUID(value)
    except ValueError:
        raise missing from None


# Every text field refuses NUL (see ``Input._storable_text``); the document says so on each of them.
STORABLE_TEXT = r"^[^\u0000]*$"


def _document_input(schema: dict[str, Any]) -> None:
    _document_storable_text(schema)
    _document_bounds(schema)


def _document_storable_text(schema: dict[str, Any]) -> None:
    for field in schema.get("properties", {}).values():
        for option in field.get("anyOf", [field]):
            if option.get("type") == "string" and not {"format", "pattern", "enum", "const"} & option.keys():
                option["pattern"] = STORABLE_TEXT


class Detail(Schema):
    detail: str


class Input(BaseModel):
    """A request body: a JSON object with only the fields named, so a typo is an error, not ignored.

    (ninja's own ``Schema`` reads attributes from any object, which suits responses, not input.)
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra=_document_input)

    @model_validator(mode="before")
    @classmethod
    def _storable_text(cls, data: Any) -> Any:
        # JSON may carry a NUL or half of a surrogate pair ("\\ud800"), which no database can store: refuse
        # it here with a message rather than fail when saving.
        def check(value: Any) -> None:
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise ValueError(_("Text must be valid Unicode; it contains a broken character.")) from None
                if "\x00" in value:
                    raise ValueError(_("Text must not contain NUL characters."))
            elif isinstance(value, dict):
                for item in value.values():
                    check(item)
            elif isinstance(value, list):
                for item in value:
                    check(item)

        check(data)
        return data


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where: like ["body", "payload", "minutes"] or ["query", "limit"].')
    msg: str
    type: str = Field("", description="What kind of mistake, such as missing or int_parsing.")


class ValidationErrors(Schema):
    """Input that does not fit the operation: each field that is missing, of the wrong kind or refused."""

    detail: list[FieldError]


def _text_only(value: Any) -> Any:
    # pydantic would read a number as seconds since 1970 (or since midnight); the document promises text.
    if not isinstance(value, str):
        raise ValueError(_("Give this as text, in the format the document shows."))
    return value


def _shaped(pattern: str, example: str) -> Callable[[str], str]:
    """A check that text has the shape ``pattern`` describes, refused with ``example`` when it has not."""
    shape = re.compile(pattern)

    def check(value: str) -> str:
        if not shape.fullmatch(value):
            raise ValueError(example)
        return value

    return check


# RFC 3339, as JSON Schema's date-time: a date, a time, and always an offset.
_date_time = _shaped(
    r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)",
    'Give a date and time with its offset, like "2030-05-01T18:30:00+02:00".',
)
Moment = Annotated[AwareDatetime, BeforeValidator(_date_time), BeforeValidator(_text_only)]
"""A moment given as an RFC 3339 date-time with its offset, and only so."""

_day = _shaped(r"\d{4}-\d\d-\d\d", 'Give a day on your own calendar, like "2030-05-01".')
Day = Annotated[date, BeforeValidator(_day), BeforeValidator(_text_only)]
"""A day given as an RFC 3339 full-date, and only so: not a number of seconds, nor a date-time."""

# A time on the person's own clock, "HH:MM" or "HH:MM:SS": no offset, since it is read in their zone
# whatever zone that is on the day. (JSON Schema's "time" format requires an offset, so it is not used.)
CLOCK_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"
_clock = _shaped(CLOCK_PATTERN, 'Give a time on your own clock, like "22:30", without a time zone.')

_CLOCK_SCHEMA = {"type": "string", "pattern": CLOCK_PATTERN, "maxLength": len("HH:MM:SS"), "examples": ["22:30"]}

ClockIn = Annotated[time, BeforeValidator(_clock), BeforeValidator(_text_only), WithJsonSchema(_CLOCK_SCHEMA)]
ClockOut = Annotated[time, WithJsonSchema(_CLOCK_SCHEMA)]


def _whole_number(value: Any) -> int:
    # JSON has one kind of number, and JSON Schema counts 829.0 as an integer: a client's JSON library
    # may well write a whole number so. True is not a number, and text is not one in a body.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(_("Give a whole number, like 20."))


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
"""Every integer the API reads, in a body, a path or a query string; its bounds are the field's own."""

# A bound that pydantic cannot give to the integer itself (on a number that may be null, or in a list)
# is checked after the whole-number check and written under pydantic's own name; a client reads JSON
# Schema's.
_JSON_SCHEMA_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _document_bounds(schema: Any) -> None:
    if isinstance(schema, list):
        for item in schema:
            _document_bounds(item)
    elif isinstance(schema, dict):
        if schema.get("type") in {"integer", "number"}:
            for ours, theirs in _JSON_SCHEMA_BOUNDS.items():
                if ours in schema:
                    schema[theirs] = schema.pop(ours)
        for value in schema.values():
            _document_bounds(value)


_JSON_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")


@cache
def _numbers_of(model: type[BaseModel]) -> frozenset[str]:
    def is_number(field: dict[str, Any]) -> bool:
        return any(option.get("type") in {"integer", "number"} for option in field.get("anyOf", [field]))

    return frozenset(name for name, field in model.model_json_schema()["properties"].items() if is_number(field))


class InURL(BaseModel):
    """Parameters read from a path or a query string.

    A URL carries only text: where the document says a number, text written as JSON writes a number is
    read as that number, and then checked as a number in a body is. Anything else stays text, and is
    refused as not a number.
    """

    model_config = ConfigDict(json_schema_extra=_document_bounds)

    @model_validator(mode="before")
    @classmethod
    def _numbers_from_text(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        numbers = _numbers_of(cls)
        return {
            name: json.loads(value)
            if name in numbers and isinstance(value, str) and _JSON_NUMBER.fullmatch(value)
            else value
            for name, value in data.items()
        }
