"""Every word a template shows goes through the translation machinery.

Each template is read with Django's own lexer. What is inside ``{% translate %}`` and
``{% blocktranslate %}`` is translated; template variables and tags stand for what the code puts
there. Everything else is plain HTML, and the words a person reads in it (text between tags, and the
attributes a browser shows or reads out: ``alt``, ``title``, ``placeholder``, ``aria-label``, a
button's ``value``) may hold only spaces, punctuation, numbers and the few signs on the allow-list.
Quoted words handed to a filter (``|default:"None yet"``) or to an included template
(``with label="Email"``) are read out too, so they are checked the same way, and a bare
``|pluralize`` (an English "s") is refused.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "breathingroom" / "templates"

# Text that is the same in every language. Signs (arrows, dashes, a close cross) hold no letter and pass anyway.
ALLOWED = {"Breathing Room"}

# Stands in for a variable or a tag: what the code puts there is checked where the code is. The spaces
# keep a tag between two attributes (`<li {% if now %}aria-current="step"{% endif %}>`) readable as HTML.
HOLE = " \x00 "

# Blocks that fill in a class name, not words: `{% block main_class %}narrow calm{% endblock %}`.
NOT_SHOWN_BLOCKS = re.compile(r"\w*_class(?:es)?$")

# Attributes a browser shows or a screen reader reads out.
SPOKEN_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "aria-roledescription"}

# Words in a filter's quoted argument or in an include's ``with name="…"`` that are shown.
SHOWN_FILTERS = re.compile(r"\|(?:default|default_if_none|yesno|pluralize):\s*(\"[^\"]*\"|'[^']*')")
SHOWN_KEYWORDS = re.compile(
    r"\b((?:\w+_)?(?:label|title|text|heading|hint|help|placeholder|legend|button|caption|message|action)s?)"
    r"=(\"[^\"]*\"|'[^']*')"
)

# Text with a letter in it, once holes, entities and allowed signs are taken out.
WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt", ".svg"})


def skeleton(source: str) -> tuple[str, list[str]]:
    """The template's HTML with every translated part dropped and every variable or tag a hole.

    Also returns the quoted words given to filters and includes that end up on the page.
    """
    parts: list[str] = []
    quoted: list[str] = []
    inside_blocktranslate = False
    inside_comment = False
    inside_class_block = False
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        if token.token_type == TokenType.BLOCK:
            name = contents.split(" ", 1)[0]
            if name in {"blocktranslate", "blocktrans"}:
                inside_blocktranslate = True
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside_blocktranslate = False
            elif name == "comment":
                inside_comment = True
            elif name == "endcomment":
                inside_comment = False
            elif name == "block" and NOT_SHOWN_BLOCKS.match(contents.split()[1]):
                inside_class_block = True
            elif name == "endblock":
                inside_class_block = False
            if not (inside_blocktranslate or inside_comment or name in {"translate", "trans"}):
                quoted += [m.group(2) for m in SHOWN_KEYWORDS.finditer(contents)]
                quoted += SHOWN_FILTERS.findall(contents)
            parts.append(HOLE)
        elif token.token_type == TokenType.VAR:
            if not inside_blocktranslate:
                quoted += SHOWN_FILTERS.findall(contents)
                # A bare |pluralize adds an English "s"; counts are said with {% blocktranslate count %}.
                quoted += ['"|pluralize"' for _ in re.finditer(r"\|pluralize\b(?!:)", contents)]
            parts.append(HOLE)
        elif token.token_type == TokenType.TEXT and not (inside_blocktranslate or inside_comment or inside_class_block):
            parts.append(token.contents)
    # A tag that names the element (`<{% if href %}a{% else %}button{% endif %}`) leaves a tag behind.
    html = re.sub(rf"<(/?)\s*{HOLE.strip()}", r"<\1x ", "".join(parts))
    return html, [q[1:-1] for q in quoted]


class ShownText(HTMLParser):
    """Collects the text a person sees or hears: data outside scripts and styles, spoken attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.hidden_depth += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and name in SPOKEN_ATTRIBUTES:
                self.shown.append(value)
        if tag == "input" and values.get("type") in {"submit", "button", "reset"} and values.get("value"):
            self.shown.append(values["value"] or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self.hidden_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.hidden_depth = max(self.hidden_depth - 1, 0)

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.shown.append(data)


def untranslated(source: str) -> list[str]:
    html, quoted = skeleton(source)
    reader = ShownText()
    reader.feed(html)
    reader.close()
    found = []
    for text in [*reader.shown, *quoted]:
        plain = " ".join(text.replace(HOLE.strip(), " ").split())
        rest = plain
        for allowed in ALLOWED:
            rest = rest.replace(allowed, " ")
        if WORD.search(rest):
            found.append(plain)
    return found


def test_every_template_is_found() -> None:
    assert len(templates()) > 100


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_shows_no_untranslated_text(path: Path) -> None:
    found = untranslated(path.read_text(encoding="utf-8"))
    where = path.relative_to(Path(settings.BASE_DIR))
    assert not found, f"{where} shows text outside {{% translate %}} / {{% blocktranslate %}}: {found}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Take a breath</p>", ["Take a breath"]),
        ('<img alt="A calm lake" src="x.png">', ["A calm lake"]),
        ('<button aria-label="Close">&times;</button>', ["Close"]),
        ('<input type="submit" value="Save">', ["Save"]),
        ('{{ note|default:"Nothing yet" }}', ["Nothing yet"]),
        ('{% include "includes/field.html" with label="Email" %}', ["Email"]),
        ("<p>{{ count }} · {% now 'Y' %}</p>", []),
        ('<p>{% translate "Take a breath" %}</p>', []),
        ("<p>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}</p>", []),
        ("<script>const x = 'not shown';</script><style>p { color: red }</style>", []),
        ("{% comment %}A note for developers{% endcomment %}", []),
        ('<p class="calm big" data-x="y">Breathing Room</p>', []),
        ('<li {% if now %}aria-current="step"{% endif %}>{{ step }}</li>', []),
        ("{% block main_class %}narrow calm{% endblock %}", []),
        ('<{% if href %}a href="{{ href }}"{% else %}button{% endif %}>Go</{% if href %}a{% endif %}>', ["Go"]),
        ('{% include "x.html" with labelledby="cycle-name" %}', []),
        ("{{ n }} minute{{ n|pluralize }}", ["minute", "|pluralize"]),
    ],
)
def test_the_check_finds_text_outside_translation(source: str, expected: list[str]) -> None:
    assert untranslated(source) == expected
