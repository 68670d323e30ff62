"""The rugtest report for the GP (``/rugtest/uitslag.pdf``): one or two A4 pages.

Page one: who (age and sex as given, a name only if the person typed one), the outcome in
words (level, action, the warning signs answered "yes" or "don't know", the conditions the
GP will look at), the duration class, the risk of a long course and who can help. Then
every answer in plain words, the warning signs first. No id or code: the ids are in the JSON
and FHIR downloads. The words come from ``rugtest.words`` and ``core.questions``; this module only
lays them out, in the language that is active.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rugtest import practice, safety, words
from rugtest.core import questions
from rugtest.core.triage import advice_left_out
from rugtest.i18n import lang
from rugtest.selftest import summary

from .document import BODY, MUTED, SMALL, ReportPDF


def long_date(day: date) -> str:
    return date_format(day, "j F Y")


def footer_line(spec_version: int) -> str:
    return _(
        "Rugtest volgt de NHG-Standaard Aspecifieke lagerugpijn. Dit is geen diagnose: de "
        "rugtest zegt hoe snel iemand naar wie moet, en waarom. Rugtest versie %(version)s."
    ) % {"version": spec_version}


def person_facts(answers: dict, name: str = "", pain: bool = True) -> list[tuple[str, str]]:
    """Name (only when typed), age and sex as given; with ``pain``, pain now and how long
    it had lasted when the rugtest was filled in."""
    language = lang()
    facts = [(_("Naam"), name)] if name else []
    sex = questions.BY_ID["sex"]
    # D-2: a number the early emergency never asked (it came before step 1) is "niet gevraagd".
    facts += [
        (_("Leeftijd"), summary.answer_text(questions.BY_ID["age"], answers["age"], language)
         if "age" in answers else _("niet gevraagd")),
        (_("Geslacht"), sex.choice_text(answers["sex"], language) if "sex" in answers else _("niet ingevuld")),
    ]
    if not pain:
        return facts
    if "pain_score" in answers:
        facts.append((_("Pijn nu"), _("%(score)s van 10") % {"score": answers["pain_score"]}))
    facts.append((
        _("Duur"),
        summary.answer_text(questions.BY_ID["duration_weeks"], answers["duration_weeks"], language)
        if "duration_weeks" in answers else _("niet gevraagd"),
    ))
    return facts


def action_body(action: str, body=None) -> str:
    """The action's words (``body`` when the page has its own, as the walking programme has)
    with the practice's numbers as text (issue 20: the PDF shows the number)."""
    return " ".join([str(words.ACTIONS[action]["body"] if body is None else body), *safety.numbers_text(action)])


def practice_line(pdf: ReportPDF) -> None:
    """The practice that offers the site, when RUGTEST_PRACTICE_NAME is set."""
    name = practice.current().name
    if name:
        pdf.paragraph(_("Aangeboden door %(name)s.") % {"name": name}, size=9, colour=MUTED)


# What ``outcome_section``'s ``lead`` draws at most (a heading and a line or two of facts), in mm.
LEAD_HEIGHT = 30


def outcome_section(pdf: ReportPDF, answers: dict, outcome: dict, early: bool, lead=None) -> None:
    """The outcome in words: shared by the rugtest report and the programme report. ``lead``
    draws what goes before the outcome's box (a heading and the date), kept on its page.

    Words only (STYLE.md, "Words for people, codes for machines"): the GP reads "Binnen een
    paar dagen naar de huisarts", never a level, action, rule or factor id. The ids are in
    the JSON and FHIR downloads.
    """
    language = lang()
    level, action = outcome["level"], outcome["action"]
    label, title, body = str(words.LEVELS[level]["label"]), str(words.ACTIONS[action]["title"]), action_body(action)
    if lead is None:
        pdf.level_box(level, label, title, body)
    else:
        # The heading and the date before the box go to the next page with it.
        def top():
            lead()
            pdf.level_box(level, label, title, body)

        pdf.keep_together(top, at_most=LEAD_HEIGHT + pdf.level_box_height(label, title, body))
    practice_line(pdf)
    if early:
        pdf.paragraph(_("Niet alle vragen zijn gesteld: de rugtest stopte bij een teken van spoed."),
                      size=9, style="I")
    # Why this advice: the reason of every fired rule (words.RULE_REASONS; R-ANE-1: D-22), or
    # why a result reassures; then the rules it was made under: a result kept under an
    # earlier version keeps the outcome the person saw.
    pdf.heading(_("Waarom dit advies?"))
    for reason in summary.reasons(answers, outcome):
        pdf.run([(reason["text"], "")], size=8.5, bullet="•")
    pdf.paragraph(" ".join(summary.version_lines(outcome)), size=9, colour=MUTED)

    pdf.heading(_("Waarschuwingstekens met 'Ja' of 'Weet ik niet'"))
    signs = summary.warning_signs(answers, outcome, language)
    for sign in signs:
        pdf.run([(sign["text"] + "  ", ""), (sign["answer"], "B")], size=9.5, bullet="•")
    if not signs:
        pdf.paragraph(_("Geen: elk waarschuwingsteken is met 'Nee' beantwoord."))

    conditions = summary.conditions(outcome)
    if conditions:
        pdf.heading(_("Waar de huisarts naar kijkt"))
        pdf.paragraph(_("Dit is geen diagnose. Het zijn oorzaken die bij uw antwoorden kunnen passen. "
                        "De arts zoekt uit wat het is."), size=9, colour=MUTED)
        for condition in conditions:
            pdf.run([(str(condition["name"]), "B")], size=9.5, bullet="•")

    pdf.heading(_("Duur van de pijn"))
    duration = words.DURATION.get(outcome["duration_class"])
    if duration is None:  # D-2: the early emergency came before step 1 asked it
        pdf.paragraph(_("niet gevraagd"))
    else:
        pdf.run([(str(duration["name"]) + ". ", "B"), (str(duration["what"]), "")])

    risk_section(pdf, outcome)


