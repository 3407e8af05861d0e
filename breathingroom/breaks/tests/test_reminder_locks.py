"""The worker's call back waits for no page: it locks the break alone, never the couple a page holds.

A page's change locks the couple first and the break second. A task that also locked the couple
(PostgreSQL locks every joined row of a plain FOR UPDATE) could take the two the other way round and
deadlock with it; the call back then failed and waited for the next catch-up.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from breathingroom.breaks import space
from breathingroom.breaks.reminders import _locked_break
from breathingroom.breaks.tests.conftest import REASSURANCE
from breathingroom.couples.models import Couple

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_call_back_finds_its_break_while_a_page_holds_the_couple(alex, couple):
    brk = space.take_space(alex, 20, REASSURANCE)
    held, done = threading.Event(), threading.Event()

    def page_holding_the_couple() -> None:
        try:
            with transaction.atomic():
                Couple.objects.select_for_update().get(pk=couple.pk)
                held.set()
                done.wait(10)
        finally:
            connection.close()

    page = threading.Thread(target=page_holding_the_couple)
    page.start()
    try:
        if connection.vendor == "postgresql":
            assert held.wait(10)
            with transaction.atomic():
                # Waiting on the couple's row would fail here rather than hang.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                found = _locked_break(str(brk.id), brk.returns_at.isoformat())
        else:
            # SQLite has no row locks: one writer at a time holds the whole file, so the order in which
            # rows are locked cannot deadlock. The task simply runs once the page's change is over.
            assert held.wait(10)
            done.set()
            page.join(10)
            with transaction.atomic():
                found = _locked_break(str(brk.id), brk.returns_at.isoformat())
    finally:
        done.set()
        page.join(10)
    assert found is not None
    assert found.pk == brk.pk
