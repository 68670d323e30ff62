"""Shared test set-up."""

import pytest


def pytest_collection_modifyitems(config, items):
    # Every test that touches the database runs again on PostgreSQL in CI (`make test-db`).
    for item in items:
        if item.get_closest_marker("django_db") or "live_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
