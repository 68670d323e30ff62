"""Read share links; they change nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rugtest.privacy import tokens

from .models import ShareLink


def links_of(user) -> list[ShareLink]:
    """Every link of ``user``, newest first: active, ended and revoked (until purged)."""
    return list(ShareLink.objects.filter(user=user))


def link_of(user, link_id: int) -> ShareLink | None:
    """A link of ``user``'s own; someone else's id gives None (a 404 for the view)."""
    return ShareLink.objects.filter(pk=link_id, user=user).first()


def link_for_token(token: str, now: dt.datetime | None = None) -> ShareLink | None:
    """The active link of ``token``, or None for a token that is unknown, ended or revoked
    (one answer for all three). Looked up by its hash: an index lookup of a SHA-256 of 256
    random bits tells an attacker nothing a comparison in constant time would hide."""
    if not tokens.well_formed(token):
        return None
    now = now or timezone.now()
    return (
        ShareLink.objects.filter(token_hash=tokens.token_hash(token), revoked_at__isnull=True, expires_at__gt=now,
                                 user__is_active=True)
        .select_related("user").first()
    )
