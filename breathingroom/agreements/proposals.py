"""The Space Agreement: proposing a version, accepting it, and the terms every break follows.

A couple writes it in a calm time. Until both have accepted a version, the defaults apply.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from breathingroom.accounts.models import Person
from breathingroom.agreements import rhythm_times
from breathingroom.agreements.models import (
    LAST_VERSION,
    LONGEST_BREAK,
    MAX_EXTENSIONS,
    MAX_PRESETS,
    MY_WORDS,
    OWN_WAY_WORDS,
    SHORTEST_BREAK,
    SHORTEST_CONTACT_EVERY,
    Agreement,
    Contact,
    Reconnect,
    Terms,
)
from breathingroom.agreements.rhythm import RhythmTime, check_rhythm, keyed
from breathingroom.couples.models import Couple
from breathingroom.durations import minutes_label
from breathingroom.events.publish import publish
from breathingroom.refusals import Refused


class AgreementRefused(Refused):
    """An agreement step that cannot happen."""


class InvalidTerms(AgreementRefused):
    status = 400


class NoSuchProposal(AgreementRefused):
    status = 404
    message = _("There is no proposal with that number waiting for an answer.")


class OwnProposal(AgreementRefused):
    status = 400
    message = _("You proposed this version. It takes effect when your partner accepts it.")


class ReplacedProposal(AgreementRefused):
    message = _("A newer proposal replaced this one. Have a look at the newest version.")


@dataclass(frozen=True)
class Proposal:
    """The terms one partner puts forward, checked against the product's bounds."""

    shortest: int
    longest: int
    presets: tuple[int, ...]
    until_morning: bool
    extensions: int
    contact: str
    contact_every: int
    reconnect: str
    own_way: str
    words: str  # the proposer's own words, the ones they would like to hear
    rhythm: tuple[RhythmTime, ...] = ()
    # The clock the rhythm keeps; empty means the proposer's own.
    rhythm_zone: str = ""

    def check(self) -> None:
        if not SHORTEST_BREAK <= self.shortest <= LONGEST_BREAK:
            raise InvalidTerms(_bounds_message(_("The shortest break")))
        if not SHORTEST_BREAK <= self.longest <= LONGEST_BREAK:
            raise InvalidTerms(_bounds_message(_("The longest break")))
        if self.shortest > self.longest:
            raise InvalidTerms(_("The shortest break cannot be longer than the longest one."))
        if not self.presets and not self.until_morning:
            raise InvalidTerms(_("Offer at least one length to choose from."))
        if len(self.presets) > MAX_PRESETS:
            raise InvalidTerms(_("Offer at most %(n)s lengths, so choosing stays quick.") % {"n": MAX_PRESETS})
        outside = [p for p in self.presets if not self.shortest <= p <= self.longest]
        if outside:
            raise InvalidTerms(
                _("Every length offered must be between %(shortest)s and %(longest)s.")
                % {"shortest": minutes_label(self.shortest), "longest": minutes_label(self.longest)}
            )
        if not 0 <= self.extensions <= MAX_EXTENSIONS:
            raise InvalidTerms(_("A break can be extended at most %(n)s times.") % {"n": MAX_EXTENSIONS})
        if self.contact not in Contact.values:
            raise InvalidTerms(_("Choose what the waiting partner may send."))
        # Checked whatever the contact: the number is kept, and offered again when "every" is chosen later.
        if not SHORTEST_CONTACT_EVERY <= self.contact_every <= LONGEST_BREAK:
            raise InvalidTerms(
                _("The time between two “thinking of you”s must be between %(shortest)s and %(longest)s.")
                % {"shortest": minutes_label(SHORTEST_CONTACT_EVERY), "longest": minutes_label(LONGEST_BREAK)}
            )
        if self.reconnect not in Reconnect.values:
            raise InvalidTerms(_("Choose how you will reconnect."))
        if self.reconnect == Reconnect.OWN and not OWN_WAY_WORDS.check(self.own_way, InvalidTerms):
            raise InvalidTerms(_("Say in a few words how you will reconnect, for example “a walk together”."))
        MY_WORDS.check(self.words, InvalidTerms)
        check_rhythm(self.rhythm, self.rhythm_zone, InvalidTerms)


