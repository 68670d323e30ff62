"""What a saved walk means, in words (W-3, W-4, W-8): "Ochtend: 8 minuten, doel gehaald.
Morgen: 9 minuten per wandeling." The numbers come from the core; this only words them."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugtest.core import programme as core

from .forms import PART_LABELS
from .selectors import core_entries


def _target_tomorrow(programme, today: date, log: tuple) -> int | None:
    request = core.PlanRequest(start=programme.start, baseline_minutes=programme.baseline_minutes,
                               today=max(today, programme.start) + timedelta(days=1), log=log)
    return core.compute_plan(request)["days"][-1]["target_minutes"]


def walk_label(day: date, part: str, today: date, *, start: bool = True) -> str:
    """A walk named for the person: "Ochtend", or for another day "Donderdag 3 december, ochtend";
    inside a sentence (``start=False``) "ochtend", "donderdag 3 december, ochtend"."""
    label = str(PART_LABELS[part]).lower()
    if day != today:
        label = f"{formats.date_format(day, 'l j F')}, {label}"
    return label[:1].upper() + label[1:] if start else label


def minutes_words(minutes: int) -> str:
    return ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes}


def logged_walk_words(entry, today: date) -> str:
    """A walk already logged, inside a sentence: "ochtend, 8 minuten"."""
    return walk_words(entry.date, entry.part, entry.minutes, today)


def walk_words(day: date, part: str, minutes: int, today: date) -> str:
    """A walk inside a sentence, saved or as typed: "ochtend, 8 minuten"."""
    return f"{walk_label(day, part, today, start=False)}, {minutes_words(minutes)}"


def saved_walk_words(programme, today: date, entry, view=None, target_before=None) -> list[str]:
    """The sentences shown after saving ``entry``: what it was, whether it reached the target of
    its day, and tomorrow's target (W-4: tomorrow can only follow from today once today counts
    as completed, so an open day says what tomorrow will be either way).

    A walk of an earlier day is named with its date, and what follows is about that walk only,
    never "today" or "tomorrow" as if it were today's; but when it changed today's target (W-8:
    the plan is recomputed from the whole log), that is said in words. ``target_before``: today's
    target before the save (None: not known, nothing said about it).

    ``view``: the plan the page has already computed after the save (selectors.plan_for), so
    that the log is not read twice."""
    if view is not None:
        log, rows = view.log, view.days
    else:
        log = core_entries(programme, today)
        rows = core.day_rows(core.PlanRequest(start=programme.start, baseline_minutes=programme.baseline_minutes,
                                              today=max(today, programme.start), log=log))
    row = next((r for r in rows if r["date"] == entry.date), None)
    target = row["target_minutes"] if row else None
    part = walk_label(entry.date, entry.part, today)
    minutes = minutes_words(entry.minutes)
    if target is None:
        first = _("%(part)s: %(minutes)s.") % {"part": part, "minutes": minutes}
    elif core.walk_meets_target(entry.minutes, target):
        first = _("%(part)s: %(minutes)s, doel gehaald.") % {"part": part, "minutes": minutes}
    else:
        first = _("%(part)s: %(minutes)s van de %(target)d, doel niet gehaald. Dat is niet erg: uw doel blijft dan gewoon hetzelfde.") % {
            "part": part, "minutes": minutes, "target": target}
    words = [first]
    today_row = rows[-1]
    if target_before is not None and today_row["target_minutes"] not in (None, target_before):
        words.append(_("Uw doel voor vandaag is nu %(minutes)d minuten.") % {"minutes": today_row["target_minutes"]})
    if entry.date != today:
        return words
    tomorrow = _target_tomorrow(programme, today, log)
    if tomorrow is None:
        return words
    if today_row["completed"] or today_row["target_minutes"] is None:
        words.append(_("Morgen: %(minutes)d minuten per wandeling.") % {"minutes": tomorrow})
        return words
    # Today is still open: what if today is completed (two walks at the target, W-3)?
    done = [p for p in core.PARTS if (today_row["minutes"][p] or 0) >= today_row["target_minutes"]]
    missing = [p for p in core.PARTS if p not in done][: max(0, 2 - len(done))]
    extra = tuple(core.WalkEntry(date=today, part=p, minutes=today_row["target_minutes"]) for p in missing)
    kept = tuple(e for e in log if not (e.date == today and e.part in missing))
    if_completed = _target_tomorrow(programme, today, kept + extra)
    if if_completed == tomorrow:
        words.append(_("Morgen: %(minutes)d minuten per wandeling.") % {"minutes": tomorrow})
    else:
        words.append(ngettext(
            "Haalt u vandaag nog %(count)d keer uw doel? Dan wordt het morgen %(up)d minuten per wandeling. Anders blijft het %(same)d.",
            "Haalt u vandaag nog %(count)d keer uw doel? Dan wordt het morgen %(up)d minuten per wandeling. Anders blijft het %(same)d.",
            len(missing)) % {"count": len(missing), "up": if_completed, "same": tomorrow})
    return words

