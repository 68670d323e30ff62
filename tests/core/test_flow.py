"""The page flow (rugtest.core.flow): next, previous, reachable and the early emergency."""

import ast
from pathlib import Path

import pytest

from rugtest.core import flow, questions

CORE = Path(questions.__file__).parent
STEP1 = {"age": 44, "duration_weeks": 8, "pain_score": 5, "previous_episodes": "no"}
NO_SIGNS = {q.id: "no" for q in questions.QUESTIONS if q.required and q.type == questions.YESNO}


def imports(module: str) -> set[str]:
    tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.add((node.module or "").rsplit(".", 1)[-1])
        elif isinstance(node, ast.Import):
            found.update(alias.name.rsplit(".", 1)[-1] for alias in node.names)
    return found


def test_no_import_circle_between_the_questionnaire_the_rules_and_the_flow():
    assert not {"triage", "flow"} & imports("questions")
    assert "flow" not in imports("triage")
    assert {"questions", "triage"} <= imports("flow")


def test_pages_come_in_order_and_4b_only_after_leg_pain_or_stiffness():
    answers = {**STEP1, **NO_SIGNS}
    seen, done = [], set()
    while (page := flow.next_page(answers, done)) is not None:
        seen.append(page.id)
        done.add(page.id)
    assert seen == ["1", "2", "3", "4", "5", "6"]
    with_leg = {**answers, "leg_pain_below_knee": "unknown"}
    assert flow.next_page(with_leg, {"1", "2", "3", "4"}).id == "4b"


def test_previous_page_skips_a_page_that_does_not_apply():
    page5 = questions.PAGE_BY_ID["5"]
    assert flow.previous_page(page5, {**STEP1, **NO_SIGNS}).id == "4"
    assert flow.previous_page(page5, {**STEP1, **NO_SIGNS, "morning_stiffness": "yes"}).id == "4b"
    assert flow.previous_page(questions.PAGE_BY_ID["1"], {}) is None


@pytest.mark.parametrize("page_id, done, reachable", [
    ("1", set(), True), ("2", set(), False), ("2", {"1"}, True), ("4", {"1", "2"}, False),
    ("4", {"1", "2", "3"}, True), ("4b", {"1", "2", "3", "4"}, False),
])
def test_a_page_is_reachable_once_every_page_before_it_is_answered(page_id, done, reachable):
    answers = {**STEP1, **NO_SIGNS}
    assert flow.reachable(questions.PAGE_BY_ID[page_id], answers, done) is reachable


def test_an_emergency_sign_ends_the_flow_at_once():
    answers = {**STEP1, "saddle_numbness": "yes"}
    assert flow.next_page(answers, {"1"}) is None
    assert flow.emergency_so_far(answers)["level"] == "emergency"
    assert flow.cut_short(answers, {"1"}) is True
    assert flow.cut_short({**STEP1, **NO_SIGNS}, {"1", "2", "3", "4", "5", "6"}) is False
    # "don't know" is not certain: the questions go on
    assert flow.next_page({**STEP1, "saddle_numbness": "unknown"}, {"1"}).id == "2"
