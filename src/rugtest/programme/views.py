"""The walking programme pages. HTTP in, HTTP out: services change, selectors read."""

from datetime import date, datetime, time
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from rugtest.core import programme as core
from rugtest.core.errors import InputError
from rugtest import words
from rugtest.pages import shared_page
from rugtest.reports.forms import ReportForm
from rugtest.reports.http import pdf_response
from rugtest.reports.programme import programme_pdf
from rugtest.security import is_local_path
from rugtest.selftest import services as selftest_services
from rugtest.selftest.selectors import latest_result
from rugtest.selftest.summary import version_lines

from . import chart, measure_views, plans, services, summary, visit
from .forms import CheckInForm, StartForm, WalkForm, part_of_day
from .models import CheckIn, Programme
from .selectors import (
    can_start, checkin_is_due, current_programme, current_support, plan_for, signs_logged,
    start_decision, user_entry,
)


def _today() -> date:
    """Today in Europe/Amsterdam (TIME_ZONE): the day the plan is computed for."""
    return timezone.localdate()


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _add_input_error(form, error: InputError):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message(_lang()))


def _stop_context(view):
    if view is None or view.stop_advice is None:
        return {}
    advice = view.stop_advice
    return {
        "stop": {
            "level": advice.level,
            "level_text": words.LEVELS[advice.level],
            "action": words.ACTIONS[advice.action],
            "advice_text": words.ADVICE[advice.advice],
            "faint_line": advice.faint_line,
            "signs": [words.SIGNS[s]["label"] for s in view.stop_signs],
            "call_112": advice.action == "call_112",
        }
    }


def _claim_redirect(request):
    """Signed in on a browser that holds a rugtest result not yet kept: ask first (W-1)."""
    if visit.pending_claim(request) is None:
        return None
    return HttpResponseRedirect(f"{reverse('programme:claim')}?next={quote(request.path)}")


def _result_words(outcome: dict) -> dict:
    lines = version_lines(outcome)
    return {
        "level": words.LEVELS[outcome["level"]]["label"],
        "duration": words.DURATION[outcome["duration_class"]]["name"] if outcome.get("duration_class") else None,
        # A result kept under earlier rules keeps its outcome; the page says the rules changed.
        "rules_changed": " ".join(lines) if len(lines) > 1 else "",
    }


@shared_page
def home(request):
    """/rugoefening/: the explanation for everyone; the way in after a rugtest; the plan for a
    signed-in person."""
    if not request.user.is_authenticated:
        result = visit.current(request)
        context = {"section": "rugoefening", "visit_result": result}
        if result is not None:
            start_url = reverse("programme:start")
            context.update(
                programme_value=result.programme,
                result_words=_result_words(result.outcome),
                signup_url=f"{reverse('account_signup')}?next={start_url}",
                login_url=f"{reverse('account_login')}?next={start_url}",
            )
        return render(request, "programme/home.html", context)
    claim = _claim_redirect(request)
    if claim:
        return claim
    return _home_page(request, _today())


def _home_page(request, today):
    programme = current_programme(request.user)
    view = plan_for(programme, today) if programme else None
    result = latest_result(request.user)
    allowed, reason = start_decision(result, view)
    context = {
        "section": "rugoefening",
        "view": view,
        "result": result,
        "programme_value": result.programme if result else None,
        "can_start": allowed,
        "reason": reason,
        "parts": _today_parts(view) if view else [],
        "checkin": _checkin_panel(request.user, result, programme, view, today),
        "measure_due": measure_views.measurement_due(programme, today, view) if programme else None,
        "closing": measure_views.closing_context(programme, view),
        **_stop_context(view),
    }
    if allowed:
        context["start_form"] = StartForm(needs_gp=result.programme == "ask_gp_first")
    return render(request, "programme/home.html", context)


def _today_parts(view):
    row = view.today_row
    entries = {part: entry_id for (day, part), entry_id in view.entry_ids.items() if day == view.today}
    return [
        {"part": part, "label": words.PARTS[part], "minutes": row["minutes"][part], "entry_id": entries.get(part),
         "done": row["minutes"][part] is not None and view.target is not None and row["minutes"][part] >= view.target}
        for part in core.PARTS
    ]


