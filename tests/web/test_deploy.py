"""A practice deploys Rugtest from docs/production.md alone: the files in deploy/ are the
ones a test runs. The systemd units pass `systemd-analyze verify`; the app, started as the
unit starts it with the settings of deploy/rugtest.env.example, serves behind a real Caddy
with deploy/Caddyfile over HTTPS: plain HTTP goes to HTTPS, HSTS and secure cookies arrive,
the rate limits count each person's own address through the proxy, and a person signs in.

The HTTPS test uses Caddy's own local certificate authority instead of Let's Encrypt
(`local_certs`), free ports instead of 80 and 443, and a directory of its own for Caddy's
data, so that nothing is written to the machine's trust store or home directory."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import shutil
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace

import pytest

from environment import skip_or_fail
from servers import RUGTEST, app_env, free_port, rugtest, serve, wait_for

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = ["rugtest.service", "rugtest-purge.service", "rugtest-purge.timer"]
INSTALLED_RUGTEST = "/srv/rugtest/.venv/bin/rugtest"  # where docs/production.md installs it
SITE = "rugtest.example.org"  # the address in deploy/, which a practice replaces by its own
EMAIL, PASSWORD = "anna@example.org", "walking-every-day-9"


def unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A unit file: section -> key -> values (a key may be given more than once)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
        else:
            key, _, value = line.partition("=")
            current.setdefault(key.strip(), []).append(value.strip())
    return sections


def environment_file(text: str) -> dict[str, str]:
    """NAME=value lines as systemd's EnvironmentFile= reads them (the subset the example uses)."""
    settings = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        settings[name] = value
    return settings


# --- systemd --------------------------------------------------------------------------------

def test_the_app_runs_as_its_own_user_restarts_on_failure_and_starts_at_boot():
    service = unit("rugtest.service")["Service"]
    assert service["ExecStart"] == [f"{INSTALLED_RUGTEST} serve"]
    assert service["User"] == ["rugtest"] and service["Group"] == ["rugtest"]
    assert service["Restart"] == ["on-failure"]
    assert service["EnvironmentFile"] == ["/etc/rugtest/rugtest.env"]
    assert service["ReadWritePaths"] == ["/srv/rugtest/var"] and service["ProtectSystem"] == ["strict"]
    assert unit("rugtest.service")["Install"]["WantedBy"] == ["multi-user.target"]


def test_purge_runs_every_hour_on_the_same_settings_as_the_app():
    purge = unit("rugtest-purge.service")["Service"]
    assert purge["ExecStart"] == [f"{INSTALLED_RUGTEST} purge"]
    assert purge["User"] == ["rugtest"]
    assert purge["EnvironmentFile"] == unit("rugtest.service")["Service"]["EnvironmentFile"]
    timer = unit("rugtest-purge.timer")
    assert timer["Timer"]["OnCalendar"] == ["hourly"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]


