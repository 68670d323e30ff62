"""Property-based tests: the invariants I-1 … I-12 of walking-programme.md (W-12).

Logs are generated as runs of realistic days (all walks done, two of three, one walk,
0-minute "tried" walks, random walks, long pauses of empty days), with sparse warning signs
and entries logged twice for the same date and part. Every request goes through
parse_plan_request, so the generator also only makes requests the contract accepts.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugtest.core.programme import (
    CAP_MINUTES,
    PARTS,
    WARNING_SIGNS,
    compute_plan,
    parse_plan_request,
    plan_json,
    start_minutes,
)

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

MAX_DAYS = 110  # beyond day 84, so "finished" plans are generated too

# Minutes that sit on the edges of the targets (2 … 30) and of the log range (0 … 180).
MINUTES = st.one_of(
    st.sampled_from([0, 1, 2, 3, 5, 8, 10, 15, 16, 20, 25, 29, 30, 31, 45, 180]),
    st.integers(0, 180),
)
HIGH_MINUTES = st.integers(CAP_MINUTES, 180)  # always at or above any target (I-1)

DAY_KINDS = ("empty", "all_walks", "two_walks", "one_walk", "tried_zero", "random")


def _iso(start: date, d: int) -> str:
    return (start + timedelta(days=d)).isoformat()


@st.composite
def _details(draw) -> dict:
    """Optional pain scores, painkiller and note: never inputs to a target (W-5)."""
    details = {}
    if draw(st.booleans()):
        details["pain_before"] = draw(st.integers(0, 10))
    if draw(st.booleans()):
        details["pain_after"] = draw(st.integers(0, 10))
    if draw(st.booleans()):
        details["painkiller"] = draw(st.sampled_from(["yes", "no"]))
    if draw(st.booleans()):
        details["note"] = draw(st.sampled_from(["", "regen", "meer pijn vandaag", "x" * 500]))
    return details


@st.composite
def _day_pattern(draw, kind: str):
    """Minutes per part for one day of ``kind``; a run repeats it (fast, and realistic:
    people tend to keep the same routine for a while)."""
    if kind == "empty":
        return {}
    if kind == "all_walks":
        return {p: draw(HIGH_MINUTES) for p in PARTS}
    if kind == "two_walks":
        done = draw(st.sampled_from([(0, 1), (0, 2), (1, 2)]))
        minutes = {PARTS[i]: draw(HIGH_MINUTES) for i in done}
        if draw(st.booleans()):
            (missing,) = set(range(3)) - set(done)
            minutes[PARTS[missing]] = draw(MINUTES)
        return minutes
    if kind == "one_walk":
        return {draw(st.sampled_from(PARTS)): draw(HIGH_MINUTES)}
    if kind == "tried_zero":
        return {p: 0 for p in draw(st.sets(st.sampled_from(PARTS), min_size=1))}
    return None  # random: drawn again for every day


# A "random" day: each part absent or any number of minutes.
_RANDOM_DAY = st.fixed_dictionaries({}, optional={p: MINUTES for p in PARTS})


@st.composite
def plan_requests(draw, signs: bool = True) -> dict:
    """A valid `rugtest plan` request (W-13) with a realistic log; ``signs`` lets about one
    log in four carry warning signs (W-9)."""
    start = draw(st.dates(date(2024, 1, 1), date(2030, 12, 31)))
    today = draw(st.integers(0, MAX_DAYS))  # days after the log's runs are empty days
    runs = draw(
        st.lists(st.tuples(st.sampled_from(DAY_KINDS), st.integers(1, 24)), min_size=1, max_size=10)
    )
    log: list[dict] = []
    d = 0
    for kind, length in runs:
        details = draw(_details())  # one pattern per run keeps generation fast
        pattern = draw(_day_pattern(kind))
        for _ in range(length):
            if d > today:
                break
            minutes = pattern if pattern is not None else draw(_RANDOM_DAY)
            log += [
                {"date": _iso(start, d), "part": p, "minutes": m, **details}
                for p, m in minutes.items()
            ]
            d += 1

    # The same date and part logged again: before (the original counts) or after (it does).
    extras = draw(
        st.lists(
            st.tuples(st.integers(0, today), st.sampled_from(PARTS), MINUTES, st.booleans()),
            max_size=4,
        )
    )
    for day, part, minutes, after in extras:
        entry = {"date": _iso(start, day), "part": part, "minutes": minutes}
        log = log + [entry] if after else [entry] + log

    if signs and draw(st.sampled_from((False, False, False, True))):  # about 1 in 4
        for day, part, minutes, ticked in draw(
            st.lists(
                st.tuples(
                    st.integers(0, today),
                    st.sampled_from(PARTS),
                    st.sampled_from([0, 5, 30]),
                    st.lists(st.sampled_from(WARNING_SIGNS), min_size=1, max_size=3, unique=True),
                ),
                min_size=1,
                max_size=2,
            )
        ):
            log.append(
                {
                    "date": _iso(start, day),
                    "part": part,
                    "minutes": minutes,
                    "warning_signs": ticked,
                }
            )

    request = {
        "start": start.isoformat(),
        "baseline_minutes": draw(st.integers(1, 60)),
        "today": _iso(start, today),
        "log": log,
    }
    if not log and draw(st.booleans()):
        del request["log"]  # W-13: the log may be left out
    return request


def _plan(request: dict) -> dict:
    return compute_plan(parse_plan_request(request))


def _targets(plan: dict) -> list:
    return [day["target_minutes"] for day in plan["days"]]


def _steps(plan: dict):
    """(d, target(d − 1), target(d)) for every day d whose target and previous target exist."""
    targets = _targets(plan)
    for d in range(1, len(targets)):
        if targets[d] is not None and targets[d - 1] is not None:
            yield d, targets[d - 1], targets[d]


def _is_empty_day(plan: dict, d: int) -> bool:
    """Terms: a day before today with no walk entry at all."""
    return d < len(plan["days"]) - 1 and plan["days"][d]["walks_logged"] == 0


def _effective(log: list[dict]) -> dict:
    """W-13: the later entry for the same date and part counts."""
    return {(entry["date"], entry["part"]): entry for entry in log}


# ---------------------------------------------------------------------------------------
# I-1 … I-12
# ---------------------------------------------------------------------------------------


@PROPERTY
@given(plan_requests())
def test_I_1_targets_stay_between_start_and_cap(request):
    plan = _plan(request)
    first = plan["start_minutes"]
    assert 2 <= first <= 20
    assert first == start_minutes(request["baseline_minutes"])
    assert all(first <= t <= CAP_MINUTES for t in _targets(plan) if t is not None)


@PROPERTY
@given(plan_requests())
def test_I_2_target_changes_by_at_most_one_step(request):
    for _, before, after in _steps(_plan(request)):
        assert after - before in (-2, -1, 0, 1)


@PROPERTY
@given(plan_requests(), st.randoms(use_true_random=False))
def test_I_3_pain_painkiller_and_note_never_change_the_plan(request, rnd):
    plan = _plan(request)
    changed = dict(request, log=[dict(entry) for entry in request.get("log", [])])
    for entry in changed["log"]:
        for key, values in (
            ("pain_before", range(11)),
            ("pain_after", range(11)),
            ("painkiller", ("yes", "no")),
            ("note", ("", "veel pijn", "ik nam een paracetamol")),
        ):
            choice = rnd.randrange(3)
            if choice == 0:
                entry.pop(key, None)
            elif choice == 1:
                entry[key] = rnd.choice(values)
    other = _plan(changed)
    assert _targets(other) == _targets(plan)
    assert [d["completed"] for d in other["days"]] == [d["completed"] for d in plan["days"]]


@PROPERTY
@given(plan_requests())
def test_I_4_target_rises_only_after_a_completed_day(request):
    plan = _plan(request)
    for d, before, after in _steps(plan):
        if after > before:
            assert plan["days"][d - 1]["completed"]


@PROPERTY
@given(plan_requests())
def test_I_5_target_falls_only_after_seven_empty_days(request):
    plan = _plan(request)
    for d, before, after in _steps(plan):
        if after < before:
            assert d >= 7
            assert all(_is_empty_day(plan, k) for k in range(d - 7, d))


@PROPERTY
@given(plan_requests(), st.data())
def test_I_6_an_entry_on_day_k_changes_no_target_on_days_0_to_k(request, data):
    # Warning signs are kept as they are: a sign logged on day k stops the plan from day k
    # itself (W-9, I-10), which I-6's "no target on days 0 … k" cannot mean.
    today = len(_plan(request)["days"]) - 1
    k = data.draw(st.integers(0, today), label="k")
    part = data.draw(st.sampled_from(PARTS), label="part")
    date_ = _iso(date.fromisoformat(request["start"]), k)
    log = list(request.get("log", []))
    current = _effective(log).get((date_, part))
    signs = current.get("warning_signs", []) if current else []

    if current is not None and not signs and data.draw(st.booleans(), label="delete"):
        changed_log = [e for e in log if (e["date"], e["part"]) != (date_, part)]
    else:  # add a new entry, or change the one there (the later entry counts)
        minutes = data.draw(MINUTES, label="minutes")
        changed_log = log + [
            {"date": date_, "part": part, "minutes": minutes, "warning_signs": signs}
        ]

    before = _targets(_plan(request))
    after = _targets(_plan(dict(request, log=changed_log)))
    assert after[: k + 1] == before[: k + 1]


# One completed day for I-7: the parts walked at or above the target (at least 2), how far
# above it they were, and what the remaining part logged (nothing, 0, or 1 minute).
_COMPLETED_DAYS = st.sampled_from(
    [
        (done, above, rest)
        for done in ((0, 1), (0, 2), (1, 2), (0, 1, 2))
        for above in (0, 1, 7, 180)
        for rest in (None, 0, 1)
    ]
)


@PROPERTY
@given(st.integers(1, 60), st.integers(0, MAX_DAYS), st.data())
def test_I_7_every_day_completed_follows_the_formula(baseline, today, data):
    first = start_minutes(baseline)
    start = date(2026, 1, 5)
    days = data.draw(st.lists(_COMPLETED_DAYS, min_size=today + 1, max_size=today + 1))
    log = []
    for d, (done, above, rest) in enumerate(days):
        target = min(CAP_MINUTES, first + d // 2)
        for i, part in enumerate(PARTS):
            minutes = min(180, target + above) if i in done else rest
            if minutes is not None:
                log.append({"date": _iso(start, d), "part": part, "minutes": minutes})
    request = {
        "start": start.isoformat(),
        "baseline_minutes": baseline,
        "today": _iso(start, today),
        "log": log,
    }
    assert _targets(_plan(request)) == [min(CAP_MINUTES, first + d // 2) for d in range(today + 1)]


@PROPERTY
@given(st.integers(1, 60), st.integers(0, 400))
def test_I_7_empty_log_keeps_every_target_at_start(baseline, today):
    start = date(2026, 1, 5)
    plan = _plan(
        {"start": start.isoformat(), "baseline_minutes": baseline, "today": _iso(start, today)}
    )
    assert _targets(plan) == [start_minutes(baseline)] * (today + 1)


@PROPERTY
@given(plan_requests(), st.integers(0, 60))
def test_I_8_days_of_an_earlier_today_are_a_prefix_of_a_later_today(request, later_by):
    start = date.fromisoformat(request["start"])
    t1 = date.fromisoformat(request["today"])
    t2 = t1 + timedelta(days=later_by)
    early = _plan(request)
    late = _plan(dict(request, today=t2.isoformat()))
    assert late["days"][: len(early["days"])] == early["days"]
    assert len(late["days"]) == (t2 - start).days + 1


@PROPERTY
@given(plan_requests(), st.randoms(use_true_random=False))
def test_I_9_output_is_a_function_of_the_request_alone(request, rnd):
    distinct = list(_effective(request.get("log", [])).values())
    ordered = dict(request, log=distinct)
    shuffled_log = list(distinct)
    rnd.shuffle(shuffled_log)
    shuffled = dict(request, log=shuffled_log)
    printed = plan_json(ordered)
    assert plan_json(ordered) == printed  # same request, same bytes
    assert plan_json(shuffled) == printed  # order of distinct entries does not matter
    assert plan_json(request) == printed  # only the later duplicate counted


@PROPERTY
@given(
    plan_requests(signs=False),
    st.data(),
)
def test_I_10_a_warning_sign_stops_the_plan_and_leaves_earlier_days_alone(request, data):
    start = date.fromisoformat(request["start"])
    today = (date.fromisoformat(request["today"]) - start).days
    signs_log = list(request.get("log", []))
    for _ in range(data.draw(st.integers(1, 3), label="signs")):
        s = data.draw(st.integers(0, today), label="sign day")
        signs_log.append(
            {
                "date": _iso(start, s),
                "part": data.draw(st.sampled_from(PARTS), label="part"),
                "minutes": data.draw(MINUTES, label="minutes"),
                "warning_signs": data.draw(
                    st.lists(st.sampled_from(WARNING_SIGNS), min_size=1, unique=True), label="ids"
                ),
            }
        )
    sign_dates = sorted(e["date"] for e in _effective(signs_log).values() if e.get("warning_signs"))
    without = _plan(request)
    stopped = _plan(dict(request, log=signs_log))

    assert stopped["state"] == "stopped"
    assert all(stopped["stopped_on"] <= s for s in sign_dates)
    cut = (date.fromisoformat(stopped["stopped_on"]) - start).days
    for day in stopped["days"][cut:]:
        assert day["target_minutes"] is None
        assert day["completed"] is False
    # Every sign entry is dated on or after the stop, so the days before are untouched.
    assert stopped["days"][:cut] == without["days"][:cut]


@PROPERTY
@given(plan_requests())
def test_I_11_adherence_is_a_percentage(request):
    plan = _plan(request)
    if len(plan["days"]) == 1:
        assert plan["adherence_percent"] is None  # W-13: null on day 0
    else:
        assert 0 <= plan["adherence_percent"] <= 100


@PROPERTY
@given(plan_requests())
def test_I_12_decreases_are_at_most_one_per_seven_empty_days(request):
    plan = _plan(request)
    decreases = sum(1 for _, before, after in _steps(plan) if after < before)
    empty_days = sum(1 for d in range(len(plan["days"])) if _is_empty_day(plan, d))
    assert decreases <= empty_days // 7
