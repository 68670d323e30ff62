"""The database settings: SQLite waits for a busy database instead of failing, PostgreSQL
keeps its connections (docs/production.md)."""

import threading

import dj_database_url
import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

ALIAS = "sqlite_concurrency"


def _sqlite(path):
    config = dj_database_url.parse(f"sqlite:///{path}")
    config["OPTIONS"] = dict(settings.SQLITE_OPTIONS)
    config.update({"TIME_ZONE": None, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True,
                   "ATOMIC_REQUESTS": False, "TEST": {}})
    return DatabaseWrapper(config, alias=ALIAS)


@pytest.fixture(autouse=True)
def _own_database(django_db_blocker):
    # These tests open their own SQLite files, not the test database.
    with django_db_blocker.unblock():
        yield


def test_sqlite_file_is_in_wal_mode_with_full_sync_and_a_busy_timeout(tmp_path):
    connection = _sqlite(tmp_path / "db.sqlite3")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == int(settings.SQLITE_TIMEOUT * 1000)
    connection.close()


def test_sqlite_writers_that_read_first_wait_for_each_other_instead_of_failing(tmp_path):
    """The pattern of every save here (read, then write, in one transaction) from 8 threads
    at once. With SQLite's default deferred transactions most of them fail at once with
    "database is locked"; with BEGIN IMMEDIATE and the busy timeout every one succeeds."""
    path = tmp_path / "db.sqlite3"
    setup = _sqlite(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    writers, rounds = 8, 15
    barrier = threading.Barrier(writers)
    errors = []

    def work():
        connections[ALIAS] = _sqlite(path)  # this thread's own connection
        try:
            barrier.wait()
            for _ in range(rounds):
                with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (n,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:  # noqa: BLE001 - any error is the failure we look for
            errors.append(repr(error))
        finally:
            connections[ALIAS].close()

    threads = [threading.Thread(target=work) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = _sqlite(path)
    with check.cursor() as cursor:
        assert cursor.execute("SELECT n FROM counter").fetchone()[0] == writers * rounds
    check.close()


def test_postgresql_keeps_checked_connections_and_gets_no_sqlite_options(monkeypatch):
    from rugtest import settings as project_settings

    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.invalid:5432/rugtest")
    database = project_settings._database()
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in database.get("OPTIONS", {})


def test_sqlite_from_database_url_gets_the_waiting_options_too(monkeypatch, tmp_path):
    from rugtest import settings as project_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert project_settings._database()["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
