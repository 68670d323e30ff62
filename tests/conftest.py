"""Shared test set-up."""

import pytest


def pytest_configure(config):
    # Pages under test need no collected static files: the hashed, long-cached storage of
    # production is tested on its own in tests/web/test_site.py.
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_collection_modifyitems(config, items):
    # Every test that touches the database runs again on PostgreSQL in CI (`make test-db`).
    for item in items:
        if item.get_closest_marker("django_db") or "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    # Each test starts as a freshly started server: no page another test made is served from
    # the per-process cache. (The shared database cache is rolled back with each test's
    # transaction.)
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    def clear():
        for cache in caches.all():
            if isinstance(cache, LocMemCache):
                cache.clear()

    clear()
    yield
    clear()
