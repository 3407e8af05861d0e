"""The one kind of error the domain raises when a person asks for something its rules forbid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class Refused(Exception):
    """A step that cannot happen, with a calm message for the person who tried it.

    ``status`` is the HTTP status the API answers with; pages show the message instead.
    """

    status = 409
    message: _StrPromise | str = _("That did not work.")

    def __init__(self, message: _StrPromise | str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))
