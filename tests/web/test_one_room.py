"""Issue #18, "each rule in one room": the clinical and programme rules live in
``rugtest.core`` and everything else calls them there.

A scan of the code outside the core fails when a rule's literal comes back (a spec id, a
threshold in a comparison, a programme or level value compared by hand); the rules that
moved into the core are held against the spec's own words (D-4, D-5, R-AAA-1, W-1, W-9, W-14);
and moving a walk to another date is one transaction.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from factories import CASES, make_programme, make_user
from helpers import walk
from rugtest.core import programme as core
from rugtest.core import questions, triage
from rugtest.core.errors import InputError
from rugtest.programme import services
from rugtest.programme.models import WalkEntry

SRC = Path(__file__).resolve().parents[2] / "src" / "rugtest"

SPEC_ID = re.compile(r"^(R|A|F|W|D|O)-[A-Z0-9]+(-[A-Z0-9]+)*$")
# Values of the outcome and of W-1/W-14 that decide something when compared by hand.
RULE_VALUES = {
    "emergency", "urgent", "gp", "selfcare", "call_gp_now", "call_gp_today", "see_gp",
    "recommended", "optional", "ask_gp_first", "not_now", "self", "physio", "gp_talk",
    "better", "same", "worse",
}
# The packages whose modules turn requests and results into pages, files and exports.
PAGE_PACKAGES = ("selftest", "programme", "reports", "sharing", "content", "privacy", "api")
# Layout, not rules: the chart's and the PDF's geometry.
LAYOUT_MODULES = {"programme/chart.py", "reports/document.py"}

# What stays outside the core on purpose, with why. Each entry is (module, literal).
ALLOWED = {
    # Where the result page puts an advice or a reason, not whether it is given.
    ("selftest/views.py", "A-CHECK-GP"),  # shown in a box of its own, not in the list
    ("selftest/views.py", 20),  # a draft's value longer than any answer value is dropped
    ("programme/forms.py", 4),  # typed digits: more than 4 is "out of range", whatever the field
    ("privacy/forms.py", 2),  # two times of day may not be the same (a form check)
    ("privacy/views.py", 400),  # an HTTP status
    ("programme/presenters.py", "call_112"),  # the page shows the 112 button for this action
}


def _docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _rule_literals():
    """(module, line, literal) of every rule literal outside the core, words.py and migrations."""
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("core/") or rel == "words.py" or "/migrations/" in rel:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and SPEC_ID.match(node.value)):
                yield rel, node.lineno, node.value
            if not isinstance(node, ast.Compare) or not rel.startswith(PAGE_PACKAGES) or rel in LAYOUT_MODULES:
                continue
            for operand in (node.left, *node.comparators):
                for sub in ast.walk(operand):
                    if not isinstance(sub, ast.Constant) or isinstance(sub.value, bool):
                        continue
                    if isinstance(sub.value, (int, float)) and sub.value not in (0, 1, -1):
                        yield rel, node.lineno, sub.value
                    if isinstance(sub.value, str) and (sub.value in RULE_VALUES or sub.value == "call_112"):
                        yield rel, node.lineno, sub.value


def test_no_rule_literal_outside_the_core():
    """A spec id, a number compared with an answer or a plan, or an outcome value compared by
    hand, in a view, presenter, selector, service, form, report or export, is a rule in a
    second room: it belongs in rugtest.core (or its wording in rugtest.words)."""
    found = [(rel, line, value) for rel, line, value in _rule_literals() if (rel, value) not in ALLOWED]
    assert not found, "rules outside rugtest.core:\n" + "\n".join(f"  {r}:{n}: {v!r}" for r, n, v in found)


def test_the_scan_finds_a_rule_typed_in_a_view(tmp_path, monkeypatch):
    """The scan itself: the aneurysm age and a D-4 advice id typed in a page module are found."""
    probe = tmp_path / "rugtest"
    (probe / "selftest").mkdir(parents=True)
    (probe / "selftest" / "probe.py").write_text(
        '"""A view."""\nHIDDEN = {"A-CAUSE-MOVEMENT"}\n\n\ndef over(answers):\n    return answers["age"] > 40\n'
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", probe)
    assert sorted(str(v) for _, _, v in _rule_literals()) == ["40", "A-CAUSE-MOVEMENT"]


def test_the_allowed_exceptions_are_all_still_needed():
    seen = {(rel, value) for rel, _, value in _rule_literals()}
    assert ALLOWED <= seen, f"no longer needed, remove from ALLOWED: {sorted(map(str, ALLOWED - seen))}"


def test_the_language_is_worked_out_in_one_place():
    """Issue #18: ``_lang()`` exists once, as rugtest.i18n.lang()."""
    copies = [p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py")
              if 'startswith("en") else "nl"' in p.read_text(encoding="utf-8")]
    assert copies == ["i18n.py"]


