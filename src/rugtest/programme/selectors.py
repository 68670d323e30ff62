"""Selectors: read a person's data and let the core compute the plan. They change nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection

from rugtest import rawsql
from rugtest.core import programme as core
from rugtest.selftest.models import RugtestResult
from rugtest.selftest.selectors import latest_result

from .models import CheckIn, CheckInLater, Programme, WalkEntry


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


def programme_version(user) -> tuple | None:
    """Everything the programme page and the walk log of ``user`` are made from, in two plain
    queries, without reading the log itself: their current programme; the number of its walks,
    the highest walk id and the newest ``updated_at``; its check-ins and "not now"s as they
    are; and their latest rugtest. Any change to what those pages show changes this value:
    a walk saved changes the newest ``updated_at`` (walks are only ever changed through
    ``save()``, which sets it), a new walk gets an id higher than any before it (ids are
    never used again), and a deleted walk lowers the number. None without a programme.

    Each part is answered from an index (``walk_newest_change`` for the newest change), so
    the time does not grow with the log (benchmarks/bench_scale.py)."""
    programme_sql, checkins_sql = _version_sql(connection.vendor)
    row = rawsql.fetch_one(programme_sql, [user.pk])
    if row is None:
        return None
    checkins = rawsql.fetch_all(checkins_sql, [row[0], row[0]])
    return tuple(str(value) for value in row) + tuple(str(c) for c in checkins)


@lru_cache(maxsize=4)
def _version_sql(vendor: str) -> tuple[str, str]:
    tables = {name: connection.ops.quote_name(model._meta.db_table) for name, model in (
        ("programme", Programme), ("walk", WalkEntry), ("later", CheckInLater), ("result", RugtestResult),
        ("checkin", CheckIn))}
    programme = f"""
        SELECT p.id, p.start, p.baseline_minutes, p.baseline_method, p.test_walks, p.gp_agreed_on, p.result_id,
            (SELECT COUNT(*) FROM {tables["walk"]} w WHERE w.programme_id = p.id),
            (SELECT MAX(w.id) FROM {tables["walk"]} w WHERE w.programme_id = p.id),
            (SELECT MAX(w.updated_at) FROM {tables["walk"]} w WHERE w.programme_id = p.id),
            (SELECT r.id FROM {tables["result"]} r WHERE r.user_id = p.user_id
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1)
        FROM {tables["programme"]} p WHERE p.user_id = %s
        ORDER BY p.created_at DESC, p.id DESC LIMIT 1"""
    checkins = f"""
        SELECT 'checkin', id, date, progress, answers, risk_factors, support FROM {tables["checkin"]}
        WHERE programme_id = %s
        UNION ALL
        SELECT 'later', id, date, NULL, NULL, NULL, NULL FROM {tables["later"]} WHERE programme_id = %s
        ORDER BY 1, 2"""
    return programme, checkins


def core_entries(programme: Programme, today: date) -> tuple[core.WalkEntry, ...]:
    return stored_entries(programme, today)[0]


@dataclass
class PlanView:
    """Everything the programme pages show, computed once per request from the log."""

    programme: Programme
    today: date
    plan: dict
    days: list[dict]
    weeks: list[dict]
    pain_alert: bool
    stop_advice: core.SignAdvice | None
    stop_signs: list[str]
    log: tuple[core.WalkEntry, ...] = ()
    entry_ids: dict[tuple[date, str], int] = field(default_factory=dict)  # (date, part) -> WalkEntry id

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
    def adherence(self) -> int | None:
        return self.plan["adherence_percent"]

    @property
    def after_pause(self) -> bool:
        """W-6: the target went down after a pause within the last week."""
        recent = [row["target_minutes"] for row in self.days[-8:] if row["target_minutes"] is not None]
        return any(later < earlier for earlier, later in zip(recent, recent[1:]))


def plan_for(programme: Programme, today: date) -> PlanView:
    log, entry_ids = stored_entries(programme, today)
    request = core.PlanRequest(
        start=programme.start, baseline_minutes=programme.baseline_minutes, today=max(today, programme.start), log=log,
    )
    plan = core.compute_plan(request)
    stop_signs, stop_advice = [], None
    if plan["stopped_on"]:
        # W-9: the most urgent advice of every sign logged, also of signs logged after the
        # stop; sudden severe pain is judged on the person's most recent rugtest.
        stop_signs = [s for s in core.WARNING_SIGNS if any(s in e.warning_signs for e in request.log)]
        latest = latest_result(programme.user)
        answers = latest.answers if latest else {}
        stop_advice = core.most_urgent_advice(stop_signs, answers.get("age"), answers.get("known_aneurysm"))
    return PlanView(
        programme=programme, today=request.today, plan=plan,
        days=core.day_rows(request, plan), weeks=core.week_summaries(request, plan),
        pain_alert=plan["state"] == "active" and core.pain_trend_alert(request.log, programme.start, request.today),
        stop_advice=stop_advice, stop_signs=stop_signs, log=log, entry_ids=entry_ids,
    )


def can_start(user, today: date) -> tuple[bool, str]:
    """W-1: may ``user`` start a new programme today? Returns (allowed, reason code)."""
    programme = current_programme(user)
    view = plan_for(programme, today) if programme else None
    return start_decision(latest_result(user), view)


def start_decision(result: RugtestResult | None, view: PlanView | None) -> tuple[bool, str]:
    """W-1 from what a page has already read: the latest result and the current plan."""
    if result is None:
        return False, "no_rugtest"
    if result.programme == "not_now":
        return False, "not_now"
    if view is not None:
        if view.state == "active":
            return False, "active"
        if view.state == "stopped":
            # W-1: after a stop, only a rugtest taken after the warning sign was logged.
            last_sign = (
                WalkEntry.objects.filter(programme=view.programme).exclude(warning_signs=[])
                .order_by("-updated_at").values_list("updated_at", flat=True).first()
            )
            if last_sign is not None and result.created_at <= last_sign:
                return False, "stopped_needs_rugtest"
    return True, ""


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
    if result is None or result.programme == "not_now":
        return False, None
    if checkins is not None:
        checkin = checkins[0] if checkins else None
    else:
        checkin = latest_checkin(programme) if programme is not None else None
    if checkin is not None and checkin.created_at >= result.created_at:
        return True, checkin.support
    return True, result.outcome.get("support")
