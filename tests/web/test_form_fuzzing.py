"""Property-based form posts: every form of the site gets generated input (right and wrong
field names, odd numbers, other scripts' digits, control characters, very long text,
repeated fields) and never answers with a 500; what was saved before stays."""

import itertools

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import give_result, make_programme, make_user
from rugtest.core import questions
from rugtest.programme import services
from rugtest.programme.models import WalkEntry

pytestmark = pytest.mark.django_db

ODD_TEXT = st.sampled_from([
    "", " ", "0", "-1", "44", "4_4", "44.0", "1e3", "٤٤", "４４", "99999999999999999999999", "NaN", "∞",
    "\x00", "a\x00b", "yes", "no", "unknown", "morning", "2026-02-30", "0000-00-00", "9999-12-31", "x" * 5000,
    "<script>alert(1)</script>", "' OR 1=1 --", "\ud7ff", "👍", "on", "direct", "test_walks",
])
VALUE = st.one_of(ODD_TEXT, st.text(max_size=40))
VALUES = st.lists(VALUE, min_size=1, max_size=3)

SELFTEST_FIELDS = sorted({q.id for q in questions.QUESTIONS})
WALK_FIELDS = ["date", "part", "minutes", "pain_before", "pain_after", "painkiller", "note", "warning_signs"]
START_FIELDS = ["baseline_method", "baseline_minutes", "confirm_past_week", "test_walk_1", "test_walk_2",
                "test_walk_3", "gp_agrees"]
ACCOUNT_FIELDS = ["email", "login", "password", "password1", "password2", "code", "remember"]


def form(fields):
    return st.dictionaries(st.sampled_from(fields + ["unknown_field"]), VALUES, max_size=len(fields) + 1)


PEOPLE = itertools.count()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(page=st.sampled_from([p.id for p in questions.PAGES]), data=form(SELFTEST_FIELDS))
def test_rugtest_steps_never_fail(client, page, data):
    response = client.post(f"/rugtest/stap/{page}/", data)
    assert response.status_code in (200, 302)


@FUZZ
@given(data=form(WALK_FIELDS), edit=st.booleans())
def test_walk_forms_never_fail_and_keep_what_was_saved(client, data, edit):
    person = make_user(f"w{next(PEOPLE)}@example.org", password=None)
    programme = make_programme(person)
    kept = services.record_walk(programme=programme, today=programme.start, date=programme.start,
                                part="evening", minutes=12, warning_signs=["fever"])
    client.force_login(person)
    url = f"/rugoefening/wandeling/{kept.id}/" if edit else "/rugoefening/wandeling/"
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    kept.refresh_from_db()
    assert kept.warning_signs == ["fever"]  # W-9: a reported warning sign is never lost


@FUZZ
@given(data=form(START_FIELDS), pain=form(["pain_worsening"]))
def test_programme_start_and_pain_check_never_fail(client, data, pain):
    person = make_user(f"s{next(PEOPLE)}@example.org", password=None)
    give_result(person)
    client.force_login(person)
    assert client.post("/rugoefening/beginnen/", data).status_code in (200, 302)
    assert client.post("/rugoefening/pijn/", pain).status_code in (200, 302)


@override_settings(ACCOUNT_RATE_LIMITS=False)  # the per-address limits would stop the repeats
@FUZZ
@given(url=st.sampled_from(["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
                            "/accounts/confirm-email/", "/accounts/login/code/", "/en/accounts/signup/"]),
       data=form(ACCOUNT_FIELDS))
def test_account_forms_never_fail(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500
