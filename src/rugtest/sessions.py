"""Django's database sessions, read and written with one plain query each.

Every page of someone with rugtest answers or an account reads the session first, and every
answered rugtest page writes it. Profiling those pages (docs/performance.md) showed that
building the ORM query cost more than running it, so the read and the update of an existing
session are one plain SQL statement each (rugtest.rawsql), and checking the signature of the
same stored session again is skipped: each process keeps the decoded form of the sessions it
has seen, by their stored value. Creating a session, its encoding, expiry and everything
else stay Django's own.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.core.signals import setting_changed
from django.db import DatabaseError, connection
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

    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create)
        data = self.encode(self._get_session())
        ops = connection.ops
        try:
            changed = rawsql.execute(_update(self.model._meta.db_table),
                                     [data, ops.adapt_datetimefield_value(self.get_expiry_date()), self.session_key])
        except DatabaseError as error:
            # The database refused: Django's own answer, raised from the database's error as
            # Django's does, so that an unreachable database is told apart (rugtest.views).
            raise UpdateError from error
        if changed != 1:
            # Gone in the meantime (signed out elsewhere, expired and purged).
            raise UpdateError

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


@lru_cache(maxsize=2)
def _update(table: str) -> str:
    quote = connection.ops.quote_name
    return (f"UPDATE {quote(table)} SET {quote('session_data')} = %s, {quote('expire_date')} = %s "
            f"WHERE {quote('session_key')} = %s")


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_SERIALIZER"):
        _decoded.cache_clear()
