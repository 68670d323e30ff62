"""Every page under load, against the framework's own floor.

Starts `rugtest serve` as `make run` does (migrate, collectstatic, gunicorn), with the
production settings on (RUGTEST_HTTPS=1: the requests come "through the TLS proxy" with
X-Forwarded-Proto: https, secure cookies, HSTS) and SQLite in a temporary folder. Then wrk
(Debian's package) loads one page at a time with 32 connections from this machine, over
loopback only, for a bounded time each: first a short warm-up, then the measurement.

Measured against `/healthz` (no template, no database: the floor of Django with its
middleware on this server). Each page is measured in rounds, each round right after a round
of `/healthz`, so that a busy moment of the machine weighs on both alike; the table gives
the median of the rounds. The claims (issue 18):

- GET `/` and `/rugtest/` reach at least 0.6× the `/healthz` rate;
- every other page of a visitor without a session (step 1, medicatie, the information
  pages, ...) at least 0.4×;
- the result page, the steps of a visitor with answers and a full rugtest step (GET the
  step, POST its answers, GET the page the redirect names; its rate counts each of the three
  requests) at least 0.25×;
- the signed-in programme page and walk log, with a 12-week log (252 walks), at least 0.25×;
- p99 under 50 ms for every page, when `/healthz` itself runs above 1,500 requests a
  second (below that the machine, not the page, sets the latency).

Writes the table into benchmarks/README.md with --write-readme; exits non-zero when a claim
does not hold.

Run:  .venv/bin/python benchmarks/bench_pages.py                  # about 10 minutes
      .venv/bin/python benchmarks/bench_pages.py --rounds 5 --write-readme
      .venv/bin/python benchmarks/bench_pages.py --only home,result  # some pages (by name)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import serverkit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rugtest.core import questions  # noqa: E402

CONNECTIONS = 32
P99_MS, P99_FLOOR = 50.0, 1500  # p99 is claimed only when /healthz runs above 1,500 a second

# One person's answers: 45 years old, two weeks of pain, no warning sign.
ANSWERS = {"age": 45, "sex": "female", "duration_weeks": 2, "pain_score": 6, "previous_episodes": "yes",
           **{q.id: "no" for q in questions.QUESTIONS if q.type == questions.YESNO and q.step in (2, 3, 4)},
           "causes": ["awkward_posture"], "activity_level": "less", "off_work": "no", "heavy_work": "no",
           "work_unhappy": "no", "fear_of_moving": "no", "expect_no_recovery": "no", "stress": "no",
           "low_mood": "no", "poor_health": "no"}

# (name, path, target share of the /healthz rate)
ANONYMOUS = [
    ("home", "/", 0.6), ("home (en)", "/en/", 0.6), ("rugtest intro", "/rugtest/", 0.6),
    ("step 1, first visit", "/rugtest/stap/1/", 0.4), ("step 1, first visit (en)", "/en/rugtest/stap/1/", 0.4),
    ("step 2, with answers", "/rugtest/stap/2/", 0.25), ("step 5, with answers", "/rugtest/stap/5/", 0.25),
    ("result", "/rugtest/uitslag/", 0.25), ("result (en)", "/en/rugtest/uitslag/", 0.25),
    ("medicatie", "/medicatie/", 0.4), ("medication (en)", "/en/medicatie/", 0.4), ("informatie", "/informatie/", 0.4),
    ("hoe lang", "/informatie/hoe-lang/", 0.4), ("oorzaken", "/informatie/oorzaken/", 0.4),
    ("hernia", "/informatie/hernia/", 0.4), ("over", "/over/", 0.4), ("privacy", "/privacy/", 0.4),
    ("rugoefening", "/rugoefening/", 0.4),
]
STEP = ("full step: GET, POST, redirect", "/rugtest/stap/1/ → /rugtest/stap/2/", 0.25)
SIGNED_IN = [("programme page, signed in, 12-week log", "/rugoefening/", 0.25),
             ("walk log, signed in, 12-week log", "/rugoefening/wandeling/", 0.25),
             ("progress page, signed in, 12-week log", "/rugoefening/voortgang/", None)]

# /healthz asked with a session: what Django's session (and user) alone cost, beside the
# pages made for one visitor. No target: they show how far those pages can go.
SESSION_FLOORS = [("/healthz with a session of answers", "/healthz", None),
                  ("/healthz signed in", "/healthz", None)]

LUA = r"""
local requests = {}
local i = 0
statuses = {}
function init(args)
  for _, r in ipairs(REQUESTS) do
    table.insert(requests, wrk.format(r[1], r[2], r[3], r[4]))
  end
