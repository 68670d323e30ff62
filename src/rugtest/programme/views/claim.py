"""/rugoefening/uitslag-in-deze-browser/: a rugtest result found in this browser (W-1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from rugtest.selftest import services as selftest_services

from .. import presenters, visit
from .common import safe_next


@login_required
def claim_result(request):
    """W-1 on a shared browser: "this browser holds a rugtest result; is it yours?"

    Signing in never adds it silently; "yes" keeps it with the account, "no" forgets it in
    this browser so that it is not added later either.
    """
    result = visit.pending_claim(request)
    next_url = safe_next(request)
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
        "section": "rugoefening", "result": result, "result_words": presenters.result_words(result.outcome),
        "next": next_url, "error": request.method == "POST", "new_account": visit.claim_follows_sign_up(request),
    })
