"""The lessons' pages. Each parses, calls one step of ``reading``, renders.

A lesson read on a page records how far its reader came; the lessons themselves are the same for all.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.lessons import describe, reading
from breathingroom.lessons.describe import LessonView
from breathingroom.lessons.forms import ReflectForm
from breathingroom.refusals import Refused


def _view_or_404(request: AuthenticatedRequest, slug: str) -> LessonView:
    try:
        return describe.one(request.user, slug)
    except reading.NoSuchLesson:
        raise Http404 from None


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "lessons/index.html", {"lessons": describe.every(request.user)})


@login_required
@require_safe
def screen(request: AuthenticatedRequest, slug: str, number: int = 1) -> HttpResponse:
    """One screen of a lesson; opening it records it as reached."""
    try:
        lesson, progress = reading.open_screen(request.user, slug, number)
    except reading.NoSuchLesson:
        raise Http404 from None
    context = {
        "view": LessonView(lesson, progress),
        "lesson": lesson,
        "screen": lesson.screens[number - 1],
        "number": number,
        "dots": range(1, lesson.count + 2),
        "last": number == lesson.count,
    }
    return render(request, "lessons/screen.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The lesson's question at its end, and the answer kept as a journal entry."""
    view = _view_or_404(request, slug)
    form = ReflectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = reading.reflect(request.user, slug, form.cleaned_data["text"], form.cleaned_data["key"])
        except Refused as e:
            form.add_error(None, str(e.message))
        else:
            messages.success(request, _("Kept in your journal, with the question. Only you can read it."))
            return redirect("journal:entry", pk=entry.pk)
    elif request.method == "GET":
        reading.open_screen(request.user, slug, view.lesson.count)
    context = {"view": view, "lesson": view.lesson, "form": form, "dots": range(1, view.lesson.count + 2)}
    return render(request, "lessons/reflect.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def done(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Finished without writing: the lesson is marked as read."""
    view = _view_or_404(request, slug)
    reading.finish(request.user, slug)
    messages.success(request, _("“%(title)s” is marked as read.") % {"title": view.lesson.title})
    return redirect("lessons:index")
