"""rugtest/languages.py gives every address the language and headers Django's own
LocaleMiddleware gives it."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

OURS = "rugtest.languages.LocaleMiddleware"
DJANGOS = [("django.middleware.locale.LocaleMiddleware" if m == OURS else m) for m in settings.MIDDLEWARE]
PATHS = ["/", "/en/", "/rugtest/stap/1/", "/en/rugtest/stap/1/", "/medicatie/", "/en/medicatie/", "/healthz",
         "/bestaat-niet/", "/en/bestaat-niet/", "/en", "/rugtest/stap/1", "/api/v1/openapi.json", "/fr/"]
ASKING_FOR_ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9", "HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=en"}


def seen(response):
    lang = re.search(rb'<html lang="([^"]+)"', response.content)
    return (response.status_code, response.get("Location"), response.get("Content-Language"),
            response.get("Vary"), lang.group(1) if lang else None)


@pytest.mark.parametrize("headers", [{}, ASKING_FOR_ENGLISH], ids=["plain", "asking-for-english"])
def test_the_same_language_and_headers_as_djangos_own(headers):
    assert OURS in settings.MIDDLEWARE
    ours = {path: seen(Client().get(path, **headers)) for path in PATHS}
    with override_settings(MIDDLEWARE=DJANGOS):
        djangos = {path: seen(Client().get(path, **headers)) for path in PATHS}
    assert ours == djangos
    assert ours["/"][2] == "nl" and ours["/en/"][2] == "en"  # the address decides, nothing else


def test_without_language_prefixes_djangos_own_choice_is_kept(rf):
    from django.http import HttpResponse
    from django.utils import translation

    from rugtest.languages import LocaleMiddleware

    request = rf.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    request.urlconf = "rugtest.api.urls"  # patterns without a language prefix
    with translation.override("nl"):
        response = LocaleMiddleware(lambda r: HttpResponse("ok"))(request)
    assert request.LANGUAGE_CODE == "en"  # from Accept-Language, as Django's middleware does
    assert response["Content-Language"] == "en" and "Accept-Language" in response["Vary"]
