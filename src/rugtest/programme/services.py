"""Services: the only code that changes a person's programmes and log.

Each is a plain function with keyword arguments that validates with the core, writes in
one transaction and is idempotent where a double click or a second device could repeat it.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from rugtest.core import measures
from rugtest.core import programme as core
from rugtest.core.errors import InputError
from rugtest.selftest.selectors import latest_result

from .models import CheckIn, CheckInLater, Measurement, Programme, WalkEntry
from .selectors import can_start, checkin_is_due, measurement_due


def start_programme(*, user, today: date, baseline_method: str, baseline_minutes=None,
                    test_walks=(), gp_agrees: bool = False) -> Programme:
    """Start a walking programme on ``today`` (W-1, W-2)."""
    allowed, reason = can_start(user, today)
    if not allowed:
        raise InputError("programme", f"cannot start now ({reason})", "U kunt nu niet beginnen.", "You cannot start now.")
    result = latest_result(user)
    if core.needs_gp_agreement(result.programme) and not gp_agrees:
        raise InputError(
            "gp_agrees",
            "tick that your GP agrees before you start",
            "Vink eerst aan dat uw huisarts het goed vindt.",
            "Please tick that your GP agrees before you start.",
        )
    if baseline_method == Programme.TEST_WALKS:
        walks = [w for w in test_walks if w is not None]
        baseline = core.baseline_from_test_walks(walks)
    elif baseline_method == Programme.DIRECT:
        walks = []
        core.start_minutes(baseline_minutes)  # raises InputError outside 1–60
        baseline = baseline_minutes
    else:
        raise InputError("baseline_method", "choose how to set the baseline", "Kies hoe u de begintijd bepaalt.",
                         "Please choose how to set your starting time.")
    return Programme.objects.create(
        user=user, result=result, start=today, baseline_minutes=baseline,
        baseline_method=baseline_method, test_walks=walks,
        gp_agreed_on=today if core.needs_gp_agreement(result.programme) else None,
    )


def _validated_entry(programme: Programme, today: date, fields: dict) -> core.WalkEntry:
    """Validate one walk entry with the core's W-8 rules, naming the field on error."""
    day = fields.get("date")
    if isinstance(day, date) and day > today:
        raise InputError("date", "must not be in the future", "Deze datum ligt in de toekomst. Kies vandaag of een dag ervoor.",
                         "This date is in the future. Choose today or an earlier day.")
    if isinstance(day, date) and day < programme.start:
        start = programme.start
        raise InputError("date", "must not be before the start of the programme",
                         f"Deze datum ligt vóór het begin van uw rugoefening ({start.day}-{start.month}-{start.year}).",
                         f"This date is before the start of your programme ({start.isoformat()}).")
    raw = {"date": fields["date"].isoformat() if isinstance(fields.get("date"), date) else fields.get("date"),
           "part": fields.get("part"), "minutes": fields.get("minutes")}
    for key in ("pain_before", "pain_after", "painkiller", "note"):
        if fields.get(key) not in (None, ""):
            raw[key] = fields[key]
    raw["warning_signs"] = list(fields.get("warning_signs") or [])
    request = {"start": programme.start.isoformat(), "baseline_minutes": programme.baseline_minutes,
               "today": today.isoformat(), "log": [raw]}
    try:
        return core.parse_plan_request(request).log[0]
    except InputError as error:
        field = (error.field or "").removeprefix("log[0].")
        if field == "today":  # the entry is dated after today
            field = "date"
        raise InputError(field, error.messages["en"], error.messages["nl"], error.messages["en_page"]) from None


def check_walk(*, programme: Programme, today: date, moving: WalkEntry | None = None, **fields) -> None:
    """Validate a walk entry as ``record_walk`` (or, with ``moving``, ``move_walk``) would,
    writing nothing (the W-9 confirm step)."""
    if moving is not None:
        core.check_walk_kept(moving.warning_signs, moving=True)
    _validated_entry(programme, today, fields)