# --- The rules that moved, against the spec --------------------------------------------------


@pytest.mark.parametrize("age, suspected", [(39, False), (40, False), (41, True), (80, True), (None, True)])
def test_R_AAA_1_sudden_pain_alone_means_112_above_40_and_an_unknown_age_counts_as_above(age, suspected):
    assert triage.aaa_suspected_by_age(age) is suspected


def test_R_AAA_1_and_W_9_read_the_same_age_limit():
    assert core.AAA_MAX_AGE_WITHOUT_SUSPICION == triage.AAA_AGE_ABOVE == 40
    at_40 = core.most_urgent_advice(["sudden_severe_pain"], 40, "no")
    at_41 = core.most_urgent_advice(["sudden_severe_pain"], 41, "no")
    assert (at_40.action, at_41.action) == ("call_gp_today", "call_112")


@pytest.mark.parametrize("minutes, target, reminded", [
    (12, 8, False),  # exactly 1.5 × the target: not "more than"
    (13, 8, True),  # more than 1.5 × and 5 over
    (9, 8, False),
    (4, 2, False),  # twice the target but only 2 minutes over
    (7, 2, True),  # 3.5 × and 5 over
    (44, 30, False),  # 14 over but less than 1.5 × 30
    (46, 30, True),
    (40, None, False),  # no target on that day (W-3 counts from the start)
])
def test_D_5_the_far_above_target_reminder(minutes, target, reminded):
    """D-5: "A walk more than 1.5 × the target and at least 5 minutes over gets the reminder"."""
    assert core.far_above_target(minutes, target) is reminded


@pytest.mark.parametrize("hour, part", [(0, "morning"), (11, "morning"), (12, "afternoon"), (17, "afternoon"),
                                        (18, "evening"), (23, "evening")])
def test_D_5_parts_of_the_day(hour, part):
    """D-5: "morning until 12:00, afternoon until 18:00, evening after"."""
    assert core.part_of_day(hour) == part


def test_D_4_left_out_advice_only_next_to_a_named_condition():
    assert triage.advice_left_out({"conditions": ["osteoporotic_fracture"]}) == {"A-CAUSE-MOVEMENT"}
    assert triage.advice_left_out({"conditions": []}) == set()


def test_W_1_start_decisions():
    assert core.start_decision(None, None) == (False, "no_rugtest")
    assert core.start_decision("not_now", None) == (False, "not_now")
    assert core.start_decision("recommended", "active") == (False, "active")
    assert core.start_decision("recommended", "stopped", rugtest_after_last_sign=False) == (False, "stopped_needs_rugtest")
    assert core.start_decision("recommended", "stopped", rugtest_after_last_sign=True) == (True, "")
    assert core.start_decision("ask_gp_first", None) == (True, "")
    assert core.needs_gp_agreement("ask_gp_first") and not core.needs_gp_agreement("optional")
    assert not core.shows_support("not_now") and core.shows_support("recommended")


def test_W_14_worse_asks_the_pain_question_only_while_the_programme_runs():
    assert core.checkin_asks_pain_worsening("worse", "active")
    assert not core.checkin_asks_pain_worsening("worse", "stopped")
    assert not core.checkin_asks_pain_worsening("same", "active")


def test_the_warning_signs_are_the_yes_no_questions_of_steps_2_to_4():
    """questionnaire.md: steps 2 and 3 are safety questions; with step 4's yes/no questions
    they are the warning signs. "Weet ik niet" on one matters as much as "Ja"."""
    signs = [q for q in questions.QUESTIONS if questions.is_warning_sign(q)]
    assert {q.step for q in signs} == {2, 3, 4}
    assert all(q.type == questions.YESNO for q in signs)
    assert all(q.required for q in signs if q.step in (2, 3))
    sign = signs[0]
    assert questions.sign_matters(sign, "unknown") and questions.sign_matters(sign, "yes")
    assert not questions.sign_matters(sign, "no") and not questions.sign_matters(sign, None)


