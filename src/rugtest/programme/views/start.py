"""/rugoefening/beginnen/: beginning the walking programme (W-1, W-2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugtest.core.errors import InputError
from rugtest.core.programme import needs_gp_agreement
from rugtest.selftest.selectors import latest_result

from .. import presenters, services
from ..forms import StartForm
from ..selectors import can_start, current_programme
from .common import add_input_error, claim_redirect, today


@login_required
def start(request):
    claim = claim_redirect(request)
    if claim:
        return claim
    day = today()
    allowed, reason = can_start(request.user, day)
    if not allowed:
        # "active": a second click on "start", or the start form of a second tab, shows the
        # programme the first one began; a form sent again says that it was not saved.
        if reason != "active":
            messages.info(request, _("U kunt nu geen nieuwe rugoefening beginnen."))
        elif request.method == "POST":
            begun = current_programme(request.user)
            messages.info(request, ngettext(
                "Uw rugoefening was al begonnen, met een begintijd van %(minutes)s minuut. Wat u net nog eens "
                "invulde, is niet opgeslagen. Hieronder ziet u de wandelingen van vandaag.",
                "Uw rugoefening was al begonnen, met een begintijd van %(minutes)s minuten. Wat u net nog eens "
                "invulde, is niet opgeslagen. Hieronder ziet u de wandelingen van vandaag.",
                begun.baseline_minutes) % {"minutes": begun.baseline_minutes})
        return redirect("programme:home")
    result = latest_result(request.user)
    form = StartForm(request.POST if request.method == "POST" else None, needs_gp=needs_gp_agreement(result.programme))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_programme(
                user=request.user, today=day, baseline_method=data["baseline_method"],
                baseline_minutes=data.get("baseline_minutes"),
                test_walks=[data.get(f"test_walk_{i}") for i in (1, 2, 3)],
                gp_agrees=data.get("gp_agrees", False),
            )
        except InputError as error:
            add_input_error(form, error)
        else:
            messages.success(request, _("Uw rugoefening is begonnen. Hieronder ziet u de wandelingen van vandaag."))
            return redirect("programme:home")
    return render(request, "programme/start.html", {
        "section": "rugoefening", "form": form, "result": result,
        "result_words": presenters.result_words(result.outcome),
    })
