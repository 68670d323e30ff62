"""What the load, crash and fuzz benchmarks share: a `rugtest serve` started as `make run`
starts it (migrate, collectstatic, gunicorn), on a free loopback port, with SQLite in a
temporary folder or the PostgreSQL that DATABASE_URL names; people with a verified account
and a walking programme; a small HTTP client that keeps cookies. Only 127.0.0.1 is ever
contacted, and every loop is bounded in time.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RUGTEST = ROOT / ".venv" / "bin" / "rugtest"
PASSWORD = "walking-every-day-9"
PROGRAMME_DAYS = 84  # W-13: 12 weeks; a person can log 3 walks on each day of it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`rugtest serve` in its own process group, so that a SIGKILL reaches every worker."""

    def __init__(self, var_dir: str, database_url: str | None = None, workers: int | None = None):
        self.port = free_port()
        self.env = {**os.environ, "RUGTEST_VAR_DIR": var_dir, "PORT": str(self.port), "HOST": "127.0.0.1",
                    "RUGTEST_SECRET_KEY": "benchmark-" + "k" * 60, "RUGTEST_API_RATE_LIMIT": "1000000/60",
                    # Each simulated person comes "through the proxy" with an address of their own
                    # (X-Forwarded-For from 198.18.0.0/15, the range set aside for benchmarks), so
                    # that the per-address sign-in limits see different people, as they would.
                    "RUGTEST_TRUSTED_PROXIES": "127.0.0.1"}
        self.env.pop("RUGTEST_HTTPS", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        else:
            self.env.pop("DATABASE_URL", None)
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.process = None
        self.log = open(Path(var_dir) / "serve.log", "a")

    def prepare(self):
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
            subprocess.run([str(RUGTEST), *command], env=self.env, check=True)

    def start(self, timeout: float = 30):
        self.process = subprocess.Popen([str(RUGTEST), "serve"], env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start; see serve.log")

    def kill(self):
        """SIGKILL to the master and every worker at once: a crash, not a shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def django(self, code: str) -> str:
        """Run Python with Django set up on this server's database; its standard output."""
        script = "import django; django.setup()\n" + code
        done = subprocess.run([sys.executable, "-c", script], env={**self.env, "DJANGO_SETTINGS_MODULE": "rugtest.settings"},
                              capture_output=True, text=True, check=True)
        return done.stdout


def make_people(server: Server, count: int, prefix: str = "walker") -> dict[str, str]:
    """``count`` people with a verified account, a rugtest result and a programme that began
    PROGRAMME_DAYS - 1 days ago, each signed in: their e-mail address and session key.

    The sessions are made here as a sign-in makes them: 64 sign-ins through the form cost
    64 Argon2 hashes, which on a small machine would be most of a short run (the sign-in
    itself is tested in tests/web/test_accounts.py and test_two_servers.py)."""
    out = server.django(f"""
import datetime as dt
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from allauth.account.models import EmailAddress
from rugtest.programme.models import Programme
from rugtest.selftest.models import RugtestResult
from rugtest.core.triage import triage
from rugtest.core import questions

password = make_password({PASSWORD!r})
start = timezone.localdate() - dt.timedelta(days={PROGRAMME_DAYS - 1})
answers = {{q.id: (q.minimum if q.type == questions.INT else (q.choices[-1].value if q.type != questions.MULTI else []))
           for q in questions.QUESTIONS if q.required}}
for qid, value in {{"age": 40, "duration_weeks": 1}}.items():
    if qid in questions.BY_ID:
        answers[qid] = value
answers = {{k: ("no" if questions.BY_ID[k].type == questions.YESNO else v) for k, v in answers.items()}}
outcome = triage({{"answers": answers}})
User = get_user_model()
sessions = {{}}
for i in range({count}):
    email = f"{prefix}{{i}}@example.org"
    user = User.objects.create(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    result = RugtestResult.objects.create(user=user, answers=answers, outcome=outcome)
    Programme.objects.create(user=user, result=result, start=start, baseline_minutes=10, baseline_method="direct")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions[email] = session.session_key
print(json.dumps(sessions))
""")
    import json

    return json.loads(out.strip().splitlines()[-1])


def slots(today: dt.date | None = None):
    """Every (date, part) a person may log in the programme, newest first."""
    today = today or dt.date.today()
    for back in range(PROGRAMME_DAYS):
        day = today - dt.timedelta(days=back)
        for part in ("morning", "afternoon", "evening"):
            yield day.isoformat(), part


class Client:
    """One person's browser: cookies, one keep-alive connection, CSRF token from a form."""

    made = 0

    def __init__(self, port: int, headers: dict | None = None):
        Client.made += 1
        self.headers = dict(headers or {})  # sent with every request
        self.address = f"198.18.{Client.made // 250}.{Client.made % 250 + 1}"
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = None
        self.token = None

    def request(self, method, path, body=None, headers=None, timeout=30):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {**self.headers, **(headers or {})}
        headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except Exception:
            self.conn.close()
            self.conn = None
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, data, dict(response.getheaders())

    def form_token(self, path):
        status, page, _ = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}")
        self.token = match.group(1).decode()
        return self.token

    def post(self, path, fields):
        body = urlencode({**fields, "csrfmiddlewaretoken": self.token}, doseq=True)
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def resume(self, session_key):
        """A browser that signed in before: its session cookie, and a form's token."""
        self.cookies["sessionid"] = session_key
        self.form_token("/rugoefening/wandeling/")

    def sign_in(self, email):
        self.form_token("/accounts/login/")
        status, _, headers = self.post("/accounts/login/", {"login": email, "password": PASSWORD})
        if status != 302 or headers.get("Location") != "/rugoefening/":
            raise RuntimeError(f"sign-in of {email}: {status} {headers.get('Location')}")
        self.form_token("/rugoefening/wandeling/")


def entries_in_database(server: Server, prefix: str) -> dict[str, set[tuple[str, str, int]]]:
    """Every walk entry of the people whose address starts with ``prefix``, per address."""
    out = server.django(f"""
import json
from rugtest.programme.models import WalkEntry
rows = WalkEntry.objects.filter(programme__user__email__startswith={prefix!r}).values_list(
    "programme__user__email", "date", "part", "minutes")
print(json.dumps([[e, d.isoformat(), p, m] for e, d, p, m in rows]))
""")
    import json

    found: dict[str, set] = {}
    for email, day, part, minutes in json.loads(out):
        found.setdefault(email, set()).add((day, part, minutes))
    return found


def markdown_table(rows: list[dict]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "| " + " | ".join("---" for _ in keys) + " |"]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)
