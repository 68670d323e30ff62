"""Bad triage requests are input errors that name the field (outcome-format.md)."""

import pytest

from rugtest.core import questions
from rugtest.core.errors import InputError
from rugtest.core.triage import duration_class, triage


def valid_answers(**changes):
    answers = {q.id: "no" for q in questions.QUESTIONS if q.type == questions.YESNO and q.required}
    # "yes" is the reassuring answer to previous_episodes (R-AGE-2).
    answers.update(age=44, duration_weeks=8, pain_score=5, previous_episodes="yes")
    answers.update(changes)
    return answers


@pytest.mark.parametrize(
    "request_json, field",
    [
        ([], None),
        ("answers", None),
        (None, None),
        ({}, "answers"),
        ({"answers": [], }, "answers"),
        ({"answers": valid_answers(), "extra": 1}, "extra"),
        ({"answers": valid_answers(age=15)}, "age"),
        ({"answers": valid_answers(age=121)}, "age"),
        ({"answers": valid_answers(age=-3)}, "age"),
        ({"answers": valid_answers(age=300)}, "age"),
        ({"answers": valid_answers(age="44")}, "age"),
        ({"answers": valid_answers(age=44.5)}, "age"),
        ({"answers": valid_answers(age=44.0)}, "age"),
        ({"answers": valid_answers(age=True)}, "age"),
        ({"answers": valid_answers(duration_weeks=521)}, "duration_weeks"),
        ({"answers": valid_answers(pain_score=11)}, "pain_score"),
        ({"answers": valid_answers(fever=True)}, "fever"),
        ({"answers": valid_answers(fever="ja")}, "fever"),
        ({"answers": valid_answers(fever=None)}, "fever"),
        ({"answers": valid_answers(sex="f")}, "sex"),
        ({"answers": valid_answers(causes="sport")}, "causes"),
        ({"answers": valid_answers(causes=["sport", "golf"])}, "causes"),
        ({"answers": valid_answers(activity_level="more")}, "activity_level"),
        ({"answers": valid_answers(shoe_size=42)}, "shoe_size"),
    ],
)
def test_bad_request_is_an_input_error_naming_the_field(request_json, field):
    with pytest.raises(InputError) as error:
        triage(request_json)
    assert error.value.field == field
    assert error.value.message("en") and error.value.message("nl")


def test_age_error_message_says_the_range():
    with pytest.raises(InputError) as error:
        triage({"answers": valid_answers(age=300)})
    assert error.value.as_json() == {"error": {"field": "age", "message": "must be a whole number from 16 to 120"}}
    assert error.value.cli_line() == "error: age: must be a whole number from 16 to 120"
    assert error.value.message("nl") == "Vul een heel getal in van 16 tot en met 120."
    assert error.value.message("en") == "Please fill in a whole number from 16 to 120."


def test_optional_questions_may_be_left_out_and_empty_causes_is_valid():
    assert triage({"answers": valid_answers(causes=[])})["level"] == "selfcare"


@pytest.mark.parametrize(
    "weeks, expected",
    [(0, "acute"), (5, "acute"), (6, "subacute"), (12, "subacute"), (13, "chronic"), (520, "chronic")],
)
def test_duration_class_boundaries(weeks, expected):
    assert duration_class(weeks) == expected
    assert triage({"answers": valid_answers(duration_weeks=weeks)})["duration_class"] == expected


@pytest.mark.parametrize(
    "age, expected_rules, level, action",
    [
        (35, ["R-SEV-1"], "urgent", "call_gp_today"),
        (40, ["R-SEV-1"], "urgent", "call_gp_today"),
        (41, ["R-AAA-1", "R-SEV-1"], "emergency", "call_112"),
        (60, ["R-AAA-1", "R-SEV-1"], "emergency", "call_112"),
    ],
)
def test_R_AAA_1_sudden_severe_pain_is_an_aneurysm_emergency_only_above_40(age, expected_rules, level, action):
    outcome = triage({"answers": valid_answers(age=age, sudden_severe_pain="yes")})
    assert (outcome["rules"], outcome["level"], outcome["action"]) == (expected_rules, level, action)


