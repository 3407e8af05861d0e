"""Prompts to start a journal entry from, grouped by the four lenses a couple can look through.

Kept as data, in the project's own words: the journal's pages and the API show the same ones. Keys
are stable: an entry keeps the key of the prompt it began from, so wording may change but a key
never does, and a key is never reused for a different question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    key: str
    text: str | Promise
    lens: Lens


@dataclass(frozen=True)
class Lens:
    key: str
    name: str | Promise
    # One line: what looking through this lens shows.
    why: str | Promise
    questions: tuple[tuple[str, str | Promise], ...]

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return tuple(Prompt(key, text, self) for key, text in self.questions)


LENSES: tuple[Lens, ...] = (
    Lens(
        "attachment",
        _("Attachment"),
        _("Both of you want to feel safe with the other; one of you moves closer for it, the other steps back."),
        (
            (
                "attachment_far_apart",
                _(
                    "When did you last feel far from your partner? "
                    "What did you do next, and what did you hope it would bring?"
                ),
            ),
            (
                "attachment_coming_back",
                _(
                    "What helps you trust that your partner will come back after a break? "
                    "What makes that hard to trust?"
                ),
            ),
            (
                "attachment_safe_with",
                _("Think of someone you felt safe with. What did they do that let you relax around them?"),
            ),
            (
                "attachment_protecting",
                _("When you reach for your partner, or pull away from them, what are you trying to keep safe?"),
            ),
            (
                "attachment_small_sign",
                _(
                    "Which small sign from your partner would tell you the two of you are all right, "
                    "even mid-disagreement?"
                ),
            ),
            (
                "attachment_growing_up",
                _("Growing up, what happened when someone close to you was upset with you? What did you learn to do?"),
            ),
        ),
    ),
    Lens(
        "accountability",
        _("Accountability"),
        _("Owning your own part in what happened, without blaming yourself or your partner for the rest."),
        (
            (
                "accountability_my_part",
                _("In the last hard moment, what was your part? Say it plainly, leaving out why it was fair."),
            ),
            (
                "accountability_criticised",
                _("What do you tend to do when you feel criticised? How might that land on your partner?"),
            ),
            (
                "accountability_fix_for_me",
                _("Which feeling are you waiting for your partner to fix? What could you do for it yourself first?"),
            ),
            (
                "accountability_repair",
                _("Name one thing you would like to repair. What would an honest apology from you say?"),
            ),
            (
                "accountability_next_time",
                _("How do you want to act the next time things heat up? Describe it closely enough to picture it."),
            ),
            (
                "accountability_old_shield",
                _("Which old way of protecting yourself turns up in your arguments? Where do you think it comes from?"),
            ),
        ),
    ),
    Lens(
        "body",
        _("The body"),
        _("What your body notices and does before your mind has found the words for it."),
        (
            (
                "body_right_now",
                _("Where do you feel this in your body right now? Describe it for someone who cannot see you."),
            ),
            (
                "body_before_leaving",
                _("What happens in your body just before you want to leave a conversation, or to chase one?"),
            ),
            (
                "body_three_breaths",
                _("Take three slow breaths, longer out than in. What changed, even a little?"),
            ),
            (
                "body_calm_feels",
                _("What does calm feel like in your body? Where do you notice it first?"),
            ),
            (
                "body_before_deciding",
                _(
                    "When your partner wants time apart, or wants you near, "
                    "what does your body do before you have decided anything?"
                ),
            ),
            (
                "body_settles",
                _("What helps your body settle when you are on your own? Which of those could you use during a break?"),
            ),
        ),
    ),
    Lens(
        "closeness",
        _("Closeness and independence"),
        _("Room to be yourself and nearness to each other can live side by side, not take turns."),
        (
            (
                "closeness_like_myself",
                _("What do you do on your own that makes you feel most like yourself?"),
            ),
            (
                "closeness_time_apart",
                _(
                    "How could time apart feel less like being left behind, "
                    "and more like something that serves you both?"
                ),
            ),
            (
                "closeness_both_at_once",
                _("When did you feel close to your partner and free at the same time? What made that possible?"),
            ),
            (
                "closeness_want_them_to_know",
                _(
                    "What would you like your partner to understand about your need for room, "
                    "or your need for nearness?"
                ),
            ),
            (
                "closeness_asking_gently",
                _("How could you ask for closeness in a way that leaves your partner free to say “not just now”?"),
            ),
            (
                "closeness_coming_together",
                _("What small ritual could the two of you share when you come back together after time apart?"),
            ),
        ),
    ),
)

PROMPTS: dict[str, Prompt] = {prompt.key: prompt for lens in LENSES for prompt in lens.prompts}
# The longest key any prompt could have, for the column that keeps it.
PROMPT_KEY_LENGTH = 40


def prompt(key: str) -> Prompt | None:
    """The prompt with ``key``, or None: an entry whose prompt was retired still shows its own words."""
    return PROMPTS.get(key)
