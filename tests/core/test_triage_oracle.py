"""The rule table against an oracle that shares no code with rugtest.core.

The oracle reads the `when` column of shared/clinical/triage-rules.md, parses it with its own
small parser, and evaluates it with its own three-valued (Kleene) logic. For answers that
hypothesis generates, and on both sides of every numeric threshold of the table, every rule
must fire (certain, uncertain or not at all) exactly as the oracle says, and the level,
action and conditions must follow from the fired rules as the spec's text says.
Nothing below imports rugtest.core except to call the function under test.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings

from answers import complete_answers
from clinical import clinical_text
from rugtest.core.triage import evaluate

SPEC = clinical_text("triage-rules.md")
# "# Rugtest triage rules (spec version 3)": the outcome's spec_version (outcome-format.md).
SPEC_VERSION = int(re.search(r"^# .*\(spec version (\d+)\)", SPEC, re.M).group(1))

# --- Reading the spec ------------------------------------------------------------------------


def _table(heading: str) -> list[list[str]]:
    text = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", SPEC, re.M | re.S).group(1)
    rows = []
    for line in text.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]


TOKEN = re.compile(r"\s*(?:`(?P<name>[^`]+)`|(?P<word>AND|OR|NOT)|(?P<num>\d+)|(?P<op>≥|≤|>|<|=)|(?P<paren>[()]))")


def tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = TOKEN.match(text, pos)
        assert match and match.end() > pos, f"cannot read {text[pos:]!r}"
        kind = match.lastgroup
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


class Parser:
    """expr := and ('OR' and)* ; and := not ('AND' not)* ; not := 'NOT' not | atom ;
    atom := '(' expr ')' | name [op (num | name)]"""

    def __init__(self, text: str):
        self.toks, self.i = tokens(text), 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def parse(self):
        tree = self.or_()
        assert self.i == len(self.toks), f"left over: {self.toks[self.i:]}"
        return tree

    def or_(self):
        parts = [self.and_()]
        while self.peek() == ("word", "OR"):
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def and_(self):
        parts = [self.not_()]
        while self.peek() == ("word", "AND"):
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def not_(self):
        if self.peek() == ("word", "NOT"):
            self.take()
            return ("not", self.not_())
        return self.atom()

    def atom(self):
        kind, value = self.take()
        if (kind, value) == ("paren", "("):
            tree = self.or_()
            assert self.take() == ("paren", ")")
            return tree
        assert kind == "name", f"expected a name, got {value!r}"
        if self.peek()[0] == "op":
            _, op = self.take()
            kind2, right = self.take()
            assert kind2 in ("num", "name")
            return ("cmp", value, op, int(right) if kind2 == "num" else right)
        return ("yesno", value)


RULE_ROWS = _table("Rules")
ADVICE_ORDER = [row[0] for row in _table("Advice")]
FACTOR_ROWS = _table(r"Risk of a long course, and who can help \(`risk_factors`, `support`\)")
RULES = [(row[0], Parser(row[1]).parse(), row[2], row[3].strip("`") if row[3] != "—" else None) for row in RULE_ROWS]
LEVELS = [re.search(r"`(\w+)`", row[0]).group(1) for row in _table(r"Levels \(most urgent first\)")]
EMERGENCY_ACTION = next(row[2] for row in _table(r"Levels \(most urgent first\)") if "`emergency`" in row[0])
DURATION = [(row[0], re.search(r"`(\w+)`", row[1]).group(1)) for row in _table("Duration class")]


# --- The oracle's own three-valued logic -------------------------------------------------------

def value_of(name: str, answers: dict):
    if name == "onset_age":  # "`onset_age` = `age` − ⌊`duration_weeks` / 52⌋"
        return answers["age"] - answers["duration_weeks"] // 52
    return answers.get(name)


def holds(tree, answers: dict):
    kind = tree[0]
    if kind == "yesno":
        answer = answers.get(tree[1], "no")  # a left-out optional yes/no question is `no`
        return {"yes": True, "no": False, "unknown": None}[answer]
    if kind == "cmp":
        _, name, op, right = tree
        left = value_of(name, answers)
        if isinstance(right, str):  # `sex` = `female`: a left-out choice equals nothing
            return left == right
        return {"≥": left >= right, "≤": left <= right, ">": left > right, "<": left < right, "=": left == right}[op]
    if kind == "not":
        inner = holds(tree[1], answers)
        return None if inner is None else not inner
    results = [holds(part, answers) for part in tree[1]]
    if kind == "and":
        return False if False in results else (True if all(r is True for r in results) else None)
    return True if True in results else (False if all(r is False for r in results) else None)


def oracle(answers: dict) -> dict:
    certain, uncertain = [], []
    for rule_id, tree, level, condition in RULES:
        result = holds(tree, answers)
        if result is True:
            certain.append((rule_id, level, condition))
        elif result is None:
            uncertain.append((rule_id, level, condition))
    fired_levels = [lvl for _, lvl, _ in certain] + ["urgent" if lvl == "emergency" else lvl for _, lvl, _ in uncertain]
    level = min(fired_levels, key=LEVELS.index, default="selfcare")
    if level == "emergency":
        # Levels table: "`call_112` when R-AAA-1 or R-AAA-2 fired certain, else `call_gp_now`".
        call_112 = re.findall(r"(R-[A-Z]+-\d+)", EMERGENCY_ACTION)
        action = "call_112" if any(rid in call_112 for rid, _, _ in certain) else "call_gp_now"
    else:
        action = {"urgent": "call_gp_today", "gp": "see_gp", "selfcare": "selfcare"}[level]
    fired_ids = {rid for rid, _, _ in certain + uncertain}
    conditions = []
    for rule_id, _, _, condition in RULES:
        if rule_id in fired_ids and condition and condition not in conditions:
            conditions.append(condition)
    weeks = answers["duration_weeks"]
    dclass = next(cls for span, cls in DURATION if _in_span(weeks, span))
    programme = ("not_now" if level in ("emergency", "urgent") else "ask_gp_first" if level == "gp"
                 else "optional" if dclass == "acute" else "recommended")
    factors = [row[0] for row in FACTOR_ROWS if factor_present(row[1], answers)]
    support = oracle_support(level, factors)
    uncertain_levels = {"urgent" if lvl == "emergency" else lvl for _, lvl, _ in uncertain}
    return {
        "spec_version": SPEC_VERSION,
        "rules": [rid for rid, _, _ in certain],
        "uncertain_rules": [rid for rid, _, _ in uncertain],
        "level": level,
        "action": action,
        "conditions": conditions,
        "nonspecific": not fired_ids,
        "duration_class": dclass,
        "programme": programme,
        "advice": oracle_advice(answers, level, action, dclass, uncertain_levels, programme, support),
        "risk_factors": factors,
        "support": support,
    }


def factor_present(when: str, answers: dict) -> bool:
    """The `present when` column: "`q` is yes", "`q` is `value`" or "`q` ≥ n"."""
    match = re.fullmatch(r"`(\w+)` is (yes|`(\w+)`)", when)
    if match:
        return answers.get(match.group(1)) == (match.group(3) or "yes")
    match = re.fullmatch(r"`(\w+)` ≥ (\d+)", when)
    assert match, f"cannot read {when!r}"
    return answers[match.group(1)] >= int(match.group(2))


def oracle_support(level: str, factors: list[str]) -> str | None:
    """The `support` table, read by hand: first that applies."""
    if level != "selfcare":
        return None
    psychosocial = {row[0] for row in FACTOR_ROWS if row[2].startswith("psychosocial")}
    mine = psychosocial & set(factors)
    if len(mine) >= 2 and mine & {"F-STRESS", "F-MOOD"}:
        return "gp_talk"
    if len(factors) >= 3:
        return "physio"
    return "self"


def oracle_advice(answers, level, action, dclass, uncertain_levels, programme, support) -> list[str]:
    """The Advice table's `given when` column, written out by hand."""
    mild = level in ("gp", "selfcare")
    causes = set(answers.get("causes", []))
    given = {
        "A-CALL-112": action == "call_112",
        "A-CALL-GP-NOW": action == "call_gp_now",
        "A-CALL-GP-TODAY": action == "call_gp_today",
        "A-CHECK-TODAY": level == "urgent" and "urgent" in uncertain_levels,
        "A-SEE-GP": action == "see_gp",
        "A-CHECK-GP": level in ("urgent", "gp") and "gp" in uncertain_levels,
        "A-STAY-ACTIVE": mild,
        "A-ACUTE-COURSE": level == "selfcare" and dclass == "acute",
        "A-CHRONIC-CYCLE": level == "selfcare" and dclass != "acute",
        "A-NO-SCAN": level == "selfcare",
        "A-CAUSE-MOVEMENT": mild and bool(causes & {"sudden_movement", "short_overload", "awkward_posture", "small_accident"}),
        "A-SPORT": mild and "sport" in causes,
        "A-WORK": mild and ("work" in causes or any(answers.get(q) == "yes" for q in ("off_work", "heavy_work", "work_unhappy"))),
        "A-FEAR": mild and answers.get("fear_of_moving") == "yes",
        "A-MOOD": mild and answers.get("low_mood") == "yes",
        "A-PAINKILLERS": mild,
        "A-PROGRAMME": programme in ("recommended", "optional"),
        "A-SUPPORT-PHYSIO": support == "physio",
        "A-SUPPORT-GP": support == "gp_talk",
        "A-SEE-GP-IF": level == "selfcare",
    }
    assert set(given) == set(ADVICE_ORDER), "the advice table changed: write the new rows out here"
    return [advice_id for advice_id in ADVICE_ORDER if given[advice_id]]


