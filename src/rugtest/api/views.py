"""The JSON API: the same outcome as `rugtest triage`, for other programs."""

import json
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from rugtest.core.errors import InputError
from rugtest.core.triage import triage as run_triage
from rugtest.security import rate_limit

from . import fhir
from .schema import fhir_questionnaire_document, openapi_document

FHIR_JSON = "application/fhir+json"


def _error(field, message, status=400):
    return JsonResponse({"error": {"field": field, "message": message}}, status=status)


def api_view(*methods):
    """Every API endpoint: no CSRF check (a machine API without cookies: no session to
    protect), the per-address rate limit (429 with Retry-After), and 405 in JSON with Allow
    for a method it does not serve (GET also allows HEAD)."""
    allowed = list(methods) + (["HEAD"] if "GET" in methods else [])

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            limit, period = settings.RUGTEST_API_RATE_LIMIT
            wait = rate_limit(request, "api", limit, period)
            if wait is not None:
                response = _error(None, f"too many requests: at most {limit} in {period} seconds; try again in {wait} seconds", 429)
                response["Retry-After"] = str(wait)
                return response
            if request.method not in allowed:
                response = _error(None, f"method {request.method} is not allowed here; use {', '.join(allowed)}", 405)
                response["Allow"] = ", ".join(allowed)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@api_view("POST")
def triage(request):
    try:
        request_json = json.loads(request.body.decode("utf-8"))
    except RequestDataTooBig:
        return _error(None, "the request body is too large")
    except (ValueError, RecursionError):  # not UTF-8 or not JSON, numbers too long, too deep
        return _error(None, "the request body must be a JSON object")
    try:
        outcome = run_triage(request_json)
    except InputError as error:
        return JsonResponse(error.as_json(), status=400)
    except RecursionError:
        return _error(None, "the request body is nested too deeply")
    return JsonResponse(outcome, json_dumps_params={"sort_keys": True})


@api_view("GET")
def openapi(request):
    return JsonResponse(openapi_document())


@api_view("GET")
def fhir_questionnaire(request):
    return JsonResponse(fhir_questionnaire_document(), content_type=FHIR_JSON)


@api_view("GET")
def fhir_measures_questionnaire(request):
    """outcome-measures.md O-5: the Questionnaire of the measurements in the FHIR export."""
    from rugtest.privacy.export import measures_questionnaire

    return JsonResponse(measures_questionnaire(), content_type=FHIR_JSON)


def _fhir_error(error: InputError, status=400):
    return JsonResponse(fhir.operation_outcome(error), status=status, content_type=FHIR_JSON)


@api_view("POST")
def fhir_questionnaire_response(request):
    """A QuestionnaireResponse in, a Bundle with it and the outcome Observation out."""
    try:
        resource = json.loads(request.body.decode("utf-8"))
    except RequestDataTooBig:
        return _fhir_error(InputError(None, "the request body is too large", ""))
    except (ValueError, RecursionError):
        return _fhir_error(InputError(None, "the request body must be a FHIR resource in JSON", ""))
    try:
        request_json, authored = fhir.read_questionnaire_response(resource)
        outcome = run_triage(request_json)
    except InputError as error:
        return _fhir_error(error)
    except RecursionError:
        return _fhir_error(InputError(None, "the request body is nested too deeply", ""))
    bundle = fhir.result_bundle(request_json["answers"], outcome, authored=authored, timestamp=fhir.now_instant())
    return JsonResponse(bundle, content_type=FHIR_JSON)


@api_view("GET")
def fhir_code_system(request, code_system_id):
    document = fhir.code_system_document(code_system_id)
    if document is None:
        error = {"resourceType": "OperationOutcome", "issue": [{
            "severity": "error", "code": "not-found",
            "diagnostics": f"no CodeSystem {code_system_id!r}; there are: {', '.join(fhir.code_system_ids())}",
        }]}
        return JsonResponse(error, status=404, content_type=FHIR_JSON)
    return JsonResponse(document, content_type=FHIR_JSON)
