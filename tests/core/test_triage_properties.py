"""Safety properties of the triage, for any answers (hypothesis)."""

import itertools
import re

import pytest
from hypothesis import HealthCheck, Phase, assume, find, given, settings
from hypothesis import strategies as st

from answers import complete_answers, yesno_ids
from clinical import clinical_text
from rugtest.core import flow, questions
from rugtest.core.errors import InputError
from rugtest.core.flow import emergency_so_far
from rugtest.core.triage import (
    LEVELS,
    RULE_IDS,
    RULES,
    evaluate,
    triage,
    triage_json,
)

RANK = {level: rank for rank, level in enumerate(LEVELS)}  # 0 = most urgent
RULE_LEVEL = {rule.id: rule.level for rule in RULES}
SPEC = clinical_text("triage-rules.md")
SPEC_RULE_IDS = re.findall(r"^\| (R-[A-Z]+-\d+) \|", SPEC, flags=re.M)

fast = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# To show that some generated case exists, generating is enough: no need to shrink it.
search = settings(max_examples=5000, database=None, phases=[Phase.generate], deadline=None)


def test_the_code_has_exactly_the_spec_rules_in_spec_order():
    assert SPEC_RULE_IDS, "no rule ids found in triage-rules.md"
    assert list(RULE_IDS) == SPEC_RULE_IDS


# triage-rules.md, safety property: `previous_episodes` is the one yes/no question where "yes"
# is the reassuring answer.
REASSURING_YES = "previous_episodes"
WARNING_SIGNS = [qid for qid in yesno_ids() if qid != REASSURING_YES]


@fast
@given(complete_answers(), st.sampled_from(WARNING_SIGNS), st.sampled_from(["unknown", "yes"]))
def test_a_no_turned_into_unknown_or_yes_never_lowers_urgency(answers, qid, new_value):
    assume(answers.get(qid, "no") == "no")
    before = evaluate(answers)["level"]
    after = evaluate({**answers, qid: new_value})["level"]
    assert RANK[after] <= RANK[before]


@fast
@given(complete_answers(), st.sampled_from(["unknown", "no"]))
def test_previous_episodes_turned_from_yes_into_unknown_or_no_never_lowers_urgency(answers, new_value):
    before = evaluate({**answers, REASSURING_YES: "yes"})["level"]
    after = evaluate({**answers, REASSURING_YES: new_value})["level"]
    assert RANK[after] <= RANK[before]


@fast
@given(complete_answers(), st.sampled_from(WARNING_SIGNS))
def test_an_unknown_turned_into_yes_never_lowers_urgency(answers, qid):
    as_unknown = evaluate({**answers, qid: "unknown"})["level"]
    assert RANK[evaluate({**answers, qid: "yes"})["level"]] <= RANK[as_unknown]


@fast
@given(complete_answers(), st.sampled_from(WARNING_SIGNS))
def test_unknown_is_never_less_urgent_than_yes_would_be(answers, qid):
    """triage-rules.md: a missing or unknown answer never gives a less urgent level than "yes".

    "Unknown" may be less urgent than "yes" only by lowering emergency to urgent (an
    uncertain emergency fires at urgent): never below urgent when "yes" is an emergency.
    """
    as_unknown = evaluate({**answers, qid: "unknown"})["level"]
    as_yes = evaluate({**answers, qid: "yes"})["level"]
    if as_yes == "emergency":
        assert as_unknown in ("emergency", "urgent")
    else:
        assert RANK[as_unknown] <= RANK[as_yes]


def _fires(rule, answers, unknown_as):
    filled = {k: (unknown_as if v == "unknown" else v) for k, v in answers.items()}
    return rule.when(filled) is True


def _oracle(answers):
    """Three-valued logic by brute force: certain if the rule holds whatever each "unknown"
    turns out to be, not fired if it holds for none, uncertain otherwise."""
    unknown = [k for k, v in answers.items() if v == "unknown"]
    certain, uncertain = [], []
    for rule in RULES:
        relevant = [k for k in unknown if k in rule.questions]
        outcomes = set()
        for values in itertools.product(["yes", "no"], repeat=len(relevant)):
            outcomes.add(rule.when({**answers, **dict(zip(relevant, values))}) is True)
        if outcomes == {True}:
            certain.append(rule.id)
        elif True in outcomes:
            uncertain.append(rule.id)
    return certain, uncertain


@fast
@given(complete_answers())
def test_unknown_follows_three_valued_logic_exactly(answers):
    outcome = evaluate(answers)
    certain, uncertain = _oracle(answers)
    assert outcome["rules"] == certain
    assert outcome["uncertain_rules"] == uncertain
    levels = [r.level for r in RULES if r.id in certain]
    levels += ["urgent" if r.level == "emergency" else r.level for r in RULES if r.id in uncertain]
    level = min(levels, key=RANK.__getitem__, default="selfcare")
    assert outcome["level"] == level
    # A-CHECK-TODAY: level urgent and an uncertain rule at urgent (an uncertain emergency
    # rule counts as urgent); A-CHECK-GP: level urgent or gp and an uncertain rule at gp.
    uncertain_levels = {RULE_LEVEL[r] for r in uncertain}
    check_today = level == "urgent" and bool(uncertain_levels & {"emergency", "urgent"})
    check_gp = level in ("urgent", "gp") and "gp" in uncertain_levels
    assert ("A-CHECK-TODAY" in outcome["advice"]) == check_today
    assert ("A-CHECK-GP" in outcome["advice"]) == check_gp


