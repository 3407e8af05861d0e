"""The repair conversation in the JSON API, under /api/v1/episodes/{id}/repair: the same domain steps as the pages.

An episode of another couple, and an id of nothing, are the same 404. Every answer is the talk as I
see it (``repair_describe``): my words, and my partner's only once they show to me.
"""

from uuid import UUID

from ninja import Router

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.schemas import Detail, id_or
from breathingroom.dance import repair
from breathingroom.dance.episodes import NoSuchEpisode
from breathingroom.dance.repair_describe import RepairView, describe_repair
from breathingroom.dance.repair_schemas import AnswerIn, ConfirmIn, PartKey, RepairOut, StepKey

router = Router(tags=["repair"])

REPAIR = "/episodes/{episode_id}/repair"


def _episode_id(value: str) -> UUID:
    return id_or(NoSuchEpisode, value)


def _seen(request: AuthenticatedRequest, episode_id: UUID) -> RepairView:
    person = request.user
    episode, talk, partner = repair.talk_of(person, episode_id)
    return describe_repair(episode, talk, person, partner)


@router.get(
    REPAIR,
    response={200: RepairOut, frozenset({401, 404}): Detail},
    summary="Our repair conversation",
    description=(
        "Where we are in talking this episode through, as I see it: my words, and my partner's once they show "
        "to me. Before either of us began it, `begun` is false."
    ),
)
def get_repair(request: AuthenticatedRequest, episode_id: str):
    return _seen(request, _episode_id(episode_id))


@router.post(
    REPAIR,
    response={200: RepairOut, frozenset({401, 404}): Detail},
    summary="Begin talking it through",
    description=(
        "Either of us begins it, after a reconnection or any time later; both of us are told. Asked again, by "
        "either of us, it is the same conversation, wherever it is."
    ),
)
def begin_repair(request: AuthenticatedRequest, episode_id: str):
    episode_uuid = _episode_id(episode_id)
    repair.begin(request.user, episode_uuid)
    return _seen(request, episode_uuid)


@router.put(
    REPAIR + "/answers/{part}",
    response={200: RepairOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Write my words for a part",
    description=(
        "A part of the step we are at, until I say I am done with it. Parts about my partner's words "
        "(`summary_of_partner`, `makes_sense`, `acceptance`) open once those words show to me. 409 for a part "
        "of another step, while paused, or once I said I was done."
    ),
)
def write_answer(request: AuthenticatedRequest, episode_id: str, part: PartKey, payload: AnswerIn):
    episode_uuid = _episode_id(episode_id)
    repair.write(request.user, episode_uuid, part, payload.text)
    return _seen(request, episode_uuid)


@router.post(
    REPAIR + "/steps/{step}/confirm",
    response={200: RepairOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Done with this step",
    description=(
        "Names the step I am done with; once we both are, we move to the next. A step already behind us "
        "changes nothing, so a repeated request moves one step. At `keep`, send `keep`: it is kept only if we "
        "both say true, and otherwise every word of it is deleted as it ends."
    ),
)
def confirm_step(request: AuthenticatedRequest, episode_id: str, step: StepKey, payload: ConfirmIn | None = None):
    episode_uuid = _episode_id(episode_id)
    repair.confirm(request.user, episode_uuid, step, payload.keep if payload is not None else None)
    return _seen(request, episode_uuid)


@router.post(
    REPAIR + "/pause",
    response={200: RepairOut, frozenset({401, 404, 409}): Detail},
    summary="Pause",
    description="Both of us see it paused until either of us resumes. Pausing again changes nothing.",
)
def pause_repair(request: AuthenticatedRequest, episode_id: str):
    episode_uuid = _episode_id(episode_id)
    repair.pause(request.user, episode_uuid)
    return _seen(request, episode_uuid)


@router.post(
    REPAIR + "/resume",
    response={200: RepairOut, frozenset({401, 404, 409}): Detail},
    summary="Go on",
    description="Either of us goes on from where it was paused. Going on again changes nothing.",
)
def resume_repair(request: AuthenticatedRequest, episode_id: str):
    episode_uuid = _episode_id(episode_id)
    repair.resume(request.user, episode_uuid)
    return _seen(request, episode_uuid)
