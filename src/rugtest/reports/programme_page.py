"""The programme report as a web page: what the share page (``/gedeeld/<token>/``) shows the
GP or physiotherapist.

It is made from the same ``ProgrammeReport`` as the PDF and says the same sentences
(``start_line``, ``status_line``, ``today_lines``, ``report_facts`` of reports/programme.py),
draws the same chart (``programme.chart``) and takes every word of an id from the words home
(``rugtest.words``, ``selftest.summary``). A part added to the report (e.g. the outcome
measures) belongs in ``ProgrammeReport`` and in both makers. Words only: no rule, level or
action id reaches the page's text.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rugtest import words
from rugtest.i18n import lang
from rugtest.programme.chart import walking_chart
from rugtest.programme.measurements import measurement_rows
from rugtest.programme.presenters import day_words, stop_action
from rugtest.selftest import summary
from rugtest.selftest.models import RugtestResult

from .programme import ProgrammeReport, report_facts, start_line, status_line, today_lines, week_dates
from .result import long_date, person_facts


def _stop(view) -> dict | None:
    """W-9: the most urgent advice of the signs that stopped the programme."""
    advice = view.stop_advice
    if advice is None:
        return None
    return {
        "level": advice.level,
        "level_label": words.LEVELS[advice.level]["label"],
        "title": words.ACTIONS[advice.action]["title"],
        # The complaints came from the log and are listed below the advice (W-9).
        "body": stop_action(view)["body"],
        "signs": [words.SIGNS[s]["label"] for s in view.stop_signs],
    }


def _weeks(view) -> list[dict]:
    return [
        {
            "week": week["week"],
            "dates": week_dates(week, view),
            "total_minutes": week["total_minutes"],
            "completed_days": week["completed_days"],
            "mean_pain_after": number_format(week["mean_pain_after"], 1) if week["mean_pain_after"] is not None else "–",
        }
        for week in view.weeks
    ]


def _days(view) -> list[dict]:
    """Every day of the programme, newest first: the numbers behind the chart."""
    return [
        {
            "date": row["date"], "completed": row["completed"],
            "target_text": _("%(minutes)s min.") % {"minutes": row["target_minutes"]}
            if row["target_minutes"] is not None else None,
            "words": day_words(row, is_today=row["date"] == view.today),
        }
        for row in reversed(view.days)
    ]


def _signs(entries) -> list[dict]:
    return [
        {
            "date": long_date(entry.date),
            "part": str(words.PARTS[entry.part]).lower(),
            "signs": "; ".join(str(words.SIGNS[s]["label"]) for s in entry.warning_signs if s in words.SIGNS),
        }
        for entry in entries
    ]


def _checkins(checkins) -> list[dict]:
    """W-14: each check-in with its date, the answer in words and the support it gave."""
    return [
        {
            "date": long_date(checkin.date),
            "progress": words.PROGRESS[checkin.progress],
            "support": words.SUPPORT[checkin.support]["short"],
            "factors": " ".join(str(words.RISK_FACTORS[f]) for f in checkin.risk_factors if f in words.RISK_FACTORS),
        }
        for checkin in checkins
    ]


def rugtest_words(result: RugtestResult) -> dict:
    """A rugtest result in words, as the report's "the rugtest" part gives it."""
    answers, outcome = result.answers, result.outcome
    level, action = outcome["level"], outcome["action"]
    support = outcome.get("support")
    duration = words.DURATION.get(outcome.get("duration_class"))
    return {
        "date": long_date(timezone.localtime(result.created_at).date()),
        "facts": person_facts(answers)[-2:],  # pain then, and how long it had lasted
        "level": level,
        "level_label": words.LEVELS[level]["label"],
        "title": words.ACTIONS[action]["title"],
        "body": words.ACTIONS[action]["body"],
        "reasons": [reason["text"] for reason in summary.reasons(answers, outcome)],
        "version": " ".join(summary.version_lines(outcome)),
        "signs": [(sign["text"], sign["answer"]) for sign in summary.warning_signs(answers, outcome, lang())],
        "conditions": [condition["name"] for condition in summary.conditions(outcome)],
        "duration": duration["name"] if duration else "",
        "duration_what": duration["what"] if duration else "",
        "risk_factors": [words.RISK_FACTORS[f] for f in outcome.get("risk_factors", []) if f in words.RISK_FACTORS],
        "support": words.SUPPORT[support]["title"] if support in words.SUPPORT and support is not None else "",
    }


def report_page(report: ProgrammeReport, *, name: str = "") -> dict:
    """The template context of the report: the same parts, in the same order, as the PDF."""
    view = report.view
    return {
        "facts": report_facts(view, report.result, name),
        "stop": _stop(view),
        "start_line": start_line(view),
        "status": status_line(view),
        "today_lines": today_lines(view),
        "chart": walking_chart(view.days),
        "days": _days(view),
        "weeks": _weeks(view),
        "signs_logged": _signs(report.signs_logged),
        "checkins": _checkins(report.checkins),
        "measures": measurement_rows(list(report.measurements)),  # O-3
        "rugtest": rugtest_words(report.result) if report.result is not None else None,
    }
