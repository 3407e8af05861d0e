"""Episodes and the couple's cycle in the JSON API: the same domain steps as the pages.

An episode of another couple, and an id of nothing, are the same 404. A partner's side is in an
answer only while it is shared; the cycle is drawn only from sides both partners share.
"""

# Without ``from __future__ import annotations``: ninja's pagination reads the views' parameter types
# as they are, and a type left as text is one it cannot build the query's model from.
from uuid import UUID

from ninja import Header, Router, Status
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail, id_or
from breathingroom.body.feelings import FEELINGS
from breathingroom.couples.models import Couple
from breathingroom.dance import cycle_svg, episodes
from breathingroom.dance.cycle import cycle_of
from breathingroom.dance.describe import Described, EpisodeView, describe
from breathingroom.dance.models import IDEMPOTENCY_KEY_LENGTH
from breathingroom.dance.schemas import CycleOut, EpisodeIn, EpisodeOut, SideIn, SideWordsOut
from breathingroom.dance.vocabulary import FEARS, MOVE_HINT, TRIGGERS, Move
from breathingroom.phrasebook.vocabulary import NEEDS

router = Router(tags=["episodes"])

PAGE_SIZE = 20


def _episode_id(value: str) -> UUID:
    return id_or(episodes.NoSuchEpisode, value)


def _partner(person: Person) -> Person | None:
    couple = Couple.objects.current_for(person)
    return couple.partner_of(person) if couple is not None else None


def _seen(request: AuthenticatedRequest, episode_id: UUID) -> EpisodeView:
    person = request.user
    return describe(episodes.find(person, episode_id), person, _partner(person))


@router.get(
    "/episodes",
    response={200: list[EpisodeOut], 401: Detail},
    summary="Our episodes",
    description="The episodes of my couple now, the latest first. Without a partner, an empty list.",
)
@paginate(Pages, page_size=PAGE_SIZE)
def list_episodes(request: AuthenticatedRequest):
    person = request.user
    found = episodes.of(person).select_related("repair").prefetch_related("sides")
    return Described(found, person, _partner(person))


@router.post(
    "/episodes",
    response={201: EpisodeOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Begin an episode",
    description=(
        "Either partner begins one, after a break (`break_id`) or at any time; my partner is told. "
        "Send an `Idempotency-Key` header so a request repeated after a lost answer begins one episode."
    ),
)
def start_episode(
    request: AuthenticatedRequest,
    payload: EpisodeIn,
    idempotency_key: str = Header(
        "", alias="Idempotency-Key", max_length=IDEMPOTENCY_KEY_LENGTH, description="Any text, new for each episode."
    ),
):
    episode = episodes.start(request.user, payload.break_id, key=idempotency_key)
    return Status(201, _seen(request, episode.id))


@router.get(
    "/episodes/vocabulary",
    response={200: SideWordsOut, 401: Detail},
    summary="Words for a side",
    description=(
        "The moves, and the listed triggers, feelings, fears and needs a side may name by key. Keys never change."
    ),
)
def vocabulary(request: AuthenticatedRequest):
    return {
        "moves": [{"key": m.value, "name": str(m.label), "hint": str(MOVE_HINT[m])} for m in Move],
        "triggers": [{"key": c.key, "name": str(c.name)} for c in TRIGGERS],
        "feelings": [{"key": f.key, "name": str(f.name)} for f in FEELINGS],
        "fears": [{"key": c.key, "name": str(c.name)} for c in FEARS],
        "needs": [{"key": w.key, "name": str(w.name), "hint": str(w.why)} for w in NEEDS],
    }


@router.get(
    "/episodes/{episode_id}",
    response={200: EpisodeOut, frozenset({401, 404}): Detail},
    summary="One episode",
    description="With my side, and my partner's only while they share it.",
)
def get_episode(request: AuthenticatedRequest, episode_id: str):
    return _seen(request, _episode_id(episode_id))


@router.put(
    "/episodes/{episode_id}/my-side",
    response={200: EpisodeOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Write my side",
    description=(
        "Private until I share it. If it is shared, my partner reads the new words at once. "
        "Each field but `move` may be a listed key or my own words."
    ),
)
def write_side(request: AuthenticatedRequest, episode_id: str, payload: SideIn):
    words = episodes.SideWords(
        move=payload.move.value,
        trigger=payload.trigger,
        surface_feeling=payload.surface_feeling,
        deeper_feeling=payload.deeper_feeling,
        fear=payload.fear,
        need=payload.need,
    )
    episode_uuid = _episode_id(episode_id)
    episodes.write_side(request.user, episode_uuid, words, payload.version)
    return _seen(request, episode_uuid)


@router.post(
    "/episodes/{episode_id}/my-side/share",
    response={200: EpisodeOut, frozenset({401, 404, 409}): Detail},
    summary="Share my side",
    description=(
        "My partner may read it, and it counts in our cycle map, until I unshare it. Sharing again changes nothing."
    ),
)
def share_side(request: AuthenticatedRequest, episode_id: str):
    episode_uuid = _episode_id(episode_id)
    episodes.share_side(request.user, episode_uuid)
    return _seen(request, episode_uuid)


@router.delete(
    "/episodes/{episode_id}/my-side/share",
    response={200: EpisodeOut, frozenset({401, 404}): Detail},
    summary="Stop sharing my side",
    description="Private again at once: gone from my partner's view, their map and their insights.",
)
def unshare_side(request: AuthenticatedRequest, episode_id: str):
    episode_uuid = _episode_id(episode_id)
    episodes.unshare_side(request.user, episode_uuid)
    return _seen(request, episode_uuid)


@router.get(
    "/cycle",
    response={200: CycleOut, frozenset({401, 404}): Detail},
    summary="Our cycle",
    description=(
        "Our loop, drawn from the episodes whose two sides are both shared now: each partner's most frequent "
        "move, feeling underneath, fear and need, and the pattern's name once there are enough episodes."
    ),
)
def get_cycle(request: AuthenticatedRequest):
    person = request.user
    couple = Couple.objects.of(person)
    cycle = cycle_of(couple, person)
    return {
        "pattern": cycle.pattern.value if cycle.pattern else None,
        "episodes": cycle.episodes,
        "partners": [
            {
                "name": p.name,
                "move": p.move.value if p.move else None,
                "deeper_feeling": p.deeper_feeling.words if p.deeper_feeling else None,
                "fear": p.fear.words if p.fear else None,
                "need": p.need.words if p.need else None,
            }
            for p in cycle.partners
        ],
        "name": cycle.name,
        "summary": cycle.sentences(),
    }


@router.get(
    "/cycle.svg",
    response={200: None, frozenset({401, 404}): Detail},
    summary="Our cycle, drawn",
    description=(
        "The same loop as `GET /cycle`, as the cycle page draws it: an SVG image with its own words (a title, "
        "a description and the text of each box) and its own colours for light and dark."
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "An SVG image (image/svg+xml).",
                "content": {cycle_svg.MEDIA_TYPE: {"schema": {"type": "string"}}},
            }
        }
    },
)
def get_cycle_svg(request: AuthenticatedRequest):
    person = request.user
    return cycle_svg.image(cycle_of(Couple.objects.of(person), person))
