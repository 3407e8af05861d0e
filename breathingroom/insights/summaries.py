"""Each figure said in one plain line: what was counted, never a verdict on anyone.

The same lines are the page's summaries beside each chart and the API's ``summary`` fields.
"""

from __future__ import annotations

from statistics import fmean
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from breathingroom.durations import minutes_label
from breathingroom.insights.window import Period, Stride
from breathingroom.sentences import said_number

if TYPE_CHECKING:
    from breathingroom.insights.body_counted import BodyLine
    from breathingroom.insights.figures import Insights, Said

# With this many steps with check-ins or more, a line says whether it has lately been lower or higher.
ENOUGH_FOR_A_DIRECTION = 4

# A person's body check-ins in one line, written whole for each way they went lately ("" when there
# are too few to tell), so each sentence can be translated; the count is the one named "n".
MINE = {
    "lower": ngettext_lazy(
        "You: %(n)s check-in, %(average)s of 10 on average, lately lower.",
        "You: %(n)s check-ins, %(average)s of 10 on average, lately lower.",
        "n",
    ),
    "higher": ngettext_lazy(
        "You: %(n)s check-in, %(average)s of 10 on average, lately higher.",
        "You: %(n)s check-ins, %(average)s of 10 on average, lately higher.",
        "n",
    ),
    "same": ngettext_lazy(
        "You: %(n)s check-in, %(average)s of 10 on average, lately about the same.",
        "You: %(n)s check-ins, %(average)s of 10 on average, lately about the same.",
        "n",
    ),
    "": ngettext_lazy(
        "You: %(n)s check-in, %(average)s of 10 on average.", "You: %(n)s check-ins, %(average)s of 10 on average.", "n"
    ),
}
SHARED = {
    "lower": ngettext_lazy(
        "%(name)s shares %(n)s check-in with you, %(average)s of 10 on average, lately lower.",
        "%(name)s shares %(n)s check-ins with you, %(average)s of 10 on average, lately lower.",
        "n",
    ),
    "higher": ngettext_lazy(
        "%(name)s shares %(n)s check-in with you, %(average)s of 10 on average, lately higher.",
        "%(name)s shares %(n)s check-ins with you, %(average)s of 10 on average, lately higher.",
        "n",
    ),
    "same": ngettext_lazy(
        "%(name)s shares %(n)s check-in with you, %(average)s of 10 on average, lately about the same.",
        "%(name)s shares %(n)s check-ins with you, %(average)s of 10 on average, lately about the same.",
        "n",
    ),
    "": ngettext_lazy(
        "%(name)s shares %(n)s check-in with you, %(average)s of 10 on average.",
        "%(name)s shares %(n)s check-ins with you, %(average)s of 10 on average.",
        "n",
    ),
}


def _length(value: float) -> str:
    return minutes_label(max(1, round(value))) if value >= 1 else _("under a minute")


def _since(found: Insights) -> str:
    if found.period == Period.ALL:
        return _("since %(day)s") % {"day": date_format(found.first, "DAY_MONTH_YEAR_FORMAT")}
    return _("in the last %(period)s") % {
        "period": {
            Period.QUARTER: _("3 months"),
            Period.HALF_YEAR: _("6 months"),
            Period.YEAR: _("year"),
        }[found.period]
    }


def said(found: Insights) -> dict[str, Said]:
    from breathingroom.insights.figures import Said

    return {
        "breaks": Said(_breaks(found)),
        "lengths": Said(
            _lengths(found),
            _(
                "“Took” is the time apart: from stepping away until you were both back for the reconnection "
                "(or both ready early), not the talk after it."
            ),
        ),
        "on_time": Said(
            _on_time(found),
            _(
                "On time means back no later than %(grace)s after the agreed time, extensions included, "
                "as the app noted it."
            )
            % {"grace": minutes_label(found.on_time.grace)},
        ),
        "repairs": Said(_repairs(found), _("Each of you says how it went, so each break can count twice here.")),
        "body": Said(_body(found), _body_meaning(found)),
        "heat": Said(_heat(found), _("Days and hours on your own clock.")),
        "dance": Said(_dance(found), _dance_meaning(found)),
    }


def _breaks(found: Insights) -> str:
    counted = found.breaks
    if not counted.total:
        return _("No breaks %(since)s.") % {"since": _since(found)}
    most = max(p.breaks for p in counted.points)
    if counted.by == Stride.WEEK:
        rate = _("about %(n)s a week") % {"n": said_number(counted.total / len(counted.points))}
        busiest = _("the most in one week was %(n)s") % {"n": most}
    else:
        rate = _("about %(n)s a month") % {"n": said_number(counted.total / len(counted.points))}
        busiest = _("the most in one month was %(n)s") % {"n": most}
    total = ngettext("%(n)s break %(since)s", "%(n)s breaks %(since)s", counted.total) % {
        "n": counted.total,
        "since": _since(found),
    }
    return f"{total}: {rate}; {busiest}."


