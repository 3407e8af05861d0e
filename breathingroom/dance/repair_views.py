"""The repair conversation's page: one live part that both phones follow, step by step.

Each form posts without JavaScript too; with htmx the part is swapped in place, and every change
either partner makes ("repair.updated") has both pages fetch it again.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.body.feelings import FAMILIES
from breathingroom.couples.models import NotPaired
from breathingroom.dance import repair
from breathingroom.dance.episodes import NoSuchEpisode
from breathingroom.dance.models import ANSWER_LENGTH, RepairStep
from breathingroom.dance.repair_describe import LEADS, RepairView, describe_repair
from breathingroom.refusals import Refused


def _render(
    request: AuthenticatedRequest, pk: UUID, status: int = 200, typed: dict[str, str] | None = None, **extra: object
) -> HttpResponse:
    person = request.user
    try:
        episode, talk, partner = repair.talk_of(person, pk)
    except NotPaired:
        # Someone without a partner: told calmly, and told the same whichever id they asked for.
        return render(request, "dance/repair_unpaired.html", status=404)
    except NoSuchEpisode:
        raise Http404 from None
    seen = describe_repair(episode, talk, person, partner)
    if request.htmx and request.GET.get("seen") == seen.signature:
        return HttpResponse(status=204)  # a live part asking again, with nothing new: it stays as it is
    context: dict[str, object] = {
        "repair": seen,
        "episode_id": episode.id,
        "current": seen.current,
        "fields": _fields(seen, typed or {}),
        "unsaved": _unsaved(seen, typed or {}),
        "theirs": [p for p in seen.current.parts if p.partner] if seen.current else [],
        "families": FAMILIES if seen.step == RepairStep.FELT else (),
        "done_lead": LEADS[RepairStep.DONE],
        "limit": ANSWER_LENGTH,
        "step_number": repair.ORDER.index(RepairStep(seen.step)) + 1 if seen.step else 0,
        "step_count": len(repair.ORDER) - 1,
        **extra,
    }
    template = "dance/repair_talk.html" if request.htmx else "dance/repair.html"
    return render(request, template, context, status=status)


def _fields(seen: RepairView, typed: dict[str, str]) -> list[dict[str, object]]:
    """The current step's parts as the page shows them: my words (or what I just typed) for each."""
    current = seen.current
    if current is None:
        return []
    return [
        {
            "part": part,
            "id": f"repair-{part.key}",
            "value": typed.get(part.key, part.mine),
            "answers": bool(repair.PART[part.key].answers),
        }
        for part in current.parts
    ]


def _unsaved(seen: RepairView, typed: dict[str, str]) -> list[str]:
    """Words typed where the page has no box for them now (the partner paused, or moved the step on,
    meanwhile): shown to copy, since nothing of them was saved."""
    boxes = {p.key for p in seen.current.parts if p.open} if seen.current else set()
    return [text for key, text in typed.items() if key not in boxes and text.strip()]


@login_required
@require_safe
def repair_page(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    return _render(request, pk)


def _act(
    request: AuthenticatedRequest, pk: UUID, action: Callable[[], object], typed: dict[str, str] | None = None
) -> HttpResponse:
    try:
        action()
    except Refused as e:
        # No couple, or no such episode, is answered by the page itself, as for reading it. Otherwise
        # the words just typed stay on the page beside the message: nothing written is lost.
        return _render(request, pk, status=200 if request.htmx else e.status, typed=typed, action_error=e.message)
    if request.htmx:
        return _render(request, pk)
    return redirect("repair:repair", pk=pk)


@login_required
@require_POST
def begin(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    return _act(request, pk, lambda: repair.begin(request.user, pk))


@login_required
@require_POST
def write(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    """Save my words for the step's parts; with "Done with this step", say so as well."""
    typed = {key: request.POST[key] for key in repair.PART_KEYS if key in request.POST}
    step = request.POST.get("step", "")

    def save_then_confirm() -> None:
        if typed:
            repair.write_many(request.user, pk, typed)
        if request.POST.get("then") == "done":
            repair.confirm(request.user, pk, step)
        if not typed and request.POST.get("then") != "done":
            repair.talk_of(request.user, pk)  # nothing to save: still only for the couple's own episode

    return _act(request, pk, save_then_confirm, typed)


@login_required
@require_POST
def confirm(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    step, keep = request.POST.get("step", ""), request.POST.get("keep")
    chosen = {"yes": True, "no": False}.get(keep or "")
    return _act(request, pk, lambda: repair.confirm(request.user, pk, step, chosen))


@login_required
@require_POST
def pause(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    return _act(request, pk, lambda: repair.pause(request.user, pk))


@login_required
@require_POST
def resume(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    return _act(request, pk, lambda: repair.resume(request.user, pk))
