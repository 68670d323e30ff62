"""The share link in a real browser: the person makes and copies it on a phone (with and
without JavaScript, 390 and 320 px, Dutch and English), revokes it, and the GP opens it on a
desktop and on a phone.

Screenshots go to var/screenshots/ (test name + step) to be looked at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from factories import make_programme, make_user
from flows import assert_fits_the_phone
from sitepages import add_walks, layout_problems

LINK = re.compile(r"^https?://[^/]+/gedeeld/[A-Za-z0-9_-]{43}/$")
WORDS = {
    "nl": {"make": "Maak de link", "copy": "Kopieer de link", "copied": "De link is gekopieerd.",
           "revoke": "Link intrekken", "sure": "Ja, trek de link in", "revoked": "De link is ingetrokken.",
           "by_hand": "Zelf kopiëren: houd uw vinger op de link.", "gone": "Deze link werkt niet",
           "title": "Rugoefening van een patiënt", "pdf": "Download als PDF"},
    "en": {"make": "Make the link", "copy": "Copy the link", "copied": "The link has been copied.",
           "revoke": "Withdraw the link", "sure": "Yes, withdraw the link", "revoked": "The link has been withdrawn.",
           "by_hand": "To copy it yourself: keep your finger on the link.", "gone": "This link does not work",
           "title": "Walking programme of a patient", "pdf": "Download as PDF"},
}


def person_with_a_plan():
    user = make_user(password=None, verified=True)
    programme = make_programme(user, days_ago=9)
    add_walks(programme, days=9, minutes=12)
    return user


def make_a_link(v, label="Huisarts") -> str:
    v.goto("/rugoefening/delen/")
    v.page.fill('input[name="label"]', label)
    with v.page.expect_navigation():
        v.page.get_by_role("button", name=WORDS[v.lang]["make"], exact=True).click()
    field = v.page.locator("textarea#share-url")
    expect(field).to_be_visible()
    expect(field).to_have_attribute("readonly", "")
    url = field.input_value()
    assert LINK.match(url), url
    return url


def tap_targets_under_44(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('main a, main button, main summary, main textarea, main input')]
        .filter(el => el.offsetParent !== null)
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, box]) => box.height < 44 || box.width < 44)
        .map(([el, box]) => `${el.tagName} "${(el.innerText || el.value || '').slice(0, 30)}" `
                            + `${Math.round(box.width)}x${Math.round(box.height)}`)""")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [390, 320])
def test_making_and_copying_a_link_with_javascript(visit, screenshot, lang, width):
    v = visit(lang, viewport={"width": width, "height": 740})
    v.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    v.sign_in(person_with_a_plan())
    url = make_a_link(v)
    assert_fits_the_phone(v.page)
    assert layout_problems(v.page) == []
    assert tap_targets_under_44(v.page) == []
    field = v.page.locator("textarea#share-url")
    # One tap selects the whole link.
    field.click()
    selected = v.page.evaluate("() => { const f = document.getElementById('share-url'); "
                               "return [f.selectionStart, f.selectionEnd, f.value.length]; }")
    assert selected[0] == 0 and selected[1] == selected[2]
    # The copy button (shown only where the script runs) puts the link on the clipboard.
    button = v.page.get_by_role("button", name=WORDS[lang]["copy"], exact=True)
    expect(button).to_be_visible()
    button.click()
    expect(v.page.locator("[data-copied-for=share-url]")).to_have_text(WORDS[lang]["copied"])
    assert v.page.evaluate("navigator.clipboard.readText()") == url
    screenshot(v.page, "made")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [390, 320])
def test_making_a_link_without_javascript_gives_a_field_to_copy_by_hand(visit, screenshot, lang, width):
    v = visit(lang, viewport={"width": width, "height": 740}, javascript=False)
    v.sign_in(person_with_a_plan())
    url = make_a_link(v)
    assert url.endswith("/")
    # No script: no copy button that would do nothing; the hint says how to copy by hand.
    expect(v.page.get_by_role("button", name=WORDS[lang]["copy"], exact=True)).to_be_hidden()
    expect(v.page.get_by_text(WORDS[lang]["by_hand"])).to_be_visible()
    # The whole link is visible in the field, not cut off.
    fits = v.page.evaluate("() => { const f = document.getElementById('share-url'); "
                           "return f.scrollHeight <= f.clientHeight + 1; }")
    assert fits
    assert_fits_the_phone(v.page)
    assert layout_problems(v.page) == []
    screenshot(v.page, "made")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_revoking_a_link_on_a_phone_takes_one_confirmation(visit, screenshot, lang, javascript):
    v = visit(lang, viewport={"width": 320, "height": 640}, javascript=javascript)
    v.sign_in(person_with_a_plan())
    url = make_a_link(v)
    v.goto("/rugoefening/delen/")
    item = v.page.locator("main li[data-state=active]")
    sure = item.get_by_role("button", name=WORDS[lang]["sure"])
    expect(sure).to_be_hidden()  # the second button only after the first tap
    item.locator("summary").click()
    expect(sure).to_be_visible()
    screenshot(v.page, "confirm")
    with v.page.expect_navigation():
        sure.click()
    expect(v.page.locator("main .notice")).to_contain_text(WORDS[lang]["revoked"])
    expect(v.page.locator("main li[data-state=revoked]")).to_have_count(1)
    gp = visit(lang, viewport={"width": 1280, "height": 900}, allow=404)
    response = gp.page.goto(url)
    assert response.status == 404
    expect(gp.page.locator("main h1")).to_have_text(WORDS["nl"]["gone"])  # the link opens in Dutch


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_gp_opens_the_link_reads_the_report_and_downloads_the_pdf(visit, screenshot, lang, viewport):
    person = visit("nl")
    person.sign_in(person_with_a_plan())
    url = make_a_link(person)
    gp = visit(lang, viewport=viewport)
    response = gp.page.goto(url if lang == "nl" else url.replace("/gedeeld/", "/en/gedeeld/"))
    assert response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    expect(gp.page.locator("main h1")).to_have_text(WORDS[lang]["title"])
    expect(gp.page.locator("main svg.chart")).to_be_visible()
    # Nothing leads into an account: no sign-in or sign-out, no menu, no form.
    assert gp.page.locator("header a").count() == 1  # only the other language
    assert gp.page.locator("form").count() == 0
    assert gp.page.locator("a[href*='/accounts/'], a[href*='/mijn-gegevens/'], a[href*='/rugoefening/']").count() == 0
    assert layout_problems(gp.page) == []
    screenshot(gp.page, "report")
    pdf = gp.page.get_by_role("link", name=WORDS[lang]["pdf"])
    answer = gp.page.request.get(pdf.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.body()[:5] == b"%PDF-"
