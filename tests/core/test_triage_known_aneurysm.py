"""R-ANE-1 (triage-rules.md, spec version 3): a known aneurysm of the abdominal aorta with back
pain sees a GP today, also when the pain is not sudden and constant.

The expected outcomes are written out here from the spec's tables (levels, actions, advice),
not taken from the code. The case of the issue: a 68-year-old with a known aneurysm and an
on-and-off backache, who got "selfcare" under version 2.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings

from answers import complete_answers
from clinical import clinical_text
from rugtest.core.flow import emergency_so_far
from rugtest.core.triage import LEVELS, evaluate, triage

SPEC = clinical_text("triage-rules.md")
SPEC_VERSION = int(re.search(r"^# .*\(spec version (\d+)\)", SPEC, re.M).group(1))
RANK = {level: rank for rank, level in enumerate(LEVELS)}  # 0 = most urgent
# Every test here carries the rule id, so that `pytest -k R-ANE-1` finds them all.
pytestmark = pytest.mark.parametrize("rule", ["R-ANE-1"])

SIGNS_NO = {qid: "no" for qid in (
    "saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
    "known_aneurysm", "major_trauma", "fever", "recent_spine_surgery", "weak_immunity", "cancer_history",
    "weight_loss", "feeling_ill", "night_pain", "leg_weakness", "osteoporosis", "steroids", "minor_trauma",
    "progressive", "leg_pain_below_knee", "walking_legs_relief_bending", "morning_stiffness", "pain_uncontrolled",
)}
# The issue's case: 68, back pain on and off for three weeks, had back pain before, a known
# aneurysm; no sudden, severe, constant pain.
AGE_68_ON_AND_OFF = {"age": 68, "sex": "male", "duration_weeks": 3, "pain_score": 4, "previous_episodes": "yes",
                     **SIGNS_NO, "known_aneurysm": "yes"}


def test_the_spec_has_rule_R_ANE_1_after_R_SEV_1_at_urgent_and_version_3(rule):
    rows = re.findall(r"^\| (R-[A-Z]+-\d+) \| (.+?) \| (\w+) \| (.+?) \|$", SPEC, re.M)
    ids = [row[0] for row in rows]
    assert ids.index(rule) == ids.index("R-SEV-1") + 1
    assert rows[ids.index(rule)][1:] == ("`known_aneurysm`", "urgent", "`aaa_rupture`")
    assert SPEC_VERSION == 3


def test_R_ANE_1_certain_a_known_aneurysm_with_on_and_off_pain_calls_the_gp_today(rule):
    outcome = triage({"answers": AGE_68_ON_AND_OFF})
    assert outcome == {
        "spec_version": SPEC_VERSION,
        "level": "urgent",
        "action": "call_gp_today",
        "conditions": ["aaa_rupture"],
        "rules": [rule],
        "uncertain_rules": [],
        "duration_class": "acute",
        "nonspecific": False,
        "programme": "not_now",
        "advice": ["A-CALL-GP-TODAY"],
        "risk_factors": ["F-EPISODES"],
        "support": None,
    }


def test_R_ANE_1_the_68_year_old_of_the_issue_is_no_longer_selfcare(rule):
    outcome = evaluate(AGE_68_ON_AND_OFF)
    assert outcome["level"] != "selfcare"
    # no "not dangerous", no "no scan needed", no walking programme for this person
    assert not {"A-NO-SCAN", "A-ACUTE-COURSE", "A-PROGRAMME", "A-SEE-GP-IF"} & set(outcome["advice"])
    assert outcome["programme"] == "not_now" and outcome["nonspecific"] is False
    # without the aneurysm the same person is ordinary back pain, as under version 2
    assert evaluate({**AGE_68_ON_AND_OFF, "known_aneurysm": "no"})["level"] == "selfcare"


def test_R_ANE_1_uncertain_a_dont_know_on_the_aneurysm_is_checked_today(rule):
    outcome = evaluate({**AGE_68_ON_AND_OFF, "known_aneurysm": "unknown"})
    assert (outcome["level"], outcome["action"]) == ("urgent", "call_gp_today")
    assert outcome["rules"] == [] and outcome["uncertain_rules"] == [rule]
    assert outcome["conditions"] == ["aaa_rupture"]
    assert outcome["advice"] == ["A-CALL-GP-TODAY", "A-CHECK-TODAY"]
    assert outcome["programme"] == "not_now"


@pytest.mark.parametrize("age", [35, 68])
def test_R_ANE_1_with_sudden_severe_pain_is_an_emergency_with_112(rule, age):
    """R-AAA-1 (sudden severe pain and a known aneurysm, at any age), R-SEV-1 and R-ANE-1."""
    outcome = evaluate({**AGE_68_ON_AND_OFF, "age": age, "sudden_severe_pain": "yes"})
    assert outcome["rules"] == ["R-AAA-1", "R-SEV-1", rule]
    assert (outcome["level"], outcome["action"]) == ("emergency", "call_112")
    assert outcome["conditions"] == ["aaa_rupture", "other_serious_cause"]
    assert outcome["advice"] == ["A-CALL-112"]


def test_R_ANE_1_never_makes_a_cauda_equina_emergency_a_112_call(rule):
    """call_112 follows R-AAA-1 and R-AAA-2 only; R-ANE-1 names aaa_rupture too, at urgent."""
    outcome = evaluate({**AGE_68_ON_AND_OFF, "saddle_numbness": "yes"})
    assert outcome["rules"] == ["R-CE-1", rule]
    assert (outcome["level"], outcome["action"]) == ("emergency", "call_gp_now")
    assert outcome["conditions"] == ["cauda_equina", "aaa_rupture"]
    assert outcome["advice"] == ["A-CALL-GP-NOW"]


def test_R_ANE_1_the_early_emergency_of_step_2_keeps_the_cauda_equina_action(rule):
    step_2 = {"age": 68, "duration_weeks": 3, "pain_score": 4, "saddle_numbness": "yes", "known_aneurysm": "yes"}
    outcome = emergency_so_far(step_2)
    assert outcome is not None and (outcome["level"], outcome["action"]) == ("emergency", "call_gp_now")
    assert rule in outcome["rules"]


def test_R_ANE_1_alone_never_ends_the_test_early(rule):
    """An urgent rule is no emergency: the questionnaire goes on to the other warning signs."""
    assert emergency_so_far({"age": 68, "duration_weeks": 3, "pain_score": 4, **SIGNS_NO, "known_aneurysm": "yes"}) is None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_answers())
def test_R_ANE_1_a_known_aneurysm_no_turned_into_unknown_or_yes_is_never_less_urgent(rule, answers):
    """The safety property of triage-rules.md for `known_aneurysm`, and at least urgent on "yes"."""
    no, unknown, yes = (evaluate({**answers, "known_aneurysm": value})["level"] for value in ("no", "unknown", "yes"))
    assert RANK[yes] <= RANK[unknown] <= RANK[no]
    assert RANK[yes] <= RANK["urgent"] and RANK[unknown] <= RANK["urgent"]
