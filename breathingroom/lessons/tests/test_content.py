"""The lesson files: each one read, its front matter checked, its Markdown shown and never run."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.lessons import content
from breathingroom.lessons.content import FIELDS, LessonFileError, parse

SLUGS = [
    "reasons-for-space",
    "four-lenses",
    "taking-space-well",
    "waiting-well",
    "coming-back-well",
    "repair",
]

FRONT = {
    "slug": "waiting-well",
    "order": "4",
    "version": "2",
    "title": "Waiting well",
    "summary": "What to do with the ache.",
    "reflection": "What helps you most?",
}
BODY = "## First\n\nOne idea.\n\n## Second\n\nAnother idea, *gently*.\n"


def lesson_file(body: str = BODY, **front: str | None) -> str:
    fields = {**FRONT, **front}
    lines = [f"{name}: {value}" for name, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def test_the_library_holds_the_six_lessons_in_order():
    lessons = content.library("en")
    assert [lesson.slug for lesson in lessons] == SLUGS
    for lesson in lessons:
        assert 3 <= lesson.count <= 8, lesson.slug
        assert lesson.reflection.endswith("?"), lesson.slug
        assert lesson.version == 1
        assert lesson.language == "en"
        # One idea a screen: short enough to read without scrolling far on a phone.
        for screen in lesson.screens:
            assert len(screen.html) < 900, (lesson.slug, screen.title)


def test_a_file_is_read_into_screens_with_its_front_matter():
    lesson = parse(lesson_file(), "en/waiting-well.md")
    assert (lesson.slug, lesson.order, lesson.version) == ("waiting-well", 4, 2)
    assert lesson.title == "Waiting well"
    assert [s.title for s in lesson.screens] == ["First", "Second"]
    assert lesson.screens[0].html == "<p>One idea.</p>\n"
    assert lesson.screens[1].html == "<p>Another idea, <em>gently</em>.</p>\n"


@pytest.mark.parametrize("field", FIELDS)
def test_each_front_matter_field_is_required(field):
    with pytest.raises(LessonFileError, match=f"lacks {field}"):
        parse(lesson_file(**{field: None}), "en/broken.md")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("## One\n\nwords\n", "must begin with a front matter"),
        ("---\nslug: a\n", "no closing"),
        ("---\n: : :\n---\n## A\n\nb\n## C\n\nd\n", "not valid YAML"),
        ("---\n- a list\n---\n## A\n\nb\n", "must be a mapping"),
        (lesson_file(slug="Not A Slug"), "slug must be"),
        (lesson_file(version="0"), "version must be a whole number"),
        (lesson_file(version="yes"), "version must be a whole number"),
        (lesson_file(order="first"), "order must be a whole number"),
        (lesson_file(title="''"), "title must be some text"),
        (lesson_file(title="x" * 81), "title is longer than 80"),
        (lesson_file(colour="blue"), "fields no lesson uses: colour"),
        (lesson_file("Words before any screen.\n\n" + BODY), "must begin with a '## ' heading"),
        (lesson_file("# A page title\n\n" + BODY), "'# ' heading is the page's own"),
        (lesson_file("## Only one\n\nscreen\n"), "2 to 12 screens, not 1"),
        (lesson_file("## First\n\n## Second\n\nwords\n"), "screen 1 needs a title and some words"),
    ],
    ids=[
        "no-front-matter",
        "unclosed",
        "bad-yaml",
        "not-a-mapping",
        "bad-slug",
        "version-zero",
        "version-yes",
        "order-word",
        "empty-title",
        "long-title",
        "unknown-field",
        "words-before-screens",
        "page-heading",
        "one-screen",
        "empty-screen",
    ],
)
def test_a_malformed_file_fails_loudly_naming_it(text, problem):
    with pytest.raises(LessonFileError, match=problem) as raised:
        parse(text, "en/broken.md")
    assert str(raised.value).startswith("en/broken.md: ")


def test_a_file_named_other_than_its_slug_is_refused(tmp_path):
    (tmp_path / "waiting.md").write_text(lesson_file(), encoding="utf-8")
    with pytest.raises(LessonFileError, match="file is named 'waiting'"):
        content.read_folder(tmp_path, "en")


def test_raw_html_in_a_lesson_is_shown_as_text_never_run():
    body = (
        "## A\n\n<script>alert('hi')</script>\n\n"
        "## B\n\nSome <b onclick=x>bold</b> [link](javascript:alert(1)) ![img](https://example.com/x.png)\n"
    )
    lesson = parse(lesson_file(body), "en/x.md")
    html = "".join(screen.html for screen in lesson.screens)
    assert "<script>" not in html
    assert "&lt;script&gt;alert('hi')&lt;/script&gt;" in html
    assert "<b" not in html
    assert "&lt;b onclick=x&gt;" in html
    assert 'href="javascript' not in html
    assert "<img" not in html


@given(st.text(max_size=200))
def test_no_text_in_a_screen_ever_becomes_a_tag_of_its_own(words):
    lesson = parse(lesson_file(f"## A\n\nx {words}\n\n## B\n\ny\n"), "en/x.md")
    html = lesson.screens[0].html
    for tag in ("<script", "<iframe", "<img", "<style", "<svg", "<object"):
        assert tag not in html.lower()


def test_a_translation_is_used_only_for_the_same_version(tmp_path, monkeypatch):
    english = content.find("repair", "en")
    (tmp_path / "en").symlink_to(content.CONTENT / "en")
    (tmp_path / "de").mkdir()
    german = lesson_file(slug="repair", order=str(english.order), version=str(english.version), title="Reparatur")
    (tmp_path / "de" / "repair.md").write_text(german, encoding="utf-8")
    monkeypatch.setattr(content, "CONTENT", tmp_path)
    content._source.cache_clear()
    content._translation.cache_clear()
    try:
        assert content.find("repair", "de").title == "Reparatur"
        assert content.find("repair", "de-at").title == "Reparatur"
        # Not translated: the English.
        assert content.find("waiting-well", "de").language == "en"
        with translation.override("de"):
            assert content.find("repair").language == "de"
        # A translation of another version is left aside: the English is read, and recorded.
        other = german.replace(f"version: {english.version}", f"version: {english.version + 1}")
        (tmp_path / "de" / "repair.md").write_text(other, encoding="utf-8")
        content._translation.cache_clear()
        assert content.find("repair", "de").title == english.title
    finally:
        content._source.cache_clear()
        content._translation.cache_clear()


def test_the_system_check_reads_every_file():
    assert [m for m in run_checks() if m.id == "lessons.E001"] == []
    files = sorted(content.CONTENT.glob("*/*.md"))
    # Every language's files, the English ones and each translation's: German is among them.
    assert {"en", "de"} <= {path.parent.name for path in files}
    assert sorted(path.stem for path in files if path.parent.name == "en") == sorted(SLUGS)
    assert content.read_all() == len(files)
