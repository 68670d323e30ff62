"""Machine-readable descriptions of the rugtest, built from the core's data.

The OpenAPI document and the FHIR Questionnaire are generated from the same question
and rule tables the triage uses, so they cannot drift from it.
"""

import re
from functools import cache

from rugtest.core import questions
from rugtest.core.triage import (
    ACTION_IDS,
    ADVICE_IDS,
    CONDITIONS,
    DURATION_CLASSES,
    LEVELS,
    PROGRAMMES,
    RISK_FACTOR_IDS,
    RULE_IDS,
    RULES_VERSION,
    SUPPORTS,
)

from .fhir import (
    QUESTIONNAIRE_RESPONSE_ELEMENTS,
    answers_system,
    code_system_ids,
    date_time_pattern,
    public_base,
    questionnaire_url,
)


def _answer_schema(question: questions.Question) -> dict:
    described = {"description": question.en}
    if question.type == questions.INT:
        return {"type": "integer", "minimum": question.minimum, "maximum": question.maximum, **described}
    if question.type == questions.MULTI:
        return {"type": "array", "items": {"type": "string", "enum": list(question.values)}, **described}
    return {"type": "string", "enum": list(question.values), **described}


def openapi_document() -> dict:
    return _openapi_document(public_base())


@cache
def _openapi_document(base: str) -> dict:  # D-10: the canonical addresses depend on the site's address
    answers = {
        "type": "object",
        "additionalProperties": False,
        "required": list(questions.REQUIRED_IDS),
        "properties": {q.id: _answer_schema(q) for q in questions.QUESTIONS},
    }
    def id_list(values):
        return {"type": "array", "items": {"type": "string", "enum": list(values)}}

    outcome = {
        "type": "object",
        "required": [
            "spec_version", "level", "action", "conditions", "rules", "uncertain_rules",
            "duration_class", "nonspecific", "programme", "advice", "risk_factors", "support",
        ],
        "properties": {
            "spec_version": {"type": "integer", "enum": [RULES_VERSION]},
            "level": {"type": "string", "enum": list(LEVELS)},
            "action": {"type": "string", "enum": list(ACTION_IDS)},
            "conditions": id_list(CONDITIONS),
            "rules": id_list(RULE_IDS),
            "uncertain_rules": id_list(RULE_IDS),
            "duration_class": {"type": "string", "enum": list(DURATION_CLASSES)},
            "nonspecific": {"type": "boolean"},
            "programme": {"type": "string", "enum": list(PROGRAMMES)},
            "advice": id_list(ADVICE_IDS),
            "risk_factors": id_list(RISK_FACTOR_IDS),
            "support": {
                "type": "string", "nullable": True, "enum": [*SUPPORTS, None],
                "description": "who can best help with non-specific back pain; null unless level is selfcare",
            },
        },
    }
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string", "nullable": True, "description": "the bad field, null when the body is not a JSON object"},
                    "message": {"type": "string"},
                },
            }
        },
    }
    document = {
        # OpenAPI 3.0 on purpose: its schemas define "integer" as a JSON number without a
        # fraction or exponent, which is exactly what the API takes (119, never 119.0);
        # in 3.1 (JSON Schema 2020-12) 119.0 would count as an integer.
        "openapi": "3.0.3",
        "info": {
            "title": "Rugtest API",
            "version": f"{RULES_VERSION}",
            "description": (
                "Triage of low back pain following the Dutch GP guideline (NHG). The outcome "
                "says how urgently to see whom; it is not a diagnosis."
            ),
        },
        "paths": {
            "/api/v1/triage": {
                "post": {
                    "operationId": "triage",
                    "summary": "The outcome for a set of rugtest answers",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TriageRequest"}}},
                    },
                    "responses": {
                        "200": {"description": "The outcome", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Outcome"}}}},
                        "400": {"description": "Bad input, naming the field", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    },
                }
            },
            "/api/v1/fhir/Questionnaire/rugtest": {
                "get": {
                    "operationId": "fhirQuestionnaire",
                    "summary": "The rugtest as an HL7 FHIR R4 Questionnaire",
                    "responses": {"200": {"description": "A FHIR R4 Questionnaire resource", "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirQuestionnaire"}}}}},
                }
            },
            "/api/v1/fhir/QuestionnaireResponse": {
                "post": {
                    "operationId": "fhirQuestionnaireResponse",
                    "summary": "The outcome for a FHIR R4 QuestionnaireResponse to the rugtest Questionnaire",
                    "description": (
                        "Send a QuestionnaireResponse (status completed or amended) whose `questionnaire` is "
                        f"{questionnaire_url()}. Items carry the question ids as `linkId`, grouped by step "
                        "(`step-1` …) or flat; numbers as `valueInteger`, other answers as `valueCoding` "
                        f"from {answers_system()}. The answer is a Bundle of type `collection` with the "
                        "response and an Observation: its value is the level, its components the action, "
                        "conditions, rules, uncertain rules, duration class, nonspecific, programme, advice "
                        "and spec version, coded in the CodeSystems under /api/v1/fhir/CodeSystem/. "
                        "No cookies or CSRF token are needed."
                    ),
                    "requestBody": {
                        "required": True,
                        "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirQuestionnaireResponse"}}},
                    },
                    "responses": {
                        "200": {"description": "A FHIR R4 Bundle (collection): the QuestionnaireResponse and the outcome Observation", "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirBundle"}}}},
                        "400": {"description": "Bad input: an OperationOutcome whose issue names the item (expression)", "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirOperationOutcome"}}}},
                    },
                }
            },
            "/api/v1/fhir/CodeSystem/{id}": {
                "get": {
                    "operationId": "fhirCodeSystem",
                    "summary": "A CodeSystem of the rugtest's ids (levels, actions, rules, conditions, …)",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string", "enum": list(code_system_ids())}}],
                    "responses": {
                        "200": {"description": "A FHIR R4 CodeSystem", "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirCodeSystem"}}}},
                        "404": {"description": "No such CodeSystem: an OperationOutcome", "content": {"application/fhir+json": {"schema": {"$ref": "#/components/schemas/FhirOperationOutcome"}}}},
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "TriageRequest": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["answers"],
                    "properties": {"answers": answers},
                },
                "Outcome": outcome,
                "Error": error,
                "FhirQuestionnaireResponse": _questionnaire_response_schema(),
                "FhirQuestionnaireResponseItem": _questionnaire_response_item_schema(),
                "FhirBundle": _fhir_resource_schema("Bundle"),
                "FhirOperationOutcome": _fhir_resource_schema("OperationOutcome"),
                "FhirCodeSystem": _fhir_resource_schema("CodeSystem"),
                "FhirQuestionnaire": _fhir_resource_schema("Questionnaire"),
            },
            "responses": {"TooManyRequests": TOO_MANY_REQUESTS},
        },
    }
    for operations in document["paths"].values():
        for operation in operations.values():
            operation["responses"]["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    return document


# Every operation shares the per-address rate limit (RUGTEST_API_RATE_LIMIT, api/views.py).
TOO_MANY_REQUESTS = {
    "description": "Too many requests from this address in the current period; try again after Retry-After seconds",
    "headers": {
        "Retry-After": {
            "description": "the seconds until the next period begins",
            "required": True,
            "schema": {"type": "integer", "minimum": 1},
        },
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _fhir_resource_schema(resource_type: str) -> dict:
    return {
        "type": "object",
        "required": ["resourceType"],
        "properties": {"resourceType": {"type": "string", "enum": [resource_type]}},
        "description": f"A FHIR R4 {resource_type} in JSON (http://hl7.org/fhir/R4/{resource_type.lower()}.html)",
    }


def _questionnaire_response_schema() -> dict:
    """What POST /api/v1/fhir/QuestionnaireResponse takes (api/fhir.py read_questionnaire_response)."""
    read = {"resourceType", "questionnaire", "status", "authored", "item"}
    return {
        "type": "object",
        "description": (
            "A FHIR R4 QuestionnaireResponse to the rugtest Questionnaire. Every required question of "
            "the rugtest must be answered by one of its items (the API answers 400 naming the first "
            "one missing); the elements not described here are accepted and not read."
        ),
        "additionalProperties": False,
        "required": ["resourceType", "questionnaire", "status"],
        "properties": {
            "resourceType": {"type": "string", "enum": ["QuestionnaireResponse"]},
            "questionnaire": {
                "type": "string",
                "pattern": f"^{re.escape(questionnaire_url())}(\\|[\\s\\S]*)?$",
                "description": f"{questionnaire_url()}, optionally with |version",
            },
            "status": {"type": "string", "enum": ["completed", "amended"]},
            "authored": {"type": "string", "nullable": True, "pattern": f"^{date_time_pattern()}$", "description": "a FHIR dateTime"},
            "item": {"type": "array", "items": {"$ref": "#/components/schemas/FhirQuestionnaireResponseItem"}},
            **{name: {"description": "a QuestionnaireResponse element the API does not read"}
               for name in sorted(QUESTIONNAIRE_RESPONSE_ELEMENTS - read)},
        },
    }


def _questionnaire_response_item_schema() -> dict:
    return {
        "type": "object",
        "required": ["linkId"],
        "description": (
            "A question of the rugtest (its id as linkId) with its answer, or a group step-1 … step-6 "
            f"holding such items. Numbers as valueInteger, other answers as valueCoding from {answers_system()} "
            "(the answer values of questionnaire.md); one answer, or one per ticked value for a multiple choice."
        ),
        "properties": {
            "linkId": {"type": "string"},
            "answer": {"type": "array", "items": {"type": "object"}},
            "item": {"type": "array", "items": {"$ref": "#/components/schemas/FhirQuestionnaireResponseItem"}},
        },
    }


_FHIR_TYPES = {questions.INT: "integer", questions.YESNO: "choice", questions.CHOICE: "choice", questions.MULTI: "choice"}


def _fhir_item(question: questions.Question) -> dict:
    item = {
        "linkId": question.id,
        "text": question.nl,
        "_text": {
            "extension": [{
                "url": "http://hl7.org/fhir/StructureDefinition/translation",
                "extension": [
                    {"url": "lang", "valueCode": "en"},
                    {"url": "content", "valueString": question.en},
                ],
            }]
        },
        "type": _FHIR_TYPES[question.type],
        "required": question.required,
    }
    if question.type == questions.MULTI:
        item["repeats"] = True
    if question.type == questions.INT:
        item["extension"] = [
            {"url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": question.minimum},
            {"url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": question.maximum},
        ]
    if question.choices:
        item["answerOption"] = [
            {"valueCoding": {"system": answers_system(), "code": c.value, "display": c.nl}} for c in question.web_choices()
        ]
    if question.show_if:
        # One enableWhen per allowed value ("yes" or "don't know"): shown when any holds.
        item["enableWhen"] = [
            {"question": qid, "operator": "=", "answerCoding": {"system": answers_system(), "code": value}}
            for qid, values in question.show_if for value in values
        ]
        item["enableBehavior"] = "any"
    return item


def fhir_questionnaire_document() -> dict:
    return _fhir_questionnaire_document(public_base())


@cache
def _fhir_questionnaire_document(base: str) -> dict:  # D-10
    groups = []
    for step in range(1, questions.STEP_COUNT + 1):
        page = next(p for p in questions.PAGES if p.step == step)
        groups.append({
            "linkId": f"step-{step}",
            "text": page.nl,
            "type": "group",
            "item": [_fhir_item(q) for q in questions.QUESTIONS if q.step == step],
        })
    return {
        "resourceType": "Questionnaire",
        "id": "rugtest",
        "url": questionnaire_url(),
        "version": str(questions.QUESTIONNAIRE_VERSION),
        "name": "Rugtest",
        "title": "Rugtest: zelftest bij lage rugpijn",
        "status": "active",
        "subjectType": ["Patient"],
        "language": "nl",
        "description": "Self-test for low back pain following the NHG guideline (M54, 2017).",
        "item": groups,
    }
