"""A practice's own numbers (issue 20; shared/CONTRACT.md RUGTEST_PRACTICE_NAME, RUGTEST_PRACTICE_PHONE,
RUGTEST_OUT_OF_HOURS_PHONE): tap-to-call links with the practice's number on the pages that say
"call", the numbers as text in the PDF, general words without the settings, and a start that
stops on a value that is not a phone number."""

from __future__ import annotations

import subprocess

import pytest
from codes import needs_pdftotext
from django.core import checks
from django.core.cache import cache
from django.test import override_settings

from factories import CASES, form_data, make_programme, make_user
from helpers import parse, run_cli, walk, walk_form
from rugtest import words

PRACTICE = {
    "RUGTEST_PRACTICE_NAME": "Huisartsenpraktijk De Linde",
    "RUGTEST_PRACTICE_PHONE": "020-1234567",
    "RUGTEST_OUT_OF_HOURS_PHONE": "088 0030600",
}
PRACTICE_TEL = "tel:+31201234567"
OUT_OF_HOURS_TEL = "tel:+31880030600"
LINK_TEXT = {"nl": "Bel Huisartsenpraktijk De Linde: 020-1234567", "en": "Call Huisartsenpraktijk De Linde: 020-1234567"}
# R-CE-1: saddle numbness is an emergency with the GP now (call_gp_now); R-INF-1: fever, the GP today.
CAUDA_EQUINA = {**CASES["E-08"]["answers"], "saddle_numbness": "yes"}
FEVER = {**CASES["E-08"]["answers"], "fever": "yes"}


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_pages():
    # The shared pages are cached; a page made with other settings must not answer here.
    cache.clear()
    yield
    cache.clear()


def links(response) -> dict[str, str]:
    return {a.attrs["href"]: a.words() for a in parse(response).find("main").find_all("a") if a.attrs.get("href", "").startswith("tel:")}


# --- the settings ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["RUGTEST_PRACTICE_PHONE", "RUGTEST_OUT_OF_HOURS_PHONE"])
@pytest.mark.parametrize("value", ["abc", "12345", "020-123", "bel ons"])
def test_a_value_that_is_not_a_phone_number_is_a_check_error_that_names_the_variable(name, value):
    with override_settings(**{name: value}):
        errors = [e for e in checks.run_checks() if e.id == "rugtest.E001"]
    assert len(errors) == 1
    assert errors[0].level == checks.ERROR
    assert name in errors[0].msg


@pytest.mark.parametrize("value", ["020-1234567", "020 123 4567", "+31 20 123 4567", "0031201234567", "088-0030600", "0900-1515"])
def test_a_dutch_phone_number_in_any_usual_spelling_passes_the_check(value):
    with override_settings(RUGTEST_PRACTICE_PHONE=value, RUGTEST_OUT_OF_HOURS_PHONE=value):
        assert [e for e in checks.run_checks() if e.id == "rugtest.E001"] == []


def test_without_the_settings_there_is_no_check_error():
    with override_settings(RUGTEST_PRACTICE_NAME="", RUGTEST_PRACTICE_PHONE="", RUGTEST_OUT_OF_HOURS_PHONE=""):
        assert [e for e in checks.run_checks() if e.id == "rugtest.E001"] == []


@pytest.mark.parametrize("command", [["check"], ["serve"]])
def test_rugtest_check_and_the_start_stop_on_a_bad_number_and_name_the_variable(command, monkeypatch):
    monkeypatch.setenv("RUGTEST_OUT_OF_HOURS_PHONE", "huisartsenpost")
    monkeypatch.setenv("PORT", "0")
    result = run_cli(*command)
    assert result.returncode != 0
    assert "RUGTEST_OUT_OF_HOURS_PHONE" in result.stderr
    assert "Rugtest: http://" not in result.stdout  # the server never started


# --- without the settings: the words stay general ---------------------------------------------

@pytest.mark.django_db
@override_settings(RUGTEST_PRACTICE_NAME="", RUGTEST_PRACTICE_PHONE="", RUGTEST_OUT_OF_HOURS_PHONE="")
def test_without_settings_the_emergency_result_has_no_practice_link_and_general_words(client):
    response = walk(client, CAUDA_EQUINA)
    assert set(links(response)) == {"tel:112"}
    main = parse(response).find("main").words()
    assert "Bel nu meteen uw huisarts" in main
    assert "huisartsenpost" in main
    assert "Huisartsenpraktijk" not in main