def test_the_units_pass_systemd_analyze_verify_without_a_warning(tmp_path):
    """verify checks that ExecStart's program exists, so the copies checked here run this
    checkout's rugtest instead of /srv/rugtest's; everything else is as in deploy/."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        skip_or_fail("systemd-analyze is missing (Debian: apt-get install systemd); the units are not verified")
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(INSTALLED_RUGTEST, str(RUGTEST)), encoding="utf-8")
    done = subprocess.run([analyze, "verify", *(str(tmp_path / name) for name in UNITS)],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")

    # The check can fail: a misspelt setting is only a warning for systemd, but one here.
    misspelt = tmp_path / "misspelt.service"
    misspelt.write_text((tmp_path / "rugtest.service").read_text().replace("Restart=", "Restrat="))
    done = subprocess.run([analyze, "verify", str(misspelt)], capture_output=True, text=True, timeout=60)
    assert "Restrat" in done.stderr


def _without_comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_what_docs_production_shows_is_what_deploy_holds():
    docs = (ROOT / "docs" / "production.md").read_text(encoding="utf-8")
    section = docs[docs.index("## One machine: systemd and Caddy"):docs.index("## Several app servers")]
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.S)
    (unit_excerpt,) = [text for kind, text in blocks if kind == "ini"]
    service = _without_comments((DEPLOY / "rugtest.service").read_text(encoding="utf-8"))
    assert set(_without_comments(unit_excerpt)) <= set(service)
    (caddy_block,) = [text for kind, text in blocks if text.startswith(SITE)]
    assert _without_comments(caddy_block) == _without_comments((DEPLOY / "Caddyfile").read_text(encoding="utf-8"))
    for name in [*UNITS, "Caddyfile", "rugtest.env.example"]:
        assert f"deploy/{name}" in section, name


# --- The settings file ----------------------------------------------------------------------

EXAMPLE = DEPLOY / "rugtest.env.example"


def test_the_settings_file_switches_on_https_behind_caddy_on_this_machine():
    settings = environment_file(EXAMPLE.read_text(encoding="utf-8"))
    assert settings == {"HOST": "127.0.0.1", "PORT": "8000", "RUGTEST_ALLOWED_HOSTS": SITE,
                        "RUGTEST_HTTPS": "1", "RUGTEST_TRUSTED_PROXIES": "127.0.0.1"}
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "rugtest").glob("*.py"))
    for name in settings:
        assert f'"{name}"' in source, f"{name} is not read by the app"


def test_the_settings_file_reads_the_same_in_systemd_and_in_the_shell(tmp_path):
    """The docs run `make build` with the same file through the shell: with every setting
    switched on, the shell must see the values systemd sees."""
    every = re.sub(r"^#([A-Z][A-Z0-9_]*=)", r"\1", EXAMPLE.read_text(encoding="utf-8"), flags=re.M)
    (tmp_path / "rugtest.env").write_text(every, encoding="utf-8")
    done = subprocess.run(["sh", "-c", 'set -a && . "$1" && env -0', "sh", str(tmp_path / "rugtest.env")],
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")}, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr.decode()
    shell = dict(item.split("=", 1) for item in done.stdout.decode().split("\0") if item)
    systemd = environment_file(every)
    assert len(systemd) > 10
    assert {name: shell.get(name) for name in systemd} == systemd


# --- Behind Caddy, over HTTPS ---------------------------------------------------------------

# Only for the test: Caddy's local CA, free ports on 127.0.0.1, no admin endpoint, no UDP.
CADDY_TEST_OPTIONS = """{{
	admin off
	local_certs
	skip_install_trust
	default_bind 127.0.0.1
	http_port {http_port}
	https_port {https_port}
	servers {{
		protocols h1 h2
	}}
}}
"""

CREATE_USER = f"""
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user(username="anna", email="{EMAIL}", password="{PASSWORD}")
user.emailaddress_set.create(email=user.email, verified=True, primary=True)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    caddy = shutil.which("caddy")
    if caddy is None:
        skip_or_fail("caddy is missing (Debian: apt-get install caddy); the HTTPS tests behind Caddy are left out")
    tmp = tmp_path_factory.mktemp("deploy")
    settings = environment_file(EXAMPLE.read_text(encoding="utf-8"))
    env = app_env(tmp / "var", **{
        **settings,
        "RUGTEST_ALLOWED_HOSTS": "localhost",  # the site's address in this test
        "DATABASE_URL": f"sqlite:///{tmp / 'var' / 'rugtest.sqlite3'}",  # the test's and the app's
        "RUGTEST_API_RATE_LIMIT": "3/60",
    })
    (tmp / "var").mkdir()
    rugtest("migrate", "--noinput", env=env)  # make build
    rugtest("collectstatic", "--noinput", "-v0", env=env)
    rugtest("shell", "-c", CREATE_USER, env=env)

    with ExitStack() as stack:
        app_port = free_port()
        app = ExitStack()
        stack.callback(lambda: app.close())
        app.enter_context(serve(env, port=app_port, host_header="localhost"))

        def restart_app():
            """As `systemctl restart rugtest` does: stop the app, start it again."""
            nonlocal app
            app.close()
            app = ExitStack()
            app.enter_context(serve(env, port=app_port, host_header="localhost"))

        caddyfile = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
        settings_lines = "\n".join(line for line in caddyfile.splitlines() if not line.lstrip().startswith("#"))
        assert settings_lines.count(SITE) == 1 and settings_lines.count("127.0.0.1:8000") == 1
        http_port, https_port = free_port(), free_port()
        config = tmp / "Caddyfile"
        config.write_text(CADDY_TEST_OPTIONS.format(http_port=http_port, https_port=https_port)
                          + caddyfile.replace(SITE, "localhost").replace("127.0.0.1:8000", f"127.0.0.1:{app_port}"))
        home = tmp / "caddy"
        caddy_env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
                     "XDG_CONFIG_HOME": str(home / "config")}
        log_path = tmp / "caddy.log"
        log = stack.enter_context(open(log_path, "w"))
        proxy = subprocess.Popen([caddy, "run", "--adapter", "caddyfile", "--config", str(config)],
                                 env=caddy_env, stdout=log, stderr=subprocess.STDOUT)
        stack.callback(_stop, proxy)
        root_ca = home / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        wait_for(root_ca.exists, "Caddy's local certificate authority", log_path, proxy)
        tls = ssl.create_default_context(cafile=str(root_ca))
        site = SimpleNamespace(https=f"https://localhost:{https_port}", http_port=http_port,
                               https_port=https_port, tls=tls)
        site.restart_app = restart_app
        wait_for(lambda: _status(site, "/healthz") == 200, "Caddy in front of the app", log_path, proxy)
        yield site


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _status(site, path) -> int | None:
    try:
        return https_request(site, "GET", path)[0]
    except OSError:
        return None


