"""The people, results, plans and form answers the tests build, written once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from clinical import load_clinical_json
from rugtest.core import questions
from rugtest.core.triage import triage
from rugtest.programme.models import Programme
from rugtest.selftest.models import RugtestResult

CASES = {case["id"]: case for case in load_clinical_json("vignettes-examples.json")}


def form_data(page_id, answers, so_far):
    """What a person fills in on one rugtest page: the shown questions they have an answer for."""
    page = questions.PAGE_BY_ID[page_id]
    data = {}
    for question in questions.shown_questions(page, so_far):
        if question.id in answers:
            value = answers[question.id]
            data[question.id] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def make_user(email="anna@example.org", password="a-long-password-1", verified=False):
    """A user; ``password=None`` skips the (slow) Argon2 hashing for signed-in sessions."""
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password)
    if verified:
        user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def give_result(user, case_id="E-09", **changes):
    answers = {**CASES[case_id]["answers"], **changes}
    return RugtestResult.objects.create(user=user, answers=answers, outcome=triage({"answers": answers}))


def make_programme(user, days_ago=0, baseline=10, case_id="E-09", **changes):
    result = give_result(user, case_id, **changes)
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    return Programme.objects.create(user=user, result=result, start=start, baseline_minutes=baseline, baseline_method="direct")
