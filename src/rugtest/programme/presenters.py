"""The programme in words for its pages: what each template shows, made from the core's plan.

Read-only and free of HTTP: the views pass in what they have (the plan view, the person's
result, a check-in) and get back plain dicts in the active language. Every word comes from
``rugtest.words`` or the catalogue.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugtest import words
from rugtest.core import programme as core
from rugtest.core.triage import SUPPORT_ADVICE
from rugtest.i18n import lang
from rugtest.selftest.selectors import latest_result
from rugtest.selftest.summary import version_lines

from . import chart
from .forms import CheckInForm
from .models import CheckIn
from .selectors import checkin_is_due, current_support


def stop_context(view) -> dict:
    """W-9 / W-10: the stopped programme's advice, for the programme and progress pages."""
    if view is None or view.stop_advice is None:
        return {}
    advice = view.stop_advice
    return {
        "stop": {
            "level": advice.level,
            "level_text": words.LEVELS[advice.level],
            "action": stop_action(view),
            "action_id": advice.action,  # the practice's tap-to-call links ({% calls %})
            "advice_text": words.ADVICE[advice.advice],
            "faint_line": advice.faint_line,
            "signs": [words.SIGNS[s]["label"] for s in view.stop_signs],
            "call_112": advice.action == "call_112",
            "pauses": core.stop_pauses_the_plan(advice.level),  # "Uw schema staat stil"
        }
    }


def week_running(week: dict, view) -> bool:
    """The week of today while the programme runs: not over, so its few days met are not a
    failed week ("nog bezig" on the progress page, "– nu" in the reports)."""
    return view.state == "active" and week["first_date"] <= view.today <= week["last_date"]


def result_words(outcome: dict) -> dict:
    """The rugtest outcome behind a programme, in words (level, duration, rules changed)."""
    lines = version_lines(outcome)
    return {
        "level": words.LEVELS[outcome["level"]]["label"],
        "duration": words.DURATION[outcome["duration_class"]]["name"] if outcome.get("duration_class") else None,
        # A result kept under earlier rules keeps its outcome; the page says the rules changed.
        "rules_changed": " ".join(lines) if len(lines) > 1 else "",
    }


def today_parts(view) -> list[dict]:
    """Today's three walks: their target, what is logged and whether the target was met (W-3)."""
    row = view.today_row
    entries = view.today_ids
    return [
        {"part": part, "label": words.PARTS[part], "minutes": row["minutes"][part], "entry_id": entries.get(part),
         "done": core.walk_meets_target(row["minutes"][part], view.target)}
        for part in core.PARTS
    ]


def sign_context(programme, signs) -> dict:
    """The confirm step of W-9: the signs in words and the advice they would bring."""
    latest = latest_result(programme.user)
    answers = latest.answers if latest else {}
    advice = core.most_urgent_advice(signs, answers.get("age"), answers.get("known_aneurysm"))
    return {
        "signs": [words.SIGNS[s]["label"] for s in core.WARNING_SIGNS if s in signs],
        "level": advice.level,
        "level_text": words.LEVELS[advice.level],
        "action": programme_action(advice.action, signs, "above"),  # the signs stand above the advice
        "action_id": advice.action,  # the practice's tap-to-call links ({% calls %})
        "faint_line": advice.faint_line,
        "call_112": advice.action == "call_112",
        "pauses": core.stop_pauses_the_plan(advice.level),  # "Uw schema staat stil"
    }


def stop_action(view) -> dict:
    """The words of a stop's advice (W-9) on the pages and reports that list the complaints
    below it ("U meldde:")."""
    return programme_action(view.stop_advice.action, view.stop_signs, "below")


def programme_action(action: str, signs, where: str) -> dict:
    """An action's title and body as the walking programme shows it (W-9): the complaints it
    names are the ones logged with a walk, listed ``where`` ("above" or "below") the advice."""
    body = words.PROGRAMME_ACTION_BODY.get(action, {}).get(where)
    if body is None:
        return words.ACTIONS[action]
    return {**words.ACTIONS[action], "body": body % {"count": len(signs)}}


def progress_log(view) -> dict:
    """What progress_log.html shows: the charts, the days with each logged walk, the pain
    scores and the weeks."""
    # The entries the plan was computed from (start … today), with their ids for the edit links.
    # The table repeats the same few words and one kind of link up to 252 times: made here
    # once each (the profile showed reverse() and blocktranslate per cell as most of the page).
    edit_base = reverse("programme:log")  # an entry's edit page is wandeling/<id>/ below it
    entry_ids = view.entry_ids
    entries = {(e.date, e.part): LoggedWalk(entry_ids[(e.date, e.part)], e, edit_base) for e in view.log}
    rows = []
    for row in view.days:
        target = row["target_minutes"]
        rows.append({
            **row, "entries": [(words.PARTS[p], entries.get((row["date"], p))) for p in core.PARTS],
            "words": day_words(row, is_today=row["date"] == view.today),
            "target_text": minutes_short(target) if target is not None else None,
        })
    pains: dict = {}
    for (day, part), entry in sorted(entries.items(), key=lambda item: (item[0][0], core.PARTS.index(item[0][1]))):
        if entry.pain_after is not None and view.programme.start <= day <= view.today:
            pains.setdefault(day, []).append((words.PARTS[part], entry.pain_after))
    pain_rows = [
        {"date": day, "mean": chart.mean_one_decimal([score for _, score in scores]),
         "words": ", ".join(f"{str(label).lower()} {score}" for label, score in scores)}
        for day, scores in sorted(pains.items(), reverse=True)
    ]
    return {
        "rows": list(reversed(rows)),
        "weeks": view.weeks,
        "week_groups": week_groups(list(reversed(rows)), view),
        "part_labels": [words.PARTS[p] for p in core.PARTS],
        "chart": chart.walking_chart(view.days),
        "pain_chart": chart.pain_chart(view.days, {d: [s for _, s in scores] for d, scores in pains.items()}),
        "pain_rows": pain_rows,
    }


