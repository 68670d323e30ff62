"""A rugtest result stored under spec version 2 keeps the outcome the person saw.

triage-rules.md version 3 added R-ANE-1: the 68-year-old with a known aneurysm and an on-and-off
backache got "selfcare" under version 2 and gets "urgent" now. A result kept before the change
is never made again from its answers: every page, report and export that reads it shows the
version-2 outcome, and the reports say in words which rules it was made under. A new rugtest
gives version 3.
"""

import datetime as dt
import io
import json

import pytest
from django.utils import timezone
from pypdf import PdfReader

from factories import make_user
from helpers import parse, walk
from rugtest.programme.models import Programme
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db

SIGNS_NO = {qid: "no" for qid in (
    "saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
    "known_aneurysm", "major_trauma", "fever", "recent_spine_surgery", "weak_immunity", "cancer_history",
    "weight_loss", "feeling_ill", "night_pain", "leg_weakness", "osteoporosis", "steroids", "minor_trauma",
    "progressive", "leg_pain_below_knee", "walking_legs_relief_bending", "morning_stiffness", "pain_uncontrolled",
)}
ANSWERS = {"age": 68, "sex": "male", "duration_weeks": 3, "pain_score": 4, "previous_episodes": "yes",
           **SIGNS_NO, "known_aneurysm": "yes"}
# The outcome version 2 gave these answers (triage-rules.md version 2 had no R-ANE-1).
OUTCOME_V2 = {
    "spec_version": 2, "level": "selfcare", "action": "selfcare", "conditions": [], "rules": [],
    "uncertain_rules": [], "duration_class": "acute", "nonspecific": True, "programme": "optional",
    "advice": ["A-STAY-ACTIVE", "A-ACUTE-COURSE", "A-NO-SCAN", "A-PAINKILLERS", "A-PROGRAMME", "A-SEE-GP-IF"],
    "risk_factors": ["F-EPISODES"], "support": "self",
}
MADE_UNDER = {"nl": "Uitslag volgens de regels van versie 2 van de rugtest.",
              "en": "Result under the rules of version 2 of the back test."}
CHANGED = {"nl": "De regels zijn daarna veranderd (nu versie 3). Een nieuwe rugtest kan een ander advies geven.",
           "en": "The rules have changed since then (now version 3). A new back test may give different advice."}
SELFCARE_WORDS = {"nl": "U kunt zelf veel doen", "en": "You can do a lot yourself"}
URGENT_WORDS = {"nl": "Vandaag naar de huisarts", "en": "See a GP today"}
BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


@pytest.fixture
def person(client):
    user = make_user(password=None)
    result = RugtestResult.objects.create(user=user, answers=ANSWERS, outcome=OUTCOME_V2)
    client.force_login(user)
    return user, result


def with_programme(result, days_ago=5):
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    return Programme.objects.create(user=result.user, result=result, start=start, baseline_minutes=10,
                                    baseline_method="direct")


def pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_kept(result):
    result.refresh_from_db()
    assert result.outcome == OUTCOME_V2 and result.answers == ANSWERS


@BOTH
def test_programme_report_shows_the_version_2_outcome_and_names_its_version(client, person, prefix, lang):
    _, result = person
    with_programme(result)
    text = pdf_text(client.get(f"{prefix}/rugoefening/rapport.pdf"))
    assert SELFCARE_WORDS[lang] in text and URGENT_WORDS[lang] not in text
    assert "R-ANE-1" not in text
    assert f"{MADE_UNDER[lang]} {CHANGED[lang]}" in text
    assert_kept(result)


@BOTH
def test_progress_page_names_the_version_of_the_rugtest_behind_the_programme(client, person, prefix, lang):
    _, result = person
    with_programme(result)
    text = parse(client.get(f"{prefix}/rugoefening/voortgang/")).find("main").words()
    assert SELFCARE_WORDS[lang] in text
    assert f"{MADE_UNDER[lang]} {CHANGED[lang]}" in text
    assert_kept(result)


@BOTH
def test_start_page_says_the_rules_changed_since_a_version_2_result(client, person, prefix, lang):
    _, result = person
    text = parse(client.get(f"{prefix}/rugoefening/beginnen/")).find("main").words()
    assert SELFCARE_WORDS[lang] in text and CHANGED[lang] in text
    assert_kept(result)


def test_the_exports_keep_the_version_2_outcome_as_it_was(client, person):
    _, result = person
    exported = json.loads(client.get("/mijn-gegevens/export.json").content)
    assert [r["outcome"] for r in exported["rugtest_results"]] == [OUTCOME_V2]
    bundle = json.loads(client.get("/mijn-gegevens/export.fhir.json").content)
    observation = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
                       and e["resource"].get("category", [{}])[0].get("coding", [{}])[0].get("code") == "survey")
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "selfcare"
    versions = [c["valueInteger"] for c in observation["component"]
                if c["code"]["coding"][0]["code"] == "spec-version"]
    assert versions == [2]
    assert_kept(result)


def test_a_new_rugtest_is_made_under_version_3_and_leaves_the_old_result_alone(client, person):
    user, result = person
    response = walk(client, ANSWERS)
    assert parse(response).find("main").attrs["data-level"] == "urgent"
    newest = RugtestResult.objects.filter(user=user).first()
    assert newest.pk != result.pk
    assert newest.outcome["spec_version"] == 3 and newest.outcome["rules"] == ["R-ANE-1"]
    assert_kept(result)


def test_the_report_of_a_version_3_result_names_version_3_and_no_change(client):
    walk(client, ANSWERS)
    text = pdf_text(client.get("/rugtest/uitslag.pdf"))
    assert "Uitslag volgens de regels van versie 3 van de rugtest." in text
    assert "De regels zijn daarna veranderd" not in text