def _in_span(weeks: int, span: str) -> bool:
    low, _, high = span.partition("–")
    if "and more" in span:
        return weeks >= int(span.split()[0])
    return int(low) <= weeks <= int(high)


def compared(answers: dict) -> tuple[dict, dict]:
    return evaluate(answers), oracle(answers)


# --- The oracle reads what the spec says -------------------------------------------------------

def test_the_oracle_read_every_rule_of_the_table():
    assert len(RULES) == 28 and RULES[0][0] == "R-CE-1" and RULES[-1][0] == "R-PAIN-1"
    assert ("R-ANE-1", ("yesno", "known_aneurysm"), "urgent", "aaa_rupture") in RULES
    assert SPEC_VERSION == 3
    assert re.findall(r"(R-[A-Z]+-\d+)", EMERGENCY_ACTION) == ["R-AAA-1", "R-AAA-2"]
    assert dict((r[0], r[1]) for r in RULES)["R-AGE-2"] == (
        "and", [("cmp", "onset_age", "≥", 50), ("not", ("yesno", "previous_episodes"))])
    assert LEVELS == ["emergency", "urgent", "gp", "selfcare"]
    assert [cls for _, cls in DURATION] == ["acute", "subacute", "chronic"]
    assert [row[0] for row in FACTOR_ROWS][:2] == ["F-EPISODES", "F-LIMITED"] and len(FACTOR_ROWS) == 11
    assert ADVICE_ORDER[0] == "A-CALL-112" and ADVICE_ORDER[-1] == "A-SEE-GP-IF"


