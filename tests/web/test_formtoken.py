"""rugtest/formtoken.py: form tokens as Django makes them, from one read of the random source."""

from collections import Counter

import pytest
from django.http import HttpRequest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    _check_token_format,
    _does_token_match,
    _unmask_cipher_token,
)
from django.test import Client, override_settings

from rugtest import formtoken

pytestmark = pytest.mark.django_db


def test_every_character_of_the_alphabet_is_equally_likely():
    # Each of the 62 characters is what exactly 4 of the 256 byte values stand for; the
    # remaining 8 byte values are thrown away, never mapped to a character.
    assert len(CSRF_ALLOWED_CHARS) == 62
    kept = bytes(range(256)).translate(formtoken._TABLE, formtoken._REJECTED).decode()
    assert len(kept) == 248
    assert Counter(kept) == {char: 4 for char in CSRF_ALLOWED_CHARS}


def test_random_strings_of_the_alphabet_never_repeat():
    made = [formtoken.random_chars(CSRF_SECRET_LENGTH) for _ in range(2000)]
    assert all(len(s) == CSRF_SECRET_LENGTH and set(s) <= set(CSRF_ALLOWED_CHARS) for s in made)
    assert len(set(made)) == len(made)
    counts = Counter("".join(made))  # 64,000 characters: about 1,032 of each
    assert len(counts) == 62 and min(counts.values()) > 800 and max(counts.values()) < 1300


def test_a_masked_token_is_one_django_accepts_for_its_secret_only():
    secret = formtoken.random_chars(CSRF_SECRET_LENGTH)
    first, second = formtoken.masked(secret), formtoken.masked(secret)
    assert first != second
    for token in (first, second):
        _check_token_format(token)  # Django's own check: raises on a bad token
        assert _unmask_cipher_token(token) == secret
        assert _does_token_match(token, secret)
        assert not _does_token_match(token, formtoken.random_chars(CSRF_SECRET_LENGTH))


def test_a_new_visitor_gets_a_secret_and_the_cookie_is_to_be_sent():
    request = HttpRequest()
    token = formtoken.get_form_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _does_token_match(token, secret)
    # A visitor with a secret keeps it, as with Django's get_token.
    again = HttpRequest()
    again.META["CSRF_COOKIE"] = secret
    assert _does_token_match(formtoken.get_form_token(again), secret) and again.META["CSRF_COOKIE"] == secret


def test_a_first_visit_to_a_stored_form_page_gets_a_cookie_and_token_that_work():
    Client().get("/rugtest/stap/1/")  # the page is stored
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/rugtest/stap/1/")
    assert not page.templates and "csrftoken" in page.cookies
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answers = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
    assert visitor.post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token}).status_code == 302
    assert Client(enforce_csrf_checks=True).post("/rugtest/stap/1/", {**answers, "csrfmiddlewaretoken": token}).status_code == 403


@override_settings(CSRF_USE_SESSIONS=True)
def test_with_the_secret_in_the_session_django_makes_the_token():
    request = HttpRequest()
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    token = formtoken.get_form_token(request)
    assert _does_token_match(token, request.META["CSRF_COOKIE"])