@login_required
def start(request):
    claim = _claim_redirect(request)
    if claim:
        return claim
    today = _today()
    allowed, reason = can_start(request.user, today)
    if not allowed:
        # "active": a second click on "start" simply shows the programme the first one began.
        if reason != "active":
            messages.info(request, _("U kunt nu geen nieuwe rugoefening beginnen."))
        return redirect("programme:home")
    result = latest_result(request.user)
    form = StartForm(request.POST if request.method == "POST" else None, needs_gp=result.programme == "ask_gp_first")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_programme(
                user=request.user, today=today, baseline_method=data["baseline_method"],
                baseline_minutes=data.get("baseline_minutes"),
                test_walks=[data.get(f"test_walk_{i}") for i in (1, 2, 3)],
                gp_agrees=data.get("gp_agrees", False),
            )
        except InputError as error:
            _add_input_error(form, error)
        else:
            messages.success(request, _("Uw rugoefening is begonnen. Hieronder ziet u de wandelingen van vandaag."))
            return redirect("programme:home")
    return render(request, "programme/start.html", {
        "section": "rugoefening", "form": form, "result": result, "result_words": _result_words(result.outcome),
    })


def _programme_or_redirect(request):
    programme = current_programme(request.user)
    if programme is None:
        messages.info(request, _("U heeft nog geen rugoefening. Begin hieronder."))
    return programme


@login_required
def log_walk(request):
    today = _today()
    programme = _programme_or_redirect(request)
    if programme is None:
        return redirect("programme:home")
    if request.method != "POST":
        # "Veranderen" for a walk already logged opens the form filled with it.
        day = _parse_day(request.GET.get("date")) or today
        part = request.GET.get("part") if request.GET.get("part") in core.PARTS else None
        existing = programme.entries.filter(date=day, part=part).first() if part else None
        if existing is not None:
            return redirect("programme:edit", existing.id)
        initial = {"date": day, "part": part or part_of_day(timezone.localtime().hour)}
        return _walk_form(request, programme, WalkForm(initial=initial), today, entry=None)
    return _walk_form(request, programme, WalkForm(request.POST), today, entry=None)


def _parse_day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@login_required
def edit_walk(request, entry_id):
    entry = user_entry(request.user, entry_id)
    if entry is None:
        raise Http404
    initial = {
        "date": entry.date, "part": entry.part, "minutes": entry.minutes, "pain_before": entry.pain_before,
        "pain_after": entry.pain_after, "painkiller": entry.painkiller, "note": entry.note,
        "warning_signs": entry.warning_signs,
    }
    form = WalkForm(request.POST if request.method == "POST" else None, initial=initial)
    return _walk_form(request, entry.programme, form, _today(), entry=entry)


WALK_FIELDS = ("date", "part", "minutes", "pain_before", "pain_after", "painkiller", "note")


def _sign_context(programme, signs):
    """The confirm step of W-9: the signs in words and the advice they would bring."""
    latest = latest_result(programme.user)
    answers = latest.answers if latest else {}
    advice = core.most_urgent_advice(signs, answers.get("age"), answers.get("known_aneurysm"))
    return {
        "signs": [words.SIGNS[s]["label"] for s in core.WARNING_SIGNS if s in signs],
        "level": advice.level,
        "level_text": words.LEVELS[advice.level],
        "action": words.ACTIONS[advice.action],
        "faint_line": advice.faint_line,
        "call_112": advice.action == "call_112",
    }


