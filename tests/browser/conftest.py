"""Real-browser tests: Playwright (sync API) driving Debian's chromium on a phone-sized page.

Every test in this folder is marked ``browser``. Where /usr/bin/chromium is missing they are
all skipped with one line saying so (shared/CONTRACT.md, `make test`); in CI (CI=true) that
is a failure instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache

from environment import skip_or_fail

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# the database calls that live_server's set-up makes from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = HERE.parents[1] / "var" / "screenshots"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SKIP_REASON = "Debian's chromium is not installed: browser tests skipped"


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items: mark only the ones in this folder.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


class _ModuleWithoutChromium(pytest.Module):
    """A test module here, when there is no chromium to run it: skipped as a whole."""

    def collect(self):
        # Raised from this one place, so that `pytest -ra` gives one line for the folder.
        skip_or_fail(SKIP_REASON, allow_module_level=True)


def pytest_pycollect_makemodule(module_path, parent):
    # Without chromium the modules are not even imported (Playwright may be missing too).
    if not CHROMIUM.exists():
        return _ModuleWithoutChromium.from_parent(parent, path=module_path)
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, settings):
    """The live site's base URL, with its stylesheet served.

    live_server answers /static/ itself, from the apps' static folders (the finders), before
    WhiteNoise sees the request. With the manifest that `make test` collects, {% static %}
    would name the hashed file, which only exists in var/static/: the pages would come
    without CSS and the screenshots and focus checks would test the browser's defaults.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return live_server.url


@pytest.fixture
def phone(browser, site):
    """A fresh page (own cookies, so own rugtest session) the size of a phone."""
    context = browser.new_context(base_url=site, locale="nl-NL", **PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    broken = []
    page.on(
        "response",
        lambda r: broken.append(f"{r.status} {r.url}")
        if r.status >= 400 and r.url.startswith(site) and not r.url.endswith("/favicon.ico")
        else None,
    )
    yield page
    context.close()
    # A missing stylesheet or a server error on the way fails the test that met it.
    assert not broken, f"responses that failed during the test: {broken}"


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "name")`` saves var/screenshots/<test name>-<name>.png for people."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")

    def save(page, name: str = "", full_page: bool = True) -> Path:
        stem = f"{test_name}-{name}" if name else test_name
        path = SCREENSHOTS / f"{stem}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


LOCALES = {"nl": "nl-NL", "en": "en-GB"}


@pytest.fixture
def visit(browser, site, transactional_db):
    """``visit(lang, viewport=..., javascript=...)``: a fresh context and page (own cookies)."""
    # allauth's rate limits count in the cache, which outlives the test database's flush:
    # without this, the sign-ups and failed sign-ins of earlier tests would get a 429.
    cache.clear()
    contexts = []
    broken: list[str] = []

    from flows import Visit

    def make(lang: str, viewport: dict | None = None, javascript: bool = True, allow: int = 200):
        options = dict(PHONE)
        if viewport:
            options["viewport"] = viewport
        context = browser.new_context(
            base_url=site, locale=LOCALES[lang], java_script_enabled=javascript, **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "response",
            lambda r: broken.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.status != allow and r.url.startswith(site) and not r.url.endswith("/favicon.ico")
            else None,
        )
        return Visit(page, site, lang)

    yield make
    for context in contexts:
        context.close()
    # A missing stylesheet would make every colour check meaningless; a 500 is a failure anyway.
    assert not broken, f"responses that failed during the test: {broken}"
