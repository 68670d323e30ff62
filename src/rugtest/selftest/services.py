"""Services: the only code that stores a person's rugtest results."""

from __future__ import annotations

from .models import RugtestResult
from .selectors import latest_result


def save_result(*, user, answers: dict, outcome: dict, run: str = "") -> RugtestResult:
    """Keep a rugtest outcome for ``user``.

    Showing the same result again (a reload, signing in) keeps it once; taking the test
    again is a new result even with the same answers (W-1: a new rugtest after a stop).
    """
    latest = latest_result(user)
    if latest is not None and latest.answers == answers and latest.run == run:
        return latest
    return RugtestResult.objects.create(user=user, answers=answers, outcome=outcome, run=run)
