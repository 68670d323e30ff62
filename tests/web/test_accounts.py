"""Accounts: sign-up by e-mail with a code, sign-in, rate limits, password reset, mail set-up."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

pytestmark = pytest.mark.django_db
PASSWORD = "walking-every-day-9"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def sign_up(client, email="anna@example.org"):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def mailed_code():
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_sign_up_sends_a_code_in_plain_dutch_and_the_code_verifies_the_address(client):
    response = sign_up(client)
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Rugtest: Bevestig uw e-mailadres"
    assert "Beste lezer," in message.body and "Vul dan deze code in" in message.body
    response = client.post(response["Location"], {"code": mailed_code()})
    assert response.status_code == 302
    user = get_user_model().objects.get(email="anna@example.org")
    assert user.emailaddress_set.get().verified
    assert user.password.startswith("argon2$")


def test_the_code_page_says_how_long_the_code_works_as_set(client):
    """"De code werkt 15 minuten": the words agree with allauth's timeout for the code; the
    heading is short enough not to break inside "e-mail" on a phone."""
    from django.conf import settings

    response = sign_up(client)
    html = client.get(response["Location"]).content.decode()
    minutes = settings.ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT // 60
    assert f"De code werkt {minutes} minuten." in html
    assert re.search(r"<h1[^>]*>\s*Vul de code in\s*</h1>", html)


def test_sign_in_needs_a_verified_address(client):
    sign_up(client)
    client.logout()
    cache.clear()  # a new code may be mailed only once every few minutes
    response = client.post("/accounts/login/", {"login": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]


def test_a_wrong_code_gets_a_message(client):
    response = sign_up(client)
    response = client.post(response["Location"], {"code": "AAAA-AAAA"})
    assert response.status_code == 200
    assert not get_user_model().objects.get().emailaddress_set.get().verified


def test_sign_in_is_rate_limited(client):
    user = get_user_model().objects.create_user(username="bob", email="bob@example.org", password=PASSWORD)
    user.emailaddress_set.create(email="bob@example.org", verified=True, primary=True)
    for _ in range(6):
        client.post("/accounts/login/", {"login": "bob@example.org", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "bob@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_password_reset_by_mail(client):
    user = get_user_model().objects.create_user(username="cor", email="cor@example.org", password=PASSWORD)
    user.emailaddress_set.create(email="cor@example.org", verified=True, primary=True)
    client.post("/accounts/password/reset/", {"email": "cor@example.org"})
    body = mail.outbox[-1].body
    assert "Een nieuw wachtwoord maken" in mail.outbox[-1].subject
    link = re.search(r"http://testserver(/\S+)", body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    client.post(form_url, {"password1": "a-brand-new-pass-22", "password2": "a-brand-new-pass-22"})
    user.refresh_from_db()
    assert user.check_password("a-brand-new-pass-22")


def _settings_in_subprocess(env_extra):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'backend': s.EMAIL_BACKEND, 'path': str(getattr(s, 'EMAIL_FILE_PATH', '')), "
        "'host': getattr(s, 'EMAIL_HOST', ''), 'port': getattr(s, 'EMAIL_PORT', 0), 'tls': getattr(s, 'EMAIL_USE_TLS', False)}))"
    )
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"}
    env.update(DJANGO_SETTINGS_MODULE="rugtest.settings", **env_extra)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_mail_goes_to_files_under_var_mail_by_default():
    got = _settings_in_subprocess({})
    assert got["backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert got["path"].endswith(os.path.join("var", "mail"))


def test_email_url_configures_smtp():
    got = _settings_in_subprocess({"EMAIL_URL": "smtp://user:secret@mail.example.org:587/?tls=True"})
    assert got == {**got, "backend": "django.core.mail.backends.smtp.EmailBackend", "host": "mail.example.org", "port": 587, "tls": True}


def test_asking_for_the_code_again_at_once_sends_a_new_code_that_works(client):
    """A person who taps "Stuur de code opnieuw" right after signing up gets a new code by
    mail, twice, and the newest one verifies the address (no "too many attempts" page)."""
    code_page = sign_up(client)["Location"]
    for sent in (2, 3):
        response = client.post(code_page, {"action": "resend"})
        assert response.status_code in (200, 302) and len(mail.outbox) == sent
    assert client.post(code_page, {"code": mailed_code()}).status_code == 302
    assert get_user_model().objects.get().emailaddress_set.get().verified


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_429_page_leads_back_to_the_page_the_person_came_from(client, prefix, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_email": "1/10s/key"}
    code_page = sign_up(client)["Location"]
    response = client.post(prefix + code_page, {"action": "resend"}, HTTP_REFERER=f"http://testserver{prefix}{code_page}")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert f'href="{prefix}{code_page}"' in response.content.decode()


def test_the_429_page_never_links_to_another_site(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_email": "1/10s/key"}
    sign_up(client)
    response = client.post("/accounts/confirm-email/", {"action": "resend"}, HTTP_REFERER="https://evil.example/x")
    assert response.status_code == 429 and "evil.example" not in response.content.decode()


def test_signing_in_at_once_in_another_browser_after_signing_up_asks_for_the_code(client):
    """The sign-in mails a new code: right after the sign-up mail that is not "too many
    attempts" (allauth's default of one code mail per 10 s said so)."""
    from django.test import Client

    sign_up(client)
    other = Client()
    response = other.post("/accounts/login/", {"login": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("prefix, title", [("", "Er is een probleem"), ("/en", "There is a problem")])
def test_a_sign_up_with_a_mistake_opens_with_a_summary_that_links_to_the_field(client, prefix, title):
    """As on every other form of the site: the problem first, with a link to its field; the
    fields keep their visible labels and have no placeholder that a phone would cut off."""
    page = client.get(f"{prefix}/accounts/signup/").content.decode()
    assert "placeholder=" not in page
    response = client.post(f"{prefix}/accounts/signup/",
                           {"email": "anna@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"})
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*autofocus>(.*?)</div>', html, re.S)
    assert summary and f'<h2 id="fouten-titel">{title}</h2>' in summary.group(1)
    assert 'href="#id_password2"' in summary.group(1)
    assert html.index('class="error-summary"') < html.index('id="id_email"')
    assert 'id="id_password2"' in html and 'aria-invalid="true"' in html