def _walk_form(request, programme, form, today, entry):
    if request.method == "POST" and request.POST.get("confirm_signs") == "no":
        # W-9 confirm step, "no, I do not have that": back to the form with everything else
        # kept and the signs not ticked; nothing is saved yet.
        kept = {key: request.POST.get(key) for key in WALK_FIELDS}
        kept["warning_signs"] = list(entry.warning_signs) if entry else []
        form = WalkForm(initial=kept)
        messages.info(request, _(
            "Er is nog niets opgeslagen. Het vinkje bij de klacht is weggehaald. Kijk het formulier na en kies Opslaan."
        ))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = entry is not None and (entry.date, entry.part) != (data["date"], data["part"])
        try:
            if moved and entry.warning_signs:
                raise InputError("date", "a walk with a warning sign cannot be moved",
                                 "Een wandeling met een waarschuwingsteken kunt u niet verplaatsen.",
                                 "A walk with a warning sign cannot be moved.")
            services.check_walk(programme=programme, today=today, **data)
            already = set(entry.warning_signs) if entry else set()
            new_signs = [s for s in data["warning_signs"] if s not in already]
            if new_signs and request.POST.get("confirm_signs") != "yes":
                # W-9: a ticked sign stops the programme, so one tap is confirmed first; the
                # rest of the entry travels along in hidden fields.
                return render(request, "programme/confirm_signs.html", {
                    "section": "rugoefening", "form": form, "entry": entry, "confirm": _sign_context(programme, new_signs),
                    "hidden": [(k, v) for k in request.POST if k not in ("csrfmiddlewaretoken", "confirm_signs")
                               for v in request.POST.getlist(k)],
                })
            saved = services.record_walk(programme=programme, today=today, **data)
            if moved:
                services.delete_walk(entry=entry)
        except InputError as error:
            _add_input_error(form, error)
        else:
            if saved.warning_signs:
                return redirect("programme:home")
            view = plan_for(programme, today)
            for line in summary.saved_walk_words(programme, today, saved, view=view):
                messages.success(request, line)
            target = next((r["target_minutes"] for r in view.days if r["date"] == saved.date), None)
            if summary.far_above_target(saved.minutes, target):
                messages.info(request, _(
                    "U liep veel langer dan uw doel. Fijn dat het goed ging! Toch werkt het plan het best "
                    "als u op een goede dag niet meer doet dan het doel. Extra minuten maken het plan niet sneller."
                ))
            return redirect("programme:home")
    view = plan_for(programme, today)
    return render(request, "programme/log.html", {
        "section": "rugoefening", "form": form, "entry": entry, "view": view,
        "start": programme.start, "today": today,
        # A new walk with nothing filled in beyond the date and part: its details read the
        # same for everyone (log.html keeps them as a fragment).
        "blank": entry is None and not form.is_bound and set(form.initial) <= {"date", "part"},
    })


@login_required
@require_POST
def delete_walk(request, entry_id):
    entry = user_entry(request.user, entry_id)
    if entry is None:
        raise Http404
    try:
        services.delete_walk(entry=entry)
    except InputError as error:
        messages.error(request, error.message(_lang()))
    else:
        messages.success(request, _("De wandeling is gewist."))
    return redirect("programme:history")


@login_required
@require_POST
def pain_check(request):
    """W-10: the answer to "has your pain kept getting worse?"."""
    programme = current_programme(request.user)
    if programme is None:
        return redirect("programme:home")
    if request.POST.get("pain_worsening") == "yes":
        services.report_pain_worsening(programme=programme, today=_today())
    else:
        messages.info(request, _("Dank u. Uw schema blijft hetzelfde."))
    return redirect("programme:home")


@login_required
def history(request, report_form=None):
    programme = current_programme(request.user, with_result=True)
    if programme is None:
        return redirect("programme:home")
    today = _today()
    view = plan_for(programme, today)
    # The charts and tables of the whole log are made once per change of the plan and kept
    # with it, so that the page costs the same with a 12-week log as with a 1-day log.
    lang = _lang()
    log_part = plans.kept_part(request.user.pk, view.version, f"progress-{lang}")
    if log_part is None:
        log_part = render_to_string("programme/includes/progress_log.html", _progress_log(view), request)
        plans.keep_part(request.user.pk, view.version, f"progress-{lang}", log_part)
    return render(request, "programme/history.html", {
        "section": "rugoefening",
        "view": view,
        "log_part": mark_safe(log_part),  # made by render_to_string, escaped there
        "result": programme.result,
        "result_summary": _result_summary(programme.result),
        "report_form": report_form or ReportForm(),
        "report_url": reverse("programme:report"),
        "report_intro": _("Maak een PDF van uw voortgang en uw rugtest, om te printen of mee te sturen."),
        "checkins": [_checkin_row(c) for c in programme.checkins.all()],
        **measure_views.progress_context(programme, today, view),
        **_stop_context(view),
    })


