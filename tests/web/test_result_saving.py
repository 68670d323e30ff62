"""A signed-in person's rugtest result is stored once per taking and answers: a reload, a
second tab or sixteen requests at the same moment keep one row, and the exports show it once.
Taking the test again, or changing an answer, is a new result (W-1)."""

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

from factories import CASES, make_user
from helpers import walk
from rugtest.core.triage import triage
from rugtest.selftest import services
from rugtest.selftest.models import RugtestResult
from rugtest.selftest.selectors import latest_result

ANSWERS = CASES["E-09"]["answers"]
OUTCOME = triage({"answers": ANSWERS})
CHANGED = {**ANSWERS, "fever": "yes"}
RUN, NEXT_RUN = "a" * 32, "b" * 32
SIXTEEN = 16


@pytest.fixture
def person(db):
    return make_user(password=None)


def save(person, answers=ANSWERS, run=RUN):
    return services.save_result(user=person, answers=answers, outcome=triage({"answers": answers}), run=run)


def test_showing_the_same_result_again_keeps_it_once(person):
    first = save(person)
    assert save(person, answers=dict(reversed(ANSWERS.items()))) == first  # the same answers in another order
    assert RugtestResult.objects.filter(user=person).count() == 1


def test_taking_the_test_again_with_the_same_answers_is_a_new_result_W_1(person):
    first = save(person)
    again = save(person, run=NEXT_RUN)
    assert again != first
    assert latest_result(person) == again


def test_a_changed_answer_within_one_taking_is_a_new_result(person):
    first = save(person)
    changed = save(person, answers=CHANGED)
    assert changed != first
    assert latest_result(person) == changed
    assert latest_result(person).outcome == triage({"answers": CHANGED})


def test_changing_the_answer_back_makes_the_first_result_current_again_without_a_copy(person):
    first = save(person)
    save(person, answers=CHANGED)
    back = save(person)
    assert back == first
    assert latest_result(person) == first
    assert RugtestResult.objects.filter(user=person).count() == 2


def test_a_result_is_kept_per_taking_so_a_missing_run_is_refused(person):
    with pytest.raises(ValueError):
        services.save_result(user=person, answers=ANSWERS, outcome=OUTCOME, run="")
    assert not RugtestResult.objects.exists()


def test_two_loads_of_the_result_page_show_the_result_once_in_both_exports(client, person):
    client.force_login(person)
    walk(client, ANSWERS)
    client.get("/rugtest/uitslag/")
    client.get("/rugtest/uitslag/")
    data = json.loads(client.get("/mijn-gegevens/export.json").content)
    assert [r["answers"] for r in data["rugtest_results"]] == [ANSWERS]
    bundle = json.loads(client.get("/mijn-gegevens/export.fhir.json").content)
    responses = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert len(responses) == 1


# --- At the same moment ---------------------------------------------------------------------------


def _at_once(work):
    """Run ``work`` in SIXTEEN threads released together; the errors they raised."""
    barrier = threading.Barrier(SIXTEEN)
    errors = []

    def run():
        try:
            barrier.wait()
            work()
        except Exception as error:  # noqa: BLE001 - any error is the failure we look for
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(SIXTEEN)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


needs_concurrent_writers = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database has no concurrent writers: "
           "test_sixteen_processes_saving_at_once_on_sqlite_keep_one_result; this one runs on PostgreSQL (make test-db)",
)


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_sixteen_requests_saving_the_same_result_at_once_keep_one_row():
    person = make_user(password=None)
    errors = _at_once(lambda: save(person))
    assert errors == []
    assert RugtestResult.objects.filter(user=person).count() == 1


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_sixteen_loads_of_the_result_page_at_once_keep_one_result():
    person = make_user(password=None)
    browser = Client()
    browser.force_login(person)
    walk(browser, ANSWERS)
    RugtestResult.objects.filter(user=person).delete()  # the result page is about to be loaded at once
    cookies = browser.cookies

    def load():
        tab = Client()
        tab.cookies = cookies
        response = tab.get("/rugtest/uitslag/")
        assert response.status_code == 200, response.status_code

    errors = _at_once(load)
    assert errors == []
    assert RugtestResult.objects.filter(user=person).count() == 1
    assert RugtestResult.objects.get(user=person).answers == ANSWERS


SQLITE_RACE = textwrap.dedent("""
    import multiprocessing, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from rugtest.core.triage import triage
    from rugtest.selftest import services
    from rugtest.selftest.models import RugtestResult
    import json
    answers = json.loads(sys.argv[1])
    person = get_user_model().objects.create(username="anna")
    connections.close_all()
    barrier = multiprocessing.Barrier({n})

    def save(_):
        barrier.wait()
        services.save_result(user=person, answers=answers, outcome=triage({{"answers": answers}}), run="a" * 32)
        connections.close_all()

    with multiprocessing.get_context("fork").Pool({n}) as pool:
        pool.map(save, range({n}))
    print(RugtestResult.objects.filter(user=person).count())
""").format(n=SIXTEEN)


def test_sixteen_processes_saving_at_once_on_sqlite_keep_one_result(tmp_path):
    """SQLite as `make run` uses it: a file, one writer at a time, sixteen processes."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'rugtest.sqlite3'}", "RUGTEST_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "rugtest.settings", "PYTHONPATH": str(Path(__file__).parent.parent)}
    done = subprocess.run([sys.executable, "-c", SQLITE_RACE, json.dumps(ANSWERS)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
