"""decisions.md D-15 … D-21 and medication.md M-17 (spec version 3) on the rendered pages, in
both languages: the spec's own words where it gives them, and never the old statements.

D-22 (the reason of R-ANE-1) is held in test_known_aneurysm_pages.py. The expected words are
written out here from decisions.md; the English says the same.
"""

import re

import pytest

from factories import CASES
from helpers import parse, walk

BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


def main_of(response):
    assert response.status_code == 200
    return parse(response).find("main")


def page(client, path):
    return main_of(client.get(path))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


# --- D-15: the sudden severe pain sign in short texts ------------------------------------------

SIGN = {"nl": "plotseling heel erge pijn in uw rug of buik, die even erg blijft hoe u ook ligt, zit of beweegt",
        "en": "suddenly have very bad pain in your back or belly that stays just as bad however you lie, sit or move"}
# The conditions for 112 (R-AAA-1, R-AAA-2), each of which may only stand in the sign's sentence.
CONDITIONS_FOR_112 = {"nl": ["ouder dan 40", "flauw, bleek of zweterig", "slagader in uw buik te wijd"],
                      "en": ["older than 40", "faint, pale or sweaty", "artery in your belly is too wide"]}
CALL_112 = {"nl": "Bel dan 112.", "en": "Then call 112."}


def assert_sign_with_its_conditions(text: str, lang: str, conditions: list[str]):
    """D-15: the sign says "just as bad whatever position", and every condition for 112 stands
    in the sign's own sentence, never in a sentence of its own."""
    assert SIGN[lang] in text, text
    for sentence in sentences(text):
        for condition in CONDITIONS_FOR_112[lang]:
            if condition in sentence:
                assert SIGN[lang] in sentence, f"{condition!r} in a sentence of its own: {sentence!r}"
    for condition in conditions:
        assert condition in text, condition
    assert CALL_112[lang] in text


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/", "/informatie/"])
def test_D_15_the_home_and_information_boxes_give_the_sign_with_its_conditions_in_one_sentence(client, prefix, lang, path):
    box = page(client, prefix + path).find("section", **{"class": "notice urgent-box"})
    assert_sign_with_its_conditions(box.find("div", data_action="call_112").words(), lang, CONDITIONS_FOR_112[lang])


STEP1 = {"age": "56", "duration_weeks": "2", "pain_score": "6", "previous_episodes": "yes"}


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("age, conditions", [(56, []), (35, [1, 2])], ids=["over-40", "40-or-younger"])
def test_D_15_the_step_2_box_gives_the_sign_with_the_conditions_that_apply_to_the_age(client, prefix, lang, age, conditions):
    client.post(f"{prefix}/rugtest/stap/1/", {**STEP1, "age": str(age)})
    box = page(client, f"{prefix}/rugtest/stap/2/").find("section", **{"class": "call-now"})
    text = " ".join(p.words() for p in box.find_all("p", data_action="call_112"))
    assert_sign_with_its_conditions(text, lang, [CONDITIONS_FOR_112[lang][i] for i in conditions])
    if age > 40:
        assert "flauw" not in text and "faint" not in text  # R-AAA-1: above 40 the pain alone is 112


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("age, unknown, conditions", [(60, "sudden_severe_pain", []), (35, "saddle_numbness", [1, 2])],
                         ids=["over-40", "40-or-younger"])
def test_D_15_the_result_after_dont_know_gives_the_sign_with_its_conditions(client, prefix, lang, age, unknown, conditions):
    """An emergency sign answered "don't know" fires at urgent; the page says when it is 112."""
    answers = {**CASES["E-08"]["answers"], "age": age, unknown: "unknown"}
    main = main_of(walk(client, answers, prefix=prefix))
    assert main.attrs["data-level"] == "urgent"
    assert_sign_with_its_conditions(main.find("p", data_action="call_112").words(), lang,
                                    [CONDITIONS_FOR_112[lang][i] for i in conditions])


# --- D-16: each emergency sign with its own action --------------------------------------------

GP_NOW = {
    "nl": ["Bel dan nu meteen uw huisarts.", "Is het avond, nacht of weekend? Bel dan de huisartsenpost.",
           "Krijgt u niemand te spreken?", "112"],
    "en": ["Then call your GP straight away.", "Is it evening, night or the weekend?", "out-of-hours", "112"],
}
CAUDA_EQUINA_SIGNS = {"nl": ["kruis", "plassen", "ontlasting", "allebei uw benen"],
                      "en": ["groin", "urine", "stool", "both your legs"]}
