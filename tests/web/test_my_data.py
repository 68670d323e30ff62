"""/mijn-gegevens/: what the site holds, the JSON and FHIR downloads, and erasing the account."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from helpers import parse
from rugtest.privacy.models import CalendarLink
from rugtest.programme.models import CheckIn, Programme, WalkEntry
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-password-1"
SELFCARE = {"spec_version": 1, "level": "selfcare", "action": "selfcare", "conditions": [], "rules": ["R-X-1"],
            "uncertain_rules": [], "duration_class": "chronic", "nonspecific": True,
            "programme": "recommended", "advice": ["A-PROGRAMME"]}
ANSWERS = {"age": 61, "sex": "female", "duration_weeks": 14, "fever": "no", "causes": ["work", "awkward_posture"]}
DATED = re.compile(r'attachment; filename="rugtest-gegevens-(\d{4}-\d{2}-\d{2})\.(json|fhir\.json)"')


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # attempt counters live in the database cache, per test
    yield
    cache.clear()


def person(email="anna@example.org", password=PASSWORD):
    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def with_data(user, note="knie deed zeer"):
    """A result, a programme with three logged walks (one with a note), and a calendar link."""
    result = RugtestResult.objects.create(user=user, answers=ANSWERS, outcome=SELFCARE)
    start = timezone.localdate() - dt.timedelta(days=2)
    programme = Programme.objects.create(user=user, result=result, start=start, baseline_minutes=10,
                                         baseline_method="direct")
    WalkEntry.objects.create(programme=programme, date=start, part="morning", minutes=8, pain_after=3, note=note)
    WalkEntry.objects.create(programme=programme, date=start, part="evening", minutes=8, pain_before=2)
    WalkEntry.objects.create(programme=programme, date=start + dt.timedelta(days=1), part="morning", minutes=9)
    return result, programme


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_link(client) -> str:
    page = client.post("/rugoefening/agenda/", {"action": "create"}).content.decode()
    return re.search(r"/agenda/([A-Za-z0-9_-]+)\.ics", page).group(1)


# --- What the site holds --------------------------------------------------------------------


def test_page_shows_in_plain_words_what_is_held():
    user = person()
    with_data(user)
    page = signed_in(user).get("/mijn-gegevens/").content.decode()
    assert "anna@example.org" in page
    assert "1 uitslag, met uw antwoorden" in page
    assert "3 wandelingen die u heeft opgeschreven" in page
    assert 'href="/mijn-gegevens/export.json"' in page and 'href="/mijn-gegevens/export.fhir.json"' in page
    assert 'href="/mijn-gegevens/verwijderen/"' in page
    english = signed_in(user).get("/en/mijn-gegevens/").content.decode()
    assert "1 result, with your answers" in english and "My data" in english


def test_the_page_names_the_sensitive_answers_it_holds_the_check_ins_and_the_warning_signs():
    """What is held of a check-in (W-14: stress, low mood, fear of moving) and the warning signs
    of the log (W-9) are said in words, as the export holds them."""
    user = person()
    _, programme = with_data(user)
    client = signed_in(user)
    page = parse(client.get("/mijn-gegevens/")).find("section", aria_labelledby="wat").words()
    assert "nieuwe klachten" in page
    assert "Hoe het met uw rug ging Geen." in page
    CheckIn.objects.create(programme=programme, date=timezone.localdate(), progress="same", answers={"stress": "yes"},
                           risk_factors=[], support="self")
    page = parse(client.get("/mijn-gegevens/")).find("section", aria_labelledby="wat").words()
    assert ("1 keer uw antwoorden op de vraag hoe het met uw rug gaat. "
            "Ook uw antwoorden over stress, somberheid en angst om te bewegen.") in page
    english = parse(client.get("/en/mijn-gegevens/")).find("section", aria_labelledby="wat").words()
    assert ("1 time your answers to the question how your back is doing. "
            "Also your answers about stress, low mood and fear of moving.") in english
    assert "new symptoms" in english


@pytest.mark.parametrize("path", ["/mijn-gegevens/", "/mijn-gegevens/export.json", "/mijn-gegevens/export.fhir.json",
                                  "/mijn-gegevens/verwijderen/", "/en/mijn-gegevens/export.json"])
def test_signed_out_is_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert re.match(r"^(/en)?/accounts/login/\?next=", response["Location"])


def test_export_after_sign_out_sends_to_sign_in_and_shows_nothing():
    user = person()
    with_data(user)
    client = signed_in(user)
    assert client.get("/mijn-gegevens/export.json").status_code == 200
    client.post("/accounts/logout/")
    response = client.get("/mijn-gegevens/export.json")
    assert response.status_code == 302 and b"anna@example.org" not in response.content


# --- export.json ----------------------------------------------------------------------------


def test_json_export_holds_everything_and_no_secret():
    user = person()
    result, programme = with_data(user)
    client = signed_in(user)
    token = make_link(client)
    response = client.get("/mijn-gegevens/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    match = DATED.fullmatch(response["Content-Disposition"])
    assert match and match.group(1) == timezone.localdate().isoformat()
    data = json.loads(response.content)

    assert data["format"] == "rugtest-export" and data["account"]["email"] == "anna@example.org"
    assert data["account"]["email_addresses"] == [{"email": "anna@example.org", "verified": True, "primary": True}]
    assert [r["answers"] for r in data["rugtest_results"]] == [ANSWERS]
    assert data["rugtest_results"][0]["outcome"] == SELFCARE
    [exported] = data["programmes"]
    assert exported["start"] == programme.start.isoformat() and exported["baseline_minutes"] == 10
    assert [(w["date"], w["part"], w["minutes"]) for w in exported["log"]] == [
        (programme.start.isoformat(), "morning", 8), (programme.start.isoformat(), "evening", 8),
        ((programme.start + dt.timedelta(days=1)).isoformat(), "morning", 9)]
    assert exported["log"][0]["note"] == "knie deed zeer" and exported["log"][0]["pain_after"] == 3
    # W-13 plan: start 8 minutes (W-2), one entry per day up to today.
    assert exported["plan"]["start_minutes"] == 8 and len(exported["plan"]["days"]) == 3
    assert data["calendar_link"] == {"active": True, "link_created_at": data["calendar_link"]["link_created_at"],
                                     "times": {"morning": "09:00", "afternoon": "13:00", "evening": "18:30"}}
    body = response.content.decode()
    assert token not in body
    assert CalendarLink.objects.get(user=user).token_hash not in body
    assert "password" not in body and "argon2" not in body


def test_export_of_a_person_without_data_is_valid_and_empty():
    user = person()
    client = signed_in(user)
    data = json.loads(client.get("/mijn-gegevens/export.json").content)
    assert data["rugtest_results"] == [] and data["programmes"] == []
    assert data["calendar_link"] is None and data["other"] == {}
    bundle = json.loads(client.get("/mijn-gegevens/export.fhir.json").content)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert bundle.get("entry", []) == []


def test_export_never_holds_another_persons_data():
    anna, bram = person(), person("bram@example.org")
    with_data(anna)
    with_data(bram, note="geheime notitie van bram")
    signed_in(bram).post("/rugoefening/agenda/", {"action": "create"})
    client = signed_in(anna)
    for path in ("/mijn-gegevens/export.json", "/mijn-gegevens/export.fhir.json", "/mijn-gegevens/"):
        body = client.get(path).content.decode()
        assert "bram" not in body, path
    data = json.loads(client.get("/mijn-gegevens/export.json").content)
    assert len(data["programmes"][0]["log"]) == 3


def test_a_new_table_that_refers_to_the_person_is_exported_too():
    """Every model with a foreign key to the user is in the export (found via django.apps)."""
    from rugtest.privacy import export

    user = person()
    with_data(user)
    explicit = {m._meta.label for m in export._EXPLICIT} | export._SKIPPED_LABELS | {"auth.User"}
    referring = {
        m._meta.label for m in apps.get_models()
        if any(f.is_relation and f.related_model in (get_user_model(), Programme, RugtestResult)
               for f in m._meta.concrete_fields)
    }
    data = export.export_json(user)
    for label in referring - explicit:
        rows = apps.get_model(label).objects.count()
        if rows:
            assert label in data["other"], label
    assert data["other"]["account.EmailAddress"][0]["email"] == "anna@example.org"


# --- export.fhir.json ---------------------------------------------------------------------


def _questionnaire_link_ids(client) -> set[str]:
    document = json.loads(client.get("/api/v1/fhir/Questionnaire/rugtest").content)

    def walk(items):
        for item in items:
            yield item["linkId"]
            yield from walk(item.get("item", []))

    return set(walk(document["item"])), document["url"]


def test_fhir_export_is_a_collection_bundle_of_responses_and_observations():
    user = person()
    with_data(user)
    client = signed_in(user)
    response = client.get("/mijn-gegevens/export.fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert DATED.fullmatch(response["Content-Disposition"]).group(2) == "fhir.json"
    bundle = json.loads(response.content)
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert dt.datetime.fromisoformat(bundle["timestamp"]).tzinfo is not None
    entries = bundle["entry"]
    urls = [e["fullUrl"] for e in entries]
    assert len(set(urls)) == len(urls) and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", u) for u in urls)
    kinds = [e["resource"]["resourceType"] for e in entries]
    assert kinds.count("QuestionnaireResponse") == 1 and kinds.count("Observation") == 1 + 3
    assert "Patient" not in kinds  # the site knows no name or birth date

    link_ids, questionnaire_url = _questionnaire_link_ids(client)
    [qr] = [e["resource"] for e in entries if e["resource"]["resourceType"] == "QuestionnaireResponse"]
    assert qr["questionnaire"] == questionnaire_url and qr["status"] == "completed"
    answered = {}
    for group in qr["item"]:
        assert group["linkId"] in link_ids
        for item in group["item"]:
            assert item["linkId"] in link_ids
            answered[item["linkId"]] = item["answer"]
    assert answered["age"] == [{"valueInteger": 61}]
    assert [a["valueCoding"]["code"] for a in answered["causes"]] == ["work", "awkward_posture"]
    assert answered["fever"][0]["valueCoding"]["code"] == "no"

    observations = [e for e in entries if e["resource"]["resourceType"] == "Observation"]
    outcome = next(e["resource"] for e in observations if "derivedFrom" in e["resource"])
    qr_url = next(e["fullUrl"] for e in entries if e["resource"]["resourceType"] == "QuestionnaireResponse")
    assert outcome["derivedFrom"] == [{"reference": qr_url}]
    assert outcome["valueCodeableConcept"]["coding"][0]["code"] == "selfcare"
    walks = [e["resource"] for e in observations if "valueQuantity" in e["resource"]]
    assert sorted(w["valueQuantity"]["value"] for w in walks) == [8, 8, 9]
    for resource in (e["resource"] for e in entries):
        assert resource["status"] in ("completed", "final")
        if resource["resourceType"] == "Observation":
            assert resource["code"]["coding"] and "effectiveDateTime" in resource
    for w in walks:
        assert w["valueQuantity"] == {"value": w["valueQuantity"]["value"], "unit": "min",
                                      "system": "http://unitsofmeasure.org", "code": "min"}
        assert w["code"]["coding"][0] == {"system": "http://loinc.org", "code": "55411-3",
                                          "display": "Exercise duration"}


# --- Deleting the account -----------------------------------------------------------------


def _user_rows(user_id: int) -> dict[str, int]:
    """For every model: the rows that refer to ``user_id`` (directly or via programme/result)."""
    User = get_user_model()
    found = {}
    for model in apps.get_models():
        count = 0
        if model is User:
            count = model.objects.filter(pk=user_id).count()
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            if field.related_model is User:
                count += model.objects.filter(**{field.attname: user_id}).count()
            elif field.related_model in (Programme, RugtestResult):
                count += model.objects.filter(**{f"{field.name}__user_id": user_id}).count()
        if count:
            found[model._meta.label] = count
    return found


def _sessions_of(user_id: int) -> int:
    return sum(1 for s in Session.objects.all() if str(s.get_decoded().get("_auth_user_id")) == str(user_id))


def test_wrong_password_deletes_nothing_and_says_so():
    user = person()
    with_data(user)
    client = signed_in(user)
    before = _user_rows(user.pk)
    response = client.post("/mijn-gegevens/verwijderen/", {"password": "not-my-password"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet. Er is niets gewist." in response.content.decode()
    english = client.post("/en/mijn-gegevens/verwijderen/", {"password": ""})
    assert english.status_code == 200 and "Please fill in your password." in english.content.decode()
    assert _user_rows(user.pk) == before and before["programme.WalkEntry"] == 3
    assert client.get("/mijn-gegevens/").status_code == 200  # still signed in


def test_too_many_wrong_passwords_are_refused_for_a_while():
    user = person()
    client = signed_in(user)
    for _ in range(5):
        assert "klopt niet" in client.post("/mijn-gegevens/verwijderen/", {"password": "guess"}).content.decode()
    blocked = client.post("/mijn-gegevens/verwijderen/", {"password": PASSWORD})
    assert blocked.status_code == 429 and "te vaak" in blocked.content.decode()
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_deletion_leaves_no_row_that_refers_to_the_person_and_stops_the_calendar():
    anna, bram = person(), person("bram@example.org")
    with_data(anna)
    with_data(bram)
    client = signed_in(anna)
    other_device = signed_in(anna)  # a second signed-in session, e.g. on a tablet
    token = make_link(client)
    bram_token = make_link(signed_in(bram))
    assert _sessions_of(anna.pk) >= 2 and client.get(f"/agenda/{token}.ics").status_code == 200
    bram_before = _user_rows(bram.pk)

    response = client.post("/mijn-gegevens/verwijderen/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/mijn-gegevens/verwijderd/"
    assert "Uw account is gewist" in client.get(response["Location"]).content.decode()

    assert _user_rows(anna.pk) == {}
    assert _sessions_of(anna.pk) == 0
    assert not Session.objects.filter(session_data__contains="anna@example.org").exists()
    assert client.get(f"/agenda/{token}.ics").status_code == 404
    assert client.get("/mijn-gegevens/").status_code == 302
    assert other_device.get("/mijn-gegevens/").status_code == 302  # signed out everywhere
    # Nobody else lost anything.
    assert _user_rows(bram.pk) == bram_before
    assert client.get(f"/agenda/{bram_token}.ics").status_code == 200


def test_every_field_of_a_programme_is_in_the_export():
    """The JSON export holds every stored field of a programme (a new field cannot be left out)."""
    from rugtest.privacy import export

    user = person()
    with_data(user)
    exported = export.export_json(user)["programmes"][0]
    for field in Programme._meta.concrete_fields:
        if field.attname not in ("id", "user_id"):  # the person is the whole export's
            assert field.attname in exported, field.name