def test_R_AAA_1_known_aneurysm_makes_it_an_emergency_at_any_age():
    outcome = triage({"answers": valid_answers(age=30, sudden_severe_pain="yes", known_aneurysm="yes")})
    assert outcome["action"] == "call_112"


def test_R_AAA_2_faintness_makes_it_an_emergency_at_any_age():
    outcome = triage({"answers": valid_answers(age=30, sudden_severe_pain="yes", faint_pale_sweaty="yes")})
    assert outcome["rules"] == ["R-AAA-2", "R-SEV-1"]
    assert outcome["action"] == "call_112"


def test_R_CE_1_unknown_saddle_numbness_sends_to_gp_today():
    outcome = triage({"answers": valid_answers(saddle_numbness="unknown")})
    assert outcome["level"] == "urgent"
    assert outcome["uncertain_rules"] == ["R-CE-1"]
    assert outcome["advice"] == ["A-CALL-GP-TODAY", "A-CHECK-TODAY"]


def test_R_AAA_1_unknown_pain_at_60_is_urgent_not_112():
    outcome = triage({"answers": valid_answers(age=60, sudden_severe_pain="unknown")})
    assert outcome["level"] == "urgent"
    assert outcome["action"] == "call_gp_today"
    assert outcome["uncertain_rules"] == ["R-AAA-1", "R-SEV-1"]


def test_R_AXS_1_uses_onset_age():
    # 50 years old with 10 years of pain: onset at 40, below 45.
    answers = valid_answers(age=50, duration_weeks=520, morning_stiffness="yes", better_with_movement="yes")
    assert "R-AXS-1" in triage({"answers": answers})["rules"]
    answers["age"] = 56  # onset at 46
    assert "R-AXS-1" not in triage({"answers": answers})["rules"]


def test_R_OST_3_left_out_sex_is_not_female():
    answers = valid_answers(age=60, minor_trauma="yes")
    outcome = triage({"answers": answers})
    assert "R-OST-3" not in outcome["rules"] + outcome["uncertain_rules"]
    assert "R-OST-3" in triage({"answers": {**answers, "sex": "female"}})["rules"]


def test_R_AGE_1_under_20_sees_gp():
    outcome = triage({"answers": valid_answers(age=19)})
    assert (outcome["level"], outcome["rules"], outcome["conditions"]) == ("gp", ["R-AGE-1"], [])


def test_conditions_follow_the_order_of_the_fired_rules_in_the_table():
    # R-LRS-1 (radicular) stands above R-INF-4 (infection) in the table.
    outcome = triage({"answers": valid_answers(leg_weakness="yes", weak_immunity="yes")})
    assert outcome["rules"] == ["R-LRS-1", "R-INF-4"]
    assert outcome["conditions"] == ["radicular_syndrome", "infection"]


def test_cli_error_line_is_one_line_even_for_a_field_with_a_newline():
    with pytest.raises(InputError) as error:
        triage({"answers": {**valid_answers(), "x\ny": 1}})
    assert "\n" not in error.value.cli_line()


@pytest.mark.parametrize("field", ["previous_episodes", "progressive"])
def test_a_version_1_request_without_the_new_required_answers_is_an_input_error(field):
    answers = valid_answers()
    del answers[field]
    with pytest.raises(InputError) as error:
        triage({"answers": answers})
    assert error.value.field == field


@pytest.mark.parametrize(
    "age, weeks, previous, fires",
    [
        (50, 0, "no", "certain"),       # began at 50: a first back pain after 50
        (49, 0, "no", None),            # began at 49
        (52, 104, "no", "certain"),     # onset 52 - 2 = 50
        (52, 156, "no", None),          # onset 52 - 3 = 49
        (70, 4, "yes", None),           # had it before: not a first episode
        (70, 4, "unknown", "uncertain"),
    ],
)
def test_R_AGE_2_a_first_back_pain_that_began_at_50_or_later_needs_the_gp(age, weeks, previous, fires):
    outcome = triage({"answers": valid_answers(age=age, duration_weeks=weeks, previous_episodes=previous)})
    assert ("R-AGE-2" in outcome["rules"]) == (fires == "certain")
    assert ("R-AGE-2" in outcome["uncertain_rules"]) == (fires == "uncertain")
    if fires == "certain":
        assert outcome["level"] == "gp" and outcome["programme"] == "ask_gp_first"
    if fires == "uncertain":
        assert outcome["level"] == "gp" and "A-CHECK-GP" in outcome["advice"]


