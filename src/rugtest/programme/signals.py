"""Keep the rugtest result a person got before signing in or up."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from rugtest.selftest import progress as selftest_progress

from . import services


@receiver(user_logged_in)
@receiver(user_signed_up)
def keep_session_result(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    progress = selftest_progress.load(request.session)
    outcome = progress.outcome() if progress.started else None
    if outcome is not None:
        services.save_result(user=user, answers=progress.answers, outcome=outcome, run=progress.run)


@receiver(selftest_progress.result_shown)
def keep_result_of_signed_in_user(sender, request, answers, outcome, run, **kwargs):
    if request.user.is_authenticated:
        services.save_result(user=request.user, answers=answers, outcome=outcome, run=run)