def record_walk(*, programme: Programme, today: date, **fields) -> WalkEntry:
    """Log a walk (W-8). Logging the same date and part again replaces the entry.

    Warning signs once logged stay on the entry (W-9: nothing changes the state back).
    """
    entry = _validated_entry(programme, today, fields)
    values = {
        "minutes": entry.minutes,
        "pain_before": entry.pain_before,
        "pain_after": entry.pain_after,
        "painkiller": entry.painkiller or "",
        "note": entry.note or "",
    }
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    WalkEntry.objects.select_for_update()
                    .filter(programme=programme, date=entry.date, part=entry.part)
                    .first()
                )
                signs = list(entry.warning_signs)
                if existing is not None:
                    kept = [s for s in existing.warning_signs if s not in signs]
                    signs = [s for s in core.WARNING_SIGNS if s in set(signs) | set(kept)]
                    for key, value in values.items():
                        setattr(existing, key, value)
                    existing.warning_signs = signs
                    existing.save()
                    return existing
                return WalkEntry.objects.create(
                    programme=programme, date=entry.date, part=entry.part, warning_signs=signs, **values
                )
        except IntegrityError:
            # The same walk was logged at the same moment from another device: the
            # second write becomes an update of the first.
            if attempt:
                raise
    raise AssertionError("unreachable")


def add_warning_signs(*, entry: WalkEntry, signs) -> WalkEntry:
    """W-9: put ``signs`` on a walk already logged and change nothing else on it.

    For a new walk ticked with a sign on a date and part that is already logged: the walk
    that is there is never written over (its minutes, pain scores and note stay), and the
    sign is never lost either. Signs already on the walk stay (W-9)."""
    unknown = [s for s in signs if s not in core.WARNING_SIGNS]
    if unknown or not signs:
        raise InputError("warning_signs", "must be ids from W-9", "Kies alleen klachten uit de lijst.",
                         "Please choose only complaints from the list.")
    with transaction.atomic():
        locked = WalkEntry.objects.select_for_update().get(pk=entry.pk)
        merged = [s for s in core.WARNING_SIGNS if s in {*locked.warning_signs, *signs}]
        if merged != locked.warning_signs:
            locked.warning_signs = merged
            locked.save(update_fields=["warning_signs", "updated_at"])
        return locked


def move_walk(*, entry: WalkEntry, today: date, **fields) -> WalkEntry:
    """Save a logged walk under another date or part of the day, in one transaction: the walk
    is on its new date and gone from its old one, or, when anything fails, still on its old
    date only. A walk with a warning sign stays where it is (W-9, ``core.check_walk_kept``)."""
    core.check_walk_kept(entry.warning_signs, moving=True)
    with transaction.atomic():
        saved = record_walk(programme=entry.programme, today=today, **fields)
        if saved.pk != entry.pk:
            _delete_entry(entry)
        return saved


def delete_walk(*, entry: WalkEntry) -> None:
    """Delete a log entry; an entry that reported a warning sign stays (W-9)."""
    core.check_walk_kept(entry.warning_signs)
    _delete_entry(entry)


def _delete_entry(entry: WalkEntry) -> None:
    entry.delete()


def report_pain_worsening(*, programme: Programme, today: date) -> WalkEntry:
    """W-10: "yes, my pain keeps getting worse" stops the programme (W-9 pain_worsening).

    The sign is stored on today's first logged walk, or on a new entry of 0 minutes.
    """
    with transaction.atomic():
        entry = (
            WalkEntry.objects.select_for_update()
            .filter(programme=programme, date=today)
            .order_by("id")
            .first()
        )
        if entry is None:
            return WalkEntry.objects.create(
                programme=programme, date=today, part=core.PARTS[0], minutes=0, warning_signs=["pain_worsening"]
            )
        if "pain_worsening" not in entry.warning_signs:
            entry.warning_signs = [s for s in core.WARNING_SIGNS if s in {*entry.warning_signs, "pain_worsening"}]
            entry.save(update_fields=["warning_signs", "updated_at"])
        return entry