@pytest.mark.parametrize("answers, expected", [
    ({"a": "unknown", "b": "no"}, False), ({"a": "unknown", "b": "yes"}, None), ({"a": "yes", "b": "yes"}, True),
])
def test_the_oracles_and_is_kleene(answers, expected):
    assert holds(Parser("`a` AND `b`").parse(), answers) is expected
    assert holds(Parser("NOT (NOT `a` OR NOT `b`)").parse(), answers) is expected


# --- Generated answers -------------------------------------------------------------------------

@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_answers())
def test_every_rule_fires_as_the_oracle_reads_the_spec(answers):
    got, expected = compared(answers)
    assert got == expected


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(complete_answers(only_no_red_flags=True))
def test_without_warning_signs_only_the_numbers_decide(answers):
    got, expected = compared(answers)
    assert got == expected


# --- Both sides of every numeric threshold -----------------------------------------------------

BASE = {  # every required question, every yes/no answered "no"
    "age": 35, "duration_weeks": 2, "pain_score": 3, "previous_episodes": "yes",
    **{qid: "no" for qid in (
        "saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
        "known_aneurysm", "major_trauma", "fever", "recent_spine_surgery", "weak_immunity",
        "cancer_history", "weight_loss", "feeling_ill", "night_pain", "leg_weakness", "osteoporosis",
        "steroids", "minor_trauma", "progressive", "leg_pain_below_knee", "walking_legs_relief_bending",
        "morning_stiffness", "pain_uncontrolled")},
}


