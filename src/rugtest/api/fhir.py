"""The rugtest in HL7 FHIR R4: answers as a QuestionnaireResponse, the outcome as an
Observation, both in a Bundle of type ``collection``; the spec's ids as CodeSystems.

Everything is built from the core's tables (questions, rules, levels) and the words'
one home (``rugtest.words``), so nothing here can drift from the triage. Reading a
QuestionnaireResponse turns it into the same request ``rugtest triage`` takes; every
input error names the item (its ``linkId``) in an OperationOutcome.
"""

from __future__ import annotations

import json
import re
import uuid
from contextvars import ContextVar
from datetime import datetime
from functools import cache

from django.conf import settings
from django.utils import translation

from rugtest import words
from rugtest.core import programme as walking
from rugtest.core import questions
from rugtest.core.errors import InputError
from rugtest.core.triage import (
    ACTION_IDS,
    ADVICE_IDS,
    CONDITIONS,
    DURATION_CLASSES,
    LEVELS,
    PROGRAMMES,
    RISK_FACTOR_IDS,
    RULES,
    RULES_VERSION,
    SUPPORTS,
)

# D-10: the canonical addresses are built from RUGTEST_PUBLIC_URL (the address the site is
# reached at), else from the address of the request being answered (PublicAddressMiddleware),
# as <base>/fhir/CodeSystem/<id> and <base>/fhir/Questionnaire/rugtest; the site serves the
# resources there (rugtest.urls). Never a domain that is not the site's own.
_REQUEST_BASE: ContextVar[str | None] = ContextVar("rugtest_request_base", default=None)
# Outside a request (the command line) and without the setting: the address of `make run`.
FALLBACK_BASE = "http://127.0.0.1:8000"


def public_base() -> str:
    """The site's own address without a trailing slash (D-10)."""
    return (settings.RUGTEST_PUBLIC_URL or _REQUEST_BASE.get() or FALLBACK_BASE).rstrip("/")