def _step6_ids() -> tuple[str, ...]:
    from rugtest.core.questions import RISK_QUESTIONS

    return tuple(q.id for q in RISK_QUESTIONS)


def record_checkin(*, programme: Programme, today: date, progress: str, answers: dict) -> CheckIn:
    """W-14: store the check-in of ``today`` and the support recomputed from it.

    Only while a check-in is due, or to correct the one already given today (a second
    submit replaces it). Nothing is saved on bad input, and no target changes: the plan
    never reads a check-in.
    """
    if progress not in core.PROGRESS_VALUES:
        raise InputError("progress", f"must be one of {', '.join(core.PROGRESS_VALUES)}",
                         "Kies beter, hetzelfde of slechter.", "Please choose better, the same or worse.")
    step6 = _step6_ids()
    for key, value in answers.items():
        if key not in step6 or value not in ("yes", "no", ""):
            raise InputError(key if key in step6 else None, "must be yes or no",
                             "Kies Ja of Nee, of sla de vraag over.", "Please choose Yes or No, or skip the question.")
    kept = {key: value for key, value in answers.items() if value}
    with transaction.atomic():
        existing = CheckIn.objects.select_for_update().filter(programme=programme, date=today).first()
        if existing is None and not checkin_is_due(programme, today):
            raise InputError("progress", "no check-in is due today",
                             "U hoeft deze vragen nu niet te beantwoorden.", "You do not need to answer these questions now.")
        result = latest_result(programme.user) or programme.result
        computed = core.checkin_outcome(result.answers, result.outcome["level"], kept)
        values = {"progress": progress, "answers": kept, **computed}
        if existing is not None:
            for key, value in values.items():
                setattr(existing, key, value)
            existing.save()
            return existing
        return CheckIn.objects.create(programme=programme, date=today, **values)


def checkin_later(*, programme: Programme, today: date) -> None:
    """W-14: "not now" hides the check-in for the rest of ``today``; it is not a check-in."""
    CheckInLater.objects.get_or_create(programme=programme, date=today)


# outcome-measures.md: a measurement (O-1, O-2, O-5) -----------------------------------------


def record_measurement(*, programme: Programme, today: date, moment: str, pain_24h, activities=(),
                       scores=()) -> Measurement:
    """Store the measurement of ``moment`` on ``today`` (O-1, O-2).

    Only the moment that is due now, or a correction on the same day of the one given today
    (O-2: never more than one per moment; a second save the same day replaces it). At a
    later moment the activities are those of the start (O-1). A measurement never changes a
    target (O-3): the plan never reads it.
    """
    with transaction.atomic():
        # One programme row locked: two saves at the same moment make one measurement.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        existing = Measurement.objects.filter(programme=programme, moment=moment, date=today).first()
        if existing is None and measurement_due(programme, today) != moment:
            raise InputError("moment", "no measurement is due for this moment",
                             "U hoeft deze meting nu niet in te vullen.", "You do not need to fill in this measurement now.")
        start = Measurement.objects.filter(programme=programme, moment="start").first()
        start_names = None
        if moment != "start" and start is not None:
            start_names = [item["activity"] for item in start.activities]
        pain, names, checked = measures.validate(moment, pain_24h, list(activities), list(scores), start_names)
        items = [{"activity": name, "score": score} for name, score in zip(names, checked)]
        if existing is not None:
            existing.pain_24h, existing.activities = pain, items
            existing.save()
            return existing
        return Measurement.objects.create(programme=programme, moment=moment, date=today, pain_24h=pain, activities=items)


def note_start_measure_asked(*, programme: Programme, today: date, moment: str | None) -> None:
    """O-2: the programme page asked for the start measurement on a day after the start: that
    was "once more on the next visit", so from the next day on it is no longer asked."""
    if moment == "start" and today > programme.start and programme.start_measure_asked_again_on is None:
        Programme.objects.filter(pk=programme.pk, start_measure_asked_again_on__isnull=True).update(
            start_measure_asked_again_on=today)
        programme.start_measure_asked_again_on = today
