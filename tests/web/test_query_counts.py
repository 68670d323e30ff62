"""No page grows a query per row (issue #12): each page of a signed-in person makes a fixed
number of database queries, the same for a person with 5 logged walks as for one with 200
walks, three check-ins and three rugtest results. The log itself is read only when the plan
must be made again (programme/plans.py).

The numbers are what each page needs to read, listed query by query beside it; a new query
on a page shows here as a failure, to be counted in on purpose or taken out. On PostgreSQL
(`make test-db`) the numbers are the same.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from factories import CASES, form_data, give_result, make_programme, make_user
from helpers import walk, walk_form
from rugtest.core import questions
from rugtest.programme.models import CheckIn, WalkEntry

pytestmark = pytest.mark.django_db

PARTS = ("morning", "afternoon", "evening")
DAY = 70  # the programme began 70 days ago: the plan, the check-in and the charts all have work


def without_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def fill(programme, walks, checkins):
    """``walks`` walks, three a day from the start, and ``checkins`` check-ins from day 21."""
    WalkEntry.objects.bulk_create([
        WalkEntry(programme=programme, date=programme.start + dt.timedelta(days=k // 3), part=PARTS[k % 3],
                  minutes=8 + k // 30, pain_before=4 + k % 3, pain_after=3 + k % 3, painkiller="no" if k % 4 else "",
                  note="rustig" if k % 7 == 0 else "")
        for k in range(walks)
    ])
    CheckIn.objects.bulk_create([
        CheckIn(programme=programme, date=programme.start + dt.timedelta(days=21 + 7 * c), progress="better",
                answers={"fear_of_moving": "no"}, risk_factors=[], support="self")
        for c in range(checkins)
    ])


@pytest.fixture(params=["5 walks", "200 walks"])
def programme(request, client):
    user = make_user(password=None, verified=True)
    many = request.param == "200 walks"
    for _ in range(3 if many else 0):
        give_result(user)  # earlier rugtests
    programme = make_programme(user, days_ago=DAY)
    fill(programme, walks=200 if many else 5, checkins=3 if many else 1)
    assert programme.entries.count() == (200 if many else 5)
    client.force_login(user)
    return programme


# Every signed-in request starts with two: the session and the user it names.
SIGNED_IN = 2
# The plan (programme/plans.py): the programme, its version (one query of aggregates over its
# walks) and the plan kept for that version in the database cache.
PLAN = 3
# When the plan is not kept yet: the walks, read once, and storing the result in Django's
# database cache (the count of rows it keeps, then a savepoint around the lookup and the
# insert or update of the row).
MAKE = 1 + 5
STORE = 5  # storing a part of a page beside the plan, as above


def test_the_programme_page(client, programme, django_assert_num_queries):
    # + the latest rugtest result, the check-ins (support line and W-14) and the "not now"s
    #   (W-14); the plan panel kept beside the plan (read, and stored when it is not kept); the
    #   measurements (O-2: whether a check-in brings one reuses the check-ins read above)
    with django_assert_num_queries(SIGNED_IN + PLAN + MAKE + 3 + 1 + STORE + 1):
        response = client.get("/rugoefening/")
    assert response.status_code == 200 and "minuten per wandeling" in response.content.decode()
    with django_assert_num_queries(SIGNED_IN + PLAN + 3 + 1 + 1):  # nothing changed: plan and panel kept
        again = client.get("/rugoefening/")
    assert without_token(again) == without_token(response)


def test_the_progress_page(client, programme, django_assert_num_queries):
    # The programme is read with its rugtest result (one query); + the charts and tables of
    # the log kept beside the plan, the check-ins and the measurements (O-3), and whether a
    # check-in brings a measurement (O-2: the check-ins and "not now"s).
    with django_assert_num_queries(SIGNED_IN + PLAN + MAKE + 1 + STORE + 1 + 1 + 2):
        response = client.get("/rugoefening/voortgang/")
    assert response.status_code == 200
    assert response.content.decode().count('href="/rugoefening/wandeling/') >= programme.entries.count()
    with django_assert_num_queries(SIGNED_IN + PLAN + 1 + 1 + 1 + 2):  # nothing changed: both kept
        again = client.get("/rugoefening/voortgang/")
    assert again.content.decode().count('href="/rugoefening/wandeling/') >= programme.entries.count()


def test_the_log_form(client, programme, django_assert_num_queries):
    # The plan beside the form (today's target), nothing else.
    with django_assert_num_queries(SIGNED_IN + PLAN + MAKE):
        response = client.get("/rugoefening/wandeling/")
    assert response.status_code == 200 and 'name="minutes"' in response.content.decode()
    with django_assert_num_queries(SIGNED_IN + PLAN):  # nothing changed: the plan is kept
        assert client.get("/rugoefening/wandeling/").status_code == 200


def test_saving_a_walk(client, programme, django_assert_num_queries):
    # + the programme; whether that walk is logged already (never written over); the save
    #   (savepoint, the slot locked, the insert, release); the plan after the save (its
    #   version has changed: made and kept again) for the words after the save; the message
    #   kept in the session (savepoint, update, release)
    with django_assert_num_queries(SIGNED_IN + 1 + 1 + 4 + (PLAN - 1) + MAKE + 3):
        response = client.post("/rugoefening/wandeling/", walk_form(minutes="12", part="evening"))
    assert response.status_code == 302 and response["Location"] == "/rugoefening/"
    assert programme.entries.filter(date=timezone.localdate(), part="evening", minutes=12).exists()


def test_the_check_in_page(client, programme, django_assert_num_queries):
    # + the plan (is the programme still active?), today's check-in, the check-in dates and
    #   the "not now"s (W-14: is it due?)
    with django_assert_num_queries(SIGNED_IN + PLAN + MAKE + 3):
        response = client.get(f"/rugoefening/hoe-gaat-het/{programme.id}/")
    assert response.status_code == 200 and 'name="progress"' in response.content.decode()


def test_a_rugtest_step(client, programme, django_assert_num_queries):
    page = questions.PAGES[0]
    with django_assert_num_queries(SIGNED_IN):
        assert client.get(f"/rugtest/stap/{page.id}/").status_code == 200
    # + the answers kept in the session (savepoint, update, release)
    with django_assert_num_queries(SIGNED_IN + 3):
        response = client.post(f"/rugtest/stap/{page.id}/", form_data(page.id, CASES["E-09"]["answers"], {}))
    assert response.status_code == 302 and "/rugtest/stap/" in response["Location"]


def test_the_rugtest_result_page(client, programme, django_assert_num_queries):
    walk(client, CASES["E-09"]["answers"])  # a signed-in person's result is kept once
    results = programme.user.rugtest_results.count()
    # + is this result kept already?
    with django_assert_num_queries(SIGNED_IN + 1):
        response = client.get("/rugtest/uitslag/")
    assert response.status_code == 200
    assert programme.user.rugtest_results.count() == results
