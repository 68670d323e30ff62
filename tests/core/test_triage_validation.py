"""Bad triage requests are input errors that name the field (outcome-format.md)."""

import pytest

from rugtest.core import questions
from rugtest.core.errors import InputError
from rugtest.core.triage import duration_class, triage


def valid_answers(**changes):
    answers = {q.id: "no" for q in questions.QUESTIONS if q.type == questions.YESNO and q.required}
    answers.update(age=44, duration_weeks=8, pain_score=5)
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
