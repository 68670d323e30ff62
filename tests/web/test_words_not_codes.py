"""Issue 19, "Words for people, codes for machines": the programme report and the report the GP
opens through a share link hold no internal id or value (codes.py), read as poppler's pdftotext
reads them, in Dutch and in English, for plans that show as many of the report's parts as can be:
each check-in answer (better, same, worse) with each support (self, physio, gp_talk, none at level
gp), risk factors, a warning sign that stopped the walks, pain after walking, and a rugtest with
certain and uncertain rules (R-MAL-1 and R-INF-1 answered "Weet ik niet").

The pages themselves are scanned in the browser, every page of the catalogue
(tests/browser/test_words_not_codes.py); the result page and the rugtest report for every public
example and generated answers in test_rule_reasons.py.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from codes import codes_in, pdftotext
from django.test import Client
from django.utils import timezone
from fpdf import FPDF

from factories import CASES, make_programme, make_user
from rugtest.core.triage import evaluate
from rugtest.programme.models import CheckIn, WalkEntry
from rugtest.sharing import services

pytestmark = pytest.mark.django_db

BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])

# (progress, the check-in's answers, its risk factors, the support) — every progress value and
# every support of triage.SUPPORTS, and None (a rugtest at level gp keeps no support).
CHECKINS = [
    ("better", {"stress": "no"}, [], "self"),
    ("same", {"stress": "yes"}, ["F-STRESS"], "physio"),
    ("worse", {"stress": "yes", "low_mood": "yes", "fear_of_moving": "unknown"}, ["F-STRESS", "F-MOOD"], "gp_talk"),
    ("worse", {}, [], None),
]


def plan(checkin, stopped: bool):
    """A person 25 days into the programme after the rugtest of E-05 (R-MAL-1) with a fever
    answered 'Weet ik niet' (R-INF-1 uncertain), with walks, pain after walking and a check-in."""
    answers = {**CASES["E-05"]["answers"], "fever": "unknown"}
    outcome = evaluate(answers)
    assert "R-MAL-1" in outcome["rules"] and "R-INF-1" in outcome["uncertain_rules"]
    user = make_user(f"p-{uuid.uuid4().hex[:8]}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=25, case_id="E-05", fever="unknown")
    for day in range(24):
        for part in ("morning", "evening"):
            WalkEntry.objects.create(programme=programme, date=programme.start + dt.timedelta(days=day),
                                     part=part, minutes=10 + day // 3, pain_after=(day % 7) + 1)
    if stopped:
        WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=0,
                                 warning_signs=["fever"])
    progress, checkin_answers, factors, support = checkin
    CheckIn.objects.create(programme=programme, date=timezone.localdate() - dt.timedelta(days=1), progress=progress,
                           answers=checkin_answers, risk_factors=factors, support=support)
    return user


@BOTH
@pytest.mark.parametrize("stopped", [False, True], ids=["walking", "stopped"])
@pytest.mark.parametrize("checkin", CHECKINS, ids=lambda c: f"{c[0]}-{c[3]}")
def test_the_programme_report_and_the_shared_report_speak_words(prefix, lang, checkin, stopped):
    user = plan(checkin, stopped)
    client = Client()
    client.force_login(user)
    own = client.get(f"{prefix}/rugoefening/rapport.pdf")
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    _, token = services.make_link(user=user, days=30, form_key=uuid.uuid4().hex[:22])
    shared = Client().get(f"{prefix}/gedeeld/{token}/rapport.pdf")
    assert shared.status_code == 200 and shared["Content-Type"] == "application/pdf"
    for response in (own, shared):
        text = pdftotext(response.content)
        # The report is in the page's language and holds the rugtest's reasons.
        assert {"nl": "U heeft kanker of had kanker.", "en": "You have or had cancer."}[lang] in text
        assert codes_in(text, lang) == [], text


def test_the_pdf_scan_finds_a_code_in_a_pdf():
    """The scan can fail on a PDF: a report that printed an id and a level name is caught."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Regels: R-MAL-1, niveau see_gp, antwoord same")
    assert codes_in(pdftotext(bytes(pdf.output())), "nl") == ["R-MAL-1", "see_gp", "same"]


TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "rugtest"


def test_no_template_comment_spans_lines():
    """A Django {# … #} comment ends on its own line: one that spans lines is shown to people
    (the home page once showed its notes on R-AAA-1, D-15 and D-16). {% comment %} spans lines."""
    spanning = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("templates/**/*.*"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\{#(?!.*#\})", line)
    ]
    assert spanning == []
