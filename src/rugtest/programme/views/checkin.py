"""The W-14 check-in after 3 to 4 weeks, and the W-10 question "is your pain getting worse?"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rugtest.core.errors import InputError
from rugtest.i18n import lang

from .. import presenters, services
from ..forms import CheckInForm
from ..models import Programme
from ..selectors import checkin_is_due, current_programme, measurement_due, plan_for
from .common import add_input_error, today


@login_required
def pain_check(request):
    """W-10: the answer to "has your pain kept getting worse?" (POST); the address opened
    without an answer leads to the programme page, where the question is."""
    programme = current_programme(request.user)
    if programme is None or request.method != "POST":
        return redirect("programme:home")
    if request.POST.get("pain_worsening") == "yes":
        services.report_pain_worsening(programme=programme, today=today())
    else:
        messages.info(request, _("Dank u. Uw schema blijft hetzelfde."))
    return redirect("programme:home")


@login_required
def checkin(request, programme_id):
    """W-14: the check-in form (GET when due), its answer (POST), and what it means."""
    programme = Programme.objects.filter(id=programme_id, user=request.user).first()
    if programme is None:
        raise Http404
    day = today()
    view = plan_for(programme, day)
    form = None
    if request.method == "POST":
        if "later" in request.POST:
            if checkin_is_due(programme, day, view):
                services.checkin_later(programme=programme, today=day)
            return redirect("programme:home")
        form = CheckInForm(request.POST, lang=lang())
        if form.is_valid():
            try:
                services.record_checkin(programme=programme, today=day,
                                        progress=form.cleaned_data["progress"], answers=form.step6_answers())
            except InputError as error:
                add_input_error(form, error)
            else:
                return redirect("programme:checkin", programme_id=programme.id)
    done = programme.checkins.filter(date=day).first()
    if form is None and done is None:
        if not checkin_is_due(programme, day, view):
            return redirect("programme:home")
        form = CheckInForm(lang=lang())
    context = {"section": "rugoefening", "form": form, "programme_id": programme.id}
    if form is None:
        context.update(presenters.checkin_result(done, view))
        # O-2: the measurement goes with the check-in; offered once it is answered.
        context["measure_due"] = measurement_due(programme, view.today, view)
    return render(request, "programme/checkin.html", context)
