"""Issue #8, the rugtest and account half: what a person reads on each page of a journey.

Expectations come from the issue and the spec (questionnaire.md, triage-rules.md), never
from the templates: the words a person must be able to find, and what must not be there.
"""

import json
import re
from html import unescape

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from clinical import clinical_text
from factories import CASES, make_programme, make_user
from helpers import walk
from rugtest.core import questions

pytestmark = pytest.mark.django_db

STEP1 = {"age": "56", "duration_weeks": "8", "pain_score": "5", "previous_episodes": "no"}
ALL_NO = {page: {q.id: "no" for q in questions.PAGE_BY_ID[page].questions if q.required}
          for page in ("2", "3", "4")}




def main_text(response) -> str:
    html = response.content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def title(response) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)).strip()


# --- 1. The emergency at once ------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "words"), [
    ("", ["Bel 112", "plotseling", "kruis", "plassen", "allebei uw benen", "huisartsenpost"]),
    ("/en", ["Call 112", "suddenly", "groin", "urine", "both your legs", "out-of-hours"]),
])
def test_step_2_opens_with_a_call_112_link_and_the_signs_that_mean_call_now(client, prefix, words):
    client.post(f"{prefix}/rugtest/stap/1/", STEP1)
    response = client.get(f"{prefix}/rugtest/stap/2/")
    html = response.content.decode()
    box = html[html.index('class="call-now"'):html.index("</section>", html.index('class="call-now"'))]
    assert html.index('class="call-now"') < html.index('name="saddle_numbness"'), "the box comes before the questions"
    assert 'href="tel:112"' in box
    for word in words:
        assert word in unescape(box), word


def test_step_2_says_sudden_severe_pain_alone_means_112_only_above_40(client):
    """R-AAA-1: above 40 sudden severe pain is enough; at 40 or younger it takes feeling faint (R-AAA-2)."""
    client.post("/rugtest/stap/1/", {**STEP1, "age": "56"})
    older = main_text(client.get("/rugtest/stap/2/"))
    client.post("/rugtest/opnieuw/", {"confirm": "yes"})
    client.post("/rugtest/stap/1/", {**STEP1, "age": "35"})
    younger = main_text(client.get("/rugtest/stap/2/"))
    assert "flauw" not in older.split("Bel 112")[0].split("Bel meteen.")[1]
    assert "flauw, bleek of zweterig" in younger.split("Bel 112")[0]


def test_the_emergency_result_shows_only_what_helps_now(client):
    client.post("/rugtest/stap/1/", STEP1)
    response = client.post("/rugtest/stap/2/", {"bladder_bowel": "yes"}, follow=True)
    html = response.content.decode()
    text = main_text(response)
    assert 'data-level="emergency"' in html
    assert "Bel nu meteen uw huisarts" in text and 'href="tel:112"' in html
    # What to tell the person who answers: the sign in the caller's words, and the age.
    assert "Wat zegt u aan de telefoon?" in text
    assert "Ik heb sinds kort moeite met plassen" in text and "Ik ben 56 jaar." in text
    # Nothing that does not help now.
    for absent in ("Neem dit mee", "rugoefening", "Wat kunt u zelf doen", "Lees meer over", "Print"):
        assert absent not in text, absent
    # The answers are there, but closed and after everything else.
    assert html.index("<details") > html.index("Wat zegt u aan de telefoon?")
    assert "<table" not in html[:html.index("<details")]


def test_the_112_result_puts_the_call_first_and_tells_what_to_say(client):
    client.post("/rugtest/stap/1/", {**STEP1, "age": "61"})
    response = client.post("/rugtest/stap/2/", {"sudden_severe_pain": "yes"}, follow=True)
    html = response.content.decode()
    assert html.index('href="tel:112"') < html.index('class="do"')
    assert "De pijn kwam plotseling. Hij is heel erg en blijft." in main_text(response)


# --- 2. A result to take along ------------------------------------------------------------


