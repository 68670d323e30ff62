"""/rugoefening/voortgang/: the progress page (W-11)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from rugtest.i18n import lang
from rugtest.reports.forms import ReportForm
from rugtest.selftest.selectors import latest_result

from .. import measurements, plans, presenters
from ..selectors import current_programme, plan_for, start_decision
from .common import today


@login_required
def history(request, report_form=None):
    programme = current_programme(request.user, with_result=True)
    if programme is None:
        return redirect("programme:home")
    view = plan_for(programme, today())
    # The charts and tables of the whole log are made once per change of the plan and kept
    # with it, so that the page costs the same with a 12-week log as with a 1-day log.
    key = f"progress-{lang()}"
    log_part = plans.kept_part(request.user.pk, view.version, key)
    if log_part is None:
        log_part = render_to_string("programme/includes/progress_log.html", presenters.progress_log(view), request)
        plans.keep_part(request.user.pk, view.version, key, log_part)
    return render(request, "programme/history.html", {
        "section": "rugoefening",
        "view": view,
        # The chart first, then the GP report and the measurements, then the weeks (issue 19:
        # the chart and the report button within the first two screens of a phone).
        "chart_part": mark_safe(log_part.split("<!--split-->", 1)[0]),  # made by render_to_string, escaped there
        "log_part": mark_safe(log_part.split("<!--split-->", 1)[-1]),
        "result": programme.result,
        "result_summary": presenters.result_summary(programme.result),
        "report_form": report_form or ReportForm(),
        "report_url": reverse("programme:report"),
        "report_intro": _("Maak een PDF van uw voortgang en uw rugtest, om te printen of mee te sturen."),
        "checkins": [presenters.checkin_row(c) for c in programme.checkins.all()],
        **measurements.progress_context(programme, view.today, view),  # O-3
        **presenters.stop_context(view),
        # W-1 / W-9: after a stop, a newer rugtest that allows a new start makes the old stop
        # history, shown calm and dated, as on the programme page.
        "stop_is_past": view.stop_advice is not None and start_decision(latest_result(request.user), view)[0],
    })
