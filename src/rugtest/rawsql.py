"""Plain SQL for the few queries every signed-in or rugtest page makes.

The session, the signed-in user and the programme's version are read on nearly every
request, and every answered rugtest page writes the session. In the profile
(docs/performance.md), Django's cursor wrapper around such a query (its checks, its error
translation layer and, on SQLite, rewriting the placeholders with a regular expression on
every call) took three to four times as long as the query itself. So
these queries go to the database driver's own cursor, with Django's error translation and
its check for a broken transaction kept.

When queries are being logged (RUGTEST_DEBUG, or a test that counts queries) they go through
Django's cursor as any other query, so that they are counted and shown.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections

@lru_cache(maxsize=64)
def _qmark(sql: str) -> str:
    """SQL with Django's %s placeholders in SQLite's ? style (no literal % in these queries)."""
    return sql.replace("%s", "?")


def _run(sql: str, params, fetch):
    connection = connections[DEFAULT_DB_ALIAS]
    connection.validate_no_broken_transaction()  # as Django's cursor does before each query
    if connection.queries_logged:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return fetch(cursor)
    connection.close_if_health_check_failed()  # as Django's cursor() does first
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.vendor == "sqlite":
            cursor = connection.connection.cursor()
            sql = _qmark(sql)
        else:
            cursor = connection.create_cursor()
        try:
            cursor.execute(sql, params)
            return fetch(cursor)
        finally:
            cursor.close()


def fetch_one(sql: str, params) -> tuple | None:
    """The first row of a read-only query, or None."""
    return _run(sql, params, lambda cursor: cursor.fetchone())


def fetch_all(sql: str, params) -> list[tuple]:
    """Every row of a read-only query."""
    return _run(sql, params, lambda cursor: cursor.fetchall())


def execute(sql: str, params) -> int:
    """Run one statement that changes rows; the number of rows it changed. Outside a
    transaction it is committed at once (Django's connections are in autocommit mode); inside
    ``transaction.atomic`` it is part of that transaction."""
    return _run(sql, params, lambda cursor: cursor.rowcount)
