"""Issue #8 in a real browser on a phone: the emergency at once, a result to take along, tap
targets, words that never break, the language switch that keeps the ticks.

Each test walks what a person does, at 390 and 320 px, in Dutch and English, with JavaScript
on and off where it matters. Screenshots of the main pages at 320 px go to var/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from factories import CASES
from rugtest.core import questions
from sitepages import NARROW, STEP_CASE, answer_until, layout_problems, open_page

PHONES = {"390": {"width": 390, "height": 844}, "320": NARROW}
STEP1 = {"age": "56", "duration_weeks": "8", "pain_score": "5"}
WORDS = {
    "nl": {"next": "Volgende", "result": "Bekijk uw uitslag", "call_gp_now": "Bel nu meteen uw huisarts",
           "call_112": "Bel 112", "say": "Wat zegt u aan de telefoon?", "other": "English"},
    "en": {"next": "Next", "result": "See your result", "call_gp_now": "Call your GP right now",
           "call_112": "Call 112", "say": "What do you say on the phone?", "other": "Nederlands"},
}


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def fill_step_1(page: Page, lang: str, age: str = "56") -> None:
    page.fill('input[name="age"]', age)
    page.fill('input[name="duration_weeks"]', STEP1["duration_weeks"])
    page.fill('input[name="pain_score"]', STEP1["pain_score"])
    page.check('input[name="previous_episodes"][value="no"]')
    submit(page, WORDS[lang]["next"])


def in_first_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= page.viewport_size["height"]


# --- 1. The emergency at once, JavaScript on and off ---------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", ["390", "320"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_yes_on_an_emergency_sign_with_the_rest_open_shows_the_emergency_result(visit, screenshot, lang, width, javascript):
    v = visit(lang, viewport=PHONES[width], javascript=javascript)
    v.goto("/rugtest/stap/1/")
    fill_step_1(v.page, lang)
    assert v.page.url.endswith("/rugtest/stap/2/")
    # The step opens with the call: a tap-to-call link for 112 on the first screen.
    call = v.page.locator("main .call-now a[data-call='call_112']")
    expect(call).to_be_visible()
    assert in_first_screen(v.page, "main .call-now a[data-call='call_112']"), "the 112 link is below the first screen"
    assert float(call.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24, "the call is in large type"
    if width == "320" and javascript:
        screenshot(v.page, f"{lang}-step-2")

    v.page.check('input[name="bladder_bowel"][value="yes"]')  # the other six questions stay open
    submit(v.page, WORDS[lang]["next"])

    expect(v.page).to_have_url(re.compile(r"/rugtest/uitslag/$"))
    main = v.page.locator("main")
    expect(main).to_have_attribute("data-level", "emergency")
    expect(main.locator("h1")).to_have_text(WORDS[lang]["call_gp_now"])
    expect(main).to_contain_text(WORDS[lang]["say"])
    expect(main.locator(".error-summary")).to_have_count(0)
    # Only what helps now: no table of answers open, no programme, no advice list.
    expect(main.locator("table:visible")).to_have_count(0)
    expect(main.locator("li[data-advice], .card")).to_have_count(0)
    assert layout_problems(v.page) == []
    if width == "320" and javascript:
        screenshot(v.page, f"{lang}-result-emergency")


# --- 2. A result to take along, readable at 320 px -------------------------------------------

WORD_BREAKS = r"""(selector) => {
  // Every word of the matched elements' text must sit on one line: a word whose letters land
  // on two lines was broken (letter by letter, or hyphenated).
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\s\u2013\u2014\/;,]+/g;
      let m;
      while ((m = re.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_gp_result_at_320_px_is_readable_printable_and_marks_what_matters(visit, screenshot, lang):
    v = open_page(visit, lang, "result-gp", viewport=NARROW, javascript=False)
    page, main = v.page, v.page.locator("main")
    problems = layout_problems(page)
    assert problems == [], "\n".join(problems)
    assert page.evaluate(WORD_BREAKS, "main table, main h1, main h2") == []
    # The date, and the answers that matter: the warning signs answered "Ja" first, marked.
    expect(main.locator("section.level time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    signs = main.locator("table.signs tr.matters")
    expect(signs.first).to_be_visible()
    leg = questions.BY_ID["leg_pain_below_knee"].text(lang)
    expect(signs.filter(has_text=leg)).to_have_count(1)
    weight = signs.first.locator("td").last.evaluate("e => getComputedStyle(e.querySelector('strong')).fontWeight")
    assert int(weight) >= 700
    # The answer tables stack at 320 px: question and answer one under the other, full width.
    cells = main.locator("table.answers tbody tr").first.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"] - 1
    screenshot(page, f"{lang}-result-gp")

    # The print button needs no JavaScript; the printed page is the result alone.
    print_name = "Print deze uitslag" if lang == "nl" else "Print this result"
    with page.expect_navigation():
        page.get_by_role("link", name=print_name).click()
    expect(page.locator("body")).to_have_class("printing")
    expect(page.locator("header.site-header")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".print-note")).to_be_hidden()
    expect(main.locator("table.signs")).to_be_visible()
    expect(page.locator("footer")).to_be_hidden()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_medication_doses_stack_on_a_phone_and_paracetamol_never_breaks(visit, screenshot, lang):
    v = open_page(visit, lang, "medicatie", viewport=NARROW)
    page = v.page
    table = page.locator("main table.doses")
    scroll = table.evaluate("e => [e.closest('.table-scroll').scrollWidth, e.closest('.table-scroll').clientWidth]")
    assert scroll[0] <= scroll[1], "the dose table scrolls sideways"
    assert page.evaluate(WORD_BREAKS, "main table.doses") == []
    row_head = table.locator("tbody th").first
    expect(row_head).to_contain_text("paracetamol")
    assert row_head.evaluate("e => e.getBoundingClientRect().width") > 250, "one card per substance, full width"
    problems = layout_problems(page)
    assert problems == [], "\n".join(problems)
    screenshot(page, f"{lang}-medicatie", full_page=False)


# --- 4. Tap targets, step headings, the language switch ---------------------------------------

TAP_TARGETS = r"""() => {
  // What a person taps on its own: header and menu links, footer links, buttons, links in a
  // row of actions, "Vorige stap". Links inside running text are exempt (WCAG 2.5.5).
  const selector = "header a, header button:not(.visually-hidden), footer a, main button, main .button, " +
                   "main .actions a, main summary, main a.change, main label.option";
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || el.closest(".visually-hidden")) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 44 - 0.5 || box.height < 44 - 0.5)
      small.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""
TAP_PAGES = ["home", "step-2", "step-6", "result-gp", "result-emergency-call-gp-now", "medicatie", "login", "signup-code"]
# Pages of a signed-in person: one person, so one page, per test.
TAP_PAGES_SIGNED_IN = ["programme-start-errors", "programme-stopped", "programme-edit-walk-confirm-sign"]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_tap_target_on_the_main_pages_is_at_least_44_px(visit, screenshot, lang, width):
    # At 390 px a line that wraps at 320 px stands on one line: a summary of one line was 28 px.
    too_small = {}
    for name in TAP_PAGES:
        v = open_page(visit, lang, name, viewport={**NARROW, "width": width})
        problems = v.page.evaluate(TAP_TARGETS)
        if problems:
            too_small[name] = problems
        if name in ("home", "login", "signup-code", "step-6"):
            screenshot(v.page, f"{lang}-{name}-{width}")
        v.page.context.close()
    assert not too_small, too_small


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", TAP_PAGES_SIGNED_IN)
def test_every_tap_target_on_the_programme_pages_is_at_least_44_px(visit, lang, width, name):
    v = open_page(visit, lang, name, viewport={**NARROW, "width": width})
    assert not v.page.evaluate(TAP_TARGETS), v.page.evaluate(TAP_TARGETS)


@pytest.mark.parametrize("width", ["390", "320"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_step_headings_never_break_a_word(visit, lang, width):
    # Every step answered once (the case with the follow-up page), so each step can be opened.
    client = Client()
    answer_until(client, CASES[STEP_CASE]["answers"])
    v = visit(lang, viewport=PHONES[width])
    v.adopt_session(client)
    broken = {}
    for page in questions.PAGES:
        v.goto(f"/rugtest/stap/{page.id}/")
        assert v.page.url.endswith(f"/rugtest/stap/{page.id}/"), v.page.url
        assert v.page.locator("main h1").evaluate("e => getComputedStyle(e).hyphens") != "auto"
        words = v.page.evaluate(WORD_BREAKS, "main h1, main legend, main .label")
        if words:
            broken[page.id] = words
    assert not broken, broken


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_switching_language_on_a_step_keeps_the_ticks(visit, javascript):
    lang = "nl"
    v = visit(lang, viewport=NARROW, javascript=javascript)
    v.goto("/rugtest/stap/1/")
    fill_step_1(v.page, lang)
    v.page.check('input[name="saddle_numbness"][value="no"]')
    v.page.check('input[name="both_legs"][value="unknown"]')
    with v.page.expect_navigation():
        v.page.get_by_role("button", name="English").click()
    expect(v.page).to_have_url(re.compile(r"/en/rugtest/stap/2/$"))
    expect(v.page.locator("html")).to_have_attribute("lang", "en")
    expect(v.page.locator('input[name="saddle_numbness"][value="no"]')).to_be_checked()
    expect(v.page.locator('input[name="both_legs"][value="unknown"]')).to_be_checked()
    expect(v.page.locator('input[name="bladder_bowel"]:checked')).to_have_count(0)
    expect(v.page.locator(".error-summary")).to_have_count(0)


def test_enter_in_a_field_goes_to_the_next_step_in_the_same_language(visit):
    v = visit("nl", viewport=NARROW)
    v.goto("/rugtest/stap/1/")
    for field, value in STEP1.items():
        v.page.fill(f'input[name="{field}"]', value)
    v.page.check('input[name="previous_episodes"][value="no"]')
    with v.page.expect_navigation():
        v.page.locator('input[name="pain_score"]').press("Enter")
    expect(v.page).to_have_url(re.compile(r"^[^?]*://[^/]+/rugtest/stap/2/$"))
