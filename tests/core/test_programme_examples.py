"""Exact plans: plan-examples.json and the worked examples of walking-programme.md."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from clinical import load_clinical_json
from rugtest.core.programme import (
    PARTS,
    compute_plan,
    parse_plan_request,
    plan_json,
    start_minutes,
)

START = date(2026, 1, 5)

# A missing spec skips this module with one line, and fails it in CI (tests/clinical.py).
EXAMPLES = load_clinical_json("plan-examples.json")


@pytest.mark.parametrize("case", EXAMPLES, ids=[case["id"] for case in EXAMPLES])
def test_plan_example_gives_exactly_its_expected_plan(case):
    assert compute_plan(parse_plan_request(case["request"])) == case["expect"]


@pytest.mark.parametrize("case", EXAMPLES, ids=[case["id"] for case in EXAMPLES])
def test_plan_example_prints_the_same_bytes_as_its_expected_plan(case):
    # W-13: printed with sorted keys; the same input always gives the same bytes.
    assert plan_json(case["request"]) == json.dumps(case["expect"], sort_keys=True)


# ---------------------------------------------------------------------------------------
# Helpers to write a log day by day
# ---------------------------------------------------------------------------------------


def _day(d: int) -> str:
    return (START + timedelta(days=d)).isoformat()


def _walks(d: int, *minutes: int) -> list[dict]:
    """Walks on day d, in part order: _walks(11, 9, 3, 3) is morning 9, afternoon 3, …"""
    return [
        {"date": _day(d), "part": part, "minutes": m}
        for part, m in zip(PARTS, minutes, strict=False)
    ]


def _targets(baseline: int, today: int, log: list[dict]) -> list:
    request = {"start": _day(0), "baseline_minutes": baseline, "today": _day(today), "log": log}
    return [day["target_minutes"] for day in compute_plan(parse_plan_request(request))["days"]]


# ---------------------------------------------------------------------------------------
# Worked example A: every day completed (W-4)
# ---------------------------------------------------------------------------------------

# (day, target for start 5 / baseline 7, target for start 15 / baseline 19), copied from
# walking-programme.md, "A. Every day completed".
WORKED_EXAMPLE_A = [
    (0, 5, 15),
    (1, 5, 15),
    (2, 6, 16),
    (3, 6, 16),
    (4, 7, 17),
    (5, 7, 17),
    (6, 8, 18),
    (7, 8, 18),
    (14, 12, 22),
    (21, 15, 25),
    (28, 19, 29),
    (30, 20, 30),
    (35, 22, 30),
    (42, 26, 30),
    (49, 29, 30),
    (50, 30, 30),
    (56, 30, 30),
    (83, 30, 30),
]


def _every_day_walked_exactly_at_target(baseline: int, last_day: int) -> list[dict]:
    # Walks of exactly the target (not more), so the test also checks W-3's "≥ target".
    first = start_minutes(baseline)
    log = []
    for d in range(last_day + 1):
        target = min(30, first + d // 2)
        log += _walks(d, target, target, target)
    return log


@pytest.mark.parametrize(
    "day, start_5, start_15", WORKED_EXAMPLE_A, ids=[f"day-{row[0]}" for row in WORKED_EXAMPLE_A]
)
def test_worked_example_A_every_day_completed_W_4(day, start_5, start_15):
    assert _targets(7, day, _every_day_walked_exactly_at_target(7, day))[day] == start_5
    assert _targets(19, day, _every_day_walked_exactly_at_target(19, day))[day] == start_15


# ---------------------------------------------------------------------------------------
# Worked example B: bad days and a pause (W-4, W-5, W-6)
# ---------------------------------------------------------------------------------------


def _worked_example_B_log() -> list[dict]:
    log = []
    for d in range(0, 10):  # days 0–9: all three walks at or above target
        log += _walks(d, 30, 30, 30)
    log += _walks(10, 3, 3)  # day 10: two walks of 3 minutes (more pain)
    log += _walks(11, 9, 3, 3)  # day 11: walks of 9, 3, 3
    log += _walks(12, 9)  # day 12: one walk of 9
    # days 13–26: nothing logged (14 empty days)
    for d in range(27, 37):  # from day 27: all three walks at or above target
        log += _walks(d, 30, 30, 30)
    return log


# (first day, last day, target), copied from walking-programme.md, "B. Bad days and a pause".
WORKED_EXAMPLE_B = [
    (0, 1, 5),
    (2, 3, 6),
    (4, 5, 7),
    (6, 7, 8),
    (8, 9, 9),
    (10, 19, 10),
    (20, 26, 8),
    (27, 28, 6),
    (29, 30, 7),
    (31, 32, 8),
    (33, 34, 9),
    (35, 36, 10),
]


@pytest.mark.parametrize(
    "first, last, target", WORKED_EXAMPLE_B, ids=[f"days-{f}-{t}" for f, t, _ in WORKED_EXAMPLE_B]
)
def test_worked_example_B_bad_days_and_a_pause_W_5_W_6(first, last, target):
    targets = _targets(7, 36, _worked_example_B_log())
    assert targets[first : last + 1] == [target] * (last - first + 1)


def test_worked_example_B_bad_days_are_walked_but_not_completed():
    request = {
        "start": _day(0),
        "baseline_minutes": 7,
        "today": _day(36),
        "log": _worked_example_B_log(),
    }
    days = compute_plan(parse_plan_request(request))["days"]
    assert [(days[d]["walks_logged"], days[d]["completed"]) for d in (10, 11, 12, 13)] == [
        (2, False),
        (3, False),
        (1, False),
        (0, False),
    ]


def test_W_6_example_pause_of_15_empty_days_lowers_twice():
    # W-6: "start 8, target 14; then 15 empty days (days 20–34) → target 12 on day 27,
    # 10 on day 34". Days 0–11 completed (8 → 14 on day 12), days 12–19 one walk only.
    log = []
    for d in range(12):
        log += _walks(d, 30, 30, 30)
    for d in range(12, 20):
        log += _walks(d, 30)
    targets = _targets(10, 35, log)
    assert targets[19] == 14
    assert targets[20:27] == [14] * 7
    assert targets[27] == 12
    assert targets[34] == 10
    assert targets[35] == 10


def test_W_6_pause_never_goes_below_start_minutes():
    log = _walks(0, 30, 30, 30) + _walks(1, 30, 30, 30)  # day 2: start + 1
    targets = _targets(10, 40, log)
    assert targets[2] == 9
    assert min(targets) == 8  # start 8: 9 − 2 is limited to 8
    assert targets[9] == 8


@pytest.mark.parametrize(
    "between",
    [_walks(1, 30), _walks(1, 0, 0, 0), []],
    ids=["one-walk", "tried-zero", "empty-day"],
)
def test_W_4_completed_count_is_not_reset_by_a_day_that_is_not_completed(between):
    # W-4: "completed_count counts completed days only; a day that is not completed does
    # not reset it": completed, not completed, completed → the step comes on day 3.
    log = _walks(0, 30, 30, 30) + between + _walks(2, 30, 30, 30)
    assert _targets(10, 3, log) == [8, 8, 8, 9]


def test_W_5_zero_minute_walk_ends_an_empty_run():
    # Six empty days, a 0-minute walk ("tried"), six empty days: no 7 in a row, no step down.
    log = []
    for d in range(4):
        log += _walks(d, 30, 30, 30)  # day 4: target 10
    log += _walks(10, 0)
    targets = _targets(10, 17, log)
    assert targets[4:] == [10] * 14
    request = {"start": _day(0), "baseline_minutes": 10, "today": _day(17), "log": log}
    day_10 = compute_plan(parse_plan_request(request))["days"][10]
    assert (day_10["walks_logged"], day_10["completed"]) == (1, False)


def test_W_3_completed_needs_two_parts_at_target_not_a_longer_single_walk():
    request = {
        "start": _day(0),
        "baseline_minutes": 10,
        "today": _day(1),
        "log": _walks(0, 180, 7, 0) + _walks(1, 8, 0, 8),
    }
    days = compute_plan(parse_plan_request(request))["days"]
    assert [day["completed"] for day in days] == [False, True]


def test_W_7_finished_from_day_84_and_targets_keep_following_the_rules():
    log = []
    for d in range(90):
        log += _walks(d, 30, 30, 30)
    request = {"start": _day(0), "baseline_minutes": 1, "today": _day(84), "log": log[: 85 * 3]}
    plan = compute_plan(parse_plan_request(request))
    assert plan["state"] == "finished"
    assert plan["days"][56]["target_minutes"] == 30  # W-4: from start 2, day 56 reaches 30
    request["today"] = _day(83)
    request["log"] = log[: 84 * 3]
    assert compute_plan(parse_plan_request(request))["state"] == "active"


def test_W_7_stopped_takes_precedence_over_finished():
    request = {
        "start": _day(0),
        "baseline_minutes": 10,
        "today": _day(100),
        "log": [{"date": _day(90), "part": "evening", "minutes": 0, "warning_signs": ["fever"]}],
    }
    plan = compute_plan(parse_plan_request(request))
    assert (plan["state"], plan["stopped_on"]) == ("stopped", _day(90))
    assert plan["days"][89]["target_minutes"] == 8
    assert plan["days"][90]["target_minutes"] is None


def test_W_9_stopped_from_the_earliest_sign_even_when_logged_later_in_the_list():
    log = _walks(0, 30, 30, 30) + _walks(1, 30, 30, 30) + _walks(2, 30, 30, 30)
    log.append({"date": _day(4), "part": "morning", "minutes": 5, "warning_signs": ["fever"]})
    log.append({"date": _day(2), "part": "evening", "minutes": 30, "warning_signs": ["both_legs"]})
    request = {"start": _day(0), "baseline_minutes": 10, "today": _day(5), "log": log}
    plan = compute_plan(parse_plan_request(request))
    assert plan["stopped_on"] == _day(2)
    assert [d["target_minutes"] for d in plan["days"]] == [8, 8, None, None, None, None]
    assert [d["completed"] for d in plan["days"]] == [True, True, False, False, False, False]
    assert plan["adherence_percent"] == 40  # 2 of the 5 days before today


def test_W_13_later_entry_for_the_same_date_and_part_counts():
    log = _walks(0, 30, 30) + [{"date": _day(0), "part": "afternoon", "minutes": 2}]
    request = {"start": _day(0), "baseline_minutes": 10, "today": _day(0), "log": log}
    day = compute_plan(parse_plan_request(request))["days"][0]
    assert (day["walks_logged"], day["completed"]) == (2, False)


def test_W_13_replaced_warning_sign_no_longer_stops_the_plan():
    log = [
        {"date": _day(0), "part": "morning", "minutes": 3, "warning_signs": ["fever"]},
        {"date": _day(0), "part": "morning", "minutes": 3},
    ]
    request = {"start": _day(0), "baseline_minutes": 10, "today": _day(1), "log": log}
    assert compute_plan(parse_plan_request(request))["state"] == "active"


def test_W_13_day_0_has_no_adherence_and_the_log_may_be_left_out():
    plan = compute_plan(
        parse_plan_request({"start": _day(0), "baseline_minutes": 10, "today": _day(0)})
    )
    assert plan == {
        "spec_version": 1,
        "start_minutes": 8,
        "cap_minutes": 30,
        "state": "active",
        "stopped_on": None,
        "adherence_percent": None,
        "days": [{"date": _day(0), "target_minutes": 8, "walks_logged": 0, "completed": False}],
    }


def test_W_13_adherence_is_rounded_down_and_leaves_today_out():
    # Days 0 and 1 completed, day 2 not, today (day 3) completed: 2 of 3 → 66, not 67 or 75.
    log = _walks(0, 30, 30) + _walks(1, 30, 30) + _walks(2, 30) + _walks(3, 30, 30)
    request = {"start": _day(0), "baseline_minutes": 10, "today": _day(3), "log": log}
    assert compute_plan(parse_plan_request(request))["adherence_percent"] == 66
