"""/rugoefening/rapport.pdf: the programme report for the GP."""

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rugtest.reports.forms import ReportForm
from rugtest.reports.http import pdf_response
from rugtest.reports.programme import programme_pdf

from ..selectors import current_programme, measurements, plan_for, signs_logged
from .common import today
from .progress import history


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
    view = plan_for(programme, today())
    data = programme_pdf(
        view=view, result=programme.result, signs_logged=signs_logged(programme, view.today),
        checkins=list(programme.checkins.order_by("date")), name=name,
        measurements=measurements(programme),  # O-3
        made=timezone.make_aware(datetime.combine(view.today, time(12))),
    )
    return pdf_response(data, "rugoefening-verslag", view.today)