# Old sentences that gave one action to signs with different actions.
MIXED = {"nl": ["Spoed? Bel 112.", "uw huisarts of 112", "Bel dan meteen uw huisarts of 112"],
         "en": ["Emergency? Call 112.", "your GP or 112", "call your GP or 112 at once"]}


def assert_each_sign_with_its_own_action(box, lang):
    for heading in box.find_all("h2"):
        assert not re.search(r"112|huisarts|GP", heading.words()), f"the heading promises an action: {heading.words()!r}"
    aaa = " ".join(el.words() for el in box.find_all(data_action="call_112"))
    cauda = " ".join(el.words() for el in box.find_all(data_action="call_gp_now"))
    assert "112" in aaa and not any(sign in aaa for sign in CAUDA_EQUINA_SIGNS[lang])
    assert any(a.attrs.get("href") == "tel:112" for el in box.find_all(data_action="call_112") for a in el.find_all("a"))
    for sign in CAUDA_EQUINA_SIGNS[lang]:
        assert sign in cauda, sign
    for words in GP_NOW[lang]:
        assert words in cauda, words
    assert cauda.index(GP_NOW[lang][0]) < cauda.index("112"), "the GP first, 112 only if nobody answers"


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/", "/informatie/"])
def test_D_16_the_emergency_box_of_home_and_information_gives_each_sign_its_own_action(client, prefix, lang, path):
    main = page(client, prefix + path)
    assert_each_sign_with_its_own_action(main.find("section", **{"class": "notice urgent-box"}), lang)
    for words in MIXED[lang]:
        assert words not in main.words()


@pytest.mark.django_db
@BOTH
def test_D_16_the_step_2_call_now_box_gives_each_sign_its_own_action(client, prefix, lang):
    client.post(f"{prefix}/rugtest/stap/1/", STEP1)
    assert_each_sign_with_its_own_action(page(client, f"{prefix}/rugtest/stap/2/").find("section", **{"class": "call-now"}), lang)


@pytest.mark.django_db
@BOTH
def test_D_16_the_result_after_dont_know_gives_each_sign_its_own_action(client, prefix, lang):
    answers = {**CASES["E-08"]["answers"], "age": 60, "saddle_numbness": "unknown"}
    main = main_of(walk(client, answers, prefix=prefix))
    cauda = main.find("p", data_action="call_gp_now").words()
    for words in GP_NOW[lang]:
        assert words in cauda, words
    for words in MIXED[lang]:
        assert words not in main.words()


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/", "/informatie/", "/medicatie/", "/rugtest/", "/over/"])
def test_D_16_the_footer_of_every_page_no_longer_sends_every_emergency_to_112(client, prefix, lang, path):
    footer = parse(client.get(prefix + path)).find("footer").words()
    assert {"nl": "Bij levensgevaar: bel 112.", "en": "If a life is in danger: call 112."}[lang] in footer
    for words in MIXED[lang]:
        assert words not in footer


# --- D-17: back to the GP after 3 to 4 weeks ----------------------------------------------------

@pytest.mark.django_db
@BOTH
def test_D_17_the_duration_page_says_3_to_4_weeks_never_6_weeks(client, prefix, lang):
    section = page(client, f"{prefix}/informatie/hoe-lang/").find("section", aria_labelledby="naar-huisarts")
    text = section.words()
    assert {"nl": "Als de pijn na 3 tot 4 weken niet duidelijk beter is.",
            "en": "If the pain is not clearly better after 3 to 4 weeks."}[lang] in text
    assert "6" not in text


SEE_GP_IF = {
    "nl": "Ga naar de huisarts als de pijn steeds erger wordt, als u een waarschuwingsteken krijgt, of als het over "
          "3 tot 4 weken niet duidelijk beter is.",
    "en": "See your GP if the pain keeps getting worse, if you get a warning sign, or if it is not clearly better "
          "3 to 4 weeks from now.",
}
NOT_ACUTE = {"nl": "U heeft deze pijn al een tijd. Sprak u er nog niet met uw huisarts over? Doe dat dan.",
             "en": "You have had this pain for some time. Have you not talked to your GP about it yet? Then do so."}


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("case_id, not_acute", [("E-08", False), ("E-10", True)], ids=["acute", "chronic"])
def test_D_17_the_result_says_3_to_4_weeks_and_the_not_acute_part_only_when_not_acute(client, prefix, lang, case_id, not_acute):
    main = main_of(walk(client, CASES[case_id]["answers"], prefix=prefix))
    advice = main.find("li", data_advice="A-SEE-GP-IF").words()
    assert advice == SEE_GP_IF[lang] + (f" {NOT_ACUTE[lang]}" if not_acute else "")
    assert not re.search(r"\b6\b", advice)


# --- D-18: the course of acute back pain --------------------------------------------------------

