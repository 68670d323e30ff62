"""Ask before keeping the rugtest result a browser holds with an account, on sign-up and sign-in."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rugtest.selftest import progress as selftest_progress
from rugtest.selftest import services
from rugtest.selftest.models import RugtestResult, answers_digest

from . import visit


@receiver(user_signed_up)
def ask_before_keeping_result_on_sign_up(sender, request, user, **kwargs):
    """A new account on a shared browser never takes the result of whoever used the browser
    before without asking: usually the person's own, taken on the way in (W-1), but the
    programme pages ask "is this yours?" first, as after signing in."""
    result = visit.current(request) if request is not None else None
    if result is not None:
        visit.ask_claim(request, result.run, new_account=user)


@receiver(user_logged_in)
def ask_before_keeping_result_on_sign_in(sender, request, user, **kwargs):
    """Signing in to an existing account on a shared browser never adds the result of whoever
    used the browser before without asking: the programme pages ask "is this yours?" first."""
    result = visit.current(request) if request is not None else None
    if result is None:
        return
    if RugtestResult.objects.filter(user=user, run=result.run, answers_digest=answers_digest(result.answers)).exists():
        return  # kept already with this account: nothing to ask
    visit.ask_claim(request, result.run)


@receiver(selftest_progress.result_shown)
def keep_result_of_signed_in_user(sender, request, answers, outcome, run, **kwargs):
    visit.mark_shown(request, run)
    if request.user.is_authenticated:
        pending = request.session.get(visit.CLAIM_KEY)
        if pending == run:
            return  # the question "is this yours?" is still open
        services.save_result(user=request.user, answers=answers, outcome=outcome, run=run)