def risk_section(pdf: ReportPDF, outcome: dict) -> None:
    """``risk_factors`` and ``support`` (KNGF 2021, B.2): what the person reported, never a score."""
    pdf.heading(_("Kans dat de pijn lang duurt"))
    factors = outcome["risk_factors"]
    if factors:
        # One line in a few words ("Kans op langdurige klachten: stress, bang om te bewegen"),
        # then what the person told, each factor in its own sentence.
        pdf.run([(_("Kans op langdurige klachten:") + " ", "B"),
                 (", ".join(str(words.RISK_FACTORS_SHORT[f]) for f in factors), "")], size=9.5)
        pdf.paragraph(" ".join(str(words.RISK_FACTORS[f]) for f in factors), size=9)
        pdf.paragraph(_("Dit is een hulpmiddel om te kiezen wie u het beste kan helpen. Het is geen "
                        "testuitslag of score."), size=SMALL, colour=MUTED)
    else:
        pdf.paragraph(_("Geen van deze factoren gemeld (KNGF-richtlijn Lage rugpijn)."), size=9.5)
    support = outcome["support"]
    if support is not None:
        pdf.ln(0.5)
        pdf.run([(_("Wie kan helpen?") + " ", "B"), (str(words.SUPPORT[support]["title"]), "")])


def advice_section(pdf: ReportPDF, outcome: dict) -> None:
    # The level box gives the action's advice; D-4 leaves out what contradicts a named condition.
    left_out = words.ACTION_ADVICE | advice_left_out(outcome)
    advice = [a for a in outcome["advice"] if a not in left_out]
    if not advice:
        return
    pdf.heading(_("Wat de rugtest de persoon aanraadt"))
    for advice_id in advice:
        pdf.run([(summary.advice_text(advice_id, outcome), "")], size=9, bullet="•")


def answers_section(pdf: ReportPDF, answers: dict, outcome: dict, early: bool) -> None:
    """Every answer in words, the warning signs first.

    The signs answered "yes" or "don't know" stand above, by name, with their rules; here
    follow the other signs and the other questions, so that each answer is printed once
    and even a result with every sign "yes" stays within two pages.
    """
    rows = summary.answers_signs_first(answers, lang(), early)
    listed = [r for r in rows if questions.sign_matters(questions.BY_ID[r["id"]], r["value"])]
    signs = [r for r in rows if _is_sign(r["id"]) and r not in listed]
    rest = [r for r in rows if not _is_sign(r["id"])]
    pdf.heading(_("Alle antwoorden"))
    if listed:
        pdf.paragraph(_("De waarschuwingstekens met 'Ja' of 'Weet ik niet' staan hierboven."), size=9, colour=MUTED)
        pdf.ln(1)
    width = pdf.width
    sign_title = _("Andere waarschuwingstekens") if listed else _("Waarschuwingstekens")
    for title, part in ((sign_title, signs), (_("Andere vragen"), rest)):
        if not part:
            continue
        table_rows = []
        for row in part:
            if row["answer"] is None:
                # D-2: unasked questions are stored as absent and said "niet gevraagd", never "Nee".
                answer = (_("niet gevraagd") if not row["asked"] else _("niet ingevuld"), "")
            else:
                matters = summary.answer_matters(questions.BY_ID[row["id"]], answers, outcome)
                answer = (row["answer"], "B" if matters else "")
            table_rows.append([(row["text"], ""), answer])
        pdf.grid([title, _("Antwoord")], table_rows, [width - 50, 50], size=8.5)
        pdf.ln(2)
    if early:
        pdf.paragraph(_("'Niet gevraagd': de rugtest stopte bij een teken van spoed."), size=SMALL, colour=MUTED)


def _is_sign(qid: str) -> bool:
    question = questions.BY_ID[qid]
    return questions.is_warning_sign(question)


def result_pdf(*, answers: dict, outcome: dict, taken_on: date, early: bool, name: str = "",
               made: datetime) -> bytes:
    """The report as PDF bytes, in the active language."""
    pdf = ReportPDF(
        title=_("Rugtest: uitslag voor de huisarts"),
        subtitle=long_date(taken_on),
        footer=footer_line(outcome["spec_version"]),
        lang=lang(), made=made,
    )
    pdf.facts([(_("Rugtest ingevuld op"), long_date(taken_on))] + person_facts(answers, name), size=BODY)
    pdf.ln(1)
    outcome_section(pdf, answers, outcome, early)
    advice_section(pdf, outcome)
    answers_section(pdf, answers, outcome, early)
    return bytes(pdf.output())
