"""The report for the GP, fetched in a real browser with JavaScript switched off."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import PHONE
from factories import CASES
from flows import begin, walk

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_without_script(browser, site):
    context = browser.new_context(base_url=site, locale="nl-NL", java_script_enabled=False,
                                  accept_downloads=True, **PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_print_button_posts_the_form_and_gets_the_pdf_without_javascript(phone_without_script, screenshot):
    page = phone_without_script
    begin(page)
    walk(page, CASES["E-10"]["answers"])
    form = page.locator("#huisarts")
    form.get_by_label("Uw naam op het papier (niet verplicht)").fill("Zoë Ménard")
    screenshot(page, "report-form", full_page=False)
    with page.expect_response(re.compile(r"/rugtest/uitslag\.pdf$")) as info:
        form.get_by_role("button", name="Print of download voor uw huisarts").click()
    response = info.value
    assert response.request.method == "POST"  # a plain form post, no script
    assert response.headers["content-type"] == "application/pdf"
    assert re.fullmatch(r'inline; filename="rugtest-uitslag-\d{4}-\d{2}-\d{2}\.pdf"',
                        response.headers["content-disposition"])
    # The browser shows the PDF in its viewer; the same session fetches the bytes to read.
    again = page.request.get("/rugtest/uitslag.pdf")
    reader = PdfReader(io.BytesIO(again.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "U kunt zelf veel doen" in text and len(reader.pages) <= 2
