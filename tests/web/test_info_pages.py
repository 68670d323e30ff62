"""The information pages (/informatie/, /over/) and the links to them from the rugtest result.

Checked against the spec: every condition id of triage-rules.md has a page, each page asks
for at least the urgency the rules table gives that condition, and every example case of
vignettes-examples.json links from its result to the pages of what it names.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from clinical import clinical_text, load_clinical_json
from helpers import DUTCH_WORDS, numbers, parse, walk
from rugtest import words as info
from rugtest.core import questions
from rugtest.core.triage import condition_levels

BOTH_LANGUAGES = pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
CASES = load_clinical_json("vignettes-examples.json")
LEVEL_ORDER = ["emergency", "urgent", "gp", "selfcare"]


def spec_condition_levels() -> dict[str, list[str]]:
    """Condition id -> the levels its rules fire at, most urgent first (triage-rules.md)."""
    rows = re.findall(
        r"^\| (R-[A-Z]+-\d+) \|.*\| (emergency|urgent|gp) \| `(\w+)` \|\s*$",
        clinical_text("triage-rules.md"), re.MULTILINE,
    )
    assert len(rows) > 10, "the rules table of triage-rules.md was not found"
    levels: dict[str, set[str]] = {}
    for _rule, level, condition in rows:
        levels.setdefault(condition, set()).add(level)
    return {c: [lvl for lvl in LEVEL_ORDER if lvl in found] for c, found in levels.items()}


SPEC_LEVELS = spec_condition_levels()
CONDITION_IDS = sorted(SPEC_LEVELS)
INFO_PAGES = ["/informatie/", "/informatie/hoe-lang/", "/informatie/oorzaken/", "/over/",
              *[f"/informatie/{slug}/" for slug in info.CONDITION_SLUGS.values()]]

# What the box "Wat moet u doen?" must say for each level the condition can have.
LEVEL_WORDS = {
    "nl": {"emergency": r"112|nu meteen", "urgent": r"vandaag", "gp": r"binnen een paar dagen"},
    "en": {"emergency": r"112|right now", "urgent": r"today", "gp": r"within a few days"},
}


def get_main(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return parse(response).find("main")


def page_url(condition_id, prefix=""):
    return f"{prefix}/informatie/{info.CONDITION_SLUGS[condition_id]}/"


# --- A page for every condition of the spec ----------------------------------------------------

def test_every_condition_of_the_spec_has_a_page_and_no_page_is_extra():
    assert set(info.CONDITION_SLUGS) == set(CONDITION_IDS)
    assert set(info.CONDITION_TITLES) == set(CONDITION_IDS)
    assert len(set(info.CONDITION_SLUGS.values())) == len(info.CONDITION_SLUGS), "two conditions share a slug"
    assert not {"hoe-lang", "oorzaken"} & set(info.CONDITION_SLUGS.values())


@BOTH_LANGUAGES
@pytest.mark.parametrize("condition_id", CONDITION_IDS)
def test_condition_page_answers_in_both_languages_with_one_h1(client, prefix, condition_id):
    response = client.get(page_url(condition_id, prefix))
    assert response.status_code == 200
    lang = "en" if prefix else "nl"
    assert f'<html lang="{lang}">' in response.content.decode()
    main = parse(response).find("main")
    assert len(main.find_all("h1")) == 1
    assert len(main.find_all("h2")) >= 4
    with translation.override(lang):
        assert main.find("h1").words() == str(info.CONDITION_TITLES[condition_id])


@BOTH_LANGUAGES
@pytest.mark.parametrize("slug", ["bestaat-niet", "cauda_equina", "HERNIA"])
def test_unknown_slug_is_not_found(client, prefix, slug):
    assert client.get(f"{prefix}/informatie/{slug}/").status_code == 404


@BOTH_LANGUAGES
@pytest.mark.parametrize("condition_id", CONDITION_IDS)
def test_condition_page_asks_for_the_urgency_the_rules_give_it(client, prefix, condition_id):
    """The box says what to do at each level the spec can name the condition at."""
    main = get_main(client, page_url(condition_id, prefix))
    box = next(el for el in main.find_all("section") if el.has_class("level"))
    levels = SPEC_LEVELS[condition_id]
    assert box.attrs["data-levels"].split() == levels
    assert box.has_class(f"level-{levels[0]}")
    words = LEVEL_WORDS["en" if prefix else "nl"]
    for level in levels:
        assert re.search(words[level], box.words()), f"{condition_id}: nothing for {level}"
    if levels[0] == "emergency":
        assert any(a.attrs.get("href") == "tel:112" for a in box.find_all("a"))


def test_the_levels_in_the_code_are_the_levels_in_the_spec():
    assert {c: condition_levels(c) for c in CONDITION_IDS} == SPEC_LEVELS


@pytest.mark.parametrize("condition_id", CONDITION_IDS)
def test_condition_page_says_it_is_no_diagnosis_and_the_doctor_decides(client, condition_id):
    text = get_main(client, page_url(condition_id)).words()
    assert "Dit is geen diagnose." in text
    assert "De arts beslist ook over de behandeling." in text


@pytest.mark.parametrize("condition_id", [c for c in CONDITION_IDS if SPEC_LEVELS[c][0] != "emergency"])
def test_pages_that_are_no_emergency_say_when_to_call_at_once(client, condition_id):
    main = get_main(client, page_url(condition_id))
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {"tel:112", page_url("cauda_equina")} <= hrefs


def test_condition_url_follows_the_active_language():
    assert info.condition_url("radicular_syndrome") == "/informatie/hernia/"
    assert info.condition_url("spinal_stenosis") == "/informatie/nauw-wervelkanaal/"
    assert info.condition_url("cauda_equina") == "/informatie/caudasyndroom/"
    with translation.override("en"):
        assert info.condition_url("radicular_syndrome") == "/en/informatie/hernia/"
    with pytest.raises(KeyError):
        info.condition_url("not_a_condition")


# --- Every information page, both languages --------------------------------------------------

@pytest.mark.parametrize("path", INFO_PAGES)
def test_english_page_is_translated_and_has_the_same_numbers(client, path):
    dutch = get_main(client, path)
    english = get_main(client, "/en" + path)
    assert len(english.find_all("h1")) == 1
    left_in_dutch = DUTCH_WORDS & set(re.findall(r"\w+", english.words().lower()))
    assert not left_in_dutch, f"{path}: untranslated Dutch words {left_in_dutch}"
    assert sorted(numbers(english.words())) == sorted(numbers(dutch.words()))


@BOTH_LANGUAGES
def test_index_lists_every_information_page(client, prefix):
    main = get_main(client, prefix + "/informatie/")
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    expected = {page_url(c, prefix) for c in CONDITION_IDS} | {
        f"{prefix}/informatie/hoe-lang/", f"{prefix}/informatie/oorzaken/", f"{prefix}/over/",
        f"{prefix}/rugtest/",
    }
    assert expected <= hrefs


# --- Duration and causes ------------------------------------------------------------------------

DURATION_WORDS = {
    # D-18: the course of acute back pain "wordt minder", never "gaat over"
    "nl": ["korter dan 6 weken", "6 weken tot 3 maanden", "langer dan 3 maanden",
           "wordt meestal binnen een paar weken vanzelf minder; vaak merkt u binnen twee weken al verschil."],
    "en": ["less than 6 weeks", "6 weeks to 3 months", "more than 3 months",
           "usually eases by itself within a few weeks; you often notice a difference within two weeks."],
}


@BOTH_LANGUAGES
def test_duration_page_explains_the_three_classes_of_the_spec(client, prefix):
    main = get_main(client, prefix + "/informatie/hoe-lang/")
    for duration_class in ("acute", "subacute", "chronic"):
        section = main.find("section", id=duration_class)
        assert section.find("h2").words() and section.find("ul").words()
    for phrase in DURATION_WORDS["en" if prefix else "nl"]:
        assert phrase in main.words()
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {f"{prefix}/rugoefening/", f"{prefix}/medicatie/"} <= hrefs


def test_causes_page_explains_each_everyday_cause_of_the_questionnaire(client):
    main = get_main(client, "/informatie/oorzaken/")
    causes = {c.value for c in questions.BY_ID["causes"].choices} - {"unknown"}
    assert {el.attrs["data-cause"] for el in main.find_all("dt")} == causes
    text = main.words()
    for phrase in ("sportarts", "trainer", "bedrijfsarts", "werkgever", "niet dat er iets kapot is",
                   "wordt meestal binnen een paar weken vanzelf minder"):  # D-18
        assert phrase in text
    assert main.find("section", aria_labelledby="sport") and main.find("section", aria_labelledby="werk")


@BOTH_LANGUAGES
def test_causes_page_sends_a_serious_accident_to_its_condition_page(client, prefix):
    main = get_main(client, prefix + "/informatie/oorzaken/")
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {page_url("spinal_fracture", prefix), page_url("osteoporotic_fracture", prefix)} <= hrefs


# --- About ------------------------------------------------------------------------------------

GUIDELINES = ["NHG-Standaard Aspecifieke lagerugpijn (M54), 2017",
              "NHG-Standaard Lumbosacraal radiculair syndroom (M55)",
              "KNGF-richtlijn Lage rugpijn en lumbosacraal radiculair syndroom, 2021"]


def test_about_page_names_the_guidelines_the_spec_version_and_the_checked_date(client):
    main = get_main(client, "/over/")
    text = main.words()
    for guideline in GUIDELINES:
        assert guideline in text
    assert f"versie {info.RUGTEST_SPEC_VERSION} van onze regels" in text
    checked = info.CONTENT_CHECKED
    time = main.find("time")
    assert time.attrs["datetime"] == checked.isoformat()
    assert time.words() == f"{checked.day} november {checked.year}"
    assert "Thuisarts.nl" in text and "112" in text


def test_english_about_page_has_the_same_facts(client):
    main = get_main(client, "/en/over/")
    text = main.words()
    for fact in ("M54), 2017", "M55)", "KNGF", "2021", f"version {info.RUGTEST_SPEC_VERSION} of our rules"):
        assert fact in text
    assert main.find("time").words() == f"{info.CONTENT_CHECKED.day} November {info.CONTENT_CHECKED.year}"


def test_about_page_tells_what_is_kept_and_for_how_long(client):
    text = get_main(client, "/over/").words()
    assert "geen account nodig" in text
    # SESSION_COOKIE_AGE is a day, counted from the session's last change (the last answer).
    assert "tot een dag na uw laatste antwoord" in text
    assert "uitslag en uw wandelingen tot u uw account wist" in text


def test_about_page_shows_the_default_contact_address(client, settings):
    del settings.RUGTEST_CONTACT_EMAIL  # not set: the default of the view
    main = get_main(client, "/over/")
    assert any(a.attrs.get("href") == "mailto:fouten@rugtest.invalid" for a in main.find_all("a"))


def test_about_page_shows_the_contact_address_of_the_setting(client, settings):
    settings.RUGTEST_CONTACT_EMAIL = "redactie@example.org"
    main = get_main(client, "/over/")
    links = [a for a in main.find_all("a") if a.attrs.get("href") == "mailto:redactie@example.org"]
    assert links and links[0].words() == "redactie@example.org"


# --- The rugtest result links to the pages ------------------------------------------------------

CAUSE_ADVICE = {"A-CAUSE-MOVEMENT": "", "A-SPORT": "#sport", "A-WORK": "#werk"}


def result_links(response) -> set[str]:
    return {a.attrs.get("href") for a in parse(response).find("main").find_all("a")}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_result_links_to_the_page_of_each_condition_it_names(client, case):
    response = walk(client, case["answers"])
    main = parse(response).find("main")
    expected = case["expect"]
    terms = main.find("dl", **{"class": "conditions"}) if expected["conditions"] else None
    for condition_id in expected["conditions"]:
        assert any(a.attrs.get("href") == page_url(condition_id) for a in terms.find_all("a")), condition_id
    links = result_links(response)
    all_pages = {page_url(c) for c in CONDITION_IDS}
    assert links & all_pages == {page_url(c) for c in expected["conditions"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", [c for c in CASES if c["expect"]["level"] in ("selfcare", "gp")], ids=lambda c: c["id"]
)
def test_result_links_to_the_duration_page_and_the_causes_it_advises_on(client, case):
    response = walk(client, case["answers"])
    expected = case["expect"]
    main = parse(response).find("main")
    links = result_links(response)
    assert f"/informatie/hoe-lang/#{expected['duration_class']}" in links
    for advice_id, anchor in CAUSE_ADVICE.items():
        if advice_id in expected["advice"]:
            item = main.find("li", data_advice=advice_id)
            assert [a.attrs["href"] for a in item.find_all("a")] == [f"/informatie/oorzaken/{anchor}"]
    if not set(CAUSE_ADVICE) & set(expected["advice"]):
        assert not any(href and href.startswith("/informatie/oorzaken/") for href in links)


def test_the_examples_cover_a_cause_advice():
    """The selfcare cases of the spec have a cause advice, so the test above checks a link."""
    selfcare = [c for c in CASES if c["expect"]["level"] == "selfcare"]
    assert selfcare
    assert any(set(CAUSE_ADVICE) & set(c["expect"]["advice"]) for c in selfcare)


@pytest.mark.django_db
@pytest.mark.parametrize("case_id", ["E-02", "E-06", "E-10"])
def test_english_result_links_to_the_english_pages(client, case_id):
    case = next(c for c in CASES if c["id"] == case_id)
    response = walk(client, case["answers"], prefix="/en")
    links = result_links(response)
    for condition_id in case["expect"]["conditions"]:
        assert page_url(condition_id, "/en") in links
    if case["expect"]["level"] in ("selfcare", "gp"):
        assert f"/en/informatie/hoe-lang/#{case['expect']['duration_class']}" in links