def https_request(site, method, path, body=None, headers=None, source="127.0.0.1"):
    """One request over HTTPS to Caddy from the address ``source`` (any of 127.0.0.0/8 is
    this machine): (status, headers, text)."""
    client = http.client.HTTPSConnection("localhost", site.https_port, context=site.tls, timeout=20,
                                         source_address=(source, 0))
    try:
        client.request(method, path, body=body, headers=headers or {})
        response = client.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        client.close()


class Browser:
    """A person's browser: cookies, and the Origin a browser sends with a form."""

    class _NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, site):
        self.site = site
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=site.tls),
                                                  urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirects())

    def open(self, path, data=None):
        headers = {"Origin": self.site.https, "Referer": self.site.https + path} if data is not None else {}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.site.https + path, body, headers), timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as answer:  # a redirect or an error: still an answer
            return answer.code, answer.headers, answer.read().decode()

    def cookie(self, name):
        return next(c for c in self.jar if c.name == name)


def _form_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_plain_http_is_sent_on_to_https(site):
    client = http.client.HTTPConnection("localhost", site.http_port, timeout=20)
    client.request("GET", "/rugtest/stap/1/?taal=nl")
    response = client.getresponse()
    client.close()
    assert response.status in (301, 308)
    location = urllib.parse.urlsplit(response.headers["Location"])
    assert (location.scheme, location.hostname) == ("https", "localhost")
    assert (location.path, location.query) == ("/rugtest/stap/1/", "taal=nl")


def test_hsts_and_secure_cookies_arrive_over_https(site):
    status, headers, _ = https_request(site, "GET", "/accounts/login/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    (csrf,) = [c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken=")]
    attributes = {part.strip().lower() for part in csrf.split(";")}
    assert {"secure", "httponly", "samesite=lax"} <= attributes


def test_a_person_signs_in_over_https(site):
    person = Browser(site)
    status, _, page = person.open("/accounts/login/")
    assert status == 200
    status, headers, _ = person.open("/accounts/login/", {
        "login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": _form_token(page)})
    assert (status, headers["Location"]) == (302, "/rugoefening/")
    session = person.cookie("sessionid")
    assert session.secure and session.has_nonstandard_attr("HttpOnly")
    status, _, page = person.open("/rugoefening/")
    assert status == 200 and "Uitloggen" in page


def test_the_api_limit_counts_each_persons_own_address_through_the_proxy(site):
    """RUGTEST_TRUSTED_PROXIES names Caddy: the app counts the address Caddy saw. Two people
    (127.0.0.2 and 127.0.0.3) are counted apart; one who writes another address in
    X-Forwarded-For is still counted as themselves (Caddy does not pass that on)."""
    for _ in range(3):
        assert https_request(site, "GET", "/api/v1/openapi.json", source="127.0.0.2")[0] == 200
    status, headers, _ = https_request(site, "GET", "/api/v1/openapi.json", source="127.0.0.2")
    assert status == 429 and 1 <= int(headers["Retry-After"]) <= 60
    forged = https_request(site, "GET", "/api/v1/openapi.json", source="127.0.0.2",
                           headers={"X-Forwarded-For": "198.51.100.99"})
    assert forged[0] == 429
    assert https_request(site, "GET", "/api/v1/openapi.json", source="127.0.0.3")[0] == 200


def test_allauths_sign_up_limit_counts_each_persons_own_address_through_the_proxy(site):
    """allauth's limits read the same address (rugtest.accounts.AccountAdapter): 20 sign-ups
    a minute per address."""

    def sign_up(source, number):
        status, headers, page = https_request(site, "GET", "/accounts/signup/", source=source)
        cookie = next(c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
        form = urllib.parse.urlencode({"email": f"p{number}@example.org", "password1": "x", "password2": "y",
                                       "csrfmiddlewaretoken": _form_token(page)})
        return https_request(site, "POST", "/accounts/signup/", form, source=source, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
            "Origin": site.https, "Referer": site.https + "/accounts/signup/"})[0]

    assert [sign_up("127.0.0.4", n) for n in range(20)] == [200] * 20  # the form with its error
    assert sign_up("127.0.0.4", 20) == 429
    assert sign_up("127.0.0.5", 21) == 200



def test_while_the_app_restarts_caddy_holds_a_request_until_it_is_back(site):
    stopped = threading.Event()
    restart = threading.Thread(target=lambda: (site.restart_app(), stopped.set()))
    restart.start()
    time.sleep(0.2)  # the app is stopping or stopped, and not yet back
    started = time.monotonic()
    status = https_request(site, "GET", "/accounts/login/")[0]
    waited = time.monotonic() - started
    restart.join(timeout=60)
    assert stopped.is_set()
    assert status == 200, f"answered {status} after {waited:.1f} s"