def _progress_log(view) -> dict:
    """What progress_log.html shows: the charts, the days with each logged walk, the pain
    scores and the weeks."""
    # The entries the plan was computed from (start … today), with their ids for the edit links.
    # The table repeats the same few words and one kind of link up to 252 times: made here
    # once each (the profile showed reverse() and blocktranslate per cell as most of the page).
    edit_base = reverse("programme:log")  # an entry's edit page is wandeling/<id>/ below it
    entry_ids = view.entry_ids
    entries = {(e.date, e.part): _LoggedWalk(entry_ids[(e.date, e.part)], e, edit_base) for e in view.log}
    rows = []
    for row in view.days:
        target = row["target_minutes"]
        rows.append({
            **row, "entries": [(words.PARTS[p], entries.get((row["date"], p))) for p in core.PARTS],
            "words": _day_words(row, is_today=row["date"] == view.today),
            "target_text": _minutes_short(target) if target is not None else None,
        })
    pains = {}
    for (day, part), entry in sorted(entries.items(), key=lambda item: (item[0][0], core.PARTS.index(item[0][1]))):
        if entry.pain_after is not None and view.programme.start <= day <= view.today:
            pains.setdefault(day, []).append((words.PARTS[part], entry.pain_after))
    pain_rows = [
        {"date": day, "mean": chart.mean_one_decimal([score for _, score in scores]),
         "words": ", ".join(f"{str(label).lower()} {score}" for label, score in scores)}
        for day, scores in sorted(pains.items(), reverse=True)
    ]
    return {
        "rows": list(reversed(rows)),
        "weeks": view.weeks,
        "chart": chart.walking_chart(view.days),
        "pain_chart": chart.pain_chart(view.days, {d: [s for _, s in scores] for d, scores in pains.items()}),
        "pain_rows": pain_rows,
    }


def _minutes_short(minutes: int) -> str:
    return _("%(minutes)s min.") % {"minutes": minutes}


class _LoggedWalk:
    """A logged walk as the progress page shows it: from the core's entry, with its edit link."""

    __slots__ = ("id", "minutes", "pain_after", "warning_signs", "url", "text")

    def __init__(self, entry_id, entry, edit_base):
        self.id, self.minutes, self.pain_after, self.warning_signs = entry_id, entry.minutes, entry.pain_after, entry.warning_signs
        self.url = f"{edit_base}{entry_id}/"
        self.text = _minutes_short(entry.minutes)


def _day_words(row, is_today):
    """W-11 per day in words: "8 van 24 minuten, niet gehaald" (gehaald = a completed day, W-3)."""
    total, goal = row["total_minutes"], row["goal_minutes"]
    if goal is None:
        return ngettext("%(total)d minuut", "%(total)d minuten", total) % {"total": total}
    if row["completed"]:
        return _("%(total)d van %(goal)d minuten, gehaald") % {"total": total, "goal": goal}
    if is_today:
        return _("%(total)d van %(goal)d minuten, vandaag nog bezig") % {"total": total, "goal": goal}
    return _("%(total)d van %(goal)d minuten, niet gehaald") % {"total": total, "goal": goal}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """The programme report for the GP. A name is on it only when the person typed one."""
    programme = current_programme(request.user)
    if programme is None:
        return render(request, "reports/missing.html", {
            "section": "rugoefening",
            "title": _("Er is nog geen rugoefening om te printen"),
            "body": _("Als u met de rugoefening bent begonnen, kunt u hier uw voortgang printen voor uw huisarts."),
            "next_url": reverse("programme:home"),
            "next_text": _("Naar de rugoefening"),
        }, status=404)
    name = ""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if not form.is_valid():
            return history(request, report_form=form)
        name = form.cleaned_data["name"]
    today = _today()
    view = plan_for(programme, today)
    data = programme_pdf(
        view=view, result=programme.result, signs_logged=signs_logged(programme, view.today),
        checkins=list(programme.checkins.order_by("date")), name=name,
        measurements=measure_views.measurements(programme),
        made=timezone.make_aware(datetime.combine(view.today, time(12))),
    )
    return pdf_response(data, "rugoefening-verslag", view.today)


def _checkin_row(checkin):
    """W-11 / W-14: a check-in in the progress view."""
    return {"date": checkin.date, "progress": words.PROGRESS[checkin.progress],
            "support": words.SUPPORT[checkin.support]["short"]}


def _result_summary(result):
    """The rugtest outcome behind the programme, in words, for the person's GP."""
    if result is None:
        return None
    outcome = result.outcome
    return {
        "date": result.created_at,
        "level": words.LEVELS[outcome["level"]]["label"],
        "duration": words.DURATION[outcome["duration_class"]]["name"],
        "version": " ".join(version_lines(outcome)),
    }


