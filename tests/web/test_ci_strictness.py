"""In CI (CI=true) a missing browser, clinical spec or PostgreSQL fails the run; outside CI
it skips with one line saying why (tests/environment.py). Every skip of the tests goes
through that one helper, every spec-driven test reads the spec through tests/clinical.py,
and a page of the browser tests that answers 404 fails instead of being skipped."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from environment import skip_or_fail

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


# --- Every skip in the tests goes through skip_or_fail -------------------------------------------

ROOT = TESTS.parent
# Tests that need PostgreSQL skip on SQLite by design and say so: they run in `make test-db`,
# which CI runs on PostgreSQL (where an unreachable database fails the run).
POSTGRES_ONLY = "make test-db"


def _skips(source: str, name: str) -> list[str]:
    """Each pytest.skip, pytest.importorskip, mark.skip or mark.skipif in a test file, except
    a ``skipif`` whose reason sends the test to `make test-db`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        call, owner = node.func.attr, node.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if call not in ("skip", "skipif", "importorskip") or owner_name not in ("pytest", "mark"):
            continue
        reason = next((kw.value.value for kw in node.keywords if kw.arg == "reason" and isinstance(kw.value, ast.Constant)), "")
        if call == "skipif" and POSTGRES_ONLY in reason:
            continue
        found.append(f"{name}:{node.lineno}: {owner_name}.{call}")
    return found


def test_no_test_skips_except_through_skip_or_fail():
    """A missing spec, tool or test dependency skips outside CI and fails in CI: only
    tests/environment.py may call pytest.skip, and nothing else skips on its own."""
    skips = [
        skip for path in sorted(TESTS.rglob("*.py")) if path.name != "environment.py"
        for skip in _skips(path.read_text(encoding="utf-8"), str(path.relative_to(TESTS)))
    ]
    assert skips == []


def test_the_skip_finder_finds_every_kind_of_skip():
    source = (
        "import pytest\n"
        "textstat = pytest.importorskip('textstat')\n"
        "@pytest.mark.skip(reason='later')\n"
        "def test_a():\n    pytest.skip('no')\n"
        "@pytest.mark.skipif(True, reason='a page that answers 404')\n"
        "def test_b():\n    pass\n"
        "@pytest.mark.skipif(True, reason='needs PostgreSQL: runs in make test-db')\n"
        "def test_c():\n    pass\n"
    )
    assert sorted(skip.split(": ")[1] for skip in _skips(source, "probe.py")) == [
        "mark.skip", "mark.skipif", "pytest.importorskip", "pytest.skip"]


def test_the_clinical_spec_is_read_only_through_tests_clinical():
    """So that a missing spec always meets skip_or_fail (and RUGTEST_CLINICAL is obeyed)."""
    readers = [
        str(path.relative_to(TESTS)) for path in sorted(TESTS.rglob("*.py"))
        if path.name != "clinical.py" and re.search(r"""["']shared["']\s*/\s*["']clinical["']""", path.read_text(encoding="utf-8"))
    ]
    assert readers == []


def _pytest(args: list[str], env: dict, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", *args],
                          env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd)


SPEC_DRIVEN_CORE = sorted(
    str(p.relative_to(ROOT)) for p in (TESTS / "core").glob("test_*.py") if "from clinical import" in p.read_text(encoding="utf-8")
)


def test_every_spec_driven_core_module_fails_in_ci_without_the_spec(tmp_path):
    assert "tests/core/test_programme_examples.py" in SPEC_DRIVEN_CORE
    env = {**os.environ, "CI": "true", "RUGTEST_CLINICAL": str(tmp_path / "no-spec-here")}
    done = _pytest(["--collect-only", *SPEC_DRIVEN_CORE], env, ROOT)
    assert done.returncode == 2, done.stdout + done.stderr  # 2: errors during collection
    for module in SPEC_DRIVEN_CORE:
        assert f"ERROR {module} - Failed: the clinical spec is not beside the project" in done.stdout, module
    assert done.stdout.count("(required in CI)") >= len(SPEC_DRIVEN_CORE)


def test_outside_ci_the_plan_examples_skip_with_one_line_when_the_spec_is_missing(tmp_path):
    env = {**os.environ, "CI": "", "RUGTEST_CLINICAL": str(tmp_path / "no-spec-here")}
    done = _pytest(["tests/core/test_programme_examples.py"], env, ROOT)
    assert done.returncode == 5, done.stdout + done.stderr  # 5: nothing ran, all was skipped
    assert "1 skipped" in done.stdout and "the clinical spec is not beside the project" in done.stdout


# --- A page of the browser tests that answers 404 fails ------------------------------------------

PAGE_PROBE = '''
from rugtest import words

# Two conditions whose information page does not exist: one address the site does not know
# (no slug has a dot), one it knows but answers 404. The catalogue lists both all the same.
words.CONDITION_SLUGS = {**words.CONDITION_SLUGS, "not_routed": "nog.niet", "not_there": "bestaat-niet"}

import pytest
from conftest import browser, site, visit  # noqa: F401 - the browser tests' own fixtures
from sitepages import cases, open_page

PARAMS = [case for case in cases() if case.id in ("nl-info-nog.niet", "nl-info-bestaat-niet")]
assert len(PARAMS) == 2 and not any(case.marks for case in PARAMS), PARAMS


@pytest.mark.parametrize(("lang", "name"), PARAMS)
def test_open(visit, lang, name):
    open_page(visit, lang, name)
'''


def test_a_browser_test_of_a_page_that_answers_404_fails_and_is_not_skipped(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        skip_or_fail("Debian's chromium is not installed: the 404 probe needs it")
    (tmp_path / "test_page_probe.py").write_text(PAGE_PROBE)
    env = {**os.environ, "CI": "", "PYTHONPATH": os.pathsep.join([str(TESTS / "browser"), str(TESTS)]),
           "DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
    done = _pytest(["-p", "pytest_django", "--ds", "rugtest.settings", "--rootdir", str(tmp_path), "-c", os.devnull,
                    str(tmp_path / "test_page_probe.py")], env, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr  # 1: tests failed
    assert "2 failed" in done.stdout and "skipped" not in done.stdout
    assert done.stdout.count("answered 404, expected 200") >= 2
