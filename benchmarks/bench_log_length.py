"""Does a person's page cost more the longer they have walked?

Two signed-in people on the same day of their programme (its last, day 84): one has logged
the walks of 1 day (3 walks), the other every walk of the 12 weeks (252 walks). Their
programme page, walk log form and progress page are measured under load, the two people's
pages one right after the other, in rounds, so that a busy moment of the machine weighs on
both alike. The plan is computed from the whole log once per change and kept
(programme/plans.py), so the claim is that each page of the 12-week log is served at least
1 / 1.2 times as fast as the same page of the 1-day log (the ratio of the medians of the
rounds).

Starts `rugtest serve` as `make run` does (SQLite in a temporary folder, RUGTEST_HTTPS=1);
wrk with 32 connections over loopback. Exits non-zero when the claim does not hold.

Run:  .venv/bin/python benchmarks/bench_log_length.py            # about 3 minutes
      .venv/bin/python benchmarks/bench_log_length.py --rounds 7
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time

import serverkit
from bench_pages import Load, add_walks, cookie

PAGES = [("programme page", "/rugoefening/"), ("walk log form", "/rugoefening/wandeling/"),
         ("progress page", "/rugoefening/voortgang/")]
LIMIT = 1.2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page and person")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    rows, failures = [], []
    with tempfile.TemporaryDirectory() as var:
        server = serverkit.Server(var)
        server.env["RUGTEST_HTTPS"] = "1"
        server.prepare()
        sessions = serverkit.make_people(server, 2, "length")
        short, long = "length0@example.org", "length1@example.org"
        add_walks(server, short, 1)
        add_walks(server, long, serverkit.PROGRAMME_DAYS)
        server.start()
        try:
            load = Load(server.port, var, args.seconds, args.warmup, args.rounds)
            headers = {"X-Forwarded-Proto": "https", "Origin": load.origin}
            jars = {}
            for email in (short, long):
                browser = serverkit.Client(server.port, headers)
                browser.resume(sessions[email])
                jars[email] = cookie(browser)
            for name, path in PAGES:
                for email in (short, long):
                    load.run([("GET", path, jars[email], None)], args.warmup)
                rates = {short: [], long: []}
                p99 = {short: [], long: []}
                for _ in range(args.rounds):
                    for email in (short, long):
                        result = load.run([("GET", path, jars[email], None)], args.seconds)
                        if any(not s.startswith("2") for s in result["statuses"]) or result["errors"]:
                            failures.append(f"{name}: answers {result['statuses']}, {result['errors']} socket errors")
                        rates[email].append(result["rate"])
                        p99[email].append(result["p99_us"] / 1000)
                one_day, twelve_weeks = statistics.median(rates[short]), statistics.median(rates[long])
                if not one_day or not twelve_weeks:  # no answer in time at all: the machine, or the page, failed
                    failures.append(f"{name}: no answers within wrk's timeout ({one_day:.0f} / {twelve_weeks:.0f} a second)")
                    continue
                ratio = one_day / twelve_weeks
                if ratio > LIMIT:
                    failures.append(f"{name}: the 12-week log costs {ratio:.2f}× the 1-day log")
                rows.append({
                    "page": name, "path": f"`{path}`",
                    "1-day log, requests/s": f"{one_day:.0f}", "12-week log, requests/s": f"{twelve_weeks:.0f}",
                    "cost of 12 weeks ÷ cost of 1 day": f"{ratio:.2f}", f"≤ {LIMIT}×": "yes" if ratio <= LIMIT else "no",
                    "p99 ms (1 day / 12 weeks)": f"{statistics.median(p99[short]):.0f} / {statistics.median(p99[long]):.0f}",
                })
        finally:
            server.stop()

    print(serverkit.markdown_table(rows))
    print("\n" + ("every claim holds" if not failures else "FAILED:\n  " + "\n  ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    started = time.monotonic()
    status = main()
    print(f"({time.monotonic() - started:.0f} s)")
    sys.exit(status)
