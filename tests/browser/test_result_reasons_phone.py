"""Issue 19, "The reason for every advice, in words", on a phone: the result page of each level
(emergency 112, emergency GP now, urgent after a 'Weet ik niet', gp, selfcare, and gp after
three 'Weet ik niet' answers), at 390 and 320 CSS px, in Dutch and in English.

- "Waarom dit advies?" is there with at least one reason, and no sentence of it repeats a
  sentence of the banner or of the list of 'Weet ik niet' answers above it, or another reason.
- Nothing sticks out sideways or is cut off at 320 px.
- axe-core finds no WCAG 2.0/2.1 A or AA violation at 320 px (the 390 px pages are in the
  catalogue's accessibility test).
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_no_wcag_violations
from playwright.sync_api import expect

from sitepages import NARROW, layout_problems, open_page

RESULTS = [
    "result-emergency-call-112", "result-emergency-call-gp-now", "result-urgent", "result-gp",
    "result-selfcare", "result-dont-know",
]
WIDTHS = {"390px": None, "320px": NARROW}
WHY = {"nl": "Waarom dit advies?", "en": "Why this advice?"}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", " ".join(text.split())) if len(s.strip()) > 12]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", RESULTS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_why_this_advice_reads_well_on_a_phone(visit, screenshot, lang, name, width):
    v = open_page(visit, lang, name, viewport=WIDTHS[width])
    page = v.page
    heading = page.locator("main h2#waarom")
    expect(heading).to_have_text(WHY[lang])
    items = page.locator("main ul.reasons > li")
    assert items.count() >= 1
    for text in items.all_inner_texts():
        assert text.strip()
    above = set(sentences(" ".join(page.locator("main section.level, main section.unknowns").all_inner_texts())))
    why = [s for text in items.all_inner_texts() for s in sentences(text)]
    assert not above & set(why), f"said twice, above and under '{WHY[lang]}': {above & set(why)}"
    assert len(why) == len(set(why)), f"said twice under '{WHY[lang]}': {why}"
    screenshot(page, width)
    if width == "320px":
        assert layout_problems(page) == []
        assert_no_wcag_violations(page)
