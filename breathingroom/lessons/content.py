"""The lessons, read from their content files: Markdown with a YAML front matter, one folder per language.

A lesson is ``content/<language>/<slug>.md``::

    ---
    slug: waiting-well        # the file's own name: progress is kept under it, so it never changes
    order: 4                  # its place in the library
    version: 1                # raised when the words change enough to be worth reading again
    title: Waiting well
    summary: A sentence or two for the library.
    reflection: The one question asked at the end.
    ---

    ## The first screen's title

    Its words: one idea.

    ## The second screen's title
    ...

Each ``## `` heading begins a screen. The Markdown is rendered by markdown-it-py in CommonMark mode with
raw HTML off, so HTML in a file is shown as the text it is, never run, and images are not drawn.

English is the source. A translation is used when its file exists and has the English version's
number; one that lags behind is left aside and the English shown, so a person always reads (and is
recorded as having read) the newest words. A malformed file raises ``LessonFileError`` naming the file
and what is wrong: at start-up (``checks.py``) and in the tests, never halfway through a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt
from markdown_it.token import Token

CONTENT = Path(__file__).resolve().parent / "content"
SOURCE_LANGUAGE = "en"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_LENGTH = 50
# Short enough for a phone's screen; the reflection also heads a journal entry.
TITLE_LENGTH = 80
SUMMARY_LENGTH = 300
REFLECTION_LENGTH = 300
FEWEST_SCREENS = 2
MOST_SCREENS = 12
TEXT_FIELDS = ("title", "summary", "reflection")
FIELDS = ("slug", "order", "version", *TEXT_FIELDS)
LIMITS = {"title": TITLE_LENGTH, "summary": SUMMARY_LENGTH, "reflection": REFLECTION_LENGTH}

_markdown = MarkdownIt("commonmark", {"html": False}).disable("image")


class LessonFileError(Exception):
    """A content file that cannot be shown as a lesson: which file, and what is wrong with it."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


@dataclass(frozen=True)
class Screen:
    title: str
    html: SafeString


@dataclass(frozen=True)
class Lesson:
    slug: str
    order: int
    version: int
    title: str
    summary: str
    reflection: str
    screens: tuple[Screen, ...]
    # The language these words are in (a translation, or the English it fell back to).
    language: str

    @property
    def count(self) -> int:
        return len(self.screens)


def parse(text: str, source: str, language: str = SOURCE_LANGUAGE) -> Lesson:
    """The lesson in ``text`` (a file's contents); ``source`` names it in errors."""
    front, body = _split(text, source)
    fields = _fields(front, source)
    return Lesson(**fields, screens=_screens(body, source), language=language)


def _split(text: str, source: str) -> tuple[str, str]:
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise LessonFileError(source, "it must begin with a front matter between two '---' lines")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    except StopIteration:
        raise LessonFileError(source, "its front matter has no closing '---' line") from None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])


