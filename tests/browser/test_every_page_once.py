"""Every page of the catalogue (sitepages.PAGES), in Dutch and in English, opened once on a
phone and checked for everything a page must be, in one pass:

1. axe-core: no WCAG 2.0/2.1 A or AA violation (issue 10; test_accessibility.py shows what
   the check catches);
2. words, not codes: the text a person can read holds no internal id or value (issue 19,
   codes.py; test_no_codes_on_any_page.py shows what the scan catches);
3. narrowed to 320 px: a long word that breaks, breaks with a hyphen, never bare (issue 19;
   test_phone_points_in_the_browser.py), and the pages of ``REFLOW_PAGES`` never scroll
   sideways and cut no text off (WCAG 1.4.10; test_accessibility.py checks them with text at
   200% too).

One pass per page, because making a page's state (answers, a signed-in person with a plan)
and opening it costs far more than the checks. Every problem the page has is reported
together, each under the check that found it.
"""

from __future__ import annotations

import pytest
from axecheck import axe_violations, describe_violations
from codes import codes_in

from sitepages import BARE_BREAKS, REFLOW_PAGES, cases, narrow, open_page, page_text, reflow_problems

# Real problems found in the app; remove a mark when its fix is in (strict: a fixed page fails).
XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(("lang", "name"), cases(xfail=XFAIL))
def test_page_is_accessible_in_words_and_whole_at_320_px(visit, lang, name):
    v = open_page(visit, lang, name)
    page = v.page
    problems: dict[str, list[str]] = {}

    violations = axe_violations(page)
    if violations:
        problems["axe-core (WCAG 2.1 A/AA)"] = [describe_violations(page.url, violations)]

    text = page_text(page)
    if len(text) <= 100:
        problems["words"] = [f"no text to scan: {text!r}"]
    elif found := codes_in(text, lang):
        problems["words, not codes"] = [f"{found} in: {text[:3000]}"]

    narrow(page)
    if page.evaluate("getComputedStyle(document.body).hyphens") != "auto":
        problems["word breaks at 320 px"] = ["the body does not hyphenate (hyphens is not auto)"]
    elif bare := page.evaluate(BARE_BREAKS):
        problems["word breaks at 320 px"] = [f"broken without a hyphen: {bare}"]
    if name in REFLOW_PAGES and (reflow := reflow_problems(page)):
        problems["reflow at 320 px"] = reflow

    assert not problems, f"{page.url} ({lang}):\n" + "\n".join(
        f"- {check}:\n  " + "\n  ".join(lines) for check, lines in problems.items()
    )
