"""The programme report for the GP (``/rugoefening/rapport.pdf``): one or two A4 pages.

The rugtest outcome behind the programme, then the programme: start, baseline, today's
target, adherence, the progress chart, a table per week, every warning sign logged and the
check-ins after 3 to 4 weeks (W-14).
The numbers come from ``programme.selectors.plan_for`` (the same plan the pages show), the
words from the programme's and the rugtest's own texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rugtest import words as rugtest_words
from rugtest.core.programme import PROGRAMME_DAYS
from rugtest.core.triage import RULES_VERSION
from rugtest.i18n import lang
from rugtest.programme import selectors as programme_selectors
from rugtest.programme.chart import walking_chart
from rugtest.programme.forms import PART_LABELS, SIGN_LABELS
from rugtest.programme.measurements import measurement_rows
from rugtest.programme.models import Programme
from rugtest.programme.presenters import stop_action, week_running
from rugtest.selftest.models import RugtestResult

from .document import MUTED, ReportPDF
from .result import action_body, footer_line, long_date, outcome_section, person_facts


def start_line(view) -> str:
    programme = view.programme
    return _(
        "Begonnen op %(start)s. Begintijd: %(baseline)s minuten makkelijk wandelen; eerste doel "
        "%(first)s minuten per wandeling."
    ) % {"start": long_date(programme.start), "baseline": programme.baseline_minutes,
         "first": view.plan["start_minutes"]}


def today_lines(view) -> list[str]:
    """Today's day and target while the programme runs, and how often the goal was met: for
    the GP, so about the patient, not to them."""
    lines = []
    if view.state == "active":
        lines.append(_("Vandaag: dag %(day)s van %(days)s") % {"day": view.day + 1, "days": PROGRAMME_DAYS} + ".")
        if view.target is not None:
            lines.append(_("Doel vandaag: %(minutes)s minuten per wandeling.") % {"minutes": view.target})
    if view.adherence is not None:
        lines.append(_("Doel gehaald op %(percent)s%% van de dagen.") % {"percent": view.adherence})
    return lines


def report_facts(view, result, name: str = "") -> list[tuple[str, str]]:
    """The date, a name only when the person typed one, and age and sex as given in the rugtest."""
    facts = [(_("Gemaakt op"), long_date(view.today))]
    facts += person_facts(result.answers, name, pain=False) if result else ([(_("Naam"), name)] if name else [])
    return facts


def week_dates(week: dict, view) -> str:
    """A week's dates in the reports' week table: "20-11 – 26-11", or "04-12 – nu" for the week
    still running (presenters.week_running)."""
    if week_running(week, view):
        return f"{week['first_date']:%d-%m} – {_('nu')}"
    return f"{week['first_date']:%d-%m} – {min(week['last_date'], view.today):%d-%m}"


def status_line(view) -> str:
    if view.state == "active":
        return _("Status: bezig.")
    if view.state == "finished":
        return _("Status: de 12 weken zijn voorbij.")
    return _("Status: gestopt op %(date)s.") % {"date": long_date(date.fromisoformat(view.plan["stopped_on"]))}


def programme_pdf(*, view, result, signs_logged: list, checkins=(), name: str = "", made: datetime,
                  measurements=()) -> bytes:
    """``view``: the PlanView of today; ``result``: the RugtestResult behind it, or None;
    ``signs_logged``: the log entries that report a warning sign, oldest first."""
    pdf = ReportPDF(
        title=_("Rugoefening: verslag voor de huisarts"),
        subtitle=long_date(view.today),
        # The site's rules now; the rugtest below names the version it was made under.
        footer=footer_line(RULES_VERSION),
        lang=lang(), made=made,
    )
    pdf.facts(report_facts(view, result, name))
    if view.stop_advice is not None:
        # W-9: a warning sign stopped the programme; its most urgent advice comes first.
        advice = view.stop_advice
        pdf.level_box(
            advice.level,
            f"{_('De rugoefening is gestopt')} · {rugtest_words.LEVELS[advice.level]['label']}",
            str(rugtest_words.ACTIONS[advice.action]["title"]),
            # The complaints came from the log, and the report lists them below (W-9).
            action_body(advice.action, stop_action(view)["body"]),
        )

    pdf.heading(_("De rugoefening"), size=13)
    pdf.paragraph(start_line(view))
    # A stop (W-9) is what the GP must see first: the status in bold.
    pdf.run([(status_line(view) + " ", "B"), (" ".join(today_lines(view)), "")])

    pdf.heading(_("Minuten per dag"))
    pdf.walking_chart(walking_chart(view.days), _("gewandeld"), _("doel (3 × wandeltijd)"))

    pdf.heading(_("Per week"))
    rows = [
        [
            (str(week["week"]), "B"),
            (week_dates(week, view), ""),
            (str(week["total_minutes"]), ""),
            (str(week["completed_days"]), ""),
            (number_format(week["mean_pain_after"], 1) if week["mean_pain_after"] is not None else "–", ""),
        ]
        for week in view.weeks
    ]
    width = pdf.width
    pdf.grid(
        [_("Week"), _("Datum"), _("Minuten"), _("Doel gehaald (dagen)"), _("Gemiddelde pijn na het wandelen")],
        rows, [16, 34, 26, 40, width - 116], size=9,
        align=["LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"],
    )

    pdf.heading(_("Gemelde waarschuwingstekens"))
    if signs_logged:
        for entry in signs_logged:
            words = "; ".join(str(SIGN_LABELS[s]) for s in entry.warning_signs if s in SIGN_LABELS)
            pdf.run([(f"{long_date(entry.date)}, {str(PART_LABELS[entry.part]).lower()}: ", "B"), (words, "")],
                    size=9.5, bullet="•")
    else:
        pdf.paragraph(_("Geen."))

    # W-14: every check-in with its date, the answer and the support it gave.
    pdf.heading(_("Hoe het met de rug ging (na 3 tot 4 weken)"))
    if checkins:
        for checkin in checkins:
            support = str(rugtest_words.SUPPORT[checkin.support]["short"])
            factors = " ".join(str(rugtest_words.RISK_FACTORS[f]) for f in checkin.risk_factors)
            line = [(f"{long_date(checkin.date)}: ", "B"), (f"{rugtest_words.PROGRESS[checkin.progress]}. {support}", "")]
            if factors:
                line.append((" " + _("Genoemd:") + " " + factors, ""))
            pdf.run(line, size=9.5, bullet="•")
    else:
        pdf.paragraph(_("Nog geen."))

    # outcome-measures.md O-3: the table of measurements and the change since the start, with
    # its heading and its legend on one page.
    table = measurement_rows(list(measurements))

    def measures():
        pdf.heading(_("Pijn en bezigheden"))
        if table["rows"]:
            for line in table["changes"]:
                pdf.run([(line, "")], size=9.5, bullet="•")
            names = table["activity_names"]
            # The activities share what is left, in whole tenths of a millimetre: fpdf2 refuses a
            # table a hair wider than the page.
            rest = int((pdf.width - 46 - 26) * 10 / max(len(names), 1)) / 10
            pdf.grid(
                [_("Meting"), _("Pijn (0 tot 10)"), *names],
                [[(f"{row['moment_words']}, {row['date']:%d-%m-%Y}", "B"), (str(row["pain"]), ""),
                  *[("–" if score is None else str(score), "") for _name, score in row["scores"]]]
                 for row in table["rows"]],
                [46, 26, *([rest] * len(names))], size=9,
                align=["LEFT", "RIGHT", *(["RIGHT"] * len(names))],
            )
            pdf.paragraph(_("Pijn: gemiddeld in de afgelopen 24 uur, 0 is geen pijn. "
                            "Bezigheden: 10 is net zo goed als vóór de rugpijn."), colour=MUTED)
        else:
            pdf.paragraph(_("Nog geen."))

    # At most: the heading, two lines per change, a heading row of three lines, a line and a
    # half per measurement and the legend.
    pdf.keep_together(measures, at_most=14 + 10 * len(table["changes"]) + 15 + 8 * len(table["rows"]) + 12)

    if result is None:
        pdf.heading(_("De rugtest bij het begin"), size=13)
        pdf.paragraph(_("Er is geen rugtest bewaard bij deze rugoefening."), colour=MUTED)
    else:
        def lead():
            # The heading and the date stay with the outcome's box below them.
            pdf.heading(_("De rugtest bij het begin"), size=13)
            pdf.facts([(_("Rugtest ingevuld op"), long_date(timezone.localtime(result.created_at).date()))]
                      + person_facts(result.answers)[-2:], size=9)

        outcome_section(pdf, result.answers, result.outcome, early=False, lead=lead)
    return bytes(pdf.output())


# --- The report read once, for the PDF and for the share page (rugtest.sharing) -----------


@dataclass
class ProgrammeReport:
    """Everything the programme report is made from, read once. The PDF (``pdf()``) and the
    share page (``reports/programme_page.py``) are both made from it, so that they show the
    same."""

    view: programme_selectors.PlanView
    result: RugtestResult | None  # the rugtest behind the programme
    signs_logged: list
    checkins: list
    measurements: list = ()  # outcome-measures.md O-3

    def pdf(self, *, name: str = "", made: datetime | None = None) -> bytes:
        made = made or timezone.make_aware(datetime.combine(self.view.today, time(12)))
        return programme_pdf(view=self.view, result=self.result, signs_logged=self.signs_logged,
                             checkins=self.checkins, name=name, made=made, measurements=self.measurements)


def programme_report(programme: Programme, today: date) -> ProgrammeReport:
    view = programme_selectors.plan_for(programme, today)
    return ProgrammeReport(
        view=view, result=programme.result, signs_logged=programme_selectors.signs_logged(programme, view.today),
        checkins=list(programme.checkins.order_by("date")),
        measurements=programme_selectors.measurements(programme),
    )
