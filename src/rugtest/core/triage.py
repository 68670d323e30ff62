"""Triage: answers in, outcome out (shared/clinical/triage-rules.md, spec version 3).

The rules are a table that reads like the spec: one row per rule id, with its level,
its condition id and its "when". The three-valued evaluation is written once, below the
table, and never per rule.

Three values: ``True`` (yes), ``False`` (no) and ``None`` (unknown). AND and OR follow
Kleene's logic, so an unknown answer can only make a rule *uncertain*, never make it
silently false.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from .questions import BY_ID, validate_request

# The version of triage-rules.md this table follows: the outcome's ``spec_version``. A
# result kept under an earlier version keeps the outcome it was given (it is never
# recomputed), so that version stays with it.
RULES_VERSION = 3

EMERGENCY, URGENT, GP, SELFCARE = "emergency", "urgent", "gp", "selfcare"
LEVELS = (EMERGENCY, URGENT, GP, SELFCARE)  # most urgent first
# The levels whose advice is about getting on with it yourself (A-STAY-ACTIVE and the rest).
MILD_LEVELS = (GP, SELFCARE)
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

ACTIONS = {URGENT: "call_gp_today", GP: "see_gp", SELFCARE: "selfcare"}
# Emergency: call_112 when R-AAA-1 or R-AAA-2 fired certain, else call_gp_now (triage-rules.md,
# Levels). Named by rule id, not by condition: R-ANE-1 names aaa_rupture too, at urgent, and a
# known aneurysm alone never makes a cauda equina emergency a 112 call.
CALL_112_RULES = frozenset({"R-AAA-1", "R-AAA-2"})
ACTION_IDS = ("call_112", "call_gp_now", *ACTIONS.values())

# Three-valued expressions over the answers ---------------------------------------------
# Each is a small callable object: ``expr(answers)`` gives True, False or None, and
# ``expr.questions`` names the question ids it reads. Lower-case names, so that the table
# below reads like the `when` column of the spec.

Tri = bool | None


class Condition(Protocol):
    """A rule's condition: the questions it reads, and its three-valued answer."""

    @property
    def questions(self) -> tuple[str, ...]: ...

    def __call__(self, answers: dict) -> Tri: ...


class yes:  # noqa: N801 - reads like the spec
    """A yes/no answer: yes is true, no is false, unknown is unknown.

    A left-out optional yes/no question counts as "no" (triage-rules.md). Required
    questions are never left out: validation rejects such a request before it gets here.
    """

    def __init__(self, qid: str):  # pragma: no mutate block (runs once, at import, to build the table)
        self.qid = qid
        self.questions = (qid,)

    def __call__(self, answers: dict) -> Tri:
        answer = answers.get(self.qid, "no")
        if answer == "unknown":
            return None
        return answer == "yes"


class num:  # noqa: N801
    """A numeric comparison (``>``, ``>=`` or ``<``): known whenever the number was asked.

    The numbers are required: the API and the CLI always have them. Only the web form's early
    emergency (questionnaire.md) can come before step 1 asked them (a second tab, a session
    that expired): a number not asked is then unknown, or ``if_unasked`` where a rule says
    how an unknown number counts (R-AAA-1: an unknown age counts as older).
    """

    def __init__(  # pragma: no mutate block (runs once, at import, to build the table)
        self, qid: str, op: str, bound: int, if_unasked: Tri = None,
    ):
        if op not in (">", ">=", "<"):
            raise ValueError(f"unknown comparison {op!r}")
        self.qid, self.op, self.bound, self.if_unasked = qid, op, bound, if_unasked
        self.questions = (qid,)

    def __call__(self, answers: dict) -> Tri:
        value = answers.get(self.qid)
        if value is None:
            return self.if_unasked
        if self.op == ">":
            return value > self.bound
        if self.op == ">=":
            return value >= self.bound
        return value < self.bound


def onset_age(answers: dict) -> int:
    """``onset_age`` = ``age`` − ⌊``duration_weeks`` / 52⌋ (triage-rules.md)."""
    return answers["age"] - answers["duration_weeks"] // 52


