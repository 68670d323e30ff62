"""outcome-measures.md O-1 … O-4 and issue 19 in a browser, at 390 and 320 px, in Dutch and
English: the measurement form without JavaScript (bad input kept), the progress table with
the change in words, and the progress page at week 12 kept short on a phone."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from factories import make_programme, make_user
from rugtest.programme.models import Measurement
from sitepages import add_walks, layout_problems

SHOTS = Path("/tmp/measure-shots")
CASES = [("nl", 390), ("nl", 320), ("en", 390), ("en", 320)]
IDS = [f"{lang}-{width}px" for lang, width in CASES]


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(("lang", "width"), CASES, ids=IDS)
def test_O_1_the_measurement_form_works_without_javascript_and_keeps_what_was_typed(visit, screenshot, lang, width):
    user = make_user(f"measure-{lang}-{width}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=21)
    Measurement.objects.create(programme=programme, moment="start", date=programme.start, pain_24h=7,
                               activities=[{"activity": "Sokken aantrekken", "score": 3},
                                           {"activity": "Tuinieren", "score": 5}])
    v = visit(lang, viewport={"width": width, "height": 740}, javascript=False)
    v.sign_in(user)
    v.goto("/rugoefening/meting/")
    expect(v.page.locator("main [data-moment=checkin]")).to_be_visible()
    # the scores are tapped: a label of at least 44 by 44 px
    target = v.page.locator("label[for=id_pain_24h_4]")
    box = target.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    target.click()
    v.page.locator("label[for=id_score_1_7]").click()
    assert layout_problems(v.page) == []
    shoot(v.page, f"form-{lang}-{width}")
    screenshot(v.page, "form")
    v.submit("main form.measure-form")
    expect(v.page).to_have_url(re.compile(r"/rugoefening/voortgang/$"))
    table = v.page.locator("table.measurements")
    expect(table.locator("tbody tr")).to_have_count(2)
    changes = v.page.locator("ul.changes")
    if lang == "nl":
        expect(changes).to_contain_text("Pijn: van 7 naar 4 — duidelijk beter")
        expect(changes).to_contain_text("Sokken aantrekken: van 3 naar 7 — duidelijk beter")
    else:
        expect(changes).to_contain_text("Pain: from 7 to 4 — clearly better")
    assert layout_problems(v.page) == []
    shoot(v.page, f"progress-{lang}-{width}")


@pytest.mark.parametrize(("lang", "width"), CASES, ids=IDS)
def test_O_1_bad_input_on_the_start_form_gets_a_message_and_loses_nothing(visit, lang, width):
    user = make_user(f"bad-{lang}-{width}@example.org", password=None, verified=True)
    make_programme(user)
    v = visit(lang, viewport={"width": width, "height": 740}, javascript=False)
    v.sign_in(user)
    v.goto("/rugoefening/meting/")
    v.page.locator("label[for=id_pain_24h_6]").click()
    v.page.fill("input[name=activity_1]", "Naar de winkel lopen")
    v.page.locator("label[for=id_score_1_2]").click()
    v.page.locator("label[for=id_score_2_5]").click()  # a score without its activity
    v.submit("main form.measure-form")
    summary = v.page.locator("main .error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Schrijf op welke bezigheid het is." if lang == "nl"
                                    else "Please write which activity it is.")
    expect(v.page.locator("input[name=activity_1]")).to_have_value("Naar de winkel lopen")
    expect(v.page.locator("#id_pain_24h_6")).to_be_checked()
    expect(v.page.locator("#id_score_2_5")).to_be_checked()
    assert layout_problems(v.page) == []
    shoot(v.page, f"form-error-{lang}-{width}")
    # 200 characters are not cut off by the browser: the page names the limit and keeps the text
    long = "Met de kleinkinderen naar de speeltuin en daar de hele middag blijven " * 3
    v.page.fill("input[name=activity_2]", long[:200])
    v.submit("main form.measure-form")
    expect(v.page.locator("main .error-summary")).to_contain_text(
        "Schrijf hooguit 60 tekens." if lang == "nl" else "Write no more than 60 characters.")
    expect(v.page.locator("input[name=activity_2]")).to_have_value(long[:200])
    expect(v.page.locator("input[name=activity_1]")).to_have_value("Naar de winkel lopen")


@pytest.mark.parametrize(("lang", "width"), [("nl", 320), ("en", 320)], ids=["nl-320px", "en-320px"])
def test_issue_19_the_progress_page_at_week_12_stays_short_on_a_phone(visit, lang, width):
    """The current week open, earlier weeks one line each (opening on tap, without JavaScript),
    the chart and the GP report button within the first two screens."""
    user = make_user(f"week12-{lang}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=80)
    add_walks(programme, days=80, minutes=12, pain=lambda day: 3)
    Measurement.objects.create(programme=programme, moment="start", date=programme.start, pain_24h=6,
                               activities=[{"activity": "Werk", "score": 4}])
    Measurement.objects.create(programme=programme, moment="checkin", date=programme.start + dt.timedelta(days=21),
                               pain_24h=4, activities=[{"activity": "Werk", "score": 6}])
    height = 568
    v = visit(lang, viewport={"width": width, "height": height}, javascript=False)
    v.sign_in(user)
    v.goto("/rugoefening/voortgang/")
    page = v.page
    shoot(page, f"week12-{lang}-{width}")
    weeks = page.locator("details.week[data-week]")
    expect(weeks).to_have_count(12)
    expect(page.locator("details.week[data-week='12']")).to_have_attribute("open", "")
    assert page.locator("details.week[data-week][open]").count() == 1
    for summary in page.locator("details.week[data-week]:not([open]) > summary").all()[:3]:
        box = summary.bounding_box()
        assert box["height"] >= 44, box
        line = page.evaluate("(s) => parseFloat(getComputedStyle(s).lineHeight) || 24", summary.element_handle())
        assert box["height"] < 2 * line + 24, ("one line each", box)  # a single line of text plus padding
    chart = page.locator("svg.chart").first.bounding_box()
    button = page.locator("main a.button[href$='/rugoefening/rapport.pdf']").bounding_box()
    assert chart["y"] + chart["height"] <= 2 * height, chart
    assert button["y"] + button["height"] <= 2 * height, button
    # an earlier week opens on tap, without JavaScript
    page.locator("details.week[data-week='3'] > summary").click()
    expect(page.locator("details.week[data-week='3'] table.days tbody tr").first).to_be_visible()
    assert layout_problems(page) == []


@pytest.mark.parametrize(("lang", "width"), [("nl", 320), ("en", 390)], ids=["nl-320px", "en-390px"])
def test_W_7_O_4_the_end_closes_with_a_summary_and_a_pain_rise_asks_the_question(visit, lang, width):
    """Day 84: the closing summary with the last measurement; a pain 2 above the start asks
    whether the pain keeps getting worse (O-4), without JavaScript."""
    user = make_user(f"end-{lang}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=84)
    add_walks(programme, days=5)
    Measurement.objects.create(programme=programme, moment="start", date=programme.start, pain_24h=4,
                               activities=[{"activity": "Werk", "score": 4}])
    v = visit(lang, viewport={"width": width, "height": 740}, javascript=False)
    v.sign_in(user)
    v.goto("/rugoefening/")
    expect(v.page.locator("dl.summary[data-closing]")).to_be_visible()
    expect(v.page.locator("main")).to_contain_text("vijf keer per week" if lang == "nl" else "five times a week")
    expect(v.page.locator("main a.button[href$='/rugoefening/beginnen/']")).to_be_visible()
    assert layout_problems(v.page) == []
    shoot(v.page, f"end-{lang}-{width}")
    v.page.locator("section.measure-offer a.button").click()
    expect(v.page.locator("main [data-moment=end]")).to_be_visible()
    v.page.locator("label[for=id_pain_24h_7]").click()
    v.page.locator("label[for=id_score_1_6]").click()
    v.submit("main form.measure-form")
    expect(v.page.locator('main input[name="pain_worsening"]')).to_have_count(2)
    assert layout_problems(v.page) == []
    shoot(v.page, f"pain-rise-{lang}-{width}")
