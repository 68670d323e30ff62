"""A ``next`` address sent by a browser leads only to a page of this site: anything else (a
bare word Django would read as a view name, another site, a scheme, a newline, a very long
value) falls back to the programme page instead of giving an error page or leaving the site."""

import pytest
from django.core.cache import cache

from factories import CASES, make_user
from helpers import walk
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db
PASSWORD = "walking-every-day-9"
CLAIM = "/rugoefening/uitslag-in-deze-browser/"

NOT_A_PATH_HERE = [
    pytest.param("x", id="a-word"),
    pytest.param("inf", id="inf"),
    pytest.param("9999999", id="a-number"),
    pytest.param("23:59:60", id="a-time"),
    pytest.param("programme:home", id="a-view-name"),
    pytest.param("//evil.example", id="another-site-without-scheme"),
    pytest.param("/\\evil.example", id="another-site-with-a-backslash"),
    pytest.param("https://evil.example/", id="another-site"),
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("/rugoefening/\r\nSet-Cookie: a=b", id="a-newline"),
    pytest.param("/rugoefening/\u202e", id="a-format-character"),
    pytest.param("/" + "a" * 5000, id="very-long"),
    pytest.param("", id="empty"),
]
PATHS_HERE = ["/rugoefening/beginnen/", "/rugoefening/voortgang/?week=2", "/en/rugoefening/"]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def signed_in(client):
    user = make_user("owner@example.org", PASSWORD, verified=True)
    client.force_login(user)
    return user


@pytest.fixture
def pending_claim(client):
    """Someone's result in this browser, then a sign-in to an existing account: the question waits."""
    user = make_user("owner@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD})
    assert client.get("/rugoefening/")["Location"].startswith(CLAIM)
    return user


@pytest.mark.parametrize("next_value", NOT_A_PATH_HERE)
def test_the_question_page_without_a_question_sends_a_bad_next_to_the_programme_page(client, signed_in, next_value):
    response = client.get(CLAIM, {"next": next_value})
    assert response.status_code == 302
    assert response["Location"] == "/rugoefening/"


@pytest.mark.parametrize("next_value", NOT_A_PATH_HERE)
def test_the_question_page_shows_the_programme_page_as_the_way_on_for_a_bad_next(client, pending_claim, next_value):
    response = client.get(CLAIM, {"next": next_value})
    assert response.status_code == 200
    assert '<input type="hidden" name="next" value="/rugoefening/">' in response.content.decode()


@pytest.mark.parametrize("answer", ["yes", "no"])
@pytest.mark.parametrize("next_value", NOT_A_PATH_HERE)
def test_answering_the_question_with_a_bad_next_lands_on_the_programme_page(client, pending_claim, next_value, answer):
    response = client.post(CLAIM, {"mine": answer, "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == "/rugoefening/"
    assert RugtestResult.objects.filter(user=pending_claim).count() == (1 if answer == "yes" else 0)


@pytest.mark.parametrize("next_value", PATHS_HERE)
def test_a_path_on_this_site_is_kept_with_and_without_a_question(client, pending_claim, next_value):
    assert f'name="next" value="{next_value}"' in client.get(CLAIM, {"next": next_value}).content.decode()
    assert client.post(CLAIM, {"mine": "yes", "next": next_value})["Location"] == next_value
    assert client.get(CLAIM, {"next": next_value})["Location"] == next_value  # answered: straight on


def test_the_english_question_page_falls_back_to_the_english_programme_page(client, signed_in):
    assert client.get("/en" + CLAIM, {"next": "x"})["Location"] == "/en/rugoefening/"


def test_the_way_to_the_question_carries_the_page_it_came_from(client, pending_claim):
    response = client.get("/en/rugoefening/beginnen/")
    assert response["Location"] == f"/en{CLAIM}?next=/en/rugoefening/beginnen/"


@pytest.mark.parametrize("next_value", NOT_A_PATH_HERE)
def test_signing_in_with_a_bad_next_lands_on_the_programme_page(client, next_value):
    make_user("owner@example.org", PASSWORD, verified=True)
    response = client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD, "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == "/rugoefening/"


def test_signing_in_with_a_path_on_this_site_lands_there(client):
    make_user("owner@example.org", PASSWORD, verified=True)
    response = client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD,
                                                "next": "/rugoefening/voortgang/"})
    assert response["Location"] == "/rugoefening/voortgang/"


@pytest.mark.parametrize("next_value", ["x", "23:59:60", "//evil.example", "javascript:alert(1)"])
def test_signing_up_with_a_bad_next_lands_on_the_programme_page(client, next_value):
    import re

    from django.core import mail

    response = client.post("/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD,
                                                 "password2": PASSWORD, "next": next_value})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/rugoefening/"
