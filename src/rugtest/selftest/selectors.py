"""Selectors: read a person's stored rugtest results. They change nothing."""

from __future__ import annotations

from .models import RugtestResult


def latest_result(user) -> RugtestResult | None:
    """The person's most recent rugtest result, or None; ``user`` may also be their id."""
    return RugtestResult.objects.filter(user=user).first()
