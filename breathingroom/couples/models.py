from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.reading import once
from breathingroom.refusals import Refused

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from breathingroom.accounts.models import Person

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
# Long enough to reach someone over a weekend, short enough that a forgotten code stops working.
INVITATION_LIFETIME = timedelta(hours=72)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


class NotPaired(Refused):
    """Whatever was asked needs a partner, and the person has none now."""

    status = 404
    message = _("You are not in a couple.")


def with_partners() -> Prefetch:
    """For ``prefetch_related``: a couple's memberships with each partner, read together in one query."""
    return Prefetch("memberships", queryset=Membership.objects.select_related("person"))


class CoupleQuerySet(models.QuerySet["Couple"]):
    def current(self) -> CoupleQuerySet:
        return self.filter(ended_at__isnull=True)

    def with_person(self, person: Person) -> CoupleQuerySet:
        """The couples ``person`` is in now: at most one, which the database ensures."""
        return self.current().filter(memberships__person=person, memberships__left_at__isnull=True)

    def recently_ended_for(self, person: Person, days: int = 7) -> Couple | None:
        """The couple the *other* partner ended lately, so ``person`` is told, not left to guess."""
        return (
            self.filter(memberships__person=person, ended_at__gte=timezone.now() - timedelta(days=days))
            .exclude(ended_by=person)
            .order_by("-ended_at")
            .first()
        )

    def current_for(self, person: Person) -> Couple | None:
        return once(("couple", person.pk), self.with_person(person).prefetch_related(with_partners()).first)

    def of(self, person: Person, *, lock: bool = False, refusal: _StrPromise | str | None = None) -> Couple:
        """``person``'s couple now, or :class:`NotPaired` (with ``refusal`` as its message, if given).

        ``lock`` holds the couple's row until the transaction ends, so two changes to one couple
        are made one after the other and the second sees the first's result.
        """
        if lock:
            couple = self.with_person(person).select_for_update().prefetch_related(with_partners()).first()
        else:
            couple = self.current_for(person)
        if couple is None:
            raise NotPaired(refusal)
        return couple


class Couple(models.Model):
    """Two people who paired. It ends, for both, when either leaves."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects: ClassVar[CoupleQuerySet] = CoupleQuerySet.as_manager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return f"Couple {self.id}"

    @property
    def partners(self) -> list[Person]:
        return sorted((m.person for m in self.memberships.all()), key=lambda p: p.pk)

    def partner_of(self, person: Person) -> Person | None:
        return next((p for p in self.partners if p.pk != person.pk), None)


class Membership(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The rule "a person is in at most one couple" is kept by the database itself, so two
            # invitations redeemed at the same moment cannot both pair the same person.
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_at__isnull=True), name="one_current_couple_per_person"
            ),
            models.UniqueConstraint(fields=["couple", "person"], name="one_membership_per_couple"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.couple}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use code one person gives another so they can pair."""

    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    inviter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[InvitationQuerySet] = InvitationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.display_code

    def save(self, *args: object, **kwargs: object) -> None:
        if self.expires_at is None:
            self.expires_at = self.created_at + INVITATION_LIFETIME
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def path(self) -> str:
        # The code rides in the fragment, which a browser never sends: it reaches no server log.
        # The join page's script posts it instead.
        return f"{reverse('couples:join_by_code')}#{self.display_code}"

    @property
    def link(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.path

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