def _bounds_message(what: object) -> str:
    return _("%(what)s must be between %(shortest)s and %(longest)s.") % {
        "what": what,
        "shortest": minutes_label(SHORTEST_BREAK),
        "longest": minutes_label(LONGEST_BREAK),
    }


def terms_for(couple: Couple) -> Terms:
    """The agreement in force, or the defaults while none is."""
    agreement = Agreement.objects.in_force_for(couple)
    return agreement.terms() if agreement else Terms()


@transaction.atomic
def propose(person: Person, proposal: Proposal) -> Agreement:
    """Put forward a new version; any proposal still waiting is replaced by it."""
    proposal.check()
    couple = Couple.objects.of(person, lock=True)
    latest = couple.agreements.order_by("-version").first()
    words = dict(latest.words) if latest else {}
    words[str(person.pk)] = MY_WORDS.check(proposal.words, InvalidTerms)
    couple.agreements.filter(accepted_at__isnull=True, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    version = (couple.agreements.aggregate(v=Max("version"))["v"] or 0) + 1
    agreement = Agreement.objects.create(
        couple=couple,
        version=version,
        proposed_by=person,
        shortest=proposal.shortest,
        longest=proposal.longest,
        presets=sorted(set(proposal.presets)),
        until_morning=proposal.until_morning,
        extensions=proposal.extensions,
        contact=proposal.contact,
        contact_every=proposal.contact_every,
        reconnect=proposal.reconnect,
        own_way=OWN_WAY_WORDS.check(proposal.own_way, InvalidTerms) if proposal.reconnect == Reconnect.OWN else "",
        words=words,
        rhythm=[t.as_json() for t in keyed(check_rhythm(proposal.rhythm, proposal.rhythm_zone, InvalidTerms))],
        # A rhythm keeps the proposer's clock unless the couple chose one; no rhythm keeps none.
        rhythm_zone=(proposal.rhythm_zone or person.time_zone) if proposal.rhythm else "",
    )
    publish(
        [p.pk for p in couple.partners],
        "agreement.proposed",
        {"version": version, "by": person.display_name},
    )
    return agreement


@transaction.atomic
def propose_changes(person: Person, **changes: Any) -> Agreement:
    """Propose the terms that apply now with ``changes`` made to them.

    What is left out keeps its value from the terms in force (or the defaults), and the person's
    words stay as they last wrote them.
    """
    couple = Couple.objects.of(person, lock=True)
    terms = terms_for(couple)
    latest = couple.agreements.order_by("-version").first()
    kept = {f.name: getattr(terms, f.name) for f in dataclasses.fields(Proposal) if f.name != "words"}
    current = Proposal(**kept, words=latest.terms().words_for(person) if latest else "")
    if "presets" in changes:
        changes["presets"] = tuple(changes["presets"])
    if "rhythm" in changes:
        changes["rhythm"] = tuple(changes["rhythm"])
    return propose(person, dataclasses.replace(current, **changes))


@transaction.atomic
def accept(person: Person, version: int, words: str | None = None) -> Agreement:
    """Accept the partner's proposal, optionally saying the words one would like to hear."""
    couple = Couple.objects.of(person, lock=True)
    # A number no version can have is not looked for: the database could not even hold it.
    found = couple.agreements.filter(version=version) if 1 <= version <= LAST_VERSION else couple.agreements.none()
    agreement = found.first()
    if agreement is not None and agreement.accepted_by_id == person.pk:
        return agreement  # accepted already, by this person: a second tap changes nothing
    if agreement is None or agreement.accepted_at is not None:
        raise NoSuchProposal
    if agreement.withdrawn_at is not None:
        raise ReplacedProposal
    if agreement.proposed_by_id == person.pk:
        raise OwnProposal
    if words is not None:
        agreement.words = {**agreement.words, str(person.pk): MY_WORDS.check(words, InvalidTerms)}
    agreement.accepted_by = person
    agreement.accepted_at = timezone.now()
    try:
        agreement.save(update_fields=["accepted_by", "accepted_at", "words"])
    except IntegrityError:  # pragma: no cover - the couple row lock makes this unreachable
        raise ReplacedProposal from None
    rhythm_times.schedule(agreement)
    publish([p.pk for p in couple.partners], "agreement.accepted", {"version": version, "by": person.display_name})
    return agreement