end
function request()
  i = i % #requests + 1
  return requests[i]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[tostring(status)] = (counts[tostring(status)] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%s": %d', status, n)) end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, '
    .. '"errors": %d, "statuses": {%s}}\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout,
    table.concat(parts, ", ")))
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Load:
    def __init__(self, port: int, folder: str, seconds: int, warmup: int, rounds: int):
        self.port, self.folder, self.seconds, self.warmup, self.rounds = port, folder, seconds, warmup, rounds
        self.origin = f"https://127.0.0.1:{port}"
        # What a browser behind the TLS proxy sends with every request.
        self.headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, deflate, br",
                        "Accept": "text/html", "User-Agent": "bench_pages"}

    def script(self, requests: list[tuple[str, str, dict, str | None]]) -> str:
        rows = []
        for method, path, headers, body in requests:
            fields = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in {**self.headers, **headers}.items())
            rows.append(f"{{{lua_string(method)}, {lua_string(path)}, {{{fields}}}, "
                        f"{lua_string(body) if body is not None else 'nil'}}}")
        path = Path(self.folder) / f"load{len(os.listdir(self.folder))}.lua"
        path.write_text("REQUESTS = {\n" + ",\n".join(rows) + "\n}\n" + LUA)
        return str(path)

    def run(self, requests, seconds) -> dict:
        script = self.script(requests)
        done = subprocess.run(
            ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s", "-s", script,
             f"http://127.0.0.1:{self.port}"],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        result = json.loads(line[len("RESULT "):])
        result["rate"] = result["requests"] / result["seconds"]
        return result

    def measure(self, requests) -> dict:
        """The median of ``rounds`` rounds, each right after a round of /healthz: the rate
        as a share of that floor, and the page's own rate and latencies."""
        self.run(requests, self.warmup)  # every worker has loaded its templates and URLs
        rounds = []
        for _ in range(self.rounds):
            floor = self.run([("GET", "/healthz", {}, None)], self.seconds)
            page = self.run(requests, self.seconds)
            rounds.append({**page, "floor_rate": floor["rate"], "ratio": page["rate"] / floor["rate"]})
        rounds.sort(key=lambda r: r["ratio"])
        middle = dict(rounds[len(rounds) // 2])
        for key in ("p50_us", "p99_us"):
            middle[key] = statistics.median(r[key] for r in rounds)
        middle["statuses"] = {s: sum(r["statuses"].get(s, 0) for r in rounds) for r in rounds for s in r["statuses"]}
        middle["errors"] = sum(r["errors"] for r in rounds)
        return middle


def answers_for(page) -> dict:
    data = {}
    for question in questions.shown_questions(page, ANSWERS):
        if question.id in ANSWERS:
            value = ANSWERS[question.id]
            data[question.id] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return data


def visitor(server, headers) -> serverkit.Client:
    """A browser that has been to step 1 (a form token and its cookie, no session yet)."""
    client = serverkit.Client(server.port, headers)
    client.form_token("/rugtest/stap/1/")
    return client


def answer_steps(client, last_page: str | None = None) -> None:
    """Answer the rugtest page after page as a browser does, up to and including ``last_page``
    (None: to the result)."""
    path = "/rugtest/stap/1/"
    for _ in range(10):
        page = questions.PAGE_BY_ID[path.rstrip("/").split("/")[-1]]
        status, _, reply = client.post(path, answers_for(page))
        if status != 302:
            raise RuntimeError(f"POST {path}: {status}")
        path = reply["Location"]
        if page.id == last_page or "/uitslag/" in path:
            return
        client.form_token(path)
    raise RuntimeError("the rugtest did not end")


def cookie(client) -> dict:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}


def add_walks(server, email: str, days: int) -> None:
    """Three walks a day on the last ``days`` days of this person's programme, today included
    (84: the whole 12-week log, 252 walks)."""
    server.django(f"""
import datetime as dt
from django.utils import timezone
from rugtest.programme.models import Programme, WalkEntry
programme = Programme.objects.get(user__email={email!r})
today = timezone.localdate()
WalkEntry.objects.bulk_create([
    WalkEntry(programme=programme, date=today - dt.timedelta(days=back), part=part, minutes=10 + (back % 7),
              pain_before=4, pain_after=3)
    for back in range({days}) for part in ("morning", "afternoon", "evening")
])
""")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page, each after a round of /healthz")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--only", default="", help="comma-separated words: measure only the pages whose name has one")
    parser.add_argument("--write-readme", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    only = [word.strip() for word in args.only.split(",") if word.strip()]

    def wanted(name):
        return not only or any(word in name for word in only)

    rows, failures = [], []
    with tempfile.TemporaryDirectory() as var:
        server = serverkit.Server(var)
        server.env["RUGTEST_HTTPS"] = "1"  # production: behind a TLS proxy
        server.prepare()
        email = "bench0@example.org"
        session = serverkit.make_people(server, 1, "bench")[email]
        add_walks(server, email, serverkit.PROGRAMME_DAYS)
        server.start()
        try:
            load = Load(server.port, var, args.seconds, args.warmup, args.rounds)
            # The browsers that make the sessions read the pages: no compression for them.
            headers = {"X-Forwarded-Proto": "https", "Origin": load.origin}
            # Sessions: one with every answer (result page), one after step 1, and the signed-in person.
            finished = visitor(server, headers)
            answer_steps(finished)
            after_step_1 = visitor(server, headers)
            answer_steps(after_step_1, last_page="1")

            results = [("/healthz (the floor itself)", "/healthz", None, load.measure([("GET", "/healthz", {}, None)]))]
            if wanted(SESSION_FLOORS[0][0]):
                # The floor of a page made for one visitor: /healthz with the session of a
                # visitor with answers. Django reads the session and nothing else.
                results.append((*SESSION_FLOORS[0], load.measure([("GET", "/healthz", cookie(finished), None)])))
            for name, path, target in ANONYMOUS:
                if not wanted(name):
                    continue
                jar = finished if path.endswith("uitslag/") or "/stap/5/" in path else (
                    after_step_1 if "/stap/2/" in path else None)
                results.append((name, path, target, load.measure([("GET", path, cookie(jar) if jar else {}, None)])))

            if wanted(STEP[0]):
                # A full step: GET step 1, POST its answers, GET the step the redirect names. Each
                # of 32 browsers has its own session, so that every save is a write of its own.
                browsers = [visitor(server, headers) for _ in range(CONNECTIONS)]
                for browser in browsers:
                    answer_steps(browser, last_page="1")
                body_fields = answers_for(questions.PAGES[0])
                cycle = []
                for browser in browsers:
                    jar = {**cookie(browser), "Referer": f"{load.origin}/rugtest/stap/1/", "Origin": load.origin}
                    body = urlencode({**body_fields, "csrfmiddlewaretoken": browser.token}, doseq=True)
                    cycle += [("GET", "/rugtest/stap/1/", jar, None),
                              ("POST", "/rugtest/stap/1/", {**jar, "Content-Type": "application/x-www-form-urlencoded"}, body),
                              ("GET", "/rugtest/stap/2/", jar, None)]
                results.append((*STEP, load.measure(cycle)))

            # The signed-in browser: its session and the form-token cookie a browser keeps.
            person = serverkit.Client(server.port, headers)
            person.resume(session)
            signed_in = cookie(person)
            if wanted(SESSION_FLOORS[1][0]):
                # The floor of a signed-in page: Django reads the session and the user it names.
                results.append((*SESSION_FLOORS[1], load.measure([("GET", "/healthz", signed_in, None)])))
            for name, path, target in SIGNED_IN:
                if wanted(name):
                    results.append((name, path, target, load.measure([("GET", path, signed_in, None)])))
        finally:
            server.stop()

    for name, path, target, result in results:
        ratio = result["ratio"]
        bad = {s: n for s, n in result["statuses"].items() if not s.startswith(("2", "3"))}
        p99_claimed = result["floor_rate"] > P99_FLOOR
        if p99_claimed and result["p99_us"] / 1000 >= P99_MS:
            failures.append(f"{name}: p99 {result['p99_us'] / 1000:.1f} ms")
        if target is not None and ratio < target:
            failures.append(f"{name}: ≥ {target}×, measured {ratio:.3f}× the floor")
        if bad or result["errors"]:
            failures.append(f"{name}: answers {bad}, {result['errors']} socket errors")
        rows.append(row(name, path, result, f"≥ {target}×" if target is not None else "–", p99_claimed))

    table = serverkit.markdown_table(rows)
    print(table)
    print("\n" + ("every claim holds" if not failures else "FAILED:\n  " + "\n  ".join(failures)))
    if args.write_readme:
        write_readme(table, args, failures)
    return 1 if failures else 0


def row(name, path, result, target, p99_claimed) -> dict:
    return {
        "page": name, "path": f"`{path}`", "requests/s": f"{result['rate']:.0f}",
        "/healthz in its round": f"{result['floor_rate']:.0f}", "× floor": f"{result['ratio']:.2f}", "target": target,
        "p50 ms": f"{result['p50_us'] / 1000:.1f}",
        "p99 ms": f"{result['p99_us'] / 1000:.1f}" + ("" if p99_claimed else " (floor ≤ 1,500/s)"),
        "answers": ", ".join(f"{n} × {s}" for s, n in sorted(result["statuses"].items())),
    }


def write_readme(table: str, args, failures) -> None:
    readme = ROOT / "benchmarks" / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench_pages:start -->", "<!-- bench_pages:end -->"
    verdict = "Every claim holds." if not failures else "Claims that do not hold: " + "; ".join(failures) + "."
    block = (f"{start}\n{dt.date.today().isoformat()}, this machine (2 cores), wrk with {CONNECTIONS} connections "
             f"and 1 thread, {args.warmup} s warm-up, then {args.rounds} rounds of {args.seconds} s of `/healthz` "
             f"and {args.seconds} s of the page (medians of the rounds), "
             f"`rugtest serve` with its default workers, SQLite, RUGTEST_HTTPS=1. {verdict}\n\n{table}\n{end}")
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    readme.write_text(text)


if __name__ == "__main__":
    started = time.monotonic()
    status = main()
    print(f"({time.monotonic() - started:.0f} s)")
    sys.exit(status)
