"""The walking plan as an iCalendar feed (RFC 5545), built with the icalendar library.

For the coming 14 days: three walks a day at the times the person chose, in Europe/Amsterdam
with its VTIMEZONE, each titled with the planned minutes and with an alarm. The minutes come
from the core plan (W-3, W-4): today's target. Targets of later days depend on walks not yet
made, and the plan never asks for more than today's target (W-3), so every coming day shows
today's target; the feed is computed again at every refresh, so the events follow the plan.

- No walk from the stop date on (W-9), and one all-day event on the stop date with the stop's
  advice in one sentence (D-7).
- No event after the last day of the programme (W-7, day 83).
- UIDs depend only on the programme, the date and the part of the day, so that a calendar
  replaces an event when its minutes change instead of adding a second one.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugtest import words
from rugtest.core import programme as core
from rugtest.programme.forms import PART_LABELS
from rugtest.programme.selectors import current_programme, plan_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # Terms: a day is a calendar date in Europe/Amsterdam
DAYS_AHEAD = 14
ALARM_BEFORE = dt.timedelta(minutes=10)
PRODID = "-//Rugtest//Rugoefening//NL"


def walk_uid(programme_id: int, day: dt.date, part: str) -> str:
    return f"rugoefening-{programme_id}-{day.isoformat()}-{part}@rugtest"


def stop_uid(programme_id: int, day: dt.date) -> str:
    return f"rugoefening-{programme_id}-{day.isoformat()}-stop@rugtest"


def stop_event(programme, today: dt.date) -> tuple[dt.date, str] | None:
    """D-7: the stop date and the stop's advice in one sentence, or None when not stopped."""
    if programme is None:
        return None
    view = plan_for(programme, today)
    if view.state != "stopped" or view.stop_advice is None:
        return None
    advice = view.stop_advice
    key = f"{advice.action}_faint" if advice.faint_line else advice.action
    return dt.date.fromisoformat(view.plan["stopped_on"]), str(words.STOP_EVENT[key])


def planned_walks(programme, today: dt.date) -> list[tuple[dt.date, str, int]]:
    """(date, part, minutes) of every walk in the feed: days today … today + 13 of the plan."""
    if programme is None:
        return []
    view = plan_for(programme, today)  # the plan of max(today, start)
    if view.state == "stopped":  # W-9: no event after a stop
        return []
    target = view.target
    first = max(today, programme.start)
    last = programme.start + dt.timedelta(days=core.LAST_PROGRAMME_DAY)  # W-7
    walks = []
    for offset in range(DAYS_AHEAD):
        day = today + dt.timedelta(days=offset)
        if day < first or day > last:
            continue
        walks.extend((day, part, target) for part in core.PARTS)
    return walks


def build_calendar(*, programme, times: dict, today: dt.date, lang: str = "nl",
                   now: dt.datetime | None = None) -> icalendar.Calendar:
    """The feed of ``programme`` seen on ``today``; ``times`` maps each part to a time of day."""
    now = now or timezone.now()
    with translation.override(lang):
        cal = icalendar.Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Rugoefening"))
        cal.add("x-wr-timezone", "Europe/Amsterdam")
        cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT6H")
        stopped = stop_event(programme, today)
        if stopped is not None:  # D-7: one all-day event on the stop date
            day, sentence = stopped
            event = icalendar.Event()
            event.add("uid", stop_uid(programme.pk, day))
            event.add("dtstamp", now)
            event.add("dtstart", day)  # a date: an all-day event
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", str(words.STOP_EVENT_TITLE))
            event.add("description", sentence)
            event.add("transp", "TRANSPARENT")
            cal.add_component(event)
        for day, part, minutes in planned_walks(programme, today):
            start = dt.datetime.combine(day, times[part], tzinfo=AMSTERDAM)
            title = ngettext("Wandelen: %(minutes)d minuut", "Wandelen: %(minutes)d minuten", minutes) % {
                "minutes": minutes}
            event = icalendar.Event()
            event.add("uid", walk_uid(programme.pk, day, part))
            event.add("dtstamp", now)
            event.add("dtstart", start)
            event.add("duration", dt.timedelta(minutes=minutes))
            event.add("summary", title)
            event.add("description", _(
                "%(part)s: wandel %(minutes)d minuten, in een rustig tempo. Niet langer, ook niet op een "
                "goede dag. Schrijf daarna op hoe het ging bij Rugoefening."
            ) % {"part": PART_LABELS[part], "minutes": minutes})
            event.add("transp", "TRANSPARENT")
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", -ALARM_BEFORE)
            event.add_component(alarm)
            cal.add_component(event)
        # The zone's rules from a year back to a year ahead: enough for the 14 days shown,
        # and a calendar without events still names its zone for the clients that read it.
        span = {"first_date": today - dt.timedelta(days=366), "last_date": today + dt.timedelta(days=366)}
        cal.add_missing_timezones(**span)
        if not cal.walk("VTIMEZONE"):
            cal.add_component(icalendar.Timezone.from_tzid("Europe/Amsterdam", **span))
    return cal


def feed_for(link, *, today: dt.date | None = None, lang: str = "nl") -> bytes:
    today = today or timezone.localdate()
    return build_calendar(
        programme=current_programme(link.user), times=link.times(), today=today, lang=lang,
    ).to_ical()
