"""R-ANE-1 on the pages a person and a GP read: the result page, the report for the GP and the
information page of the condition (triage-rules.md version 3; decisions.md D-22).

Every expected sentence is written out here as the spec and D-22 give it.
"""

import io

import pytest
from pypdf import PdfReader

from helpers import parse, walk

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("rule", ["R-ANE-1"])]

SIGNS_NO = {qid: "no" for qid in (
    "saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
    "known_aneurysm", "major_trauma", "fever", "recent_spine_surgery", "weak_immunity", "cancer_history",
    "weight_loss", "feeling_ill", "night_pain", "leg_weakness", "osteoporosis", "steroids", "minor_trauma",
    "progressive", "leg_pain_below_knee", "walking_legs_relief_bending", "morning_stiffness", "pain_uncontrolled",
)}
# The case: 68, an on-and-off backache for three weeks, had back pain before, a known aneurysm.
AGE_68_ON_AND_OFF = {"age": 68, "sex": "male", "duration_weeks": 3, "pain_score": 4, "previous_episodes": "yes",
                     **SIGNS_NO, "known_aneurysm": "yes", "causes": ["awkward_posture"]}

# D-22, and the same sense in English.
REASON = {
    "nl": "U weet dat de grote slagader in uw buik te wijd is, en u heeft nu rugpijn. Bel vandaag uw huisarts. "
          "Wordt de pijn plotseling heel erg, of voelt u zich flauw, bleek of zweterig? Bel dan 112.",
    "en": "You know that the main artery in your belly is too wide, and you now have back pain. Call your GP today. "
          "Does the pain suddenly become very bad, or do you feel faint, pale or sweaty? Then call 112.",
}
# D-22's last sentences: when to call 112.
THEN_112 = {
    "nl": "Wordt de pijn plotseling heel erg, of voelt u zich flauw, bleek of zweterig? Bel dan 112.",
    "en": "Does the pain suddenly become very bad, or do you feel faint, pale or sweaty? Then call 112.",
}
# What the result said to this person under version 2 (selfcare), and must not say now.
REASSURING = {
    "nl": ["U kunt zelf veel doen", "niet gevaarlijk", "Er is niets kapot", "röntgenfoto of MRI-scan helpt niet",
           "niet dat er iets kapot is", "Begin met de rugoefening", "Bekijk de rugoefening",
           "Uw rugpijn lijkt op gewone rugpijn"],
    "en": ["You can do a lot yourself", "not dangerous", "Nothing is broken", "X-ray or MRI scan does not help",
           "does not mean anything is broken", "Start the walking programme", "Look at the walking programme",
           "Your back pain looks like ordinary back pain"],
}
BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


def main_of(response):
    return parse(response).find("main")


@BOTH
def test_R_ANE_1_result_page_says_the_reason_of_D_22_and_the_gp_today(client, rule, prefix, lang):
    response = walk(client, AGE_68_ON_AND_OFF, prefix=prefix)
    main = main_of(response)
    assert main.attrs["data-level"] == "urgent"
    reasons = [li for ul in main.find_all("ul", aria_labelledby="waarom") for li in ul.find_all("li")]
    assert [li.words() for li in reasons] == [REASON[lang]]
    assert reasons[0].attrs["data-rule"] == rule
    text = main.words()
    assert {"nl": "Bel vandaag nog uw huisarts", "en": "Call your GP today"}[lang] in text
    # the reason comes first under "why", right after the call
    assert text.index(REASON[lang]) < text.index({"nl": "Waar de huisarts naar kijkt", "en": "What the GP will look at"}[lang])


@BOTH
def test_R_ANE_1_result_page_says_nothing_reassuring_that_contradicts_the_reason(client, rule, prefix, lang):
    text = main_of(walk(client, AGE_68_ON_AND_OFF, prefix=prefix)).words()
    for words in REASSURING[lang]:
        assert words not in text, words
    # the condition is explained as what the GP looks at, with the tear as the reason for 112
    assert {"nl": "Die pijn kan eerst af en toe komen.", "en": "At first that pain may come and go."}[lang] in text


