"""The only code that makes, revokes and removes share links, and notes when one was opened."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from rugtest.privacy import tokens

from .models import DAYS_MAX, DAYS_MIN, LABEL_MAX_CHARS, ShareLink

# Sending the same form again within this time (a double tap, the browser's "send again")
# gives the link it made a fresh token to show, instead of a second link.
REPEAT_WINDOW = dt.timedelta(minutes=10)
# "Last opened" is written at most once a minute per link: opening is a read, kept cheap.
OPENED_EVERY = dt.timedelta(minutes=1)
# `rugtest purge` removes a link this long after it ended or was revoked (docs/data-rights.md):
# until then the person still sees it in their list, marked as ended.
KEEP_DAYS_AFTER_END = 30
# Links that work at the same time, per person: one per care giver is a handful; a script
# making links without end is stopped here.
MAX_ACTIVE_LINKS = 20


class FormAlreadyUsed(Exception):
    """The form that made a link came back after REPEAT_WINDOW, or after the link was revoked."""


class TooManyLinks(Exception):
    """MAX_ACTIVE_LINKS links of the person work already."""


def make_link(*, user, days: int, form_key: str, label: str = "", name: str = "",
              now: dt.datetime | None = None) -> tuple[ShareLink, str]:
    """A new link valid ``days`` days from now, and its token (shown once, never stored);
    TooManyLinks when MAX_ACTIVE_LINKS of the person's links work already.

    The same ``form_key`` again within REPEAT_WINDOW makes no second link: the link it made
    gets a new token, which is returned (the first answer never reached the person's screen)."""
    if not DAYS_MIN <= days <= DAYS_MAX:
        raise ValueError(f"days must be {DAYS_MIN} to {DAYS_MAX}")
    if len(label) > LABEL_MAX_CHARS or not form_key:
        raise ValueError("label too long or form key missing")
    now = now or timezone.now()
    token = tokens.new_token()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                link = _made_by_form(user, form_key)
                if link is not None:
                    if link.revoked_at is not None or now - link.created_at > REPEAT_WINDOW:
                        raise FormAlreadyUsed
                    link.token_hash = tokens.token_hash(token)
                    link.save(update_fields=["token_hash"])
                    return link, token
                if ShareLink.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now).count() >= MAX_ACTIVE_LINKS:
                    raise TooManyLinks
                link = ShareLink.objects.create(
                    user=user, token_hash=tokens.token_hash(token), label=label, name=name, form_key=form_key,
                    created_at=now, expires_at=now + dt.timedelta(days=days),
                )
                return link, token
        except IntegrityError:
            # The same form twice at the same moment: the other request made the link; the
            # next attempt finds it.
            continue
    raise FormAlreadyUsed


def _made_by_form(user, form_key: str) -> ShareLink | None:
    return ShareLink.objects.select_for_update().filter(user=user, form_key=form_key).first()


def revoke_link(*, link: ShareLink, now: dt.datetime | None = None) -> None:
    """The link answers 404 from now on. Revoking it again changes nothing."""
    ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now(), token_hash=None)


def note_opened(*, link: ShareLink, now: dt.datetime | None = None) -> None:
    """Remember when the link was last opened: one conditional write at most once a minute."""
    now = now or timezone.now()
    ShareLink.objects.filter(pk=link.pk).filter(
        Q(last_opened_at__isnull=True) | Q(last_opened_at__lte=now - OPENED_EVERY)
    ).update(last_opened_at=now)


def purge_links(*, now: dt.datetime | None = None) -> int:
    """Remove the links that ended or were revoked more than KEEP_DAYS_AFTER_END days ago."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS_AFTER_END)
    deleted, _ = ShareLink.objects.filter(Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff)).delete()
    return deleted
