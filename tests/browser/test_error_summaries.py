"""A form sent back with errors, on every form of the site: the error summary stands at the top
of the form ("Er is een probleem"), links to each field that needs a change, has the focus (by
its autofocus without JavaScript, by error-summary.js with it), and the page title starts with
"Fout:", as on the rugtest's steps (GOV.UK / NL Design System; WCAG 3.3.1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from flows import assert_autofocus_on_error_summary
from sitepages import cases, open_page

ERROR_PAGES = [
    "programme-log-errors", "programme-start-errors", "measure-start-errors", "agenda-times-error",
    "share-links-errors", "delete-account-wrong-password", "checkin-errors",
]
TITLE = {"nl": "Er is een probleem", "en": "There is a problem"}
PREFIX = {"nl": "Fout:", "en": "Error:"}


def check_summary(v, lang: str) -> None:
    summary = v.page.locator("main .error-summary")
    expect(summary).to_have_count(1)
    expect(summary.locator("h2")).to_have_text(TITLE[lang])
    assert_autofocus_on_error_summary(v.page)
    assert v.page.title().startswith(PREFIX[lang]), v.page.title()
    # Each link leads to a field of the page.
    for href in summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert v.page.locator(href).count() == 1, href


@pytest.mark.parametrize(("lang", "name"), cases(ERROR_PAGES))
def test_a_form_with_errors_opens_on_its_error_summary(visit, lang, name):
    check_summary(open_page(visit, lang, name), lang)


@pytest.mark.parametrize(("lang", "name"), [c for c in cases(ERROR_PAGES) if c.values[0] == "nl"])
def test_without_javascript_too(visit, lang, name):
    check_summary(open_page(visit, lang, name, javascript=False), lang)
