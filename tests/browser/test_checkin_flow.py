"""W-14: on day 21 a person answers the check-in on a phone (390 px), in a real browser."""

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from factories import make_programme, make_user
from rugtest.programme.models import CheckIn


def test_W_14_check_in_on_a_phone_same_then_who_can_help(phone, site, screenshot, transactional_db):
    user = make_user("checkin@example.org", password=None)
    programme = make_programme(user, days_ago=21, case_id="E-09")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    phone.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])

    phone.goto("/rugoefening/")
    checkin = phone.locator("section.checkin")
    expect(checkin.get_by_role("heading")).to_have_text("Hoe gaat het met uw rug?")
    # asked at the top, before today's walks
    top = checkin.bounding_box()["y"]
    assert top < phone.locator(".target").bounding_box()["y"]
    expect(phone.locator("p.support")).to_contain_text("U kunt dit zelf doen.")
    screenshot(phone, "asked", full_page=False)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    checkin.get_by_label("Ongeveer hetzelfde").check()
    phone.locator("section.checkin input[name=stress][value=yes]").check()
    phone.locator("section.checkin input[name=low_mood][value=yes]").check()
    for button in checkin.locator("button").all():
        assert button.bounding_box()["height"] >= 44  # tap targets
    with phone.expect_navigation():
        checkin.get_by_role("button", name="Antwoord geven").click()
    expect(phone.locator("main")).to_contain_text("is dit het moment om met uw huisarts of een fysiotherapeut te praten")
    expect(phone.locator("main section[data-progress] h2")).to_contain_text("Praat ook met uw huisarts")
    screenshot(phone, "answered")
    assert CheckIn.objects.get(programme=programme).support == "gp_talk"

    with phone.expect_navigation():
        phone.get_by_role("link", name="Naar uw rugoefening").click()
    expect(phone.locator("section.checkin")).to_have_count(0)
    expect(phone.locator("p.support")).to_have_attribute("data-support", "gp_talk")
