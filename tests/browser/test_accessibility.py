"""Accessibility of every page, in Dutch and in English, in a real browser on a phone.

1. axe-core (bundled by axe-playwright-python, offline) on every page and every state a person
   can meet (each rugtest step, an error state, a result of each level, the account pages, the
   signed-in walking programme pages): no WCAG 2.0/2.1 A or AA violation.
2. Reflow on a representative set of pages: at 320 CSS px wide and with text at 200%, the page
   never scrolls sideways and no text is cut off. The level of a result is never told by colour
   alone: the banner has a text label and an icon.
3. Every page works without JavaScript, and the whole rugtest can be done without it.

The state behind a page (rugtest answers, a signed-in person with a plan) is made with Django's
test client on the live server's database and handed to the browser as the session cookie;
error states are made in the browser, by submitting the form as a person would.
"""

from __future__ import annotations

import re

import pytest
from axecheck import assert_no_wcag_violations
from django.utils import translation
from playwright.sync_api import Page, expect

from factories import CASES
from flows import begin, walk
from rugtest import words as texts
from sitepages import LANGS, REFLOW_PAGES, STEP_CASE, cases, layout_problems, narrow, open_page, reflow_problems

# --- 1. axe-core: no WCAG 2.0/2.1 A or AA violation -------------------------------------------
# Every page of the catalogue is checked in test_every_page_once.py (one pass per page: axe, the
# words scan, and at 320 px the word breaks and the reflow). What the check catches is shown here.

def test_axe_check_catches_a_deliberately_broken_page(visit):
    """The check can fail: an image without alt text and a field without a label are found."""
    v = open_page(visit, "nl", "home")
    v.page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend",
            '<img src="/static/rugtest/icons/icon-192.png"><input type="text" name="unnamed">');
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_wcag_violations(v.page)
    message = str(failure.value)
    assert "image-alt (critical" in message and "<img" in message
    assert "label (critical" in message and 'name="unnamed"' in message


# --- 2. Reflow at 320 px and at 200% text; colour is not the only carrier of meaning ----------




def double_the_text(page: Page) -> None:
    """Text at 200%: twice the site's own root size (it sets 112.5%), for the whole page."""
    page.evaluate(
        """() => {
          const root = document.documentElement;
          const size = parseFloat(getComputedStyle(root).fontSize);
          root.style.setProperty("font-size", (2 * size) + "px", "important");
        }"""
    )


REFLOW_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(("lang", "name", "mode"), cases(REFLOW_PAGES, xfail=REFLOW_XFAIL, modes=["text-200%"]))
def test_page_reflows_without_sideways_scrolling_or_cut_off_text(visit, lang, name, mode):
    """With text at 200%; the same pages at 320 px are checked in test_every_page_once.py."""
    v = open_page(visit, lang, name)
    before = v.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    double_the_text(v.page)
    after = v.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert after == 2 * before
    problems = reflow_problems(v.page)
    if problems:
        raise AssertionError(f"{v.page.url} at {mode}:\n" + "\n".join(problems))


def test_reflow_check_catches_sideways_scrolling_and_cut_off_text(visit):
    # Opened as a phone, then narrowed to 320 px: the way the one pass per page checks it.
    v = open_page(visit, "nl", "home")
    narrow(v.page)
    assert layout_problems(v.page) == []
    v.page.evaluate(
        # Styles set through the DOM: the Content-Security-Policy ignores style="" in markup.
        """() => {
          const main = document.querySelector("main");
          const add = (id, text, style) => {
            const p = document.createElement("p");
            p.id = id;
            p.textContent = text;
            Object.assign(p.style, style);
            main.append(p);
          };
          add("wide", "Een regel die niet meer past", {width: "600px"});
          add("cut", "Deze tekst wordt afgeknipt", {overflow: "hidden", whiteSpace: "nowrap", width: "100px"});
        }"""
    )
    problems = "\n".join(layout_problems(v.page))
    assert "scrolls sideways" in problems
    assert "p#wide" in problems
    assert "text cut off" in problems and "p#cut" in problems


# The level banners: the result of the rugtest, and the stop advice of the walking programme.
BANNER_PAGES = {
    "result-emergency-call-112": "emergency",
    "result-emergency-call-gp-now": "emergency",
    "result-urgent": "urgent",
    "result-gp": "gp",
    "result-selfcare": "selfcare",
    "programme-stopped": "urgent",
}
BANNER_XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(("lang", "name"), cases(BANNER_PAGES, xfail=BANNER_XFAIL))
def test_level_is_not_told_by_colour_alone(visit, lang, name):
    v = open_page(visit, lang, name)  # the page is complete: no waiting below
    level = BANNER_PAGES[name]
    banner = v.page.locator(f"main section.level.level-{level}")
    assert banner.count() == 1, f"no level banner .level-{level} on {v.page.url}"
    label = banner.locator(".level-label")
    assert label.count() == 1 and label.is_visible(), (
        f"the {level} banner has no visible .level-label: {banner.evaluate('e => e.outerHTML')[:400]}"
    )
    with translation.override(lang):
        expected_label = str(texts.LEVELS[level]["label"])
    # The label says the level in words, in the page's language ...
    assert expected_label in label.inner_text(), (label.inner_text(), expected_label)
    # ... and an icon (a glyph, an image or an SVG) shows it besides the colour.
    icon = label.locator(".icon, svg, img")
    assert icon.count() >= 1 and icon.first.is_visible(), f"no icon in {label.evaluate('e => e.outerHTML')}"
    assert icon.first.evaluate("e => (e.textContent || '').trim() || e.tagName"), "the icon is empty"


# --- 3. Without JavaScript --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "name"), cases())
def test_page_works_without_javascript(visit, lang, name):
    v = open_page(visit, lang, name, javascript=False)
    h1 = v.page.locator("main h1")
    expect(h1).to_have_count(1)
    expect(h1).to_be_visible()
    expect(h1).not_to_have_text(re.compile(r"^\s*$"))


@pytest.mark.parametrize("lang", LANGS)
def test_whole_rugtest_can_be_done_without_javascript(visit, lang):
    v = visit(lang, javascript=False)
    # Scripts are really off (Playwright's own evaluate still works, the page's scripts do not).
    v.page.set_content("<title>no script</title><script>document.title = 'script ran'</script>")
    assert v.page.title() == "no script"
    case = CASES[STEP_CASE]
    if lang == "nl":
        begin(v.page)
    else:
        v.goto("/rugtest/")
        with v.page.expect_navigation():
            v.page.locator("main .actions a.button").first.click()
    seen = walk(v.page, case["answers"], button_name=None)
    assert seen == ["1", "2", "3", "4", "4b", "5", "6"]
    expect(v.page.locator("main")).to_have_attribute("data-level", case["expect"]["level"])
    expect(v.page.locator("main h1")).to_be_visible()
    expect(v.page.locator("html")).to_have_attribute("lang", lang)
