"""The JSON API: the same outcome as `rugtest triage`, for other programs."""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from rugtest.core.errors import InputError
from rugtest.core.triage import triage as run_triage

from .schema import fhir_questionnaire_document, openapi_document


def _error(field, message, status=400):
    return JsonResponse({"error": {"field": field, "message": message}}, status=status)


@csrf_exempt  # a machine API without cookies: no session to protect
@require_http_methods(["POST"])
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


@require_GET
def openapi(request):
    return JsonResponse(openapi_document())


@require_GET
def fhir_questionnaire(request):
    return JsonResponse(fhir_questionnaire_document(), content_type="application/fhir+json")
