from __future__ import annotations

import dataclasses
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.headless.adapter import DefaultHeadlessAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.notify import outbox


class AccountAdapter(DefaultAccountAdapter):
    # The page after signing in shows who you are; saying it again only pushes it down.
    quiet_messages = frozenset({"account/messages/logged_in.txt"})
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "For your safety, signing in is paused for a few minutes after several tries that did not work. "
            "Wait a little, or reset your password by email to get back in now."
        ),
    }

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        if message_template in self.quiet_messages:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every email allauth sends (confirmations, password resets, notices) is written now and sent by the worker.

        So a mail server that is down or slow neither fails a sign-up halfway nor holds the answer up.
        """
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        user = context.get("user")
        person = user if isinstance(user, Person) and user.pk else None
        # A language the person chose wins; otherwise the one of the browser asking (a reset, a sign-up).
        with translation.override(person.language if person and person.language else translation.get_language()):
            message = self.render_mail(template_prefix, email, context)
        outbox.queue(message, what=template_prefix, person=person)


class HeadlessAdapter(DefaultHeadlessAdapter):
    """Every user payload of the app API names a person by their random ``public_id``, never by the
    row number, which would tell anyone signing up how many came before them."""

    def get_user_dataclass(self) -> type:
        found = super().get_user_dataclass()
        fields = [(f.name, str | None if f.name == "id" else f.type, f) for f in dataclasses.fields(found)]
        return dataclasses.make_dataclass(found.__name__, fields)

    def user_as_dataclass(self, user: AbstractBaseUser) -> Any:
        found = super().user_as_dataclass(user)
        public_id = getattr(user, "public_id", None)
        return dataclasses.replace(found, id=str(public_id) if user.pk and public_id else None)
