"""The rugtest pages, as a person sees them (Django's test client)."""

import json
import re

import pytest
from django.test import Client

from factories import CASES, form_data
from helpers import parse, walk
from rugtest import words as texts
from rugtest.core import questions
from rugtest.core.triage import ADVICE_IDS, CONDITIONS, LEVELS, evaluate, triage

pytestmark = pytest.mark.django_db


def level_of(response):
    match = re.search(r'<main[^>]*data-level="(\w+)"', response.content.decode())
    return match and match.group(1)


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_walking_the_rugtest_gives_the_example_outcome(client, case_id):
    case = CASES[case_id]
    response = walk(client, case["answers"])
    expected = case["expect"]
    assert level_of(response) == expected["level"]
    html = response.content.decode()
    assert str(texts.ACTIONS[expected["action"]]["title"]) in html
    for advice_id in expected["advice"]:
        if advice_id not in texts.ACTION_ADVICE and advice_id != "A-CHECK-TODAY":
            assert f'data-advice="{advice_id}"' in html
    if expected["programme"] in ("recommended", "optional"):
        assert 'href="/rugoefening/"' in html


def test_emergency_sign_shows_the_result_right_after_step_2(client):
    answers = CASES["E-01"]["answers"]
    client.post("/rugtest/stap/1/", form_data("1", answers, {}))
    response = client.post("/rugtest/stap/2/", form_data("2", answers, answers), follow=True)
    assert response.redirect_chain[-1][0] == "/rugtest/uitslag/"
    assert level_of(response) == "emergency"
    assert "Bel nu meteen uw huisarts" in response.content.decode()
    assert "andere vragen overgeslagen" in response.content.decode()


def test_aaa_emergency_shows_a_112_call_link(client):
    response = walk(client, CASES["E-02"]["answers"])
    assert 'href="tel:112"' in response.content.decode()


def test_step_one_uses_question_ids_as_field_names(client):
    html = client.get("/rugtest/stap/1/").content.decode()
    assert 'name="age"' in html and 'name="duration_weeks"' in html and 'name="pain_score"' in html
    assert 'type="radio" name="sex" value="female"' in html
    assert "Stap 1 van 6" in html


def test_step_two_offers_dont_know_on_every_question(client):
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    html = client.get("/rugtest/stap/2/").content.decode()
    for question in questions.PAGE_BY_ID["2"].questions:
        assert f'name="{question.id}" value="unknown"' in html
    assert "Weet ik niet" in html


@pytest.mark.parametrize(
    "prefix, message",
    [("", "Vul een heel getal in van 16 tot en met 120."), ("/en", "Please fill in a whole number from 16 to 120.")],
)
@pytest.mark.parametrize("age", ["300", "-3", "abc", "44.5", ""])
def test_a_bad_age_shows_the_step_again_with_a_message_and_keeps_the_rest(client, prefix, message, age):
    response = client.post(f"{prefix}/rugtest/stap/1/", {"age": age, "duration_weeks": "8", "pain_score": "5"})
    assert response.status_code == 200
    html = response.content.decode()
    if age:
        assert message in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'name="duration_weeks" value="8"', html)
    # The GOV.UK / NL Design System error summary (issue 19): its heading, a link to the field, "Fout:" in the title.
    heading, title = ("There is a problem", "<title>Error:") if prefix else ("Er is een probleem", "<title>Fout:")
    assert heading in html
    assert title in html
    assert 'href="#q-age"' in html


def test_a_tampered_choice_is_refused_with_a_message(client):
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    data = {q.id: "no" for q in questions.PAGE_BY_ID["2"].questions}
    data["saddle_numbness"] = "maybe"
    response = client.post("/rugtest/stap/2/", data)
    assert response.status_code == 200
    assert "Kies een van de antwoorden." in response.content.decode()


def test_a_missing_safety_answer_is_asked_again_never_taken_as_no(client):
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    data = {q.id: "no" for q in questions.PAGE_BY_ID["2"].questions}
    del data["bladder_bowel"]
    response = client.post("/rugtest/stap/2/", data)
    assert response.status_code == 200
    assert "Beantwoord deze vraag." in response.content.decode()
    assert client.get("/rugtest/uitslag/").status_code == 302


def test_a_skipped_step_reached_by_url_goes_back_to_the_first_open_step(client):
    response = client.get("/rugtest/stap/3/")
    assert response.status_code == 302 and response["Location"] == "/rugtest/stap/1/"
    response = client.post("/rugtest/stap/4/", {"leg_pain_below_knee": "yes"})
    assert response["Location"] == "/rugtest/stap/1/"


