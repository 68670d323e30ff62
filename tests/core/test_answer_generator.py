"""The random answers of the tests (tests/answers.py) reach every level and every answer.

A generator whose cases nearly all end in an emergency tests the advice of the milder levels
almost never. Measured here on a fixed seed, with the cases Hypothesis really hands to a
test: at least a third end at `gp`, at least a third at `selfcare`, the rest is spread over
`urgent` and `emergency`, and every answer value of every question (and both ends of every
number's range) still comes up in at least one case in a hundred. The level of each case is
computed by the code; the shares are the assertion.
"""

from __future__ import annotations

import collections
import functools
import re

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from answers import complete_answers
from clinical import clinical_text
from rugtest.core import questions
from rugtest.core.triage import evaluate

CASES = 1500
SEED = 18
ADVICE_TABLE = re.search(r"^## Advice\n(.*?)(?=^## )", clinical_text("triage-rules.md"), re.M | re.S).group(1)


@functools.cache
def generated() -> tuple[dict, ...]:
    drawn = []

    @seed(SEED)
    @settings(max_examples=CASES, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(complete_answers())
    def collect(answers):
        drawn.append(answers)

    collect()
    return tuple(drawn)


@functools.cache
def outcomes() -> tuple[dict, ...]:
    return tuple(evaluate(answers) for answers in generated())


def share(count: int) -> float:
    return count / len(generated())


def test_hypothesis_handed_out_enough_cases_to_measure():
    assert len(generated()) >= CASES * 0.9


def test_a_third_or_more_of_the_cases_end_at_gp_and_a_third_or_more_at_selfcare():
    levels = collections.Counter(outcome["level"] for outcome in outcomes())
    shares = {level: round(share(n), 3) for level, n in levels.items()}
    assert shares.get("gp", 0) >= 1 / 3, shares
    assert shares.get("selfcare", 0) >= 1 / 3, shares
    # The rest over both more urgent levels, neither left out.
    assert shares.get("urgent", 0) >= 0.04 and shares.get("emergency", 0) >= 0.04, shares


@pytest.mark.parametrize("level", ["gp", "selfcare"])
def test_the_mild_levels_come_with_and_without_a_dont_know_and_with_every_kind_of_advice(level):
    """At `gp` and `selfcare`, every advice id that the spec's table gives at that level
    shows up in generated cases (A-MOOD and A-CHECK-GP at `gp` included)."""
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in ADVICE_TABLE.splitlines() if line.startswith("| A-")]
    # "given when" names the levels (or the action of the level) it is given at.
    actions = {"gp": "see_gp", "selfcare": "selfcare"}
    possible = [
        advice_id for advice_id, when, _ in rows
        if f"`{level}`" in when or f"action `{actions[level]}`" in when or when.startswith("`programme`") or when.startswith("`support`")
    ]
    if level == "gp":  # the programme and support are for selfcare only (triage-rules.md)
        possible = [a for a in possible if a not in ("A-PROGRAMME", "A-SUPPORT-PHYSIO", "A-SUPPORT-GP")]
    seen = collections.Counter(a for outcome in outcomes() if outcome["level"] == level for a in outcome["advice"])
    assert "A-MOOD" in possible and "A-STAY-ACTIVE" in possible
    rare = {advice_id: seen[advice_id] for advice_id in possible if seen[advice_id] < 10}
    assert rare == {}, f"advice of level {level} that hardly any generated case gets"


def test_every_answer_to_every_question_comes_up_in_one_case_in_a_hundred():
    counts = collections.Counter()
    for answers in generated():
        for qid, value in answers.items():
            for item in value if isinstance(value, list) else [value]:
                counts[(qid, item)] += 1
    wanted = []
    for question in questions.QUESTIONS:
        if question.type == questions.INT:
            wanted += [(question.id, question.minimum), (question.id, question.maximum)]
        else:
            wanted += [(question.id, value) for value in question.values]
    rare = {key: counts[key] for key in wanted if share(counts[key]) < 0.01}
    assert rare == {}, "answers that hardly any generated case has"
    for question in questions.QUESTIONS:
        if not question.required:
            left_out = sum(question.id not in answers for answers in generated())
            assert share(left_out) >= 0.01, f"{question.id} is hardly ever left out"
