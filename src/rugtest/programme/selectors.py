"""Selectors: read a person's data and let the core compute the plan. They change nothing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from django.db.models import Count, Max

from rugtest.core import measures
from rugtest.core import programme as core
from rugtest.selftest.models import RugtestResult
from rugtest.selftest.selectors import latest_result

from . import plans
from .models import CheckIn, Measurement, Programme, WalkEntry


def current_programme(user, *, with_result: bool = False) -> Programme | None:
    """The person's latest programme; ``with_result`` reads its rugtest result in the same query."""
    programmes = Programme.objects.filter(user=user)
    if with_result:
        programmes = programmes.select_related("result")
    return programmes.first()


def stored_entries(programme: Programme, today: date) -> tuple[tuple[core.WalkEntry, ...], dict[tuple[date, str], int]]:
    """The log of ``programme`` from its start up to ``today`` for the core, and the database id
    of each entry by (date, part) for the pages' links: one query, read as plain values because
    making a model object of each of up to 252 rows was most of the time spent here."""
    log, ids = [], {}
    rows = programme.entries.filter(date__gte=programme.start, date__lte=today).order_by("date", "part").values_list(
        "id", "date", "part", "minutes", "pain_before", "pain_after", "painkiller", "note", "warning_signs")
    for entry_id, day, part, minutes, pain_before, pain_after, painkiller, note, signs in rows:
        ids[(day, part)] = entry_id
        log.append(core.WalkEntry(
            date=day, part=part, minutes=minutes, pain_before=pain_before, pain_after=pain_after,
            painkiller=painkiller or None, note=note or None, warning_signs=tuple(signs),
        ))
    return tuple(log), ids


def programme_version(programme: Programme, today: date) -> tuple:
    """Everything the plan of ``programme`` on ``today`` is computed from, without reading the
    log: the programme (its start and baseline never change), and the number of its walks,
    the highest walk id and the newest ``updated_at``. Any change to the log changes this
    value: a walk saved changes the newest ``updated_at`` (walks are only changed through
    ``save()``, which sets it), a new walk gets an id higher than any before it (ids are
    never used again), and a deleted walk lowers the number. Check-ins, "not now"s and the
    rugtest results are not part of it: the plan never reads them, and the pages read them
    anew (the advice of a warning sign too, ``plan_for``).

    One query of aggregates, answered from the ``walk_newest_change`` index (programme, newest
    change, and the id it holds), so it does not grow with the log (benchmarks/bench_scale.py);
    none when ``current_programme`` read them with the programme."""
    if hasattr(programme, "walk_count"):
        walks = {"count": programme.walk_count, "newest_walk": programme.newest_walk,
                 "newest_change": programme.newest_change}
    else:
        walks = WalkEntry.objects.filter(programme=programme).aggregate(
            count=Count("pk"), newest_walk=Max("pk"), newest_change=Max("updated_at"))
    return (programme.pk, programme.start, programme.baseline_minutes, walks["count"], walks["newest_walk"],
            walks["newest_change"], today)


def core_entries(programme: Programme, today: date) -> tuple[core.WalkEntry, ...]:
    return stored_entries(programme, today)[0]


