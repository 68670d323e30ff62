"""Scale on PostgreSQL: do the pages of one signed-in person stay as fast with 100,000 people
and 27 million walk rows as with 1,000 people?

The script makes a database of its own on the PostgreSQL server that --database-url names
(default: the local one), runs the project's migrations into it, and writes people straight
into the project's tables with COPY: a verified account, a rugtest result, a programme,
90 days of three walks each and one check-in. It measures the programme page, the progress
page and the log form of one person, first with 1,000 people, then again after growing to
100,000 people (VACUUM ANALYZE in between). Both databases are then measured once more side
by side, one request to each in turn, so that a busy machine slows both alike; those medians
decide. It passes when every page's median at the large size is at most 1.2 × its median at
the small one, and drops every database it made, also on an error or Ctrl-C.

    .venv/bin/python benchmarks/bench_scale.py                       # 1,000 → 100,000 people
    .venv/bin/python benchmarks/bench_scale.py --people 10000 --requests 100   # a quick run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serverkit import PASSWORD, Client, Server, markdown_table  # noqa: E402

PAGES = {
    "programme page": "/rugoefening/",
    "progress page": "/rugoefening/voortgang/",
    "log form": "/rugoefening/wandeling/",
}
PARTS = ("morning", "afternoon", "evening")
PART_TIMES = {"morning": "08:40", "afternoon": "13:15", "evening": "19:30"}
HISTORY_DAYS = 90  # every person but the measured one: 90 days of three walks
MEASURED_DAYS = 84  # the measured person: a whole programme (W-13), today its last day
LIMIT = 1.2
CHUNK_PEOPLE = 2000  # people per COPY write: a few MB at a time, never the whole table in memory


class OutOfTime(Exception):
    pass


class Deadline:
    def __init__(self, minutes: float):
        self.end = time.monotonic() + minutes * 60

    def check(self, what: str):
        if time.monotonic() > self.end:
            raise OutOfTime(f"out of time during {what}")


def server_url(database_url: str) -> str:
    """postgres://user@host:port/ with any database name left off."""
    head, _, rest = database_url.partition("://")
    netloc = rest.split("/", 1)[0]
    return f"{head}://{netloc}/"


def connect(url: str, autocommit: bool = True):
    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=autocommit)


# --- the data --------------------------------------------------------------------------------


def fixed_rows(server: Server) -> dict:
    """The password hash, rugtest answers and outcome every generated person shares, made by
    the project's own code (as serverkit.make_people makes them)."""
    out = server.django(f"""
import json
from django.contrib.auth.hashers import make_password
from rugtest.core import questions
from rugtest.core.triage import triage
from rugtest.selftest.models import answers_digest
answers = {{q.id: (q.minimum if q.type == questions.INT else (q.choices[-1].value if q.type != questions.MULTI else []))
           for q in questions.QUESTIONS if q.required}}
answers.update({{k: v for k, v in {{"age": 46, "duration_weeks": 8, "pain_score": 5}}.items() if k in questions.BY_ID}})
answers = {{k: ("no" if questions.BY_ID[k].type == questions.YESNO else v) for k, v in answers.items()}}
print(json.dumps({{"password": make_password({PASSWORD!r}), "answers": answers, "answers_digest": answers_digest(answers),
                  "outcome": triage({{"answers": answers}})}}))
""")
    fixed = json.loads(out.strip().splitlines()[-1])
    assert fixed["outcome"]["programme"] != "not_now", fixed["outcome"]
    return fixed


