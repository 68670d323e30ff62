"""Keep the rugtest result a person got before signing up; ask before keeping it on sign-in."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rugtest.selftest import progress as selftest_progress
from rugtest.selftest import services
from rugtest.selftest.models import RugtestResult, answers_digest

from . import visit


@receiver(user_signed_up)
def keep_result_on_sign_up(sender, request, user, **kwargs):
    """A new account keeps the result of this visit: it was taken on the way in (W-1)."""
    result = visit.current(request) if request is not None else None
    if result is not None:
        services.save_result(user=user, answers=result.answers, outcome=result.outcome, run=result.run)


@receiver(user_logged_in)
def ask_before_keeping_result_on_sign_in(sender, request, user, **kwargs):
    """Signing in to an existing account on a shared browser never adds the result of whoever
    used the browser before without asking: the programme pages ask "is this yours?" first."""
    result = visit.current(request) if request is not None else None
    if result is None:
        return
    if RugtestResult.objects.filter(user=user, run=result.run, answers_digest=answers_digest(result.answers)).exists():
        return  # kept already: this person's own sign-up a moment ago, or an earlier answer
    visit.ask_claim(request, result.run)


@receiver(selftest_progress.result_shown)
def keep_result_of_signed_in_user(sender, request, answers, outcome, run, **kwargs):
    visit.mark_shown(request, run)
    if request.user.is_authenticated:
        pending = request.session.get(visit.CLAIM_KEY)
        if pending == run:
            return  # the question "is this yours?" is still open
        services.save_result(user=request.user, answers=answers, outcome=outcome, run=run)