def _parts(tree):
    if tree[0] in ("and", "or"):
        for part in tree[1]:
            yield from _parts(part)
    elif tree[0] == "not":
        yield from _parts(tree[1])
    else:
        yield tree


def _numeric_settings(name: str, value: int) -> list[dict]:
    """Answers that give ``name`` the ``value`` (onset_age in more than one way)."""
    if name == "onset_age":
        pairs = [(value, 0), (value + 1, 52), (value + 1, 103), (value + 2, 104)]
        return [{"age": a, "duration_weeks": w} for a, w in pairs if 16 <= a <= 120]
    return [{name: value}]


THRESHOLD_CASES = []
for rule_id, tree, _, _ in RULES:
    parts = list(_parts(tree))
    flags = sorted({p[1] for p in parts if p[0] == "yesno"})
    for part in parts:
        if part[0] == "cmp" and isinstance(part[3], int):
            THRESHOLD_CASES.append((rule_id, flags, part[1], part[3]))


def test_the_thresholds_are_the_spec_ones():
    found = {(name, bound) for _, _, name, bound in THRESHOLD_CASES}
    assert found == {("age", 40), ("age", 50), ("age", 70), ("age", 20), ("duration_weeks", 13),
                     ("onset_age", 45), ("onset_age", 50)}


@pytest.mark.parametrize("rule_id, flags, name, bound", THRESHOLD_CASES,
                         ids=[f"{r}-{n}-{b}" for r, _, n, b in THRESHOLD_CASES])
def test_both_sides_of_every_threshold(rule_id, flags, name, bound):
    """bound − 1, bound and bound + 1, with every yes/no combination of the rule's questions,
    and for the other numbers a value on each side of their own thresholds."""
    other_numbers = [{"age": 45}, {"age": 55}, {"age": 72}, {"duration_weeks": 20}, {"duration_weeks": 0}]
    seen = set()
    for value in (bound - 1, bound, bound + 1):
        for numeric in _numeric_settings(name, value):
            for other in [{}] + other_numbers:
                for combo in itertools.product(["yes", "no"], repeat=len(flags)):
                    answers = {**BASE, **other, **numeric, **dict(zip(flags, combo)), "sex": "female"}
                    got, expected = compared(answers)
                    assert got == expected, answers
                    seen.add(rule_id in expected["rules"])
    assert seen == {True, False}, f"{rule_id}: the threshold never decided"


@pytest.mark.parametrize("weeks, dclass", [(0, "acute"), (5, "acute"), (6, "subacute"), (12, "subacute"),
                                            (13, "chronic"), (520, "chronic")])
def test_both_sides_of_the_duration_classes(weeks, dclass):
    assert evaluate({**BASE, "duration_weeks": weeks})["duration_class"] == dclass


@pytest.mark.parametrize("pain, high", [(0, False), (6, False), (7, True), (8, True), (10, True)])
def test_both_sides_of_high_pain(pain, high):
    # triage-rules.md, F-PAIN-HIGH: `pain_score` ≥ 7
    assert ("F-PAIN-HIGH" in evaluate({**BASE, "pain_score": pain})["risk_factors"]) is high


