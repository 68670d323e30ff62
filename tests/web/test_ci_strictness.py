"""In CI (CI=true) a missing browser, clinical spec or PostgreSQL fails the run; outside CI
it skips with one line saying why (tests/environment.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

PROBE = '''
from environment import skip_or_fail

skip_or_fail("the probe's tool is missing", allow_module_level=True)


def test_needs_the_tool():
    pass
'''


@pytest.mark.parametrize("ci, code, line", [
    ("true", 2, "the probe's tool is missing (required in CI)"),  # 2: a collection error stops the run
    ("", 5, "the probe's tool is missing"),  # 5: pytest ran nothing, all was skipped
])
def test_a_missing_tool_fails_in_ci_and_skips_elsewhere(tmp_path, ci, code, line):
    (tmp_path / "test_probe.py").write_text(PROBE)
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(TESTS)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", "-p", "no:django",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path / "test_probe.py")],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert line in done.stdout
