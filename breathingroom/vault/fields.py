"""Model fields whose values the database keeps only encrypted.

The model, its forms and its validation see the plain text; the column holds a Fernet token. So the
database cannot compare, search or sort these values: only ``isnull`` is offered as a lookup, and
anything else is refused loudly instead of silently matching nothing.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import FieldError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.utils.translation import gettext_lazy as _

from breathingroom.vault import keys


class _Sealed:
    """What every encrypted field shares: opening a stored token and refusing lookups."""

    model: type[models.Model]
    name: str

    def _open(self, token: str) -> str:
        try:
            return keys.decrypt(token)
        except keys.UnreadableText as error:
            raise keys.UnreadableText(f"{self.model._meta.label}.{self.name}: {error}") from None

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)  # type: ignore[misc]
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is stored encrypted, so the database cannot "
            f"compare it ({lookup_name!r}); filter on other fields and look at the text in Python."
        )


class EncryptedTextField(_Sealed, models.TextField):
    """Text kept encrypted. ``max_length`` is checked on the plain text; the column has no limit.

    Empty text stays empty: that a note was left blank is no secret worth a key.
    """

    description = _("Text, kept encrypted")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keys.encrypt(value)

    def from_db_value(self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper) -> str | None:
        if value is None or value == "":
            return value
        return self._open(value)


class EncryptedJSONField(_Sealed, models.Field):
    """A small JSON value, such as each partner's own words, kept encrypted as one piece of text."""

    description = _("JSON, kept encrypted")
    empty_strings_allowed = False

    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return keys.encrypt(json.dumps(value, ensure_ascii=False))

    def from_db_value(self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper) -> Any:
        if value is None:
            return None
        return json.loads(self._open(value))

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> Any:
        # Serializers write the value itself, as for a JSONField, not the ciphertext.
        return self.value_from_object(obj)


def encrypted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if isinstance(f, _Sealed)]