class onset_age_below:  # noqa: N801
    def __init__(self, bound: int):  # pragma: no mutate block (runs once, at import, to build the table)
        self.bound = bound
        self.questions = ("age", "duration_weeks")

    def __call__(self, answers: dict) -> Tri:
        if not all(qid in answers for qid in self.questions):
            return None  # not asked: the web form stopped before step 1 (see ``num``)
        return onset_age(answers) < self.bound


class onset_age_at_least:  # noqa: N801
    def __init__(self, bound: int):  # pragma: no mutate block (runs once, at import, to build the table)
        self.bound = bound
        self.questions = ("age", "duration_weeks")

    def __call__(self, answers: dict) -> Tri:
        if not all(qid in answers for qid in self.questions):
            return None  # not asked: the web form stopped before step 1 (see ``num``)
        return onset_age(answers) >= self.bound


class equals:  # noqa: N801
    """A choice compared with a value. A left-out optional choice equals nothing."""

    def __init__(self, qid: str, wanted: str):  # pragma: no mutate block (runs once, at import, to build the table)
        self.qid, self.wanted = qid, wanted
        self.questions = (qid,)

    def __call__(self, answers: dict) -> Tri:
        return answers.get(self.qid) == self.wanted


class not_:  # noqa: N801
    """Three-valued NOT: NOT yes = false, NOT no = true, NOT unknown = unknown."""

    def __init__(self, part: Condition):  # pragma: no mutate block (runs once, at import, to build the table)
        self.part = part
        self.questions = part.questions

    def __call__(self, answers: dict) -> Tri:
        result = self.part(answers)
        if result is None:
            return None
        return not result


class all_of:  # noqa: N801
    """Kleene AND: false if any part is false, true if all are true, else unknown."""

    def __init__(self, *parts: Condition):  # pragma: no mutate block (runs once, at import, to build the table)
        self.parts = parts
        self.questions = tuple(q for part in parts for q in part.questions)

    def __call__(self, answers: dict) -> Tri:
        results = [part(answers) for part in self.parts]
        if False in results:
            return False
        if all(r is True for r in results):
            return True
        return None


class any_of:  # noqa: N801
    """Kleene OR: true if any part is true, false if all are false, else unknown."""

    def __init__(self, *parts: Condition):  # pragma: no mutate block (runs once, at import, to build the table)
        self.parts = parts
        self.questions = tuple(q for part in parts for q in part.questions)

    def __call__(self, answers: dict) -> Tri:
        results = [part(answers) for part in self.parts]
        if True in results:
            return True
        if all(r is False for r in results):
            return False
        return None


Expr = yes | num | onset_age_below | onset_age_at_least | equals | not_ | all_of | any_of


# The rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    when: Expr
    level: str
    condition: str | None

    @property
    def questions(self) -> tuple[str, ...]:
        return self.when.questions


def true_questions(expr: Condition, answers: dict) -> frozenset[str]:
    """The questions of ``expr`` whose parts make it true for ``answers``: of an OR only the
    parts that are true, of an AND every part (empty when ``expr`` is not true). A reason in
    words names only these (R-AAA-1: older than 40, or an aneurysm a doctor found, or both)."""
    if expr(answers) is not True:
        return frozenset()
    if isinstance(expr, all_of | any_of):
        return frozenset().union(*(true_questions(part, answers) for part in expr.parts))
    return frozenset(expr.questions)


# NHG 2017 / R-AAA-1: above this age, sudden severe pain alone is a suspected ruptured
# abdominal aortic aneurysm (an emergency, call 112). W-9 of the walking programme uses it too.
AAA_AGE_ABOVE = 40


def says_call_112(outcome: dict) -> bool:
    """The outcome's action is "Bel nu 112" (R-AAA-1 or R-AAA-2 fired certain): a page then
    adds no other sign for 112 (D-22's, W-9's faint line)."""
    return outcome["action"] == "call_112"


def aaa_suspected_by_age(age: int | None) -> bool:
    """R-AAA-1's age part: older than 40. An age not (yet) known counts as older, so that a
    page never gives the less urgent "call 112" sentence for want of an answer."""
    return age is None or age > AAA_AGE_ABOVE