@BOTH
def test_R_ANE_1_uncertain_asks_for_a_check_today_and_claims_no_known_aneurysm(client, rule, prefix, lang):
    main = main_of(walk(client, {**AGE_68_ON_AND_OFF, "known_aneurysm": "unknown"}, prefix=prefix))
    assert main.attrs["data-level"] == "urgent"
    assert main.find("p", data_advice="A-CHECK-TODAY").words() == {
        "nl": "Laat dit vandaag nog nakijken door een huisarts.", "en": "Have this checked by a GP today."}[lang]
    # the reason names the question answered "Weet ik niet", never that the person has an
    # aneurysm; what to do is said once, above it, with the "Weet ik niet" answers
    [reason] = [li for ul in main.find_all("ul", aria_labelledby="waarom") for li in ul.find_all("li", data_rule=rule)]
    assert "data-uncertain" in reason.attrs
    assert reason.words().startswith({
        "nl": "U antwoordde 'Weet ik niet' op de vraag over een te wijde slagader in uw buik.",
        "en": "You answered 'Don't know' to the question about a widened artery in your belly."}[lang])
    assert main.words().count({"nl": "Laat dit vandaag nog nakijken door een huisarts.",
                               "en": "Have this checked by a GP today."}[lang]) == 1
    assert REASON[lang] not in main.words()
    assert {"nl": "U weet dat", "en": "You know that"}[lang] not in main.words()
    # D-22's sign for 112 all the same: the person may have the aneurysm
    assert reason.words().endswith(THEN_112[lang])


@BOTH
def test_R_ANE_1_beside_a_call_gp_now_sign_keeps_its_sign_for_112(client, rule, prefix, lang):
    """A more urgent rule (R-CE-3, both legs: call the GP now) leaves out D-22's "Bel vandaag
    uw huisarts", never its sign for 112."""
    main = main_of(walk(client, {**AGE_68_ON_AND_OFF, "both_legs": "yes"}, prefix=prefix))
    assert main.attrs["data-level"] == "emergency"
    assert main.find("h1").words() == {"nl": "Bel nu meteen uw huisarts", "en": "Call your GP right now"}[lang]
    assert main.find("li", data_rule=rule).words() == REASON[lang].split(". ")[0] + ". " + THEN_112[lang]
    assert {"nl": "Bel vandaag", "en": "Call your GP today"}[lang] not in main.words()


@BOTH
def test_R_ANE_1_with_sudden_severe_pain_is_112_and_never_says_gp_today(client, rule, prefix, lang):
    main = main_of(walk(client, {**AGE_68_ON_AND_OFF, "sudden_severe_pain": "yes"}, prefix=prefix))
    assert main.attrs["data-level"] == "emergency"
    assert main.find("h1").words() == {"nl": "Bel nu 112", "en": "Call 112 now"}[lang]
    text = main.words()
    assert REASON[lang] not in text
    assert {"nl": "Bel vandaag", "en": "Call your GP today"}[lang] not in text
    # the rule's reason without its own, milder action (D-22's first sentence)
    assert main.find("li", data_rule=rule).words() == REASON[lang].split(". ")[0] + "."


@BOTH
def test_R_ANE_1_report_for_the_gp_gives_the_reason_and_the_rules_version(client, rule, prefix, lang):
    walk(client, AGE_68_ON_AND_OFF, prefix=prefix)
    response = client.get(f"{prefix}/rugtest/uitslag.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert REASON[lang] in text
    assert {"nl": "Uitslag volgens de regels van versie 3 van de rugtest.",
            "en": "Result under the rules of version 3 of the back test."}[lang] in text
    for words in REASSURING[lang]:
        assert words not in text, words


@BOTH
def test_R_ANE_1_information_page_of_the_condition_says_today_for_a_known_aneurysm(client, rule, prefix, lang):
    main = main_of(client.get(f"{prefix}/informatie/scheur-buikslagader/"))
    box = main.find("section", data_levels="emergency urgent")
    urgent = box.find("div", data_level="urgent").words()
    assert {"nl": "Bel vandaag nog uw huisarts.", "en": "Call your GP today."}[lang] in urgent
    assert {"nl": "Wordt de pijn plotseling heel erg, of voelt u zich flauw, bleek of zweterig? Bel dan 112.",
            "en": "Does the pain suddenly become very bad, or do you feel faint, pale or sweaty? Then call 112."}[lang] in urgent
    emergency = box.find("div", data_level="emergency")
    assert any(a.attrs.get("href") == "tel:112" for a in emergency.find_all("a"))
