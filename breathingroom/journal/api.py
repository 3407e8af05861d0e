"""Journal in the JSON API at /api/v1/journal: write, read, search, edit, delete and share entries.

Each view asks ``entries`` or ``search`` for the one thing and answers with the entry as the caller
sees it (``describe``, as the pages do). An entry of someone else's, one no longer shared and one
that never existed are the same 404.
"""

from uuid import UUID

from django.utils.translation import gettext_lazy as _
from ninja import Header, Query, Router, Status
from ninja.pagination import paginate

from breathingroom.accounts.models import AuthenticatedRequest
from breathingroom.api.pagination import Pages
from breathingroom.api.schemas import Detail, id_or
from breathingroom.couples.models import Couple
from breathingroom.journal import entries, search
from breathingroom.journal.describe import Described, EntryView, describe
from breathingroom.journal.models import IDEMPOTENCY_KEY_LENGTH, Entry
from breathingroom.journal.prompts import LENSES
from breathingroom.journal.schemas import EntryEdit, EntryIn, EntryOut, LensOut, ListQuery, Whose
from breathingroom.refusals import Refused

router = Router(tags=["journal"])

PAGE_SIZE = 20


class OwnEntriesOnly(Refused):
    status = 400
    message = _("Search looks through your own entries only: leave out q, or ask for whose=mine.")


def _entry_id(value: str) -> UUID:
    return id_or(entries.NoSuchEntry, value)


def _seen(request: AuthenticatedRequest, entry: Entry) -> EntryView:
    return describe(entry, request.user, Couple.objects.current_for(request.user))


@router.get(
    "",
    response={200: list[EntryOut], frozenset({400, 401}): Detail},
    summary="My journal",
    description=(
        "My own entries, newest first, or with `whose=partner` the entries my partner shares with me now. "
        "`q` searches my own entries on the server: their words are kept encrypted, so each is opened and "
        "looked through there, and only mine ever are. Leave `q` out to list them all."
    ),
)
@paginate(Pages, page_size=PAGE_SIZE)
def list_entries(request: AuthenticatedRequest, query: Query[ListQuery]):
    person = request.user
    couple = Couple.objects.current_for(person)
    if query.whose == Whose.PARTNER:
        if search.words_of(query.q):
            raise OwnEntriesOnly
        return Described(entries.shared_with(person, couple), person, couple)
    if search.words_of(query.q):
        return Described(search.search(person, query.q), person, couple)
    return Described(entries.mine(person), person, couple)


@router.post(
    "",
    response={201: EntryOut, frozenset({400, 401}): Detail},
    summary="Write an entry",
    description=(
        "Kept private: only I can read it until I share it. Send an `Idempotency-Key` header so a request "
        "repeated after a lost answer keeps one entry: the repeat is answered with the first."
    ),
)
def write(
    request: AuthenticatedRequest,
    payload: EntryIn,
    idempotency_key: str = Header(
        "", alias="Idempotency-Key", max_length=IDEMPOTENCY_KEY_LENGTH, description="Any text, new for each entry."
    ),
):
    entry = entries.write(request.user, payload.text, payload.prompt, key=idempotency_key)
    return Status(201, _seen(request, entry))


@router.get(
    "/prompts",
    response={200: list[LensOut], 401: Detail},
    summary="Prompts to begin from",
    description="The four lenses, each with a line on what it shows and its prompts. Keys never change.",
)
def list_prompts(request: AuthenticatedRequest):
    return LENSES


@router.get(
    "/{entry_id}",
    response={200: EntryOut, frozenset({401, 404}): Detail},
    summary="One entry",
    description="My own, or one my partner shares with me now.",
)
def get_entry(request: AuthenticatedRequest, entry_id: str):
    return _seen(request, entries.readable(request.user, _entry_id(entry_id)))


@router.patch(
    "/{entry_id}",
    response={200: EntryOut, frozenset({400, 401, 404, 409}): Detail},
    summary="Change an entry's words",
    description=(
        "Only my own. If it is shared, my partner reads the new words from now on. Send the `version` I "
        "changed, so an edit made meanwhile elsewhere is answered 409 instead of being overwritten."
    ),
)
def edit_entry(request: AuthenticatedRequest, entry_id: str, payload: EntryEdit):
    entry = entries.edit(request.user, _entry_id(entry_id), payload.text, payload.version)
    return _seen(request, entry)


@router.delete(
    "/{entry_id}",
    response={204: None, frozenset({401, 404}): Detail},
    summary="Delete an entry",
    description="Only my own; it is gone for good, for my partner too if it was shared.",
)
def delete_entry(request: AuthenticatedRequest, entry_id: str):
    entries.delete(request.user, _entry_id(entry_id))
    return Status(204, None)


@router.post(
    "/{entry_id}/share",
    response={200: EntryOut, frozenset({401, 404, 409}): Detail},
    summary="Share an entry with my partner",
    description=(
        "My partner is told and may read it, later changes included, until I unshare it or our couple ends. "
        "Sharing again changes nothing. Without a partner the answer is 409."
    ),
)
def share_entry(request: AuthenticatedRequest, entry_id: str):
    return _seen(request, entries.share(request.user, _entry_id(entry_id)))


@router.delete(
    "/{entry_id}/share",
    response={200: EntryOut, frozenset({401, 404}): Detail},
    summary="Stop sharing an entry",
    description="Private again at once: my partner can no longer open it, and an open page of theirs drops it.",
)
def unshare_entry(request: AuthenticatedRequest, entry_id: str):
    return _seen(request, entries.unshare(request.user, _entry_id(entry_id)))
