"""The walking programme pages. HTTP in, HTTP out: services change, selectors read."""

from datetime import date, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rugtest.core import programme as core
from rugtest.core.errors import InputError
from rugtest.reports.forms import ReportForm
from rugtest.reports.http import pdf_response
from rugtest.reports.programme import programme_pdf
from rugtest.selftest import texts as result_texts

from . import chart, services
from .forms import PART_LABELS, SIGN_LABELS, StartForm, WalkForm
from .selectors import (
    can_start, current_programme, latest_result, plan_for, signs_logged, start_decision, user_entry,
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
            "level_text": result_texts.LEVELS[advice.level],
            "action": result_texts.ACTIONS[advice.action],
            "advice_text": result_texts.ADVICE[advice.advice],
            "faint_line": advice.faint_line,
            "signs": [SIGN_LABELS[s] for s in view.stop_signs],
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
        **_stop_context(view),
    }
    if allowed:
        context["start_form"] = StartForm(needs_gp=result.programme == "ask_gp_first")
    return render(request, "programme/home.html", context)


def _today_parts(view):
    row = view.today_row
    return [
        {"part": part, "label": PART_LABELS[part], "minutes": row["minutes"][part],
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
def history(request, report_form=None):
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
        "parts": [PART_LABELS[p] for p in core.PARTS],
        "result": programme.result,
        "result_summary": _result_summary(programme.result),
        "report_form": report_form or ReportForm(),
        "report_url": reverse("programme:report"),
        "report_intro": _("Maak een PDF van uw voortgang en uw rugtest, om te printen of mee te sturen."),
        **_stop_context(view),
    })


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
        view=view, result=programme.result, signs_logged=signs_logged(programme, view.today), name=name,
        made=timezone.make_aware(datetime.combine(view.today, time(12))),
    )
    return pdf_response(data, "rugoefening-verslag", view.today)


def _result_summary(result):
    """The rugtest outcome behind the programme, in words, for the person's GP."""
    if result is None:
        return None
    outcome = result.outcome
    return {
        "date": result.created_at,
        "level": result_texts.LEVELS[outcome["level"]]["label"],
        "duration": result_texts.DURATION[outcome["duration_class"]]["name"],
        "rules": ", ".join(outcome["rules"] + outcome["uncertain_rules"]),
    }
