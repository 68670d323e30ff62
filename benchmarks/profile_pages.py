"""CPU time per request of the heavy pages, in one process, against `/healthz`.

No server and no network: the requests go straight through Django's WSGI handler (the one
gunicorn calls), with the cookies a browser sends, on SQLite in a temporary folder with the
production settings (RUGTEST_HTTPS=1). Each page is asked ``--batch`` times right after
``--batch`` requests of `/healthz`, for ``--rounds`` rounds; the table gives the lowest CPU
time per request of the rounds (the moment the machine was least busy) and the share of
the floor's rate that makes. ``--profile NAME`` prints where the time of one page goes
(cProfile, sorted by cumulative time).

Run:  .venv/bin/python benchmarks/profile_pages.py
      .venv/bin/python benchmarks/profile_pages.py --only programme,walk --rounds 7
      .venv/bin/python benchmarks/profile_pages.py --profile result
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

VAR = tempfile.mkdtemp(prefix="rugtest-profile-")
os.environ.update(RUGTEST_VAR_DIR=VAR, RUGTEST_HTTPS="1", DJANGO_SETTINGS_MODULE="rugtest.settings")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
           "HTTP_ACCEPT": "text/html", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1"}


class Browser:
    """One browser's cookies, sending requests straight to the WSGI application."""

    def __init__(self, app):
        self.app, self.cookies, self.token = app, {}, None

    def environ(self, method, path, body=b"", headers=None):
        path, _, query = path.partition("?")
        env = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "443", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)), **HEADERS, **(headers or {}),
        }
        if self.cookies:
            env["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            env["HTTP_REFERER"] = "https://127.0.0.1" + path
            env["HTTP_ORIGIN"] = "https://127.0.0.1"
        return env

    def request(self, method, path, fields=None, keep_cookies=True):
        body = urlencode({**fields, "csrfmiddlewaretoken": self.token}, doseq=True).encode() if fields else b""
        status_headers = {}

        def start_response(status, headers, exc_info=None):
            status_headers["status"], status_headers["headers"] = status, headers

        response = self.app(self.environ(method, path, body), start_response)
        content = b"".join(response)
        if hasattr(response, "close"):
            response.close()
        if keep_cookies:
            for name, value in status_headers["headers"]:
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";")[0]
        return int(status_headers["status"].split()[0]), content, dict(status_headers["headers"])

    def form_token(self, path):
        import re

        status, content, _ = self.request("GET", path, keep_cookies=True)
        # The page comes compressed: read it through gzip.
        import gzip
        try:
            content = gzip.decompress(content)
        except OSError:
            pass
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        assert status == 200 and match, (path, status)
        self.token = match.group(1).decode()


def setup():
    import bench_pages
    import serverkit

    from rugtest.core import questions

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)

    class Local:
        env = dict(os.environ)

        def django(self, code):
            buffer = io.StringIO()
            stdout, sys.stdout = sys.stdout, buffer
            try:
                exec(code, {})
            finally:
                sys.stdout = stdout
            return buffer.getvalue()

    app = get_wsgi_application()
    local = Local()
    sessions = serverkit.make_people(local, 2, "profile")
    bench_pages.add_walks(local, "profile0@example.org", serverkit.PROGRAMME_DAYS)
    bench_pages.add_walks(local, "profile1@example.org", 1)

    def answered(last_page=None):
        browser = Browser(app)
        browser.form_token("/rugtest/stap/1/")
        path = "/rugtest/stap/1/"
        for _ in range(10):
            page = questions.PAGE_BY_ID[path.rstrip("/").split("/")[-1]]
            status, _, reply = browser.request("POST", path, bench_pages.answers_for(page))
            assert status == 302, (path, status)
            path = reply["Location"]
            if page.id == last_page or "/uitslag/" in path:
                return browser
            browser.form_token(path)
        raise RuntimeError("the rugtest did not end")

    def signed_in(email):
        browser = Browser(app)
        browser.cookies["sessionid"] = sessions[email]
        browser.form_token("/rugoefening/wandeling/")
        return browser

    finished, after_1 = answered(), answered("1")
    long_log, short_log = signed_in("profile0@example.org"), signed_in("profile1@example.org")
    step_fields = bench_pages.answers_for(questions.PAGES[0])

    def get(browser, path):
        return lambda: browser.request("GET", path, keep_cookies=False)

    def full_step():
        # GET step 1, POST its answers, GET the step the redirect names: three requests.
        after_1.request("GET", "/rugtest/stap/1/", keep_cookies=False)
        after_1.request("POST", "/rugtest/stap/1/", step_fields, keep_cookies=False)
        after_1.request("GET", "/rugtest/stap/2/", keep_cookies=False)

    anonymous = Browser(app)
    pages = {
        "healthz": (get(anonymous, "/healthz"), 1),
        "home": (get(anonymous, "/"), 1),
        "step 1, first visit": (get(anonymous, "/rugtest/stap/1/"), 1),
        "step 2, with answers": (get(after_1, "/rugtest/stap/2/"), 1),
        "step 5, with answers": (get(finished, "/rugtest/stap/5/"), 1),
        "result": (get(finished, "/rugtest/uitslag/"), 1),
        "result (en)": (get(finished, "/en/rugtest/uitslag/"), 1),
        "full step (per request)": (full_step, 3),
        "programme page, 12-week log": (get(long_log, "/rugoefening/"), 1),
        "programme page, 1-day log": (get(short_log, "/rugoefening/"), 1),
        "walk log, 12-week log": (get(long_log, "/rugoefening/wandeling/"), 1),
        "walk log, 1-day log": (get(short_log, "/rugoefening/wandeling/"), 1),
        "progress page, 12-week log": (get(long_log, "/rugoefening/voortgang/"), 1),
        "progress page, 1-day log": (get(short_log, "/rugoefening/voortgang/"), 1),
    }
    for name, (call, _) in pages.items():  # warm up: templates compiled, plans kept, fragments cached
        for _ in range(3):
            answer = call()
            assert answer is None or answer[0] == 200, (name, answer[0])
    return pages


def cpu_per_request(call, requests, batch) -> float:
    start = time.process_time()
    for _ in range(batch):
        call()
    return (time.process_time() - start) / (batch * requests)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="", help="print cProfile's view of the first page whose name has this")
    parser.add_argument("--queries", default="", help="print the SQL of one request of the first page whose name has this")
    args = parser.parse_args()
    pages = setup()
    if args.queries:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        name = next(n for n in pages if args.queries in n)
        with CaptureQueriesContext(connection) as queries:
            pages[name][0]()
        for query in queries.captured_queries:
            print(query["sql"][:300])
        print(len(queries.captured_queries), "queries")
        return 0
    only = [w.strip() for w in args.only.split(",") if w.strip()]
    if args.profile:
        name = next(n for n in pages if args.profile in n)
        call, _ = pages[name]
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [call() for _ in range(args.batch)])
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        return 0
    healthz, _ = pages["healthz"]
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {args.rounds} rounds of {args.batch} requests, lowest CPU per request")
    print("| page | CPU ms per request | /healthz ms | × floor |\n| --- | --- | --- | --- |")
    for name, (call, requests) in pages.items():
        if name == "healthz" or (only and not any(w in name for w in only)):
            continue
        floor, page = [], []
        for _ in range(args.rounds):
            floor.append(cpu_per_request(healthz, 1, args.batch))
            page.append(cpu_per_request(call, requests, args.batch))
        print(f"| {name} | {min(page) * 1000:.2f} | {min(floor) * 1000:.3f} | {min(floor) / min(page):.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