@pytest.mark.parametrize("sex", ["male", "other", None])
def test_R_OST_3_needs_female(sex):
    answers = {**BASE, "minor_trauma": "yes", "age": 55}
    if sex:
        answers["sex"] = sex
    else:
        answers.pop("sex", None)
    got, expected = compared(answers)
    assert got == expected and "R-OST-3" not in got["rules"]


# --- Every answer to every rule's own questions ------------------------------------------------

@pytest.mark.parametrize("rule_id, tree", [(r[0], r[1]) for r in RULES], ids=[r[0] for r in RULES])
def test_every_combination_of_a_rules_own_answers(rule_id, tree):
    """yes, no and don't know for each yes/no question of the rule, the others "no": the
    whole outcome (not only this rule) as the oracle says, at ages and durations on both
    sides of the table's numbers."""
    flags = sorted({p[1] for p in _parts(tree) if p[0] == "yesno"})
    numbers = [{"age": 35, "duration_weeks": 2}, {"age": 19, "duration_weeks": 20},
               {"age": 60, "duration_weeks": 0}, {"age": 72, "duration_weeks": 13},
               {"age": 44, "duration_weeks": 520}]
    fired = set()
    for numeric in numbers:
        for sex in SEXES:
            for combo in itertools.product(["yes", "no", "unknown"], repeat=len(flags)):
                answers = _with_sex({**BASE, **numeric, **dict(zip(flags, combo))}, sex)
                got, expected = compared(answers)
                assert got == expected, answers
                fired.add((rule_id in got["rules"], rule_id in got["uncertain_rules"]))
    assert (True, False) in fired and (False, False) in fired


# --- Two rules at once -------------------------------------------------------------------------

SEXES = ("female", "male", None)  # `sex` is optional: left out it equals nothing
NUMBERS = ({"age": 35, "duration_weeks": 2}, {"age": 60, "duration_weeks": 2}, {"age": 72, "duration_weeks": 0},
           {"age": 19, "duration_weeks": 2}, {"age": 40, "duration_weeks": 20}, {"age": 60, "duration_weeks": 0})


def _with_sex(answers: dict, sex: str | None) -> dict:
    answers = {k: v for k, v in answers.items() if k != "sex"}
    return {**answers, "sex": sex} if sex else answers


@functools.cache
def _firing(rule_id: str) -> list[dict]:
    """Answers (every sign outside the rule "no") that fire ``rule_id`` certain, by the oracle."""
    tree = next(tree for rid, tree, _, _ in RULES if rid == rule_id)
    flags = sorted({p[1] for p in _parts(tree) if p[0] == "yesno"})
    found = []
    for numeric in NUMBERS:
        for sex in SEXES:
            for combo in itertools.product(["yes", "no"], repeat=len(flags)):
                answers = _with_sex({**BASE, **numeric, **dict(zip(flags, combo))}, sex)
                if rule_id in oracle(answers)["rules"]:
                    found.append(answers)
    assert found, f"no simple case fires {rule_id}"
    return found


def _together(first: list[dict], second: list[dict]) -> Iterator[dict]:
    """Answers with the signs of both rules and the numbers of the first."""
    for a in first:
        for b in second:
            signs = {k: v for k, v in b.items() if v == "yes"}
            for sex in dict.fromkeys((a.get("sex"), b.get("sex"))):
                yield _with_sex({**a, **signs}, sex)


@pytest.mark.parametrize("rule_id", [r[0] for r in RULES])
def test_each_rule_fired_together_with_every_other_rule(rule_id):
    """The whole outcome when two rules fire at once: the level is the more urgent one, and
    `conditions` lists each condition once, in the order of its first fired rule in the table."""
    mine = _firing(rule_id)
    for other_id in (r[0] for r in RULES if r[0] != rule_id):
        both = next((answers for answers in _together(mine, _firing(other_id))
                     if {rule_id, other_id} <= set(oracle(answers)["rules"])), None)
        if both is None:  # the two cannot fire at once (R-AGE-1 under 20, R-STE-1 at 50 and over)
            continue
        for answers in (both, {**both, **{k: "unknown" for k, v in both.items() if v == "yes" and k in _flags(rule_id)}}):
            got, expected = compared(answers)
            assert got == expected, (rule_id, other_id, answers)