RULES: tuple[Rule, ...] = (
    # Cauda equina syndrome (NHG M54/M55): an emergency whatever the age.
    Rule("R-CE-1", yes("saddle_numbness"), EMERGENCY, "cauda_equina"),
    Rule("R-CE-2", yes("bladder_bowel"), EMERGENCY, "cauda_equina"),
    Rule("R-CE-3", yes("both_legs"), EMERGENCY, "cauda_equina"),
    # NHG 2017: a ruptured abdominal aortic aneurysm is suspected above 40. An age not asked
    # (the web form's early emergency before step 1) counts as older, as in
    # aaa_suspected_by_age: sudden severe pain then means 112 where it could apply.
    Rule(
        "R-AAA-1",
        all_of(
            yes("sudden_severe_pain"),
            any_of(num("age", ">", AAA_AGE_ABOVE, if_unasked=True), yes("known_aneurysm")),
        ),
        EMERGENCY, "aaa_rupture",
    ),
    Rule("R-AAA-2", all_of(yes("sudden_severe_pain"), yes("faint_pale_sweaty")), EMERGENCY, "aaa_rupture"),
    Rule("R-SEV-1", yes("sudden_severe_pain"), URGENT, "other_serious_cause"),
    # triage-rules.md version 3, from a check of the rules against NHG M54 (2017): someone told
    # of an abdominal aortic aneurysm who now has back pain sees a GP today, also when the pain
    # is not sudden and constant; an aneurysm about to tear often gives atypical, on-and-off
    # back or belly pain.
    Rule("R-ANE-1", yes("known_aneurysm"), URGENT, "aaa_rupture"),
    Rule("R-FRA-1", yes("major_trauma"), URGENT, "spinal_fracture"),
    Rule("R-INF-1", yes("fever"), URGENT, "infection"),
    Rule(
        "R-INF-2",
        all_of(yes("recent_spine_surgery"), any_of(yes("feeling_ill"), yes("night_pain"))),
        URGENT, "infection",
    ),
    Rule("R-INF-3", all_of(yes("weak_immunity"), yes("feeling_ill")), URGENT, "infection"),
    Rule("R-LRS-1", yes("leg_weakness"), URGENT, "radicular_syndrome"),
    Rule("R-INF-4", yes("weak_immunity"), GP, "infection"),
    Rule("R-SUR-1", yes("recent_spine_surgery"), GP, None),
    Rule("R-MAL-1", yes("cancer_history"), GP, "malignancy"),
    Rule("R-MAL-2", yes("weight_loss"), GP, "malignancy"),
    Rule(
        "R-MAL-3",
        all_of(yes("night_pain"), any_of(num("age", ">=", 50), yes("feeling_ill"))),
        GP, "malignancy",
    ),
    Rule("R-ILL-1", yes("feeling_ill"), GP, None),
    Rule("R-AGE-1", num("age", "<", 20), GP, None),
    # NHG 2017: a first back pain that begins at 50 or later is an alarm sign.
    Rule("R-AGE-2", all_of(onset_age_at_least(50), not_(yes("previous_episodes"))), GP, None),
    # NHG 2017: "onverklaarbaar langdurig of progressief beloop".
    Rule("R-PRO-1", yes("progressive"), GP, None),
    Rule(
        "R-OST-1",
        all_of(yes("minor_trauma"), any_of(yes("osteoporosis"), yes("steroids"))),
        GP, "osteoporotic_fracture",
    ),
    Rule("R-OST-2", all_of(yes("minor_trauma"), num("age", ">=", 70)), GP, "osteoporotic_fracture"),
    Rule(
        "R-OST-3",
        all_of(yes("minor_trauma"), equals("sex", "female"), num("age", ">=", 50)),
        GP, "osteoporotic_fracture",
    ),
    Rule(
        "R-AXS-1",
        all_of(
            yes("morning_stiffness"), yes("better_with_movement"),
            num("duration_weeks", ">=", 13), onset_age_below(45),
        ),
        GP, "axial_spondyloarthritis",
    ),
    Rule(
        "R-LRS-2",
        all_of(
            yes("leg_pain_below_knee"),
            any_of(yes("leg_pain_dominant"), yes("cough_sneeze_pain"), yes("leg_numb_tingling")),
        ),
        GP, "radicular_syndrome",
    ),
    Rule("R-STE-1", all_of(yes("walking_legs_relief_bending"), num("age", ">=", 50)), GP, "spinal_stenosis"),
    Rule("R-PAIN-1", yes("pain_uncontrolled"), GP, None),
)

RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in RULES)
RULE_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
CONDITIONS: tuple[str, ...] = tuple(
    dict.fromkeys(rule.condition for rule in RULES if rule.condition)
)

ADVICE_IDS = (
    "A-CALL-112", "A-CALL-GP-NOW", "A-CALL-GP-TODAY", "A-CHECK-TODAY", "A-SEE-GP",
    "A-CHECK-GP", "A-STAY-ACTIVE", "A-ACUTE-COURSE", "A-CHRONIC-CYCLE", "A-NO-SCAN",
    "A-CAUSE-MOVEMENT", "A-SPORT", "A-WORK", "A-FEAR", "A-MOOD", "A-PAINKILLERS",
    "A-PROGRAMME", "A-SUPPORT-PHYSIO", "A-SUPPORT-GP", "A-SEE-GP-IF",
)

DURATION_CLASSES = ("acute", "subacute", "chronic")
PROGRAMMES = ("recommended", "optional", "ask_gp_first", "not_now")
SUPPORTS = ("self", "physio", "gp_talk")
# triage-rules.md, Advice: the advice each ``support`` brings (``self`` brings none).
SUPPORT_ADVICE: dict[str | None, str] = {"physio": "A-SUPPORT-PHYSIO", "gp_talk": "A-SUPPORT-GP"}

MOVEMENT_CAUSES = {"sudden_movement", "short_overload", "awkward_posture", "small_accident"}


# Risk of a long course, and who can help (triage-rules.md, KNGF 2021 B.2) ----------------
# Only a "yes" or a met threshold counts, never "unknown" or a left-out answer.

RISK_FACTOR_IDS: tuple[str, ...] = (
    "F-EPISODES", "F-LIMITED", "F-LEG-PAIN", "F-PAIN-HIGH", "F-HEALTH", "F-STRESS", "F-FEAR", "F-MOOD",
    "F-EXPECT", "F-WORK-HEAVY", "F-WORK-UNHAPPY",
)
PSYCHOSOCIAL = {"F-STRESS", "F-FEAR", "F-MOOD", "F-EXPECT"}
HIGH_PAIN = 7  # F-PAIN-HIGH: `pain_score` ≥ 7


def risk_factors(answers: dict) -> list[str]:
    """The F-* factors the person reported, in the order of the spec's table."""
    present = {
        "F-EPISODES": answers.get("previous_episodes") == "yes",
        "F-LIMITED": answers.get("activity_level") == "much_less",
        "F-LEG-PAIN": answers.get("leg_pain_below_knee") == "yes",
        "F-PAIN-HIGH": answers.get("pain_score", 0) >= HIGH_PAIN,  # not asked: not reported
        "F-HEALTH": answers.get("poor_health") == "yes",
        "F-STRESS": answers.get("stress") == "yes",
        "F-FEAR": answers.get("fear_of_moving") == "yes",
        "F-MOOD": answers.get("low_mood") == "yes",
        "F-EXPECT": answers.get("expect_no_recovery") == "yes",
        "F-WORK-HEAVY": answers.get("heavy_work") == "yes",
        "F-WORK-UNHAPPY": answers.get("work_unhappy") == "yes",
    }
    return [fid for fid in RISK_FACTOR_IDS if present[fid]]


def support(level: str, factors: list[str]) -> str | None:
    """Who can best help a person with non-specific back pain get active again.

    The thresholds (2 psychosocial, 3 in all) are the spec's choice, not a validated score.
    Fear and negative expectations without stress or low mood count towards ``physio``:
    that is what a physiotherapist's graded activity treats (KNGF).
    """
    if level != SELFCARE:
        return None
    psychosocial = PSYCHOSOCIAL.intersection(factors)
    if len(psychosocial) >= 2 and psychosocial & {"F-STRESS", "F-MOOD"}:
        return "gp_talk"
    if len(factors) >= 3:
        return "physio"
    return "self"