def _fields(front: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as e:
        raise LessonFileError(source, f"its front matter is not valid YAML ({e})") from None
    if not isinstance(data, dict):
        raise LessonFileError(source, "its front matter must be a mapping of fields")
    missing = [name for name in FIELDS if name not in data]
    if missing:
        raise LessonFileError(source, f"its front matter lacks {', '.join(missing)}")
    unknown = sorted(set(map(str, data)) - set(FIELDS))
    if unknown:
        raise LessonFileError(source, f"its front matter has fields no lesson uses: {', '.join(unknown)}")
    slug = data["slug"]
    if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > SLUG_LENGTH:
        raise LessonFileError(source, "slug must be lower-case words joined by hyphens")
    for name in ("order", "version"):
        # YAML reads "yes" as True, which Python counts as the number 1.
        if isinstance(data[name], bool) or not isinstance(data[name], int) or data[name] < 1:
            raise LessonFileError(source, f"{name} must be a whole number from 1")
    for name in TEXT_FIELDS:
        value = data[name]
        if not isinstance(value, str) or not value.strip():
            raise LessonFileError(source, f"{name} must be some text")
        if len(value.strip()) > LIMITS[name]:
            raise LessonFileError(source, f"{name} is longer than {LIMITS[name]} characters")
        data[name] = " ".join(value.split())
    return {name: data[name] for name in FIELDS}


def _screens(body: str, source: str) -> tuple[Screen, ...]:
    tokens = _markdown.parse(body)
    starts = [i for i, token in enumerate(tokens) if token.type == "heading_open" and token.tag == "h2"]
    if any(token.type == "heading_open" and token.tag == "h1" for token in tokens):
        raise LessonFileError(source, "a '# ' heading is the page's own: begin each screen with '## '")
    if not starts or starts[0] != 0:
        raise LessonFileError(source, "its words must begin with a '## ' heading, the first screen's title")
    if not FEWEST_SCREENS <= len(starts) <= MOST_SCREENS:
        raise LessonFileError(source, f"a lesson has {FEWEST_SCREENS} to {MOST_SCREENS} screens, not {len(starts)}")
    screens: list[Screen] = []
    for start, end in zip(starts, [*starts[1:], len(tokens)], strict=True):
        title = tokens[start + 1].content.strip()
        words: list[Token] = tokens[start + 3 : end]
        if not title or not words:
            raise LessonFileError(source, f"screen {len(screens) + 1} needs a title and some words")
        # Safe: raw HTML is off, so markdown-it escapes every '<' it did not write itself.
        html = mark_safe(_markdown.renderer.render(words, _markdown.options, {}))  # noqa: S308
        screens.append(Screen(title=title, html=html))
    return tuple(screens)


def read_folder(folder: Path, language: str) -> dict[str, Lesson]:
    """Every lesson in ``folder``, by slug; a file whose name is not its slug is an error too."""
    found = {}
    for path in sorted(folder.glob("*.md")):
        source = f"{language}/{path.name}"
        lesson = parse(path.read_text(encoding="utf-8"), source, language)
        if lesson.slug != path.stem:
            raise LessonFileError(source, f"its slug is {lesson.slug!r}, but the file is named {path.stem!r}")
        found[lesson.slug] = lesson
    return found


@cache
def _source() -> dict[str, Lesson]:
    lessons = read_folder(CONTENT / SOURCE_LANGUAGE, SOURCE_LANGUAGE)
    orders = [lesson.order for lesson in lessons.values()]
    if len(set(orders)) != len(orders):
        raise LessonFileError(SOURCE_LANGUAGE, "two lessons have the same order")
    return dict(sorted(lessons.items(), key=lambda item: item[1].order))


@cache
def _translation(language: str) -> dict[str, Lesson]:
    folder = CONTENT / language
    if language == SOURCE_LANGUAGE or not folder.is_dir():
        return {}
    lessons = read_folder(folder, language)
    for slug, lesson in lessons.items():
        source = _source().get(slug)
        if source is None:
            raise LessonFileError(f"{language}/{slug}.md", "there is no English lesson of this slug")
        if lesson.order != source.order:
            raise LessonFileError(f"{language}/{slug}.md", "its order differs from the English lesson's")
    return lessons


def languages() -> list[str]:
    return sorted(path.name for path in CONTENT.iterdir() if path.is_dir())


def _wanted(language: str | None) -> list[str]:
    code = (language or get_language() or SOURCE_LANGUAGE).lower()
    return [code, code.split("-")[0]] if "-" in code else [code]


def _in(language: str | None, source: Lesson) -> Lesson:
    for code in _wanted(language):
        translated = _translation(code).get(source.slug)
        if translated is not None and translated.version == source.version:
            return translated
    return source


def library(language: str | None = None) -> tuple[Lesson, ...]:
    """Every lesson in order, each in ``language`` (the active one by default) where it is translated."""
    return tuple(_in(language, lesson) for lesson in _source().values())


def find(slug: str, language: str | None = None) -> Lesson | None:
    source = _source().get(slug)
    return _in(language, source) if source is not None else None


def read_all() -> int:
    """Read every file of every language, raising on the first malformed one; how many were read."""
    return len(_source()) + sum(len(_translation(language)) for language in languages())
