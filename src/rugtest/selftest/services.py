"""Services: the only code that stores a person's rugtest results."""

from __future__ import annotations

from django.utils import timezone

from .models import RugtestResult, answers_digest
from .selectors import latest_result


def save_result(*, user, answers: dict, outcome: dict, run: str) -> RugtestResult:
    """Keep a rugtest outcome for ``user``; ``run`` names the taking of the rugtest.

    Showing the same result again (a reload, signing in, many requests at once) keeps it
    once: the database holds one row per person, taking and answers, and Django's
    ``get_or_create`` turns a second insert that loses the race into a read of the first.
    Taking the test again is a new result even with the same answers (W-1: a new rugtest
    after a stop); so is a changed answer within the same taking. Changing it back makes
    the earlier result of that taking the person's current one again.
    """
    if not run:
        raise ValueError("a result is kept per taking of the rugtest: run must not be empty")
    digest = answers_digest(answers)
    latest = latest_result(user)
    if latest is not None and (latest.run, latest.answers_digest) == (run, digest):
        return latest  # a reload: one read
    result, created = RugtestResult.objects.get_or_create(
        user=user, run=run, answers_digest=digest, defaults={"answers": answers, "outcome": outcome},
    )
    if not created and result != latest:
        result.created_at = timezone.now()
        result.save(update_fields=["created_at"])
    return result