def duration_class(weeks: int) -> str:
    """acute < 6 weeks, subacute 6 weeks to 3 months, chronic > 3 months."""
    if weeks <= 5:
        return "acute"
    if weeks <= 12:
        return "subacute"
    return "chronic"


def fired_rules(answers: dict) -> tuple[list[Rule], list[Rule]]:
    certain, uncertain = [], []
    for rule in RULES:
        value = rule.when(answers)
        if value is True:
            certain.append(rule)
        elif value is None:
            uncertain.append(rule)
    return certain, uncertain


def uncertain_level(rule: Rule) -> str:
    """triage-rules.md: a rule that fires uncertain ("Weet ik niet") counts at its own level,
    an emergency rule at urgent."""
    return URGENT if rule.level == EMERGENCY else rule.level


def _level(certain: list[Rule], uncertain: list[Rule]) -> str:
    # An uncertain emergency fires at urgent; otherwise a rule fires at its own level.
    levels = [r.level for r in certain] + [uncertain_level(r) for r in uncertain]
    return min(levels, key=_RANK.__getitem__, default=SELFCARE)


def _advice(answers: dict, level: str, action: str, dclass: str | None, uncertain: list[Rule],
            programme: str, support_id: str | None) -> list[str]:
    causes = set(answers.get("causes", ()))
    mild = level in MILD_LEVELS
    # An uncertain emergency rule counts as urgent (triage-rules.md, A-CHECK-TODAY).
    uncertain_levels = {uncertain_level(r) for r in uncertain}
    work = "work" in causes or any(
        answers.get(qid) == "yes" for qid in ("off_work", "heavy_work", "work_unhappy")
    )
    given = {
        "A-CALL-112": action == "call_112",
        "A-CALL-GP-NOW": action == "call_gp_now",
        "A-CALL-GP-TODAY": action == "call_gp_today",
        "A-CHECK-TODAY": level == URGENT and URGENT in uncertain_levels,
        "A-SEE-GP": action == "see_gp",
        "A-CHECK-GP": level in (URGENT, GP) and GP in uncertain_levels,
        "A-STAY-ACTIVE": mild,
        "A-ACUTE-COURSE": level == SELFCARE and dclass == "acute",
        "A-CHRONIC-CYCLE": level == SELFCARE and dclass != "acute",
        "A-NO-SCAN": level == SELFCARE,
        "A-CAUSE-MOVEMENT": mild and bool(causes & MOVEMENT_CAUSES),
        "A-SPORT": mild and "sport" in causes,
        "A-WORK": mild and work,
        "A-FEAR": mild and answers.get("fear_of_moving") == "yes",
        "A-MOOD": mild and answers.get("low_mood") == "yes",
        "A-PAINKILLERS": mild,
        "A-PROGRAMME": programme in ("recommended", "optional"),
        "A-SUPPORT-PHYSIO": SUPPORT_ADVICE.get(support_id) == "A-SUPPORT-PHYSIO",
        "A-SUPPORT-GP": SUPPORT_ADVICE.get(support_id) == "A-SUPPORT-GP",
        "A-SEE-GP-IF": level == SELFCARE,
    }
    return [advice_id for advice_id in ADVICE_IDS if given[advice_id]]


def outcome_of(answers: dict, certain: list[Rule], uncertain: list[Rule]) -> dict:
    level = _level(certain, uncertain)
    if level == EMERGENCY:
        action = "call_112" if any(r.id in CALL_112_RULES for r in certain) else "call_gp_now"
    else:
        action = ACTIONS[level]
    # None only when the web form's early emergency came before step 1 asked how long.
    dclass = duration_class(answers["duration_weeks"]) if "duration_weeks" in answers else None
    if level in (EMERGENCY, URGENT):
        programme = "not_now"
    elif level == GP:
        programme = "ask_gp_first"
    else:
        programme = "optional" if dclass == "acute" else "recommended"
    fired = [rule for rule in RULES if rule in certain or rule in uncertain]  # table order
    conditions = list(dict.fromkeys(r.condition for r in fired if r.condition))
    factors = risk_factors(answers)
    support_id = support(level, factors)
    return {
        "spec_version": RULES_VERSION,
        "level": level,
        "action": action,
        "conditions": conditions,
        "rules": [r.id for r in certain],
        "uncertain_rules": [r.id for r in uncertain],
        "duration_class": dclass,
        "nonspecific": not fired,
        "programme": programme,
        "advice": _advice(answers, level, action, dclass, uncertain, programme, support_id),
        "risk_factors": factors,
        "support": support_id,
    }