# --- with the settings: tap-to-call on every page that says "call" ----------------------------

@pytest.mark.django_db
@override_settings(**PRACTICE)
@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")])
def test_the_emergency_result_calls_the_practice_and_the_out_of_hours_service_before_anything_else(client, prefix, lang):
    response = walk(client, CAUDA_EQUINA, prefix=prefix)
    found = links(response)
    assert found[PRACTICE_TEL] == LINK_TEXT[lang]
    assert OUT_OF_HOURS_TEL in found
    assert "tel:112" in found  # nobody answers: 112 (R-CE-1, A-CALL-GP-NOW)
    html = response.content.decode()
    # In the level box, before the first section heading: the first screen, without JavaScript.
    assert html.index(PRACTICE_TEL) < html.index("<h2")


@pytest.mark.django_db
@override_settings(**PRACTICE)
def test_an_urgent_result_calls_the_practice_today(client):
    found = links(walk(client, FEVER))
    assert found[PRACTICE_TEL] == LINK_TEXT["nl"]
    assert OUT_OF_HOURS_TEL in found


PAGES_THAT_SAY_CALL = ["/", "/en/", "/informatie/", "/medicatie/", "/over/", "/rugtest/", "/rugoefening/"]


@pytest.mark.django_db
@override_settings(**PRACTICE)
@pytest.mark.parametrize("path", PAGES_THAT_SAY_CALL)
def test_each_page_that_says_call_your_gp_links_to_the_practice(client, path):
    response = client.get(path)
    assert response.status_code == 200
    found = links(response)
    assert PRACTICE_TEL in found, path
    assert "tel:112" in found or path in ("/over/", "/rugtest/") or "112" not in parse(response).find("main").words()


@pytest.mark.django_db
@override_settings(**PRACTICE)
@pytest.mark.parametrize("condition", ["cauda_equina", "spinal_fracture", "other_serious_cause", "radicular_syndrome", "infection"])
def test_each_information_page_with_call_advice_links_to_the_practice(client, condition):
    found = links(client.get(words.condition_url(condition)))
    assert PRACTICE_TEL in found
    assert OUT_OF_HOURS_TEL in found


@pytest.mark.django_db
@override_settings(**PRACTICE)
def test_the_emergency_step_links_to_the_practice_for_the_cauda_equina_signs(client):
    response = client.post("/rugtest/stap/1/", form_data("1", CASES["E-08"]["answers"], {}), follow=True)
    assert response.request["PATH_INFO"] == "/rugtest/stap/2/"
    box = parse(response).find("main").find(data_action="call_gp_now")
    assert box is not None
    found = links(response)
    assert PRACTICE_TEL in found and "tel:112" in found


@pytest.mark.django_db
@override_settings(**PRACTICE)
def test_about_names_the_practice(client):
    assert "Huisartsenpraktijk De Linde" in parse(client.get("/over/")).find("main").words()


@pytest.mark.django_db
def test_about_names_no_practice_without_the_setting(client):
    with override_settings(RUGTEST_PRACTICE_NAME="", RUGTEST_PRACTICE_PHONE="", RUGTEST_OUT_OF_HOURS_PHONE=""):
        response = client.get("/over/")
    assert "tel:+31" not in response.content.decode()


def pdf_text(response) -> str:
    needs_pdftotext()
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True).stdout.decode()


@pytest.mark.django_db
@override_settings(**PRACTICE)
def test_the_result_pdf_shows_the_practice_and_its_numbers_as_text(client):
    walk(client, CAUDA_EQUINA)
    text = " ".join(pdf_text(client.get("/rugtest/uitslag.pdf")).split())
    assert "Huisartsenpraktijk De Linde: 020-1234567" in text
    assert "Huisartsenpost: 088 0030600" in text


@pytest.mark.django_db
@override_settings(RUGTEST_PRACTICE_NAME="", RUGTEST_PRACTICE_PHONE="", RUGTEST_OUT_OF_HOURS_PHONE="")
def test_the_result_pdf_without_settings_names_no_practice(client):
    walk(client, CAUDA_EQUINA)
    text = pdf_text(client.get("/rugtest/uitslag.pdf"))
    assert "020-1234567" not in text and "Huisartsenpraktijk" not in text