def _flags(rule_id: str) -> set[str]:
    tree = next(tree for rid, tree, _, _ in RULES if rid == rule_id)
    return {p[1] for p in _parts(tree) if p[0] == "yesno"}


# --- Steps 5 and 6: advice, risk factors and support -------------------------------------------

STEP56_FLAGS = ["previous_episodes", "leg_pain_below_knee", "poor_health", "stress", "fear_of_moving",
                "low_mood", "expect_no_recovery", "heavy_work", "work_unhappy", "off_work"]


@pytest.mark.parametrize("numbers", [
    {"duration_weeks": 2, "pain_score": 6, "activity_level": "less"},
    {"duration_weeks": 20, "pain_score": 7, "activity_level": "much_less"},
    {"duration_weeks": 8, "pain_score": 3},
], ids=["acute", "chronic-high", "subacute"])
def test_every_combination_of_the_long_course_factors(numbers):
    seen = set()
    for combo in itertools.product(["yes", "no"], repeat=len(STEP56_FLAGS)):
        answers = {**BASE, **numbers, **dict(zip(STEP56_FLAGS, combo))}
        got, expected = compared(answers)
        assert got == expected, answers
        seen.add(got["support"])
    assert seen == {"self", "physio", "gp_talk"}


@pytest.mark.parametrize("level_answers", [{}, {"cancer_history": "yes"}, {"fever": "yes"}, {"night_pain": "unknown", "age": 55}],
                         ids=["selfcare", "gp", "urgent", "gp-uncertain"])
def test_every_cause_and_work_answer(level_answers):
    causes = ["sudden_movement", "short_overload", "awkward_posture", "sport", "work", "small_accident", "unknown"]
    cases = [[]] + [[c] for c in causes] + [["sport", "work"], ["unknown", "awkward_posture"]]
    for chosen in cases:
        for work in ("off_work", "heavy_work", "work_unhappy", None):
            for unknown in ("unknown", "no"):
                answers = {**BASE, **level_answers, "causes": chosen, "fear_of_moving": "yes", "low_mood": unknown}
                if work:
                    answers[work] = "yes"
                got, expected = compared(answers)
                assert got == expected, answers


# --- A-MOOD and its 113 line at `gp` and `selfcare` ----------------------------------------------

ADVICE_WHEN = {row[0]: row[1] for row in _table("Advice")}


def _given_at(advice_id: str) -> tuple[list[str], str]:
    """The levels an advice row names ("level `gp` or `selfcare`, and …") and the rest of its
    condition."""
    levels_part, _, rest = ADVICE_WHEN[advice_id].partition(", and ")
    levels = re.findall(r"`(\w+)`", levels_part)
    assert levels and set(levels) <= set(LEVELS), f"cannot read the levels of {advice_id}: {ADVICE_WHEN[advice_id]!r}"
    return levels, rest


def _firing_alone(rule_id: str) -> dict | None:
    """Answers (every other sign "no") that fire ``rule_id`` certain, at the level of the table."""
    tree, level = next((tree, level) for rid, tree, level, _ in RULES if rid == rule_id)
    flags = sorted({p[1] for p in _parts(tree) if p[0] == "yesno"})
    for numeric in ({"age": 35, "duration_weeks": 2}, {"age": 60, "duration_weeks": 2}, {"age": 72, "duration_weeks": 0},
                    {"age": 19, "duration_weeks": 2}, {"age": 40, "duration_weeks": 20}, {"age": 60, "duration_weeks": 0}):
        for combo in itertools.product(["yes", "no"], repeat=len(flags)):
            answers = {**BASE, **numeric, **dict(zip(flags, combo)), "sex": "female"}
            expected = oracle(answers)
            if rule_id in expected["rules"] and expected["level"] == level:
                return answers
    return None


GP_RULES = [rid for rid, _, level, _ in RULES if level == "gp"]


