"""Page speed as a person's phone would see it, against the production server.

Starts `rugtest serve` (gunicorn, SQLite in a temporary folder) on a free loopback port,
then sends a bounded number of requests from this process and reports the median and 95th
percentile time per page, and the bytes a phone downloads (HTML and CSS, gzip).

Run: .venv/bin/python benchmarks/bench_http.py   (after `make build` or `make test`)
Only 127.0.0.1 is ever contacted.
"""

import gzip
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import bench_pages
import serverkit

ROOT = Path(__file__).resolve().parents[1]
RUGTEST = ROOT / ".venv" / "bin" / "rugtest"
ROUNDS = 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A tiny cookie-keeping client on one keep-alive connection."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = dict(headers or {})
        headers["Accept-Encoding"] = "gzip"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        conn.close()
        return response.status, data, elapsed, dict(response.getheaders())

    def form(self, path, fields):
        _, page, _, _ = self.request("GET", path)
        html = gzip.decompress(page).decode() if page[:2] == b"\x1f\x8b" else page.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urlencode({**fields, "csrfmiddlewaretoken": token}, doseq=True)
        return self.request("POST", path, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}{path}",
        })


def measure(browser, method, path, body=None, headers=None):
    times, size = [], 0
    for _ in range(ROUNDS):
        status, data, elapsed, _ = browser.request(method, path, body, headers)
        assert status == 200, (path, status)
        times.append(elapsed)
        size = len(data)
    times.sort()
    return {"median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 2), "bytes_gzip": size}


def main():
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "RUGTEST_VAR_DIR": var, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "2",
               "RUGTEST_API_RATE_LIMIT": "1000000/60"}  # 200 calls of the API in a row
        subprocess.run([str(RUGTEST), "migrate", "-v0"], env=env, check=True)
        subprocess.run([str(RUGTEST), "collectstatic", "--noinput", "-v0"], env=env, check=True)
        server = subprocess.Popen([str(RUGTEST), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            browser = Browser(port)
            results = {"/healthz": measure(browser, "GET", "/healthz"), "/": measure(browser, "GET", "/"),
                       "/medicatie/": measure(browser, "GET", "/medicatie/"),
                       "/rugtest/stap/1/": measure(browser, "GET", "/rugtest/stap/1/")}
            # One person's rugtest, answered page after page as bench_pages.py answers it.
            person = serverkit.Client(port)
            person.form_token("/rugtest/stap/1/")
            bench_pages.answer_steps(person)
            browser.cookies = dict(person.cookies)
            results["/rugtest/uitslag/"] = measure(browser, "GET", "/rugtest/uitslag/")
            _, home, _, _ = browser.request("GET", "/")
            html = gzip.decompress(home).decode() if home[:2] == b"\x1f\x8b" else home.decode()
            css = re.search(r'href="(/static/[^"]+\.css)"', html).group(1)
            status, css_body, _, css_headers = browser.request("GET", css)
            results["stylesheet"] = {"bytes_gzip": len(css_body), "cache_control": css_headers.get("Cache-Control")}
            api_body = json.dumps({"answers": bench_pages.ANSWERS})
            results["POST /api/v1/triage"] = measure(browser, "POST", "/api/v1/triage", api_body, {"Content-Type": "application/json"})
        finally:
            server.terminate()
            server.wait(10)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
