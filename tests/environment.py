"""What the tests need from the machine, and what happens when it is missing."""

import importlib
import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def skip_or_fail(reason: str, allow_module_level: bool = False):
    """Outside CI a missing tool or service skips, with one line saying why; in CI
    (CI=true) it fails, so that CI cannot pass with a whole layer of tests left out."""
    if in_ci():
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason, allow_module_level=allow_module_level)


def import_or_skip(module: str):
    """``pytest.importorskip`` through ``skip_or_fail``: a missing test dependency fails in CI."""
    try:
        return importlib.import_module(module)
    except ImportError:
        skip_or_fail(f"{module} is not installed (the test extra: pip install -e '.[test]')", allow_module_level=True)
