"""Downloading everything the site holds about a person needs a recent sign-in, as deleting
the account needs the password: right after signing in the files download; on a browser that
signed in longer ago, allauth asks for the password first and then downloads. allauth's page
past one of its rate limits says when to try again (Retry-After)."""

import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from factories import make_user
from rugtest.privacy.signin import SIGNED_IN_AT

pytestmark = pytest.mark.django_db
PASSWORD = "walking-every-day-9"
EXPORTS = ["/mijn-gegevens/export.json", "/mijn-gegevens/export.fhir.json"]
INFORMAL = re.compile(r"\b(je|jij|jou|jouw)\b", re.I)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def person(client):
    user = make_user("anna@example.org", PASSWORD, verified=True)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return user


def signed_in_minutes_ago(client, minutes):
    session = client.session
    session[SIGNED_IN_AT] = time.time() - minutes * 60
    session.save()


def main_text(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<main"):html.index("</main>")]))


@pytest.mark.parametrize("address", EXPORTS)
def test_right_after_signing_in_the_data_downloads(client, person, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="rugtest-gegevens-')


def test_the_recent_sign_in_lasts_five_minutes(client, person):
    assert settings.ACCOUNT_REAUTHENTICATION_TIMEOUT == 300
    signed_in_minutes_ago(client, 4)
    assert client.get(EXPORTS[0]).status_code == 200
    signed_in_minutes_ago(client, 6)
    assert client.get(EXPORTS[0]).status_code == 302


@pytest.mark.parametrize("address", EXPORTS)
def test_a_sign_in_longer_ago_asks_for_the_password_first_then_downloads(client, person, address):
    signed_in_minutes_ago(client, 6)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/reauthenticate/?next={address.replace('/', '%2F')}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = main_text(page)
    assert "Vul uw wachtwoord nog een keer in" in text
    assert "Om uw gegevens te beschermen, vragen we nog een keer uw wachtwoord." in text
    assert not INFORMAL.search(text), text

    wrong = client.post(response["Location"], {"password": "not-the-password-1"})
    assert wrong.status_code == 200
    assert "Dit wachtwoord klopt niet." in main_text(wrong)
    assert client.get(address).status_code == 302  # still asks

    right = client.post(response["Location"], {"password": PASSWORD})
    assert right.status_code == 302
    assert right["Location"] == address
    download = client.get(address)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    # The password counts for the other file too, for as long as a sign-in does.
    other = next(a for a in EXPORTS if a != address)
    assert client.get(other).status_code == 200


def test_the_english_password_page_is_in_english_and_leads_back_to_the_english_download(client, person):
    signed_in_minutes_ago(client, 6)
    response = client.get("/en/mijn-gegevens/export.json")
    assert response["Location"] == "/en/accounts/reauthenticate/?next=%2Fen%2Fmijn-gegevens%2Fexport.json"
    text = main_text(client.get(response["Location"]))
    assert "Type your password again" in text
    assert "To protect your data, we ask for your password once more." in text
    right = client.post(response["Location"], {"password": PASSWORD})
    assert right["Location"] == "/en/mijn-gegevens/export.json"
    assert client.get(right["Location"]).status_code == 200


def test_a_signed_out_browser_is_sent_to_sign_in(client):
    response = client.get(EXPORTS[0])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_my_data_page_says_the_password_may_be_asked_and_its_links_open_the_password_page(client, person):
    html = client.get("/mijn-gegevens/").content.decode()
    assert "Bent u niet net ingelogd? Dan vragen we eerst nog een keer uw wachtwoord." in html
    for address in EXPORTS:
        link = re.search(rf'<a [^>]*href="{re.escape(address)}"[^>]*>', html).group(0)
        # A download attribute would make the browser save the password page as the file.
        assert " download" not in link, link


# --- allauth's 429 page ------------------------------------------------------------------------


def test_past_the_sign_in_limit_the_429_page_says_when_to_try_again(client):
    for i in range(30):  # "login": 30 a minute per address
        client.post("/accounts/login/", {"login": f"p{i}@example.org", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "p30@example.org", "password": "wrong-password"})
    assert response.status_code == 429
    # The longest window among the limits in the settings: after it none of them refuses
    # ("login_failed": 5 per 300 s per address signed in to).
    assert response["Retry-After"] == "300"
    assert "Te veel pogingen achter elkaar" in main_text(response)


@override_settings(ACCOUNT_RATE_LIMITS={"login": "3/90s/ip", "login_failed": "10/m/ip", "signup": "20/m/ip"})
def test_after_retry_after_seconds_signing_in_works_again(client):
    user = make_user("dirk@example.org", PASSWORD, verified=True)
    for _ in range(3):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})
    refused = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert wait == 90
    with mock.patch("time.time", return_value=time.time() + wait - 5):
        assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 429
    with mock.patch("time.time", return_value=time.time() + wait + 1):
        assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302


def test_past_the_sign_up_limit_the_429_page_carries_retry_after(client):
    codes = []
    for i in range(21):
        response = client.post("/accounts/signup/", {"email": f"p{i}@example.org", "password1": "x", "password2": "y"})
        codes.append(response.status_code)
    assert codes[-1] == 429
    assert response["Retry-After"] == "300"
