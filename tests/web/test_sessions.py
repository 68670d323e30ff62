"""rugtest/sessions.py: Django's database sessions, read and updated with one plain query."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rugtest.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_an_update_is_read_back_by_djangos_own_store_with_a_new_expiry():
    store = SessionStore()
    store["rugtest"] = {"answers": {"age": 45}}
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + dt.timedelta(minutes=5))

    again = SessionStore(store.session_key)
    again["rugtest"] = {"answers": {"age": 46, "pain_score": 7}}
    again.save()

    assert DjangoStore(store.session_key).load() == {"rugtest": {"answers": {"age": 46, "pain_score": 7}}}
    row = Session.objects.get(session_key=store.session_key)
    assert row.expire_date > timezone.now() + dt.timedelta(hours=23)  # SESSION_COOKIE_AGE is a day
    assert Session.objects.count() == 1


def test_an_update_is_one_statement():
    store = SessionStore()
    store.create()
    store["x"] = 1
    with CaptureQueriesContext(connection) as queries:
        store.save()
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]


def test_a_session_removed_in_the_meantime_is_djangos_failed_update():
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).delete()
    store["x"] = 1
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()  # not made again behind the person's back


def test_a_refused_update_is_djangos_failed_update(monkeypatch):
    store = SessionStore()
    store.create()
    store["x"] = 1

    def refuse(sql, params):
        raise DatabaseError("database is locked")

    monkeypatch.setattr("rugtest.rawsql.execute", refuse)
    with pytest.raises(UpdateError):
        store.save()


def test_a_new_session_is_made_as_django_makes_it():
    store = SessionStore()
    store["x"] = 1
    store.save()  # no key yet: created
    assert DjangoStore(store.session_key).load() == {"x": 1}
    with pytest.raises(CreateError):
        with transaction.atomic():
            SessionStore(store.session_key).save(must_create=True)  # the key exists: Django refuses
