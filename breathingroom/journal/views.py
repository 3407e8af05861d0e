"""The journal's pages. Each parses, calls one step of ``entries`` or ``search``, renders.

Someone else's entry, an entry no longer shared and one that never existed all answer the same 404.
"""

from __future__ import annotations

import hashlib
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from breathingroom.accounts.models import AuthenticatedRequest, Person
from breathingroom.couples.models import Couple
from breathingroom.journal import entries, search
from breathingroom.journal.describe import Described, EntryView, describe
from breathingroom.journal.forms import EditForm, SearchForm, WriteForm
from breathingroom.journal.prompts import LENSES, prompt
from breathingroom.refusals import Refused

PAGE_SIZE = 10
# The newest entries shared with a person, on their journal's first page; the rest are a tap away.
SHARED_SHOWN = 5


def _readable_or_404(person: Person, pk: UUID) -> EntryView:
    try:
        entry = entries.readable(person, pk)
    except Refused:
        raise Http404 from None
    return describe(entry, person, Couple.objects.current_for(person))


def _own_or_404(person: Person, pk: UUID) -> EntryView:
    try:
        entry = entries.own(person, pk)
    except Refused:
        raise Http404 from None
    return describe(entry, person, Couple.objects.current_for(person))


def _read_with_prompt(form: WriteForm | EditForm) -> None:
    # A screen reader announces the question with the field where the answer is written.
    text = form.fields["text"]
    text.widget.attrs["aria-describedby"] = f"prompt-text {form['text'].auto_id}_helptext"


def shared_context(person: Person) -> dict[str, object]:
    """What the live "Shared with you" part needs: the newest entries the partner shares now."""
    couple = Couple.objects.current_for(person)
    partner = couple.partner_of(person) if couple is not None else None
    found = entries.shared_with(person, couple)
    count = found.count()
    shown = Described(found[:SHARED_SHOWN], person, couple)[:]
    parts = [getattr(partner, "pk", None), count, [(e.id, e.shared_at, e.text) for e in shown]]
    return {
        "partner": partner,
        "shared": shown,
        "shared_count": count,
        "shared_signature": hashlib.sha256(repr(parts).encode()).hexdigest()[:16],
    }


@login_required
@require_safe
def index(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    couple = Couple.objects.current_for(person)
    page = Paginator(Described(entries.mine(person), person, couple), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "search_form": SearchForm(), **shared_context(person)}
    return render(request, "journal/index.html", context)


@login_required
@require_safe
def shared_live(request: AuthenticatedRequest) -> HttpResponse:
    """The "Shared with you" part alone, fetched again whenever an event arrives."""
    context = shared_context(request.user)
    if request.GET.get("seen") == context["shared_signature"]:
        return HttpResponse(status=204)
    return render(request, "journal/_shared.html", context)


@login_required
@require_safe
def shared(request: AuthenticatedRequest) -> HttpResponse:
    """Every entry the partner shares now, newest share first."""
    person = request.user
    couple = Couple.objects.current_for(person)
    found = Described(entries.shared_with(person, couple), person, couple)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    partner = couple.partner_of(person) if couple is not None else None
    return render(request, "journal/shared.html", {"page": page, "partner": partner})


@login_required
@require_safe
def prompts(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "journal/prompts.html", {"lenses": LENSES})


@login_required
@require_http_methods(["GET", "POST"])
def write(request: AuthenticatedRequest) -> HttpResponse:
    if request.method == "POST":
        form = WriteForm(request.POST)
        if form.is_valid():
            try:
                entry = entries.write(request.user, **form.cleaned_data)
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Kept. Only you can read it."))
                return redirect("journal:entry", pk=entry.pk)
        status = 400
    else:
        chosen = request.GET.get("prompt", "")
        form = WriteForm(initial={"prompt": chosen if prompt(chosen) else ""})
        status = 200
    chosen_prompt = prompt(str(form["prompt"].value() or ""))
    if chosen_prompt is not None:
        _read_with_prompt(form)
    return render(request, "journal/write.html", {"form": form, "prompt": chosen_prompt}, status=status)


@login_required
@require_safe
def entry(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    seen = _readable_or_404(request.user, pk)
    couple = Couple.objects.current_for(request.user)
    partner = couple.partner_of(request.user) if couple is not None else None
    return render(request, "journal/entry.html", {"entry": seen, "partner": partner})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    seen = _own_or_404(request.user, pk)
    changed_elsewhere = False
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                entries.edit(request.user, pk, form.cleaned_data["text"], form.cleaned_data["version"])
            except entries.ChangedElsewhere as e:
                # Their words stay in the form; the version moves on, so saving again is a choice.
                changed_elsewhere = True
                form = EditForm({"text": form.cleaned_data["text"], "version": seen.version})
                form.add_error(None, str(e.message))
            except entries.NoSuchEntry:
                raise Http404 from None
            except Refused as e:
                form.add_error(None, str(e.message))
            else:
                messages.success(request, _("Your changes are kept."))
                return redirect("journal:entry", pk=pk)
        status = 409 if changed_elsewhere else 400
    else:
        form = EditForm(initial={"text": seen.text, "version": seen.version})
        status = 200
    if seen.prompt is not None:
        _read_with_prompt(form)
    context = {"form": form, "entry": seen, "changed_elsewhere": changed_elsewhere}
    return render(request, "journal/edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    """GET asks first, so deleting never happens by one stray tap; POST deletes."""
    seen = _own_or_404(request.user, pk)
    if request.method == "POST":
        try:
            entries.delete(request.user, pk)
        except Refused:
            raise Http404 from None
        messages.success(request, _("The entry is deleted."))
        return redirect("journal:index")
    return render(request, "journal/delete.html", {"entry": seen})


@login_required
@require_POST
def share(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        entry = entries.share(request.user, pk)
    except entries.NoSuchEntry:
        raise Http404 from None
    except Refused as e:
        messages.error(request, str(e.message))
    else:
        seen = describe(entry, request.user, Couple.objects.current_for(request.user))
        messages.success(
            request, _("Shared. %(name)s can read this entry until you stop sharing it.") % {"name": seen.shared_with}
        )
    return redirect("journal:entry", pk=pk)


@login_required
@require_POST
def unshare(request: AuthenticatedRequest, pk: UUID) -> HttpResponse:
    try:
        entries.unshare(request.user, pk)
    except Refused:
        raise Http404 from None
    messages.success(request, _("Private again. Only you can read this entry."))
    return redirect("journal:entry", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def find(request: AuthenticatedRequest) -> HttpResponse:
    """Search one's own entries. The words come in a POST, so they never sit in an address."""
    if request.method != "POST":
        return render(request, "journal/search.html", {"search_form": SearchForm()})
    form = SearchForm(request.POST)
    if not form.is_valid():
        return render(request, "journal/search.html", {"search_form": form}, status=400)
    query = form.cleaned_data["q"]
    if not search.words_of(query):
        return redirect("journal:index")
    found = search.search(request.user, query)
    page = Paginator(found, PAGE_SIZE).get_page(form.cleaned_data["page"])
    results = [(entry, search.excerpt(entry.text, found.words)) for entry in page.object_list]
    context = {
        "search_form": form,
        "searched": True,
        "query": query,
        "page": page,
        "results": results,
        "count": len(found),
    }
    return render(request, "journal/search.html", context)
