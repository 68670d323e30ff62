"""Security: production mode, headers, CSRF on every form, no-store on health data, error
pages without internals, rate limits, the real client address, strict numbers."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.urls.exceptions import NoReverseMatch

from factories import CASES, make_programme, make_user
from helpers import walk
from rugtest.programme.forms import StartForm, WalkForm
from rugtest.security import client_ip

SRC = Path(__file__).resolve().parents[2] / "src" / "rugtest"


@pytest.fixture(autouse=True)
def fresh_rate_limits(db):
    cache.clear()


# --- Production mode ------------------------------------------------------------------------

def test_https_mode_passes_djangos_deployment_check_without_a_single_warning(tmp_path):
    env = {
        **os.environ,
        "RUGTEST_HTTPS": "1",
        "RUGTEST_SECRET_KEY": secrets.token_urlsafe(50),
        "RUGTEST_ALLOWED_HOSTS": "rugtest.example.org",
        "RUGTEST_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "rugtest.settings",
    }
    env.pop("RUGTEST_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests' own process only
    done = subprocess.run(
        [sys.executable, "-m", "rugtest.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_https_mode_the_deployment_check_does_warn(tmp_path):
    """The check above can fail: the same command without RUGTEST_HTTPS reports the missing
    HTTPS settings."""
    env = {**os.environ, "RUGTEST_SECRET_KEY": secrets.token_urlsafe(50), "RUGTEST_VAR_DIR": str(tmp_path)}
    env.pop("RUGTEST_HTTPS", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    done = subprocess.run(
        [sys.executable, "-m", "rugtest.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode != 0
    assert "security.W004" in done.stderr + done.stdout  # no HSTS


# --- Headers --------------------------------------------------------------------------------

PAGES_OF_EACH_APP = ["/", "/medicatie/", "/rugtest/", "/rugtest/stap/1/", "/rugoefening/",
                     "/accounts/login/", "/en/accounts/signup/", "/api/v1/openapi.json"]


@pytest.mark.parametrize("url", PAGES_OF_EACH_APP)
def test_security_headers_on_a_page_of_each_app(client, url):
    response = client.get(url)
    assert response.status_code == 200
    csp = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "script-src" not in csp and "style-src" not in csp  # both fall back to 'self'
    policy = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_csrf_cookie_cannot_be_read_by_scripts(client):
    response = client.get("/accounts/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_no_template_has_inline_script_or_style_that_the_policy_would_block():
    """The policy allows no 'unsafe-inline': a style="", <style>, <script> with code in it or
    onclick="" in a template would simply not work in the browser. A script file of the site's
    own (``<script src="{% static … %}"></script>``) is allowed by 'self'."""
    own_file = r"""\s+src="\{% static '[^']+\.js' %\}"(\s+defer)?></script>"""
    inline = re.compile(rf"""\sstyle\s*=|<style[\s>]|<script(?!{own_file})[\s>]|\son[a-z]+\s*=\s*["']""", re.I)
    found = []
    for template in SRC.rglob("templates/**/*.html"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if inline.search(line):
                found.append(f"{template.relative_to(SRC)}:{number}: {line.strip()[:80]}")
    assert found == []


# --- CSRF on every form ---------------------------------------------------------------------

SAMPLE_VALUES = ["1", "x", "1-x", "abc.def", "00000000-0000-0000-0000-000000000000", "A" * 43]


def _patterns(resolver=None, namespace=None):
    """(name, parameter names) of every URL pattern of the site."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace if namespace is None else f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            params = list(getattr(entry.pattern, "converters", {}) or entry.pattern.regex.groupindex)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name, params, str(entry.pattern)


def _url(name, params):
    if not params:
        return reverse(name)
    for value in SAMPLE_VALUES:
        try:
            return reverse(name, kwargs={p: value for p in params})
        except NoReverseMatch:
            continue
    raise AssertionError(f"no sample value fits {name} {params}")


def test_every_url_pattern_is_named_so_the_checks_below_see_it():
    assert [pattern for name, _, pattern in _patterns() if not name] == []


# Pages for someone without an account that change nothing (the share link's page and PDF).
READ_ONLY_WITHOUT_ACCOUNT = {"sharing:shared", "sharing:shared_pdf"}


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused_except_the_json_api():
    guard = Client(enforce_csrf_checks=True)
    guard.force_login(make_user(password=None))
    answered = {}
    for name, params, _ in _patterns():
        url = _url(name, params)
        response = guard.post(url, {"email": "anna@example.org", "minutes": "9"})
        answered[url] = response.status_code
        if url.startswith(("/api/", "/fhir/")):  # the machine API, and the FHIR resources at their canonical addresses (D-10)
            assert response.status_code != 403, url
        elif name in READ_ONLY_WITHOUT_ACCOUNT or url.startswith("/fhir/"):
            # The share pages and the FHIR resources at their canonical addresses (D-10) are
            # read-only:
            # nothing to post to, every method but GET and HEAD is refused as such.
            assert response.status_code == 405, url
        else:
            assert response.status_code == 403, f"{url} answered {response.status_code} to a POST without a token"
            assert "Dit formulier is verlopen" in response.content.decode(), url
    assert len(answered) > 30  # the whole site was tried, allauth's pages too


# --- Nobody sees or changes another person's data ------------------------------------------

# Parameters that are no one's data: public page ids, and allauth's one-time keys from a
# mail, which allauth checks itself.
PUBLIC_PARAMETERS = {
    "selftest:step": "a page of the questionnaire",
    "content:condition": "an information page",
    "account_confirm_email": "allauth's key from the confirmation mail",
    "account_reset_password_from_key": "allauth's key from the reset mail",
    # The calendar link is a secret the person gives their calendar app: whoever holds it may
    # read that feed, by design. A token that is not theirs is 404 (below, and test_privacy.py).
    "privacy:feed": "the secret calendar link",
    # The same for the share link the person gives their GP (test_sharing.py).
    "sharing:shared": "the secret share link",
    "sharing:shared_pdf": "the secret share link",
    "api:fhir_code_system": "a published CodeSystem of the spec's ids",
    "fhir_code_system": "the same CodeSystem at its canonical address (D-10)",
}


@pytest.mark.django_db
def test_every_url_with_another_persons_id_is_not_found():
    """Anna signs in and tries every URL that carries an id, with Bert's ids: 404 each time,
    for reading and for changing, and Bert's data is as it was. A new URL with a parameter
    fails this test until it is added here."""
    from rugtest.programme import services
    from rugtest.programme.models import WalkEntry
    from rugtest.sharing import services as sharing_services

    bert = make_user("bert@example.org", password=None)
    programme = make_programme(bert)
    entry = services.record_walk(programme=programme, today=programme.start, date=programme.start,
                                 part="morning", minutes=12)
    share_link, _ = sharing_services.make_link(user=bert, days=30, form_key="b" * 22)
    bert_ids = {
        "programme:edit": {"entry_id": entry.id},
        "programme:delete": {"entry_id": entry.id},
        "programme:checkin": {"programme_id": programme.id},
        "sharing:revoke": {"link_id": share_link.id},
    }
    with_params = {name for name, params, _ in _patterns() if params}
    assert with_params - set(PUBLIC_PARAMETERS) == set(bert_ids), "classify the new URL parameter here"

    anna = Client()
    anna_user = make_user("anna@example.org", password=None)
    make_programme(anna_user)
    anna.force_login(anna_user)
    for name, kwargs in bert_ids.items():
        url = reverse(name, kwargs=kwargs)
        assert anna.get(url).status_code in (404, 405), url
        assert anna.post(url, {"date": programme.start.isoformat(), "part": "morning", "minutes": "1"}).status_code == 404, url
    entry.refresh_from_db()
    assert (entry.minutes, entry.part) == (12, "morning")
    assert WalkEntry.objects.filter(programme=programme).count() == 1
    share_link.refresh_from_db()
    assert share_link.revoked_at is None and share_link.token_hash
    guessed = reverse("privacy:feed", kwargs={"token": secrets.token_urlsafe(32)})
    assert anna.get(guessed).status_code == 404


# --- Health data is not kept by browsers or caches ------------------------------------------

def _no_store(response):
    parts = {p.strip() for p in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= parts


@pytest.mark.django_db
def test_result_and_its_download_are_not_stored_by_the_browser(client):
    assert _no_store(walk(client, CASES["E-09"]["answers"]))
    for url in ("/rugtest/uitslag/", "/rugtest/uitslag.json", "/en/rugtest/uitslag/", "/rugtest/stap/1/",
                "/rugtest/uitslag.pdf", "/rugtest/uitslag.fhir.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


@pytest.mark.django_db
def test_programme_and_my_data_pages_are_not_stored_by_the_browser(client):
    from rugtest.programme import services

    person = make_user(password=None)
    programme = make_programme(person)
    entry = services.record_walk(programme=programme, today=programme.start, date=programme.start,
                                 part="morning", minutes=12)
    client.force_login(person)
    for url in ("/rugoefening/", "/rugoefening/voortgang/", "/rugoefening/wandeling/",
                f"/rugoefening/wandeling/{entry.id}/", "/en/rugoefening/voortgang/", "/rugoefening/agenda/",
                "/mijn-gegevens/", "/mijn-gegevens/export.json", "/mijn-gegevens/export.fhir.json",
                "/rugoefening/rapport.pdf"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


@pytest.mark.django_db
def test_a_public_page_for_someone_without_answers_may_be_cached(client):
    response = client.get("/medicatie/")
    assert "no-store" not in response.get("Cache-Control", "")


# --- Error pages ----------------------------------------------------------------------------

def broken_view(request):
    raise RuntimeError("secret-internal-detail SECRET_KEY")


# This module is the URL configuration of the test below: one view that fails.
urlpatterns = [path("kapot/", broken_view)]
handler500 = "rugtest.views.server_error"


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_server_error_shows_no_stack_trace_or_settings():
    client = Client(raise_request_exception=False)
    response = client.get("/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert "Er ging iets mis" in text and "Bel 112" in text and 'href="tel:112"' in html
    for secret in ("Traceback", "secret-internal-detail", "SECRET_KEY", "RuntimeError", "settings"):
        assert secret not in html


# --- Rate limits ----------------------------------------------------------------------------

@pytest.mark.django_db
@override_settings(RUGTEST_API_RATE_LIMIT=(5, 60))
def test_api_rate_limit_per_address_answers_429_in_json_with_retry_after():
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        assert client.get("/api/v1/openapi.json").status_code == 200
    response = client.post("/api/v1/triage", "{}", content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["field"] is None
    assert "too many requests" in response.json()["error"]["message"]
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another address is not held back by the first.
    assert Client(REMOTE_ADDR="203.0.113.8").get("/api/v1/openapi.json").status_code == 200


@pytest.mark.django_db
def test_api_methods_it_does_not_serve_answer_405_in_json():
    client = Client()
    for method, url, allow in [("get", "/api/v1/triage", "POST"), ("post", "/api/v1/openapi.json", "GET, HEAD"),
                               ("put", "/api/v1/fhir/Questionnaire/rugtest", "GET, HEAD"),
                               ("delete", "/api/v1/triage", "POST")]:
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == allow
        assert response.json()["error"]["message"].startswith(f"method {method.upper()} is not allowed")


@pytest.mark.django_db
def test_openapi_integers_are_what_the_api_takes_no_119_point_0(client):
    """OpenAPI 3.0 schemas call a number an integer only without a fraction or exponent,
    as the API does; in 3.1 a fuzzer may rightly send 119.0 as an integer and be refused."""
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.0.")

    def types(node):  # OpenAPI 3.0: one type per schema, null through "nullable"
        if isinstance(node, dict):
            if isinstance(node.get("type"), (str, list)):  # not a property that is named "type"
                yield node["type"]
            for value in node.values():
                yield from types(value)
        elif isinstance(node, list):
            for value in node:
                yield from types(value)

    assert all(isinstance(t, str) and t != "null" for t in types(doc["components"]))
    answers = doc["components"]["schemas"]["TriageRequest"]["properties"]["answers"]["properties"]
    integers = [qid for qid, schema in answers.items() if schema["type"] == "integer"]
    assert "age" in integers
    for qid in integers:
        body = {"answers": {**CASES["E-09"]["answers"], qid: float(answers[qid]["minimum"])}}
        response = client.post("/api/v1/triage", body, content_type="application/json")
        assert response.status_code == 400 and response.json()["error"]["field"] == qid, qid


@pytest.mark.django_db
def test_sign_up_is_rate_limited_per_address():
    client = Client(REMOTE_ADDR="198.51.100.4")
    codes = [client.post("/accounts/signup/", {"email": f"p{i}@example.org", "password1": "x", "password2": "y"}).status_code
             for i in range(21)]
    assert codes[:20] == [200] * 20  # the form with its error: counted, not yet refused
    assert codes[20] == 429
    assert Client(REMOTE_ADDR="198.51.100.5").get("/accounts/signup/").status_code == 200


@pytest.mark.django_db
def test_password_reset_mails_are_limited_per_address_asked_for():
    from django.core import mail

    user = make_user("cor@example.org", password=None, verified=True)
    client = Client(REMOTE_ADDR="198.51.100.9")
    codes = [client.post("/accounts/password/reset/", {"email": user.email}).status_code for _ in range(6)]
    assert codes[:5] == [302] * 5
    assert codes[5] == 429
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_failed_sign_ins_lock_the_address_out_after_five_tries():
    user = make_user("dirk@example.org", password="walking-every-day-9", verified=True)
    client = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(5):
        assert client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"}).status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": "walking-every-day-9"})
    assert "_auth_user_id" not in client.session
    assert "U heeft te vaak een verkeerd wachtwoord ingevuld" in response.content.decode()
    # Another address may still try that account: the limit is per account, not just per address.
    other = Client(REMOTE_ADDR="198.51.100.21")
    other.post("/accounts/login/", {"login": user.email, "password": "walking-every-day-9"})
    assert "_auth_user_id" not in other.session


# --- The real client address behind a proxy -------------------------------------------------

@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        ([], "203.0.113.5", "1.2.3.4", "203.0.113.5"),  # no proxy trusted: the header is ignored
        (["127.0.0.1"], "127.0.0.1", "198.51.100.7", "198.51.100.7"),
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged left part is ignored
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"),
        (["127.0.0.1"], "203.0.113.5", "198.51.100.7", "203.0.113.5"),  # not from the proxy
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "garbage", "127.0.0.1"),
        (["::1"], "::1", "[2001:db8::1]:4431", "2001:db8::1"),
    ],
)
def test_client_address_behind_trusted_proxies(settings, trusted, remote, forwarded, expected):
    settings.RUGTEST_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.django_db
@override_settings(RUGTEST_API_RATE_LIMIT=(3, 60), RUGTEST_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_one_client_cannot_use_up_everyones_limit():
    mallory = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(3):
        assert mallory.get("/api/v1/openapi.json").status_code == 200
    assert mallory.get("/api/v1/openapi.json").status_code == 429
    anna = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert anna.get("/api/v1/openapi.json").status_code == 200


# --- Strict numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["4_4", "44.0", "٤٤", "４４", "۴۴", "4 4", "+44", "44e0", "0x2c", "१२"])
def test_walk_form_takes_plain_digits_only(typed):
    form = WalkForm({"date": "2026-03-02", "part": "morning", "minutes": typed})
    assert not form.is_valid()
    assert form.errors["minutes"] == [
        "Vul een heel getal in van 0 tot en met 180. Typ alleen cijfers, zonder punt, komma of spatie."
    ]
    start = StartForm({"baseline_method": "direct", "baseline_minutes": typed, "confirm_past_week": "on"})
    assert not start.is_valid() and "baseline_minutes" in start.errors


@pytest.mark.parametrize("typed, value", [("44", 44), (" 7 ", 7), ("0", 0), ("007", 7)])
def test_walk_form_takes_plain_numbers(typed, value):
    form = WalkForm({"date": "2026-03-02", "part": "morning", "minutes": typed, "pain_after": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"] == value and form.cleaned_data["pain_after"] == 3


# --- Sign-up does not tell whether an address has an account --------------------------------

@pytest.mark.django_db
@override_settings(ACCOUNT_RATE_LIMITS=False)  # the per-address limits would stop the repeats
def test_sign_up_answers_alike_and_as_fast_for_an_address_with_an_account():
    """An account here says that someone has back pain. New and known addresses get the same
    redirect to the code page, and the time the answer takes does not tell them apart: over
    repeated, interleaved tries the medians differ by less than a third. (Without hashing the
    password for the known address, the known address answered several times faster.) The
    time is the CPU time of this process, which the other tests running beside it on the
    machine do not disturb as they disturb the clock on the wall."""
    import statistics
    import time

    from django.core import mail

    make_user("known@example.org", password="walking-every-day-9", verified=True)
    password = "another-long-walk-7"
    times = {"new": [], "known": []}
    pages = {}
    for i in range(8):
        for kind in ("new", "known") if i % 2 else ("known", "new"):
            email = f"new{i}@example.org" if kind == "new" else "known@example.org"
            client = Client()
            started = time.process_time()
            response = client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password})
            times[kind].append(time.process_time() - started)
            assert response.status_code == 302
            page = client.get(response["Location"]).content.decode().replace(email, "ADDRESS")
            pages[kind] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    assert response["Location"] == "/accounts/confirm-email/"
    assert pages["new"] == pages["known"]
    new, known = statistics.median(times["new"]), statistics.median(times["known"])
    assert abs(new - known) < max(new, known) / 3, times
    # Both got a mail: the known address is told that it already has an account.
    assert len(mail.outbox) == 16
