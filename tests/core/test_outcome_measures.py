"""outcome-measures.md O-1 … O-4, on the core's pure functions.

Every expectation is read from the spec's text: the bounds of O-1, the moments of O-2, the
"2 points and 30 %" of O-3 with its examples, the "2 points higher than at the start" of O-4.
"""

import datetime as dt
from datetime import date

import pytest

from rugtest.core import measures
from rugtest.core.errors import InputError

D0, D21, D84 = date(2026, 3, 1), date(2026, 3, 22), date(2026, 5, 24)


# --- O-1 What is asked -------------------------------------------------------------------------


@pytest.mark.parametrize("pain", [0, 10])
def test_O_1_pain_24h_is_a_whole_number_from_0_to_10(pain):
    assert measures.validate("start", pain, ["Sokken aantrekken"], [3])[0] == pain


@pytest.mark.parametrize("pain", [-1, 11, None, "", 4.5, True, "7"])
def test_O_1_pain_24h_outside_0_to_10_or_missing_is_refused(pain):
    with pytest.raises(InputError) as error:
        measures.validate("start", pain, ["Sokken aantrekken"], [3])
    assert error.value.field == "pain_24h"


@pytest.mark.parametrize("count", [1, 2, 3])
def test_O_1_one_to_three_activities_of_the_persons_own(count):
    names = ["Sokken aantrekken", "Tuinieren", "Werk"][:count]
    pain, activities, scores = measures.validate("start", 5, names, [2] * count)
    assert activities == tuple(names) and scores == (2,) * count


@pytest.mark.parametrize("names", [[], ["a", "b", "c", "d"]])
def test_O_1_no_activity_or_a_fourth_is_refused(names):
    with pytest.raises(InputError) as error:
        measures.validate("start", 5, names, [1] * len(names))
    assert error.value.field == "activities"


@pytest.mark.parametrize("text", ["", "   ", "x" * 61, "x" * 200])
def test_O_1_an_activity_is_1_to_60_characters(text):
    with pytest.raises(InputError) as error:
        measures.validate("start", 5, [text], [1])
    assert error.value.field == "activity_1"
    assert error.value.message("nl") and error.value.message("en") != error.value.message("nl")


def test_O_1_an_activity_of_exactly_60_characters_is_kept():
    assert measures.validate("start", 5, ["x" * 60], [1])[1] == ("x" * 60,)


@pytest.mark.parametrize("score", [11, -1, None])
def test_O_1_each_activity_score_at_the_start_is_required_0_to_10(score):
    with pytest.raises(InputError):
        measures.validate("start", 5, ["Tuinieren"], [score])


def test_O_1_later_the_activities_are_those_of_the_start_and_a_score_may_be_left_open():
    pain, names, scores = measures.validate("checkin", 4, ["something new"], [6, None],
                                            start_activities=["Sokken aantrekken", "Tuinieren"])
    assert names == ("Sokken aantrekken", "Tuinieren")  # the person cannot change them
    assert scores == (6, None)  # left open: counts as not measured


# --- O-2 When it is asked ----------------------------------------------------------------------


def test_O_2_start_is_asked_until_given_and_never_in_a_stopped_programme():
    assert measures.due_moment(state="active", checkin_due=False, measured_moments=[], has_start=False) == "start"
    assert measures.due_moment(state="active", checkin_due=False, measured_moments=["start"], has_start=True) is None
    assert measures.due_moment(state="stopped", checkin_due=True, measured_moments=[], has_start=False) is None


def test_O_2_a_check_in_brings_a_measurement():
    assert measures.due_moment(state="active", checkin_due=True, measured_moments=["start"], has_start=True) == "checkin"


def test_O_2_a_check_in_brings_its_own_measurement_also_without_a_start_measurement():
    assert measures.due_moment(state="active", checkin_due=True, measured_moments=[], has_start=False) == "checkin"


