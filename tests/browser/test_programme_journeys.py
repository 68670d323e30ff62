"""The walking-programme journeys on a phone, as a person does them, in a real browser:
390 and 320 px wide, Dutch and English, with JavaScript off (every page works without it).

1. Result → programme page → sign-up → mailed code → "is this result yours?" → baseline →
   log a walk in seconds → the words after saving → progress that reads at 320 px.
2. A shared browser: someone signs in to their existing account on a browser that holds
   another person's rugtest result, and is asked whether it is theirs.
3. A stray tap on a warning sign in the log is caught by one confirmation page.

The rugtest itself is answered with Django's test client (test_rugtest_flow.py walks it in the
browser); its session is handed to the browser as the session cookie.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from factories import CASES, make_user
from flows import assert_fits_the_phone
from rugtest.core.programme import part_of_day
from rugtest.programme.forms import PART_LABELS
from rugtest.programme.models import WalkEntry
from rugtest.selftest.models import RugtestResult
from sitepages import answer_until

PASSWORD = "walking-every-day-9"
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
WIDTHS = [390, 320]
HEIGHTS = {390: 844, 320: 568}  # the page area of a common phone and of a small one (iPhone SE, 1st generation)


def t(lang: str, dutch: str) -> str:
    """A Dutch source string as the page shows it in ``lang`` (from the catalogues)."""
    with translation.override(lang):
        return gettext(dutch)


@pytest.fixture
def open_phone(browser, site, transactional_db):
    """``open_phone(lang, width)``: a fresh page without JavaScript, ``width`` px wide."""
    cache.clear()  # allauth's rate limits count in the cache
    contexts, broken = [], []

    def make(lang: str, width: int) -> Page:
        context = browser.new_context(
            base_url=site, locale=LOCALES[lang], java_script_enabled=False,
            viewport={"width": width, "height": HEIGHTS[width]}, device_scale_factor=2, is_mobile=True, has_touch=True,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("response", lambda r: broken.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.url.startswith(site) and not r.url.endswith("/favicon.ico") else None)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not broken, f"responses that failed during the test: {broken}"


def with_rugtest_result(page: Page, site: str, case_id: str) -> None:
    client = Client()
    answer_until(client, CASES[case_id]["answers"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])


def submit(page: Page, button) -> None:
    with page.expect_navigation():
        button.click()


def in_first_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def broken_words(page: Page, selector: str) -> list[str]:
    """Words inside ``selector`` that the browser split over two lines (letter by letter)."""
    return page.evaluate(
        """sel => {
            const out = [];
            for (const root of document.querySelectorAll(sel)) {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    const re = /\\S+/g; let m;
                    while ((m = re.exec(node.data))) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (tops.size > 1) out.push(m[0]);
                    }
                }
            }
            return out;
        }""",
        selector,
    )


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_from_the_result_to_a_logged_walk_and_readable_progress(open_phone, site, screenshot, lang, width):
    prefix = "" if lang == "nl" else "/en"
    page = open_phone(lang, width)
    with_rugtest_result(page, site, "E-09")  # selfcare, chronic: the programme is recommended

    # The result leads to the programme page, which knows the result of this visit.
    page.goto(f"{prefix}/rugtest/uitslag/")
    submit(page, page.locator(f'main a.button[href="{prefix}/rugoefening/"]').first)
    way_in = page.locator("section.way-in")
    expect(way_in).to_be_visible()
    expect(way_in).to_have_attribute("data-programme", "recommended")
    expect(page.locator("main")).not_to_contain_text(t(lang, "Doe eerst de rugtest"))
    expect(way_in).to_contain_text(t(lang, "Wat krijgt u met een account?"))
    assert_fits_the_phone(page)
    if width == 320:
        screenshot(page, "programme-after-result", full_page=False)
        way_in.locator(".actions").scroll_into_view_if_needed()
        screenshot(page, "programme-after-result-actions", full_page=False)

    # Sign-up, the mailed code, the question whether the browser's result is theirs, and on
    # to setting the baseline.
    submit(page, way_in.locator("a.button").first)
    email = f"walker-{uuid.uuid4().hex[:8]}@example.org"
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    submit(page, page.locator("main form button[type=submit]").first)
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    page.fill("input[name=code]", code)
    submit(page, page.locator("main form button[type=submit]").first)
    expect(page).to_have_url(re.compile(rf"{prefix}/rugoefening/uitslag-in-deze-browser/\?next={prefix}/rugoefening/beginnen/$"))
    expect(page.locator("main")).to_contain_text(t(lang, "Uw account is klaar. Nog één vraag voordat u verdergaat."))
    assert not RugtestResult.objects.filter(user__email=email).exists()
    assert_fits_the_phone(page)
    if width == 320:
        screenshot(page, "claim-after-sign-up")
    submit(page, page.get_by_role("button", name=t(lang, "Ja, dit is mijn uitslag")))
    expect(page).to_have_url(re.compile(rf"{prefix}/rugoefening/beginnen/$"))
    assert RugtestResult.objects.get(user__email=email).outcome["programme"] == "recommended"

    page.fill("input[name=baseline_minutes]", "10")  # issue 19: starting takes one number
    if width == 320:
        screenshot(page, "start")
    submit(page, page.locator("main form button[type=submit]").first)
    expect(page.locator(".target .big")).to_have_text("8")
    if width == 320:
        screenshot(page, "today", full_page=False)

    # The log: minutes, part and the save button on the first screen; pain is tapped.
    submit(page, page.locator(f'main .actions a.button[href="{prefix}/rugoefening/wandeling/"]'))
    for selector in ("input[name=minutes]", "main .log-first fieldset", "main .log-first button[type=submit]"):
        assert in_first_screen(page, selector), f"{selector} is not on the first screen at {width} px"
    if width == 320:
        screenshot(page, "log-first-screen", full_page=False)
    part = part_of_day(timezone.localtime().hour)
    expect(page.locator(f"input[name=part][value={part}]")).to_be_checked()
    for score in ("0", "10"):
        box = page.locator(f"label[for=id_pain_after_{score}]").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, f"pain {score} is a small target: {box}"
    assert_fits_the_phone(page)
    page.fill("input[name=minutes]", "9")
    page.locator("label[for=id_pain_after_3]").click()
    if width == 320:
        screenshot(page, "log-whole")
    submit(page, page.locator("main .log-first button[type=submit]"))

    # Words, not a table: what happened and what comes next.
    expect(page).to_have_url(re.compile(rf"{prefix}/rugoefening/$"))
    with translation.override(lang):
        said = gettext("%(part)s: %(minutes)s, doel gehaald.") % {
            "part": str(PART_LABELS[part]), "minutes": translation.ngettext("%(count)d minuut", "%(count)d minuten", 9) % {"count": 9}}
    expect(page.locator("main .notices")).to_contain_text(said)
    entry = WalkEntry.objects.get(programme__user__email=email)
    assert (entry.part, entry.minutes, entry.pain_after, entry.warning_signs) == (part, 9, 3, [])
    if width == 320:
        screenshot(page, "saved", full_page=False)

    # "Veranderen" opens the walk as it was logged.
    change = page.locator(f'main .parts a[href="{prefix}/rugoefening/wandeling/{entry.id}/"]')
    submit(page, change)
    expect(page.locator("input[name=minutes]")).to_have_value("9")
    expect(page.locator("input[name=pain_after][value='3']")).to_be_checked()

    # Progress at this width: the chart fills the page, its text is as large as the body text,
    # the tables keep every word whole and nothing scrolls sideways.
    page.goto(f"{prefix}/rugoefening/voortgang/")
    assert_fits_the_phone(page)
    sizes = page.evaluate("""() => {
        const svg = document.querySelector('svg.chart');
        const text = svg.querySelector('text');
        return {
            svg: svg.getBoundingClientRect().width,
            main: document.querySelector('main').clientWidth,
            text: parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a,
            body: parseFloat(getComputedStyle(document.body).fontSize),
        };
    }""")
    assert sizes["svg"] >= sizes["main"] - 40, sizes
    assert sizes["text"] >= sizes["body"], sizes
    expect(page.locator("svg.chart path.goal")).to_have_count(1)
    expect(page.locator("svg.pain-chart circle.pain-dot")).to_have_count(1)
    expect(page.locator("table.days")).to_contain_text(
        t(lang, "%(total)d van %(goal)d minuten, vandaag nog bezig") % {"total": 9, "goal": 24})
    assert broken_words(page, "main table") == []
    screenshot(page, f"progress-{width}px")


@pytest.mark.parametrize(("lang", "width"), [("nl", 390), ("en", 320)], ids=["nl-390px", "en-320px"])
def test_signing_in_on_a_shared_browser_asks_before_keeping_someone_elses_result(open_phone, site, screenshot, lang, width):
    prefix = "" if lang == "nl" else "/en"
    owner = make_user(f"owner-{uuid.uuid4().hex[:6]}@example.org", PASSWORD, verified=True)
    page = open_phone(lang, width)
    with_rugtest_result(page, site, "E-04")  # an urgent result of whoever used the browser before
    page.goto(f"{prefix}/rugtest/uitslag/")  # seen on this browser: that is the date asked about

    page.goto(f"{prefix}/accounts/login/?next={prefix}/rugoefening/")
    page.fill("input[name=login]", owner.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page, page.locator("main form button[type=submit]").first)

    expect(page).to_have_url(re.compile(r"/rugoefening/uitslag-in-deze-browser/"))
    expect(page.locator("main h1")).to_have_text(t(lang, "Is deze uitslag van u?"))
    from rugtest import words as texts
    with translation.override(lang):
        level = str(texts.LEVELS["urgent"]["label"])
        today = timezone.localdate()
        from django.utils import formats
        date = formats.date_format(today, "j F Y")
    expect(page.locator("main .card")).to_contain_text(level)
    expect(page.locator("main .card")).to_contain_text(date)
    assert not RugtestResult.objects.filter(user=owner).exists()
    assert_fits_the_phone(page)
    screenshot(page, "claim")

    submit(page, page.get_by_role("button", name=t(lang, "Nee, niet van mij")))
    expect(page).to_have_url(re.compile(rf"{prefix}/rugoefening/$"))
    assert not RugtestResult.objects.filter(user=owner).exists()
    # Without a result of their own, the person is sent to the rugtest first.
    expect(page.locator("main")).to_contain_text(t(lang, "Doe eerst de rugtest. Dan weet u of de rugoefening bij u past."))


@pytest.mark.parametrize(("lang", "width"), [("nl", 320), ("en", 390)], ids=["nl-320px", "en-390px"])
def test_a_stray_tap_on_a_warning_sign_is_caught_by_one_confirmation(open_phone, site, screenshot, lang, width):
    prefix = "" if lang == "nl" else "/en"
    from factories import make_programme

    user = make_user(f"tap-{uuid.uuid4().hex[:6]}@example.org", password=None, verified=True)
    make_programme(user)
    client = Client()
    client.force_login(user)
    page = open_phone(lang, width)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])

    page.goto(f"{prefix}/rugoefening/wandeling/")
    page.fill("input[name=minutes]", "7")
    page.locator("label[for=id_pain_before_2]").click()
    page.check("input[name=warning_signs][value=both_legs]")
    submit(page, page.locator("main form.walk-log button[type=submit]").last)

    expect(page.locator("main h1")).to_have_text(t(lang, "Klopt dit?"))
    from rugtest import words as texts
    from rugtest.programme.forms import SIGN_LABELS
    with translation.override(lang):
        sign, action = str(SIGN_LABELS["both_legs"]), str(texts.ACTIONS["call_gp_now"]["title"])
    expect(page.locator("main")).to_contain_text(sign)
    expect(page.locator("main section.level")).to_contain_text(action)
    assert not WalkEntry.objects.exists()
    assert_fits_the_phone(page)
    screenshot(page, "confirm-sign")

    submit(page, page.get_by_role("button", name=t(lang, "Nee, dat was een vergissing")))
    expect(page.locator("input[name=minutes]")).to_have_value("7")
    expect(page.locator("input[name=pain_before][value='2']")).to_be_checked()
    expect(page.locator("input[name=warning_signs][value=both_legs]")).not_to_be_checked()
    assert not WalkEntry.objects.exists()
    submit(page, page.locator("main .log-first button[type=submit]"))
    entry = WalkEntry.objects.get()
    assert (entry.minutes, entry.pain_before, entry.warning_signs) == (7, 2, [])
