"""The rugtest result of this visit (the session) as the programme pages see it.

The rugtest keeps its answers in the session (rugtest.selftest.progress). Before signing in,
that result is the person's way into the programme (W-1). On a shared browser it may be
someone else's: signing up, and signing in to an existing account, ask before keeping it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from rugtest.selftest import progress as selftest_progress

SEEN_KEY = "programme_result_seen"  # {"run": ..., "at": ISO time the result was first shown}
CLAIM_KEY = "programme_result_claim"  # the run whose result waits for "is this yours?"
NEW_ACCOUNT_KEY = "programme_result_claim_new_account"  # the id of the account just made here


@dataclass
class VisitResult:
    answers: dict
    outcome: dict
    run: str
    shown_at: datetime | None

    @property
    def programme(self) -> str:
        return self.outcome["programme"]


def current(request) -> VisitResult | None:
    """The finished rugtest of this browser session, or None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    progress = selftest_progress.load(session)
    outcome = progress.outcome() if progress.started else None
    if outcome is None:
        return None
    seen = session.get(SEEN_KEY) or {}
    same_run = isinstance(seen, dict) and seen.get("run") == progress.run and isinstance(seen.get("at"), str)
    shown_at = parse_datetime(seen["at"]) if same_run else None
    return VisitResult(answers=progress.answers, outcome=outcome, run=progress.run, shown_at=shown_at)


def mark_shown(request, run: str) -> None:
    """Remember when this taking's result was first shown (the date the claim question names)."""
    seen = request.session.get(SEEN_KEY) or {}
    if not isinstance(seen, dict) or seen.get("run") != run:
        request.session[SEEN_KEY] = {"run": run, "at": timezone.now().isoformat()}


def pending_claim(request) -> VisitResult | None:
    """The session result that waits for "is this yours?", or None (and a stale mark is dropped)."""
    run = request.session.get(CLAIM_KEY)
    if not run:
        return None
    result = current(request)
    if result is None or result.run != run:
        request.session.pop(CLAIM_KEY, None)
        request.session.pop(NEW_ACCOUNT_KEY, None)
        return None
    return result


def ask_claim(request, run: str, *, new_account=None) -> None:
    """Ask "is this yours?" before keeping the result of ``run``; ``new_account``: the user
    who just made an account in this browser."""
    request.session[CLAIM_KEY] = run
    if new_account is not None:
        request.session[NEW_ACCOUNT_KEY] = str(new_account.pk)


def claim_follows_sign_up(request) -> bool:
    """Whether the open question comes right after the signed-in person made their account
    here (its words say so); not when someone else signed in since."""
    return request.session.get(NEW_ACCOUNT_KEY) == str(request.user.pk)


def settle_claim(request, *, keep: bool) -> None:
    """The answer is in: forget the question; "not mine" also forgets the result itself."""
    request.session.pop(CLAIM_KEY, None)
    request.session.pop(NEW_ACCOUNT_KEY, None)
    if not keep:
        selftest_progress.clear(request.session)
        request.session.pop(SEEN_KEY, None)