@dataclass
class PlanView:
    """Everything the programme pages show, computed from the log (kept without ``programme``)."""

    programme: Programme | None
    today: date
    plan: dict
    days: list[dict]
    weeks: list[dict]
    pain_alert: bool
    stop_advice: core.SignAdvice | None
    stop_signs: list[str]
    # The database id of each walk logged today, by part: the programme page's links.
    today_ids: dict[str, int] = field(default_factory=dict)
    version: tuple = ()  # programme_version() of what it was computed from
    # The log as plain values, (id, date ordinal, part, minutes, pain before, pain after,
    # painkiller, note, warning signs), when it has been read (``walks``).
    read_walks: tuple[tuple, ...] | None = None

    @cached_property
    def walks(self) -> tuple[tuple, ...]:
        """The log the plan was computed from, as plain values. Not kept with the plan: the
        programme page and the walk log never read it, and reading it back from the cache on
        every request was what made a 12-week log cost more than a 1-day log. The progress
        page reads it only when its kept charts and tables are out of date, the report and the
        words after a save right after the plan was computed (when it is at hand)."""
        if self.read_walks is not None:
            return self.read_walks
        return plain_walks(*stored_entries(self.programme, self.today))

    @cached_property
    def log(self) -> tuple[core.WalkEntry, ...]:
        """The log the plan was computed from, as the core's entries."""
        return tuple(
            core.WalkEntry(date=date.fromordinal(day), part=part, minutes=minutes, pain_before=pain_before,
                           pain_after=pain_after, painkiller=painkiller, note=note, warning_signs=signs)
            for _, day, part, minutes, pain_before, pain_after, painkiller, note, signs in self.walks
        )

    @cached_property
    def entry_ids(self) -> dict[tuple[date, str], int]:
        """The database id of each logged walk by (date, part), for the pages' links."""
        return {(date.fromordinal(day), part): entry_id for entry_id, day, part, *_ in self.walks}

    @property
    def day(self) -> int:
        return core.day_index(self.programme.start, self.today)

    @property
    def state(self) -> str:
        return self.plan["state"]

    @property
    def today_row(self) -> dict:
        return self.days[-1]

    @property
    def target(self) -> int | None:
        return self.today_row["target_minutes"]

    @property
    def days_left(self) -> int:
        return core.days_left(self.programme.start, self.today)

    @property
    def stopped_on(self) -> date | None:
        """W-9: the date the programme stopped (the plan keeps it as an ISO string, W-13)."""
        stopped_on = self.plan["stopped_on"]
        return date.fromisoformat(stopped_on) if stopped_on else None

    @property
    def adherence(self) -> int | None:
        return self.plan["adherence_percent"]

    @property
    def after_pause(self) -> bool:
        """W-6: the target went down after a pause within the last week."""
        recent = [row["target_minutes"] for row in self.days[-8:] if row["target_minutes"] is not None]
        return any(later < earlier for earlier, later in zip(recent, recent[1:]))


def plan_for(programme: Programme, today: date) -> PlanView:
    """The plan of ``programme`` on ``today``: computed from the whole log once per change of
    its version and kept in the shared cache (``plans``), so that a page costs the same with
    a 12-week log as with a 1-day log."""
    version = programme_version(programme, today)
    view = plans.kept(programme.user_id, version)
    if view is None:
        view = compute_plan(programme, today)
        plans.keep(programme.user_id, version, replace(view, programme=None, read_walks=None))
    stop_advice = None
    if view.stop_signs:
        # W-9: the most urgent advice of every sign logged, also of signs logged after the
        # stop; sudden severe pain is judged on the person's most recent rugtest.
        latest = latest_result(programme.user_id)
        answers = latest.answers if latest else {}
        stop_advice = core.most_urgent_advice(view.stop_signs, answers.get("age"), answers.get("known_aneurysm"))
    return replace(view, programme=programme, stop_advice=stop_advice, version=version)


def compute_plan(programme: Programme, today: date) -> PlanView:
    """The plan of ``programme`` on ``today``, computed by the core from the whole log (the
    advice of a warning sign is added by ``plan_for``)."""
    log, entry_ids = stored_entries(programme, today)
    request = core.PlanRequest(
        start=programme.start, baseline_minutes=programme.baseline_minutes, today=max(today, programme.start), log=log,
    )
    plan = core.compute_plan(request)
    stop_signs = []
    if plan["stopped_on"]:
        # W-9: every sign logged, also signs logged after the stop.
        stop_signs = [s for s in core.WARNING_SIGNS if any(s in e.warning_signs for e in request.log)]
    return PlanView(
        programme=programme, today=request.today, plan=plan,
        days=core.day_rows(request, plan), weeks=core.week_summaries(request, plan),
        pain_alert=core.asks_pain_question(plan["state"], request.log, programme.start, request.today),
        stop_advice=None, stop_signs=stop_signs, read_walks=plain_walks(log, entry_ids),
        today_ids={part: entry_id for (day, part), entry_id in entry_ids.items() if day == request.today},
    )


def plain_walks(log, entry_ids) -> tuple[tuple, ...]:
    """The log as plain values (PlanView.walks): read back several times faster than the
    core's entries."""
    return tuple(
        (entry_ids[(e.date, e.part)], e.date.toordinal(), e.part, e.minutes, e.pain_before, e.pain_after, e.painkiller,
         e.note, e.warning_signs)
        for e in log
    )


def can_start(user, today: date) -> tuple[bool, str]:
    """W-1: may ``user`` start a new programme today? Returns (allowed, reason code)."""
    programme = current_programme(user)
    view = plan_for(programme, today) if programme else None
    return start_decision(latest_result(user), view)


