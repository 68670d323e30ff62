"""The order of the programme page on a phone, in a real browser without JavaScript, at 390
and 320 px, in Dutch and English: the W-10 pain question right after the title; on a W-14
check-in day the check-in before today's walks (W-14); after
a W-9 stop and a newer rugtest that allows a new start (W-1), the start before the old stop;
and the stop date on the progress page (W-11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from factories import give_result, make_programme, make_user
from flows import assert_fits_the_phone
from rugtest.programme.models import Programme, WalkEntry

CASES = [("nl", 390), ("nl", 320), ("en", 390), ("en", 320)]
IDS = [f"{lang}-{width}px" for lang, width in CASES]
HEIGHTS = {390: 844, 320: 568}
PARTS = ("morning", "afternoon", "evening")


def top(locator) -> float:
    box = locator.first.bounding_box()
    assert box is not None, f"{locator} is not shown"
    return box["y"]


def stopped_on_12_november(email, signs):
    """A person whose programme began on 10 November 2026 and stopped (W-9) on the 12th."""
    user = make_user(email, password=None, verified=True)
    programme = make_programme(user)
    Programme.objects.filter(pk=programme.pk).update(start=dt.date(2026, 11, 10))
    WalkEntry.objects.create(programme=programme, date=dt.date(2026, 11, 12), part="morning", minutes=5,
                             warning_signs=signs)
    return user


def open_page(visit, user, lang, width):
    v = visit(lang, viewport={"width": width, "height": HEIGHTS[width]}, javascript=False)
    v.sign_in(user)
    return v


@pytest.mark.parametrize(("lang", "width"), CASES, ids=IDS)
def test_day_30_the_pain_question_first_then_the_check_in_then_today_s_walks(visit, screenshot, lang, width):
    """Day 30, pain scores up (W-10), a check-in and its measurement due (W-14, O-2): the pain
    question right after the title; W-14 asks the check-in "at the top, before today's walks",
    and O-2 its measurement before the step 6 questions."""
    user = make_user(f"order-{lang}-{width}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=29)
    today = timezone.localdate()
    first_days = [programme.start, programme.start + dt.timedelta(days=1)]
    for day in first_days + [today - dt.timedelta(days=d) for d in (1, 2, 3)]:
        for part in PARTS:
            WalkEntry.objects.create(programme=programme, date=day, part=part, minutes=12,
                                     pain_after=1 if day in first_days else 5)
    v = open_page(visit, user, lang, width)
    v.goto("/rugoefening/")
    page = v.page
    main = page.locator("main")
    question = main.locator("form[action$='/rugoefening/pijn/'] legend")
    walk_links = main.locator("ul.parts a")
    expect(walk_links).to_have_count(3)
    # W-10: the question right after the title, in the first screen
    assert top(main.locator("h1")) < top(question) < top(main.locator("[data-moment=checkin]"))
    assert top(question) + question.bounding_box()["height"] < HEIGHTS[width]
    # W-14 and O-2: the measurement, then the check-in's questions, then today's target and walks
    assert top(main.locator("[data-moment=checkin]")) < top(main.locator("section.checkin")) < top(main.locator(".target"))
    assert top(main.locator(".target")) < walk_links.nth(0).bounding_box()["y"]
    assert_fits_the_phone(page)
    screenshot(page, "top", full_page=False)
    screenshot(page, "whole")


@pytest.mark.parametrize(("lang", "width"), CASES, ids=IDS)
def test_a_new_rugtest_after_an_emergency_stop_opens_with_the_new_start(visit, screenshot, lang, width):
    user = stopped_on_12_november(f"restart-{lang}-{width}@example.org", ["bladder_bowel", "fever"])
    v = open_page(visit, user, lang, width)
    v.goto("/rugoefening/")
    page = v.page
    main = page.locator("main")
    expect(main.locator("[data-level=emergency]")).to_be_visible()  # no newer rugtest: the advice first
    screenshot(page, "stopped", full_page=False)
    give_result(user, "E-09")
    v.goto("/rugoefening/")
    expect(main.locator("[data-level]")).to_have_count(0)
    start = main.locator("a.button[href$='/rugoefening/beginnen/']")
    previous = main.locator("section.previous-stop")
    assert top(start) < top(previous)
    assert top(start) + start.bounding_box()["height"] < HEIGHTS[width]  # in the first screen
    expect(previous).to_contain_text("12 november 2026" if lang == "nl" else "12 November 2026")
    expect(previous.locator("a[href^='tel:']")).to_have_count(0)
    assert_fits_the_phone(page)
    screenshot(page, "new-start", full_page=False)
    screenshot(page, "new-start-whole")


@pytest.mark.parametrize(("lang", "width"), CASES, ids=IDS)
def test_the_progress_page_says_when_the_programme_stopped(visit, screenshot, lang, width):
    user = stopped_on_12_november(f"stopdate-{lang}-{width}@example.org", ["fever"])
    v = open_page(visit, user, lang, width)
    v.goto("/rugoefening/voortgang/")
    expected = "Status: gestopt op 12 november 2026." if lang == "nl" else "Status: stopped on 12 November 2026."
    expect(v.page.locator("main")).to_contain_text(expected)
    assert_fits_the_phone(v.page)
    screenshot(v.page, "status", full_page=False)
