"""Site-wide views: health check and the friendly error pages.

While the database cannot be reached (restarting, a network break, a connection dropped),
every page that needs it answers 503 with Retry-After instead of 500: Django hands such an
exception to ``handler500`` (or, when it broke a session's save, to ``handler400`` as a
``SessionInterrupted`` caused by it), wherever it was raised: in a view, a middleware's
request or response phase, or a template. ``/healthz`` needs no database and stays 200.
"""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

from .accounts import rate_limit_retry_after
from .core import questions
from .core.triage import aaa_suspected_by_age

# Seconds a browser or program is asked to wait: a database restart takes about one.
RETRY_AFTER_SECONDS = 5


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say so, and offer the way back. When it was
    the rugtest's step of the emergency signs, the answer could not be read: the signs that
    mean "call now" stand on this page too, first (an age not known counts as older, R-AAA-1)."""
    match = request.resolver_match
    page = questions.PAGE_BY_ID.get(match.kwargs.get("page_id")) if match and match.url_name == "step" else None
    return render(request, "errors/csrf.html", {
        "emergency_step": page is not None and page.step == questions.EMERGENCY_STEP,
        "over_40": aaa_suspected_by_age(None),
    }, status=403)


def too_many_requests(request, exception=None):
    """allauth's page past one of its rate limits, with the wait after which none refuses,
    and the way back to the page the person came from (the code form, the sign-in)."""
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    response = render(request, "errors/429.html", {"back_url": urlsplit(back).path if back else ""}, status=429)
    response["Retry-After"] = str(rate_limit_retry_after())
    return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def bad_request(request, exception=None):
    if _database_unreachable(exception):
        return database_unavailable(request)
    return defaults.bad_request(request, exception)


def server_error(request):
    if _database_unreachable(sys.exc_info()[1]):  # the exception Django is handling
        return database_unavailable(request)
    return render(request, "errors/500.html", status=500)


def _database_unreachable(exception) -> bool:
    """Whether the database failed to answer, by the exception or one it was raised from.
    Django's OperationalError is the database's own trouble (PEP 249: a lost or refused
    connection, a restart, a lock that was not given in time), not a mistake in a query;
    InterfaceError is a connection that is no longer usable."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        seen.add(id(exception))
        # As a traceback reads the chain: the cause, else the context unless "from None".
        suppressed = exception.__suppress_context__
        exception = exception.__cause__ if exception.__cause__ is not None or suppressed else exception.__context__
    return False


def database_unavailable(request):
    """503 with Retry-After, made without the database: no session, no signed-in person.
    The API answers in JSON; a page in the language of its address."""
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"error": {"field": None, "message": (
            f"the database cannot be reached at the moment; try again in {RETRY_AFTER_SECONDS} seconds")}},
            status=503)
    else:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            page = render_to_string("errors/503.html", {"lang": language, "home": reverse("content:home")})
        response = HttpResponse(page, status=503)
        response["Content-Language"] = language
        # The middleware that writes these may be the one that failed.
        response["Content-Security-Policy"] = settings.RUGTEST_CONTENT_SECURITY_POLICY
        response["Permissions-Policy"] = settings.RUGTEST_PERMISSIONS_POLICY
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def manifest(request):
    """The web app manifest, so that a phone can put Rugtest on its home screen."""
    return JsonResponse(
        {
            "name": "Rugtest",
            "short_name": "Rugtest",
            "description": "Rugtest, rugoefening en uitleg over pijnstillers bij lage rugpijn.",
            "lang": "nl",
            "start_url": "/start/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5394",
            "icons": [
                {"src": static("rugtest/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any maskable"},
                {"src": static("rugtest/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
                {"src": static("rugtest/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        },
        content_type="application/manifest+json",
    )


def app_start(request):
    """Where the home-screen app opens: the walking programme for a signed-in person."""
    return redirect("programme:home" if request.user.is_authenticated else "content:home")