COURSE = {
    "nl": "wordt meestal binnen een paar weken vanzelf minder; vaak merkt u binnen twee weken al verschil. "
          "Soms duurt het langer of komt het terug; dat is niet gevaarlijk.",
    "en": "usually eases by itself within a few weeks; you often notice a difference within two weeks. "
          "Sometimes it takes longer or comes back; that is not dangerous.",
}
GOES_AWAY = {"nl": ["vanzelf over", "gaat het vanzelf over", "gaat meestal"],
             "en": ["goes away", "gets better by itself within a few weeks, often clearly within two"]}


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/", "/informatie/hoe-lang/", "/informatie/oorzaken/", "/rugoefening/"])
def test_D_18_pages_say_the_course_of_acute_back_pain_in_the_decisions_words(client, prefix, lang, path):
    text = page(client, prefix + path).words()
    assert COURSE[lang] in text
    for words in GOES_AWAY[lang]:
        assert words not in text, words


@pytest.mark.django_db
@BOTH
def test_D_18_the_acute_result_says_the_course_in_the_decisions_words(client, prefix, lang):
    main = main_of(walk(client, CASES["E-08"]["answers"], prefix=prefix))
    assert main.find("li", data_advice="A-ACUTE-COURSE").words() == {"nl": "Deze rugpijn ", "en": "This back pain "}[lang] + COURSE[lang]
    assert main.words().count(COURSE[lang]) == 1  # said once, in the advice; the programme card does not repeat it
    for words in GOES_AWAY[lang]:
        assert words not in main.words(), words


# --- D-19: muscles and sitting still ------------------------------------------------------------

MUSCLES = {"nl": "veel stil zit of in bed ligt, worden uw spieren snel minder sterk. Blijven bewegen is goed voor uw rug.",
           "en": "sit still a lot or lie in bed, your muscles quickly become less strong. Keeping moving is good for your back."}
LESS_MOVING = {"nl": ["binnen ongeveer twee weken", "minder beweegt, wordt uw rug", "weinig beweegt, wordt uw rug",
                      "spieren zijn in de pauze"],
               "en": ["within about two weeks", "move less, your back", "move little, your back",
                      "muscles got a bit weaker during the break"]}


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/", "/informatie/hoe-lang/", "/rugoefening/"])
def test_D_19_pages_tie_weaker_muscles_to_sitting_still_or_bed_rest(client, prefix, lang, path):
    text = page(client, prefix + path).words()
    assert MUSCLES[lang] in text
    for words in LESS_MOVING[lang]:
        assert words not in text, words


@pytest.mark.django_db
@BOTH
def test_D_19_the_result_for_lasting_pain_ties_weaker_muscles_to_sitting_still(client, prefix, lang):
    advice = main_of(walk(client, CASES["E-10"]["answers"], prefix=prefix)).find("li", data_advice="A-CHRONIC-CYCLE").words()
    assert MUSCLES[lang] in advice
    for words in LESS_MOVING[lang]:
        assert words not in advice, words


# --- D-20: how often back pain has no specific cause ---------------------------------------------

NINE_IN_TEN = {"nl": "Bij ongeveer 9 van de 10 mensen met rugpijn", "en": "For about 9 in 10 people with back pain"}
NINETY_FIVE = {"nl": ["95 van de 100", "95%"], "en": ["95 in 100", "95 out of 100", "95%"]}


@pytest.mark.django_db
@BOTH
def test_D_20_home_says_about_9_in_10(client, prefix, lang):
    text = page(client, prefix + "/").words()
    assert NINE_IN_TEN[lang] in text
    for words in NINETY_FIVE[lang]:
        assert words not in text


@pytest.mark.django_db
@BOTH
def test_D_20_the_selfcare_result_says_about_9_in_10(client, prefix, lang):
    text = main_of(walk(client, CASES["E-08"]["answers"], prefix=prefix)).words()
    assert NINE_IN_TEN[lang] in text
    for words in NINETY_FIVE[lang]:
        assert words not in text


# --- D-21: physiotherapy without referral --------------------------------------------------------

ASK_FOR_REFERRAL = {"nl": ["Vraag uw huisarts ernaar", "verwijzing van uw huisarts nodig", "vraag uw huisarts om een verwijzing"],
                    "en": ["Ask your GP about it", "need a referral from your GP", "ask your GP for a referral"]}


@pytest.mark.django_db
@BOTH
def test_D_21_the_duration_page_says_a_physiotherapist_needs_no_referral(client, prefix, lang):
    text = page(client, f"{prefix}/informatie/hoe-lang/").words()
    assert {"nl": "Een fysiotherapeut of oefentherapeut kan u helpen. U kunt er zonder verwijzing van de huisarts heen.",
            "en": "A physiotherapist or exercise therapist can help you. You can go without a referral from your GP."}[lang] in text
    for words in ASK_FOR_REFERRAL[lang]:
        assert words not in text


