"""The JSON API: same outcome as the core and the command line, 400 naming the field."""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from answers import complete_answers
from clinical import load_clinical_json
from helpers import run_cli
from rugtest.core.triage import triage

CASES = load_clinical_json("vignettes-examples.json")

# The API's rate limit counts in the shared cache, which lives in the database.
pytestmark = pytest.mark.django_db


def post(client, body, raw=False):
    data = body if raw else json.dumps(body)
    return client.post("/api/v1/triage", data=data, content_type="application/json")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_api_gives_the_example_outcome(client, case):
    response = post(client, {"answers": case["answers"]})
    assert response.status_code == 200
    assert response.json() == case["expect"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=complete_answers())
def test_api_and_core_agree_for_any_answers(client, answers):
    assert post(client, {"answers": answers}).json() == triage({"answers": answers})


@pytest.mark.parametrize(
    "body, field",
    [
        ("[1, 2]", None),
        ("not json", None),
        ('"answers"', None),
        ("", None),
        ('{"answers": {"age": 300}}', "age"),
        ('{"answers": {}, "x": 1}', "x"),
    ],
)
def test_bad_input_is_400_with_a_json_error_naming_the_field(client, body, field):
    response = post(client, body, raw=True)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert response.json()["error"]["message"]


def test_deeply_nested_json_is_400_not_500(client):
    body = '{"answers": ' + "[" * 100000 + "]" * 100000 + "}"
    response = post(client, body, raw=True)
    assert response.status_code == 400
    assert response.json()["error"]["field"] is None


def test_invalid_utf8_is_400(client):
    response = client.post("/api/v1/triage", data=b"\xff\xfe", content_type="application/json")
    assert response.status_code == 400


def test_api_only_takes_post(client):
    assert client.get("/api/v1/triage").status_code == 405


def test_openapi_document_describes_the_triage(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/triage" in doc["paths"]
    request = doc["components"]["schemas"]["TriageRequest"]["properties"]["answers"]
    assert request["properties"]["age"] == {**request["properties"]["age"], "minimum": 16, "maximum": 120}
    assert "saddle_numbness" in request["required"]


def test_fhir_questionnaire_lists_every_question(client):
    from rugtest.core.questions import QUESTIONS

    doc = client.get("/api/v1/fhir/Questionnaire/rugtest").json()
    assert doc["resourceType"] == "Questionnaire"
    link_ids = [item["linkId"] for group in doc["item"] for item in group["item"]]
    assert link_ids == [q.id for q in QUESTIONS]


def test_healthz_is_plain_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("case", CASES[:4], ids=[c["id"] for c in CASES[:4]])
def test_cli_triage_prints_the_same_outcome_as_the_api(client, case):
    result = run_cli("triage", stdin=json.dumps({"answers": case["answers"]}))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == post(client, {"answers": case["answers"]}).json()
    assert result.stdout == json.dumps(case["expect"], sort_keys=True) + "\n"


@pytest.mark.parametrize(
    "stdin, line",
    [
        ('{"answers": {"age": 300}}', "error: age: must be a whole number from 16 to 120"),
        ("[]", "error: the request must be a JSON object"),
        ("{", "error: request is not valid JSON"),
        ('{"answers": ' + "[" * 100000 + "]" * 100000 + "}", "error: "),
        ('{"answers": {"age": 1' + "0" * 5000 + "}}", "error: request is not valid JSON"),
        (b"\xff\xfe", "error: request is not valid JSON"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line_and_no_output(stdin, line):
    result = run_cli("triage", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(line)
    assert result.stderr.count("\n") == 1
