"""The only code that creates calendar links, erases accounts and removes expired data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from rugtest.programme import plans
from rugtest.sharing import services as sharing_services

from . import tokens
from .models import CalendarLink

# Retention (the privacy page states these; docs/data-rights.md):
# - a session (rugtest answers without an account, sign-in) ends SESSION_COOKIE_AGE after its
#   last change and is removed by `rugtest purge` once expired;
# - an account whose e-mail address was never confirmed cannot be used, and is erased with
#   everything it holds after (D-6; /privacy/ says so):
UNCONFIRMED_ACCOUNT_DAYS = 7


# --- The calendar link ------------------------------------------------------------------------


def calendar_link(user) -> CalendarLink:
    link, _ = CalendarLink.objects.get_or_create(user=user)
    return link


def new_calendar_token(*, user) -> str:
    """Create or renew the link: the old token stops at once. Returns the new token (shown once)."""
    token = tokens.new_token()
    with transaction.atomic():
        link, _ = CalendarLink.objects.select_for_update().get_or_create(user=user)
        link.token_hash = tokens.token_hash(token)
        link.token_created_at = timezone.now()
        link.save()
    return token


def revoke_calendar_token(*, user) -> None:
    CalendarLink.objects.filter(user=user).update(token_hash="", token_created_at=None, updated_at=timezone.now())


def set_walk_times(*, user, morning: dt.time, afternoon: dt.time, evening: dt.time) -> CalendarLink:
    link = calendar_link(user)
    link.morning, link.afternoon, link.evening = morning, afternoon, evening
    link.save(update_fields=["morning", "afternoon", "evening", "updated_at"])
    return link


def link_for_token(token: str) -> CalendarLink | None:
    """The active link of ``token``, or None. Looked up by hash, confirmed in constant time."""
    if not tokens.well_formed(token):
        return None
    link = (
        CalendarLink.objects.filter(token_hash=tokens.token_hash(token), user__is_active=True)
        .select_related("user").first()
    )
    if link is None or not tokens.matches(token, link.token_hash):
        return None
    return link


# --- Erasure ----------------------------------------------------------------------------------


def session_keys_of(user_ids) -> dict[str, list[str]]:
    """The stored sessions (expired ones included) signed in as each of ``user_ids``."""
    wanted = {str(pk): [] for pk in user_ids}
    if wanted:
        for session in Session.objects.only("session_key", "session_data").iterator(chunk_size=500):
            user_id = str(session.get_decoded().get("_auth_user_id", ""))  # {} when unreadable
            if user_id in wanted:
                wanted[user_id].append(session.session_key)
    return wanted


def delete_account(*, user) -> None:
    """Erase the person: the account and, through the foreign keys, every row that refers to
    it (results, programmes, walks, e-mail addresses, calendar link, share links: each of
    those answers 404 at once), their sessions and what the cache keeps of them (their
    computed plan)."""
    keys = session_keys_of([user.pk])[str(user.pk)]
    pk = user.pk
    with transaction.atomic():
        Session.objects.filter(session_key__in=keys).delete()
        user.delete()
        transaction.on_commit(lambda: plans.forget(pk))


# --- Retention: `rugtest purge` ---------------------------------------------------------------


@dataclass
class PurgeCounts:
    sessions: int = 0
    unconfirmed_accounts: int = 0
    cache_entries: int = 0
    share_links: int = 0


def purge(*, now: dt.datetime | None = None) -> PurgeCounts:
    """Remove what the retention rules say has expired. Safe to run at any time, repeatedly and
    beside the running site: each step is one statement (or one account) in a transaction."""
    now = now or timezone.now()
    counts = PurgeCounts()
    counts.sessions, _ = Session.objects.filter(expire_date__lt=now).delete()

    cutoff = now - dt.timedelta(days=UNCONFIRMED_ACCOUNT_DAYS)
    User = get_user_model()
    candidates = (
        User.objects.filter(date_joined__lt=cutoff, is_staff=False, is_superuser=False)
        .exclude(emailaddress__verified=True).values_list("pk", flat=True)
    )
    pks = list(candidates)
    sessions = session_keys_of(pks)
    for pk in pks:
        with transaction.atomic():
            # Checked again in the statement: an address confirmed meanwhile keeps the account.
            deleted, _ = User.objects.filter(pk=pk).exclude(emailaddress__verified=True).delete()
            if deleted:
                Session.objects.filter(session_key__in=sessions[str(pk)]).delete()
                counts.unconfirmed_accounts += 1

    counts.cache_entries = _purge_cache(now)
    counts.share_links = sharing_services.purge_links(now=now)
    return counts


def _purge_cache(now: dt.datetime) -> int:
    """Expired rows of the database cache (sign-in attempt counters, computed plans)."""
    if not isinstance(caches["default"], DatabaseCache):
        return 0
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [connection.ops.adapt_datetimefield_value(now)])
        return max(cursor.rowcount, 0)
