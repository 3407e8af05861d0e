"""The Space Agreement in the JSON API at /api/v1/agreement: read it, propose a version, accept one, skip a
moment of the rhythm."""

from __future__ import annotations

from ninja import Path, Router, Status

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.agreements import proposals, rhythm_times
from breathingroom.agreements.models import Agreement, Terms
from breathingroom.agreements.rhythm import KEY, KEY_LENGTH, RhythmTime
from breathingroom.agreements.schemas import (
    AcceptIn,
    AgreementOut,
    AgreementState,
    ProposalAt,
    ProposalIn,
    RhythmMomentOut,
)
from breathingroom.api.schemas import Detail
from breathingroom.couples.models import Couple

router = Router(tags=["agreement"])


def _terms_out(terms: Terms) -> dict[str, object]:
    return {
        "version": terms.version,
        "shortest": terms.shortest,
        "longest": terms.longest,
        "presets": list(terms.presets),
        "until_morning": terms.until_morning,
        "extensions": terms.extensions,
        "contact": terms.contact,
        "contact_every": terms.contact_every,
        "reconnect": terms.reconnect,
        "own_way": terms.own_way,
        "rhythm": [
            {"id": t.key, "days": list(t.days), "at": t.at, "what": t.what, "kind": t.kind or None}
            for t in terms.rhythm
        ],
        "rhythm_zone": terms.rhythm_zone,
    }


def _moment_out(moment: rhythm_times.Moment) -> dict[str, object]:
    return {
        "id": moment.time.key,
        "what": moment.time.what,
        "at": moment.at,
        "now": moment.now,
        "skipped": moment.skipped,
        "skipped_by_me": moment.skipped_by_me,
    }


def _name(person: Person | None) -> str | None:
    return person.display_name if person else None


def _summary(agreement: Agreement, person: Person) -> dict[str, object]:
    return {
        "version": agreement.version,
        "proposed_by": _name(agreement.proposed_by),
        "proposed_by_me": agreement.proposed_by_id == person.pk,
        "proposed_at": agreement.proposed_at,
        "accepted_by": _name(agreement.accepted_by),
        "accepted_at": agreement.accepted_at,
        "withdrawn": agreement.withdrawn_at is not None,
    }


def _words(terms: Terms, person: Person, partner: Person | None) -> dict[str, str]:
    # Words are stored by person; each partner reads them as "mine" and "my partner's".
    return {"my_words": terms.words_for(person), "partner_words": terms.words_for(partner) if partner else ""}


def _agreement_out(agreement: Agreement, person: Person, partner: Person | None) -> dict[str, object]:
    terms = agreement.terms()
    return {**_summary(agreement, person), "terms": _terms_out(terms), **_words(terms, person, partner)}


@router.get("", response={200: AgreementState, frozenset({401, 404}): Detail}, summary="Our Space Agreement")
def get_agreement(request: AuthenticatedRequest):
    person = request.user
    couple = Couple.objects.of(person)
    partner = couple.partner_of(person)
    versions = couple.agreements.select_related("proposed_by", "accepted_by").order_by("-version")
    in_force = Agreement.objects.in_force_for(couple)
    pending = Agreement.objects.pending_for(couple)
    terms = proposals.terms_for(couple)
    return {
        "agreed": terms.agreed,
        "in_force": _agreement_out(in_force, person, partner) if in_force else None,
        "pending": _agreement_out(pending, person, partner) if pending else None,
        "terms": _terms_out(terms),
        **_words(terms, person, partner),
        "versions": [_summary(a, person) for a in versions],
        "rhythm_next": [_moment_out(m) for m in rhythm_times.upcoming(couple, person)],
    }


@router.post(
    "/proposals",
    response={201: AgreementOut, frozenset({400, 401, 404}): Detail},
    summary="Propose a version",
    description=(
        "Fields left out keep their value from the terms that apply now, and your words stay as you last "
        "wrote them. A proposal still waiting for an answer is replaced by this one."
    ),
)
def propose(request: AuthenticatedRequest, payload: ProposalIn):
    person = request.user
    changes = payload.model_dump(mode="json", exclude_none=True)
    if payload.rhythm is not None:
        changes["rhythm"] = [
            RhythmTime(days=tuple(t.days), at=t.at, what=t.what, kind=t.kind or "") for t in payload.rhythm
        ]
    agreement = proposals.propose_changes(person, **changes)
    return Status(201, _agreement_out(agreement, person, agreement.couple.partner_of(person)))


@router.post(
    "/proposals/{version}/accept",
    response={200: AgreementOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Accept my partner's proposal",
    description="The version is in force from now on. Send `words` to say what you would like to hear.",
)
def accept(request: AuthenticatedRequest, at: Path[ProposalAt], payload: AcceptIn | None = None):
    person = request.user
    agreement = proposals.accept(person, at.version, payload.words if payload else None)
    return _agreement_out(agreement, person, agreement.couple.partner_of(person))


@router.post(
    "/rhythm/{id}/skip",
    response={200: RhythmMomentOut, frozenset({401, 404}): Detail},
    summary="Let one moment of our rhythm pass",
    description=(
        "Skips the moment of this rhythm time that is happening now (within its hour) or else the next "
        "one: no reminder goes for it, and my partner is told once. No reason is asked. Skipping again "
        "changes nothing."
    ),
)
def skip_rhythm(
    request: AuthenticatedRequest,
    id: str = Path(..., min_length=KEY_LENGTH, max_length=KEY_LENGTH, pattern=KEY.pattern),
):
    return _moment_out(rhythm_times.skip(request.user, id))
