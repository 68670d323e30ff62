"""The WSGI handler of `rugtest serve` (rugtest/handler.py) keeps which view an address goes
to. Whatever it keeps, every answer must be the one Django gives without it."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve
from django.utils import translation

from factories import make_user
from rugtest import handler as handler_module
from rugtest.handler import Handler

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/", "/en/", "/rugtest/", "/en/rugtest/", "/rugtest/stap/1/", "/en/rugtest/stap/3/", "/rugtest/uitslag/",
    "/medicatie/", "/en/medicatie/", "/informatie/hernia/", "/over/", "/privacy/", "/rugoefening/",
    "/en/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/wandeling/7/", "/accounts/login/",
    "/en/accounts/signup/", "/healthz", "/api/v1/triage",
]


@pytest.fixture(autouse=True)
def _nothing_kept():
    handler_module._matches.clear()
    # As Django's test client does: the test's transaction holds the connection, so the
    # handler must not close it between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    handler_module._matches.clear()


def serve(wsgi, path, **headers):
    environ = RequestFactory().get(path, **headers).environ
    answer = {}
    body = b"".join(wsgi(environ, lambda status, response_headers, exc_info=None: answer.update(
        status=int(status.split()[0]), headers=dict(response_headers))))
    return answer["status"], answer["headers"], body


@pytest.mark.parametrize("path", ADDRESSES)
def test_an_address_goes_to_the_view_django_finds_the_first_time_and_after(path):
    language = "en" if path.startswith("/en/") else "nl"
    wsgi = Handler()
    with translation.override(language):
        expected = resolve(path)
        for _ in range(2):
            request = RequestFactory().get(path)
            found = wsgi.resolve_request(request)
            assert request.resolver_match is found
            assert (found.func, found.args, found.kwargs, found.url_name, found.namespaces, found.route) == (
                expected.func, expected.args, expected.kwargs, expected.url_name, expected.namespaces, expected.route)
    assert (path, language) in handler_module._matches


def test_the_same_address_in_another_language_is_looked_up_for_that_language():
    wsgi = Handler()
    with translation.override("nl"):
        assert wsgi.resolve_request(RequestFactory().get("/rugtest/")).url_name == "start"
    with translation.override("en"):  # English has its prefix: without it, nothing is there
        with pytest.raises(Resolver404):
            wsgi.resolve_request(RequestFactory().get("/rugtest/"))


def test_an_unknown_address_is_not_kept():
    wsgi = Handler()
    for _ in range(2):
        status, _, _ = serve(wsgi, "/bestaat-niet/")
        assert status == 404
    assert not any(path == "/bestaat-niet/" for path, _ in handler_module._matches)


def test_the_handler_answers_as_the_test_client_does():
    """The same answers, redirects and languages through the handler as through Django's own
    test handler, each address asked twice."""
    wsgi = Handler()
    client = Client()
    for path, headers in [("/medicatie/", {}), ("/en/medicatie/", {}), ("/rugtest/", {"HTTP_ACCEPT_LANGUAGE": "en"}),
                          ("/healthz", {}), ("/rugoefening/wandeling/", {}), ("/bestaat-niet/", {})]:
        for _ in range(2):
            status, response_headers, body = serve(wsgi, path, **headers)
            expected = client.get(path, **headers)
            assert status == expected.status_code, path
            assert response_headers.get("Location") == expected.headers.get("Location"), path
            if status == 200 and b"csrfmiddlewaretoken" not in body:
                assert body == expected.content, path


def test_a_signed_in_person_reaches_their_page_through_the_handler():
    user = make_user(password=None)
    client = Client()
    client.force_login(user)
    wsgi = Handler()
    for _ in range(2):
        status, _, body = serve(wsgi, "/rugoefening/", HTTP_COOKIE=f"sessionid={client.cookies['sessionid'].value}")
        assert status == 200
        assert b"Uitloggen" in body or b"uitloggen" in body


def test_a_new_urlconf_forgets_what_was_kept(settings):
    with translation.override("nl"):
        Handler().resolve_request(RequestFactory().get("/medicatie/"))
    assert handler_module._matches
    settings.ROOT_URLCONF = "rugtest.urls"
    assert not handler_module._matches
