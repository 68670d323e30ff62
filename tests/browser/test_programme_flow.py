"""A person signs up, takes the rugtest, starts the walking programme and logs a walk,
on a phone, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from clinical import load_clinical_json
from flows import begin, walk

CASES = {case["id"]: case for case in load_clinical_json("vignettes-examples.json")}


def sign_up(page, email):
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", "walking-every-day-9")
    page.fill("input[name=password2]", "walking-every-day-9")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    page.fill("input[name=code]", code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def test_sign_up_rugtest_start_programme_log_a_walk_and_see_it_in_the_history(phone, screenshot, transactional_db):
    sign_up(phone, "walker@example.org")
    expect(phone.get_by_role("link", name="Uitloggen")).to_be_visible()

    begin(phone)
    walk(phone, CASES["E-09"]["answers"])
    expect(phone.locator("main")).to_have_attribute("data-level", "selfcare")
    phone.locator("main a.button", has_text="Begin met de rugoefening").click()
    phone.locator("main a.button[href$='/beginnen/']").click()

    phone.fill("input[name=baseline_minutes]", "10")  # issue 19: starting takes one number
    screenshot(phone, "start")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Begin vandaag").click()
    expect(phone.locator(".target .big")).to_have_text("8")
    screenshot(phone, "today")

    phone.locator("main a.button", has_text="Wandeling invullen").click()
    phone.check("input[name=part][value=morning]")
    phone.fill("input[name=minutes]", "9")
    phone.locator("label[for=id_pain_after_3]").click()  # pain is tapped on a 0-10 row
    screenshot(phone, "log")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Opslaan").first.click()
    expect(phone.locator("main")).to_contain_text("9 minuten gelopen")

    phone.goto("/rugoefening/voortgang/")
    expect(phone.locator("table.days tbody tr").first).to_contain_text("9")
    expect(phone.locator("svg.chart rect.bar")).to_have_count(1)
    expect(phone.locator("svg.chart rect.bar title")).to_have_text(re.compile(r": 9$"))
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= phone.viewport_size["width"]
    screenshot(phone, "history")


def test_a_warning_sign_in_the_log_stops_the_programme_at_once(phone, screenshot, transactional_db):
    sign_up(phone, "signs@example.org")
    begin(phone)
    walk(phone, CASES["E-12"]["answers"])
    phone.goto("/rugoefening/beginnen/")
    phone.locator("details.test-walks summary").click()  # the other way, on tap
    phone.fill("input[name=test_walk_1]", "6")
    phone.fill("input[name=test_walk_2]", "9")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Begin vandaag").click()
    phone.goto("/rugoefening/wandeling/")
    phone.check("input[name=warning_signs][value=leg_weakness]")
    phone.check("input[name=part][value=morning]")
    phone.fill("input[name=minutes]", "0")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Opslaan").first.click()
    # W-9: one confirmation that names the sign and the advice, then the stop.
    expect(phone.locator("main h1")).to_have_text("Klopt dit?")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ja, ik heb deze klacht").click()
    expect(phone.locator("section.level[data-level=urgent] h2")).to_have_text("Bel vandaag nog uw huisarts")
    expect(phone.get_by_role("link", name="Wandeling invullen")).to_have_count(0)
    screenshot(phone, "stopped")
