"""FHIR R4: a QuestionnaireResponse in, a Bundle with the outcome out, validated with the
fhir.resources models (R4B, whose QuestionnaireResponse, Observation, Bundle, CodeSystem
and OperationOutcome are R4's)."""

import json

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings

from answers import complete_answers
from clinical import clinical_text, load_clinical_json
from helpers import run_cli, walk
from rugtest.api.schema import fhir_questionnaire_document
from rugtest.core.triage import triage_json

# The API counts requests per address in the database cache (rate limit).
pytestmark = pytest.mark.django_db

CASES = load_clinical_json("vignettes-examples.json")
URL = "/api/v1/fhir/QuestionnaireResponse"
# D-10: the canonical addresses come from RUGTEST_PUBLIC_URL (set for every test here).
PUBLIC_URL = "https://rug.praktijk.example"


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.RUGTEST_PUBLIC_URL = PUBLIC_URL


QUESTIONNAIRE = PUBLIC_URL + "/fhir/Questionnaire/rugtest"
BASE = PUBLIC_URL + "/fhir/CodeSystem/"


@pytest.fixture
def questionnaire(public_url):
    """The Questionnaire /api/v1/fhir/Questionnaire/rugtest serves, by linkId."""
    document = fhir_questionnaire_document()
    return {item["linkId"]: item for group in document["item"] for item in group["item"]}


def response_for(answers, questionnaire, status="completed"):
    """A QuestionnaireResponse as another program would write it from the Questionnaire."""
    items = []
    for link_id, value in answers.items():
        item = questionnaire[link_id]
        if item["type"] == "integer":
            answer = [{"valueInteger": value}]
        else:
            system = item["answerOption"][0]["valueCoding"]["system"]
            values = value if item.get("repeats") else [value]
            answer = [{"valueCoding": {"system": system, "code": v}} for v in values]
        items.append({"linkId": link_id, "answer": answer})
    return {"resourceType": "QuestionnaireResponse", "questionnaire": QUESTIONNAIRE, "status": status,
            "authored": "2026-11-30T10:00:00+01:00", "item": items}


def post(client, body, raw=False):
    return client.post(URL, data=body if raw else json.dumps(body), content_type="application/fhir+json")


def codes(concept):
    return [(c["system"].removeprefix(BASE), c["code"]) for c in concept["coding"]]


def outcome_of(observation):
    """Read the outcome JSON back from the Observation, as an importing system would."""
    (system, level), = codes(observation["valueCodeableConcept"])
    assert system == "rugtest-level"
    outcome = {"level": level, "conditions": [], "rules": [], "uncertain_rules": [], "advice": [],
               "risk_factors": [], "support": None}
    lists = {"condition": "conditions", "rule": "rules", "uncertain-rule": "uncertain_rules", "advice": "advice",
             "risk-factor": "risk_factors"}
    singles = {"action": "action", "duration-class": "duration_class", "programme": "programme",
               "support": "support"}
    for component in observation["component"]:
        (_, part), = codes(component["code"])
        if part in lists:
            outcome[lists[part]].append(codes(component["valueCodeableConcept"])[0][1])
        elif part in singles:
            outcome[singles[part]] = codes(component["valueCodeableConcept"])[0][1]
        elif part == "nonspecific":
            outcome["nonspecific"] = component["valueBoolean"]
        elif part == "spec-version":
            outcome["spec_version"] = component["valueInteger"]
    return outcome


