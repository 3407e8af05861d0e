"""The words on "I need space": whose wish they are, and a few others to pick from."""

from __future__ import annotations

import re
from html import unescape

from breathingroom.breaks.forms import REASSURANCE_SUGGESTIONS
from breathingroom.breaks.tests.conftest import agree
from breathingroom.conftest import page_text

TAKE = "/space/"


def field_block(page: str) -> str:
    """From the words' label to the end of their suggestions."""
    return page.split('<label for="id_reassurance">', 1)[1].split("</details>", 1)[0]


def test_the_partners_wish_is_said_to_be_theirs_above_the_words(alex, sam, alex_client):
    agree(sam, alex, words="We're okay. I just need to breathe.")
    page = page_text(alex_client.get(TAKE))
    block = field_block(page)
    label = block.split("</label>", 1)[0]
    # The label stays the field's own; whose wish it is, is said beside it, before the words.
    assert label == "Your words to your partner"
    assert block.index("Sam asked to hear:") < block.index("<textarea")
    textarea = re.search(r"<textarea[^>]*>", block)
    assert textarea is not None
    assert 'aria-describedby="asked-note id_reassurance_helptext"' in textarea.group(0)
    assert 'id="asked-note"' in block
    assert "We&#x27;re okay. I just need to breathe.</textarea>" in block


def test_without_a_wish_nothing_claims_the_words_are_the_partners(alex_client):
    page = page_text(alex_client.get(TAKE))
    assert "asked to hear" not in page
    assert "asked-note" not in page
    # The field still has its help text, described as before.
    assert 'aria-describedby="id_reassurance_helptext"' in page


def test_suggestions_are_a_plain_list_without_javascript(alex_client):
    block = field_block(page_text(alex_client.get(TAKE)))
    assert "<summary>Other words you could send</summary>" in block
    items = [unescape(i) for i in re.findall(r"<li data-suggestion[^>]*>(.*?)</li>", block)]
    assert items == [str(s) for s in REASSURANCE_SUGGESTIONS]
    assert 3 <= len(items) <= 4
    # Short enough to read at a glance, and well within what a reassurance may hold.
    assert all(len(s) <= 100 for s in items)
    # Only the module fills the box; there is no script on the page itself.
    assert '<script type="module" src="/static/breathingroom/suggestions.js"></script>' in page_text(
        alex_client.get(TAKE)
    )
    assert not re.search(r"<script(?![^>]*src=)", page_text(alex_client.get(TAKE)))


def test_the_lengths_are_said_in_words(alex_client, alex, sam):
    agree(alex, sam, shortest=10, presets=(10, 45, 60, 90, 120))
    page = page_text(alex_client.get(TAKE))
    labels = re.findall(r'name="length" value="\d+" class="button length">([^<]+)</button>', page)
    assert labels == ["10 minutes", "45 minutes", "1 hour", "1 hour 30 minutes", "2 hours"]
