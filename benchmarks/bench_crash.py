"""Crash: the server is killed with SIGKILL (master and every worker at once) again and
again in the middle of the walk-logging load. After each restart the database passes its
integrity check and every walk the server acknowledged before the crash is there.

SQLite (default) runs `PRAGMA integrity_check`; PostgreSQL (--database-url) checks every
B-tree index of the project's tables with amcheck where that extension can be created, and
otherwise reads every row. Loopback only; bounded by --crashes × --seconds.

Run:  .venv/bin/python benchmarks/bench_crash.py --crashes 10 --people 16 --seconds 2
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import threading
import time

import serverkit

SQLITE_CHECK = """
import sqlite3
from django.conf import settings
db = sqlite3.connect(settings.DATABASES["default"]["NAME"])
print(db.execute("PRAGMA integrity_check").fetchone()[0])
"""

POSTGRES_CHECK = """
from django.db import connection
with connection.cursor() as cursor:
    try:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        cursor.execute(\"\"\"SELECT count(bt_index_check(c.oid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE am.amname = 'btree' AND n.nspname = 'public'\"\"\")
        print("ok", "amcheck", cursor.fetchone()[0], "indexes")
    except Exception as error:
        connection.rollback() if not connection.get_autocommit() else None
        cursor.execute("SELECT count(*) FROM programme_walkentry")
        print("ok", "read", cursor.fetchone()[0], "rows", type(error).__name__)
"""


def load_until_killed(server, sessions, slots_by_email, seconds, acknowledged, lock):
    """Everyone logs walks; ``seconds`` (plus up to half a second, at random) after the
    round's first acknowledged walk the server is killed mid-request."""
    stop = threading.Event()
    first = threading.Event()

    def person(email, slots):
        client = serverkit.Client(server.port)
        try:
            client.resume(sessions[email])
        except Exception:  # noqa: BLE001 - killed before the first page
            return
        for day, part in slots:
            if stop.is_set():
                return
            minutes = random.randint(1, 180)
            try:
                status, _, headers = client.post("/rugoefening/wandeling/", {"date": day, "part": part, "minutes": str(minutes)})
            except Exception:  # noqa: BLE001 - the crash: this walk is not acknowledged
                return
            if status == 302 and headers.get("Location") == "/rugoefening/":
                with lock:
                    acknowledged.add((email, day, part, minutes))
                first.set()
                try:  # the browser follows the redirect
                    client.request("GET", "/rugoefening/")
                except Exception:  # noqa: BLE001 - the crash
                    return
            # Whatever the answer, this slot is used: the next walk takes a new one.

    threads = [threading.Thread(target=person, args=item) for item in slots_by_email.items()]
    for thread in threads:
        thread.start()
    if not first.wait(timeout=60):
        raise RuntimeError("no walk was acknowledged within a minute")
    time.sleep(seconds + random.random() / 2)
    server.kill()
    stop.set()
    for thread in threads:
        thread.join()


def run(crashes, people, seconds, database_url):
    prefix = f"crash{int(time.time())}-"
    rounds = []
    with tempfile.TemporaryDirectory() as var:
        server = serverkit.Server(var, database_url)
        server.prepare()
        sessions = serverkit.make_people(server, people, prefix)
        emails = list(sessions)
        all_slots = list(serverkit.slots())
        # Each crash round takes fresh slots, so no walk ever overwrites another.
        share = len(all_slots) // crashes
        acknowledged: set = set()
        lock = threading.Lock()
        for crash in range(crashes):
            slots_by_email = {e: all_slots[crash * share:(crash + 1) * share] for e in emails}
            server.start()
            load_until_killed(server, sessions, slots_by_email, seconds, acknowledged, lock)
            check = server.django(POSTGRES_CHECK if database_url else SQLITE_CHECK).strip()
            stored = {(e, *w) for e, walks in serverkit.entries_in_database(server, prefix).items() for w in walks}
            rounds.append({"crash": crash + 1, "acknowledged so far": len(acknowledged),
                           "acknowledged this round": len(acknowledged) - (rounds[-1]["acknowledged so far"] if rounds else 0),
                           "check": check,
                           "lost": len(acknowledged - stored), "stored": len(stored)})
            print(json.dumps(rounds[-1]), flush=True)
        server.stop()
    return rounds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crashes", type=int, default=10)
    parser.add_argument("--people", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=2.0, help="load before each kill")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if args.crashes * (args.seconds + 0.5) > 60:
        parser.error("keep crashes × seconds within a minute of load on a shared machine")
    rounds = run(args.crashes, args.people, args.seconds, args.database_url)
    ok = all(r["lost"] == 0 and r["check"].startswith("ok") for r in rounds)
    summary = {"database": "PostgreSQL" if args.database_url else "SQLite", "crashes (SIGKILL)": len(rounds),
               "people": args.people, "walks acknowledged": rounds[-1]["acknowledged so far"],
               "acknowledged walks lost": sum(r["lost"] for r in rounds),
               "integrity check": "ok after every crash" if all(r["check"].startswith("ok") for r in rounds) else "FAILED"}
    print(serverkit.markdown_table([summary]))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