class PublicAddressMiddleware:
    """Keeps the address of the request being answered for the canonical URLs (D-10), when
    RUGTEST_PUBLIC_URL does not name it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _REQUEST_BASE.set(request.build_absolute_uri("/"))
        try:
            return self.get_response(request)
        finally:
            _REQUEST_BASE.reset(token)


def canonical() -> str:
    return f"{public_base()}/fhir"


def questionnaire_url() -> str:
    return f"{canonical()}/Questionnaire/rugtest"


def answers_system() -> str:
    return system_url("rugtest-answers")


OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"


def _words(lazy_by_lang) -> dict[str, str]:
    """A text of ``rugtest.words`` in Dutch and English."""
    found = {}
    for lang in ("nl", "en"):
        with translation.override(lang):
            found[lang] = str(lazy_by_lang)
    return found


def _rule_definition(rule) -> str:
    condition = f"; condition {rule.condition}" if rule.condition else ""
    return f"level {rule.level}{condition}; questions: {', '.join(dict.fromkeys(rule.questions))}"


def _code_systems() -> dict[str, dict]:
    """id → title, and its concepts as (code, {nl, en} display or None, definition)."""
    return {
        "rugtest-level": {
            "title": "Rugtest triage levels (most urgent first)",
            "concepts": [(c, _words(words.LEVELS[c]["label"]), None) for c in LEVELS],
        },
        "rugtest-action": {
            "title": "Rugtest actions: what the person should do",
            "concepts": [(c, _words(words.ACTIONS[c]["title"]), None) for c in ACTION_IDS],
        },
        "rugtest-rule": {
            "title": "Rugtest triage rules (shared/clinical/triage-rules.md)",
            "concepts": [(r.id, None, _rule_definition(r)) for r in RULES],
        },
        "rugtest-condition": {
            "title": "Conditions the rugtest asks a doctor to look at (not diagnoses)",
            "concepts": [(c, _words(words.CONDITIONS[c]["name"]), None) for c in CONDITIONS],
        },
        "rugtest-advice": {
            "title": "Rugtest advice",
            "concepts": [(a, _words(words.ADVICE[a]), None) for a in ADVICE_IDS],
        },
        "rugtest-duration": {
            "title": "Duration classes of low back pain",
            "concepts": [(c, _words(words.DURATION[c]["name"]), None) for c in DURATION_CLASSES],
        },
        "rugtest-programme": {
            "title": "Whether the walking programme fits",
            "concepts": [(c, None, None) for c in PROGRAMMES],
        },
        "rugtest-risk-factor": {
            "title": "Factors that make a long course of back pain more likely (KNGF 2021, B.2)",
            "concepts": [(f, _words(words.RISK_FACTORS[f]), None) for f in RISK_FACTOR_IDS],
        },
        "rugtest-support": {
            "title": "Who can best help the person get active again (non-specific back pain)",
            "concepts": [(c, _words(words.SUPPORT[c]["title"]), None) for c in SUPPORTS],
        },
        "rugtest-answers": {
            "title": "Answer values of the rugtest questionnaire",
            "concepts": _answer_concepts(),
        },
        # The walking programme's codes in the FHIR export (/mijn-gegevens/export.fhir.json).
        "rugtest-programme-record": {
            "title": "The parts of a logged walk and of a check-in (walking-programme.md W-8, W-14)",
            "concepts": [(c, None, d) for c, d in PROGRAMME_PARTS.items()],
        },
        "rugtest-warning-sign": {
            "title": "Warning signs of the walking programme (walking-programme.md W-9)",
            "concepts": [(c, _words(words.SIGNS[c]["label"]), None) for c in walking.WARNING_SIGNS],
        },
        "rugtest-progress": {
            "title": "Answers to the check-in's question: better, the same or worse (walking-programme.md W-14)",
            "concepts": [(c, _words(words.PROGRESS[c]), None) for c in walking.PROGRESS_VALUES],
        },
        "rugtest-outcome-part": {
            "title": "The parts of a rugtest outcome (Observation code and component codes)",
            "concepts": [(c, None, d) for c, d in OUTCOME_PARTS.items()],
        },
    }


def _answer_concepts():
    seen = {}
    for question in questions.QUESTIONS:
        for choice in question.choices:
            seen.setdefault(choice.value, {"nl": choice.nl, "en": choice.en})
    return [(value, wording, None) for value, wording in seen.items()]


# The codes of a logged walk's components and of the check-in's QuestionnaireResponse items.
PROGRAMME_PARTS = {
    "pain_before": "pain before the walk, 0 to 10",
    "pain_after": "pain after the walk, 0 to 10",
    "warning_sign": "a warning sign ticked with the walk (one component each; code in rugtest-warning-sign)",
    "checkin": "a check-in of the walking programme (W-14)",
    "progress": "the check-in's answer: better, the same or worse than at the start (rugtest-progress)",
}


# The Observation's own code and the code of each component, with the outcome key it holds.
OUTCOME_PARTS = {
    "outcome": "the rugtest outcome; value: the level",
    "action": "outcome key action",
    "condition": "outcome key conditions (one component each, in order)",
    "rule": "outcome key rules: rules that fired certain (one component each, in order)",
    "uncertain-rule": "outcome key uncertain_rules (one component each, in order)",
    "duration-class": "outcome key duration_class",
    "nonspecific": "outcome key nonspecific",
    "programme": "outcome key programme",
    "advice": "outcome key advice (one component each, in order)",
    "risk-factor": "outcome key risk_factors (one component each, in order)",
    "support": "outcome key support (absent when null)",
    "spec-version": "outcome key spec_version",
}
# Outcome key → (component code, CodeSystem id) for the coded, repeating keys, in order.
_LIST_PARTS = (
    ("conditions", "condition", "rugtest-condition"),
    ("rules", "rule", "rugtest-rule"),
    ("uncertain_rules", "uncertain-rule", "rugtest-rule"),
    ("advice", "advice", "rugtest-advice"),
    ("risk_factors", "risk-factor", "rugtest-risk-factor"),
)


def system_url(code_system_id: str) -> str:
    return f"{canonical()}/CodeSystem/{code_system_id}"


def code_system_document(code_system_id: str) -> dict | None:
    return _code_system_document(code_system_id, public_base())


@cache
def _code_system_document(code_system_id: str, base: str) -> dict | None:
    spec = _code_systems().get(code_system_id)
    if spec is None:
        return None
    concepts = []
    for code, wording, definition in spec["concepts"]:
        concept = {"code": code}
        if wording:
            concept["display"] = wording["nl"]
            concept["designation"] = [{"language": "en", "value": wording["en"]}]
        if definition:
            concept["definition"] = definition
        concepts.append(concept)
    return {
        "resourceType": "CodeSystem",
        "id": code_system_id,
        "url": system_url(code_system_id),
        # The codes are those of triage-rules.md (R-ANE-1 came with version 3).
        "version": str(RULES_VERSION),
        "name": "".join(part.capitalize() for part in code_system_id.split("-")),
        "title": spec["title"],
        "status": "active",
        "language": "nl",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


def code_system_ids() -> tuple[str, ...]:
    return tuple(_code_systems())


def _coding(code_system_id: str, code: str) -> dict:
    coding = {"system": system_url(code_system_id), "code": code}
    document = code_system_document(code_system_id)
    display = next((c.get("display") for c in document["concept"] if c["code"] == code), None)
    if display:
        coding["display"] = display
    return coding


def _concept(code_system_id: str, code: str) -> dict:
    return {"coding": [_coding(code_system_id, code)]}


concept = _concept


# Answers → QuestionnaireResponse ------------------------------------------------------------


def _answer_values(question: questions.Question, value) -> list[dict]:
    if question.type == questions.INT:
        return [{"valueInteger": value}]
    values = value if question.type == questions.MULTI else [value]
    return [
        {"valueCoding": {"system": answers_system(), "code": v, "display": question.choice_text(v, "nl")}}
        for v in values
    ]


def checkin_response(checkin, *, authored: str | None = None) -> dict:
    """A check-in of the walking programme (W-14) as a QuestionnaireResponse: its progress
    answer, coded in rugtest-progress, and the step 6 questions answered again, coded as in the
    rugtest Questionnaire (a question left open is left out, D-3)."""
    items = [{
        "linkId": "progress",
        "text": "Hoe gaat het nu met uw rug, vergeleken met het begin van de rugoefening?",
        "answer": [{"valueCoding": _coding("rugtest-progress", checkin.progress)}],
    }]
    for question in questions.QUESTIONS:
        value = checkin.answers.get(question.id)
        if question.step == questions.RISK_STEP and value:
            items.append({"linkId": question.id, "text": question.nl, "answer": _answer_values(question, value)})
    response = {
        "resourceType": "QuestionnaireResponse",
        "meta": {"tag": [_coding("rugtest-programme-record", "checkin")]},
        "status": "completed",
        "item": items,
    }
    if authored:
        response["authored"] = authored
    return response


def _uuid(*parts) -> str:
    """A stable id: the same answers give the same resource ids."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(json.dumps(p, sort_keys=True) for p in parts)))


