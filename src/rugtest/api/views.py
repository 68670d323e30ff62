"""The JSON API: the same outcome as `rugtest triage`, for other programs."""

import json
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from rugtest.security import rate_limit

from rugtest.core.errors import InputError
from rugtest.core.triage import triage as run_triage

from .schema import fhir_questionnaire_document, openapi_document


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
    return JsonResponse(fhir_questionnaire_document(), content_type="application/fhir+json")