def _lengths(found: Insights) -> str:
    lengths = found.lengths
    if not lengths.breaks or lengths.asked is None:
        return _("No lengths to compare yet.")
    if lengths.took is None:
        line = _("On average you asked for %(asked)s; none of these breaks has been measured to its end yet.") % {
            "asked": _length(lengths.asked)
        }
    else:
        line = _("On average you asked for %(asked)s and took %(took)s apart.") % {
            "asked": _length(lengths.asked),
            "took": _length(lengths.took),
        }
    parts = [line]
    if lengths.measured:
        parts.append(
            ngettext(
                "%(longer)s of %(n)s went longer than asked, %(extended)s with more time asked for.",
                "%(longer)s of %(n)s went longer than asked, %(extended)s with more time asked for.",
                lengths.measured,
            )
            % {"longer": lengths.longer_than_asked, "n": lengths.measured, "extended": lengths.extended}
        )
    if lengths.beyond_longest:
        parts.append(
            ngettext(
                "%(n)s went past the longest your agreement allowed at the time.",
                "%(n)s went past the longest your agreement allowed at the time.",
                lengths.beyond_longest,
            )
            % {"n": lengths.beyond_longest}
        )
    elif lengths.measured:
        parts.append(_("None went past the longest your agreement allowed."))
    return " ".join(parts)


def _on_time(found: Insights) -> str:
    timing = found.on_time
    if not timing.times:
        return _("No comings back to count yet.")
    line = ngettext(
        "Back on time %(on_time)s of %(n)s time",
        "Back on time %(on_time)s of %(n)s times",
        timing.times,
    ) % {"on_time": timing.on_time, "n": timing.times}
    rest = [ngettext("%(n)s late", "%(n)s late", timing.late) % {"n": timing.late}]
    if timing.not_noted:
        rest.append(ngettext("%(n)s not noted", "%(n)s not noted", timing.not_noted) % {"n": timing.not_noted})
    return f"{line} ({', '.join(rest)})."


def _repairs(found: Insights) -> str:
    repairs = found.repairs
    if not repairs.views:
        return _("No reconnections have been looked back on yet.")
    return ngettext(
        "Of %(n)s view of how it went: %(repaired)s repaired, %(partly)s partly, %(not_yet)s not yet.",
        "Of %(n)s views of how it went: %(repaired)s repaired, %(partly)s partly, %(not_yet)s not yet.",
        repairs.views,
    ) % {"n": repairs.views, "repaired": repairs.repaired, "partly": repairs.partly, "not_yet": repairs.not_yet}


def _lately(line: BodyLine) -> str:
    """Which way the last third went from the first: "lower", "higher", "same", or "" with too few to tell."""
    found = [p.average for p in line.points if p.average is not None]
    if len(found) < ENOUGH_FOR_A_DIRECTION:
        return ""
    part = max(1, len(found) // 3)
    change = fmean(found[-part:]) - fmean(found[:part])
    if change <= -1:
        return "lower"
    if change >= 1:
        return "higher"
    return "same"


def _body_line(line: BodyLine) -> str:
    if line.average is None:
        return ""
    said = (MINE if line.mine else SHARED)[_lately(line)]
    return said % {"n": line.check_ins, "average": said_number(line.average), "name": line.name}


def _body(found: Insights) -> str:
    lines = [s for s in (_body_line(line) for line in found.body.lines) if s]
    return " ".join(lines) if lines else _("No body check-ins in this time.")


def _body_meaning(found: Insights) -> str:
    return _("Each check-in counts by its strongest place. Yours all count; %(name)s's only while shared with you.") % {
        "name": found.partner_name
    }


def _heat(found: Insights) -> str:
    heat = found.heat
    if not heat.total:
        return _("No breaks in this time, so no times to show.")
    by_day = [sum(row) for row in heat.rows]
    by_hour = [sum(row[h] for row in heat.rows) for h in range(24)]
    day = by_day.index(max(by_day))
    hour = by_hour.index(max(by_hour))
    return _("Most often on %(day)s (%(on_day)s of %(n)s), and between %(from)s and %(to)s (%(at_hour)s).") % {
        "day": weekday_name(day, plural=True),
        "on_day": by_day[day],
        "n": heat.total,
        "from": f"{hour:02d}:00",
        "to": f"{(hour + 1) % 24:02d}:00",
        "at_hour": by_hour[hour],
    }


def weekday_name(index: int, *, plural: bool = False) -> str:
    """Monday is 0."""
    if plural:
        names = (
            _("Mondays"),
            _("Tuesdays"),
            _("Wednesdays"),
            _("Thursdays"),
            _("Fridays"),
            _("Saturdays"),
            _("Sundays"),
        )
    else:
        names = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    return names[index]


def _dance(found: Insights) -> str:
    parts = []
    for line in found.dance:
        if not line.moves:
            continue
        move = line.moves[0]
        values = {"move": move.words, "times": move.times, "n": line.sides, "name": line.name}
        if line.mine:
            parts.append(
                ngettext(
                    "Your most frequent move: “%(move)s”, in %(times)s of your %(n)s side.",
                    "Your most frequent move: “%(move)s”, in %(times)s of your %(n)s sides.",
                    line.sides,
                )
                % values
            )
        else:
            parts.append(
                ngettext(
                    "%(name)s's: “%(move)s”, in %(times)s of the %(n)s side shared with you.",
                    "%(name)s's: “%(move)s”, in %(times)s of the %(n)s sides shared with you.",
                    line.sides,
                )
                % values
            )
    return " ".join(parts) if parts else _("No sides of an episode written in this time.")


def _dance_meaning(found: Insights) -> str:
    return _("Your own sides all count, shared or not; %(name)s's only while shared with you.") % {
        "name": found.partner_name
    }