def test_R_PRO_1_pain_that_keeps_getting_worse_needs_the_gp():
    outcome = triage({"answers": valid_answers(progressive="yes")})
    assert (outcome["rules"], outcome["level"], outcome["action"]) == (["R-PRO-1"], "gp", "see_gp")
    unsure = triage({"answers": valid_answers(progressive="unknown")})
    assert unsure["uncertain_rules"] == ["R-PRO-1"]
    assert unsure["advice"][:2] == ["A-SEE-GP", "A-CHECK-GP"]
    assert "A-CHECK-TODAY" not in unsure["advice"]


def test_a_dont_know_on_a_gp_sign_asks_to_mention_it_not_to_go_today():
    """Version 2: "don't know" on a GP-level sign never says "today"."""
    outcome = triage({"answers": valid_answers(weight_loss="unknown")})
    assert outcome["level"] == "gp"
    assert "A-CHECK-GP" in outcome["advice"] and "A-CHECK-TODAY" not in outcome["advice"]


@pytest.mark.parametrize(
    "changes, support",
    [
        ({}, "self"),
        ({"stress": "yes", "fear_of_moving": "yes"}, "gp_talk"),
        ({"fear_of_moving": "yes", "expect_no_recovery": "yes"}, "self"),  # two, no stress or mood
        ({"fear_of_moving": "yes", "expect_no_recovery": "yes", "pain_score": 7}, "physio"),
        ({"low_mood": "yes"}, "self"),
        ({"low_mood": "yes", "pain_score": 8, "heavy_work": "yes"}, "physio"),
        ({"low_mood": "yes", "stress": "yes"}, "gp_talk"),
        ({"stress": "unknown", "low_mood": "unknown", "fear_of_moving": "unknown"}, "self"),
    ],
)
def test_support_names_who_can_best_help_with_non_specific_back_pain(changes, support):
    answers = valid_answers(previous_episodes="no", **changes)
    outcome = triage({"answers": answers})
    assert outcome["level"] == "selfcare"
    assert outcome["support"] == support
    assert ("A-SUPPORT-GP" in outcome["advice"]) == (support == "gp_talk")
    assert ("A-SUPPORT-PHYSIO" in outcome["advice"]) == (support == "physio")


def test_risk_factors_count_only_a_yes_or_a_met_threshold_in_the_spec_order():
    answers = valid_answers(
        pain_score=7, previous_episodes="yes", activity_level="much_less", leg_pain_below_knee="yes",
        poor_health="yes", stress="unknown", work_unhappy="yes",
    )
    outcome = triage({"answers": answers})
    assert outcome["risk_factors"] == ["F-EPISODES", "F-LIMITED", "F-LEG-PAIN", "F-PAIN-HIGH", "F-HEALTH", "F-WORK-UNHAPPY"]
    assert triage({"answers": valid_answers(pain_score=6)})["risk_factors"] == ["F-EPISODES"]


def test_support_is_null_unless_selfcare_and_the_factors_never_change_the_level():
    answers = valid_answers(fever="yes", stress="yes", low_mood="yes")
    outcome = triage({"answers": answers})
    assert outcome["level"] == "urgent" and outcome["support"] is None
    assert outcome["risk_factors"] == ["F-EPISODES", "F-STRESS", "F-MOOD"]
    assert "A-MOOD" not in outcome["advice"]


@pytest.mark.parametrize("age", [1, 12, 15])
def test_an_age_below_16_says_who_to_ask_and_the_api_message_stays_the_range(age):
    with pytest.raises(InputError) as error:
        triage({"answers": valid_answers(age=age)})
    assert error.value.as_json() == {"error": {"field": "age", "message": "must be a whole number from 16 to 120"}}
    assert "vader, moeder of verzorger" in error.value.message("nl") and "huisarts" in error.value.message("nl")
    assert "father, mother or carer" in error.value.message("en") and "GP" in error.value.message("en")
