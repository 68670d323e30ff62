"""W-14 and W-1: the check-in after 3 to 4 weeks and the "who can help" line (test client)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from factories import make_programme, make_user
from rugtest.programme.models import CheckIn, CheckInLater
from rugtest.programme.selectors import plan_for

pytestmark = pytest.mark.django_db

CHECKIN_FORM = 'action="/rugoefening/hoe-gaat-het/'


@pytest.fixture
def person(client):
    user = make_user(password=None)
    client.force_login(user)
    return user


def url(programme, lang=""):
    return f"{lang}/rugoefening/hoe-gaat-het/{programme.id}/"


@pytest.mark.parametrize("days_ago, asked", [(0, False), (20, False), (21, True), (40, True)])
def test_W_14_the_programme_page_asks_the_check_in_from_day_21(client, person, days_ago, asked):
    make_programme(person, days_ago=days_ago)
    html = client.get("/rugoefening/").content.decode()
    assert (CHECKIN_FORM in html) is asked
    if asked:  # at the top, before today's walks
        assert html.index(CHECKIN_FORM) < html.index("minuten per wandeling")


def test_W_14_better_is_stored_with_its_date_and_encourages_keeping_to_the_plan(client, person):
    programme = make_programme(person, days_ago=21)
    before = plan_for(programme, timezone.localdate()).plan
    response = client.post(url(programme), {"progress": "better", "fear_of_moving": "no"})
    assert response.status_code == 302 and response["Location"] == url(programme)
    checkin = CheckIn.objects.get(programme=programme)
    assert (checkin.date, checkin.progress, checkin.answers) == (timezone.localdate(), "better", {"fear_of_moving": "no"})
    html = client.get(url(programme)).content.decode()
    assert "Fijn dat het beter gaat" in html
    assert "Wordt uw rugpijn al 2 weken steeds erger" not in html
    # W-14: a check-in never changes a target; once answered it is not asked again today
    assert plan_for(programme, timezone.localdate()).plan == before
    assert CHECKIN_FORM not in client.get("/rugoefening/").content.decode()


def test_W_14_same_recomputes_support_from_the_new_step_6_answers(client, person):
    programme = make_programme(person, days_ago=30)  # rugtest E-09: support "self"
    client.post(url(programme), {"progress": "same", "stress": "yes", "low_mood": "yes"})
    checkin = CheckIn.objects.get(programme=programme)
    assert checkin.risk_factors == ["F-STRESS", "F-MOOD"] and checkin.support == "gp_talk"
    html = client.get(url(programme)).content.decode()
    assert "is dit het moment om met uw huisarts of een fysiotherapeut te praten" in html
    assert "Praat ook met uw huisarts" in html and "POH-GGZ" in html
    # W-1: the programme page now shows the recomputed support line
    page = client.get("/rugoefening/").content.decode()
    assert 'data-support="gp_talk"' in page and "Praat er ook over met uw huisarts." in page
    # W-11: the progress view shows the check-in
    history = client.get("/rugoefening/voortgang/").content.decode()
    assert f'data-progress-date="{checkin.date.isoformat()}"' in history and "Ongeveer hetzelfde" in history


def test_W_14_worse_asks_the_pain_worsening_question_and_yes_stops_the_plan(client, person):
    programme = make_programme(person, days_ago=25)
    client.post(url(programme), {"progress": "worse"})
    html = client.get(url(programme)).content.decode()
    assert "Wordt uw rugpijn al 2 weken steeds erger" in html
    assert 'action="/rugoefening/pijn/"' in html
    client.post("/rugoefening/pijn/", {"pain_worsening": "yes"})
    view = plan_for(programme, timezone.localdate())
    assert view.state == "stopped" and view.stop_advice.sign == "pain_worsening"
    page = client.get("/rugoefening/").content.decode()
    assert "Maak een afspraak bij uw huisarts" in page
    assert CHECKIN_FORM not in page  # W-14: only while the programme is active


def test_W_14_worse_and_no_keeps_the_plan(client, person):
    programme = make_programme(person, days_ago=25)
    client.post(url(programme), {"progress": "worse"})
    client.post("/rugoefening/pijn/", {"pain_worsening": "no"})
    assert plan_for(programme, timezone.localdate()).state == "active"


def test_W_14_not_now_hides_it_for_that_day_and_is_not_a_check_in(client, person):
    programme = make_programme(person, days_ago=22)
    response = client.post(url(programme), {"later": "1"})
    assert response.status_code == 302
    assert CheckInLater.objects.filter(programme=programme, date=timezone.localdate()).exists()
    assert not CheckIn.objects.exists()
    assert CHECKIN_FORM not in client.get("/rugoefening/").content.decode()
    # tomorrow it is asked again: "not now" is for that day only
    CheckInLater.objects.update(date=timezone.localdate() - dt.timedelta(days=1))
    assert CHECKIN_FORM in client.get("/rugoefening/").content.decode()


@pytest.mark.parametrize("data, message", [
    ({}, "Kies een van de antwoorden."),
    ({"progress": "great"}, "Kies een van de antwoorden."),
    ({"progress": "same", "stress": "unknown"}, "Kies Ja of Nee, of sla de vraag over."),
    ({"progress": "same", "low_mood": "maybe"}, "Kies Ja of Nee, of sla de vraag over."),
])
def test_W_14_bad_input_gets_a_clear_message_and_nothing_is_saved(client, person, data, message):
    programme = make_programme(person, days_ago=21)
    response = client.post(url(programme), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CheckIn.objects.exists() and not CheckInLater.objects.exists()


def test_W_14_bad_input_in_english(client, person):
    programme = make_programme(person, days_ago=21)
    response = client.post(url(programme, "/en"), {"progress": "great"})
    assert "Choose one of the answers." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_W_14_another_persons_programme_is_a_404_and_nothing_is_saved(client, person):
    other = make_programme(make_user("bob@example.org", password=None), days_ago=21)
    for data in ({"progress": "better"}, {"later": "1"}):
        assert client.post(url(other), data).status_code == 404
    assert client.get(url(other)).status_code == 404
    assert client.get("/rugoefening/hoe-gaat-het/99999/").status_code == 404
    assert not CheckIn.objects.exists() and not CheckInLater.objects.exists()


def test_W_14_a_check_in_that_is_not_due_is_refused_and_not_saved(client, person):
    programme = make_programme(person, days_ago=10)
    response = client.post(url(programme), {"progress": "better"})
    assert response.status_code == 200
    assert "U hoeft deze vragen nu niet te beantwoorden." in response.content.decode()
    assert not CheckIn.objects.exists()
    assert client.get(url(programme))["Location"] == "/rugoefening/"


def test_W_14_a_check_in_needs_an_account(client):
    programme = make_programme(make_user(password=None), days_ago=21)
    response = client.post(url(programme), {"progress": "better"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CheckIn.objects.exists()


def test_W_14_answering_twice_on_one_day_keeps_one_check_in(client, person):
    programme = make_programme(person, days_ago=21)
    client.post(url(programme), {"progress": "better"})
    client.post(url(programme), {"progress": "worse"})
    assert list(CheckIn.objects.values_list("progress", flat=True)) == ["worse"]


@pytest.mark.parametrize("case_id, changes, support, words", [
    ("E-09", {}, "self", "U kunt dit zelf doen."),
    ("E-14", {}, "physio", "geen verwijzing nodig"),
    ("E-15", {}, "gp_talk", "Praat er ook over met uw huisarts."),
    ("E-05", {}, "none", "Doe wat u met uw huisarts heeft afgesproken."),
])
def test_W_1_the_programme_page_shows_who_can_help(client, person, case_id, changes, support, words):
    make_programme(person, days_ago=3, case_id=case_id, **changes)
    html = client.get("/rugoefening/").content.decode()
    assert f'data-support="{support}"' in html
    assert words in html


def test_W_1_support_line_in_english(client, person):
    make_programme(person, days_ago=3, case_id="E-14")
    html = client.get("/en/rugoefening/").content.decode()
    assert "no referral" in html


@pytest.mark.parametrize("lang, words", [("", "bel dan 113"), ("/en", "call 113")])
@pytest.mark.parametrize("progress", ["better", "same", "worse"])
def test_A_MOOD_a_check_in_with_low_mood_says_where_to_call_in_a_crisis(client, person, lang, words, progress):
    """triage-rules.md A-MOOD: feeling down goes to the GP, and thoughts of ending one's life
    to 113, also when the step 6 question is answered at a check-in."""
    programme = make_programme(person, days_ago=21)
    client.post(url(programme, lang), {"progress": progress, "low_mood": "yes"})
    html = client.get(url(programme, lang)).content.decode()
    assert words in re.sub(r"<[^>]+>", "", html).lower() and 'href="tel:113"' in html
    # questionnaire.md, step 6: what the answers reveal sits in a section closed until opened
    private = re.search(r"<details class=\"private\">(.*?)</details>", html, re.S)
    assert private and 'data-advice="A-MOOD"' in private.group(1) and 'href="tel:113"' in private.group(1)
    programme.checkins.all().delete()
    client.post(url(programme, lang), {"progress": progress, "low_mood": "no"})
    assert 'href="tel:113"' not in client.get(url(programme, lang)).content.decode()
