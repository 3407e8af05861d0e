"""How each of the demo couple tends to act: one reaches, one settles, each with room for variety.

Weights, not rules: Maya mostly pursues and Theo mostly withdraws, yet now and then she goes quiet
or he pushes back, as people do. Every key is one the app offers (moves and fears from
``dance.vocabulary``, feelings from ``body.feelings``, needs from the phrasebook); the demo's tests
check that they still are.
"""

from __future__ import annotations

from dataclasses import dataclass

from breathingroom.demo.words import REACH, SETTLE

Weights = dict[str, float]


@dataclass(frozen=True)
class Tendency:
    role: str
    name: str
    email_name: str
    moves: Weights
    triggers: Weights
    surface: Weights
    deeper: Weights
    fears: Weights
    needs: Weights
    # The break lengths they tend to ask for, in minutes.
    lengths: dict[int, float]
    # How often, of two breaks, they are the one who steps away.
    takes_space: float
    # Late in the evening, how often "until tomorrow morning".
    until_morning: float
    extends: float
    comes_back_late: float
    # How stirred up they tend to be on coming back (0 to 10), before months of practice.
    stirred: float
    shares_side: float
    shares_check_in: float
    regions: Weights
    sensations: Weights
    body_check_ins_a_day: float
    journal_entries_a_day: float
    appreciations_a_day: float


MAYA = Tendency(
    role=REACH,
    name="Maya",
    email_name="maya",
    moves={"pursued": 48, "criticised": 18, "demanded": 14, "defended": 8, "went_quiet": 5, "withdrew": 3, "other": 4},
    triggers={
        "feeling_ignored": 26,
        "phones": 16,
        "time_together": 16,
        "plans": 12,
        "closeness": 10,
        "family": 6,
        "chores": 6,
        "tone": 5,
        "an_old_hurt": 3,
    },
    surface={"frustrated": 26, "angry": 16, "anxious": 22, "irritated": 14, "hurt": 12, "resentful": 6},
    deeper={"lonely": 28, "left_out": 16, "insecure": 22, "anxious": 12, "hurt": 10, "sad": 8, "not_enough": 4},
    fears={"being_left": 34, "not_mattering": 30, "being_alone_in_it": 24, "not_enough": 6, "it_getting_worse": 6},
    needs={"reassurance": 32, "closeness": 24, "to_be_heard": 20, "predictability": 10, "repair": 10, "help": 4},
    lengths={20: 36, 30: 30, 45: 16, 60: 10, 15: 8},
    takes_space=0.32,
    until_morning=0.06,
    extends=0.1,
    comes_back_late=0.08,
    stirred=6.0,
    shares_side=0.93,
    shares_check_in=0.65,
    regions={"chest": 34, "stomach": 22, "throat": 16, "head": 10, "arms_hands": 8, "whole_body": 10},
    sensations={"tight": 30, "racing": 18, "hot": 12, "shaky": 14, "restless": 14, "hollow": 8, "aching": 4},
    body_check_ins_a_day=0.22,
    journal_entries_a_day=0.11,
    appreciations_a_day=0.05,
)

THEO = Tendency(
    role=SETTLE,
    name="Theo",
    email_name="theo",
    moves={
        "withdrew": 42,
        "went_quiet": 24,
        "shut_down": 12,
        "defended": 12,
        "criticised": 4,
        "pursued": 2,
        "other": 4,
    },
    triggers={
        "feeling_criticised": 28,
        "tone": 22,
        "chores": 12,
        "work": 14,
        "plans": 8,
        "money": 8,
        "family": 4,
        "an_old_hurt": 4,
    },
    surface={"overwhelmed": 30, "irritated": 20, "pressured": 22, "numb": 12, "frustrated": 10, "exhausted": 6},
    deeper={"not_enough": 26, "ashamed": 14, "helpless": 16, "guilty": 14, "exhausted": 10, "far_away": 10, "sad": 10},
    fears={
        "failing_you": 28,
        "not_enough": 16,
        "being_controlled": 14,
        "it_getting_worse": 22,
        "being_blamed": 16,
        "losing_myself": 4,
    },
    needs={"time_alone": 30, "gentleness": 22, "respect": 14, "rest": 12, "appreciation": 12, "autonomy": 10},
    lengths={45: 26, 60: 30, 90: 18, 30: 14, 120: 12},
    takes_space=0.68,
    until_morning=0.3,
    extends=0.25,
    comes_back_late=0.2,
    stirred=5.0,
    shares_side=0.8,
    shares_check_in=0.45,
    regions={"shoulders": 26, "jaw": 18, "head": 14, "neck": 12, "whole_body": 12, "upper_back": 10, "stomach": 8},
    sensations={"tight": 26, "heavy": 20, "numb": 16, "hot": 10, "aching": 14, "restless": 8, "cold": 6},
    body_check_ins_a_day=0.15,
    journal_entries_a_day=0.06,
    appreciations_a_day=0.045,
)

# What a calm day's check-in feels like, for either.
SETTLED_FEELINGS = {"calm": 40, "relieved": 16, "hopeful": 18, "grateful": 14, "close": 12}
STIRRED_FEELINGS = {
    REACH: {"anxious": 26, "lonely": 20, "hurt": 16, "frustrated": 14, "insecure": 14, "sad": 10},
    SETTLE: {"overwhelmed": 28, "pressured": 18, "numb": 14, "exhausted": 14, "guilty": 12, "irritated": 14},
}