def test_result_says_the_date_and_has_a_print_version_without_javascript(client):
    response = walk(client, CASES["E-06"]["answers"])
    html = response.content.decode()
    today = timezone.localdate()
    assert f'<time datetime="{today.isoformat()}">' in html
    assert re.search(r'<a class="button secondary" href="\?print=1">Print deze uitslag</a>', html)
    # The report for the GP (PDF) is on the same page, as the main way to print or send it.
    assert 'action="/rugtest/uitslag.pdf"' in html
    printable = client.get("/rugtest/uitslag/?print=1").content.decode()
    assert '<body class="printing">' in printable
    assert "Gebruik de printknop of het menu van uw browser" in printable
    assert "?print=1" not in printable.split("</header>")[1]


def test_result_says_in_words_which_warning_signs_were_answered_how(client):
    answers = {**CASES["E-06"]["answers"], "night_pain": "unknown", "cancer_history": "yes"}
    html = walk(client, answers).content.decode()
    table = html[html.index('class="stack signs"'):html.index("</table>", html.index('class="stack signs"'))]
    rows = re.findall(r'<tr class="matters" data-sign="(\w+)"(?: data-rules="([^"]*)")?><td>(.*?)</td><td><strong>(.*?)</strong>', table)
    found = {qid: (unescape(re.sub(r"<[^>]+>", "", words)), answer, rules) for qid, rules, words, answer in rows}
    assert found["cancer_history"][0] == "Heeft u kanker, of heeft u kanker gehad?"
    # the rule's id for programs only, in a data- attribute, never in the words
    assert found["cancer_history"][1] == "Ja" and found["cancer_history"][2] == "R-MAL-1"
    assert found["night_pain"][1] == "Weet ik niet"
    assert found["leg_pain_below_knee"][1] == "Ja"
    assert "Op alle andere waarschuwingstekens was het antwoord 'Nee'." in unescape(html)
    # No list of bare rule ids labelled "onzeker" any more.
    assert "onzeker" not in html


def marked(response) -> dict[str, str]:
    """The answers marked in the "Alle antwoorden" tables: question → answer."""
    html = response.content.decode()
    rows = re.findall(r'<tr class="matters"><td>(.*?)</td><td><strong>(.*?)</strong>', html)
    return {unescape(question): unescape(answer) for question, answer in rows}


EARLIER = "Heeft u eerder zulke rugpijn gehad?"
# triage-rules.md: the questions a rule asks NOT of, whose "Ja" is the reassuring answer.
ASKED_NOT = re.findall(r"NOT `(\w+)`", clinical_text("triage-rules.md"))


def test_yes_and_dont_know_answers_are_marked_in_the_answer_tables(client):
    answers = {**CASES["E-06"]["answers"], "night_pain": "unknown"}
    found = marked(walk(client, answers))
    assert found["Heeft u 's nachts pijn die niet minder wordt als u stil ligt of anders gaat liggen?"] == "Weet ik niet"
    assert found["Loopt de pijn vanuit uw rug of bil door in uw been, tot onder de knie?"] == "Ja"  # R-LRS-2
    assert all(answer in ("Ja", "Weet ik niet") for answer in found.values())


@pytest.mark.parametrize("case_id", ["E-02", "E-05", "E-09", "E-10", "E-14"])
def test_earlier_back_pain_answered_yes_is_never_marked(client, case_id):
    """'Ja' to earlier back pain is the reassuring answer (R-AGE-2 fires on a first episode at
    50 or older): it is never marked as if it were a warning sign, at any age or level."""
    found = marked(walk(client, {**CASES[case_id]["answers"], "previous_episodes": "yes"}))
    assert EARLIER not in found


def test_a_first_back_pain_at_60_is_marked_and_at_30_not(client):
    """R-AGE-2, the one rule that asks NOT: a first back pain that began at 50 or later. 'Nee'
    to earlier back pain at 60 (or 'Weet ik niet') is what makes it fire and is marked; 'Ja'
    never is, and at 30 'Nee' makes no rule fire."""
    assert ASKED_NOT == ["previous_episodes"] and questions.BY_ID["previous_episodes"].nl == EARLIER
    for age, answer, shown in [(60, "no", "Nee"), (60, "unknown", "Weet ik niet"), (60, "yes", None), (30, "no", None)]:
        client.cookies.clear()
        answers = {**CASES["E-09"]["answers"], "age": age, "duration_weeks": 9, "previous_episodes": answer}
        assert marked(walk(client, answers)).get(EARLIER) == shown, (age, answer)