def copy_text(value: str) -> str:
    """A value for COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class People:
    """Person i (0-based) has id i + 1 in auth_user, account_emailaddress, the result, the
    programme and the check-in tables. Person 0 is the one measured: a programme that began
    MEASURED_DAYS - 1 days ago (today is its last day, still active), a walk in every slot of
    it. Everyone else began 90 to 149 days ago and walked three times on each of 90 days, so
    every walk is in the past or today and the tables hold real history."""

    def __init__(self, today: dt.date, fixed: dict):
        self.today = today
        self.fixed = fixed
        self.answers = copy_text(json.dumps(fixed["answers"]))
        self.outcome = copy_text(json.dumps(fixed["outcome"]))
        self.digest = fixed["answers_digest"]
        self.support = fixed["outcome"].get("support") or "\\N"
        self.password = copy_text(fixed["password"])
        # Realistic walks without a random call per row: 211 prepared variants per day of the
        # programme (minutes growing with the days, pain before and after, sometimes a painkiller
        # or a note), picked by person and slot.
        rng = random.Random(12)
        self.variants = []
        notes = ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "regen", "stijf bij het opstaan",
                 "met de hond", "rustig tempo"]
        for day in range(HISTORY_DAYS):
            row = []
            for _ in range(211):
                minutes = max(1, round(rng.gauss(8 + day * 0.35, 3)))
                pain_before = None if rng.random() < 0.1 else min(10, max(0, round(rng.gauss(5 - day / 40, 1.6))))
                pain_after = None if pain_before is None else min(10, max(0, pain_before + rng.choice((-2, -1, -1, 0, 0, 0, 1))))
                painkiller = rng.choice(("", "", "", "no", "no", "yes"))
                row.append("\t".join((
                    str(minutes), "\\N" if pain_before is None else str(pain_before),
                    "\\N" if pain_after is None else str(pain_after), painkiller, rng.choice(notes), "[]",
                )))
            self.variants.append(row)

    def start(self, i: int) -> dt.date:
        if i == 0:
            return self.today - dt.timedelta(days=MEASURED_DAYS - 1)
        return self.today - dt.timedelta(days=HISTORY_DAYS - 1 + (i * 7919) % 60)

    def days(self, i: int) -> int:
        return MEASURED_DAYS if i == 0 else HISTORY_DAYS

    def walks(self, first: int, last: int) -> int:
        return sum(self.days(i) for i in range(first, last)) * len(PARTS)

    @staticmethod
    def stamp(day: dt.date, hhmm: str) -> str:
        return f"{day.isoformat()} {hhmm}:00+01"  # Europe/Amsterdam in winter; exact zone is not the point

    def users(self, first, last):
        out = []
        for i in range(first, last):
            joined = self.stamp(self.start(i) - dt.timedelta(days=1), "20:05")
            out.append(f"{i + 1}\t{self.password}\t\\N\tf\tscale{i}\t\t\tscale{i}@example.org\tf\tt\t{joined}\n")
        return "".join(out)

    def emails(self, first, last):
        return "".join(f"{i + 1}\tscale{i}@example.org\tt\tt\t{i + 1}\n" for i in range(first, last))

    def results(self, first, last):
        return "".join(
            f"{i + 1}\t{self.answers}\t{self.outcome}\t{self.stamp(self.start(i) - dt.timedelta(days=1), '20:00')}\t{i + 1}\t"
            f"{self.digest}\n"
            for i in range(first, last)
        )

    def programmes(self, first, last):
        return "".join(
            f"{i + 1}\t{self.start(i).isoformat()}\t{8 + i % 5}\tdirect\t[]\t\\N\t"
            f"{self.stamp(self.start(i) - dt.timedelta(days=1), '20:10')}\t{i + 1}\t{i + 1}\n"
            for i in range(first, last)
        )

    def checkins(self, first, last):
        # W-14: one check-in 25 days into each programme.
        out = []
        for i in range(first, last):
            day = self.start(i) + dt.timedelta(days=25)
            out.append(f"{i + 1}\t{day.isoformat()}\tbetter\t{{}}\t[]\t{self.support}\t{self.stamp(day, '21:00')}\t{i + 1}\n")
        return "".join(out)

    def walk_rows(self, first, last, next_id):
        """COPY text for the walks of people first … last - 1, ids from next_id on."""
        out = []
        wid = next_id
        for i in range(first, last):
            start = self.start(i)
            programme = i + 1
            for d in range(self.days(i)):
                day = start + dt.timedelta(days=d)
                iso = day.isoformat()
                variants = self.variants[d]
                for p, part in enumerate(PARTS):
                    stamp = f"{iso} {PART_TIMES[part]}:00+01"
                    out.append(f"{wid}\t{iso}\t{part}\t{variants[(i * 3 + p) % 211]}\t{stamp}\t{stamp}\t{programme}\n")
                    wid += 1
        return "".join(out), wid


COLUMNS = {
    "auth_user": "id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined",
    "account_emailaddress": 'id, email, verified, "primary", user_id',
    "selftest_rugtestresult": "id, answers, outcome, created_at, user_id, run, answers_digest",
    "programme_programme": "id, start, baseline_minutes, baseline_method, test_walks, gp_agreed_on, created_at, user_id, result_id",
    "programme_checkin": "id, date, progress, answers, risk_factors, support, created_at, programme_id",
    "programme_walkentry": ("id, date, part, minutes, pain_before, pain_after, painkiller, note, warning_signs, "
                            "created_at, updated_at, programme_id"),
}
WALKS = "programme_walkentry"


def walk_schema(cur) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The walk table's primary key, unique and foreign-key constraints and its other indexes,
    as definitions to recreate them with."""
    cur.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                "AND contype IN ('p', 'u', 'f') ORDER BY contype DESC, conname", (WALKS,))
    constraints = cur.fetchall()
    names = {name for name, _ in constraints}
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", (WALKS,))
    indexes = [(name, definition) for name, definition in cur.fetchall() if name not in names]
    return constraints, indexes


