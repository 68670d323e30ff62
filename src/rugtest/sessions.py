"""Django's database sessions, read with one plain query.

Every page of someone with rugtest answers or an account reads the session first. Profiling
those pages (docs/performance.md) showed that building the ORM query for it cost more than
running it, so the read is one plain SQL statement (rugtest.rawsql), and checking the
signature of the same stored session again is skipped: each process keeps the decoded form
of the sessions it has seen, by their stored value. Writing, expiry and everything else stay
Django's own.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.contrib.sessions.backends import db
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.utils import timezone

from rugtest import rawsql


class SessionStore(db.SessionStore):
    def load(self):
        row = rawsql.fetch_one(_query(self.model._meta.db_table),
                               [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())])
        if row is None:
            self._session_key = None  # unknown or expired: a new session, as Django does
            return {}
        return self.decode(row[0])

    def decode(self, session_data):
        # A fresh copy for each request: the session is changed in place.
        return json.loads(_decoded(session_data))


@lru_cache(maxsize=4096)
def _decoded(session_data: str) -> str:
    """The session as JSON, its signature checked once per process for the same stored value
    (Django's own decode: a bad signature gives an empty session and a warning)."""
    return json.dumps(db.SessionStore().decode(session_data))


@lru_cache(maxsize=2)
def _query(table: str) -> str:
    return f"SELECT session_data FROM {connection.ops.quote_name(table)} WHERE session_key = %s AND expire_date > %s"


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_SERIALIZER"):
        _decoded.cache_clear()