@pytest.mark.parametrize("qid", ["heavy_work", "off_work", "work_unhappy"])
def test_an_answer_no_rule_fires_on_is_not_marked(client, qid):
    """'Ja' to a question of step 5 makes no rule fire (triage-rules.md): not marked."""
    answers = {**CASES["E-09"]["answers"], qid: "yes"}
    found = marked(walk(client, answers))
    assert questions.BY_ID[qid].nl not in found


def test_several_dont_know_answers_are_counted_and_named(client):
    answers = {**CASES["E-06"]["answers"], "night_pain": "unknown", "weight_loss": "unknown",
               "pain_uncontrolled": "unknown"}
    text = main_text(walk(client, answers))
    assert "U antwoordde 3 keer 'Weet ik niet'" in text
    for qid in ("night_pain", "weight_loss", "pain_uncontrolled"):
        assert questions.BY_ID[qid].nl in text


def test_one_dont_know_in_english_is_said_as_once(client):
    answers = {**CASES["E-06"]["answers"], "night_pain": "unknown"}
    text = main_text(walk(client, answers, prefix="/en"))
    assert "You answered 'Don't know' once" in text


# --- 3. No contradictions on one page -----------------------------------------------------


def test_an_osteoporotic_fracture_result_does_not_say_lifting_means_no_damage(client):
    """E-07 with lifting as the cause: the outcome keeps A-CAUSE-MOVEMENT, the page does not say it."""
    answers = {**CASES["E-07"]["answers"], "causes": ["short_overload"]}
    response = walk(client, answers)
    html = response.content.decode()
    outcome = json.loads(client.get("/rugtest/uitslag.json").content)
    assert outcome["conditions"] == ["osteoporotic_fracture"]
    assert "A-CAUSE-MOVEMENT" in outcome["advice"], "the outcome stays exactly as the spec gives it"
    assert "Een ingezakte wervel door broze botten" in html
    assert 'data-advice="A-CAUSE-MOVEMENT"' not in html
    assert "niet dat er iets kapot is" not in html


def test_ordinary_back_pain_keeps_the_cause_advice(client):
    html = walk(client, CASES["E-09"]["answers"]).content.decode()
    assert 'data-advice="A-CAUSE-MOVEMENT"' in html


# --- 4. Smaller things ----------------------------------------------------------------------


def test_the_last_step_button_says_see_your_result_and_the_others_say_next(client):
    client.post("/rugtest/stap/1/", STEP1)
    for page in ("2", "3", "4"):
        assert ">Volgende</button>" in client.get(f"/rugtest/stap/{page}/").content.decode()
        client.post(f"/rugtest/stap/{page}/", ALL_NO[page])
    assert ">Volgende</button>" in client.get("/rugtest/stap/5/").content.decode()
    client.post("/rugtest/stap/5/", {})
    html = client.get("/rugtest/stap/6/").content.decode()
    assert ">Bekijk uw uitslag</button>" in html and ">Volgende</button>" not in html.split("</header>")[1]
    assert ">See your result</button>" in client.get("/en/rugtest/stap/6/").content.decode()


@pytest.mark.parametrize(("prefix", "lang_name"), [("", "English"), ("/en", "Nederlands")])
def test_switching_language_on_a_step_keeps_what_was_ticked_and_saves_nothing(client, prefix, lang_name):
    client.post(f"{prefix}/rugtest/stap/1/", STEP1)
    page = client.get(f"{prefix}/rugtest/stap/2/").content.decode()
    # The language control on a step is a button of the step's form, so it takes the answers along.
    assert re.search(rf'<button class="lang link" type="submit" form="stap" name="switch_language"[^>]*>{lang_name}</button>', page)
    response = client.post(f"{prefix}/rugtest/stap/2/", {"saddle_numbness": "no", "both_legs": "unknown",
                                                        "switch_language": "x"})
    other = "/en" if prefix == "" else ""
    assert response.status_code == 302 and response["Location"] == f"{other}/rugtest/stap/2/"
    html = client.get(response["Location"]).content.decode()
    assert 'name="saddle_numbness" value="no" checked' in html
    assert 'name="both_legs" value="unknown" checked' in html
    assert 'name="bladder_bowel" value="yes" checked' not in html
    assert "2" not in client.session["rugtest"]["done"], "a language switch is not an answer"
    # Shown once: coming back later shows the saved answers, not an old draft.
    assert 'name="both_legs" value="unknown" checked' not in client.get(f"{other}/rugtest/stap/2/").content.decode()


