"""The `rugtest` console script: Django's manage.py under a real name, plus

- ``rugtest triage``: request JSON on standard input, outcome JSON on standard output;
- ``rugtest plan``: walking-plan request JSON in, plan JSON out;
- ``rugtest serve``: the production server (gunicorn) on HOST:PORT.

triage and plan run on the framework-free core only, so they start fast and give the same
bytes as the API.
"""

from __future__ import annotations

import json
import os
import sys

EXTRA_HELP = """
Rugtest commands:
    triage    read a rugtest request JSON on stdin, print the outcome JSON
    plan      read a walking-plan request JSON on stdin, print the plan JSON
    serve     run the production server on HOST:PORT (default 127.0.0.1:8000)
"""


def _json_command(compute) -> int:
    """Read one JSON object on stdin, print ``compute(obj)``; input errors exit 2."""
    from rugtest.core.errors import InputError

    try:
        request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except json.JSONDecodeError as exc:
        print(f"error: request is not valid JSON ({exc.msg}, line {exc.lineno})", file=sys.stderr)
        return 2
    except (ValueError, RecursionError):  # not UTF-8, a number too long, nested too deep
        print("error: request is not valid JSON", file=sys.stderr)
        return 2
    try:
        output = compute(request)
    except InputError as exc:
        print(exc.cli_line(), file=sys.stderr)
        return 2
    except RecursionError:
        print("error: request is nested too deeply", file=sys.stderr)
        return 2
    sys.stdout.write(output + "\n")
    return 0


def triage() -> int:
    from rugtest.core.triage import triage_json

    return _json_command(triage_json)


def plan() -> int:
    from rugtest.core.programme import plan_json

    return _json_command(plan_json)


def serve(argv: list[str]) -> int:
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    # The system checks first, as runserver does: a setting that is wrong (a practice phone
    # number that is not one, rugtest.E001) stops the start with a message naming it.
    django.setup()
    try:
        call_command("check")
    except SystemCheckError as exc:
        print(exc, file=sys.stderr)
        return 1
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    # One process per core, at least 2: the pages are work for the processor, not waiting, and
    # more processes only take turns on the same cores (benchmarks/README.md: on 2 cores, 2
    # workers answered more requests than 3, and 3 more than 5).
    workers = os.environ.get("WEB_CONCURRENCY", str(max(2, os.cpu_count() or 1)))
    args = [
        "gunicorn", "rugtest.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", workers,
        "--access-logfile", "-",
        "--forwarded-allow-ips", "127.0.0.1",
        *argv,
    ]
    from gunicorn.app.wsgiapp import run

    sys.argv = args
    print(f"Rugtest: http://{host}:{port}/  (Ctrl-C stops)", flush=True)
    run()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command == "triage":
        return triage()
    if command == "plan":
        return plan()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugtest.settings")
    if command == "serve":
        return serve(argv[2:])
    from django.core.management import execute_from_command_line

    if command in ("help", "--help", "-h") and len(argv) <= 2:
        print(EXTRA_HELP)
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
