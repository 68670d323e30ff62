"""While the database cannot be reached, every page that needs it answers 503 with
Retry-After and a short page in the person's language; the API answers 503 in JSON;
/healthz stays 200 (docs/production.md, "When the database cannot be reached").

Here the database is made unreachable with Django's own hook for it,
``connection.execute_wrapper``: every statement fails as a refused or dropped connection
does, with Django's OperationalError. tests/web/test_database_restart.py does the same
with a real server and a database that really cannot be reached."""

import re

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import IntegrityError, OperationalError, ProgrammingError, connection
from django.test import Client, RequestFactory

from factories import CASES, form_data, make_programme, make_user
from helpers import DUTCH_WORDS
from rugtest import views

pytestmark = pytest.mark.django_db

WORDS = {
    "nl": ("Het lukt nu even niet", "Probeer het zo nog eens. Wat u invulde, staat nog in uw browser.", "Bel 112"),
    "en": ("This is not working for a moment",
           "Please try again in a moment. What you filled in is still in your browser.", "Call 112"),
}
STEP_1 = form_data("1", CASES["E-09"]["answers"], {})

# Django's two database-backed session engines: every read and write of a session goes
# through Django's cursor, where execute_wrapper sees it.
SESSION_ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]


def refuse_every_statement(execute, sql, params, many, context):
    raise OperationalError("connection to server at \"127.0.0.1\", port 5432 failed: Connection refused")


def refuse_saving_sessions(execute, sql, params, many, context):
    """The database goes away after the view has run: only the session's save fails, in
    SessionMiddleware's response phase (a middleware's process_exception never sees that)."""
    if "django_session" in sql and not sql.lstrip().upper().startswith("SELECT"):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


@pytest.fixture(params=SESSION_ENGINES, ids=["db", "cached_db"])
def session_engine(request, settings):
    settings.SESSION_ENGINE = request.param
    return request.param


def person():
    # Django's test client raises a view's exception in the test by default; a browser gets
    # the answer instead, and that answer is what these tests look at.
    return Client(raise_request_exception=False)


def assert_try_again_page(response, lang):
    assert response.status_code == 503
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Language"] == lang
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    for words in WORDS[lang]:
        assert words in page, words
    assert 'href="tel:112"' in page
    for internal in ("Traceback", "OperationalError", "Connection refused", "server closed", "django_session"):
        assert internal not in page
    if lang == "en":
        text = re.sub(r"<[^>]+>", " ", page).lower()
        assert not DUTCH_WORDS & set(re.findall(r"[a-z]+", text)), "a Dutch word on the English page"


@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])
def test_answering_step_1_while_the_database_cannot_be_reached_asks_to_try_again_in_the_pages_language(prefix, lang):
    visitor = person()
    with connection.execute_wrapper(refuse_every_statement):
        response = visitor.post(f"{prefix}/rugtest/stap/1/", STEP_1)
    assert_try_again_page(response, lang)


@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])
def test_a_rugtest_page_of_someone_with_answers_asks_to_try_again_while_the_database_cannot_be_reached(
        session_engine, prefix, lang):
    visitor = person()
    answered = visitor.post(f"{prefix}/rugtest/stap/1/", STEP_1)
    assert answered.status_code == 302
    with connection.execute_wrapper(refuse_every_statement):
        response = visitor.get(answered["Location"])
    assert_try_again_page(response, lang)
    # Once the database is back, nothing was lost: the next step is there, with the answers kept.
    assert visitor.get(answered["Location"]).status_code == 200
    assert 'value="45"' in visitor.get(f"{prefix}/rugtest/stap/1/").content.decode()


def test_the_programme_page_of_a_signed_in_person_asks_to_try_again_while_the_database_cannot_be_reached():
    walker = make_user(password=None)
    make_programme(walker)
    visitor = person()
    visitor.force_login(walker)
    with connection.execute_wrapper(refuse_every_statement):
        response = visitor.get("/en/rugoefening/")
    assert_try_again_page(response, "en")
    assert visitor.get("/en/rugoefening/").status_code == 200  # and back when the database is


@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])
def test_when_only_the_session_save_fails_after_the_view_the_answer_is_503_too(session_engine, prefix, lang):
    """The view has answered (a redirect to step 2); then saving the session fails, in the
    session middleware's response phase. For a new visitor Django raises the database's
    error; for a session that exists it raises SessionInterrupted from it (a 400 by
    default)."""
    new_visitor = person()
    with connection.execute_wrapper(refuse_saving_sessions):
        response = new_visitor.post(f"{prefix}/rugtest/stap/1/", STEP_1)
    assert_try_again_page(response, lang)

    returning = person()
    assert returning.post(f"{prefix}/rugtest/stap/1/", STEP_1).status_code == 302
    with connection.execute_wrapper(refuse_saving_sessions):
        response = returning.post(f"{prefix}/rugtest/stap/1/", {**STEP_1, "age": "46"})
    assert_try_again_page(response, lang)


def test_the_json_api_answers_503_in_json_with_retry_after_while_the_database_cannot_be_reached():
    with connection.execute_wrapper(refuse_every_statement):
        response = person().post("/api/v1/triage", {"answers": CASES["E-09"]["answers"]},
                                 content_type="application/json")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert 1 <= int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["field"] is None
    assert "try again" in error["message"] and "database" in error["message"]


def test_healthz_stays_200_while_the_database_cannot_be_reached():
    with connection.execute_wrapper(refuse_every_statement):
        response = person().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


# --- Only an unreachable database is a 503 ---------------------------------------------------

@pytest.mark.parametrize("error", [IntegrityError("duplicate key"), ProgrammingError("no such column"),
                                   RuntimeError("a bug")], ids=lambda e: type(e).__name__)
def test_other_errors_stay_a_500(error):
    """A mistake in a query or in the code is not solved by trying again."""
    request = RequestFactory().get("/rugtest/stap/1/")
    try:
        raise error
    except Exception:  # noqa: BLE001 - handler500 is called while Django handles any exception
        response = views.server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_session_interrupted_by_signing_out_elsewhere_stays_a_400():
    request = RequestFactory().post("/rugtest/stap/1/")
    assert views.bad_request(request, SessionInterrupted("signed out in another tab")).status_code == 400
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError as cause:
        interrupted = SessionInterrupted("the save failed")
        interrupted.__cause__ = cause
    assert views.bad_request(request, interrupted).status_code == 503
