"""The report as a PDF: a real PDF, with the names, the period, the figures and the map, and nothing private."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from breathingroom.accounts.models import Person
from breathingroom.conftest import client_for
from breathingroom.reports import contents, making, pdf
from breathingroom.reports.models import ReportKind
from breathingroom.reports.tests.conftest import LET_IN, assert_private_words_absent
from breathingroom.reports.tests.pdftext import text_of


def made(person: Person, kinds=tuple(ReportKind.values)):
    today = timezone.localdate(timezone.now(), person.zone)
    return making.make(person, today - timedelta(days=30), today, kinds)


def test_the_pdf_is_a_pdf_named_for_its_period_and_kept_by_no_cache(history):
    report = made(history.alex)
    response = client_for(history.sam).get(f"/reports/{report.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    name = f"breathing-room-report-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}.pdf"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert {"no-store", "private"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_the_pdf_says_who_when_and_what_with_its_figures_and_map(history):
    report = made(history.alex)
    text = text_of(pdf.render(contents.describe(report, history.alex), compress=False))
    for words in (
        "A report to take to a session",
        "Alex & Sam",
        f"{report.end.day} ",
        "Made by Alex",
        "The Space Agreement",
        "20 minutes to 24 hours",
        "Breaks and how they went",
        "1 break in this period.",
        "Alex: back on time",
        "Sam: repaired",
        "Insights for the period",
        "Back on time 1 of 1 time (0 late).",
        "Of 2 views of how it went: 1 repaired, 1 partly, 0 not yet.",
        # The map's own boxes, drawn from the same coordinates as the page's SVG.
        "Alex withdraws",
        "Underneath, Sam feels",
        LET_IN["alex"],
        LET_IN["sam"],
        "Page 1 of",
    ):
        assert words in text, words
    assert_private_words_absent(text)


def test_a_letter_the_font_cannot_draw_shows_as_a_box_never_as_nothing(history):
    history.sam.display_name = "Sam 山"
    history.sam.save()
    report = made(history.alex, ["breaks"])
    text = text_of(pdf.render(contents.describe(report, history.alex), compress=False))
    assert f"Alex & Sam {pdf.NO_SHAPE}" in text
    quoted = "Zo\u00eb \u2014 \u2018quoted\u2019 \u0623\u0645\u0644"
    assert pdf.drawable(f"{quoted} \u5c71") == f"{quoted} {pdf.NO_SHAPE}"


def test_a_year_of_breaks_stays_a_readable_pdf(alex, sam, couple):
    from breathingroom.breaks.models import Break, Taker

    start = timezone.now() - timedelta(days=300)
    breaks = Break.objects.bulk_create(
        Break(
            couple=couple,
            started_by=alex,
            started_at=start + timedelta(days=i),
            returns_at=start + timedelta(days=i, minutes=30),
            closed_at=start + timedelta(days=i, hours=1),
        )
        for i in range(200)
    )
    Taker.objects.bulk_create(
        Taker(brk=b, person=alex, reassurance="soon", minutes=30, joined_at=b.started_at) for b in breaks
    )
    today = timezone.localdate(timezone.now(), alex.zone)
    report = making.make(alex, today - timedelta(days=364), today, list(ReportKind.values))
    found = contents.describe(report, sam)
    assert found.breaks_total == 200
    assert len(found.breaks) == contents.BREAKS_LISTED
    text = text_of(pdf.render(found, compress=False))
    assert "And 50 more breaks, not listed here." in text
    assert pdf.render(found).startswith(b"%PDF")