def test_A_MOOD_is_given_at_gp_and_selfcare_when_low_mood_is_yes():
    levels, rest = _given_at("A-MOOD")
    assert "gp" in levels and "selfcare" in levels
    assert re.fullmatch(r"`low_mood` is yes", rest), rest


@pytest.mark.parametrize("rule_id", GP_RULES)
def test_A_MOOD_with_its_113_line_is_in_every_gp_outcome_with_low_mood(rule_id):
    """triage-rules.md, Advice: A-MOOD at level `gp` (or `selfcare`) when `low_mood` is yes —
    whichever gp rule brought the person there, and also when the rule fired uncertain."""
    levels, _ = _given_at("A-MOOD")
    answers = _firing_alone(rule_id)
    assert answers is not None, f"no simple case fires {rule_id} at gp"
    for mood, mood_advice in (("yes", True), ("no", False), ("unknown", False), (None, False)):
        case = {**answers, "low_mood": mood} if mood else {k: v for k, v in answers.items() if k != "low_mood"}
        outcome = evaluate(case)
        assert outcome["level"] == "gp" and "gp" in levels
        assert ("A-MOOD" in outcome["advice"]) is mood_advice, (rule_id, mood)
        assert outcome["advice"] == oracle(case)["advice"]


@pytest.mark.parametrize("level, answers", [
    ("selfcare", {}), ("gp", {"weight_loss": "unknown"}), ("urgent", {"fever": "yes"}),
    ("urgent", {"saddle_numbness": "unknown"}), ("emergency", {"bladder_bowel": "yes"}),
], ids=["selfcare", "gp-uncertain", "urgent", "urgent-uncertain", "emergency"])
def test_A_MOOD_follows_the_level_the_spec_names(level, answers):
    levels, _ = _given_at("A-MOOD")
    outcome = evaluate({**BASE, **answers, "low_mood": "yes"})
    assert outcome["level"] == level
    assert ("A-MOOD" in outcome["advice"]) is (level in levels)


# --- The early emergency of the web flow (questionnaire.md, "Early emergency") -------------------

STEP2 = ["saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
         "known_aneurysm", "major_trauma"]


# Before step 1 (a step 2 answered in a second tab, or after the session expired) no number is
# asked. An unknown age counts as older than 40, as the pages' aaa_suspected_by_age counts it:
# sudden severe pain is then R-AAA-1's 112 where it could apply. No other emergency rule reads
# a number (checked below), so any value stands in for the others.
OLDER_THAN_40 = 41


def oracle_early(asked: dict):
    """Certain emergency whatever the unasked answers are: unasked required yes/no = unknown."""
    numbers = {"age": OLDER_THAN_40, "duration_weeks": 0, "pain_score": 0}
    filled = {**BASE, **numbers, **{q: "unknown" for q in BASE if q not in asked and q not in numbers}, **asked}
    certain = [(rid, cond) for rid, tree, level, cond in RULES if level == "emergency" and holds(tree, filled) is True]
    if not certain:
        return None
    call_112 = re.findall(r"(R-[A-Z]+-\d+)", EMERGENCY_ACTION)
    return "call_112" if any(rid in call_112 for rid, _ in certain) else "call_gp_now"


@pytest.mark.parametrize("age", [35, 41, 60, None], ids=["35", "41", "60", "step 1 not asked"])
def test_early_emergency_as_the_spec_says(age):
    from rugtest.core.flow import emergency_so_far

    step1 = {"age": age, "duration_weeks": 2, "pain_score": 8} if age else {}
    asked_sets = [STEP2[:3], STEP2[3:6], STEP2]
    for asked in asked_sets:
        for combo in itertools.product(["yes", "no", "unknown"], repeat=len(asked)):
            for previous in ({}, {"previous_episodes": "no"}) if age else ({},):
                answers = {**step1, **previous, **dict(zip(asked, combo))}
                outcome = emergency_so_far(answers)
                expected_action = oracle_early(answers)
                assert (outcome is None) == (expected_action is None), answers
                if outcome is not None:
                    assert (outcome["level"], outcome["action"]) == ("emergency", expected_action), answers
                    assert "A-CALL-112" in outcome["advice"] or "A-CALL-GP-NOW" in outcome["advice"]
                    # What was never asked is not reported: no rule on a number alone, no
                    # duration, no pain score among the factors.
                    assert set(outcome["uncertain_rules"]) <= {rid for rid, tree, _, _ in RULES if any(
                        answers.get(part[1]) == "unknown" for part in _parts(tree) if part[0] == "yesno")}
                    if not age:
                        assert outcome["duration_class"] is None and outcome["risk_factors"] == []


