"""/rugoefening/: the explanation for everyone, the way in after a rugtest, the plan."""

from django.shortcuts import render
from django.urls import reverse

from rugtest.core.programme import PROGRAMME_DAYS, needs_gp_agreement
from rugtest.pages import shared_page
from rugtest.selftest.selectors import latest_result

from .. import measurements, presenters, services, visit
from ..forms import StartForm
from ..selectors import current_programme, measurement_due, plan_for, start_decision
from .common import claim_redirect, today


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
                result_words=presenters.result_words(result.outcome),
                signup_url=f"{reverse('account_signup')}?next={start_url}",
                login_url=f"{reverse('account_login')}?next={start_url}",
            )
        return render(request, "programme/home.html", context)
    claim = claim_redirect(request)
    if claim:
        return claim
    return _home_page(request, today())


def _home_page(request, day):
    programme = current_programme(request.user)
    view = plan_for(programme, day) if programme else None
    result = latest_result(request.user)
    allowed, reason = start_decision(result, view)
    # The check-ins, read once for the support line, W-14 and the measurement of O-2.
    checkins = list(programme.checkins.all()) if programme else []
    checkin = presenters.checkin_panel(request.user, result, programme, view, day, checkins)
    due = None
    if programme:
        due = measurement_due(programme, day, view, checkins=checkins, checkin_due=checkin["due"])
        services.note_start_measure_asked(programme=programme, today=day, moment=due)
    context = {
        "section": "rugoefening",
        "view": view,
        "result": result,
        "programme_value": result.programme if result else None,
        "can_start": allowed,
        "reason": reason,
        "parts": presenters.today_parts(view) if view else [],
        "programme_days": PROGRAMME_DAYS,
        "checkin": checkin,
        # outcome-measures.md O-2: the measurement offered now; W-7: the closing summary.
        "measure_due": due,
        "closing": measurements.closing_context(programme, view),
        **presenters.stop_context(view),
    }
    if allowed:
        context["start_form"] = StartForm(needs_gp=needs_gp_agreement(result.programme))
    return render(request, "programme/home.html", context)
