"""Two app servers, one PostgreSQL: the app keeps no state in its processes, so a person
served by each in turn keeps their rugtest answers, their sign-in and their walk log
(docs/production.md). Runs on PostgreSQL (`make test-db`, and so in CI)."""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack

import pytest
from django.db import connection
from django.utils import timezone

from factories import CASES, form_data, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: runs in make test-db"),
]
PASSWORD = "walking-every-day-9"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The test database pytest-django made, which this test's own rows are in."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _serve(stack: ExitStack, port: int, env: dict) -> str:
    log = open(os.path.join(env["RUGTEST_VAR_DIR"], f"serve-{port}.log"), "w")
    stack.callback(log.close)
    server = subprocess.Popen(
        [sys.executable, "-m", "rugtest.cli", "serve"],
        env={**env, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1"},
        stdout=log, stderr=subprocess.STDOUT,
    )

    def stop():
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    stack.callback(stop)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return base
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server on port {port} did not start")


class Browser:
    """One person's browser: one cookie jar for both servers (cookies do not depend on the port)."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=20) as response:
            return response.geturl(), response.read().decode()

    def post(self, url, data):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        with self.opener.open(urllib.request.Request(url, data=body), timeout=20) as response:
            return response.geturl(), response.read().decode()


def test_two_servers_serve_the_same_person_in_turn_without_losing_anything(tmp_path):
    from rugtest.programme.models import WalkEntry

    user = make_user("anna@example.org", password=PASSWORD, verified=True)
    env = {**os.environ, "DATABASE_URL": _database_url(), "RUGTEST_SECRET_KEY": secrets.token_urlsafe(50),
           "RUGTEST_VAR_DIR": str(tmp_path)}
    env.pop("RUGTEST_HTTPS", None)
    subprocess.run([sys.executable, "-m", "rugtest.cli", "collectstatic", "--noinput", "-v0"], env=env, check=True, timeout=120)
    with ExitStack() as stack:
        servers = [_serve(stack, _free_port(), env), _serve(stack, _free_port(), env)]
        person = Browser()

        # The rugtest, each step on the other server.
        answers = CASES["E-09"]["answers"]
        url, page = person.get(f"{servers[0]}/rugtest/stap/1/")
        so_far = {}
        for turn in range(1, 12):
            page_id = urllib.parse.urlparse(url).path.rstrip("/").split("/")[-1]
            data = form_data(page_id, answers, so_far)
            so_far.update({k: answers[k] for k in data})
            url, page = person.post(f"{servers[turn % 2]}/rugtest/stap/{page_id}/", data)
            if "/uitslag/" in url:
                break
        assert "/uitslag/" in url, url
        expected_level = CASES["E-09"]["expect"]["level"]
        assert f'data-level="{expected_level}"' in person.get(f"{servers[0]}/rugtest/uitslag/")[1]
        assert f'data-level="{expected_level}"' in person.get(f"{servers[1]}/rugtest/uitslag/")[1]

        # Sign in on one server; the other knows the person, and kept the rugtest.
        person.get(f"{servers[1]}/accounts/login/")
        url, _ = person.post(f"{servers[1]}/accounts/login/", {"login": user.email, "password": PASSWORD})
        # The browser holds a rugtest result: signing in asks whether it is theirs (shared browser).
        assert urllib.parse.urlparse(url).path == "/rugoefening/uitslag-in-deze-browser/"
        url, _ = person.post(f"{servers[0]}/rugoefening/uitslag-in-deze-browser/", {"mine": "yes", "next": "/rugoefening/"})
        assert urllib.parse.urlparse(url).path == "/rugoefening/"
        _, page = person.get(f"{servers[0]}/rugoefening/")
        assert "Uitloggen" in page or "uitloggen" in page.lower()

        person.get(f"{servers[0]}/rugoefening/beginnen/")
        person.post(f"{servers[1]}/rugoefening/beginnen/", {
            "baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on", "gp_agrees": "on"})

        # The walk log: each walk on the other server.
        today = timezone.localdate().isoformat()
        for turn, part in enumerate(("morning", "afternoon", "evening")):
            person.get(f"{servers[turn % 2]}/rugoefening/wandeling/")
            url, page = person.post(f"{servers[(turn + 1) % 2]}/rugoefening/wandeling/",
                                    {"date": today, "part": part, "minutes": str(7 + turn)})
            assert urllib.parse.urlparse(url).path == "/rugoefening/", html.unescape(page)[:400]
        _, history = person.get(f"{servers[0]}/rugoefening/voortgang/")
        assert all(re.search(rf">{minutes} min\.<span", history) for minutes in (7, 8, 9))

    entries = WalkEntry.objects.filter(programme__user=user).order_by("part")
    assert sorted((e.part, e.minutes) for e in entries) == [("afternoon", 8), ("evening", 9), ("morning", 7)]
