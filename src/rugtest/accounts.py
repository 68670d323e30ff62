"""Accounts (django-allauth) as Rugtest needs them.

An account here says that someone has back pain, so sign-up must not tell whether an
address already has one: allauth then sends a mail instead of making the account and shows
the same page (ACCOUNT_PREVENT_ENUMERATION). ``SignupForm`` also makes that answer take the
same time, by hashing the password as a new account would. ``AccountAdapter`` gives
allauth's rate limits the real client address behind a proxy (rugtest.security.client_ip),
and lets a ``next`` address lead only to a page of this site.
The two authentication backends are Django's and allauth's, with a cheaper read of the
signed-in user. ``rate_limit_retry_after`` gives allauth's 429 page a truthful Retry-After.
"""

import math
import re
from functools import lru_cache

from allauth.account import auth_backends as allauth_backends
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth import backends as auth_backends
from django.contrib.auth import get_user_model
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import connection

from rugtest import rawsql
from rugtest.security import client_ip, is_local_path


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The work a new account costs (Argon2 takes most of the time), thrown away.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        return client_ip(request)

    def is_safe_url(self, url):
        # Only a path on this site: "x" or "23:59:60" would be sent on as a relative address.
        return is_local_path(url)


def _signed_in_user(backend, user_id):
    """The user of a session, read with one plain query instead of building an ORM query on
    every request of a signed-in person (that was most of the cost of such a request in the
    profile, benchmarks/README.md). The same checks as Django's ``get_user`` follow."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    sql, fields = _user_query(connection.vendor)
    row = rawsql.fetch_one(sql, [pk])
    if row is None:
        return None
    values = []
    for value, (col, converters) in zip(row, fields):
        for convert in converters:
            value = convert(value, col, connection)
        values.append(value)
    user = model.from_db(connection.alias, [col.target.attname for col, _ in fields], values)
    return user if backend.user_can_authenticate(user) else None


@lru_cache(maxsize=4)
def _user_query(vendor: str):
    """The SQL and, per column, the converters the ORM would apply (dates on SQLite)."""
    model = get_user_model()
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = []
    for field in model._meta.concrete_fields:
        col = field.get_col(table)
        fields.append((col, [*connection.ops.get_db_converters(col), *field.get_db_converters(connection)]))
    columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields)
    return f"SELECT {columns} FROM {quote(table)} WHERE {quote(model._meta.pk.column)} = %s", fields


class ModelBackend(auth_backends.ModelBackend):
    def get_user(self, user_id):
        return _signed_in_user(self, user_id)


class AuthenticationBackend(allauth_backends.AuthenticationBackend):
    """allauth's backend (sign-in by e-mail address), reading the session's user as above."""

    def get_user(self, user_id):
        return _signed_in_user(self, user_id)


# allauth's limit windows: "m", "300s", "1/10s/key" … (ACCOUNT_RATE_LIMITS).
_WINDOW = re.compile(r"(\d*(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_limit_retry_after() -> int:
    """The seconds after which every limit of ACCOUNT_RATE_LIMITS has room again: the longest
    window among them. Each limit counts the attempts of its last window, so once that much
    time has passed without a new attempt, none of them refuses (the Retry-After of the 429
    page allauth shows past a limit)."""
    longest = 1
    for rates in (settings.ACCOUNT_RATE_LIMITS or {}).values():
        for rate in str(rates or "").split(","):
            parts = rate.strip().split("/")
            window = _WINDOW.fullmatch(parts[1]) if len(parts) >= 2 else None
            if window:
                longest = max(longest, math.ceil(float(window.group(1) or 1) * _UNIT_SECONDS[window.group(2)]))
    return longest