def evaluate(answers: dict) -> dict:
    """The outcome for a complete, validated set of answers (outcome-format.md)."""
    certain, uncertain = fired_rules(answers)
    return outcome_of(answers, certain, uncertain)


def triage(request: Any) -> dict:
    """Validate a request ``{"answers": {...}}`` and return its outcome."""
    return evaluate(validate_request(request))


def triage_json(request: Any) -> str:
    """The outcome as printed by ``rugtest triage``: sorted keys, same bytes every time."""
    return json.dumps(triage(request), sort_keys=True)  # ids only: plain ASCII


def _firing(expr: Condition, qid: str, negated: bool = False) -> set[str]:
    """The answers to ``qid`` that make ``expr`` true: "yes", or "no" under a NOT."""
    if isinstance(expr, yes):
        return {"no" if negated else "yes"} if expr.qid == qid else set()
    if isinstance(expr, not_):
        return _firing(expr.part, qid, not negated)
    if isinstance(expr, all_of | any_of):
        return set().union(*(_firing(part, qid, negated) for part in expr.parts))
    return set()


def firing_answers(qid: str, rules: tuple[Rule, ...] | None = None) -> frozenset[str]:
    """The answers to the yes/no question ``qid`` that make a rule of the table fire: "yes",
    or "no" where the rule asks NOT (R-AGE-2: a first episode; for ``previous_episodes`` "yes"
    is the reassuring answer, triage-rules.md's safety property), and "unknown", with which
    such a rule fires uncertain. Empty for a question no rule reads (steps 5 and 6)."""
    found = set().union(*(_firing(rule.when, qid) for rule in (RULES if rules is None else rules)))
    return frozenset(found | {"unknown"}) if found else frozenset()


def triggers(rule: Rule, answers: dict) -> list[str]:
    """The yes/no questions whose answer made ``rule`` fire: the answer the rule asks for
    ("yes", or "no" under a NOT, R-AGE-2) or "don't know"."""
    return [
        qid for qid in dict.fromkeys(rule.questions)
        if BY_ID[qid].type == "yesno" and answers.get(qid) in firing_answers(qid, (rule,))
    ]


def condition_levels(condition_id: str) -> list[str]:
    """The levels at which the rules table can name this condition, most urgent first.

    Read from the table itself, so that an information page can never promise less urgency
    than the rugtest gives (e.g. a hernia is "today" with a weak leg, else "within a few days").
    """
    found = {rule.level for rule in RULES if rule.condition == condition_id}
    return [level for level in LEVELS if level in found]


# D-4: the outcome keeps A-CAUSE-MOVEMENT as triage-rules.md says, but pages and reports leave
# its text out when the outcome names a condition ("this does not mean damage" contradicts a
# suspected fracture or other named cause).
def advice_left_out(outcome: dict) -> frozenset[str]:
    """The advice ids of ``outcome`` that no page or report shows in words (D-4)."""
    return frozenset({"A-CAUSE-MOVEMENT"}) if outcome.get("conditions") else frozenset()


def uncertain_emergency(outcome: dict) -> bool:
    """An emergency rule answered with "don't know" fired (at urgent, triage-rules.md) and no
    emergency rule fired certain: the page says when to call 112 after all."""
    return outcome["level"] != EMERGENCY and any(
        RULE_BY_ID[r].level == EMERGENCY for r in outcome["uncertain_rules"] if r in RULE_BY_ID
    )


# The advice that says what to do about a "don't know", by the uncertain rule's level.
CHECK_ADVICE = {URGENT: "A-CHECK-TODAY", GP: "A-CHECK-GP"}


def check_advice_for(rule: Rule, outcome: dict) -> str | None:
    """The A-CHECK-* advice of ``outcome`` that covers the uncertain ``rule``, or None (the
    outcome's own level is more urgent and says what to do)."""
    advice = CHECK_ADVICE.get(uncertain_level(rule))
    return advice if advice in outcome["advice"] else None
