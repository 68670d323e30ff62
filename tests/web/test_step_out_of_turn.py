"""A step sent out of turn: the answers of step 2 arrive while step 1 is not in the session.

A tester opened step 2 in a second tab, started the test again in the first tab (or let the
session expire, 24 hours), then chose "Ja" for bladder trouble in the second tab and pressed
Volgende. They got step 1 with "Beantwoord eerst deze vragen.": no emergency advice, and the
"Ja" gone. questionnaire.md, "Early emergency": as soon as the answers given make an
emergency rule certain whatever the unasked answers are, the web form shows the emergency
result. A missing answer to a safety question never counts as "no"; an unknown age counts as
older than 40 (112 where it could apply).
"""

from __future__ import annotations

import json

import pytest

from helpers import parse

pytestmark = pytest.mark.django_db

STEP2 = ["saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain", "faint_pale_sweaty",
         "known_aneurysm", "major_trauma"]
STEP1 = {"age": "56", "duration_weeks": "3", "pain_score": "6", "previous_episodes": "yes"}
BLADDER = "Heeft u sinds kort moeite met plassen? Of kunt u uw plas of ontlasting niet meer goed ophouden?"
CALL_GP_NOW = {"nl": "Bel nu meteen uw huisarts", "en": "Call your GP right now"}
CALL_112 = {"nl": "Bel nu 112", "en": "Call 112 now"}
FIRST_ASK = {"nl": "Beantwoord eerst deze vragen.", "en": "Please answer these questions first."}
BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


def step2(**yes) -> dict:
    return {qid: yes.get(qid, "no") for qid in STEP2}


def main_of(response):
    return parse(response).find("main")


def restarted_in_another_tab(client, prefix=""):
    """Tab 1 answers step 1 and tab 2 opens step 2; tab 1 then starts the test again."""
    client.post(f"{prefix}/rugtest/stap/1/", STEP1)
    assert client.get(f"{prefix}/rugtest/stap/2/").status_code == 200  # tab 2
    client.post(f"{prefix}/rugtest/opnieuw/", {"confirm": "yes"})  # tab 1
    tab1 = client.get(f"{prefix}/rugtest/stap/2/", follow=True)  # step 1 first now
    assert tab1.redirect_chain[-1][0] == f"{prefix}/rugtest/stap/1/"


