"""Concurrency: many signed-in people log walks at once; afterwards the database holds
exactly the walks the server acknowledged, and no request got a 5xx.

Starts `rugtest serve` (as `make run` does) with SQLite in a temporary folder, or on the
PostgreSQL that --database-url names (new people with a fresh prefix each run; nothing is
deleted there). Each simulated person is signed in (a session made as a sign-in makes it), then posts walk after walk to
/rugoefening/wandeling/ (each to a slot of their programme not used before) until the time
is up, and opens the programme page each save redirects to, as a browser does. Loopback
only; bounded by --seconds.

Run:  .venv/bin/python benchmarks/bench_load.py --people 64 --seconds 20
      .venv/bin/python benchmarks/bench_load.py --people 64 --seconds 60 --database-url postgres://...
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
import time

import serverkit


def run(people: int, seconds: float, database_url: str | None, workers: int | None) -> dict:
    prefix = f"load{int(time.time())}-"
    with tempfile.TemporaryDirectory() as var:
        server = serverkit.Server(var, database_url, workers)
        server.prepare()
        sessions = serverkit.make_people(server, people, prefix)
        emails = list(sessions)
        server.start()
        try:
            acknowledged = {email: set() for email in emails}
            statuses: dict[int, int] = {}  # answers to the walk posts
            pages: dict[int, int] = {}  # answers to the programme page after each save
            failures: list[str] = []
            latencies: list[float] = []
            lock = threading.Lock()
            ready = threading.Barrier(people + 1)
            stop_at = [float("inf")]  # set when everyone is signed in

            def person(email):
                client = serverkit.Client(server.port)
                try:
                    client.resume(sessions[email])
                except Exception as error:  # noqa: BLE001
                    failures.append(f"first page of {email}: {error!r}")
                    ready.wait()
                    return
                ready.wait()
                for minutes, (day, part) in enumerate(serverkit.slots(), start=1):
                    if time.monotonic() >= stop_at[0]:
                        break
                    minutes = minutes % 180 + 1
                    started = time.perf_counter()
                    try:
                        status, _, headers = client.post("/rugoefening/wandeling/",
                                                         {"date": day, "part": part, "minutes": str(minutes)})
                    except Exception as error:  # noqa: BLE001
                        with lock:
                            failures.append(repr(error))
                        continue
                    elapsed = time.perf_counter() - started
                    with lock:
                        statuses[status] = statuses.get(status, 0) + 1
                        latencies.append(elapsed)
                    if status == 302 and headers.get("Location") == "/rugoefening/":
                        acknowledged[email].add((day, part, minutes))
                        # The browser follows the redirect: the programme page with "saved".
                        try:
                            shown, _, _ = client.request("GET", "/rugoefening/")
                        except Exception as error:  # noqa: BLE001
                            with lock:
                                failures.append(repr(error))
                            continue
                        with lock:
                            pages[shown] = pages.get(shown, 0) + 1

            threads = [threading.Thread(target=person, args=(e,)) for e in emails]
            for thread in threads:
                thread.start()
            ready.wait()
            began = time.monotonic()
            stop_at[0] = began + seconds
            for thread in threads:
                thread.join()
            duration = time.monotonic() - began
        finally:
            server.stop()
        found = serverkit.entries_in_database(server, prefix)
    acked = {(e, *w) for e, walks in acknowledged.items() for w in walks}
    stored = {(e, *w) for e, walks in found.items() for w in walks}
    latencies.sort()
    return {
        "database": "PostgreSQL" if database_url else "SQLite",
        "people": people,
        "seconds": round(duration, 1),
        "walks acknowledged": len(acked),
        "walks/s": round(len(acked) / duration, 1),
        "median ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95 ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1) if latencies else None,
        "5xx": sum(n for s, n in (*statuses.items(), *pages.items()) if s >= 500),
        "other answers": sum(n for s, n in statuses.items() if s not in (302,) and s < 500)
        + sum(n for s, n in pages.items() if s not in (200,) and s < 500),
        "connection errors": len(failures),
        "lost": len(acked - stored),
        "not acknowledged but stored": len(stored - acked),
        "first errors": sorted(set(failures))[:3],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database-url", default=None, help="PostgreSQL to use (default: SQLite in a temporary folder)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: as `rugtest serve`)")
    args = parser.parse_args()
    if args.seconds > 60:
        parser.error("at most 60 seconds on a shared machine")
    result = run(args.people, args.seconds, args.database_url, args.workers)
    print(json.dumps(result, indent=1))
    print(serverkit.markdown_table([{k: v for k, v in result.items() if k != "first errors"}]))
    ok = result["5xx"] == 0 and result["lost"] == 0 and result["not acknowledged but stored"] == 0 \
        and result["connection errors"] == 0 and result["other answers"] == 0
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