def _safe_next(request, fallback="programme:home") -> str:
    """The page ``next`` names when it is a path on this site, else the fallback page."""
    target = request.POST.get("next") or request.GET.get("next")
    return target if is_local_path(target) else reverse(fallback)


@login_required
def claim_result(request):
    """W-1 on a shared browser: "this browser holds a rugtest result; is it yours?"

    Signing in never adds it silently; "yes" keeps it with the account, "no" forgets it in
    this browser so that it is not added later either.
    """
    result = visit.pending_claim(request)
    next_url = _safe_next(request)
    if result is None:
        return HttpResponseRedirect(next_url)
    if request.method == "POST" and request.POST.get("mine") in ("yes", "no"):
        if request.POST["mine"] == "yes":
            selftest_services.save_result(user=request.user, answers=result.answers, outcome=result.outcome, run=result.run)
            visit.settle_claim(request, keep=True)
            messages.success(request, _("De uitslag is bij uw account bewaard."))
        else:
            visit.settle_claim(request, keep=False)
            messages.info(request, _("De uitslag is niet bij uw account bewaard. Hij is ook uit deze browser gewist."))
        return HttpResponseRedirect(next_url)
    return render(request, "programme/claim.html", {
        "section": "rugoefening", "result": result, "result_words": _result_words(result.outcome),
        "next": next_url, "error": request.method == "POST", "new_account": visit.claim_follows_sign_up(request),
    })


# W-14: the check-in after 3 to 4 weeks, and the W-1 support line -------------------------


def _support_words(support_id):
    return {"id": support_id, "line": words.SUPPORT[support_id]["short"]}


def _checkin_panel(user, result, programme, view, today):
    """What programme/includes/checkin.html shows at the top of the programme page."""
    # One read of the check-ins (newest first, Meta.ordering) for the support line and W-14.
    checkins = list(programme.checkins.all()) if programme is not None else []
    shown, support_id = current_support(result, programme, checkins)
    due = view is not None and checkin_is_due(programme, today, view, checkins)
    return {
        "support": _support_words(support_id) if shown else None,
        "due": due,
        "programme_id": programme.id if programme else None,
        "form": CheckInForm(lang=_lang()) if due else None,
    }


def _support_text(support_id):
    """W-14: the recomputed support in full: its title and what it advises."""
    if support_id is None:
        return None
    advice = {"physio": "A-SUPPORT-PHYSIO", "gp_talk": "A-SUPPORT-GP"}.get(support_id)
    body = words.ADVICE[advice] if advice else words.SUPPORT[support_id]["body"]
    return {"title": words.SUPPORT[support_id]["title"], "body": body}


def _checkin_result(checkin: CheckIn, view) -> dict:
    return {
        "checkin": checkin,
        "advice": words.CHECKIN_ADVICE[checkin.progress],
        "support": _support_words(checkin.support),
        "support_text": _support_text(checkin.support),
        "ask_pain_worsening": checkin.progress == "worse" and view.state == "active",
    }


@login_required
def checkin(request, programme_id):
    """W-14: the check-in form (GET when due), its answer (POST), and what it means."""
    programme = Programme.objects.filter(id=programme_id, user=request.user).first()
    if programme is None:
        raise Http404
    today = _today()
    view = plan_for(programme, today)
    form = None
    if request.method == "POST":
        if "later" in request.POST:
            if checkin_is_due(programme, today, view):
                services.checkin_later(programme=programme, today=today)
            return redirect("programme:home")
        form = CheckInForm(request.POST, lang=_lang())
        if form.is_valid():
            try:
                services.record_checkin(programme=programme, today=today,
                                        progress=form.cleaned_data["progress"], answers=form.step6_answers())
            except InputError as error:
                _add_input_error(form, error)
            else:
                return redirect("programme:checkin", programme_id=programme.id)
    done = programme.checkins.filter(date=today).first()
    if form is None and done is None:
        if not checkin_is_due(programme, today, view):
            return redirect("programme:home")
        form = CheckInForm(lang=_lang())
    context = {"section": "rugoefening", "form": form, "programme_id": programme.id}
    if form is None:
        context.update(_checkin_result(done, view))
    return render(request, "programme/checkin.html", context)
