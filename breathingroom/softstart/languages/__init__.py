"""How each language says a harsh start-up: one module a language, named by its code (``en.py``, ``de.py``),
data only, read by :mod:`breathingroom.softstart.coach` (whose docstring says how a pattern is read).

A language module holds

- ``HARSH``: for each rule (``absolute``, ``accusing``, ``label``, ``contempt``, ``mind_reading``,
  ``threat``), its patterns;
- ``PARTS``: for each part of the softer shape (``feel``, ``need``, ``ask``), patterns whose ``part``
  group is the person's own words for it;
- ``SHAPE``, the softer shape with ``{when}``, ``{feel}``, ``{need}`` and ``{ask}``, and ``BLANK``, what
  stands in a part the person has not said yet;
- ``GENTLER``: how each absolute is said in the softer shape ("" leaves it out);
- ``FUNCTION_WORDS``: words with no content of their own (a thought made only of these is left out);

and, if it needs them, ``WORDS`` and ``CONTRACTIONS`` (used in patterns), ``UNLESS`` (for each rule,
what makes a match gentle after all), ``REWORD`` (pairs of a pattern and the words it becomes in the
softer shape), ``ASK_FROM`` (patterns whose ``part`` is a request hidden in a complaint), ``LONGEST_ASK``,
``AND_WHEN`` (what joins two things that happened), ``LEAD_WORDS`` (words the shape's own "When" makes
unneeded), ``ALWAYS_CAPITAL``, and ``NEVER`` with the names after it in ``en.py`` (how "never" is said
gently, by where it stands).
"""
