"""/rugoefening/meting/: the measurements of the walking programme (outcome-measures.md, O-1 … O-5).

HTTP in, HTTP out: services.record_measurement changes, selectors read, the core decides.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from rugtest import words
from rugtest.core import measures
from rugtest.core.errors import InputError

from .. import services
from ..forms import MeasurementForm
from ..measurements import start_activities as _start_activities
from ..models import Measurement
from ..selectors import measurement_due, measurements, plan_for
from .common import add_input_error, programme_or_message
from .common import today as day_today


def _initial(measurement: Measurement | None, later: bool) -> dict:
    """A measurement of today opens the form filled with it (O-2: corrected the same day)."""
    if measurement is None:
        return {}
    initial = {"pain_24h": str(measurement.pain_24h)}
    for i, item in enumerate(measurement.activities, start=1):
        if not later:
            initial[f"activity_{i}"] = item["activity"]
        if item.get("score") is not None:
            initial[f"score_{i}"] = str(item["score"])
    return initial


@login_required
def measure(request):
    """/rugoefening/meting/: the measurement of the moment that is due (O-2), or today's to correct."""
    programme = programme_or_message(request)
    if programme is None:
        return redirect("programme:home")
    today = day_today()
    view = plan_for(programme, today)
    stored = measurements(programme)
    todays = [m for m in stored if m.date == today]
    moment = measurement_due(programme, today, view, stored)
    existing = None
    if moment is None and todays:
        existing = todays[-1]  # O-2: correct today's measurement
        moment = existing.moment
    elif moment is not None:
        existing = next((m for m in todays if m.moment == moment), None)
    if moment is None:
        messages.info(request, _("U hoeft nu geen meting in te vullen. De volgende vraagt de rugoefening zelf."))
        return redirect("programme:history")
    start_activities = _start_activities(stored) if moment != "start" else []
    later = bool(start_activities)
    if request.method == "POST":
        form = MeasurementForm(request.POST, start_activities=start_activities)
        if form.is_valid():
            activities, scores = form.activities_and_scores()
            try:
                saved = services.record_measurement(programme=programme, today=today, moment=moment,
                                                    pain_24h=form.cleaned_data["pain_24h"],
                                                    activities=activities, scores=scores)
            except InputError as error:
                add_input_error(form, error)
            else:
                start = next((m for m in measurements(programme) if m.moment == "start"), None)
                # O-4: a pain rise of 2 or more over the start asks the W-9 pain_worsening question.
                if view.state != "stopped" and measures.asks_pain_worsening(
                        saved.moment, saved.pain_24h, start.pain_24h if start else None):
                    return render(request, "programme/measure_saved.html", {
                        "section": "rugoefening", "saved": saved, "start": start,
                    })
                messages.success(request, _("Uw meting is opgeslagen. U ziet hem bij uw voortgang."))
                if existing is not None and request.POST.get("correcting") == "0":
                    # O-2: one measurement per moment. A new form sent after another tab (or a
                    # Back) saved one today corrects that one, and says so.
                    messages.info(request, _(
                        "U had vandaag al een meting ingevuld. Die is nu vervangen door wat u net invulde."))
                return redirect("programme:history")
    else:
        form = MeasurementForm(initial=_initial(existing, later), start_activities=start_activities)
    return render(request, "programme/measure.html", {
        "section": "rugoefening", "form": form, "moment": moment, "moment_words": words.MEASURE_MOMENTS[moment],
        "later": later, "correcting": existing is not None,
        "activity_rows": _activity_rows(form, later), "questions": words.MEASURE_QUESTIONS,
    })


def _activity_rows(form, later):
    """The activity fields of the form in pairs: (text field or None, score field)."""
    count = len(form.start_activities) if later else measures.ACTIVITIES_MAX
    return [(None if later else form[f"activity_{i}"], form[f"score_{i}"], i) for i in range(1, count + 1)]