# --- 112 and 113 are always tap-to-call -------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/informatie/", "/medicatie/", "/rugoefening/"])
def test_every_112_in_a_call_sentence_is_a_tap_to_call_link(client, path):
    main = parse(client.get(path)).find("main")
    for block in main.find_all(data_action="call_112"):
        assert any(a.attrs.get("href") == "tel:112" for a in block.find_all("a")), path


@pytest.fixture
def person(client):
    user = make_user()
    client.force_login(user)
    return user


@override_settings(**PRACTICE)
@pytest.mark.parametrize("sign, action", [("saddle_numbness", "call_gp_now"), ("fever", "call_gp_today")])
def test_the_programmes_stop_advice_calls_the_practice(client, person, sign, action):
    # W-9: a warning sign stops the programme with its rule's action (R-CE-1: the GP now; R-INF-1: today).
    make_programme(person, age=50)
    response = client.post("/rugoefening/wandeling/", walk_form(warning_signs=[sign]), follow=True)
    if "confirm_signs" in response.content.decode():
        response = client.post("/rugoefening/wandeling/", {**walk_form(warning_signs=[sign]), "confirm_signs": "yes"}, follow=True)
    stop = parse(response).find("main").find(data_level={"call_gp_now": "emergency", "call_gp_today": "urgent"}[action])
    found = {a.attrs["href"]: a.words() for a in stop.find_all("a") if a.attrs.get("href", "").startswith("tel:")}
    assert found[PRACTICE_TEL] == LINK_TEXT["nl"]
    assert OUT_OF_HOURS_TEL in found


# --- "Maak een afspraak bij uw huisarts" (see_gp): the practice's number to make it ---------

def see_gp_answers():
    from rugtest.core.triage import evaluate

    return next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["action"] == "see_gp")


APPOINTMENT_TEXT = {
    "nl": "Bel Huisartsenpraktijk De Linde voor een afspraak: 020-1234567",
    "en": "Call Huisartsenpraktijk De Linde for an appointment: 020-1234567",
}


@override_settings(**PRACTICE)
@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")])
def test_a_result_that_says_make_an_appointment_links_to_the_practice_only(client, prefix, lang):
    """The appointment within a few days is made by phone with the practice; the huisartsenpost
    is for what cannot wait, so it is not offered here."""
    response = walk(client, see_gp_answers(), prefix=prefix)
    banner = parse(response).find("main").find("section")
    assert banner.find("h1").words() == {"nl": "Maak een afspraak bij uw huisarts", "en": "Make an appointment with your GP"}[lang]
    found = {a.attrs["href"]: a.words() for a in banner.find_all("a") if a.attrs.get("href", "").startswith("tel:")}
    assert found == {PRACTICE_TEL: APPOINTMENT_TEXT[lang]}
    assert OUT_OF_HOURS_TEL not in links(response)


@override_settings(RUGTEST_PRACTICE_NAME="", RUGTEST_PRACTICE_PHONE="", RUGTEST_OUT_OF_HOURS_PHONE="")
def test_without_settings_make_an_appointment_has_no_phone_link(client):
    assert links(walk(client, see_gp_answers())) == {}


@override_settings(**PRACTICE)
def test_the_result_pdf_of_make_an_appointment_gives_the_practice_not_the_huisartsenpost(client):
    walk(client, see_gp_answers())
    text = " ".join(pdf_text(client.get("/rugtest/uitslag.pdf")).split())
    assert "Huisartsenpraktijk De Linde: 020-1234567" in text
    assert "088 0030600" not in text


@override_settings(**PRACTICE)
def test_the_programmes_gp_level_stop_links_to_the_practice_for_the_appointment(client, person):
    # W-9: "pain_worsening" pauses the plan with see_gp (A-SEE-GP).
    make_programme(person, age=50)
    response = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["pain_worsening"]), follow=True)
    if "confirm_signs" in response.content.decode():
        confirmed = {**walk_form(warning_signs=["pain_worsening"]), "confirm_signs": "yes"}
        response = client.post("/rugoefening/wandeling/", confirmed, follow=True)
    stop = parse(response).find("main").find(data_level="gp")
    found = {a.attrs["href"]: a.words() for a in stop.find_all("a") if a.attrs.get("href", "").startswith("tel:")}
    assert found == {PRACTICE_TEL: APPOINTMENT_TEXT["nl"]}