def week_groups(rows: list[dict], view) -> list[dict]:
    """W-11 per week, newest first: each week's days (newest first) and its one line, "Week 3:
    5 dagen gehaald"; the week of today is the one shown open (issue 19), and while the
    programme runs its line says it is still going on (``week_running``)."""
    groups = []
    for week in reversed(view.weeks):
        days = [row for row in rows if week["first_date"] <= row["date"] <= week["last_date"]]
        current = week["first_date"] <= view.today <= week["last_date"]
        values = {"week": week["week"], "days": week["completed_days"]}
        if week_running(week, view):
            line = ngettext("Week %(week)d, nog bezig: %(days)d dag gehaald",
                            "Week %(week)d, nog bezig: %(days)d dagen gehaald", week["completed_days"]) % values
        else:
            line = ngettext("Week %(week)d: %(days)d dag gehaald", "Week %(week)d: %(days)d dagen gehaald",
                            week["completed_days"]) % values
        groups.append({"week": week, "rows": days, "line": line, "current": current})
    return groups


def minutes_short(minutes: int) -> str:
    return _("%(minutes)s min.") % {"minutes": minutes}


class LoggedWalk:
    """A logged walk as the progress page shows it: from the core's entry, with its edit link."""

    __slots__ = ("id", "minutes", "pain_after", "warning_signs", "url", "text")

    def __init__(self, entry_id, entry, edit_base):
        self.id, self.minutes, self.pain_after = entry_id, entry.minutes, entry.pain_after
        self.warning_signs = entry.warning_signs
        self.url = f"{edit_base}{entry_id}/"
        self.text = minutes_short(entry.minutes)


def day_words(row, is_today) -> str:
    """W-11 per day in words: "8 van 24 minuten, niet gehaald" (gehaald = a completed day, W-3)."""
    total, goal = row["total_minutes"], row["goal_minutes"]
    if goal is None:
        return ngettext("%(total)d minuut", "%(total)d minuten", total) % {"total": total}
    if row["completed"]:
        return _("%(total)d van %(goal)d minuten, gehaald") % {"total": total, "goal": goal}
    if is_today:
        return _("%(total)d van %(goal)d minuten, vandaag nog bezig") % {"total": total, "goal": goal}
    return _("%(total)d van %(goal)d minuten, niet gehaald") % {"total": total, "goal": goal}


def checkin_row(checkin) -> dict:
    """W-11 / W-14: a check-in in the progress view."""
    return {"date": checkin.date, "progress": words.PROGRESS[checkin.progress],
            "support": words.SUPPORT[checkin.support]["short"]}


def result_summary(result):
    """The rugtest outcome behind the programme, in words, for the person's GP."""
    if result is None:
        return None
    outcome = result.outcome
    return {
        "date": result.created_at,
        "level": words.LEVELS[outcome["level"]]["label"],
        "duration": words.DURATION[outcome["duration_class"]]["name"] if outcome.get("duration_class") else None,
        "version": " ".join(version_lines(outcome)),
    }


# W-14: the check-in after 3 to 4 weeks, and the W-1 support line -------------------------


def support_words(support_id) -> dict:
    return {"id": support_id, "line": words.SUPPORT[support_id]["short"]}


def checkin_panel(user, result, programme, view, today, checkins) -> dict:
    """What programme/includes/checkin.html shows at the top of the programme page.
    ``checkins``: the programme's check-ins, newest first (Meta.ordering), read once by the
    page for the support line, W-14 and the measurement of O-2."""
    shown, support_id = current_support(result, programme, checkins)
    due = view is not None and checkin_is_due(programme, today, view, checkins)
    return {
        "support": support_words(support_id) if shown else None,
        "due": due,
        "programme_id": programme.id if programme else None,
        "form": CheckInForm(lang=lang()) if due else None,
    }


def support_text(support_id):
    """W-14: the recomputed support in full: its title and what it advises."""
    if support_id is None:
        return None
    advice = SUPPORT_ADVICE.get(support_id)
    body = words.ADVICE[advice] if advice else words.SUPPORT[support_id]["body"]
    return {"title": words.SUPPORT[support_id]["title"], "body": body}


def checkin_result(checkin: CheckIn, view) -> dict:
    return {
        "checkin": checkin,
        "advice": words.CHECKIN_ADVICE[checkin.progress],
        "support": support_words(checkin.support),
        "support_text": support_text(checkin.support),
        "ask_pain_worsening": core.checkin_asks_pain_worsening(checkin.progress, view.state),
        "mood_advice": words.ADVICE[mood] if (mood := core.checkin_mood_advice(checkin.answers or {})) else None,
    }
