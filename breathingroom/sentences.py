"""A word from a list, or a number, said inside a sentence.

Lists show their words with a capital ("Lonely", "That you would leave me", "Repaired"). Inside an
English sentence they read in lower case: "Sam feels lonely underneath". Other languages cannot be
lowered by a rule: German keeps a noun's capital ("Nähe") and lowers an adjective's. So only English
is lowered here; every other language keeps the words as listed, and its translation of each
sentence is written so that they fit (after a colon, say, or in quotation marks). Templates say it
as ``{{ words|in_sentence }}``, never with ``lower``.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language

# Languages whose listed words all lose their capital inside a sentence.
LOWERED = frozenset({"en"})


register = template.Library()


@register.filter("in_sentence")
def inside_a_sentence(listed: str) -> str:
    """``listed`` as it reads inside a sentence of the active language."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    if language not in LOWERED or not listed:
        return listed
    return listed[0].lower() + listed[1:]


def said_number(value: float) -> str:
    """A measured number as a person reads it: to one decimal, none when it is whole, and with the
    active language's decimal mark ("4.5" in English, "4,5" in German)."""
    rounded = round(value, 1)
    return number_format(rounded, decimal_pos=0 if rounded.is_integer() else 1)