def add_people(url: str, people: People, first: int, last: int, deadline: Deadline, log) -> dict:
    """COPY people first … last - 1 into the database; the walk table's indexes and constraints
    are dropped for a large load and built again afterwards, exactly as the migrations made them
    (as a restore of pg_dump does)."""
    timings = {}
    began = time.monotonic()
    with connect(url, autocommit=False) as conn, conn.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {WALKS}")
        next_id = cur.fetchone()[0]
        for table, make in (("auth_user", people.users), ("account_emailaddress", people.emails),
                            ("selftest_rugtestresult", people.results), ("programme_programme", people.programmes),
                            ("programme_checkin", people.checkins)):
            with cur.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                for at in range(first, last, CHUNK_PEOPLE * 10):
                    copy.write(make(at, min(last, at + CHUNK_PEOPLE * 10)))
        conn.commit()
        timings["people, results, programmes"] = time.monotonic() - began

        large = people.walks(first, last) > 1_000_000
        constraints, indexes = walk_schema(cur)
        if large:
            for name, _ in constraints:
                cur.execute(f'ALTER TABLE {WALKS} DROP CONSTRAINT "{name}"')
            for name, _ in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            conn.commit()
        began = time.monotonic()
        written = 0
        with cur.copy(f"COPY {WALKS} ({COLUMNS[WALKS]}) FROM STDIN") as copy:
            for at in range(first, last, CHUNK_PEOPLE):
                deadline.check("COPY of the walks")
                text, next_id = people.walk_rows(at, min(last, at + CHUNK_PEOPLE), next_id)
                copy.write(text)
                written = at + CHUNK_PEOPLE
                if (at // CHUNK_PEOPLE) % 10 == 9:
                    log(f"  {min(written, last):,} people's walks written, {time.monotonic() - began:.0f} s")
        conn.commit()
        timings["COPY of the walks"] = time.monotonic() - began
        if large:
            began = time.monotonic()
            for _name, definition in indexes:
                cur.execute(definition)
            for name, definition in constraints:
                cur.execute(f'ALTER TABLE {WALKS} ADD CONSTRAINT "{name}" {definition}')
            conn.commit()
            timings["indexes and constraints"] = time.monotonic() - began
            assert walk_schema(cur) == (constraints, indexes), "the walk table's schema changed"
        for table in COLUMNS:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
    return timings


def vacuum_analyze(url: str) -> float:
    began = time.monotonic()
    with connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.monotonic() - began


def sizes(url: str) -> dict:
    with connect(url) as conn:
        walks = conn.execute(f"SELECT count(*) FROM {WALKS}").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM auth_user").fetchone()[0]
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return {"people": people, "walks": walks, "bytes": size}


def measured_session(server: Server) -> str:
    """A signed-in session of person 0, made as a sign-in makes it (as serverkit.make_people)."""
    out = server.django("""
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.get(pk=1)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
""")
    return out.strip().splitlines()[-1]


# --- measuring -------------------------------------------------------------------------------


def browser(server: Server, session_key: str) -> Client:
    client = Client(server.port)
    client.cookies["sessionid"] = session_key
    return client


def one(client: Client, path: str) -> float:
    began = time.perf_counter()
    status, body, _ = client.request("GET", path)
    took = (time.perf_counter() - began) * 1000
    if status != 200:
        raise RuntimeError(f"GET {path}: {status}")
    return took


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def measure(clients: list[Client], requests: int, warmup: int, deadline: Deadline) -> list[dict[str, list[float]]]:
    """``requests`` GETs of every page through every client, one after the other, the clients
    taking turns request by request; the first ``warmup`` of each are left out."""
    times = [{page: [] for page in PAGES} for _ in clients]
    for n in range(warmup + requests):
        deadline.check("measuring")
        for page, path in PAGES.items():
            for client, mine in zip(clients, times):
                took = one(client, path)
                if n >= warmup:
                    mine[page].append(took)
    return times


def check_pages(client: Client):
    """The measured person is signed in and has a programme: every page answers 200, not a
    redirect to the sign-in or the start page."""
    for path in PAGES.values():
        one(client, path)


# --- the run ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/",
                        help="the PostgreSQL server; the script makes (and drops) databases of its own there")
    parser.add_argument("--small", type=int, default=1_000, help="people in the first measurement")
    parser.add_argument("--people", type=int, default=100_000, help="people in the second measurement")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per page and size")
    parser.add_argument("--warmup", type=int, default=30, help="requests per page left out before measuring")
    parser.add_argument("--minutes", type=float, default=75, help="give up (and clean up) after this long")
    parser.add_argument("--prefix", default="rugscale_bench", help="start of the database names")
    args = parser.parse_args()
    deadline = Deadline(args.minutes)
    started = time.monotonic()

    def log(text):
        print(f"[{time.monotonic() - started:7.1f} s] {text}", flush=True)

    base = server_url(args.database_url)
    name = f"{args.prefix}_{uuid.uuid4().hex[:10]}"
    small_name = f"{name}_small"
    url, small_url = base + name, base + small_name
    made: list[str] = []
    servers: list[Server] = []
    var = tempfile.TemporaryDirectory(prefix="rugscale-")
    admin = connect(base + "postgres")
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        log(f"database {name}")
        server = Server(var.name, url, workers=2)
        servers.append(server)
        server.prepare()
        today = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
        people = People(today, fixed_rows(server))

        # 1. the small size
        generation = add_people(url, people, 0, args.small, deadline, log)
        session_key = measured_session(server)
        vacuum_analyze(url)
        small_size = sizes(url)
        log(f"{small_size['people']:,} people, {small_size['walks']:,} walks, {small_size['bytes'] / 2**20:,.0f} MB")
        server.start()
        client = browser(server, session_key)
        check_pages(client)
        (first_small,) = measure([client], args.requests, args.warmup, deadline)
        server.stop()
        # A copy of the small database to measure side by side with the large one at the end.
        admin.execute(f'CREATE DATABASE "{small_name}" TEMPLATE "{name}"')
        made.append(small_name)

        # 2. grow to the large size
        log(f"growing to {args.people:,} people")
        began = time.monotonic()
        timings = add_people(url, people, args.small, args.people, deadline, log)
        generation_seconds = time.monotonic() - began
        for step, seconds in timings.items():
            log(f"  {step}: {seconds:.0f} s")
        vacuum_seconds = vacuum_analyze(url)
        log(f"  VACUUM ANALYZE: {vacuum_seconds:.0f} s")
        large_size = sizes(url)
        log(f"{large_size['people']:,} people, {large_size['walks']:,} walks, {large_size['bytes'] / 2**30:,.2f} GB")
        server.start()
        client = browser(server, session_key)
        check_pages(client)
        (first_large,) = measure([client], args.requests, args.warmup, deadline)

        # 3. side by side: the small copy and the large database, one request to each in turn
        small_server = Server(var.name, small_url, workers=2)
        servers.append(small_server)
        small_server.start()
        small_client = browser(small_server, session_key)
        check_pages(small_client)
        side_small, side_large = measure([small_client, client], args.requests, args.warmup, deadline)

        rows, failed = [], []
        for page, path in PAGES.items():
            s_med, s_p95 = summary(side_small[page])
            l_med, l_p95 = summary(side_large[page])
            f_med, _ = summary(first_small[page])
            g_med, _ = summary(first_large[page])
            ratio = l_med / s_med
            if ratio > LIMIT:
                failed.append(page)
            rows.append({
                "page": f"{page} `GET {path}`",
                f"{args.small:,} people, median / p95 ms": f"{s_med:.1f} / {s_p95:.1f}",
                f"{args.people:,} people, median / p95 ms": f"{l_med:.1f} / {l_p95:.1f}",
                "ratio of medians": f"{ratio:.2f}",
                "one after the other, medians ms": f"{f_med:.1f} → {g_med:.1f}",
                f"≤ {LIMIT}×": "yes" if ratio <= LIMIT else "**no**",
            })
        print()
        print(markdown_table(rows))
        print()
        print(markdown_table([
            {"size": f"{args.small:,} people", "walk rows": f"{small_size['walks']:,}",
             "database": f"{small_size['bytes'] / 2**20:,.0f} MB", "COPY": f"{sum(generation.values()):.0f} s"},
            {"size": f"{args.people:,} people", "walk rows": f"{large_size['walks']:,}",
             "database": f"{large_size['bytes'] / 2**30:,.2f} GB",
             "COPY": f"{generation_seconds:.0f} s (" + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
                     + f"); VACUUM ANALYZE {vacuum_seconds:.0f} s"},
        ]))
        print(f"\n{args.requests} requests per page and size after {args.warmup} to warm up; "
              f"PostgreSQL {admin.info.server_version // 10000}, {os.cpu_count()} cores, {today.isoformat()}; "
              f"whole run {time.monotonic() - started:.0f} s.")
        if failed:
            print(f"FAILED: slower than {LIMIT}× at {args.people:,} people: {', '.join(failed)}")
            return 1
        print(f"OK: every page within {LIMIT}× of its time with {args.small:,} people")
        return 0
    finally:
        for server in servers:
            server.stop()
        for db in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.close()
        var.cleanup()


if __name__ == "__main__":
    sys.exit(main())
