"""Dates said the way each language says them.

Templates and code name a format (``{{ day|date:"DAY_MONTH_FORMAT" }}``) instead of spelling one
out, and each language's module gives its own order and punctuation: "3 December" in English,
"3. Dezember" in German. Django reads these modules through ``FORMAT_MODULE_PATH``; every language
in ``LANGUAGES`` has one with every name (``tests/test_formats.py`` checks), since a name missing for
a language would be shown as it is written.
"""
