"""English is complete: every Dutch string has its translation, none fuzzy."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[2] / "src" / "rugtest"
CATALOGUES = sorted(SRC.glob("**/locale/en/LC_MESSAGES/django.po"))


def test_there_are_catalogues():
    assert SRC / "locale/en/LC_MESSAGES/django.po" in CATALOGUES
    assert SRC / "selftest/locale/en/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(SRC)) for p in CATALOGUES])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po):
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    assert not catalogue.fuzzy, "the catalogue header is marked fuzzy: it would not be compiled"
    untranslated = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_make_messages_refreshes_every_apps_catalogue():
    """`make messages` writes the site-wide catalogue and each app's own: no app left out."""
    import re

    makefile = (SRC.parents[1] / "Makefile").read_text(encoding="utf-8")
    apps = set(re.search(r"^APPS := (.+)$", makefile, re.M).group(1).split())
    with_catalogue = {po.relative_to(SRC).parts[0] for po in CATALOGUES} - {"locale"}
    assert with_catalogue <= apps
