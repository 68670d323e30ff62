"""Site-wide promises: home-screen app, one cached stylesheet, nothing from other hosts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

PAGES = [
    "/", "/rugtest/", "/rugtest/stap/1/", "/rugoefening/", "/medicatie/", "/accounts/login/", "/accounts/signup/",
    "/en/", "/en/rugtest/", "/en/rugtest/stap/1/", "/en/rugoefening/", "/en/medicatie/", "/en/accounts/login/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_loads_nothing_from_another_host_and_needs_no_script(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html
    for element in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
        if 'rel="alternate"' in element:
            continue  # names the other language version by its absolute address (for search engines); loads nothing
        for _attr, value in re.findall(r"\b(href|src)=\"([^\"]*)\"", element):
            assert not re.match(r"(https?:)?//", value), f"{element} on {url}"
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert len(stylesheets) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/rugtest/", "/medicatie/"])
def test_every_page_has_a_language_switch(client, url):
    html = client.get(url).content.decode()
    assert f'href="/en{url}"' in html and 'hreflang="en"' in html
    html = client.get(f"/en{url}").content.decode()
    assert f'href="{url}"' in html and 'lang="en"' in html


def test_manifest_makes_the_site_installable(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == "/start/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for name in ("rugtest/icons/icon-192.png", "rugtest/icons/icon-512.png"):
        with open(finders.find(name), "rb") as handle:
            assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
def test_the_home_screen_app_opens_the_programme_for_a_signed_in_person(client):
    assert client.get("/start/")["Location"] == "/"
    user = get_user_model().objects.create_user(username="ans", email="ans@example.org", password="x-long-password-1")
    client.force_login(user)
    assert client.get("/start/")["Location"] == "/rugoefening/"


def test_the_one_stylesheet_is_hashed_small_and_cached_for_a_long_time(tmp_path):
    from rugtest import settings as production

    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production.STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.templatetags.static import static

        url = static("rugtest/site.css")
        assert re.fullmatch(r"/static/rugtest/site\.[0-9a-f]{12}\.css", url)
        assert (tmp_path / url.removeprefix("/static/")).stat().st_size < 20_000
        middleware = WhiteNoiseMiddleware(lambda request: None)
        response = middleware(RequestFactory().get(url))
        assert response.status_code == 200
        assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_touches_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, text", [("", "Deze pagina bestaat niet"), ("/en", "This page does not exist")])
def test_an_unknown_address_gets_a_friendly_page_in_the_right_language(client, prefix, text):
    response = client.get(f"{prefix}/bestaat-niet/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_rugoefening_has_one_view_the_programmes():
    from django.urls import NoReverseMatch, resolve, reverse
    from django.utils import translation

    from rugtest.programme.views.home import home

    with translation.override("nl"):
        assert resolve("/rugoefening/").func is home
    with translation.override("en"):
        assert resolve("/en/rugoefening/").func is home
    with pytest.raises(NoReverseMatch):
        reverse("content:rugoefening")
