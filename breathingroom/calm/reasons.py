"""Why a partner may step away in a hard moment: the lesson the waiting partner reads.

Kept as data so the page, and later the lessons and the API, show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Reason:
    slug: str
    title: _StrPromise
    text: _StrPromise
    question: _StrPromise


REASONS: tuple[Reason, ...] = (
    Reason(
        slug="old-criticism",
        title=_("Old criticism still stings"),
        text=_(
            "Some people grew up, or loved someone, where what they said was brushed aside or picked apart. "
            "Slowly they came to believe that something about them is not good enough. In a hard conversation "
            "that old belief wakes up, and stepping back feels safer than being found wanting once more."
        ),
        question=_("When you are upset, what might your partner hear about themselves, beyond what you mean?"),
    ),
    Reason(
        slug="conflict-feels-dangerous",
        title=_("Conflict itself feels dangerous"),
        text=_(
            "In some homes, shouting and slammed doors were part of ordinary life. In others, nobody ever "
            "disagreed out loud, so any argument now feels like something breaking. Whichever it was, the body can "
            "treat a disagreement as a threat long before the mind has had a chance to weigh it."
        ),
        question=_("What did disagreement look like in the home your partner grew up in? And in yours?"),
    ),
    Reason(
        slug="overwhelmed",
        title=_("Overwhelmed, they close up"),
        text=_(
            "When a talk feels too big, too fast or too loud, some people go quiet to protect themselves. The "
            "silence is not a verdict on you; it is a body looking for safety. Pressing harder tends to make "
            "them close more tightly, while a little room lets them open again."
        ),
        question=_("What helps you open up again after you have shut down? What might help your partner?"),
    ),
    Reason(
        slug="more-time",
        title=_("They need time to find their words"),
        text=_(
            "Some people sort out what they think and feel slowly, and stress slows them further. Asked for an "
            "answer straight away, they may say something that comes out wrong, and then feel even less sure "
            "the next time. Time alone gives them a chance to find out what they actually feel, and then say it."
        ),
        question=_("Could you let your partner know that a slower answer is welcome, and mean it?"),
    ),
    Reason(
        slug="unclear-argument",
        title=_("They are not sure what the argument is about"),
        text=_(
            "Sometimes one partner cannot tell what the disagreement is really about, or does not feel it is "
            "worth fighting over. Stepping away is their way of keeping it from growing. They may not realise "
            "that, for the one left behind, it can feel like being waved away."
        ),
        question=_("If you said in one sentence what you need from this conversation, what would it be?"),
    ),
)

CLOSING_TITLE = _("Stepping away is not leaving")
CLOSING: tuple[_StrPromise, ...] = (
    _(
        "For most people, stepping away is a way of protecting the relationship, not a way out of it. They are "
        "trying to keep a hard moment from doing more harm."
    ),
    _("And a break here always has a time to come back. When it comes, you will both be called back to talk."),
)
