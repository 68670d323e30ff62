"""The same walk logged from two devices at the same moment gives one entry, no error."""

import threading

import pytest
from django.db import connection, connections

from factories import make_programme, make_user
from rugtest.programme import services
from rugtest.programme.models import WalkEntry


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers; run on PostgreSQL (make test-db)")
def test_two_devices_logging_the_same_walk_at_once_keep_one_entry():
    programme = make_programme(make_user())
    barrier = threading.Barrier(4)
    errors = []

    def log(minutes):
        try:
            barrier.wait()
            services.record_walk(programme=programme, today=programme.start, date=programme.start,
                                 part="evening", minutes=minutes)
        except Exception as error:  # noqa: BLE001 - any error is the failure we look for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(m,)) for m in (10, 11, 12, 13)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert WalkEntry.objects.filter(programme=programme).count() == 1
    assert WalkEntry.objects.get(programme=programme).minutes in (10, 11, 12, 13)
