"""W-14: the check-in after 3 to 4 weeks — ``checkin_due`` and the recomputed support."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugtest.core.programme import PROGRESS_VALUES, checkin_due, checkin_outcome

START = dt.date(2026, 1, 5)


def day(d):
    return START + dt.timedelta(days=d)


@pytest.mark.parametrize("d, due", [(0, False), (20, False), (21, True), (22, True), (83, True)])
def test_W_14_first_check_in_is_due_from_day_21(d, due):
    assert checkin_due(START, day(d), [], [], "active") is due


@pytest.mark.parametrize("state", ["stopped", "finished"])
def test_W_14_never_due_unless_the_programme_is_active(state):
    assert checkin_due(START, day(30), [], [], state) is False


@pytest.mark.parametrize("last, d, due", [
    (21, 21, False), (21, 48, False), (21, 49, True),  # the next one 4 weeks after the last
    (25, 52, False), (25, 53, True),
    (3, 30, False), (3, 31, True),  # a check-in before day 21 (not asked by the page) counts too
    (10, 37, False), (10, 38, True),
])
def test_W_14_next_check_in_four_weeks_after_the_last(last, d, due):
    assert checkin_due(START, day(d), [day(last)], [], "active") is due


def test_W_14_not_now_hides_it_for_that_day_only():
    assert checkin_due(START, day(22), [], [day(22)], "active") is False
    assert checkin_due(START, day(23), [], [day(22)], "active") is True
    # "not now" is not a check-in: it does not push the next one back four weeks
    assert checkin_due(START, day(30), [], [day(21), day(22), day(29)], "active") is True


@given(
    st.integers(0, 200),
    st.lists(st.integers(0, 200), max_size=4),
    st.lists(st.integers(0, 200), max_size=4),
    st.sampled_from(["active", "stopped", "finished"]),
)
def test_W_14_properties(d, checkins, laters, state):
    today = day(d)
    c_dates = [day(c) for c in checkins if c <= d]
    l_dates = [day(x) for x in laters if x <= d]
    due = checkin_due(START, today, c_dates, l_dates, state)
    if due:
        assert state == "active" and d >= 21
        assert today not in l_dates
        assert all((today - c).days >= 28 for c in c_dates)
    # the order of the dates does not matter, and "not now" on other days changes nothing
    assert checkin_due(START, today, list(reversed(c_dates)), list(reversed(l_dates)), state) is due
    others = [x for x in l_dates if x != today]
    without_today = checkin_due(START, today, c_dates, others, state)
    assert due is (without_today and today not in l_dates)


def test_W_14_a_person_who_always_answers_gets_it_on_days_21_49_77():
    done = []
    for d in range(0, 84):
        if checkin_due(START, day(d), done, [], "active"):
            done.append(day(d))
    assert [(c - START).days for c in done] == [21, 49, 77]


def test_W_14_progress_values_are_the_spec_ones():
    assert PROGRESS_VALUES == ("better", "same", "worse")


BASE = {"age": 44, "duration_weeks": 8, "pain_score": 5, "previous_episodes": "no",
        "stress": "yes", "low_mood": "yes", "fear_of_moving": "no"}


def test_W_14_step_6_answers_of_the_check_in_replace_those_of_the_rugtest():
    assert checkin_outcome(BASE, "selfcare", {"stress": "yes", "low_mood": "yes"}) == {
        "risk_factors": ["F-STRESS", "F-MOOD"], "support": "gp_talk"}
    # Step 6 comes from the check-in only (W-14: "the other answers come from the most
    # recent rugtest"): stress and low mood of the rugtest are not carried over.
    assert checkin_outcome(BASE, "selfcare", {}) == {"risk_factors": [], "support": "self"}
    assert checkin_outcome(BASE, "selfcare", {"stress": "no", "low_mood": "no"}) == {
        "risk_factors": [], "support": "self"}
    # A question left open at the check-in counts as not present, not as the old answer.
    assert checkin_outcome(BASE, "selfcare", {"stress": "", "low_mood": ""})["support"] == "self"
    # New fear and expectations plus earlier episodes: three factors -> physio.
    answers = {**BASE, "previous_episodes": "yes"}
    result = checkin_outcome(answers, "selfcare", {"fear_of_moving": "yes", "expect_no_recovery": "yes"})
    assert result == {"risk_factors": ["F-EPISODES", "F-FEAR", "F-EXPECT"], "support": "physio"}
    result = checkin_outcome(answers, "selfcare", {"stress": "yes", "fear_of_moving": "yes"})
    assert result["support"] == "gp_talk"


def test_W_14_support_stays_null_after_a_gp_level_rugtest():
    assert checkin_outcome(BASE, "gp", {"stress": "yes", "low_mood": "yes"})["support"] is None


def test_W_14_only_step_6_questions_can_be_overlaid():
    with pytest.raises(ValueError):
        checkin_outcome(BASE, "selfcare", {"fever": "yes"})