def resources(bundle):
    return {entry["resource"]["resourceType"]: entry["resource"] for entry in bundle["entry"]}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_round_trip_answers_response_outcome_equals_rugtest_triage(client, questionnaire, case):
    response = post(client, response_for(case["answers"], questionnaire))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json"
    bundle = response.json()
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    found = resources(bundle)
    QuestionnaireResponse.model_validate(found["QuestionnaireResponse"])
    Observation.model_validate(found["Observation"])
    outcome = outcome_of(found["Observation"])
    expected = json.loads(triage_json({"answers": case["answers"]}))  # what `rugtest triage` prints
    assert outcome == expected
    assert outcome == case["expect"]
    # The response in the Bundle holds the same answers, and the outcome points to it.
    assert found["Observation"]["derivedFrom"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert found["QuestionnaireResponse"]["questionnaire"] == QUESTIONNAIRE


def test_round_trip_agrees_with_the_command_line(client, questionnaire):
    case = CASES[0]
    cli = run_cli("triage", stdin=json.dumps({"answers": case["answers"]}))
    assert cli.returncode == 0, cli.stderr
    expected = json.loads(cli.stdout)
    outcome = outcome_of(resources(post(client, response_for(case["answers"], questionnaire)).json())["Observation"])
    assert outcome == expected


def test_every_code_in_the_bundle_is_in_the_published_code_system(client, questionnaire):
    bundle = post(client, response_for(CASES[4]["answers"], questionnaire)).json()
    observation = resources(bundle)["Observation"]
    concepts = [observation["code"], observation["valueCodeableConcept"]]
    for component in observation["component"]:
        concepts += [component["code"]] + ([component["valueCodeableConcept"]] if "valueCodeableConcept" in component else [])
    for concept in concepts:
        for coding in concept["coding"]:
            code_system = client.get(f"/api/v1/fhir/CodeSystem/{coding['system'].removeprefix(BASE)}").json()
            assert code_system["url"] == coding["system"]
            assert coding["code"] in [c["code"] for c in code_system["concept"]]


def test_the_rule_code_system_holds_exactly_the_spec_rule_ids(client):
    response = client.get("/api/v1/fhir/CodeSystem/rugtest-rule")
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    CodeSystem.model_validate(response.json())
    spec_ids = [line.split("|")[1].strip() for line in clinical_text("triage-rules.md").splitlines()
                if line.startswith("| R-")]
    assert [c["code"] for c in response.json()["concept"]] == spec_ids


@pytest.mark.parametrize("code_system_id", ["rugtest-level", "rugtest-action", "rugtest-condition",
                                            "rugtest-advice", "rugtest-duration", "rugtest-programme",
                                            "rugtest-risk-factor", "rugtest-support", "rugtest-answers",
                                            "rugtest-outcome-part"])
def test_every_code_system_is_valid_fhir(client, code_system_id):
    document = client.get(f"/api/v1/fhir/CodeSystem/{code_system_id}").json()
    CodeSystem.model_validate(document)
    assert document["url"] == BASE + code_system_id
    assert document["count"] == len(document["concept"]) > 0


def test_the_condition_code_system_names_conditions_in_both_languages(client):
    concepts = {c["code"]: c for c in client.get("/api/v1/fhir/CodeSystem/rugtest-condition").json()["concept"]}
    assert concepts["cauda_equina"]["display"] == "Beknelde zenuwen onderin de rug (caudasyndroom)"
    assert concepts["cauda_equina"]["designation"][0]["language"] == "en"


def test_an_unknown_code_system_is_404_with_an_operation_outcome(client):
    response = client.get("/api/v1/fhir/CodeSystem/nothing")
    assert response.status_code == 404
    OperationOutcome.model_validate(response.json())


def bad(client, body, raw=False):
    response = post(client, body, raw)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/fhir+json"
    outcome = response.json()
    OperationOutcome.model_validate(outcome)
    return outcome["issue"][0]


def _without(answers, link_id):
    return {k: v for k, v in answers.items() if k != link_id}


@pytest.mark.parametrize("change, link_id", [
    (lambda a: {**a, "age": 300}, "age"),
    (lambda a: {**a, "fever": "maybe"}, "fever"),
    (lambda a: _without(a, "saddle_numbness"), "saddle_numbness"),
])
def test_a_bad_or_missing_answer_names_the_item(client, questionnaire, change, link_id):
    issue = bad(client, response_for(change(CASES[0]["answers"]), questionnaire))
    assert issue["expression"] == [f"QuestionnaireResponse.item.where(linkId='{link_id}')"]
    assert link_id in issue["diagnostics"]


def test_an_item_that_is_not_a_question_is_named(client, questionnaire):
    body = response_for(CASES[0]["answers"], questionnaire)
    body["item"].append({"linkId": "favourite_colour", "answer": [{"valueString": "blue"}]})
    assert "favourite_colour" in bad(client, body)["expression"][0]


def test_a_yes_no_answer_as_text_is_named(client, questionnaire):
    body = response_for(CASES[0]["answers"], questionnaire)
    body["item"] = [i if i["linkId"] != "fever" else {"linkId": "fever", "answer": [{"valueString": "no"}]}
                    for i in body["item"]]
    issue = bad(client, body)
    assert issue["expression"] == ["QuestionnaireResponse.item.where(linkId='fever')"]


def test_answers_grouped_by_step_as_the_questionnaire_groups_them_are_read(client, questionnaire):
    body = response_for(CASES[0]["answers"], questionnaire)
    body["item"] = [{"linkId": "step-1", "item": body["item"]}]
    assert post(client, body).status_code == 200


@pytest.mark.parametrize("body, expression", [
    ("not json", None),
    ("[1, 2]", None),
    (json.dumps({"resourceType": "Patient"}), "QuestionnaireResponse.resourceType"),
    (json.dumps({"resourceType": "QuestionnaireResponse", "questionnaire": "https://example.org/q",
                 "status": "completed", "item": []}), "QuestionnaireResponse.questionnaire"),
    (json.dumps({"resourceType": "QuestionnaireResponse", "questionnaire": QUESTIONNAIRE,
                 "status": "in-progress", "item": []}), "QuestionnaireResponse.status"),
    ('{"resourceType": "QuestionnaireResponse", "item": ' + "[" * 100000 + "]" * 100000 + "}", None),
])
def test_a_body_that_is_not_a_rugtest_questionnaire_response_is_400(client, body, expression):
    issue = bad(client, body, raw=True)
    assert issue.get("expression", [None])[0] == expression
    assert issue["diagnostics"]


def test_the_fhir_api_takes_no_cookies_and_no_csrf_token(questionnaire):
    client = Client(enforce_csrf_checks=True)
    response = post(client, response_for(CASES[0]["answers"], questionnaire))
    assert response.status_code == 200
    assert not response.cookies
    assert client.get(URL).status_code == 405


def test_openapi_describes_the_fhir_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "400" in paths["/api/v1/fhir/QuestionnaireResponse"]["post"]["responses"]
    assert "rugtest-rule" in paths["/api/v1/fhir/CodeSystem/{id}"]["get"]["parameters"][0]["schema"]["enum"]


# The person's own result as that Bundle ------------------------------------------------


@pytest.mark.parametrize("case_id", ["E-05", "E-01"])
def test_result_download_is_the_bundle_of_the_persons_answers(client, case_id):
    case = next(c for c in CASES if c["id"] == case_id)
    walk(client, case["answers"])
    response = client.get("/rugtest/uitslag.fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="rugtest-uitslag-{today}.fhir.json"'
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    found = resources(bundle)
    assert outcome_of(found["Observation"]) == case["expect"]
    # E-01 stopped early at the emergency: FHIR's status "stopped" says not all was asked.
    assert found["QuestionnaireResponse"]["status"] == ("stopped" if case_id == "E-01" else "completed")
    assert found["QuestionnaireResponse"]["authored"] == today


@pytest.mark.parametrize("prefix, words", [("", "Er is geen uitslag"), ("/en", "There is no result")])
def test_result_download_without_a_result_is_a_clear_page(client, prefix, words):
    response = client.get(f"{prefix}/rugtest/uitslag.fhir.json")
    assert response.status_code == 404
    assert words in response.content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=complete_answers())
def test_round_trip_agrees_with_the_triage_for_any_answers(client, questionnaire, answers):
    response = post(client, response_for(answers, questionnaire))
    assert response.status_code == 200, response.content
    assert outcome_of(resources(response.json())["Observation"]) == json.loads(triage_json({"answers": answers}))


def test_the_my_data_export_codes_each_outcome_as_the_api_does(client):
    from factories import give_result, make_user

    user = make_user(password=None)
    result = give_result(user, "E-15")
    client.force_login(user)
    bundle = json.loads(client.get("/mijn-gegevens/export.fhir.json").content)
    Bundle.model_validate(bundle)
    observation = next(e["resource"] for e in bundle["entry"] if "derivedFrom" in e["resource"])
    Observation.model_validate(observation)
    assert outcome_of(observation) == result.outcome == next(c for c in CASES if c["id"] == "E-15")["expect"]
