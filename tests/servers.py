"""A real `rugtest serve` (gunicorn, as `make run` and the systemd unit start it) for the tests
that need a running server: its own settings in the environment, its own var/ directory,
a free port, and stopped when the test ends."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

RUGTEST = Path(sys.executable).with_name("rugtest")  # the console script of this venv
# Settings of the machine or of the test run (make test-db sets DATABASE_URL) that must not
# leak into a server that a test configures itself.
NOT_INHERITED = ("DATABASE_URL", "EMAIL_URL", "HOST", "PORT", "WEB_CONCURRENCY", "DJANGO_ALLOW_ASYNC_UNSAFE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_env(var_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a server with only ``settings`` set, its var/ in ``var_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUGTEST_") and k not in NOT_INHERITED}
    env.update({
        "RUGTEST_VAR_DIR": str(var_dir),
        "RUGTEST_SECRET_KEY": secrets.token_urlsafe(50),
        # gunicorn's control socket: in the test's own directory, not one shared by every
        # server on the machine ($HOME/.gunicorn).
        "XDG_RUNTIME_DIR": str(var_dir),
    })
    env.update(settings)
    return env


def rugtest(*args: str, env: dict[str, str], timeout: float = 120) -> str:
    """Run a `rugtest` command; its standard output."""
    done = subprocess.run([str(RUGTEST), *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"rugtest {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@contextmanager
def serve(env: dict[str, str], port: int | None = None, workers: int = 1, host_header: str = "127.0.0.1"):
    """`rugtest serve` on 127.0.0.1:``port``; yields its base URL once /healthz answers 200
    (asked with ``host_header``, one of the allowed hosts)."""
    port = port or free_port()
    log_path = Path(env["RUGTEST_VAR_DIR"]) / f"serve-{port}.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [str(RUGTEST), "serve"],
            env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)},
            stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: _healthz(port, host_header), f"`rugtest serve` on port {port}", log_path, server)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _healthz(port: int, host_header: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz", headers={"Host": host_header})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_for(ready, what: str, log_path: Path, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if ready():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not start:\n" + log_path.read_text()[-3000:])
