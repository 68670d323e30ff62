"""The OpenAPI document says what the API really does: every operation can answer 429 with a
Retry-After header (and does, past the rate limit), and the FHIR request schema takes exactly
the QuestionnaireResponse the API takes: each value the schema allows is accepted, each value
it rules out is refused (an empty resourceType too)."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from factories import CASES
from rugtest.api.schema import fhir_questionnaire_document, openapi_document

pytestmark = pytest.mark.django_db  # the rate limit counts in the database cache

URL = "/api/v1/fhir/QuestionnaireResponse"
# D-10: the canonical addresses come from RUGTEST_PUBLIC_URL (set for every test here).
PUBLIC_URL = "https://rug.praktijk.example"


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.RUGTEST_PUBLIC_URL = PUBLIC_URL


QUESTIONNAIRE = PUBLIC_URL + "/fhir/Questionnaire/rugtest"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def document(public_url):
    """The document /api/v1/openapi.json serves (as JSON, as a client reads it)."""
    return json.loads(json.dumps(openapi_document()))


def resolve(document, node):
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = document["components"][kind][name]
    return node


def operations(document):
    return [(method, path, operation) for path, methods in document["paths"].items()
            for method, operation in methods.items()]


def test_every_operation_lists_429_with_a_retry_after_header(document):
    found = operations(document)
    assert len(found) >= 4
    for method, path, operation in found:
        answer = resolve(document, operation["responses"]["429"])
        header = answer["headers"]["Retry-After"]
        assert header["required"] is True, (method, path)
        assert header["schema"] == {"type": "integer", "minimum": 1}, (method, path)
        assert resolve(document, answer["content"]["application/json"]["schema"])["required"] == ["error"]


def call(client, method, path):
    address = path.replace("{id}", "rugtest-rule")
    if method == "get":
        return client.get(address)
    return client.post(address, data="{}", content_type="application/json")


@pytest.mark.parametrize("method, path", [
    ("post", "/api/v1/triage"),
    ("get", "/api/v1/fhir/Questionnaire/rugtest"),
    ("post", "/api/v1/fhir/QuestionnaireResponse"),
    ("get", "/api/v1/fhir/CodeSystem/{id}"),
    ("get", "/api/v1/openapi.json"),
])
def test_every_operation_past_the_rate_limit_answers_429_with_a_truthful_retry_after(client, document, method, path):
    assert path in document["paths"] or path == "/api/v1/openapi.json"
    with override_settings(RUGTEST_API_RATE_LIMIT=(2, 60)):
        answers = [call(client, method, path) for _ in range(3)]
    assert [a.status_code for a in answers[:2]] != [429, 429]
    response = answers[2]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"]["field"] is None and "too many requests" in body["error"]["message"]


# --- The FHIR request schema against the API -------------------------------------------------


@pytest.fixture
def schema(document):
    operation = document["paths"][URL]["post"]
    return resolve(document, operation["requestBody"]["content"]["application/fhir+json"]["schema"])


@pytest.fixture
def valid_body(public_url):
    """A complete QuestionnaireResponse, written from the served Questionnaire."""
    items = {item["linkId"]: item for group in fhir_questionnaire_document()["item"] for item in group["item"]}
    answers = []
    for link_id, value in CASES["E-09"]["answers"].items():
        item = items[link_id]
        if item["type"] == "integer":
            answers.append({"linkId": link_id, "answer": [{"valueInteger": value}]})
        else:
            system = item["answerOption"][0]["valueCoding"]["system"]
            values = value if item.get("repeats") else [value]
            answers.append({"linkId": link_id, "answer": [{"valueCoding": {"system": system, "code": v}} for v in values]})
    return {"resourceType": "QuestionnaireResponse", "questionnaire": QUESTIONNAIRE, "status": "completed",
            "authored": "2026-11-30T10:00:00+01:00", "item": answers}


def matches(pattern: str, value: str) -> bool:
    """A JSON Schema pattern (ECMA-262) in Python: there "$" never matches before a final newline."""
    return re.search(pattern.removesuffix("$") + r"\Z", value) is not None


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/fhir+json")


def test_a_complete_response_is_taken(client, valid_body):
    assert post(client, valid_body).status_code == 200


@pytest.mark.parametrize("resource_type", ["", "Patient", "questionnaireresponse", "Bundle"])
def test_the_schema_and_the_api_take_only_a_questionnaire_response(client, schema, valid_body, resource_type):
    assert schema["properties"]["resourceType"]["enum"] == ["QuestionnaireResponse"]
    assert "resourceType" in schema["required"]
    response = post(client, {**valid_body, "resourceType": resource_type})
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["QuestionnaireResponse.resourceType"]


def test_every_status_the_schema_allows_is_taken_and_another_is_refused(client, schema, valid_body):
    for status in schema["properties"]["status"]["enum"]:
        assert post(client, {**valid_body, "status": status}).status_code == 200, status
    for status in ("in-progress", "", "entered-in-error"):
        assert status not in schema["properties"]["status"]["enum"]
        assert post(client, {**valid_body, "status": status}).status_code == 400, status


@pytest.mark.parametrize("questionnaire, taken", [
    (QUESTIONNAIRE, True), (f"{QUESTIONNAIRE}|3", True), (f"{QUESTIONNAIRE}|", True),
    ("https://example.org/q", False), (f"{QUESTIONNAIRE}x", False), ("", False), (f"x{QUESTIONNAIRE}", False),
])
def test_the_questionnaire_pattern_says_which_canonical_url_is_taken(client, schema, valid_body, questionnaire, taken):
    pattern = schema["properties"]["questionnaire"]["pattern"]
    assert matches(pattern, questionnaire) is taken
    assert (post(client, {**valid_body, "questionnaire": questionnaire}).status_code == 200) is taken


@pytest.mark.parametrize("authored, taken", [
    ("2026", True), ("2026-11-30", True), ("2026-11-30T10:00:00+01:00", True), ("2026-11-30T10:00:00.5Z", True),
    ("30-11-2026", False), ("2026-11-30 10:00", False), ("", False), ("2026-11-30T10:00:00+01:00\n", False),
])
def test_the_authored_pattern_says_which_date_time_is_taken(client, schema, valid_body, authored, taken):
    pattern = schema["properties"]["authored"]["pattern"]
    assert matches(pattern, authored) is taken
    assert (post(client, {**valid_body, "authored": authored}).status_code == 200) is taken


def test_every_element_the_schema_lists_is_taken_and_no_other(client, schema, valid_body):
    assert schema["additionalProperties"] is False
    for element in schema["properties"]:
        if element not in valid_body:
            assert post(client, {**valid_body, element: "x"}).status_code == 200, element
    response = post(client, {**valid_body, "answers": {}})
    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["QuestionnaireResponse.answers"]


@pytest.mark.parametrize("path, method, status, resource_type", [
    (URL, "post", "200", "Bundle"),
    (URL, "post", "400", "OperationOutcome"),
    ("/api/v1/fhir/CodeSystem/{id}", "get", "200", "CodeSystem"),
    ("/api/v1/fhir/CodeSystem/{id}", "get", "404", "OperationOutcome"),
    ("/api/v1/fhir/Questionnaire/rugtest", "get", "200", "Questionnaire"),
])
def test_each_fhir_answer_names_the_resource_it_is(document, path, method, status, resource_type):
    answer = document["paths"][path][method]["responses"][status]
    schema = resolve(document, answer["content"]["application/fhir+json"]["schema"])
    assert schema["properties"]["resourceType"]["enum"] == [resource_type]