def start_decision(result: RugtestResult | None, view: PlanView | None) -> tuple[bool, str]:
    """W-1 from what a page has already read: the latest result and the current plan."""
    state = view.state if view is not None else None
    after_last_sign = True
    if result is not None and view is not None and view.state == "stopped":
        last_sign = (
            WalkEntry.objects.filter(programme=view.programme).exclude(warning_signs=[])
            .order_by("-updated_at").values_list("updated_at", flat=True).first()
        )
        after_last_sign = last_sign is None or result.created_at > last_sign
    return core.start_decision(result.programme if result is not None else None, state, after_last_sign)


def user_entry(user, entry_id: int) -> WalkEntry | None:
    """A log entry of ``user``'s own; someone else's id gives None (a 404 for the view)."""
    return WalkEntry.objects.filter(id=entry_id, programme__user=user).select_related("programme").first()


def signs_logged(programme: Programme, today: date) -> list[WalkEntry]:
    """The log entries of ``programme`` that report a warning sign, up to ``today``, oldest first."""
    entries = list(programme.entries.filter(date__lte=today).exclude(warning_signs=[]))
    return sorted(entries, key=lambda entry: (entry.date, core.PARTS.index(entry.part)))
def checkin_is_due(programme: Programme, today: date, view: PlanView | None = None,
                   checkins: list[CheckIn] | None = None) -> bool:
    """W-14 for a stored programme: the core's ``checkin_due`` on its check-ins and "not now"s.

    ``checkins``: the programme's check-ins when the page has read them already."""
    view = view if view is not None else plan_for(programme, today)
    return core.checkin_due(
        programme.start, today,
        [c.date for c in checkins] if checkins is not None else programme.checkins.values_list("date", flat=True),
        programme.checkin_laters.values_list("date", flat=True),
        view.state,
    )


def latest_checkin(programme: Programme) -> CheckIn | None:
    return programme.checkins.first()


def current_support(result: RugtestResult | None, programme: Programme | None,
                    checkins: list[CheckIn] | None = None) -> tuple[bool, str | None]:
    """W-1: the ``support`` the programme page shows, as (shown, support id or None).

    The latest check-in of the programme recomputes it (W-14) unless a newer rugtest came
    after it; otherwise it is the support of the most recent rugtest. Not shown without a
    rugtest, or when the rugtest says the programme is not for now. ``checkins``: the
    programme's check-ins, newest first, when the page has read them already.
    """
    if result is None or not core.shows_support(result.programme):
        return False, None
    if checkins is not None:
        checkin = checkins[0] if checkins else None
    else:
        checkin = latest_checkin(programme) if programme is not None else None
    if checkin is not None and checkin.created_at >= result.created_at:
        return True, checkin.support
    return True, result.outcome.get("support")


# outcome-measures.md: the measurements of a programme (O-2, O-3) -----------------------------


def measurements(programme: Programme) -> list[Measurement]:
    """O-5: the measurements of ``programme``, oldest first."""
    return list(programme.measurements.order_by("date", "id"))


def measurement_due(programme: Programme, today: date, view: PlanView | None = None,
                    stored: list[Measurement] | None = None, checkins: list[CheckIn] | None = None,
                    checkin_due: bool | None = None) -> str | None:
    """O-2: the moment a measurement is asked for on ``today``, or None.

    A check-in measurement goes with a W-14 check-in: while one is due, and on the day one was
    given until its measurement is there. ``checkins`` (newest first) and ``checkin_due``:
    what the page has read and worked out already."""
    view = view if view is not None else plan_for(programme, today)
    stored = stored if stored is not None else measurements(programme)
    moments = [m.moment for m in stored]
    has_start = "start" in moments
    checkin_now = False
    if view.state == "active":
        # Only then does the answer depend on the check-ins (read once, newest first).
        checkins = checkins if checkins is not None else list(programme.checkins.all())
        due = checkin_due if checkin_due is not None else checkin_is_due(programme, today, view, checkins)
        checkin_now = (due or any(c.date == today for c in checkins)) \
            and not any(m.moment == "checkin" and m.date == today for m in stored)
    start_open = measures.start_offer_open(programme.start, today, programme.start_measure_asked_again_on)
    return measures.due_moment(state=view.state, checkin_due=checkin_now, measured_moments=moments,
                               has_start=has_start, start_open=start_open)
