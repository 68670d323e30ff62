"""Retention: `rugtest purge` removes exactly what has expired, and nothing else."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from rugtest.privacy import services
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db


def anonymous_answers_session(expired: bool) -> str:
    """A session as the rugtest leaves it: the answers of someone without an account."""
    store = SessionStore()
    store["rugtest"] = {"answers": {"age": 47, "fever": "no"}, "done": ["1"], "run": "x"}
    store.create()
    if expired:
        Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    return store.session_key


def account(email, *, days_old, verified, staff=False):
    User = get_user_model()
    user = User.objects.create_user(username=email.split("@")[0], email=email, password=None, is_staff=staff)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - dt.timedelta(days=days_old))
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    RugtestResult.objects.create(user=user, answers={"age": 50}, outcome={"level": "selfcare"})
    return user


def expire_cache_key(key):
    table = connection.ops.quote_name("rugtest_cache")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s WHERE cache_key LIKE %s",
                       [connection.ops.adapt_datetimefield_value(timezone.now() - dt.timedelta(minutes=1)),
                        f"%{key}"])


def run_purge() -> str:
    out = io.StringIO()
    call_command("purge", stdout=out)
    return out.getvalue()


def test_purge_removes_exactly_the_expired_part():
    cache.clear()
    expired = [anonymous_answers_session(expired=True) for _ in range(3)]
    live = [anonymous_answers_session(expired=False) for _ in range(2)]
    days = services.UNCONFIRMED_ACCOUNT_DAYS
    never_confirmed = account("gone@example.org", days_old=days + 1, verified=False)
    # The unconfirmed account's own session goes with it.
    client = Client()
    client.force_login(never_confirmed)
    recent_unconfirmed = account("new@example.org", days_old=days - 1, verified=False)
    old_confirmed = account("kept@example.org", days_old=400, verified=True)
    staff = account("admin@example.org", days_old=400, verified=False, staff=True)
    cache.set("counter-old", 1, 3600)
    expire_cache_key("counter-old")
    cache.set("counter-live", 1, 3600)

    output = run_purge()

    assert output.splitlines() == [
        "expired sessions removed: 3",
        "unconfirmed accounts removed: 1",
        "expired cache entries removed: 1",
        "ended share links removed: 0",
    ]
    remaining = set(Session.objects.values_list("session_key", flat=True))
    assert not remaining & set(expired)
    assert set(live) <= remaining
    assert client.session.session_key not in remaining
    users = set(get_user_model().objects.values_list("email", flat=True))
    assert users == {recent_unconfirmed.email, old_confirmed.email, staff.email}
    assert not RugtestResult.objects.filter(user_id=never_confirmed.pk).exists()
    assert RugtestResult.objects.count() == 3
    assert cache.get("counter-live") == 1
    table = connection.ops.quote_name("rugtest_cache")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] == 1

    # Again: nothing left to remove, nothing else touched.
    assert run_purge().splitlines() == [
        "expired sessions removed: 0",
        "unconfirmed accounts removed: 0",
        "expired cache entries removed: 0",
        "ended share links removed: 0",
    ]
    assert set(live) <= set(Session.objects.values_list("session_key", flat=True))


def test_a_session_in_use_survives_and_the_rugtest_goes_on(client):
    client.get("/rugtest/stap/1/")
    client.post("/rugtest/stap/1/", {"age": "47"})
    key = client.session.session_key
    assert key and Session.objects.filter(pk=key).exists()
    run_purge()
    assert Session.objects.filter(pk=key).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers; run on PostgreSQL (make test-db)")
def test_purges_at_the_same_moment_do_not_fail():
    for _ in range(20):
        anonymous_answers_session(expired=True)
    live = anonymous_answers_session(expired=False)
    barrier = threading.Barrier(3)
    errors = []

    def purge():
        try:
            barrier.wait()
            services.purge()
        except Exception as error:  # noqa: BLE001 - any error is the failure we look for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=purge) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