def questionnaire_response(answers: dict, authored: str | None = None, stopped: bool = False) -> dict:
    """The answers as a QuestionnaireResponse to the rugtest Questionnaire, grouped by step.

    ``stopped``: the web flow stopped early for an emergency (questionnaire.md) and the
    questions it did not ask are absent; FHIR calls that status "stopped".
    """
    groups = []
    for step in range(1, questions.STEP_COUNT + 1):
        items = [
            {"linkId": q.id, "text": q.nl, "answer": _answer_values(q, answers[q.id])}
            for q in questions.QUESTIONS if q.step == step and q.id in answers and answers[q.id] != []
        ]
        if items:
            groups.append({"linkId": f"step-{step}", "item": items})
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid("QuestionnaireResponse", answers, authored),
        "questionnaire": questionnaire_url(),
        "status": "stopped" if stopped else "completed",
    }
    if authored:
        response["authored"] = authored
    response["item"] = groups
    return response


def outcome_observation(outcome: dict, response_ref: str, effective: str | None = None) -> dict:
    """The outcome as one Observation (D-11: no Patient is kept): the level as its value, every
    other key a component."""
    components = [{
        "code": _concept("rugtest-outcome-part", "action"),
        "valueCodeableConcept": _concept("rugtest-action", outcome["action"]),
    }]
    for key, part, system in _LIST_PARTS[:3]:
        components += [
            {"code": _concept("rugtest-outcome-part", part), "valueCodeableConcept": _concept(system, code)}
            for code in outcome[key]
        ]
    if outcome["duration_class"] is not None:  # None: an early emergency before step 1 asked it
        components.append({"code": _concept("rugtest-outcome-part", "duration-class"),
                           "valueCodeableConcept": _concept("rugtest-duration", outcome["duration_class"])})
    components += [
        {"code": _concept("rugtest-outcome-part", "nonspecific"), "valueBoolean": outcome["nonspecific"]},
        {"code": _concept("rugtest-outcome-part", "programme"),
         "valueCodeableConcept": _concept("rugtest-programme", outcome["programme"])},
    ]
    for key, part, system in _LIST_PARTS[3:]:
        components += [
            {"code": _concept("rugtest-outcome-part", part), "valueCodeableConcept": _concept(system, code)}
            for code in outcome.get(key, [])  # a result kept under spec version 1 has no risk_factors
        ]
    if outcome.get("support") is not None:
        components.append({"code": _concept("rugtest-outcome-part", "support"),
                           "valueCodeableConcept": _concept("rugtest-support", outcome["support"])})
    components.append({"code": _concept("rugtest-outcome-part", "spec-version"), "valueInteger": outcome["spec_version"]})
    observation = {
        "resourceType": "Observation",
        "id": _uuid("Observation", outcome, response_ref),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {**_concept("rugtest-outcome-part", "outcome"), "text": "Rugtest"},
    }
    if effective:
        observation["effectiveDateTime"] = effective
    observation.update({
        "derivedFrom": [{"reference": response_ref}],
        "valueCodeableConcept": _concept("rugtest-level", outcome["level"]),
        "component": components,
    })
    return observation


