"""rugtest/rawsql.py: the driver's cursor for a few hot reads, Django's when queries are logged."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from factories import make_user
from rugtest import rawsql

pytestmark = pytest.mark.django_db

SQL = "SELECT id, email, is_active FROM auth_user WHERE email = %s OR email = %s ORDER BY id"


def test_rows_as_django_reads_them_on_this_database():
    anna, ben = make_user("anna@example.org", password=None), make_user("ben@example.org", password=None)
    with connection.cursor() as cursor:
        cursor.execute(SQL, ["anna@example.org", "ben@example.org"])
        expected = cursor.fetchall()
    assert [tuple(row) for row in expected] == [(anna.id, anna.email, True), (ben.id, ben.email, True)]
    assert [tuple(r) for r in rawsql.fetch_all(SQL, ["anna@example.org", "ben@example.org"])] == expected
    assert tuple(rawsql.fetch_one(SQL, ["ben@example.org", "nobody"])) == expected[1]
    assert rawsql.fetch_one(SQL, ["nobody", "nobody"]) is None


def test_counted_when_queries_are_counted():
    make_user(password=None)
    with CaptureQueriesContext(connection) as queries:
        rawsql.fetch_one(SQL, ["anna@example.org", "x"])
        rawsql.fetch_all(SQL, ["anna@example.org", "x"])
    assert len(queries.captured_queries) == 2
    assert all("auth_user" in q["sql"] for q in queries.captured_queries)


def test_a_database_error_is_djangos_error():
    with pytest.raises(DatabaseError):
        rawsql.fetch_one("SELECT no_such_column FROM auth_user WHERE id = %s", [1])


def test_a_change_returns_the_rows_changed_and_is_seen_by_django():
    anna, ben = make_user("anna@example.org", password=None), make_user("ben@example.org", password=None)
    changed = rawsql.execute("UPDATE auth_user SET first_name = %s WHERE email = %s", ["Anna", "anna@example.org"])
    assert changed == 1
    anna.refresh_from_db(), ben.refresh_from_db()
    assert (anna.first_name, ben.first_name) == ("Anna", "")
    assert rawsql.execute("UPDATE auth_user SET first_name = %s WHERE email = %s", ["X", "nobody"]) == 0


def test_a_change_inside_a_broken_transaction_is_refused_as_django_refuses_it():
    make_user("anna@example.org", password=None)
    with transaction.atomic():
        try:
            with transaction.atomic(savepoint=False):
                rawsql.fetch_one("SELECT no_such_column FROM auth_user WHERE id = %s", [1])
        except DatabaseError:
            pass
        with pytest.raises(TransactionManagementError):
            rawsql.execute("UPDATE auth_user SET first_name = %s WHERE email = %s", ["Anna", "anna@example.org"])
        with pytest.raises(TransactionManagementError), connection.cursor() as cursor:
            cursor.execute("UPDATE auth_user SET first_name = %s WHERE email = %s", ["Anna", "anna@example.org"])