def test_O_2_the_start_measurement_is_asked_at_the_start_and_once_more_on_the_next_visit():
    start = dt.date(2026, 3, 2)
    later = start + dt.timedelta(days=3)
    assert measures.start_offer_open(start, start, None)  # when the programme is set up
    assert measures.start_offer_open(start, later, None)  # the next visit
    assert measures.start_offer_open(start, later, later)  # the rest of that day
    assert not measures.start_offer_open(start, later + dt.timedelta(days=1), later)  # never after
    assert measures.due_moment(state="active", checkin_due=False, measured_moments=[], has_start=False,
                               start_open=False) is None


def test_O_2_the_end_from_day_84_once():
    assert measures.due_moment(state="finished", checkin_due=False, measured_moments=["start"], has_start=True) == "end"
    assert measures.due_moment(state="finished", checkin_due=False, measured_moments=["start", "end"],
                               has_start=True) is None


# --- O-3 What is shown -------------------------------------------------------------------------


@pytest.mark.parametrize("start, now, word", [
    (7, 4, "better"),   # the spec's example: 3 points and 43 %
    (7, 5, "same"),     # 2 points but 29 %: not 30 %
    (6, 4, "better"),   # 2 points, 33 %
    (10, 8, "same"),    # 2 points, 20 %
    (10, 7, "better"),  # 3 points, 30 %
    (3, 2, "same"),     # 1 point, 33 %
    (4, 7, "worse"),    # the same the other way
    (7, 8, "same"),
    (5, 5, "same"),
])
def test_O_3_pain_clearly_better_only_2_points_and_30_percent_down(start, now, word):
    assert measures.pain_change(start, now) == word


@pytest.mark.parametrize("start, now, word", [(3, 7, "better"), (3, 5, "better"), (3, 4, "same"),
                                              (6, 4, "worse"), (6, 5, "same")])
def test_O_3_activity_clearly_better_when_up_2_points(start, now, word):
    assert measures.activity_change(start, now) == word


def _m(moment, day, pain, *pairs):
    return measures.Measurement(moment, day, pain, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))


def test_O_3_from_two_measurements_the_change_since_the_start():
    start = _m("start", D0, 7, ("Sokken aantrekken", 3), ("Tuinieren", 5))
    assert measures.changes([start]) == []
    later = _m("checkin", D21, 4, ("Sokken aantrekken", 7), ("Tuinieren", None))
    lines = measures.changes([later, start])
    assert [(c.kind, c.name, c.start, c.now, c.change) for c in lines] == [
        ("pain", "", 7, 4, "better"),
        ("activity", "Sokken aantrekken", 3, 7, "better"),
        # Tuinieren left open: not measured, not compared
    ]


def test_O_3_the_change_is_since_the_start_to_the_latest():
    lines = measures.changes([_m("start", D0, 6, ("Werk", 2)), _m("checkin", D21, 6, ("Werk", 3)),
                              _m("end", D84, 3, ("Werk", 8))])
    assert [(c.start, c.now, c.change) for c in lines] == [(6, 3, "better"), (2, 8, "better")]


# --- O-4 Safety --------------------------------------------------------------------------------


@pytest.mark.parametrize("moment, start, now, asks", [
    ("checkin", 4, 6, True), ("end", 4, 7, True), ("checkin", 4, 5, False), ("checkin", 4, 2, False),
    ("start", 4, 9, False), ("checkin", None, 9, False),
])
def test_O_4_a_pain_rise_of_2_over_the_start_asks_pain_worsening(moment, start, now, asks):
    assert measures.asks_pain_worsening(moment, now, start) is asks


# --- O-5 Data ----------------------------------------------------------------------------------


def test_O_5_a_measurement_for_the_exports_has_moment_date_pain_and_activities():
    assert measures.as_json(_m("checkin", D21, 4, ("Werk", 6), ("Tuinieren", None))) == {
        "moment": "checkin", "date": "2026-03-22", "pain_24h": 4,
        "activities": [{"activity": "Werk", "score": 6}, {"activity": "Tuinieren", "score": None}],
    }
