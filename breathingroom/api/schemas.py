from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict, model_validator


class Detail(Schema):
    detail: str


class Input(BaseModel):
    """A request body: a JSON object with only the fields named, so a typo is an error, not ignored.

    (ninja's own ``Schema`` reads attributes from any object, which suits responses, not input.)
    """

    model_config = ConfigDict(extra="forbid")

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
                    raise ValueError("Text must be valid Unicode; it contains a broken character.") from None
                if "\x00" in value:
                    raise ValueError("Text must not contain NUL characters.")
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
