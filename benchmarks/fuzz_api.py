"""Fuzzing the JSON API: schemathesis generates requests from /api/v1/openapi.json (valid
and invalid ones, every check it has) against `rugtest serve`, and reports any 500, any
answer the document does not describe, and any valid request the API refuses or invalid
one it accepts. Loopback only; bounded by --max-examples and --max-time.

Run:  .venv/bin/python benchmarks/fuzz_api.py            (needs the `bench` extra)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import serverkit

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("schemathesis.toml")  # what OpenAPI 3.0 cannot say, and why


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-examples", type=int, default=400, help="per operation and phase")
    parser.add_argument("--max-time", type=int, default=240, help="seconds, for the whole run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        server = serverkit.Server(var, workers=2)
        server.prepare()
        server.start()
        try:
            done = subprocess.run(
                [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"http://127.0.0.1:{server.port}/api/v1/openapi.json",
                 "--checks", "all", "--max-examples", str(args.max_examples), "--max-time", str(args.max_time),
                 "--workers", "1", "--seed", "1", "--generation-database", "none", "--no-color"],
                capture_output=True, text=True,
            )
        finally:
            server.stop()
        output = done.stdout + done.stderr
        print(output[-6000:])
        log = (Path(var) / "serve.log").read_text()
        requests = len(re.findall(r'"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE) /api/v1/', log))
        server_errors = len(re.findall(r'"(?:[A-Z]+) /api/v1/[^"]*" 5\d\d ', log))
        print(f"requests the server answered: {requests}; 5xx among them: {server_errors}")
    raise SystemExit(done.returncode or (1 if server_errors or requests < 1000 else 0))


if __name__ == "__main__":
    main()