def test_an_emergency_sign_before_step_1_is_acted_on_at_once():
    """A 'Ja' to a sign of step 2 with step 1 not asked: the emergency holds whatever the
    person's age. Sudden severe pain alone: 112, the unknown age counted as older than 40."""
    from rugtest.core.flow import emergency_so_far

    # What oracle_early stands on: the only number an emergency rule reads is the age above 40.
    compared = [part[1:] for _, tree, level, _ in RULES if level == "emergency" for part in _parts(tree) if part[0] == "cmp"]
    assert compared == [("age", ">", 40)]
    assert emergency_so_far({"saddle_numbness": "yes"})["action"] == "call_gp_now"
    outcome = emergency_so_far({"sudden_severe_pain": "yes"})
    assert (outcome["level"], outcome["action"]) == ("emergency", "call_112")
    assert outcome["rules"] == ["R-AAA-1", "R-SEV-1"] and outcome["uncertain_rules"] == []
    assert emergency_so_far({"sudden_severe_pain": "unknown"}) is None
    assert emergency_so_far({"major_trauma": "yes"}) is None  # urgent: the questions go on


def _asked(tree, negated=False):
    """(question, the answer that makes this part true) of every yes/no part: "no" under NOT."""
    if tree[0] in ("and", "or"):
        for part in tree[1]:
            yield from _asked(part, negated)
    elif tree[0] == "not":
        yield from _asked(tree[1], not negated)
    elif tree[0] == "yesno":
        yield tree[1], "no" if negated else "yes"


def test_triggers_are_the_answers_that_make_the_rule_fire_and_unknown_in_table_order():
    """The answer a rule asks for ("yes", or "no" under NOT: a first episode, R-AGE-2) or
    "unknown" made it fire; the reassuring answer ("yes" to earlier back pain) did not."""
    from rugtest.core.triage import RULE_BY_ID, triggers

    for rule_id, tree, _, _ in RULES:
        wanted = dict(_asked(tree))
        names = list(wanted)
        for combo in itertools.product(["yes", "no", "unknown"], repeat=len(names)):
            answers = {**BASE, **dict(zip(names, combo))}
            expected = [n for n, v in zip(names, combo) if v in (wanted[n], "unknown")]
            assert triggers(RULE_BY_ID[rule_id], answers) == expected, (rule_id, answers)


def test_the_answers_that_make_a_rule_fire_per_question_are_read_from_the_table():
    """``firing_answers``: "yes" and "unknown" for every yes/no question a rule asks, "no" and
    "unknown" for the one it asks NOT of (previous_episodes), nothing for the others."""
    from rugtest.core import questions
    from rugtest.core.triage import firing_answers

    wanted: dict[str, set[str]] = {}
    for _, tree, _, _ in RULES:
        for name, answer in _asked(tree):
            wanted.setdefault(name, {"unknown"}).add(answer)
    assert wanted["previous_episodes"] == {"no", "unknown"}
    for question in questions.QUESTIONS:
        if question.type == questions.YESNO:
            assert firing_answers(question.id) == wanted.get(question.id, set()), question.id


def test_the_printed_outcome_has_sorted_keys_and_is_the_outcome():
    import json

    from rugtest.core.triage import triage_json

    answers = {**BASE, "fever": "unknown", "causes": ["sport"]}
    printed = triage_json({"answers": answers})
    assert list(json.loads(printed)) == sorted(json.loads(printed))
    assert printed.index('"action"') < printed.index('"advice"') < printed.index('"level"')
    assert json.loads(printed) == oracle(answers)