def test_enter_in_a_field_goes_to_the_next_step_not_to_the_other_language(client):
    """The first submit button of the step form in the page is its default button (Enter)."""
    html = client.get("/rugtest/stap/1/").content.decode()
    buttons = re.findall(r"<button[^>]*>", html)
    first = next(b for b in buttons if 'form="stap"' in b or "switch_language" in b)
    assert "switch_language" not in first and 'form="stap"' in first


@pytest.mark.parametrize(("prefix", "words"), [
    ("", ["16 jaar en ouder", "vader, moeder of verzorger", "huisarts"]),
    ("/en", ["aged 16 and over", "father, mother or carer", "GP"]),
])
@pytest.mark.parametrize("age", ["1", "12", "15"])
def test_an_age_below_16_says_who_to_ask_instead(client, prefix, words, age):
    response = client.post(f"{prefix}/rugtest/stap/1/", {**STEP1, "age": age})
    text = main_text(response)
    for word in words:
        assert word in text
    assert client.session.get("rugtest") is None or "age" not in client.session["rugtest"]["answers"]


@pytest.mark.parametrize(("prefix", "words"), [("", "Vul een heel getal in van 16 tot en met 120."),
                                               ("/en", "Please fill in a whole number from 16 to 120.")])
def test_an_age_of_0_is_a_slip_and_gets_the_range_not_the_words_for_children(client, prefix, words):
    text = main_text(client.post(f"{prefix}/rugtest/stap/1/", {**STEP1, "age": "0"}))
    assert words in text and "verzorger" not in text and "carer" not in text


def every_page(client):
    """The pages a person can meet, anonymous and signed in, with a few states."""
    from rugtest.words import CONDITION_SLUGS as SLUGS

    paths = ["/", "/rugtest/", "/medicatie/", "/rugoefening/", "/informatie/", "/over/",
             "/informatie/hoe-lang/", "/informatie/oorzaken/",
             *[f"/informatie/{slug}/" for slug in SLUGS.values()],
             "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/bestaat-niet/"]
    for prefix in ("", "/en"):
        for path in paths:
            yield prefix + path, client.get(prefix + path)
    walk(client, CASES["E-06"]["answers"])
    yield "/rugtest/uitslag/", client.get("/rugtest/uitslag/")
    for page in questions.PAGES:
        yield f"/en/rugtest/stap/{page.id}/", client.get(f"/en/rugtest/stap/{page.id}/")
    yield "step 1 with an error", client.post("/rugtest/stap/1/", {"age": "300"})
    user = make_user(password=None, verified=True)
    client.force_login(user)
    yield "/rugoefening/beginnen/", client.get("/rugoefening/beginnen/")
    make_programme(user, days_ago=3)
    for path in ("/rugoefening/", "/rugoefening/wandeling/", "/rugoefening/voortgang/", "/accounts/logout/"):
        yield path, client.get(path)


def test_every_page_title_reads_page_dash_rugtest_once(client):
    seen = 0
    for path, response in every_page(client):
        if response.status_code in (301, 302):
            continue
        name = title(response)
        assert name.endswith(" – Rugtest"), (path, name)
        assert name.count("– Rugtest") == 1, (path, name)
        page = name[: -len(" – Rugtest")].strip()
        assert page and page != "Rugtest", (path, name)
        seen += 1
    assert seen >= 45


# --- Accounts: messages and mails in the page's language, with "u" ----------------------------

