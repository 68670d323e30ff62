"""decisions.md D-10: FHIR canonical addresses are built from RUGTEST_PUBLIC_URL (default: the
request's own address), as <base>/fhir/CodeSystem/<id> and <base>/fhir/Questionnaire/rugtest,
and the site serves those resources at those addresses as JSON. Never rugtest.nl.

Also issue 19: the check-in is in both exports (FHIR as a QuestionnaireResponse, JSON under
its own name).
"""

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire

from factories import CASES, make_programme, make_user
from helpers import walk
from rugtest.programme.models import CheckIn, CheckInLater, WalkEntry

PUBLIC_URL = "https://rug.praktijk.example"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_dutch():
    """An /en/ request leaves English active in this thread; later tests expect the default."""
    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


# The standard's own systems and extensions, which are not the site's.
STANDARD = ("http://hl7.org/", "http://terminology.hl7.org/", "http://loinc.org", "http://unitsofmeasure.org")


def systems(node, found=None):
    """Every `system`, `url` and `questionnaire` value anywhere in a FHIR document that is
    not one of the standard's own."""
    found = set() if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("system", "url", "questionnaire") and isinstance(value, str) and "//" in value \
                    and not value.startswith(STANDARD):
                found.add(value)
            systems(value, found)
    elif isinstance(node, list):
        for value in node:
            systems(value, found)
    return found


def test_D_10_the_questionnaire_and_code_systems_are_served_at_their_canonical_address(client, settings):
    settings.RUGTEST_PUBLIC_URL = PUBLIC_URL
    response = client.get("/fhir/Questionnaire/rugtest")
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    questionnaire = response.json()
    Questionnaire.model_validate(questionnaire)
    assert questionnaire["url"] == f"{PUBLIC_URL}/fhir/Questionnaire/rugtest"
    used = systems(questionnaire)
    assert used, "the Questionnaire names its answer CodeSystem"
    for address in used:
        assert address.startswith(f"{PUBLIC_URL}/fhir/"), address
        served = client.get(urlsplit(address).path)
        assert served.status_code == 200, address
        assert served.json()["url"] == address


def test_D_10_every_code_system_in_the_result_bundle_is_served_where_its_url_says(client, settings):
    settings.RUGTEST_PUBLIC_URL = PUBLIC_URL + "/"  # a trailing slash is not doubled
    walk(client, CASES["E-09"]["answers"])
    bundle = client.get("/rugtest/uitslag.fhir.json").json()
    Bundle.model_validate(bundle)
    used = systems(bundle)
    assert f"{PUBLIC_URL}/fhir/Questionnaire/rugtest" in used
    for address in used:
        assert address.startswith(f"{PUBLIC_URL}/fhir/") and "//fhir" not in address, address
        document = client.get(urlsplit(address).path).json()
        assert document["url"] == address
        if document["resourceType"] == "CodeSystem":
            CodeSystem.model_validate(document)
    assert "rugtest.nl" not in json.dumps(bundle)


def test_D_10_without_the_setting_the_request_s_own_address_is_the_base(client, settings):
    settings.RUGTEST_PUBLIC_URL = ""
    assert client.get("/fhir/Questionnaire/rugtest").json()["url"] == "http://testserver/fhir/Questionnaire/rugtest"
    assert client.get("/api/v1/fhir/CodeSystem/rugtest-level").json()["url"] == "http://testserver/fhir/CodeSystem/rugtest-level"
    other = Client(HTTP_HOST="localhost")
    assert other.get("/fhir/CodeSystem/rugtest-level").json()["url"] == "http://localhost/fhir/CodeSystem/rugtest-level"


def test_D_10_the_codes_stay_the_same_between_installations(client, settings):
    settings.RUGTEST_PUBLIC_URL = "https://a.example"
    first = client.get("/fhir/CodeSystem/rugtest-rule").json()
    settings.RUGTEST_PUBLIC_URL = "https://b.example"
    second = client.get("/fhir/CodeSystem/rugtest-rule").json()
    assert first["url"] == "https://a.example/fhir/CodeSystem/rugtest-rule"
    assert second["url"] == "https://b.example/fhir/CodeSystem/rugtest-rule"
    assert first["concept"] == second["concept"]


def test_D_10_an_unknown_code_system_is_a_404_in_fhir(client):
    response = client.get("/fhir/CodeSystem/nothing-here")
    assert response.status_code == 404 and response.json()["resourceType"] == "OperationOutcome"


# --- the check-in in both exports -------------------------------------------------------------


def signed_in_with_checkin(settings):
    settings.RUGTEST_PUBLIC_URL = PUBLIC_URL
    user = make_user(password=None, verified=True)
    programme = make_programme(user, days_ago=25)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=8,
                             warning_signs=["fever"])
    CheckIn.objects.create(programme=programme, date=programme.start + dt.timedelta(days=22), progress="worse",
                           answers={"stress": "yes", "fear_of_moving": "no"}, risk_factors=["F-STRESS"], support="physio")
    CheckInLater.objects.create(programme=programme, date=programme.start + dt.timedelta(days=21))
    client = Client()
    client.force_login(user)
    return client, programme


def test_the_check_in_is_in_the_json_export_under_its_own_name(settings):
    client, programme = signed_in_with_checkin(settings)
    data = json.loads(client.get("/mijn-gegevens/export.json").content)
    [exported] = data["programmes"]
    assert exported["checkins"] == [{
        "date": (programme.start + dt.timedelta(days=22)).isoformat(), "progress": "worse",
        "answers": {"stress": "yes", "fear_of_moving": "no"}, "risk_factors": ["F-STRESS"], "support": "physio",
        "created_at": exported["checkins"][0]["created_at"],
    }]
    assert exported["checkin_not_now_dates"] == [(programme.start + dt.timedelta(days=21)).isoformat()]
    assert not any(label.startswith("programme.") for label in data["other"]), data["other"].keys()


def test_the_check_in_is_in_the_fhir_export_as_a_questionnaire_response(settings):
    client, programme = signed_in_with_checkin(settings)
    bundle = json.loads(client.get("/mijn-gegevens/export.fhir.json").content)
    Bundle.model_validate(bundle)
    responses = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse"
                 and "checkin" in json.dumps(e["resource"].get("meta", {}))]
    [checkin] = responses
    assert checkin["authored"] == (programme.start + dt.timedelta(days=22)).isoformat()
    items = {item["linkId"]: item["answer"][0]["valueCoding"] for item in checkin["item"]}
    assert items["progress"]["code"] == "worse" and items["progress"]["system"] == f"{PUBLIC_URL}/fhir/CodeSystem/rugtest-progress"
    assert items["stress"]["code"] == "yes" and items["fear_of_moving"]["code"] == "no"
    assert set(items) == {"progress", "stress", "fear_of_moving"}  # D-3: a question left open is absent
    # D-10: every code system the export uses is served at its address.
    for address in systems(bundle):
        assert address.startswith(f"{PUBLIC_URL}/fhir/"), address
        assert client.get(urlsplit(address).path).status_code == 200, address