@fast
@given(complete_answers())
def test_outcome_keys_and_consistency(answers):
    outcome = evaluate(answers)
    assert set(outcome) == {
        "spec_version", "level", "action", "conditions", "rules", "uncertain_rules",
        "duration_class", "nonspecific", "programme", "advice", "risk_factors", "support",
    }
    assert (outcome["support"] is None) == (outcome["level"] != "selfcare")
    assert outcome["nonspecific"] == (outcome["level"] == "selfcare")
    assert outcome["nonspecific"] == (not outcome["rules"] and not outcome["uncertain_rules"])
    if outcome["level"] in ("emergency", "urgent"):
        assert outcome["programme"] == "not_now"
        assert "A-PROGRAMME" not in outcome["advice"]
    if outcome["action"] == "call_112":
        assert any(r.startswith("R-AAA") for r in outcome["rules"])
    assert len(set(outcome["advice"])) == len(outcome["advice"])


@fast
@given(complete_answers(), st.randoms())
def test_same_answers_give_same_bytes_in_any_order(answers, rnd):
    items = list(answers.items())
    rnd.shuffle(items)
    assert triage_json({"answers": dict(items)}) == triage_json({"answers": answers})


@pytest.mark.parametrize("qid", questions.REQUIRED_IDS)
def test_a_missing_required_answer_is_an_input_error_never_a_no(qid):
    answers = {q.id: "no" for q in questions.QUESTIONS if q.type == questions.YESNO and q.required}
    answers.update(age=50, duration_weeks=2, pain_score=4)
    del answers[qid]
    with pytest.raises(InputError) as error:
        triage({"answers": answers})
    assert error.value.field == qid


@fast
@given(complete_answers(), st.data())
def test_an_early_emergency_holds_whatever_the_unasked_answers_are(answers, data):
    """The web flow stops at an emergency: no later answer could make it less urgent."""
    asked_pages = data.draw(st.sampled_from([("1",), ("1", "2"), ("1", "2", "3")]))
    asked = {k: v for k, v in answers.items() if questions.BY_ID[k].page in asked_pages}
    early = emergency_so_far(asked)
    if early is not None:
        assert early["level"] == "emergency"
        assert evaluate(answers)["level"] == "emergency"
        assert evaluate(answers)["action"] == early["action"]
        assert set(early["rules"]) <= set(evaluate(answers)["rules"])


def _walk(answers):
    """Simulate the web flow: answer every page the flow shows, in order."""
    done, given_answers, visited = set(), {}, []
    while (page := flow.next_page(given_answers, done)) is not None:
        visited.append(page.id)
        for question in questions.shown_questions(page, given_answers):
            if question.id in answers:
                given_answers[question.id] = answers[question.id]
        # Follow-ups on the same page can only depend on earlier pages.
        done.add(page.id)
    return visited, given_answers


@pytest.mark.parametrize("page_id", [p.id for p in questions.PAGES])
def test_every_page_is_reachable(page_id):
    find(complete_answers(), lambda a: page_id in _walk(a)[0], settings=search)


@pytest.mark.parametrize("qid", [q.id for q in questions.QUESTIONS])
def test_every_question_is_asked_on_some_path(qid):
    def asked(answers):
        visited, _ = _walk(answers)
        for page_id in visited:
            for q in questions.PAGE_BY_ID[page_id].questions:
                if q.id == qid and questions.is_shown(q, answers):
                    return True
        return False

    find(complete_answers(), asked, settings=search)


@pytest.mark.parametrize("rule_id", SPEC_RULE_IDS)
def test_every_spec_rule_fires_certain_on_some_generated_case(rule_id):
    find(complete_answers(), lambda a: rule_id in evaluate(a)["rules"], settings=search)


@pytest.mark.parametrize("rule_id", [r for r in SPEC_RULE_IDS if r != "R-AGE-1"])
def test_every_spec_rule_with_a_yes_no_part_can_fire_uncertain(rule_id):
    find(complete_answers(), lambda a: rule_id in evaluate(a)["uncertain_rules"], settings=search)


@fast
@given(complete_answers())
def test_the_web_flow_gives_the_same_outcome_as_the_api(answers):
    """Answering page by page gives the outcome of the whole set, unless an emergency
    cut the flow short, which is then at least as urgent."""
    visited, given_answers = _walk(answers)
    full = evaluate(answers)
    early = emergency_so_far(given_answers)
    if early is not None:
        assert early["level"] == "emergency" == full["level"]
    else:
        # The flow never shows follow-ups whose condition does not hold; the API may get them.
        assert evaluate(given_answers)["level"] == evaluate(questions.drop_hidden(answers))["level"]