@pytest.mark.django_db
@BOTH
def test_D_21_the_result_with_a_physiotherapist_says_no_referral_is_needed(client, prefix, lang):
    text = main_of(walk(client, CASES["E-14"]["answers"], prefix=prefix)).words()
    assert {"nl": "U heeft geen verwijzing nodig.", "en": "You do not need a referral."}[lang] in text
    for words in ASK_FOR_REFERRAL[lang]:
        assert words not in text


# --- M-17: stop the NSAID and call at once, or the same day -----------------------------------------

M_17 = {
    "nl": {
        "at_once": ("Stop met het NSAID en bel meteen uw huisarts als:",
                    ["bloed overgeeft", "koffiedik", "zwart", "teer", "ineens kortademig"],
                    ["Bel dan meteen de huisartsenpost.", "Voelt u zich daarbij ook flauw? Bel dan 112."]),
        "same_day": ("Stop met het NSAID en bel dezelfde dag uw huisarts als:",
                     ["erge pijn in uw maag", "enkels dik", "veel minder plast"], ["huisartsenpost"]),
    },
    "en": {
        "at_once": ("Stop the NSAID and call your GP at once if:",
                    ["vomit blood", "coffee grounds", "black", "tar", "suddenly become short of breath"],
                    ["Then call the GP out-of-hours service at once.", "Do you also feel faint? Then call 112."]),
        "same_day": ("Stop the NSAID and call your GP the same day if:",
                     ["severe stomach pain", "ankles swell", "much less urine"], ["out-of-hours"]),
    },
}


@pytest.mark.django_db
@BOTH
def test_M_17_bleeding_and_breathing_signs_on_an_nsaid_mean_call_at_once_and_112_if_faint(client, prefix, lang):
    block = page(client, f"{prefix}/medicatie/").find(data_fact="M-17")
    for when, (heading, signs, actions) in M_17[lang].items():
        part = block.find("div", data_when=when)
        text = part.words()
        assert text.startswith(heading)
        for words in [*signs, *actions]:
            assert words in text, (when, words)
    at_once, same_day = (block.find("div", data_when=w).words() for w in ("at_once", "same_day"))
    # each sign under one heading only
    for sign in M_17[lang]["at_once"][1]:
        assert sign not in same_day
    for sign in M_17[lang]["same_day"][1]:
        assert sign not in at_once
    assert any(a.attrs.get("href") == "tel:112" for a in block.find("div", data_when="at_once").find_all("a"))


@pytest.mark.django_db
@BOTH
def test_M_21_side_effects_follow_M_17_at_once_or_the_same_day(client, prefix, lang):
    text = page(client, f"{prefix}/medicatie/").find(data_fact="M-21").words()
    assert {"nl": "bel meteen of dezelfde dag, zoals daar staat.", "en": "call at once or the same day, as it says there."}[lang] in text


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/informatie/hoe-lang/", "/rugoefening/"])
def test_W_5_a_bad_day_asks_what_you_can_never_the_same_as_a_good_day(client, prefix, lang, path):
    """W-5: on a day with more pain, walk the target if you can; if you cannot, walk what you can."""
    text = page(client, f"{prefix}{path}").find("main").words()
    assert {"nl": "wat u kunt", "en": "what you can"}[lang] in text
    for wrong in {"nl": ["niet minder op een slechte dag", "op een slechte dag niet te weinig"],
                  "en": ["not less on a bad day", "not too little on a bad day"]}[lang]:
        assert wrong not in text


@pytest.mark.django_db
@BOTH
def test_A_SEE_GP_IF_the_duration_page_says_to_talk_to_the_gp_about_pain_that_lasts(client, prefix, lang):
    section = page(client, f"{prefix}/informatie/hoe-lang/").find("section", aria_labelledby="naar-huisarts")
    assert {"nl": "nog niet met uw huisarts over sprak", "en": "have not talked to your GP about it yet"}[lang] in section.words()


@pytest.mark.django_db
@BOTH
@pytest.mark.parametrize("path", ["/rugtest/", "/over/"])
def test_in_doubt_or_urgent_means_call_the_gp_straight_away(client, prefix, lang, path):
    """call_gp_now is "now": the doubt line that names "spoed" says "meteen"."""
    text = page(client, f"{prefix}{path}").find("main").words()
    assert {"nl": "Bel dan meteen uw huisarts.", "en": "Then call your GP straight away."}[lang] in text