@BOTH
@pytest.mark.parametrize("before", ["no session", "restarted in another tab"])
def test_a_yes_to_bladder_trouble_out_of_turn_shows_the_emergency_at_once(client, prefix, lang, before):
    if before != "no session":
        restarted_in_another_tab(client, prefix)
    response = client.post(f"{prefix}/rugtest/stap/2/", {"bladder_bowel": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{prefix}/rugtest/uitslag/"
    main = main_of(response)
    assert main.attrs["data-level"] == "emergency"
    text = main.words()
    assert CALL_GP_NOW[lang] in text and 'href="tel:112"' in response.content.decode()
    assert FIRST_ASK[lang] not in response.content.decode()
    # The "Ja" is kept: the phone line and the answers say it.
    assert {"nl": "Ik heb sinds kort moeite met plassen", "en": "passing urine"}[lang] in text
    assert main.find("tr", data_sign="bladder_bowel").words().endswith({"nl": "Ja", "en": "Yes"}[lang])
    # Nothing that was not asked is said as an answer: no age on the phone lines.
    say = [li.words() for li in main.find("ul", **{"class": "say"}).find_all("li")]
    assert say and not any({"nl": " jaar", "en": " years"}[lang] in line for line in say), say


def test_the_whole_step_2_sent_after_a_restart_keeps_every_answer(client):
    restarted_in_another_tab(client)
    response = client.post("/rugtest/stap/2/", step2(bladder_bowel="yes", major_trauma="unknown"), follow=True)
    main = main_of(response)
    assert main.attrs["data-level"] == "emergency"
    assert "andere vragen overgeslagen" in main.words()
    outcome = json.loads(client.get("/rugtest/uitslag.json").content)
    assert outcome["level"] == "emergency" and outcome["action"] == "call_gp_now"
    # The serious accident answered "Weet ik niet" is reported, the questions never asked are not.
    assert outcome["uncertain_rules"] == ["R-FRA-1"]
    assert outcome["duration_class"] is None  # step 1 was never asked


@BOTH
def test_sudden_severe_pain_out_of_turn_is_112_with_the_age_not_known(client, prefix, lang):
    """R-AAA-1 above 40; the age is not known, and counts as older: call 112 at once."""
    response = client.post(f"{prefix}/rugtest/stap/2/", step2(sudden_severe_pain="yes"), follow=True)
    main = main_of(response)
    assert main.attrs["data-level"] == "emergency"
    html = response.content.decode()
    assert CALL_112[lang] in main.words() and html.index('href="tel:112"') < html.index('class="do"')
    reasons = " ".join(li.words() for li in main.find("ul", aria_labelledby="waarom").find_all("li"))
    # The reason does not say the person is over 40: it says the age is not known.
    assert {"nl": "we weten niet of u ouder bent dan 40 jaar",
            "en": "we do not know whether you are older than 40"}[lang] in reasons
    assert {"nl": "en u bent ouder dan 40", "en": "and you are older than 40"}[lang] not in reasons


@BOTH
def test_without_an_emergency_sign_step_1_comes_first_and_the_answers_are_kept(client, prefix, lang):
    """No "Ja" to an early-emergency sign ("Weet ik niet" is not certain): back to step 1 with
    the message, as before; the answers sent are there when step 2 comes."""
    sent = step2(bladder_bowel="unknown", major_trauma="yes")
    response = client.post(f"{prefix}/rugtest/stap/2/", sent, follow=True)
    assert response.redirect_chain[-1][0] == f"{prefix}/rugtest/stap/1/"
    assert FIRST_ASK[lang] in response.content.decode()
    response = client.post(f"{prefix}/rugtest/stap/1/", STEP1, follow=True)
    assert response.redirect_chain[-1][0] == f"{prefix}/rugtest/stap/2/"
    html = response.content.decode()
    for qid, value in sent.items():
        assert f'name="{qid}" value="{value}" checked' in html, qid
    # The person confirms step 2: the test goes on (a serious accident is urgent, not at once).
    assert client.post(f"{prefix}/rugtest/stap/2/", sent)["Location"] == f"{prefix}/rugtest/stap/3/"


def test_the_result_of_an_emergency_before_step_1_prints_and_downloads(client):
    """The report, the JSON and the FHIR file of such a result say "not asked", never a guess."""
    client.post("/rugtest/stap/2/", {"bladder_bowel": "yes"})
    assert client.get("/rugtest/uitslag/").status_code == 200
    pdf = client.get("/rugtest/uitslag.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert json.loads(client.get("/rugtest/uitslag.json").content)["action"] == "call_gp_now"
    bundle = json.loads(client.get("/rugtest/uitslag.fhir.json").content)
    response, observation = (entry["resource"] for entry in bundle["entry"])
    assert response["status"] == "stopped"
    parts = [c["code"]["coding"][0]["code"] for c in observation["component"]]
    assert "duration-class" not in parts and "action" in parts


def test_a_signed_in_person_keeps_such_a_result_and_every_page_of_theirs_opens(client):
    """The result is kept with the account like any other (the age and duration absent, never
    guessed); the programme page, 'Mijn gegevens' and its exports open with it."""
    from factories import make_user
    from rugtest.selftest.models import RugtestResult

    person = make_user(password=None)
    client.force_login(person)
    client.post("/rugtest/stap/2/", {"bladder_bowel": "yes"})
    assert client.get("/rugtest/uitslag/").status_code == 200
    [kept] = RugtestResult.objects.filter(user=person)
    assert kept.answers == {"bladder_bowel": "yes"} and kept.outcome["action"] == "call_gp_now"
    for path in ("/rugoefening/", "/mijn-gegevens/", "/mijn-gegevens/export.json", "/mijn-gegevens/export.fhir.json"):
        assert client.get(path).status_code == 200, path