# --- D-4 on the PDF as on the page -----------------------------------------------------------


def _pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_D_4_the_report_leaves_out_the_everyday_cause_advice_next_to_a_named_condition(client):
    """D-4: "Pages and reports leave its text out when conditions is not empty"."""
    answers = {**CASES["E-07"]["answers"], "causes": ["short_overload"]}
    walk(client, answers)
    outcome = json.loads(client.get("/rugtest/uitslag.json").content)
    assert outcome["conditions"] and "A-CAUSE-MOVEMENT" in outcome["advice"]
    text = _pdf_text(client.get("/rugtest/uitslag.pdf"))
    assert "kapot" not in text  # A-CAUSE-MOVEMENT: "... betekent niet dat er iets kapot is"


@pytest.mark.django_db
def test_D_4_the_report_keeps_the_everyday_cause_advice_without_a_condition(client):
    walk(client, CASES["E-09"]["answers"])
    outcome = json.loads(client.get("/rugtest/uitslag.json").content)
    assert not outcome["conditions"] and "A-CAUSE-MOVEMENT" in outcome["advice"]
    assert "niet dat er iets kapot is" in _pdf_text(client.get("/rugtest/uitslag.pdf"))


# --- Moving a walk: one service, one transaction ------------------------------------------------


def _fields(day, part="morning", minutes=8):
    return {"date": day, "part": part, "minutes": minutes, "pain_before": None, "pain_after": None,
            "painkiller": "", "note": "", "warning_signs": []}


@pytest.mark.django_db(transaction=True)
def test_moving_a_walk_puts_it_on_its_new_date_only():
    programme = make_programme(make_user(password=None), days_ago=3)
    today = timezone.localdate()
    old = services.record_walk(programme=programme, today=today, **_fields(today - dt.timedelta(days=1)))
    moved = services.move_walk(entry=old, today=today, **_fields(today, "evening", 9))
    assert list(WalkEntry.objects.values_list("date", "part", "minutes")) == [(today, "evening", 9)]
    assert moved.pk != old.pk


@pytest.mark.django_db(transaction=True)
def test_a_failure_between_saving_and_wiping_leaves_the_walk_on_its_old_date_only(monkeypatch):
    """Issue #18: a crash between the two writes must not leave the walk on both dates."""
    programme = make_programme(make_user(password=None), days_ago=3)
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    old = services.record_walk(programme=programme, today=today, **_fields(yesterday))

    def crash(entry):
        raise RuntimeError("the server stopped here")

    monkeypatch.setattr(services, "_delete_entry", crash)
    with pytest.raises(RuntimeError):
        services.move_walk(entry=old, today=today, **_fields(today))
    assert list(WalkEntry.objects.values_list("date", "part", "minutes")) == [(yesterday, "morning", 8)]


@pytest.mark.django_db
def test_W_9_a_walk_with_a_warning_sign_is_neither_moved_nor_wiped():
    programme = make_programme(make_user(password=None), days_ago=3)
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    old = services.record_walk(programme=programme, today=today, **{**_fields(yesterday), "warning_signs": ["fever"]})
    with pytest.raises(InputError) as moved:
        services.move_walk(entry=old, today=today, **_fields(today))
    assert moved.value.field == "date"
    with pytest.raises(InputError):
        services.delete_walk(entry=old)
    assert list(WalkEntry.objects.values_list("date", "warning_signs")) == [(yesterday, ["fever"])]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, line", [("", "Vandaag: dag 3 van 84"), ("/en", "Today: day 3 of 84")])
def test_W_7_the_plan_counts_its_84_days_from_the_core(client, prefix, line):
    """W-7: the programme lasts 84 days; the page takes the number from core.PROGRAMME_DAYS."""
    user = make_user(password=None)
    make_programme(user, days_ago=2)
    client.force_login(user)
    assert line in client.get(f"{prefix}/rugoefening/").content.decode()
