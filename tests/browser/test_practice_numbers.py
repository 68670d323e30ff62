"""Issue 20 and 19 on a small phone without JavaScript: the practice's tap-to-call link in the first
screen of the emergency result, and the step's error summary (GOV.UK / NL Design System pattern)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from factories import CASES
from flows import assert_autofocus_on_error_summary, fill_step, submit_step, walk

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
SMALL = {"width": 320, "height": 568}  # an iPhone SE: the smallest screen the site is made for
SHOTS = Path(os.environ.get("RUGTEST_SHOTS", "/tmp/practice-shots"))
# R-CE-1: saddle numbness, the GP now (call_gp_now).
CAUDA_EQUINA = {**CASES["E-08"]["answers"], "saddle_numbness": "yes"}


@pytest.fixture
def practice(settings):
    settings.RUGTEST_PRACTICE_NAME = "Huisartsenpraktijk De Linde"
    settings.RUGTEST_PRACTICE_PHONE = "020-1234567"
    settings.RUGTEST_OUT_OF_HOURS_PHONE = "088-0030600"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("lang, width", [("nl", 320), ("en", 320), ("nl", 390), ("en", 390)])
def test_the_emergency_result_shows_the_practice_link_in_the_first_screen_without_javascript(visit, practice, lang, width):
    v = visit(lang, viewport={"width": width, "height": 568 if width == 320 else 844}, javascript=False)
    v.goto("/rugtest/stap/1/")
    walk(v.page, CAUDA_EQUINA, button_name=None)
    call = v.page.locator('main a[href="tel:+31201234567"]').first
    expect(call).to_have_text({"nl": "Bel Huisartsenpraktijk De Linde: 020-1234567",
                               "en": "Call Huisartsenpraktijk De Linde: 020-1234567"}[lang])
    box = call.bounding_box()
    shoot(v.page, f"result-emergency-{lang}-{width}")
    assert box["y"] + box["height"] <= v.page.viewport_size["height"], "the practice's number is below the first screen"
    assert box["height"] >= 44
    for link in v.page.locator("main .calls a").all():
        assert link.bounding_box()["height"] >= 44
    shoot(v.page, f"result-emergency-{lang}-{width}")


@pytest.mark.parametrize("lang, width", [("nl", 320), ("en", 320), ("nl", 390), ("en", 390)])
def test_an_empty_emergency_step_shows_an_error_summary_that_links_to_each_question_and_has_the_focus(visit, lang, width):
    v = visit(lang, viewport={"width": width, "height": 568 if width == 320 else 844}, javascript=False)
    v.goto("/rugtest/stap/1/")
    fill_step(v.page, CASES["E-08"]["answers"])
    submit_step(v.page, button_name=None)
    assert "/stap/2/" in v.page.url
    submit_step(v.page, button_name=None)  # nothing chosen
    summary = v.page.locator("main .error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_have_text({"nl": "Er is een probleem", "en": "There is a problem"}[lang])
    assert v.page.title().startswith({"nl": "Fout:", "en": "Error:"}[lang])
    # autofocus, without JavaScript
    assert_autofocus_on_error_summary(v.page)
    links = summary.locator("a")
    assert links.count() == 7  # every required question of step 2 (questionnaire.md)
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert v.page.locator(target).count() == 1, target
    shoot(v.page, f"step-2-error-{lang}-{width}")
    # The link takes the person to the question's first answer.
    links.first.click()
    assert v.page.evaluate("document.activeElement && document.activeElement.type") == "radio"


@pytest.mark.parametrize("lang, width", [("nl", 320), ("en", 320), ("nl", 390), ("en", 390)])
def test_the_home_page_with_the_practice_settings(visit, practice, lang, width):
    v = visit(lang, viewport={"width": width, "height": 568 if width == 320 else 844})
    v.goto("/")
    box = v.page.locator("main .urgent-box")
    expect(box.locator('a[href="tel:+31201234567"]')).to_be_visible()
    expect(box.locator('[data-action="call_112"] a[href="tel:112"]').first).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    box.screenshot(path=str(SHOTS / f"home-urgent-{lang}-{width}.png"))


@pytest.mark.parametrize("path", ["/", "/informatie/", "/medicatie/", "/rugoefening/", "/over/", "result"])
def test_the_pages_with_the_practices_links_pass_axe(visit, practice, path):
    v = visit("nl", viewport=SMALL)  # axe needs JavaScript
    if path == "result":
        v.goto("/rugtest/stap/1/")
        walk(v.page, CAUDA_EQUINA, button_name=None)
    else:
        v.goto(path)
    violations = Axe().run(v.page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(x["id"], [n["html"][:120] for n in x["nodes"]]) for x in violations]
