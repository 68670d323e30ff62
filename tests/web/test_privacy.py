"""Privacy by default: the privacy page, what the about page promises, cookies, other hosts."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from rugtest.privacy import services
from rugtest.programme.models import Programme
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path, words", [
    ("/privacy/", ["Privacy: wat we bewaren", "Wie kan uw gegevens zien?", "Uw gegevens downloaden of wissen",
                   "24 uur na uw laatste antwoord", "na 7 dagen"]),
    ("/en/privacy/", ["Privacy: what we keep", "Who can see your data?", "Download or delete your data",
                      "24 hours after your last answer", "after 7 days"]),
])
def test_privacy_page_says_what_why_how_long_who_and_how_to_remove(client, path, words):
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    for word in words:
        assert word in page, word
    prefix = "/en" if path.startswith("/en") else ""
    assert f'href="{prefix}/mijn-gegevens/"' in page


def test_the_retention_the_pages_state_is_the_one_the_code_keeps(client):
    # "Een dag" / "24 uur" on the about and privacy pages is the session's lifetime …
    assert settings.SESSION_COOKIE_AGE == 24 * 60 * 60
    assert not getattr(settings, "SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
    about = client.get("/over/").content.decode()
    assert "tot een dag na uw laatste antwoord" in about
    assert 'href="/privacy/"' in about
    assert 'href="/en/privacy/"' in client.get("/en/over/").content.decode()
    # … and the unconfirmed-account rule is the one purge applies.
    assert f"na {services.UNCONFIRMED_ACCOUNT_DAYS} dagen" in client.get("/privacy/").content.decode()
    # The operator runs purge hourly (the systemd timer the README points to), and `make run`
    # runs it after migrate.
    readme = (ROOT / "README.md").read_text()
    assert "deploy/rugtest-purge.timer" in readme
    timer = (ROOT / "deploy" / "rugtest-purge.timer").read_text()
    assert re.search(r"^OnCalendar=hourly$", timer, re.M)
    service = (ROOT / "deploy" / "rugtest-purge.service").read_text()
    assert re.search(r"^ExecStart=\S*rugtest purge$", service, re.M)
    makefile = (ROOT / "Makefile").read_text()
    build_and_run = makefile[makefile.index("\nbuild:"):makefile.index("\ntest:")]
    assert "$(RUGTEST) migrate" in build_and_run and "$(RUGTEST) purge" in build_and_run
    assert build_and_run.index("$(RUGTEST) migrate") < build_and_run.index("$(RUGTEST) purge")


def test_every_page_links_to_the_privacy_page(client):
    for path in ("/", "/rugtest/", "/medicatie/"):
        assert 'href="/privacy/"' in client.get(path).content.decode(), path


# --- Cookies and other hosts ----------------------------------------------------------------

ALLOWED_COOKIES = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


class _Resources(HTMLParser):
    """Every address the browser would load by itself: src, link href, srcset, form action."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "data", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        # rel="alternate" only names another version of the page (search engines): never loaded.
        if tag == "link" and attrs.get("href") and attrs.get("rel") != "alternate":
            self.urls.append(attrs["href"])
        if tag == "form" and attrs.get("action"):
            self.urls.append(attrs["action"])
        for part in (attrs.get("srcset") or "").split(","):
            if part.strip():
                self.urls.append(part.split()[0])
        for url in re.findall(r"url\(([^)]+)\)", attrs.get("style") or ""):
            self.urls.append(url.strip("'\""))


def _other_hosts(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    inline = re.findall(r"url\(\s*['\"]?(https?:)?//[^)]+\)", html)
    return [u for u in parser.urls if re.match(r"^(https?:)?//", u)] + inline


cookie_names: set[str] = set()


def _visit_everything(client: Client) -> list:
    """The pages and forms a person meets, signed out and then signed in; every response."""
    responses = []

    def keep(response):
        responses.append(response)
        # Every cookie any response set, the ones of followed redirects included (the jar).
        cookie_names.update(response.cookies.keys(), client.cookies.keys())
        return response

    for prefix in ("", "/en"):
        for path in ("/", "/rugtest/", "/rugtest/stap/1/", "/rugoefening/", "/medicatie/", "/informatie/",
                     "/over/", "/privacy/", "/accounts/login/", "/accounts/signup/"):
            keep(client.get(prefix + path))
    keep(client.post("/rugtest/stap/1/", {"age": "47", "duration_weeks": "3", "pain_score": "5"}, follow=True))
    keep(client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong-password-1"}))

    user = get_user_model().objects.create_user(username="cookie", email="cookie@example.org",
                                                password="a-long-password-1")
    result = RugtestResult.objects.create(user=user, answers={"age": 50}, outcome={
        "spec_version": 1, "level": "selfcare", "action": "selfcare", "conditions": [], "rules": [],
        "uncertain_rules": [], "duration_class": "subacute", "nonspecific": True, "programme": "recommended",
        "advice": ["A-PROGRAMME"]})
    Programme.objects.create(user=user, result=result, start=timezone.localdate() - dt.timedelta(days=1),
                             baseline_minutes=10, baseline_method="direct")
    client.force_login(user)
    for path in ("/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/voortgang/", "/rugoefening/agenda/",
                 "/mijn-gegevens/", "/mijn-gegevens/verwijderen/"):
        keep(client.get(path))
    # Forms that leave a message for the next page (the messages ride in the session).
    keep(client.post("/rugoefening/wandeling/", {"date": timezone.localdate().isoformat(), "part": "morning",
                                                 "minutes": "8"}, follow=True))
    page = keep(client.post("/rugoefening/agenda/", {"action": "create"})).content.decode()
    token = re.search(r"/agenda/([A-Za-z0-9_-]+)\.ics", page).group(1)
    keep(client.get(f"/agenda/{token}.ics"))
    keep(client.get("/mijn-gegevens/export.json"))
    keep(client.get("/mijn-gegevens/export.fhir.json"))
    keep(client.post("/mijn-gegevens/verwijderen/", {"password": "wrong"}))
    keep(client.post("/accounts/logout/", follow=True))
    return responses


def test_no_cookie_beyond_session_csrf_and_language_and_nothing_from_another_host():
    client = Client()
    cookie_names.clear()
    responses = _visit_everything(client)
    names, problems = set(cookie_names), []
    for response in responses:
        assert response.status_code < 500
        if "text/html" in response.get("Content-Type", ""):
            found = _other_hosts(response.content.decode())
            if found:
                problems.append((response.request["PATH_INFO"], found))
    assert names, "the walk set no cookie at all: the check would prove nothing"
    assert names <= ALLOWED_COOKIES, names - ALLOWED_COOKIES
    assert problems == []


def test_the_host_check_finds_a_page_that_loads_from_another_host():
    html = ('<link rel="stylesheet" href="https://cdn.example.com/x.css"><main>'
            '<img src="//tracker.example.net/p.gif"><a href="https://www.nhg.org/">NHG</a></main>')
    assert _other_hosts(html) == ["https://cdn.example.com/x.css", "//tracker.example.net/p.gif"]


def test_the_erasure_page_names_everything_that_is_erased(client):
    """privacy.services.delete_account erases check-ins, measurements and share links too:
    the page must say so before the person confirms."""
    from factories import make_user

    user = make_user()
    client.force_login(user)
    text = client.get("/mijn-gegevens/verwijderen/").content.decode()
    for words in ("check-ins", "metingen", "de links voor uw huisarts", "agenda-link", "wandelingen"):
        assert words in text, words
