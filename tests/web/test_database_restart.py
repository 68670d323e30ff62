"""A real server whose database cannot be reached answers 503 with Retry-After, never 500
(docs/production.md, "When the database cannot be reached"): first with a database at a
closed port, then during a database restart under load, on PostgreSQL (`make test-db`).

The restart is played by a TCP forwarder between the app and PostgreSQL that the test takes
down and brings back: as in a real restart, the open connections drop and new ones are
refused, for about as long as a restart takes (0.7 s). The PostgreSQL server itself, which
others may share, is never restarted."""

from __future__ import annotations

import http.client
import json
import secrets
import socket
import string
import threading
import time
import urllib.parse
from collections import Counter

import pytest
from django.db import connection

from factories import CASES, form_data
from servers import app_env, free_port, rugtest, serve

STEP_1 = form_data("1", CASES["E-09"]["answers"], {})
TRY_AGAIN = {"nl": "Probeer het zo nog eens. Wat u invulde, staat nog in uw browser.",
             "en": "Please try again in a moment. What you filled in is still in your browser."}


def request(base, method, path, body=None, headers=None):
    """One request; (status, headers, text)."""
    parts = urllib.parse.urlsplit(base)
    client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        client.request(method, path, body=body, headers=headers or {})
        response = client.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        client.close()


def _secret():
    """A CSRF secret as Django makes them (32 letters and digits): a browser that has the
    cookie from an earlier visit sends it with the form, unmasked."""
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def post_form(base, path, data, cookies=""):
    token = _secret()
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token})
    return request(base, "POST", path, body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}" + (f"; {cookies}" if cookies else ""),
    })


def test_a_server_whose_database_is_at_a_closed_port_asks_people_to_try_again(tmp_path):
    closed = free_port()
    env = app_env(tmp_path, DATABASE_URL=f"postgres://rugtest@127.0.0.1:{closed}/rugtest")
    with serve(env) as base:
        status, _, text = request(base, "GET", "/healthz")
        assert (status, text) == (200, "ok")

        for prefix, lang in (("", "nl"), ("/en", "en")):
            # A page that reads the person's session, and answering step 1 (the session's save).
            status, headers, page = request(base, "GET", f"{prefix}/rugtest/stap/2/",
                                            headers={"Cookie": "sessionid=" + secrets.token_hex(16)})
            assert status == 503 and int(headers["Retry-After"]) >= 1, (status, page[:300])
            assert TRY_AGAIN[lang] in page and f'<html lang="{lang}">' in page
            status, headers, page = post_form(base, f"{prefix}/rugtest/stap/1/", STEP_1)
            assert status == 503 and int(headers["Retry-After"]) >= 1, (status, page[:300])
            assert TRY_AGAIN[lang] in page

        status, headers, body = request(base, "POST", "/api/v1/triage", json.dumps({"answers": CASES["E-09"]["answers"]}),
                                        {"Content-Type": "application/json"})
        assert status == 503 and headers["Content-Type"] == "application/json"
        assert int(headers["Retry-After"]) >= 1
        assert "try again" in json.loads(body)["error"]["message"]


class Forwarder:
    """127.0.0.1:port -> the database, until ``down()``: then the open connections drop and
    new ones are refused, until ``up()``."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self.lock = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener: socket.socket | None = None

    def up(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.05)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self):
        listener, self.listener = self.listener, None
        with self.lock:
            for sock in [listener, *self.sockets]:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self.lock:
                self.sockets |= {client, server}
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _answer_step_1_again_and_again(base, stop, seen):
    """One person: step 1, answered, again and again; (time, status, Retry-After) of each."""
    cookies = ""
    while not stop.is_set():
        for method in ("GET", "POST"):
            started = time.monotonic()
            try:
                if method == "GET":
                    status, headers, _ = request(base, "GET", "/rugtest/stap/1/", headers={"Cookie": cookies})
                else:
                    status, headers, _ = post_form(base, "/rugtest/stap/1/", STEP_1, cookies)
            except OSError as error:
                seen.append((started, repr(error), None))
                continue
            seen.append((started, status, headers.get("Retry-After")))
            for cookie in headers.get_all("Set-Cookie") or []:
                name_value = cookie.split(";", 1)[0]
                if name_value.startswith("sessionid="):
                    cookies = name_value


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: runs in make test-db")
def test_a_database_restart_under_load_gives_503s_not_500s_and_the_site_recovers_by_itself(tmp_path):
    db = connection.settings_dict
    forwarder = Forwarder((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    forwarder.up()
    auth = db["USER"] + (f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    env = app_env(tmp_path, DATABASE_URL=f"postgres://{auth}@127.0.0.1:{forwarder.port}/{db['NAME']}")
    rugtest("collectstatic", "--noinput", "-v0", env=env)
    try:
        with serve(env, workers=2) as base:
            stop, seen = threading.Event(), []
            people = [threading.Thread(target=_answer_step_1_again_and_again, args=(base, stop, seen))
                      for _ in range(8)]
            for person in people:
                person.start()
            time.sleep(1.0)
            forwarder.down()
            time.sleep(0.7)
            forwarder.up()
            back = time.monotonic()
            time.sleep(2.5)
            stop.set()
            for person in people:
                person.join(timeout=30)
    finally:
        forwarder.down()

    statuses = Counter(status for _, status, _ in seen)
    assert set(statuses) <= {200, 302, 503}, statuses  # never a 500, nor any other error
    assert statuses[503] > 0, f"the restart went unnoticed: {statuses}"
    assert all(retry is not None and int(retry) >= 1 for _, status, retry in seen if status == 503)
    # Recovered by itself: a second after the database is back, every answer is a page.
    late = Counter(status for started, status, _ in seen if started > back + 1.0)
    assert late and set(late) <= {200, 302}, late
    assert late[302] > 10  # people went on answering step 1
