"""Body check-ins in the JSON API at /api/v1/body: the same domain steps as the body page.

Every answer is a check-in as the caller sees it (``describe``): their own, or one their partner
shares with them now. Anyone else's, the partner's unshared ones, and ids of nothing are all the same
404, so no id tells anyone that a check-in exists.
"""

# Without ``from __future__ import annotations``: ninja's pagination reads the views' parameter types
# as they are, and a type left as text is one it cannot build the query's model from.
from uuid import UUID

from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail, id_or
from breathingroom.body import checking_in
from breathingroom.body.checking_in import NoSuchCheckIn, Place
from breathingroom.body.describe import CheckInSeen, Described, describe
from breathingroom.body.feelings import FAMILIES
from breathingroom.body.models import IDEMPOTENCY_KEY_LENGTH, Region, Sensation
from breathingroom.body.schemas import CheckInIn, CheckInListQuery, CheckInOut, CheckInWhose, TrendOut, VocabularyOut
from breathingroom.body.trend import trend
from breathingroom.couples.models import Couple
from breathingroom.phrasebook.vocabulary import NEEDS

router = Router(tags=["body"])

PAGE_SIZE = 20


def _check_in_id(value: str) -> UUID:
    return id_or(NoSuchCheckIn, value)


def _seen(request: AuthenticatedRequest, check_in_id: UUID) -> CheckInSeen:
    found = checking_in.find(request.user, check_in_id)
    return describe(found, request.user, Couple.objects.current_for(request.user))


@router.get(
    "/check-ins",
    response={200: list[CheckInOut], 401: Detail},
    summary="Body check-ins",
    description=(
        "My own check-ins, newest first, or with `whose=partner` the ones my partner shares with me now, "
        "the latest shared first. Without a partner, `whose=partner` is an empty list."
    ),
)
@paginate(Pages, page_size=PAGE_SIZE)
def list_check_ins(request: AuthenticatedRequest, query: Query[CheckInListQuery]):
    person = request.user
    if query.whose == CheckInWhose.PARTNER:
        return Described(checking_in.shared_with(person), person)
    return Described(checking_in.mine(person), person)


@router.post(
    "/check-ins",
    response={201: CheckInOut, frozenset({400, 401}): Detail},
    summary="Check in with my body",
    description=(
        "Kept private: only I see it until I share it. Send an `Idempotency-Key` header so a request "
        "repeated after a lost answer keeps one check-in: the repeat is answered with the first."
    ),
)
def record(
    request: AuthenticatedRequest,
    payload: CheckInIn,
    idempotency_key: str = Header(
        "", alias="Idempotency-Key", max_length=IDEMPOTENCY_KEY_LENGTH, description="Any text, new for each check-in."
    ),
):
    kept = checking_in.record(
        request.user,
        places=[Place(p.region.value, p.sensation.value, p.intensity) for p in payload.places],
        feelings=payload.feelings,
        need=payload.need or "",
        heart_rate=payload.heart_rate,
        own_feeling=payload.own_feeling,
        note=payload.note,
        once=idempotency_key,
    )
    return Status(201, _seen(request, kept.pk))


@router.get(
    "/check-ins/{check_in_id}",
    response={200: CheckInOut, frozenset({401, 404}): Detail},
    summary="One body check-in",
    description="My own, or one my partner shares with me now.",
)
def get_check_in(request: AuthenticatedRequest, check_in_id: str):
    return _seen(request, _check_in_id(check_in_id))


@router.delete(
    "/check-ins/{check_in_id}",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Delete one of my check-ins",
    description="Gone for good; if it was shared, my partner no longer sees it.",
)
def delete_check_in(request: AuthenticatedRequest, check_in_id: str):
    checking_in.delete(request.user, _check_in_id(check_in_id))
    return Status(204, None)


@router.post(
    "/check-ins/{check_in_id}/share",
    response={200: CheckInOut, frozenset({401, 404}): Detail},
    summary="Share what I'm sensing",
    description=(
        "My partner sees this check-in until I unshare it or our couple ends, and is told (`check_in.shared`). "
        "Sharing one already shared changes nothing. Without a partner: 404."
    ),
)
def share(request: AuthenticatedRequest, check_in_id: str):
    checking_in.share(request.user, _check_in_id(check_in_id))
    return _seen(request, _check_in_id(check_in_id))


@router.delete(
    "/check-ins/{check_in_id}/share",
    response={200: CheckInOut, frozenset({401, 404}): Detail},
    summary="Stop sharing",
    description="The check-in is mine alone again; my partner's open page lets it go at once.",
)
def unshare(request: AuthenticatedRequest, check_in_id: str):
    checking_in.unshare(request.user, _check_in_id(check_in_id))
    return _seen(request, _check_in_id(check_in_id))


@router.get(
    "/trend",
    response={200: TrendOut, 401: Detail},
    summary="My body over time",
    description=(
        "How strong it felt (each check-in's strongest place), a day at a time for up to six weeks of "
        "history, else a week at a time for the last year; and where in the body it sat most often."
    ),
)
def get_trend(request: AuthenticatedRequest):
    found = trend(request.user)
    return {
        "by": "week" if found.by_week else "day",
        "first": found.first.isoformat(),
        "last": found.last.isoformat(),
        "check_ins": found.check_ins,
        "summary": found.summary,
        "points": [
            {
                "start": p.start.isoformat(),
                "check_ins": p.check_ins,
                "average": round(p.average, 2),
                "lowest": p.lowest,
                "highest": p.highest,
            }
            for p in found.points
        ],
        "where": [{"region": w.region, "name": w.name, "check_ins": w.check_ins} for w in found.where],
    }


@router.get(
    "/vocabulary",
    response={200: VocabularyOut, 401: Detail},
    summary="The words a check-in uses",
    description="Places, sensations, feelings (in their families) and needs: each key with its name.",
)
def vocabulary(request: AuthenticatedRequest):
    def words(pairs):
        return [{"key": key, "name": str(name)} for key, name in pairs]

    return {
        "regions": words(Region.choices),
        "sensations": words(Sensation.choices),
        "feelings": [
            {
                "key": family.key,
                "name": str(family.name),
                "hint": str(family.hint),
                "feelings": words((f.key, f.name) for f in family.feelings),
            }
            for family in FAMILIES
        ],
        "needs": words((n.key, n.name) for n in NEEDS),
    }