INFORMAL = re.compile(r"\b(je|jij|jou|jouw)\b", re.I)
PASSWORD = "walking-every-day-9"


@pytest.fixture
def fresh_rate_limits():
    cache.clear()


def sign_up(client, prefix="", email="anna@example.org"):
    return client.post(f"{prefix}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD},
                       follow=True)


def test_signing_up_with_a_known_address_mails_in_dutch_with_u(client, fresh_rate_limits):
    make_user(email="anna@example.org", verified=True)
    sign_up(client)
    message = mail.outbox[-1]
    assert message.subject == "Rugtest: U heeft al een account"
    assert "er is al een account met dit e-mailadres" in message.body
    assert "anna@example.org" in message.body and "/accounts/password/reset/" in message.body
    assert not INFORMAL.search(message.body), message.body


def test_signing_up_in_english_with_a_known_address_mails_in_english(client, fresh_rate_limits):
    make_user(email="anna@example.org", verified=True)
    sign_up(client, prefix="/en")
    message = mail.outbox[-1]
    assert message.subject == "Rugtest: You already have an account"
    assert "there is already an account with this e-mail address" in message.body
    assert "/en/accounts/password/reset/" in message.body


@pytest.mark.parametrize(("prefix", "subject"), [
    ("", "Rugtest: Er is geen account met dit e-mailadres"),
    ("/en", "Rugtest: There is no account with this e-mail address"),
])
def test_a_password_reset_for_an_unknown_address_mails_in_the_page_language(client, fresh_rate_limits, prefix, subject):
    client.post(f"{prefix}/accounts/password/reset/", {"email": "nobody@example.org"})
    message = mail.outbox[-1]
    assert message.subject == subject
    assert f"{prefix}/accounts/signup/" in message.body
    assert not INFORMAL.search(message.body), message.body


@pytest.mark.parametrize(("prefix", "resend", "cancel"), [
    ("", "Stuur de code opnieuw", "Annuleren"), ("/en", "Send the code again", "Cancel"),
])
def test_the_code_page_has_a_visible_resend_button_and_a_quiet_cancel(client, fresh_rate_limits, prefix, resend, cancel):
    response = sign_up(client, prefix=prefix)
    html = response.content.decode()
    assert re.search(rf'<button class="secondary" form="resend"[^>]*>\s*{resend}\s*</button>', html)
    assert re.search(rf'<button class="quiet"[^>]*>\s*{cancel}\s*</button>', html)
    assert re.search(r'<button class=""[^>]*type="submit">\s*(Bevestigen|Confirm)\s*</button>', html)
    count = len(mail.outbox)
    cache.clear()
    client.post(response.request["PATH_INFO"], {"action": "resend"})
    assert len(mail.outbox) == count + 1, "the resend button sends the code again"


def test_account_pages_and_their_messages_use_u_and_say_het_e_mailadres(client, fresh_rate_limits):
    make_user(email="bob@example.org", password=PASSWORD, verified=True)
    texts = [main_text(client.get(path)) for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/")]
    texts.append(main_text(client.post("/accounts/login/", {"login": "bob@example.org", "password": "wrong-one"})))
    texts.append(main_text(client.post("/accounts/login/", {"login": "bob@example.org", "password": PASSWORD}, follow=True)))
    texts.append(main_text(client.post("/accounts/logout/", follow=True)))
    for text in texts:
        assert not INFORMAL.search(text), text[:300]
    assert "Het e-mailadres of het wachtwoord klopt niet." in texts[3]
    assert "U bent ingelogd." in texts[4] and "U bent uitgelogd." in texts[5]


@pytest.mark.parametrize(("prefix", "message"), [
    ("", "Dit wachtwoord is te kort. Het moet minstens 10 tekens lang zijn."),
    ("/en", "This password is too short. It must contain at least 10 characters."),
])
def test_a_short_password_is_refused_in_the_page_language(client, fresh_rate_limits, prefix, message):
    response = client.post(f"{prefix}/accounts/signup/", {"email": "anna@example.org", "password1": "abc", "password2": "abc"})
    assert message in main_text(response)