def result_bundle(answers: dict, outcome: dict, authored: str | None = None, stopped: bool = False,
                  timestamp: str | None = None) -> dict:
    """A Bundle (``collection``) with the QuestionnaireResponse and the outcome Observation."""
    response = questionnaire_response(answers, authored, stopped)
    response_url = f"urn:uuid:{response['id']}"
    observation = outcome_observation(outcome, response_url, authored)
    bundle = {
        "resourceType": "Bundle",
        "id": _uuid("Bundle", response["id"], observation["id"]),
        "type": "collection",
    }
    if timestamp:
        bundle["timestamp"] = timestamp
    bundle["entry"] = [
        {"fullUrl": response_url, "resource": response},
        {"fullUrl": f"urn:uuid:{observation['id']}", "resource": observation},
    ]
    return bundle


# QuestionnaireResponse → answers ------------------------------------------------------------

_DATE_TIME = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?")
# The elements of a QuestionnaireResponse; any other is refused.
QUESTIONNAIRE_RESPONSE_ELEMENTS = frozenset({
    "resourceType", "id", "meta", "language", "text", "identifier", "questionnaire", "status",
    "subject", "authored", "author", "source", "item", "extension", "modifierExtension",
    "basedOn", "partOf", "encounter", "implicitRules", "contained",
})


def date_time_pattern() -> str:
    """The FHIR dateTime the API takes as ``authored``, as a regular expression (for the OpenAPI document)."""
    return _DATE_TIME.pattern