def test_the_follow_up_page_only_when_the_leg_pain_answer_is_yes(client):
    walk_to = CASES["E-08"]["answers"]
    for page_id in ("1", "2", "3"):
        client.post(f"/rugtest/stap/{page_id}/", form_data(page_id, walk_to, walk_to))
    step4 = {q.id: "no" for q in questions.PAGE_BY_ID["4"].questions}
    assert client.post("/rugtest/stap/4/", step4)["Location"] == "/rugtest/stap/5/"
    assert client.get("/rugtest/stap/4b/")["Location"] == "/rugtest/stap/5/"
    step4["leg_pain_below_knee"] = "yes"
    assert client.post("/rugtest/stap/4/", step4)["Location"] == "/rugtest/stap/4b/"
    client.post("/rugtest/stap/4b/", {"leg_pain_dominant": "yes"})
    # Changing the answer back removes the follow-up answer it no longer applies to.
    step4["leg_pain_below_knee"] = "no"
    client.post("/rugtest/stap/4/", step4)
    assert "leg_pain_dominant" not in client.session["rugtest"]["answers"]


def test_unknown_step_is_not_found(client):
    assert client.get("/rugtest/stap/9/").status_code == 404


def test_changing_an_answer_from_the_result_changes_the_outcome(client):
    answers = CASES["E-09"]["answers"]
    assert level_of(walk(client, answers)) == "selfcare"
    result = client.get("/rugtest/uitslag/").content.decode()
    assert 'href="/rugtest/stap/3/"' in result
    step3 = {**form_data("3", answers, answers), "fever": "yes"}
    response = client.post("/rugtest/stap/3/", step3, follow=True)
    assert level_of(response) == "urgent"


def test_back_link_goes_to_the_previous_step(client):
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    assert 'href="/rugtest/stap/1/"' in client.get("/rugtest/stap/2/").content.decode()


def test_an_expired_session_gets_a_clear_way_forward(client):
    response = client.get("/rugtest/uitslag/", follow=True)
    assert response.redirect_chain[-1][0] == "/rugtest/"
    assert "Er zijn geen antwoorden bewaard" in response.content.decode()


def test_a_post_without_csrf_token_gets_a_friendly_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.content.decode()
    response = client.post("/en/rugtest/stap/1/", {"age": "50"})
    assert response.status_code == 403
    assert 'lang="en"' in response.content.decode()


@pytest.mark.parametrize("prefix, call_now", [("", "Heeft u dit nu? Bel meteen."), ("/en", "Do you have this now? Call at once.")])
def test_an_emergency_step_that_could_not_be_received_still_says_which_signs_mean_call_now(prefix, call_now):
    """Cookies off, or a page open too long: the answers of step 2 (the emergency signs) could
    not be read, so the page that says so also gives those signs with their action, first,
    with 112 as a tap-to-call link; never the promise about questions "hieronder"."""
    client = Client(enforce_csrf_checks=True)
    html = client.post(f"{prefix}/rugtest/stap/2/", {"bladder_bowel": "yes"}).content.decode()
    assert call_now in html and 'href="tel:112"' in html.split("<footer")[0]
    assert html.index("<h1") < html.index(call_now)
    assert "data-promise" not in html
    assert call_now not in client.post(f"{prefix}/rugtest/stap/1/", {"age": "50"}).content.decode()


@pytest.mark.parametrize("prefix, question, keep", [("", "Opnieuw beginnen?", "Nee, terug naar de uitslag"),
                                                    ("/en", "Start again?", "No, back to the result")])
def test_restart_asks_first_then_clears_the_answers(client, prefix, question, keep):
    walk(client, CASES["E-08"]["answers"])
    asked = client.post(prefix + "/rugtest/opnieuw/")
    html = asked.content.decode()
    assert asked.status_code == 200 and question in html and keep in html
    assert client.get(prefix + "/rugtest/uitslag/").status_code == 200  # nothing wiped yet
    response = client.post(prefix + "/rugtest/opnieuw/", {"confirm": "yes"})
    assert response["Location"] == prefix + "/rugtest/stap/1/"
    assert client.get(prefix + "/rugtest/uitslag/").status_code == 302


@pytest.mark.parametrize("finished", [True, False], ids=["after the result", "half way"])
def test_the_language_link_of_the_restart_question_shows_it_in_english_and_wipes_nothing(client, finished):
    """The "Opnieuw beginnen?" page comes from a POST; its "English" link is a GET of the same
    address, which must show the same question in English (not "HTTP ERROR 405")."""
    if finished:
        walk(client, CASES["E-08"]["answers"])
    else:
        client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    asked = parse(client.post("/rugtest/opnieuw/"))
    english_link = asked.find("a", lang="en").attrs["href"]
    assert english_link == "/en/rugtest/opnieuw/"
    response = client.get(english_link)
    assert response.status_code == 200
    page = parse(response)
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("h1").words() == "Start again?"
    keep = "No, back to the result" if finished else "No, go back"
    assert keep in page.find("main").words()
    # The button still wipes only with a POST that says so, at the English address.
    form = page.find("main").find("form")
    assert form.attrs["method"] == "post" and form.attrs["action"] == "/en/rugtest/opnieuw/"
    assert form.find("input", name="confirm").attrs["value"] == "yes"
    # Looking at it changed nothing: the answers are all still there.
    assert client.get("/en/rugtest/opnieuw/").status_code == 200
    if finished:
        assert client.get("/rugtest/uitslag/").status_code == 200
    else:
        assert client.get("/rugtest/stap/2/").status_code == 200
    assert client.post("/en/rugtest/opnieuw/", {"confirm": "yes"})["Location"] == "/en/rugtest/stap/1/"
    assert client.get("/rugtest/stap/2/")["Location"] == "/rugtest/stap/1/"


