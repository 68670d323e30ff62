"""The walking programme pages. HTTP in, HTTP out: services change, selectors read."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugtest.core import programme as core
from rugtest.core.errors import InputError
from rugtest import words

from . import chart, services
from .forms import CheckInForm, StartForm, WalkForm
from .models import CheckIn, Programme
from .selectors import (
    can_start, checkin_is_due, current_programme, current_support, latest_result, plan_for, start_decision,
    user_entry,
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


def home(request):
    """/rugoefening/: the explanation for everyone; the plan for a signed-in person."""
    if not request.user.is_authenticated:
        return render(request, "content/rugoefening.html", {"section": "rugoefening"})
    today = _today()
    programme = current_programme(request.user)
    view = plan_for(programme, today) if programme else None
    result = latest_result(request.user)
    allowed, reason = start_decision(result, view)
    context = {
        "section": "rugoefening",
        "view": view,
        "result": result,
        "can_start": allowed,
        "reason": reason,
        "parts": _today_parts(view) if view else [],
        "checkin": _checkin_panel(request.user, result, programme, view, today),
        **_stop_context(view),
    }
    if allowed:
        context["start_form"] = StartForm(needs_gp=result.programme == "ask_gp_first")
    return render(request, "programme/home.html", context)


def _today_parts(view):
    row = view.today_row
    return [
        {"part": part, "label": words.PARTS[part], "minutes": row["minutes"][part],
         "done": row["minutes"][part] is not None and view.target is not None and row["minutes"][part] >= view.target}
        for part in core.PARTS
    ]


@login_required
def start(request):
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
    return render(request, "programme/start.html", {"section": "rugoefening", "form": form, "result": result})


def _programme_or_redirect(request):
    programme = current_programme(request.user)
    if programme is None:
        messages.info(request, _("U heeft nog geen rugoefening. Begin hieronder."))
    return programme


@login_required
def log_walk(request):
    programme = _programme_or_redirect(request)
    if programme is None:
        return redirect("programme:home")
    today = _today()
    initial = {"date": request.GET.get("date") or today.isoformat(), "part": request.GET.get("part")}
    if initial["part"] not in core.PARTS:
        initial["part"] = None
    form = WalkForm(request.POST if request.method == "POST" else None, initial=initial)
    return _walk_form(request, programme, form, today, entry=None)


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


def _walk_form(request, programme, form, today, entry):
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        moved = entry is not None and (entry.date, entry.part) != (data["date"], data["part"])
        try:
            if moved and entry.warning_signs:
                raise InputError("date", "a walk with a warning sign cannot be moved",
                                 "Een wandeling met een waarschuwingsteken kunt u niet verplaatsen.",
                                 "A walk with a warning sign cannot be moved.")
            saved = services.record_walk(programme=programme, today=today, **data)
            if moved:
                services.delete_walk(entry=entry)
        except InputError as error:
            _add_input_error(form, error)
        else:
            if saved.warning_signs:
                return redirect("programme:home")
            messages.success(request, _("Uw wandeling is opgeslagen."))
            return redirect("programme:home")
    view = plan_for(programme, today)
    return render(request, "programme/log.html", {
        "section": "rugoefening", "form": form, "entry": entry, "view": view,
        "start": programme.start, "today": today,
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
def history(request):
    programme = current_programme(request.user)
    if programme is None:
        return redirect("programme:home")
    view = plan_for(programme, _today())
    entries = {(e.date, e.part): e for e in programme.entries.all()}
    rows = []
    for row in view.days:
        rows.append({**row, "entries": [entries.get((row["date"], part)) for part in core.PARTS]})
    return render(request, "programme/history.html", {
        "section": "rugoefening",
        "view": view,
        "rows": list(reversed(rows)),
        "weeks": view.weeks,
        "chart": chart.walking_chart(view.days),
        "parts": [words.PARTS[p] for p in core.PARTS],
        "result": programme.result,
        "result_summary": _result_summary(programme.result),
        "checkins": [_checkin_row(c) for c in programme.checkins.all()],
        **_stop_context(view),
    })


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
        "rules": ", ".join(outcome["rules"] + outcome["uncertain_rules"]),
    }


# W-14: the check-in after 3 to 4 weeks, and the W-1 support line -------------------------


def _support_words(support_id):
    return {"id": support_id, "line": words.SUPPORT[support_id]["short"]}


def _checkin_panel(user, result, programme, view, today):
    """What programme/includes/checkin.html shows at the top of the programme page."""
    shown, support_id = current_support(result, programme)
    due = view is not None and checkin_is_due(programme, today, view)
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
