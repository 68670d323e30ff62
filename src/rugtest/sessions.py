"""Django's database sessions, read with one plain query.

Every page of someone with rugtest answers or an account reads the session first. Profiling
those pages (benchmarks/README.md) showed that building the ORM query for it cost more than
running it, so the read is a prepared SQL statement; writing, expiry and everything else
stay Django's own.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # unknown or expired: a new session, as Django does
            return {}
        return self.decode(row[0])