def _bad(field, message):
    return InputError(field, message, message)


def _answer_of(question: questions.Question, item: dict):
    answers = item.get("answer", [])
    if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
        raise _bad(question.id, "answer must be a list of objects")
    if question.type != questions.MULTI and len(answers) != 1:
        raise _bad(question.id, "must have exactly one answer")
    if question.type == questions.INT:
        if set(answers[0]) - {"valueInteger", "extension"} or "valueInteger" not in answers[0]:
            raise _bad(question.id, "answer must be a valueInteger")
        return answers[0]["valueInteger"]
    codes = []
    for answer in answers:
        coding = answer.get("valueCoding")
        if not isinstance(coding, dict) or set(answer) - {"valueCoding", "extension"}:
            raise _bad(question.id, "answer must be a valueCoding")
        if coding.get("system", answers_system()) != answers_system():
            raise _bad(question.id, f"valueCoding.system must be {answers_system()}")
        codes.append(coding.get("code"))
    return codes if question.type == questions.MULTI else codes[0]


def _walk_items(items, found: dict, path: str) -> None:
    if not isinstance(items, list):
        raise _bad(path, "item must be a list")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
            raise _bad(path, "every item needs a linkId")
        link_id = item["linkId"]
        question = questions.BY_ID.get(link_id)
        if question is None:
            if re.fullmatch(r"step-[1-9]", link_id) and "answer" not in item:
                _walk_items(item.get("item", []), found, link_id)
                continue
            raise _bad(link_id, "is not an item of the rugtest Questionnaire")
        if link_id in found:
            raise _bad(link_id, "is answered more than once")
        if "item" in item:
            raise _bad(link_id, "a question item has no nested items here")
        if item.get("answer") in (None, []):
            continue  # an unanswered item is simply not answered
        found[link_id] = _answer_of(question, item)


def read_questionnaire_response(resource) -> tuple[dict, str | None]:
    """The ``rugtest triage`` request and the ``authored`` time of a QuestionnaireResponse.

    Raises InputError naming the item (or the element) for anything that is not a
    completed response to the rugtest Questionnaire with valid answers.
    """
    if not isinstance(resource, dict):
        raise _bad(None, "the body must be a FHIR resource (a JSON object)")
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise _bad("resourceType", "must be QuestionnaireResponse")
    unknown = sorted(set(resource) - QUESTIONNAIRE_RESPONSE_ELEMENTS)
    if unknown:
        raise _bad(unknown[0], "is not an element of QuestionnaireResponse")
    named = resource.get("questionnaire")
    if not isinstance(named, str) or named.split("|")[0] != questionnaire_url():
        raise _bad("questionnaire", f"must be {questionnaire_url()}")
    if resource.get("status") not in ("completed", "amended"):
        raise _bad("status", 'must be "completed" or "amended"')
    authored = resource.get("authored")
    if authored is not None and not (isinstance(authored, str) and _DATE_TIME.fullmatch(authored)):
        raise _bad("authored", "must be a FHIR dateTime")
    found: dict = {}
    _walk_items(resource.get("item", []), found, "item")
    request = {"answers": found}
    questions.validate_request(request)  # names the first bad or missing item
    return request, authored


def operation_outcome(error: InputError) -> dict:
    field = error.field
    issue = {
        "severity": "error",
        "code": "required" if error.messages["en"] == "is required" else "invalid",
        "diagnostics": f"{field}: {error.messages['en']}" if field else error.messages["en"],
    }
    if field and field in questions.BY_ID:
        issue["expression"] = [f"QuestionnaireResponse.item.where(linkId='{field}')"]
    elif field and re.fullmatch(r"[A-Za-z]+", field):
        issue["expression"] = [f"QuestionnaireResponse.{field}"]
    elif field:
        issue["expression"] = [f"QuestionnaireResponse.item.where(linkId='{_fhirpath_string(field)}')"]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def _fhirpath_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")[:200]


def now_instant() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
