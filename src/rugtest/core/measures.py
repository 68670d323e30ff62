"""Outcome measures of the walking programme: pure functions, no Django, no clock.

Spec: shared/clinical/outcome-measures.md (spec version 3), rules O-1 … O-5. Every rule
below carries its id so that a reviewer can hold the spec and this file side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rugtest.core.errors import InputError

# O-1: what is asked.
SCORE_MIN, SCORE_MAX = 0, 10
ACTIVITIES_MIN, ACTIVITIES_MAX = 1, 3
ACTIVITY_MIN_CHARS, ACTIVITY_MAX_CHARS = 1, 60

# O-2: the moments, in the order of a programme.
MOMENTS = ("start", "checkin", "end")

# O-3: a change that matters (Ostelo 2008): 2 points, and for pain also 30 % of the start.
CLEAR_CHANGE_POINTS = 2
CLEAR_PAIN_CHANGE_PERCENT = 30
CHANGES = ("better", "worse", "same")

# O-4: a pain rise of this many points over the start asks the W-9 pain_worsening question.
PAIN_RISE_POINTS = 2


@dataclass(frozen=True)
class Measurement:
    """O-5: one measurement: its moment, date, pain_24h and the activities with scores.

    ``scores`` holds one entry per activity, in the order of ``activities``; ``None`` is a
    score left open (O-1: counts as not measured).
    """

    moment: str
    date: date
    pain_24h: int
    activities: tuple[str, ...]
    scores: tuple[int | None, ...]


def _score(value: object, field: str, required: bool) -> int | None:
    """O-1: a whole number 0–10."""
    if value is None or value == "":
        if required:
            raise InputError(field, "is required (0 to 10)", "Kies een getal van 0 tot en met 10.",
                             "Please choose a number from 0 to 10.")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
        raise InputError(field, "must be a whole number from 0 to 10", "Kies een getal van 0 tot en met 10.",
                         "Please choose a number from 0 to 10.")
    return value


def clean_activity(text: object, field: str = "activities") -> str:
    """O-1: an activity is a short text of 1–60 characters written by the person."""
    cleaned = " ".join(str(text or "").split())
    if len(cleaned) < ACTIVITY_MIN_CHARS:
        raise InputError(field, "must not be empty", "Schrijf op welke bezigheid het is.",
                         "Please write which activity it is.")
    if len(cleaned) > ACTIVITY_MAX_CHARS:
        raise InputError(field, f"must be at most {ACTIVITY_MAX_CHARS} characters",
                         f"Schrijf hooguit {ACTIVITY_MAX_CHARS} tekens. Nu zijn het er {len(cleaned)}.",
                         f"Please write at most {ACTIVITY_MAX_CHARS} characters. Now there are {len(cleaned)}.")
    return cleaned


def validate(moment: str, pain_24h: object, activities: Sequence, scores: Sequence,
             start_activities: Sequence[str] | None = None) -> tuple[int, tuple[str, ...], tuple[int | None, ...]]:
    """O-1: check one measurement and return (pain, activities, scores).

    At ``start`` the person names 1 to 3 activities and scores each (required). At a later
    moment the activities are those of the start (``start_activities``, O-1: the person
    cannot change them), and a score may be left open.
    """
    if moment not in MOMENTS:
        raise InputError("moment", f"must be one of {', '.join(MOMENTS)}", "Onbekend meetmoment.", "Unknown moment.")
    pain = _score(pain_24h, "pain_24h", required=True)
    assert pain is not None  # a required score is a number or an InputError
    if moment == "start" or not start_activities:
        if len(activities) > ACTIVITIES_MAX:
            raise InputError("activities", f"at most {ACTIVITIES_MAX}", "Kies hooguit drie bezigheden.",
                             "Please choose at most three activities.")
        if len(activities) < ACTIVITIES_MIN:
            raise InputError("activities", "at least one", "Schrijf ten minste één bezigheid op.",
                             "Please write at least one activity.")
        names = tuple(clean_activity(text, f"activity_{i + 1}") for i, text in enumerate(activities))
        required = True
    else:
        names = tuple(start_activities)  # O-1: the same activities as at the start
        required = False  # O-1: an activity no longer done may be left open
    if len(scores) != len(names):
        raise InputError("activity_scores", "one score per activity", "Geef elke bezigheid een cijfer.",
                         "Please give each activity a score.")
    checked = tuple(_score(value, f"score_{i + 1}", required) for i, value in enumerate(scores))
    return pain, names, checked


def start_offer_open(start: date, today: date, asked_again_on: date | None) -> bool:
    """O-2: the start measurement is asked when the programme is set up and "once more on the
    next visit": on the start day, and on the first later day the person comes back
    (``asked_again_on``, None until then) for the rest of that day; never after."""
    return today <= start or asked_again_on is None or asked_again_on == today


def due_moment(*, state: str, checkin_due: bool, measured_moments: Sequence[str], has_start: bool,
               start_open: bool = True) -> str | None:
    """O-2: the moment a measurement is asked for now, or None.

    ``end`` from day 84 (W-7 ``finished``), once; ``checkin`` with every W-14 check-in, also
    when the start was never measured (the change is then read from the first measurement,
    O-3); ``start`` while it is not given and its offer is open (``start_open``, see
    ``start_offer_open``; never required to start). A stopped programme (W-9) asks nothing.
    """
    if state == "stopped":
        return None
    if state == "finished":
        return None if "end" in measured_moments else "end"
    if checkin_due:
        return "checkin"
    if not has_start and start_open:
        return "start"
    return None


def pain_change(start: int, now: int) -> str:
    """O-3: "better" only when pain went down by at least 2 points and at least 30 % of the
    start score; "worse" the same the other way; else "same"."""
    drop = start - now
    if drop >= CLEAR_CHANGE_POINTS and drop * 100 >= CLEAR_PAIN_CHANGE_PERCENT * start:
        return "better"
    rise = now - start
    # O-3 "the same the other way": the rise is held against 30 % of the start score too.
    if rise >= CLEAR_CHANGE_POINTS and rise * 100 >= CLEAR_PAIN_CHANGE_PERCENT * start:
        return "worse"
    return "same"


def activity_change(start: int, now: int) -> str:
    """O-3: an activity score up by at least 2 points is "better", down by 2 "worse"."""
    if now - start >= CLEAR_CHANGE_POINTS:
        return "better"
    if start - now >= CLEAR_CHANGE_POINTS:
        return "worse"
    return "same"


@dataclass(frozen=True)
class Change:
    """O-3: one line of change since the start: what (``pain`` or an activity), from, to, word."""

    kind: str  # "pain" or "activity"
    name: str  # the activity's text; "" for pain
    start: int
    now: int
    change: str  # one of CHANGES


def changes(measurements: Sequence[Measurement]) -> list[Change]:
    """O-3: from two measurements on, the change since the start (first) to the latest.

    An activity whose score was left open at either moment is not compared (not measured).
    """
    ordered = sorted(measurements, key=lambda m: (m.date, MOMENTS.index(m.moment)))
    if len(ordered) < 2:
        return []
    first, last = ordered[0], ordered[-1]
    lines = [Change("pain", "", first.pain_24h, last.pain_24h, pain_change(first.pain_24h, last.pain_24h))]
    later = dict(zip(last.activities, last.scores))
    for name, score in zip(first.activities, first.scores):
        now = later.get(name)
        if score is None or now is None:
            continue
        lines.append(Change("activity", name, score, now, activity_change(score, now)))
    return lines


def asks_pain_worsening(moment: str, pain_24h: int, start_pain: int | None) -> bool:
    """O-4: at a check-in or the end, pain_24h at least 2 points above the start asks the W-9
    pain_worsening question (as W-10 does); the score itself never stops the programme."""
    if moment == "start" or start_pain is None:
        return False
    return pain_24h - start_pain >= PAIN_RISE_POINTS


def as_json(measurement: Measurement) -> dict:
    """O-5: a measurement as the exports carry it (ids, not words)."""
    return {
        "moment": measurement.moment,
        "date": measurement.date.isoformat(),
        "pain_24h": measurement.pain_24h,
        "activities": [
            {"activity": name, "score": score}
            for name, score in zip(measurement.activities, measurement.scores)
        ],
    }


def from_mapping(data: Mapping) -> Measurement:
    """A Measurement from stored fields (the model keeps activities as a list of dicts)."""
    items = list(data.get("activities") or [])
    return Measurement(
        moment=data["moment"], date=data["date"], pain_24h=data["pain_24h"],
        activities=tuple(item["activity"] for item in items),
        scores=tuple(item.get("score") for item in items),
    )
