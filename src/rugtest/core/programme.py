"""The walking programme ("rugoefening"): pure functions of (start, baseline, log, today).

Spec: shared/clinical/walking-programme.md, spec version 1. Every rule below carries its id
(W-1 …) so that a reviewer can hold the spec and this file side by side.

Nothing here imports Django or reads a clock: "today" is always an argument (Terms), so the
web pages, the API, ``rugtest plan`` and the tests all get the same plan from the same input.
The plan is always recomputed from the whole log, never stored as a running total (W-8).
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from rugtest.core import questions, triage
from rugtest.core.errors import InputError

SPEC_VERSION = 1

# Terms: the three parts of a day, in this order everywhere.
PARTS = ("morning", "afternoon", "evening")

# W-2: baseline and start target. The numbers are the project's choices (spec, "Sources").
BASELINE_MIN, BASELINE_MAX = 1, 60
TEST_WALK_MIN, TEST_WALK_MAX = 1, 120
TEST_WALKS_MIN_COUNT, TEST_WALKS_MAX_COUNT = 2, 3
START_FLOOR = 2  # W-2: even a very low baseline gets a walk the person can time
START_CEILING = 20  # W-2: keeps a build-up phase for everyone; three walks a day is a new load

# W-4: +1 minute per walk after every 2 completed days, up to the WalkBack goal of ~30 minutes.
CAP_MINUTES = 30
COMPLETED_DAYS_PER_STEP = 2
COMPLETED_PARTS_NEEDED = 2  # W-3: two of three, so that one missed walk does not hold the plan

# W-6: muscles weaken within about two weeks of inactivity (Seed): restart a little lower.
PAUSE_RUN_DAYS = 7
PAUSE_STEP_MINUTES = 2

# W-7: 12 weeks, days 0–83.
PROGRAMME_DAYS = 84

# W-8: the log.
MINUTES_MAX = 180
PAIN_MIN, PAIN_MAX = 0, 10
NOTE_MAX_CHARS = 500
PAINKILLER_VALUES = ("yes", "no")

# W-10: pain trend check.
PAIN_TREND_FIRST_SCORES = 6
PAIN_TREND_WINDOW_DAYS = 14
PAIN_TREND_MIN_RECENT_SCORES = 6
PAIN_TREND_RISE = 2

# W-11: "days left" counts down to the last day of the programme, day 83.
LAST_PROGRAMME_DAY = PROGRAMME_DAYS - 1


# ---------------------------------------------------------------------------------------
# W-9: warning signs, as data. Each row repeats the triage rule (triage-rules.md) whose
# level, action and advice the page shows at once when the sign is logged.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignAdvice:
    """What the page shows at once for one warning sign (W-9)."""

    sign: str
    rule: str | None  # the triage rule it is shown "as"; None where W-9 names no rule
    level: str  # emergency, urgent or gp (triage-rules.md, "Levels")
    action: str  # call_112, call_gp_now, call_gp_today or see_gp
    advice: str  # advice id (triage-rules.md, "Advice")
    faint_line: bool = False  # add "call 112 if you also feel faint, pale or sweaty"


WARNING_SIGN_TABLE = (
    SignAdvice("saddle_numbness", "R-CE-1", "emergency", "call_gp_now", "A-CALL-GP-NOW"),  # W-9
    SignAdvice("bladder_bowel", "R-CE-2", "emergency", "call_gp_now", "A-CALL-GP-NOW"),  # W-9
    SignAdvice("both_legs", "R-CE-3", "emergency", "call_gp_now", "A-CALL-GP-NOW"),  # W-9
    # W-9 / R-AAA-1: the default for sudden severe pain; see SUDDEN_SEVERE_PAIN_AGE_40_OR_UNDER.
    SignAdvice("sudden_severe_pain", "R-AAA-1", "emergency", "call_112", "A-CALL-112"),
    SignAdvice("leg_weakness", "R-LRS-1", "urgent", "call_gp_today", "A-CALL-GP-TODAY"),  # W-9
    SignAdvice("fever", "R-INF-1", "urgent", "call_gp_today", "A-CALL-GP-TODAY"),  # W-9
    # W-9: no triage rule; see the GP within a few days and do the rugtest again.
    SignAdvice("pain_worsening", None, "gp", "see_gp", "A-SEE-GP"),
)

# W-9 / R-SEV-1: NHG 2017 suspects a ruptured aortic aneurysm above 40 or with a known
# aneurysm; at 40 or younger with no known aneurysm the sign is urgent, not an emergency,
# but the person is still told to call 112 if they also feel faint, pale or sweaty.
SUDDEN_SEVERE_PAIN_AGE_40_OR_UNDER = SignAdvice(
    "sudden_severe_pain", "R-SEV-1", "urgent", "call_gp_today", "A-CALL-GP-TODAY", faint_line=True
)
AAA_MAX_AGE_WITHOUT_SUSPICION = triage.AAA_AGE_ABOVE  # W-9 / R-AAA-1: "age ≤ 40 and known_aneurysm = no"

WARNING_SIGNS = tuple(row.sign for row in WARNING_SIGN_TABLE)
WARNING_SIGN_ADVICE = {row.sign: row for row in WARNING_SIGN_TABLE}

# W-9: "the most urgent form if several signs were ticked (emergency before urgent before
# gp)". Within a level the action decides, as in triage-rules.md (call_112 beats
# call_gp_now); rows that tie keep the table order.
LEVELS_MOST_URGENT_FIRST = ("emergency", "urgent", "gp")
ACTIONS_MOST_URGENT_FIRST = ("call_112", "call_gp_now", "call_gp_today", "see_gp")


# ---------------------------------------------------------------------------------------
# The log (W-8) and the request (W-13)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WalkEntry:
    """One row of the log (W-8): one walk on a date and part."""

    date: date
    part: str
    minutes: int
    pain_before: int | None = None
    pain_after: int | None = None
    painkiller: str | None = None  # "yes", "no" or not answered
    note: str | None = None
    warning_signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanRequest:
    """The input of the plan (W-13). The web layer may build this directly from its rows."""

    start: date
    baseline_minutes: int
    today: date
    log: tuple[WalkEntry, ...] = ()


# ---------------------------------------------------------------------------------------
# W-2: baseline and start target
# ---------------------------------------------------------------------------------------


def _whole_number(value: Any, field: str, low: int, high: int) -> int:
    # JSON integers only (outcome-format.md): a bool is an int in Python, and "44" or 44.5
    # are not whole numbers as far as the contract goes.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(
            field,
            f"must be a whole number from {low} to {high}",
            f"moet een heel getal van {low} tot en met {high} zijn",
        )
    return value


def start_minutes(baseline_minutes: int) -> int:
    """W-2: 80 % of the baseline, rounded down, at least 2 and at most 20 minutes.

    Integer arithmetic only, so that 8 × 10 / 10 can never become 7.999….
    """
    baseline = _whole_number(baseline_minutes, "baseline_minutes", BASELINE_MIN, BASELINE_MAX)
    return max(START_FLOOR, min(START_CEILING, 8 * baseline // 10))


def baseline_from_test_walks(minutes_list: Sequence[int]) -> int:
    """W-2 (test walks): ⌊mean of 2 or 3 test walks of 1–120 minutes⌋, limited to 1–60."""
    if (
        isinstance(minutes_list, (str, bytes, Mapping))
        or not isinstance(minutes_list, Sequence)
        or not TEST_WALKS_MIN_COUNT <= len(minutes_list) <= TEST_WALKS_MAX_COUNT
    ):
        raise InputError(
            "test_walks",
            f"must be {TEST_WALKS_MIN_COUNT} or {TEST_WALKS_MAX_COUNT} test walks",
            f"moeten {TEST_WALKS_MIN_COUNT} of {TEST_WALKS_MAX_COUNT} testwandelingen zijn",
        )
    walks = [
        _whole_number(m, f"test_walks[{i}]", TEST_WALK_MIN, TEST_WALK_MAX)
        for i, m in enumerate(minutes_list)
    ]
    return max(BASELINE_MIN, min(BASELINE_MAX, sum(walks) // len(walks)))


# ---------------------------------------------------------------------------------------
# W-13 / W-8: validation of a plan request
# ---------------------------------------------------------------------------------------

_REQUEST_KEYS = ("start", "baseline_minutes", "today", "log")
_ENTRY_KEYS = (
    "date",
    "part",
    "minutes",
    "pain_before",
    "pain_after",
    "painkiller",
    "note",
    "warning_signs",
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _no_unknown_keys(obj: Mapping, allowed: tuple[str, ...], prefix: str) -> None:
    # W-13: "any other key" is an input error; the first one in the input is named.
    for key in obj:
        if key not in allowed:
            raise InputError(f"{prefix}{key}", "is not a known field", "is geen bekend veld")


def _required(obj: Mapping, key: str, prefix: str) -> Any:
    if key not in obj:
        raise InputError(f"{prefix}{key}", "is required", "is verplicht")
    return obj[key]


def _iso_date(value: Any, field: str) -> date:
    # Strictly YYYY-MM-DD: Python 3.11's fromisoformat also takes "20260105" or "2026-W02-1",
    # which the contract does not promise.
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(
        field,
        "must be a date written as YYYY-MM-DD",
        "moet een datum in de vorm JJJJ-MM-DD zijn",
    )


def _parse_entry(item: Any, prefix: str, start: date, today: date) -> WalkEntry:
    if not isinstance(item, dict):
        raise InputError(
            prefix,
            "must be an object with date, part and minutes",
            "moet een object met date, part en minutes zijn",
        )
    dot = f"{prefix}."
    _no_unknown_keys(item, _ENTRY_KEYS, dot)

    day = _iso_date(_required(item, "date", dot), f"{dot}date")
    if not start <= day <= today:  # W-8: from the start date up to today, never in the future
        raise InputError(
            f"{dot}date",
            f"must be a date from {start.isoformat()} to {today.isoformat()}",
            f"moet een datum van {start.isoformat()} tot en met {today.isoformat()} zijn",
        )

    part = _required(item, "part", dot)
    if not isinstance(part, str) or part not in PARTS:
        raise InputError(
            f"{dot}part",
            "must be morning, afternoon or evening",
            "moet morning, afternoon of evening zijn",
        )

    minutes = _whole_number(_required(item, "minutes", dot), f"{dot}minutes", 0, MINUTES_MAX)

    pain = {}
    for key in ("pain_before", "pain_after"):  # W-8: optional, 0–10
        pain[key] = (
            _whole_number(item[key], f"{dot}{key}", PAIN_MIN, PAIN_MAX) if key in item else None
        )

    painkiller = item.get("painkiller")
    if "painkiller" in item and (
        not isinstance(painkiller, str) or painkiller not in PAINKILLER_VALUES
    ):
        raise InputError(f"{dot}painkiller", "must be yes or no", "moet yes of no zijn")

    note = item.get("note")
    if "note" in item and (not isinstance(note, str) or len(note) > NOTE_MAX_CHARS):
        raise InputError(
            f"{dot}note",
            f"must be a text of at most {NOTE_MAX_CHARS} characters",
            f"moet een tekst van maximaal {NOTE_MAX_CHARS} tekens zijn",
        )

    signs = item.get("warning_signs", [])
    if (
        not isinstance(signs, list)
        or not all(isinstance(s, str) and s in WARNING_SIGN_ADVICE for s in signs)
        or len(set(signs)) != len(signs)  # W-8: each at most once
    ):
        known = ", ".join(WARNING_SIGNS)
        raise InputError(
            f"{dot}warning_signs",
            f"must be a list of different warning signs from: {known}",
            f"moet een lijst van verschillende waarschuwingssignalen zijn, uit: {known}",
        )

    return WalkEntry(
        date=day,
        part=part,
        minutes=minutes,
        pain_before=pain["pain_before"],
        pain_after=pain["pain_after"],
        painkiller=painkiller,
        note=note,
        warning_signs=tuple(signs),
    )


def parse_plan_request(obj: Any) -> PlanRequest:
    """Validate a ``rugtest plan`` request (W-13, W-8); raise InputError naming the field.

    Fields are checked in a fixed order (unknown keys, start, baseline_minutes, today, then
    the log entries in list order), so the same bad input always names the same field.
    """
    if not isinstance(obj, dict):
        raise InputError(
            None, "the request must be a JSON object", "het verzoek moet een JSON-object zijn"
        )
    _no_unknown_keys(obj, _REQUEST_KEYS, "")
    start = _iso_date(_required(obj, "start", ""), "start")
    baseline = _whole_number(
        _required(obj, "baseline_minutes", ""), "baseline_minutes", BASELINE_MIN, BASELINE_MAX
    )
    today = _iso_date(_required(obj, "today", ""), "today")
    if today < start:  # W-13: today is not before start
        raise InputError(
            "today",
            f"must be a date on or after start ({start.isoformat()})",
            f"moet een datum op of na start ({start.isoformat()}) zijn",
        )
    log = obj.get("log", [])  # W-13: the log may be left out
    if not isinstance(log, list):
        raise InputError("log", "must be a list of walks", "moet een lijst van wandelingen zijn")
    entries = tuple(_parse_entry(item, f"log[{i}]", start, today) for i, item in enumerate(log))
    return PlanRequest(start=start, baseline_minutes=baseline, today=today, log=entries)


# ---------------------------------------------------------------------------------------
# The plan: W-3, W-4, W-6, W-7, W-9, W-13
# ---------------------------------------------------------------------------------------


def day_index(start: date, day: date) -> int:
    """Terms: day d is the start date plus d days."""
    return (day - start).days


def latest_entries(log: Iterable[WalkEntry]) -> dict[tuple[date, str], WalkEntry]:
    """W-8 / W-13: one entry per date and part; a later entry in the list replaces an earlier."""
    slots: dict[tuple[date, str], WalkEntry] = {}
    for entry in log:
        slots[(entry.date, entry.part)] = entry
    return slots


def _parts_per_day(request: PlanRequest) -> list[dict[str, WalkEntry]]:
    """Entries per day index 0 … today, keyed by part.

    Entries outside start … today are left out: parse_plan_request refuses them, and a web
    layer that passes a longer history gets the plan of this programme only.
    """
    days: list[dict[str, WalkEntry]] = [
        {} for _ in range(day_index(request.start, request.today) + 1)
    ]
    for (day, part), entry in latest_entries(request.log).items():
        d = day_index(request.start, day)
        if 0 <= d < len(days):
            days[d][part] = entry
    return days


def _stop_day(parts_per_day: list[dict[str, WalkEntry]]) -> int | None:
    """W-9: the earliest day with a warning sign on any entry, or None."""
    for d, parts in enumerate(parts_per_day):
        if any(entry.warning_signs for entry in parts.values()):
            return d
    return None


def _is_completed(parts: Mapping[str, WalkEntry], target: int) -> bool:
    """W-3: at least 2 of the 3 parts have a walk of at least the target.

    Minutes above the target count as walked but never speed up the build-up (W-3); a walk
    of 0 minutes counts as tried but not towards completion (W-5).
    """
    met = sum(1 for entry in parts.values() if entry.minutes >= target)
    return met >= COMPLETED_PARTS_NEEDED


def _schedule(
    start: int, parts_per_day: list[dict[str, WalkEntry]], stop: int | None
) -> tuple[list[int | None], list[bool]]:
    """Targets and completed flags for days 0 … today (W-4, W-6, W-9).

    Pain, painkillers and notes are never read here (W-5, I-3): the plan never goes down
    because of pain.
    """
    n = len(parts_per_day)
    end = n if stop is None else stop
    targets: list[int | None] = [None] * n  # W-9: null from the stop day on
    completed = [False] * n  # W-9: no day from the stop day on counts as completed

    target = start  # W-4: target(0) = start_minutes
    completed_count = 0  # W-4: completed days since the last step; not reset by other days
    empty_run = 0  # W-6: empty days in a row since the last pause step
    for d in range(end):
        if d > 0:
            prev = d - 1  # always before today, so "empty" below is the Terms' empty day
            if completed[prev]:  # W-4: time-contingent step after every 2 completed days
                completed_count += 1
                if completed_count == COMPLETED_DAYS_PER_STEP:
                    target = min(CAP_MINUTES, target + 1)
                    completed_count = 0
                empty_run = 0
            elif not parts_per_day[prev]:  # W-6: an empty day (no entry at all)
                empty_run += 1
                if empty_run == PAUSE_RUN_DAYS:
                    target = max(start, target - PAUSE_STEP_MINUTES)
                    empty_run = 0
            else:  # W-5: walked (perhaps 0 minutes) but not completed: the level holds
                empty_run = 0
        targets[d] = target
        completed[d] = _is_completed(parts_per_day[d], target)
    return targets, completed


def adherence_percent(completed_days_before_today: int, days_before_today: int) -> int | None:
    """W-11 / W-13: completed days ÷ days before today, as a whole percentage rounded down.

    None on day 0, where nothing has elapsed yet. Days from a stop (W-9) count as days
    before today that were not completed (plan-examples X-03).
    """
    if days_before_today <= 0:
        return None
    return 100 * completed_days_before_today // days_before_today


def compute_plan(request: PlanRequest) -> dict:
    """The plan as the W-13 JSON object (a dict; ``plan_json`` prints it)."""
    first = start_minutes(request.baseline_minutes)
    parts_per_day = _parts_per_day(request)
    stop = _stop_day(parts_per_day)
    targets, completed = _schedule(first, parts_per_day, stop)
    today = len(parts_per_day) - 1

    if stop is not None:  # W-9 / W-7: stopped takes precedence over finished
        state = "stopped"
    elif today >= PROGRAMME_DAYS:  # W-7: from day 84
        state = "finished"
    else:
        state = "active"

    return {
        "spec_version": SPEC_VERSION,
        "start_minutes": first,
        "cap_minutes": CAP_MINUTES,
        "state": state,
        "stopped_on": None if stop is None else (request.start + timedelta(days=stop)).isoformat(),
        "adherence_percent": adherence_percent(sum(completed[:today]), today),
        "days": [
            {
                "date": (request.start + timedelta(days=d)).isoformat(),
                "target_minutes": targets[d],
                "walks_logged": len(parts_per_day[d]),
                "completed": completed[d],
            }
            for d in range(len(parts_per_day))
        ],
    }


def plan_json(obj: Any) -> str:
    """What ``rugtest plan`` prints for a parsed JSON request (W-13): sorted keys, same bytes."""
    return json.dumps(compute_plan(parse_plan_request(obj)), sort_keys=True)


# ---------------------------------------------------------------------------------------
# W-10: pain trend check
# ---------------------------------------------------------------------------------------


def pain_trend_alert(log: Iterable[WalkEntry], start: date, today: date) -> bool:
    """W-10: true when the recent pain_after scores are on average ≥ 2 above the first ones.

    A = the first 6 pain_after scores (by date, then part order); B = the scores on the 14
    days ending yesterday. Integer comparison as written: 6 × sum(B) ≥ len(B) × (sum(A) + 12).
    It only decides whether the pain_worsening question is asked; it never changes a target.
    """
    scored = sorted(
        (entry.date, PARTS.index(entry.part), entry.pain_after)
        for entry in latest_entries(log).values()
        if entry.pain_after is not None and start <= entry.date <= today
    )
    first = [score for _, _, score in scored[:PAIN_TREND_FIRST_SCORES]]
    window_start = today - timedelta(days=PAIN_TREND_WINDOW_DAYS)
    recent = [score for day, _, score in scored if window_start <= day < today]
    if len(first) < PAIN_TREND_FIRST_SCORES or len(recent) < PAIN_TREND_MIN_RECENT_SCORES:
        return False
    return PAIN_TREND_FIRST_SCORES * sum(recent) >= len(recent) * (
        sum(first) + PAIN_TREND_FIRST_SCORES * PAIN_TREND_RISE
    )


# ---------------------------------------------------------------------------------------
# W-9: advice for the signs that were ticked
# ---------------------------------------------------------------------------------------


def advice_for_sign(
    sign: str, age: int | None = None, known_aneurysm: str | None = None
) -> SignAdvice:
    """W-9: the advice for one sign, given the latest rugtest answers ``age`` and
    ``known_aneurysm`` ("yes", "no" or "unknown").

    Missing answers keep the emergency form (R-AAA-1): without a known age of 40 or under
    and a clear "no" to a known aneurysm, a ruptured aneurysm cannot be ruled out.
    """
    if sign not in WARNING_SIGN_ADVICE:
        raise ValueError(f"unknown warning sign: {sign!r}")
    if (
        sign == "sudden_severe_pain"
        and age is not None
        and age <= AAA_MAX_AGE_WITHOUT_SUSPICION
        and known_aneurysm == "no"
    ):
        return SUDDEN_SEVERE_PAIN_AGE_40_OR_UNDER
    return WARNING_SIGN_ADVICE[sign]


def _urgency(advice: SignAdvice) -> tuple[int, int]:
    return (
        LEVELS_MOST_URGENT_FIRST.index(advice.level),
        ACTIONS_MOST_URGENT_FIRST.index(advice.action),
    )


def most_urgent_advice(
    signs: Iterable[str], age: int | None = None, known_aneurysm: str | None = None
) -> SignAdvice | None:
    """W-9: the most urgent advice for a set of ticked signs, or None when none is ticked.

    Emergency before urgent before gp; within a level call_112 before call_gp_now before
    call_gp_today; ties keep the W-9 table order.
    """
    ticked = set(signs)
    unknown = ticked - set(WARNING_SIGNS)
    if unknown:
        raise ValueError(f"unknown warning signs: {sorted(unknown)!r}")
    candidates = [advice_for_sign(s, age, known_aneurysm) for s in WARNING_SIGNS if s in ticked]
    return min(candidates, key=_urgency, default=None)  # min keeps the first of equals



def stop_pauses_the_plan(level: str) -> bool:
    """W-9: a stop at level gp (worsening pain) pauses the plan, not daily life: keep moving as
    normally as possible until the GP appointment. The urgent and emergency signs stop the
    walks until a doctor has been seen."""
    return level == "gp"

# ---------------------------------------------------------------------------------------
# W-11: progress view helpers, computed from the same plan
# ---------------------------------------------------------------------------------------


def days_left(start: date, today: date) -> int:
    """W-11: days left in the programme, 83 − d; 0 once the last day (83) has passed."""
    return max(0, LAST_PROGRAMME_DAY - day_index(start, today))


def _mean_one_decimal(total: int, count: int) -> Decimal:
    # One decimal, half rounded up, computed with integers so 0.25 gives 0.3 every time.
    tenths = (20 * total + count) // (2 * count)
    return Decimal(tenths).scaleb(-1)


def day_rows(request: PlanRequest, plan: dict | None = None) -> list[dict]:
    """W-11 "per day", day 0 … today: the plan's day plus the minutes per part.

    ``minutes`` maps each part to its logged minutes or None; ``goal_minutes`` is
    3 × target (None from a stop).
    """
    plan = plan if plan is not None else compute_plan(request)
    rows = []
    for d, (parts, day) in enumerate(zip(_parts_per_day(request), plan["days"], strict=True)):
        target = day["target_minutes"]
        rows.append(
            {
                "day": d,
                "date": request.start + timedelta(days=d),
                "target_minutes": target,
                "minutes": {p: (parts[p].minutes if p in parts else None) for p in PARTS},
                "total_minutes": sum(entry.minutes for entry in parts.values()),
                "goal_minutes": None if target is None else len(PARTS) * target,
                "walks_logged": day["walks_logged"],
                "completed": day["completed"],
            }
        )
    return rows


def week_summaries(request: PlanRequest, plan: dict | None = None) -> list[dict]:
    """W-11 "per week" (days 0–6, 7–13, …, up to the week of today).

    Each week: ``week`` (1, 2, …), ``first_date`` and ``last_date`` of its 7 days,
    ``total_minutes`` walked, ``completed_days`` (0–7) and ``mean_pain_after`` as a Decimal
    with one decimal, or None when no score was logged. Pain is for the person's own
    overview only; it does not change the plan (W-5).
    """
    plan = plan if plan is not None else compute_plan(request)
    parts_per_day = _parts_per_day(request)
    weeks = []
    for first in range(0, len(parts_per_day), 7):
        span = range(first, min(first + 7, len(parts_per_day)))
        entries = [entry for d in span for entry in parts_per_day[d].values()]
        scores = [entry.pain_after for entry in entries if entry.pain_after is not None]
        weeks.append(
            {
                "week": first // 7 + 1,
                "first_date": request.start + timedelta(days=first),
                "last_date": request.start + timedelta(days=first + 6),
                "total_minutes": sum(entry.minutes for entry in entries),
                "completed_days": sum(1 for d in span if plan["days"][d]["completed"]),
                "mean_pain_after": _mean_one_decimal(sum(scores), len(scores)) if scores else None,
            }
        )
    return weeks


# ---------------------------------------------------------------------------------------
# W-14: the check-in after 3 to 4 weeks
# ---------------------------------------------------------------------------------------

CHECKIN_FIRST_DAY = 21  # W-14: "d ≥ 21"
CHECKIN_LOOKBACK_DAYS = 27  # W-14: "no check-in dated on or after day d − 27"
# W-14: compared with the start of the programme, is the back better, the same or worse?
PROGRESS_VALUES = ("better", "same", "worse")


def checkin_due(
    start: date,
    today: date,
    checkin_dates: Iterable[date],
    later_dates: Iterable[date],
    state: str,
) -> bool:
    """W-14: whether the programme page asks the check-in today.

    Due on day d when the state is ``active``, d ≥ 21, no check-in of this programme is
    dated on or after day d − 27 (so the first is due from day 21 and the next 4 weeks
    after the last one), and the person did not choose "not now" (``later_dates``) today.
    A "not now" is not a check-in: it hides the question for that day only.
    """
    if state != "active":
        return False
    d = day_index(start, today)
    if d < CHECKIN_FIRST_DAY:
        return False
    if any(day_index(start, c) >= d - CHECKIN_LOOKBACK_DAYS for c in checkin_dates):
        return False
    return today not in set(later_dates)


def checkin_outcome(
    rugtest_answers: Mapping[str, Any], level: str, step6_answers: Mapping[str, str]
) -> dict:
    """W-14: ``risk_factors`` and ``support`` recomputed after a check-in.

    The most recent rugtest answers, with the step 6 answers of the check-in in their
    place (D-3: a step 6 question left open at the check-in counts as not present, as in the
    rugtest; it never falls back to the older rugtest answer), and the level of that rugtest: step 6 fires no rule, so the level cannot
    change, and a ``support`` of ``null`` (a rugtest at level ``gp``) stays ``null``.
    """
    step6 = [q.id for q in questions.RISK_QUESTIONS]
    unknown = set(step6_answers) - set(step6)
    if unknown:
        raise ValueError(f"not step 6 questions: {sorted(unknown)!r}")
    answers = {k: v for k, v in rugtest_answers.items() if k not in step6}
    answers.update({k: v for k, v in step6_answers.items() if v})
    factors = triage.risk_factors(answers)
    return {"risk_factors": factors, "support": triage.support(level, factors)}


# Small rules the programme pages apply, each here once ----------------------------------------


def start_decision(programme_value: str | None, state: str | None,
                   rugtest_after_last_sign: bool = True) -> tuple[bool, str]:
    """W-1: may a new programme start? (allowed, reason code).

    ``programme_value``: the ``programme`` of the most recent rugtest outcome (None: no rugtest
    yet); ``state``: the current programme's state (None: none); ``rugtest_after_last_sign``:
    that rugtest was taken after the last warning sign of a stopped programme (W-9).
    """
    if programme_value is None:
        return False, "no_rugtest"
    if programme_value == "not_now":
        return False, "not_now"
    if state == "active":
        return False, "active"
    if state == "stopped" and not rugtest_after_last_sign:
        # W-1: after a stop, only a rugtest taken after the warning sign was logged.
        return False, "stopped_needs_rugtest"
    return True, ""


def shows_support(programme_value: str | None) -> bool:
    """W-1: the programme page shows the outcome's ``support``, except where the programme is
    not offered at all (``not_now``) or there is no rugtest yet."""
    return programme_value is not None and programme_value != "not_now"


def asks_pain_question(state: str, log: Iterable[WalkEntry], start: date, today: date) -> bool:
    """W-10: while ``pain_trend_alert`` holds, the page asks the ``pain_worsening`` question;
    also after day 84 (W-7 ``finished``: the person keeps walking and logging, and a W-9 stop
    still applies), never once the programme has stopped (W-9: the question's answer is moot)."""
    return state != "stopped" and pain_trend_alert(log, start, today)


def needs_gp_agreement(programme_value: str | None) -> bool:
    """W-1: a rugtest outcome ``ask_gp_first`` starts only once the person ticks "my GP agrees"."""
    return programme_value == "ask_gp_first"


def walk_meets_target(minutes: int | None, target: int | None) -> bool:
    """W-3: a walk of at least the day's target (minutes above it count, but no faster)."""
    return minutes is not None and target is not None and minutes >= target


# D-5: the W-3 reminder for walking far more than the target: more than 1.5 × the target and
# at least 5 minutes over (9 against 8 is a normal walk, 45 against 8 is not).
FAR_ABOVE_RATIO = Decimal("1.5")
FAR_ABOVE_MIN_EXTRA_MINUTES = 5


def far_above_target(minutes: int, target: int | None) -> bool:
    """D-5 / W-3: minutes above the target never speed up the build-up; a walk far above it
    gets a gentle reminder."""
    if target is None:
        return False
    return minutes > FAR_ABOVE_RATIO * target and minutes - target >= FAR_ABOVE_MIN_EXTRA_MINUTES


# D-5: the parts of the day: morning until 12:00, afternoon until 18:00, evening after.
AFTERNOON_FROM_HOUR = 12
EVENING_FROM_HOUR = 18


def part_to_log(hour: int, logged_today: Container[str]) -> str:
    """D-5: the part the log form offers: the walk most likely just done (``part_of_day``);
    when that one is logged already today, the first later part not yet logged, else the
    nearest earlier one, so that the form never offers to write over a walk."""
    likely = part_of_day(hour)
    i = PARTS.index(likely)
    for part in (*PARTS[i:], *reversed(PARTS[:i])):
        if part not in logged_today:
            return part
    return likely


def part_of_day(hour: int) -> str:
    """D-5: the walk a person most likely just did, from the hour in Europe/Amsterdam."""
    if hour < AFTERNOON_FROM_HOUR:
        return "morning"
    if hour < EVENING_FROM_HOUR:
        return "afternoon"
    return "evening"


def check_walk_kept(warning_signs: Sequence[str], *, moving: bool = False) -> None:
    """W-9: a logged warning sign stops the programme from its date on and nothing changes the
    state back, so a walk that carries one can neither be wiped nor moved to another date or
    part of the day. Raises InputError; does nothing for a walk without a sign."""
    if not warning_signs:
        return
    if moving:
        raise InputError("date", "a walk with a warning sign cannot be moved",
                         "Een wandeling met een waarschuwingsteken kunt u niet verplaatsen.",
                         "A walk with a warning sign cannot be moved.")
    raise InputError("entry", "an entry with a warning sign cannot be deleted",
                     "Een wandeling met een waarschuwingsteken kunt u niet wissen.",
                     "A walk with a warning sign cannot be deleted.")


def checkin_mood_advice(answers: dict) -> str | None:
    """A-MOOD (triage-rules.md) at a W-14 check-in: the step 6 question ``low_mood`` answered
    yes gives the same advice as on a rugtest result at ``gp`` or ``selfcare`` (the levels a
    running programme belongs to), with 113 for thoughts of ending one's life."""
    return "A-MOOD" if answers.get("low_mood") == "yes" else None


def checkin_asks_pain_worsening(progress: str, state: str) -> bool:
    """W-14: the answer ``worse`` also asks the ``pain_worsening`` question of W-9, while the
    programme runs (a stopped programme has nothing left to stop)."""
    return progress == "worse" and state == "active"
