"""Issue 19, "Smaller things seen on a phone", the parts a page's HTML shows: the intro's number
of steps, the warning-sign confirmation, 10000 minutes, the account pages' words, the
alternate-language addresses. Hyphens and tap heights are measured in a real browser
(tests/browser/test_phone_points.py)."""

import re

import pytest
from django.test import Client
from django.utils import translation

from factories import make_programme, make_user
from helpers import parse, walk_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_dutch():
    """An /en/ request leaves English active in this thread; later tests expect the default."""
    yield
    translation.activate("nl")
BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


def main_words(response) -> str:
    assert response.status_code == 200
    return parse(response).find("main").words()


# --- the intro says the number of steps the step pages say -------------------------------------


@BOTH
def test_the_intro_and_the_home_page_say_the_number_of_steps_the_step_pages_say(client, prefix, lang):
    step = main_words(client.get(f"{prefix}/rugtest/stap/1/"))
    pattern = {"nl": r"Stap 1 van (\d+)", "en": r"Step 1 of (\d+)"}[lang]
    count = int(re.search(pattern, step).group(1))
    said = {"nl": rf"\b{count} korte stappen\b", "en": rf"\b{count} short steps\b"}[lang]
    for path in ("/rugtest/", "/"):
        text = main_words(client.get(prefix + path))
        assert re.search(said, text), (path, text[:400])
        assert not re.search(r"\b\d+ (korte stappen|short steps)\b", re.sub(said, "", text)), path


# --- the warning-sign confirmation refers to the complaints where they are ----------------------


@BOTH
@pytest.mark.parametrize("signs", [["fever"], ["fever", "leg_weakness"]])
def test_the_warning_sign_confirmation_says_the_complaints_are_above(prefix, lang, signs):
    user = make_user(password=None, verified=True)
    make_programme(user)
    client = Client()
    client.force_login(user)
    response = client.post(f"{prefix}/rugoefening/wandeling/", walk_form(warning_signs=signs))
    html = response.content.decode()
    text = main_words(response)
    above = {"nl": "hierboven", "en": "above"}[lang]
    assert above in text
    assert html.index("confirm-signs") < html.index(above)


# --- 10000 minutes says the allowed range ---------------------------------------------------------


@BOTH
@pytest.mark.parametrize("typed", ["10000", "181", "999999999999999999999999"])
def test_too_many_minutes_says_the_allowed_range_not_digits_only(prefix, lang, typed):
    user = make_user(password=None, verified=True)
    make_programme(user)
    client = Client()
    client.force_login(user)
    response = client.post(f"{prefix}/rugoefening/wandeling/", walk_form(minutes=typed))
    text = main_words(response)
    expected = {"nl": "Vul een heel getal in van 0 tot en met 180.", "en": "from 0 to 180"}[lang]
    assert expected in text
    assert "Typ alleen cijfers" not in text and "digits only" not in text.lower()
    assert f'value="{typed}"' in response.content.decode()  # nothing typed is lost


# --- the account pages in the site's own words ----------------------------------------------------


@pytest.mark.parametrize("path", ["/en/accounts/signup/", "/en/accounts/login/", "/en/accounts/password/reset/"])
def test_english_account_pages_use_the_site_s_words(client, path):
    response = client.get(path)
    text = main_words(response) + " " + parse(response).find("title").words()
    assert not re.search(r"\bSign ?[Uu]p\b|\bSign ?[Ii]n\b|\bSignup\b", text), text
    assert not re.search(r"\b[Ee]mail\b", text), text  # "e-mail", one spelling
    if "signup" in path:
        assert "Create an account" in text


def test_the_similar_password_message_names_the_e_mail_address(client):
    response = client.post("/accounts/signup/", {"email": "jansen.rugpijn@example.org", "password1": "jansen.rugpijn",
                                                 "password2": "jansen.rugpijn"})
    assert "Het wachtwoord lijkt te veel op het e-mailadres." in main_words(response)
    response = client.post("/en/accounts/signup/", {"email": "jansen.rugpijn@example.org", "password1": "jansen.rugpijn",
                                                    "password2": "jansen.rugpijn"})
    assert "The password is too much like the e-mail address." in main_words(response)


# --- each page names both language versions and x-default, as absolute addresses -----------------


def alternates(response) -> dict[str, str]:
    head = parse(response).find("head")
    return {link.attrs["hreflang"]: link.attrs["href"] for link in head.find_all("link", rel="alternate")}


@pytest.mark.parametrize("nl_path", ["/", "/rugtest/", "/informatie/hernia/", "/medicatie/", "/privacy/", "/rugoefening/"])
def test_each_page_names_nl_en_and_x_default_by_absolute_address(client, settings, nl_path):
    settings.RUGTEST_PUBLIC_URL = "https://rug.praktijk.example"
    expected = {"nl": f"https://rug.praktijk.example{nl_path}", "en": f"https://rug.praktijk.example/en{nl_path}",
                "x-default": f"https://rug.praktijk.example{nl_path}"}
    assert alternates(client.get(nl_path)) == expected
    assert alternates(client.get("/en" + nl_path)) == expected


def test_without_the_setting_the_alternates_use_the_request_s_own_address(settings):
    settings.RUGTEST_PUBLIC_URL = ""
    for host in ("localhost", "127.0.0.1"):
        found = alternates(Client(HTTP_HOST=host).get("/medicatie/"))
        assert found == {"nl": f"http://{host}/medicatie/", "en": f"http://{host}/en/medicatie/",
                         "x-default": f"http://{host}/medicatie/"}


# --- the calendar page: a link easy to copy on a phone, truthful steps per phone -----------------


@BOTH
def test_the_calendar_link_is_a_read_only_field_selected_on_tap_with_a_copy_button_for_javascript(prefix, lang):
    user = make_user(password=None, verified=True)
    make_programme(user)
    client = Client()
    client.force_login(user)
    response = client.post(f"{prefix}/rugoefening/agenda/", {"action": "create"})
    html = response.content.decode()
    main = parse(response).find("main")
    [field] = main.find_all("textarea", id="feed-url")
    assert "readonly" in field.attrs and "data-select-on-tap" in field.attrs
    assert re.fullmatch(r"https?://\S+/agenda/[A-Za-z0-9_-]+\.ics", field.words())
    [button] = main.find_all("button", data_copy="feed-url")
    assert "hidden" in button.attrs  # shown by rugtest/copy.js only where JavaScript runs
    assert "rugtest/copy.js" in html
    text = main.words()
    iphone = {"nl": ["Abonneer", "Voeg agenda-abonnement toe"], "en": ["Subscribe", "Add Subscribed Calendar"]}[lang]
    android = {"nl": ["kan zelf geen link toevoegen", "calendar.google.com", "Via URL", "Synchroniseren"],
               "en": ["cannot add a link itself", "calendar.google.com", "From URL", "Sync"]}[lang]
    for words_ in iphone + android:
        assert words_ in text, words_
