"""Bad plan requests (W-13, W-8), the start table (W-2), the pain trend (W-10) and the
warning-sign advice (W-9)."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from rugtest.core.errors import InputError
from rugtest.core.programme import (
    WARNING_SIGN_TABLE,
    WARNING_SIGNS,
    WalkEntry,
    advice_for_sign,
    baseline_from_test_walks,
    compute_plan,
    day_rows,
    days_left,
    most_urgent_advice,
    pain_trend_alert,
    parse_plan_request,
    plan_json,
    start_minutes,
    week_summaries,
)

START = date(2026, 1, 5)


def _valid_request() -> dict:
    return {
        "start": "2026-01-05",
        "baseline_minutes": 10,
        "today": "2026-01-10",
        "log": [
            {"date": "2026-01-05", "part": "morning", "minutes": 8},
            {"date": "2026-01-05", "part": "afternoon", "minutes": 8, "pain_after": 3},
            {"date": "2026-01-06", "part": "morning", "minutes": 0, "note": "te veel pijn"},
            {
                "date": "2026-01-07",
                "part": "evening",
                "minutes": 12,
                "pain_before": 4,
                "pain_after": 5,
                "painkiller": "yes",
                "note": "",
                "warning_signs": [],
            },
        ],
    }


def test_the_valid_request_used_below_is_accepted():
    request = parse_plan_request(_valid_request())
    assert request.baseline_minutes == 10
    assert request.log[3] == WalkEntry(
        date=date(2026, 1, 7),
        part="evening",
        minutes=12,
        pain_before=4,
        pain_after=5,
        painkiller="yes",
        note="",
        warning_signs=(),
    )


def _set(path, value):
    """A change to the valid request: set ``value`` at ``path`` (keys and list indexes)."""

    def change(request):
        *parents, last = path
        target = request
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _delete(path):
    def change(request):
        *parents, last = path
        target = request
        for key in parents:
            target = target[key]
        del target[last]

    return change


def _append_entry(entry):
    return lambda request: request["log"].append(entry)


# (case id, change to the valid request, field the error must name)
BAD_REQUESTS = [
    # W-13: top-level keys
    ("unknown-top-level-key", _set(["plan"], 1), "plan"),
    ("start-missing", _delete(["start"]), "start"),
    ("baseline-missing", _delete(["baseline_minutes"]), "baseline_minutes"),
    ("today-missing", _delete(["today"]), "today"),
    # W-13: start and today are ISO dates
    ("start-not-a-date", _set(["start"], "5 januari"), "start"),
    ("start-impossible-date", _set(["start"], "2026-02-30"), "start"),
    ("start-compact-iso", _set(["start"], "20260105"), "start"),
    ("start-with-time", _set(["start"], "2026-01-05T08:00"), "start"),
    ("start-number", _set(["start"], 20260105), "start"),
    ("start-null", _set(["start"], None), "start"),
    ("today-not-a-date", _set(["today"], "tomorrow"), "today"),
    ("today-before-start", _set(["today"], "2026-01-04"), "today"),
    # W-2 / W-13: baseline_minutes is a JSON integer 1–60
    ("baseline-0", _set(["baseline_minutes"], 0), "baseline_minutes"),
    ("baseline-61", _set(["baseline_minutes"], 61), "baseline_minutes"),
    ("baseline-negative", _set(["baseline_minutes"], -5), "baseline_minutes"),
    ("baseline-float", _set(["baseline_minutes"], 10.0), "baseline_minutes"),
    ("baseline-string", _set(["baseline_minutes"], "10"), "baseline_minutes"),
    ("baseline-bool", _set(["baseline_minutes"], True), "baseline_minutes"),
    ("baseline-null", _set(["baseline_minutes"], None), "baseline_minutes"),
    # W-13: the log is a list of objects
    ("log-object", _set(["log"], {"date": "2026-01-05"}), "log"),
    ("log-null", _set(["log"], None), "log"),
    ("log-entry-not-object", _set(["log", 2], ["2026-01-06", "morning", 0]), "log[2]"),
    ("unknown-entry-key", _set(["log", 1, "steps"], 900), "log[1].steps"),
    ("entry-date-missing", _delete(["log", 0, "date"]), "log[0].date"),
    ("entry-part-missing", _delete(["log", 0, "part"]), "log[0].part"),
    ("entry-minutes-missing", _delete(["log", 3, "minutes"]), "log[3].minutes"),
    # W-8: date from the start date up to and including today
    ("entry-date-before-start", _set(["log", 3, "date"], "2026-01-04"), "log[3].date"),
    ("entry-date-after-today", _set(["log", 3, "date"], "2026-01-11"), "log[3].date"),
    ("entry-date-not-iso", _set(["log", 0, "date"], "05-01-2026"), "log[0].date"),
    # W-8: part
    ("entry-part-unknown", _set(["log", 0, "part"], "night"), "log[0].part"),
    ("entry-part-capitalised", _set(["log", 0, "part"], "Morning"), "log[0].part"),
    ("entry-part-number", _set(["log", 0, "part"], 1), "log[0].part"),
    # W-8: minutes 0–180, JSON integers only
    ("entry-minutes-181", _set(["log", 3, "minutes"], 181), "log[3].minutes"),
    ("entry-minutes-negative", _set(["log", 3, "minutes"], -1), "log[3].minutes"),
    ("entry-minutes-float", _set(["log", 3, "minutes"], 12.5), "log[3].minutes"),
    ("entry-minutes-whole-float", _set(["log", 3, "minutes"], 12.0), "log[3].minutes"),
    ("entry-minutes-string", _set(["log", 3, "minutes"], "12"), "log[3].minutes"),
    ("entry-minutes-bool", _set(["log", 3, "minutes"], False), "log[3].minutes"),
    ("entry-minutes-null", _set(["log", 3, "minutes"], None), "log[3].minutes"),
    # W-8: pain scores 0–10
    ("pain-before-11", _set(["log", 3, "pain_before"], 11), "log[3].pain_before"),
    ("pain-before-negative", _set(["log", 3, "pain_before"], -1), "log[3].pain_before"),
    ("pain-after-11", _set(["log", 3, "pain_after"], 11), "log[3].pain_after"),
    ("pain-after-string", _set(["log", 3, "pain_after"], "5"), "log[3].pain_after"),
    ("pain-after-bool", _set(["log", 3, "pain_after"], True), "log[3].pain_after"),
    ("pain-after-float", _set(["log", 3, "pain_after"], 4.5), "log[3].pain_after"),
    ("pain-after-null", _set(["log", 3, "pain_after"], None), "log[3].pain_after"),
    # W-8: painkiller yes/no
    ("painkiller-bool", _set(["log", 3, "painkiller"], True), "log[3].painkiller"),
    ("painkiller-dutch", _set(["log", 3, "painkiller"], "ja"), "log[3].painkiller"),
    ("painkiller-unknown", _set(["log", 3, "painkiller"], "unknown"), "log[3].painkiller"),
    # W-8: note at most 500 characters
    ("note-501", _set(["log", 3, "note"], "x" * 501), "log[3].note"),
    ("note-number", _set(["log", 3, "note"], 5), "log[3].note"),
    # W-8 / W-9: warning signs, known ids, each at most once
    ("signs-not-a-list", _set(["log", 3, "warning_signs"], "fever"), "log[3].warning_signs"),
    ("signs-unknown-id", _set(["log", 3, "warning_signs"], ["headache"]), "log[3].warning_signs"),
    (
        "signs-duplicate",
        _set(["log", 3, "warning_signs"], ["fever", "fever"]),
        "log[3].warning_signs",
    ),
    ("signs-not-strings", _set(["log", 3, "warning_signs"], [True]), "log[3].warning_signs"),
    ("signs-null", _set(["log", 3, "warning_signs"], None), "log[3].warning_signs"),
    # The index counts from 0 in the list as sent, also after a valid entry.
    (
        "fifth-entry-bad",
        _append_entry({"date": "2026-01-08", "part": "morning", "minutes": 200}),
        "log[4].minutes",
    ),
]


@pytest.mark.parametrize(
    "change, field", [case[1:] for case in BAD_REQUESTS], ids=[case[0] for case in BAD_REQUESTS]
)
def test_bad_plan_request_names_the_field_W_13(change, field):
    request = copy.deepcopy(_valid_request())
    change(request)
    with pytest.raises(InputError) as raised:
        parse_plan_request(request)
    assert raised.value.field == field
    assert raised.value.message("en") and raised.value.message("nl")
    assert raised.value.message("nl") != raised.value.message("en")
    with pytest.raises(InputError):
        plan_json(request)  # the CLI path refuses it too


@pytest.mark.parametrize("obj", [None, [], "plan", 42, True, [{"start": "2026-01-05"}]])
def test_request_that_is_not_an_object_names_no_field_W_13(obj):
    with pytest.raises(InputError) as raised:
        parse_plan_request(obj)
    assert raised.value.field is None


def test_minutes_error_says_the_range_in_english_and_dutch():
    request = _valid_request()
    request["log"][3]["minutes"] = 181
    with pytest.raises(InputError) as raised:
        parse_plan_request(request)
    error = raised.value
    assert error.cli_line() == "error: log[3].minutes: must be a whole number from 0 to 180"
    assert error.message("nl") == "moet een heel getal van 0 tot en met 180 zijn"
    assert error.as_json() == {
        "error": {"field": "log[3].minutes", "message": "must be a whole number from 0 to 180"}
    }


def test_baseline_error_says_the_range():
    request = _valid_request()
    request["baseline_minutes"] = 61
    with pytest.raises(InputError) as raised:
        parse_plan_request(request)
    assert str(raised.value) == "baseline_minutes: must be a whole number from 1 to 60"


def test_entry_date_error_says_the_allowed_dates():
    request = _valid_request()
    request["log"][0]["date"] = "2026-01-11"
    with pytest.raises(InputError) as raised:
        parse_plan_request(request)
    assert raised.value.message("en") == "must be a date from 2026-01-05 to 2026-01-10"
    assert raised.value.message("nl") == "moet een datum van 2026-01-05 tot en met 2026-01-10 zijn"


@pytest.mark.parametrize(
    "change",
    [
        _set(["log", 3, "minutes"], 0),
        _set(["log", 3, "minutes"], 180),
        _set(["log", 3, "pain_before"], 0),
        _set(["log", 3, "pain_after"], 10),
        _set(["log", 3, "painkiller"], "no"),
        _set(["log", 3, "note"], "é" * 500),
        _set(["log", 3, "warning_signs"], list(WARNING_SIGNS)),
        _set(["log", 3, "date"], "2026-01-10"),
        _set(["log", 3, "date"], "2026-01-05"),
        _set(["baseline_minutes"], 1),
        _set(["baseline_minutes"], 60),
        _set(["today"], "2026-01-07"),
        _set(["log"], []),
        _delete(["log"]),
    ],
    ids=[
        "minutes-0",
        "minutes-180",
        "pain-before-0",
        "pain-after-10",
        "painkiller-no",
        "note-500",
        "all-signs-once",
        "entry-on-today",
        "entry-on-start",
        "baseline-1",
        "baseline-60",
        "today-is-last-entry",
        "empty-log",
        "log-left-out",
    ],
)
def test_values_at_the_edge_of_their_range_are_accepted(change):
    request = _valid_request()
    change(request)
    parse_plan_request(request)


def test_today_equal_to_start_is_accepted():
    request = {"start": "2026-01-05", "baseline_minutes": 10, "today": "2026-01-05"}
    assert parse_plan_request(request).today == START


def test_duplicate_date_and_part_is_accepted_and_the_later_one_counts():
    request = {
        "start": "2026-01-05",
        "baseline_minutes": 10,
        "today": "2026-01-05",
        "log": [
            {"date": "2026-01-05", "part": "morning", "minutes": 8},
            {"date": "2026-01-05", "part": "afternoon", "minutes": 8},
            {"date": "2026-01-05", "part": "morning", "minutes": 0},
        ],
    }
    assert compute_plan(parse_plan_request(request))["days"][0]["completed"] is False


# ---------------------------------------------------------------------------------------
# W-2: baseline and start target
# ---------------------------------------------------------------------------------------

# The table of W-2, one row per baseline (ranges expanded).
W_2_START_TABLE = (
    [(b, 2) for b in (1, 2, 3)]
    + [
        (4, 3),
        (5, 4),
        (7, 5),
        (10, 8),
        (15, 12),
        (19, 15),
        (25, 20),
    ]
    + [(b, 20) for b in range(26, 61)]
)


@pytest.mark.parametrize("baseline, start", W_2_START_TABLE)
def test_W_2_start_table(baseline, start):
    assert start_minutes(baseline) == start


@pytest.mark.parametrize("baseline", range(1, 61))
def test_W_2_start_is_80_percent_rounded_down_between_2_and_20(baseline):
    assert start_minutes(baseline) == max(2, min(20, (baseline * 8) // 10))
    assert 2 <= start_minutes(baseline) <= 20


@pytest.mark.parametrize("baseline", [0, 61, -1, 10.0, "10", True, None])
def test_W_2_start_refuses_a_baseline_out_of_range(baseline):
    with pytest.raises(InputError) as raised:
        start_minutes(baseline)
    assert raised.value.field == "baseline_minutes"


@pytest.mark.parametrize(
    "walks, baseline",
    [
        ([6, 9, 8], 7),  # W-2's own example: ⌊23 / 3⌋ = 7
        ([1, 1], 1),
        ([1, 2], 1),  # ⌊1.5⌋
        ([10, 11, 11], 10),  # ⌊32 / 3⌋, not rounded up to 11
        ([60, 60, 60], 60),
        ([120, 120], 60),  # limited to 60
        ([61, 60], 60),
        ([120, 1, 1], 40),
    ],
)
def test_W_2_baseline_from_test_walks_is_the_mean_rounded_down_within_1_to_60(walks, baseline):
    assert baseline_from_test_walks(walks) == baseline


@pytest.mark.parametrize(
    "walks, field",
    [
        ([7], "test_walks"),
        ([7, 7, 7, 7], "test_walks"),
        ([], "test_walks"),
        ("77", "test_walks"),
        (7, "test_walks"),
        ([7, 0], "test_walks[1]"),
        ([121, 7], "test_walks[0]"),
        ([7, 7.5], "test_walks[1]"),
        ([7, True], "test_walks[1]"),
        ([7, "7"], "test_walks[1]"),
    ],
)
def test_W_2_baseline_from_test_walks_refuses_bad_walks(walks, field):
    with pytest.raises(InputError) as raised:
        baseline_from_test_walks(walks)
    assert raised.value.field == field


# ---------------------------------------------------------------------------------------
# W-10: pain trend check
# ---------------------------------------------------------------------------------------

TODAY = START + timedelta(days=30)  # day 30: B is days 16–29


def _scores(first_day: int, scores: list[int]) -> list[WalkEntry]:
    """One pain_after score per part, filling days from ``first_day`` in part order."""
    parts = ("morning", "afternoon", "evening")
    return [
        WalkEntry(
            date=START + timedelta(days=first_day + i // 3),
            part=parts[i % 3],
            minutes=5,
            pain_after=score,
        )
        for i, score in enumerate(scores)
    ]


def test_W_10_alert_when_recent_mean_is_exactly_2_above_the_first_six():
    # A: six 3s (mean 3); B: six 5s (mean 5) → 6 × 30 ≥ 6 × (18 + 12): exactly at the boundary.
    log = _scores(0, [3] * 6) + _scores(20, [5] * 6)
    assert pain_trend_alert(log, START, TODAY) is True


def test_W_10_no_alert_just_below_the_boundary():
    # B: 5, 5, 5, 5, 5, 4 → 6 × 29 = 174 < 6 × 30 = 180.
    log = _scores(0, [3] * 6) + _scores(20, [5, 5, 5, 5, 5, 4])
    assert pain_trend_alert(log, START, TODAY) is False


def test_W_10_uneven_counts_use_the_integer_comparison():
    # A sums to 20 (mean 3.33…); B has 7 scores summing to 37 (mean 5.29 < 5.33): no alert;
    # summing to 38 (mean 5.43 ≥ 5.33): alert. 6 × 37 = 222 < 7 × 32 = 224 ≤ 6 × 38 = 228.
    a = _scores(0, [3, 3, 3, 3, 4, 4])
    assert pain_trend_alert(a + _scores(20, [5, 5, 5, 5, 5, 6, 6]), START, TODAY) is False
    assert pain_trend_alert(a + _scores(20, [5, 5, 5, 5, 6, 6, 6]), START, TODAY) is True


def test_W_10_needs_six_first_scores():
    # Only 5 scores in the whole log before B starts, and B's own scores then make A.
    log = _scores(0, [0] * 5)
    assert pain_trend_alert(log, START, TODAY) is False
    # The 6th score is B's first, so A = five 0s and one 9: mean 1.5; B mean 9 → alert.
    assert pain_trend_alert(log + _scores(20, [9] * 6), START, TODAY) is True


def test_W_10_needs_six_recent_scores():
    log = _scores(0, [0] * 6) + _scores(20, [10] * 5)
    assert pain_trend_alert(log, START, TODAY) is False


def test_W_10_window_is_the_14_days_ending_yesterday():
    first = _scores(0, [2] * 6)
    high = [8] * 6
    assert pain_trend_alert(first + _scores(16, high), START, TODAY) is True  # day 16 = today − 14
    assert (
        pain_trend_alert(first + _scores(15, high[:3]) + _scores(16, high[:3]), START, TODAY)
        is False
    )
    # Today's scores (day 30) do not count yet.
    assert (
        pain_trend_alert(first + _scores(28, high[:3]) + _scores(30, high[:3]), START, TODAY)
        is False
    )


def test_W_10_first_scores_are_by_date_then_part_not_list_order():
    recent = _scores(20, [2] * 6)  # sum 12: alert only when A sums to 0
    first_six = _scores(0, [0] * 6)
    # Listed first, the recent scores must still not be taken as A.
    assert pain_trend_alert(recent + first_six, START, TODAY) is True

    def walk(d, part, score):
        return WalkEntry(date=START + timedelta(days=d), part=part, minutes=5, pain_after=score)

    # Five 0s on days 0 and 1; on day 2 the evening (10) is listed before the morning (0):
    # part order makes the morning the 6th score, so A sums to 0.
    five = _scores(0, [0] * 5)
    day_2 = [walk(2, "evening", 10), walk(2, "morning", 0)]
    assert pain_trend_alert(five + day_2 + recent, START, TODAY) is True
    # Control: with the morning score gone, A takes the 10 and there is no alert.
    assert pain_trend_alert(five + day_2[:1] + recent, START, TODAY) is False


def test_W_10_uses_pain_after_only_and_the_later_duplicate():
    log = _scores(0, [1] * 6) + _scores(20, [9] * 6)
    quiet_before = [
        WalkEntry(date=e.date, part=e.part, minutes=e.minutes, pain_before=10) for e in log
    ]
    assert pain_trend_alert(quiet_before, START, TODAY) is False
    # A later entry for the same date and part replaces the score.
    replaced = log + [WalkEntry(date=e.date, part=e.part, minutes=5, pain_after=1) for e in log[6:]]
    assert pain_trend_alert(log, START, TODAY) is True
    assert pain_trend_alert(replaced, START, TODAY) is False


# ---------------------------------------------------------------------------------------
# W-9: which advice is shown
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sign, rule, level, action, advice",
    [
        ("saddle_numbness", "R-CE-1", "emergency", "call_gp_now", "A-CALL-GP-NOW"),
        ("bladder_bowel", "R-CE-2", "emergency", "call_gp_now", "A-CALL-GP-NOW"),
        ("both_legs", "R-CE-3", "emergency", "call_gp_now", "A-CALL-GP-NOW"),
        ("sudden_severe_pain", "R-AAA-1", "emergency", "call_112", "A-CALL-112"),
        ("leg_weakness", "R-LRS-1", "urgent", "call_gp_today", "A-CALL-GP-TODAY"),
        ("fever", "R-INF-1", "urgent", "call_gp_today", "A-CALL-GP-TODAY"),
        ("pain_worsening", None, "gp", "see_gp", "A-SEE-GP"),
    ],
)
def test_W_9_advice_table(sign, rule, level, action, advice):
    shown = advice_for_sign(sign, age=60, known_aneurysm="no")
    assert (shown.rule, shown.level, shown.action, shown.advice) == (rule, level, action, advice)


def test_W_9_warning_signs_are_in_table_order():
    assert WARNING_SIGNS == (
        "saddle_numbness",
        "bladder_bowel",
        "both_legs",
        "sudden_severe_pain",
        "leg_weakness",
        "fever",
        "pain_worsening",
    )
    assert tuple(row.sign for row in WARNING_SIGN_TABLE) == WARNING_SIGNS


@pytest.mark.parametrize(
    "age, known_aneurysm, rule",
    [
        (40, "no", "R-SEV-1"),  # age ≤ 40 and no known aneurysm: urgent
        (16, "no", "R-SEV-1"),
        (41, "no", "R-AAA-1"),  # NHG: ruptured aneurysm suspected above 40
        (35, "yes", "R-AAA-1"),
        (35, "unknown", "R-AAA-1"),  # "don't know" never makes it less urgent
        (35, None, "R-AAA-1"),
        (None, "no", "R-AAA-1"),  # no rugtest answers: keep the emergency
        (None, None, "R-AAA-1"),
    ],
)
def test_W_9_sudden_severe_pain_choice_between_AAA_and_SEV(age, known_aneurysm, rule):
    shown = advice_for_sign("sudden_severe_pain", age=age, known_aneurysm=known_aneurysm)
    assert shown.rule == rule
    if rule == "R-SEV-1":
        assert (shown.level, shown.action, shown.advice, shown.faint_line) == (
            "urgent",
            "call_gp_today",
            "A-CALL-GP-TODAY",
            True,
        )
    else:
        assert (shown.level, shown.action, shown.faint_line) == ("emergency", "call_112", False)


@pytest.mark.parametrize(
    "signs, age, known_aneurysm, expected_sign, expected_rule",
    [
        (["pain_worsening", "fever"], 60, "no", "fever", "R-INF-1"),  # urgent before gp
        (["fever", "bladder_bowel"], 60, "no", "bladder_bowel", "R-CE-2"),  # emergency first
        (["leg_weakness", "both_legs", "pain_worsening"], 60, "no", "both_legs", "R-CE-3"),
        (["saddle_numbness", "sudden_severe_pain"], 60, "no", "sudden_severe_pain", "R-AAA-1"),
        (["saddle_numbness", "sudden_severe_pain"], 30, "no", "saddle_numbness", "R-CE-1"),
        (["fever", "sudden_severe_pain"], 30, "no", "sudden_severe_pain", "R-SEV-1"),
        (["fever", "leg_weakness"], 30, "no", "leg_weakness", "R-LRS-1"),  # tie: table order
        (["pain_worsening"], 30, "no", "pain_worsening", None),
    ],
)
def test_W_9_most_urgent_advice_for_several_signs(
    signs, age, known_aneurysm, expected_sign, expected_rule
):
    shown = most_urgent_advice(signs, age=age, known_aneurysm=known_aneurysm)
    assert (shown.sign, shown.rule) == (expected_sign, expected_rule)


def test_W_9_no_signs_gives_no_advice():
    assert most_urgent_advice([]) is None


def test_W_9_unknown_sign_is_refused():
    with pytest.raises(ValueError):
        most_urgent_advice(["headache"])


# ---------------------------------------------------------------------------------------
# W-11: progress view helpers
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("d, left", [(0, 83), (1, 82), (83, 0), (84, 0), (200, 0)])
def test_W_11_days_left_is_83_minus_d(d, left):
    assert days_left(START, START + timedelta(days=d)) == left


def test_W_11_week_summaries():
    day = lambda d: (START + timedelta(days=d)).isoformat()  # noqa: E731
    log = [
        {"date": day(0), "part": "morning", "minutes": 8, "pain_after": 3},
        {"date": day(0), "part": "evening", "minutes": 9, "pain_after": 4},
        {"date": day(1), "part": "morning", "minutes": 0, "pain_after": 4},
        {"date": day(6), "part": "morning", "minutes": 20},
        {"date": day(6), "part": "afternoon", "minutes": 8, "pain_after": 4},
        {"date": day(8), "part": "morning", "minutes": 5},
    ]
    request = parse_plan_request(
        {"start": day(0), "baseline_minutes": 10, "today": day(14), "log": log}
    )
    weeks = week_summaries(request)
    assert [(w["week"], w["total_minutes"], w["completed_days"]) for w in weeks] == [
        (1, 45, 2),
        (2, 5, 0),
        (3, 0, 0),
    ]
    assert str(weeks[0]["mean_pain_after"]) == "3.8"  # 15 / 4 = 3.75, half rounded up
    assert weeks[1]["mean_pain_after"] is None
    assert (weeks[2]["first_date"], weeks[2]["last_date"]) == (
        START + timedelta(days=14),
        START + timedelta(days=20),
    )


def test_W_11_day_rows_show_minutes_per_part_against_three_times_the_target():
    request = parse_plan_request(
        {
            "start": "2026-01-05",
            "baseline_minutes": 10,
            "today": "2026-01-06",
            "log": [
                {"date": "2026-01-05", "part": "morning", "minutes": 8},
                {"date": "2026-01-05", "part": "evening", "minutes": 12},
                {
                    "date": "2026-01-06",
                    "part": "afternoon",
                    "minutes": 0,
                    "warning_signs": ["fever"],
                },
            ],
        }
    )
    rows = day_rows(request)
    assert rows[0]["minutes"] == {"morning": 8, "afternoon": None, "evening": 12}
    assert (rows[0]["total_minutes"], rows[0]["goal_minutes"], rows[0]["completed"]) == (
        20,
        24,
        True,
    )
    assert (rows[1]["target_minutes"], rows[1]["goal_minutes"], rows[1]["walks_logged"]) == (
        None,
        None,
        1,
    )


def test_D_5_the_form_offers_the_likely_part_unless_it_is_logged_already():
    from rugtest.core.programme import part_to_log

    assert part_to_log(7, {}) == "morning"
    assert part_to_log(7, {"morning": 1}) == "afternoon"  # the next part not yet logged
    assert part_to_log(20, {"evening": 3}) == "afternoon"  # nothing later: the nearest earlier one
    assert part_to_log(20, {"evening": 3, "afternoon": 2}) == "morning"
    assert part_to_log(14, {"morning": 1, "afternoon": 2, "evening": 3}) == "afternoon"  # all logged