def test_result_download_is_the_api_outcome(client):
    answers = CASES["E-10"]["answers"]
    walk(client, answers)
    response = client.get("/rugtest/uitslag.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.decode() == json.dumps(triage({"answers": answers}), sort_keys=True, ensure_ascii=False)
    assert json.loads(response.content) == CASES["E-10"]["expect"]


def test_result_page_lists_the_answers_for_the_gp(client):
    html = walk(client, CASES["E-05"]["answers"]).content.decode()
    assert "Heeft u kanker, of heeft u kanker gehad?" in html
    assert "R-MAL-1" in html
    assert "Vraag dan eerst aan uw huisarts" in html  # programme: ask_gp_first


def test_english_flow_lives_under_en(client):
    response = walk(client, CASES["E-08"]["answers"], prefix="/en")
    assert response.redirect_chain[-1][0] == "/en/rugtest/uitslag/"
    assert '<html lang="en">' in response.content.decode()
    assert level_of(response) == "selfcare"


def test_every_spec_id_has_its_words_on_the_result_page():
    assert set(texts.LEVELS) == set(LEVELS)
    assert set(texts.CONDITIONS) == set(CONDITIONS)
    assert set(texts.ADVICE) == set(ADVICE_IDS)
    assert set(texts.ACTIONS) == {"call_112", "call_gp_now", "call_gp_today", "see_gp", "selfcare"}
    assert set(texts.DURATION) == {"acute", "subacute", "chronic"}


def test_R_AAA_1_dont_know_on_sudden_pain_at_60_is_urgent_and_says_when_to_call_112(client):
    answers = {**CASES["E-08"]["answers"], "age": 60, "sudden_severe_pain": "unknown"}
    response = walk(client, answers)
    assert level_of(response) == "urgent"
    html = response.content.decode()
    assert "Bel vandaag nog uw huisarts" in html
    # D-15, D-16: the sign in full with its own action, 112; the cauda equina signs with theirs.
    main = parse(response).find("main")
    aaa = main.find("p", data_action="call_112").words()
    assert "plotseling heel erge pijn in uw rug of buik, die even erg blijft hoe u ook ligt, zit of beweegt?" in aaa
    assert aaa.endswith("Bel dan 112.") and "flauw" not in aaa  # over 40: the pain alone is 112
    gp_now = main.find("p", data_action="call_gp_now").words()
    assert "Bel dan nu meteen uw huisarts." in gp_now and "huisartsenpost" in gp_now and "112" in gp_now
    assert "uw huisarts of 112" not in main.words()


def test_an_emergency_page_does_not_add_a_check_today_line(client):
    answers = {**CASES["E-01"]["answers"], "bladder_bowel": "unknown"}
    html = walk(client, answers).content.decode()
    assert "Bel nu meteen uw huisarts" in html
    assert "vandaag nog nakijken" not in html


def test_a_certain_emergency_sign_shows_the_result_at_once_even_with_other_questions_open(client):
    """Issue: an emergency sign is acted on at once, not after "not everything is filled in"."""
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    response = client.post("/rugtest/stap/2/", {"bladder_bowel": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == "/rugtest/uitslag/"
    html = response.content.decode()
    assert 'data-level="emergency"' in html
    assert "Bel nu meteen uw huisarts" in html


def test_an_open_question_next_to_a_dont_know_emergency_sign_is_still_asked(client):
    """A "don't know" makes no emergency certain, so the open questions must be answered."""
    client.post("/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    response = client.post("/rugtest/stap/2/", {"bladder_bowel": "unknown"})
    assert response.status_code == 200
    assert "Beantwoord deze vraag." in response.content.decode()
    assert client.get("/rugtest/uitslag/").status_code == 302


def test_sudden_severe_pain_above_40_calls_112_at_once(client):
    client.post("/rugtest/stap/1/", {"age": "61", "duration_weeks": "0", "pain_score": "9", "previous_episodes": "yes"})
    response = client.post("/rugtest/stap/2/", {"sudden_severe_pain": "yes"}, follow=True)
    html = response.content.decode()
    assert 'data-level="emergency"' in html and 'href="tel:112"' in html


def test_follow_ups_are_asked_after_dont_know_too(client):
    client.post("/rugtest/stap/1/", {"age": "44", "duration_weeks": "2", "pain_score": "3", "previous_episodes": "yes"})
    client.post("/rugtest/stap/2/", {q.id: "no" for q in questions.PAGE_BY_ID["2"].questions})
    client.post("/rugtest/stap/3/", {q.id: "no" for q in questions.PAGE_BY_ID["3"].questions})
    response = client.post("/rugtest/stap/4/", {
        "leg_pain_below_knee": "unknown", "walking_legs_relief_bending": "no",
        "morning_stiffness": "unknown", "pain_uncontrolled": "no",
    })
    assert response["Location"] == "/rugtest/stap/4b/"
    html = client.get("/rugtest/stap/4b/").content.decode()
    for qid in ("leg_pain_dominant", "cough_sneeze_pain", "leg_numb_tingling", "better_with_movement"):
        assert f'name="{qid}" value="unknown"' in html


def test_steps_5_and_6_offer_yes_and_no_only_and_say_why_they_are_asked(client):
    walk_to = {"age": "44", "duration_weeks": "8", "pain_score": "3", "previous_episodes": "yes"}
    client.post("/rugtest/stap/1/", walk_to)
    client.post("/rugtest/stap/2/", {q.id: "no" for q in questions.PAGE_BY_ID["2"].questions})
    client.post("/rugtest/stap/3/", {q.id: "no" for q in questions.PAGE_BY_ID["3"].questions})
    client.post("/rugtest/stap/4/", {q.id: "no" for q in questions.PAGE_BY_ID["4"].questions})
    html5 = client.get("/rugtest/stap/5/").content.decode()
    assert 'name="heavy_work" value="yes"' in html5 and 'name="heavy_work" value="unknown"' not in html5
    assert "U mag elke vraag overslaan" in html5
    assert client.post("/rugtest/stap/5/", {})["Location"] == "/rugtest/stap/6/"
    html6 = client.get("/rugtest/stap/6/").content.decode()
    assert "Stap 6 van 6" in html6 and "U mag elke vraag overslaan" in html6
    assert 'name="stress" value="no"' in html6 and 'name="stress" value="unknown"' not in html6
    assert client.post("/rugtest/stap/6/", {})["Location"] == "/rugtest/uitslag/"


def test_step_6_answers_stay_closed_on_the_result_until_opened(client):
    response = walk(client, {**CASES["E-09"]["answers"], "low_mood": "yes", "stress": "yes"})
    html = response.content.decode()
    assert 'data-support="gp_talk"' in html
    details = html[html.index('<details class="private">'):]
    # A-MOOD and the factors sit inside a closed <details>, never in the open page.
    assert "113" not in html[:html.index('<details class="private">')]
    assert 'data-advice="A-MOOD"' in details and 'data-factor="F-MOOD"' in details
    assert "<details class=\"private\" open" not in html


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
def test_a_gp_result_with_low_mood_gives_the_113_line_behind_the_closed_section(client, prefix):
    """triage-rules.md, A-MOOD: at level `gp` too, a person who often felt down reads where to
    call (113, 0800-0113) when thinking of ending their life."""
    response = walk(client, {**CASES["E-05"]["answers"], "low_mood": "yes"}, prefix=prefix)
    assert level_of(response) == "gp"
    html = response.content.decode()
    private = html.index('<details class="private">')
    assert "0800-0113" not in html[:private]
    details = html[private:html.index("</details>", private)]
    assert 'data-advice="A-MOOD"' in details
    assert "113" in details and "0800-0113" in details


def test_an_answered_step_leads_on_in_its_own_language(client):
    answers = {"age": "45", "duration_weeks": "2", "pain_score": "5", "previous_episodes": "no"}
    for prefix in ("/en", "", "/en"):  # the address of the next step is kept per language
        response = client.post(f"{prefix}/rugtest/stap/1/", answers)
        assert response.status_code == 302 and response["Location"] == f"{prefix}/rugtest/stap/2/"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")])
def test_several_causes_read_as_one_sentence_without_a_capital_after_a_comma(client, prefix, lang):
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    response = walk(client, {**selfcare, "causes": ["awkward_posture", "work"]}, prefix=prefix)
    rows = [row for row in parse(response).find("main").find_all("tr") if len(row.find_all("td")) == 2]
    answer = next(row.find_all("td")[1].words() for row in rows if row.find_all("td")[1].words().startswith(
        {"nl": "Lang in een verkeerde houding", "en": "Sitting or standing in an awkward"}[lang]))
    first, second = answer.split(", ")
    assert second == {"nl": "mijn werk", "en": "my work"}[lang]
