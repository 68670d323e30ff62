"""The walking programme pages, as a signed-in person uses them (Django's test client)."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from factories import CASES, give_result, make_programme, make_user
from helpers import walk, walk_form
from rugtest.programme.models import Programme, WalkEntry
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = make_user()
    client.force_login(user)
    return user


def test_everyone_can_read_the_programme_without_an_account(client):
    response = client.get("/rugoefening/")
    assert response.status_code == 200
    assert "drie keer" in response.content.decode()


def test_a_signed_in_person_without_a_rugtest_is_sent_to_the_rugtest_first(client, person):
    html = client.get("/rugoefening/").content.decode()
    assert "Doe eerst de rugtest" in html
    assert client.get("/rugoefening/beginnen/")["Location"] == "/rugoefening/"


def test_a_rugtest_taken_while_signed_in_is_kept(client, person):
    walk(client, CASES["E-10"]["answers"])
    walk(client, CASES["E-10"]["answers"])  # the same result twice is kept once
    assert RugtestResult.objects.filter(user=person).count() == 1
    assert "Begin met de rugoefening" in client.get("/rugoefening/").content.decode()


def test_a_rugtest_taken_before_signing_up_is_kept_once_the_person_says_it_is_theirs(client):
    walk(client, CASES["E-09"]["answers"])
    response = client.post("/accounts/signup/", {
        "email": "new@example.org", "password1": "walking-every-day-9", "password2": "walking-every-day-9",
    })
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.org")
    assert user.password.startswith("argon2")
    assert not RugtestResult.objects.filter(user=user).exists()
    client.force_login(user)
    assert client.get("/rugoefening/")["Location"] == "/rugoefening/uitslag-in-deze-browser/?next=/rugoefening/"
    client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "yes", "next": "/rugoefening/"})
    assert RugtestResult.objects.get(user=user).outcome["level"] == CASES["E-09"]["expect"]["level"]


@pytest.mark.parametrize("case_id", ["E-03", "E-04"])
def test_W_1_not_now_after_an_urgent_result_has_no_start_button_and_refuses_a_start(client, person, case_id):
    give_result(person, case_id)
    html = client.get("/rugoefening/").content.decode()
    assert 'href="/rugoefening/beginnen/"' not in html
    response = client.post("/rugoefening/beginnen/", {"baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on"})
    assert response.status_code == 302
    assert not Programme.objects.exists()


def test_W_1_ask_gp_first_needs_the_gp_tick(client, person):
    give_result(person, "E-05")
    data = {"baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on"}
    response = client.post("/rugoefening/beginnen/", data)
    assert response.status_code == 200
    assert "Vink eerst aan dat uw huisarts het goed vindt." in response.content.decode()
    assert not Programme.objects.exists()
    client.post("/rugoefening/beginnen/", {**data, "gp_agrees": "on"})
    assert Programme.objects.get().gp_agreed_on == timezone.localdate()


def test_W_2_start_with_a_direct_baseline_shows_todays_target(client, person):
    give_result(person)
    data = {"baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on"}
    response = client.post("/rugoefening/beginnen/", data, follow=True)
    html = response.content.decode()
    assert Programme.objects.get().baseline_minutes == 10
    assert re.search(r'class="big">8</span>', html)
    assert "Vandaag: dag 1 van 84" in html


def test_issue_19_starting_takes_one_number_and_the_other_questions_never_block(client, person):
    """Issue 19: "Starting the programme takes one number"; the first measurement (O-2) is
    offered after the start, not required."""
    give_result(person)
    html = client.get("/rugoefening/beginnen/").content.decode()
    assert "Hoeveel minuten kunt u nu makkelijk wandelen?" in html
    response = client.post("/rugoefening/beginnen/", {"baseline_minutes": "12"}, follow=True)
    assert Programme.objects.get().baseline_minutes == 12
    assert "Vandaag: dag 1 van 84" in response.content.decode()
    assert 'href="/rugoefening/meting/"' in response.content.decode()


def test_W_2_start_with_test_walks_takes_the_rounded_down_mean(client, person):
    give_result(person)
    client.post("/rugoefening/beginnen/", {"baseline_method": "test_walks", "test_walk_1": "6", "test_walk_2": "9", "test_walk_3": "8"})
    assert Programme.objects.get().baseline_minutes == 7


@pytest.mark.parametrize(
    "data, message",
    [
        ({"baseline_method": "direct", "baseline_minutes": "61", "confirm_past_week": "on"},
         "Kunt u langer dan 60 minuten makkelijk wandelen? Vul dan 60 in."),
        ({"baseline_method": "direct", "baseline_minutes": "0"}, "Vul een heel getal in van 1 tot en met 60."),
        ({"baseline_method": "test_walks", "test_walk_1": "6"}, "Vul ten minste 2 proefwandelingen in."),
        ({}, "Vul hier een getal in."),
    ],
)
def test_W_2_bad_baseline_gets_a_clear_message(client, person, data, message):
    give_result(person)
    response = client.post("/rugoefening/beginnen/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Programme.objects.exists()


def test_W_8_logging_a_walk_shows_it_today(client, person):
    make_programme(person)
    response = client.post("/rugoefening/wandeling/", walk_form(minutes="9", pain_after="3"), follow=True)
    assert "9 minuten gelopen" in response.content.decode()
    entry = WalkEntry.objects.get()
    assert (entry.minutes, entry.pain_after) == (9, 3)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"minutes": "181"}, "Vul een heel getal in van 0 tot en met 180."),
        ({"minutes": "-1"}, "Vul een heel getal in van 0 tot en met 180."),
        ({"minutes": "abc"}, "Vul een heel getal in van 0 tot en met 180."),
        ({"pain_after": "11"}, "Kies een getal van 0 tot en met 10."),
        ({"note": "x" * 10000}, "Schrijf hooguit 500 tekens."),
        ({"part": "night"}, "Kies ochtend, middag of avond."),
        ({"date": "2999-01-01"}, "toekomst"),
        ({"date": "2000-01-01"}, "vóór het begin"),
        ({"date": "gisteren"}, "Vul een datum in"),
        ({"warning_signs": ["itching"]}, "Kies alleen klachten uit de lijst."),
    ],
)
def test_W_8_bad_walk_input_gets_a_message_and_saves_nothing(client, person, changes, message):
    make_programme(person, days_ago=3)
    response = client.post("/rugoefening/wandeling/", walk_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WalkEntry.objects.exists()


def test_W_8_bad_input_in_english_gets_an_english_message(client, person):
    make_programme(person)
    response = client.post("/en/rugoefening/wandeling/", walk_form(minutes="181"))
    assert "Please fill in a whole number from 0 to 180." in response.content.decode() or "0 to 180" in response.content.decode()


def test_W_8_a_double_submit_keeps_one_entry(client, person):
    make_programme(person)
    client.post("/rugoefening/wandeling/", walk_form(minutes="8", pain_after="4"))
    client.post("/rugoefening/wandeling/", walk_form(minutes="8"))
    assert WalkEntry.objects.count() == 1


@pytest.mark.parametrize("lang, words", [("nl", "U heeft deze wandeling al ingevuld: 8 minuten."),
                                         ("en", "You have already filled in this walk: 8 minutes.")])
def test_W_8_a_new_walk_never_writes_over_one_already_logged(client, person, lang, words):
    """A second "Wandeling invullen" for the same date and part asks instead of replacing the
    first walk and its pain scores; the page links to that walk."""
    make_programme(person)
    prefix = "" if lang == "nl" else "/en"
    client.post(prefix + "/rugoefening/wandeling/", walk_form(minutes="8", pain_after="4"))
    response = client.post(prefix + "/rugoefening/wandeling/", walk_form(minutes="7"))
    html = response.content.decode()
    entry = WalkEntry.objects.get()
    assert response.status_code == 200 and words in html
    assert f'href="{prefix}/rugoefening/wandeling/{entry.id}/"' in html
    assert (entry.minutes, entry.pain_after) == (8, 4)
    assert 'value="7"' in html  # what was typed stays


def test_D_5_the_log_form_offers_a_part_not_logged_yet_today(client, person):
    programme = make_programme(person)
    for _ in range(3):
        html = client.get("/rugoefening/wandeling/").content.decode()
        offered = re.search(r'name="part" value="(\w+)"[^>]*checked', html).group(1)
        assert not programme.entries.filter(part=offered).exists()
        client.post("/rugoefening/wandeling/", walk_form(part=offered))
    assert programme.entries.count() == 3


def test_W_8_an_entry_can_be_corrected_and_deleted(client, person):
    programme = make_programme(person, days_ago=2)
    entry = WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=5)
    client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(date=programme.start.isoformat(), minutes="7"))
    entry.refresh_from_db()
    assert entry.minutes == 7
    client.post(f"/rugoefening/wandeling/{entry.id}/wissen/")
    assert not WalkEntry.objects.exists()


def test_someone_elses_entry_is_not_found(client, person):
    other = make_programme(make_user("bob@example.org"))
    entry = WalkEntry.objects.create(programme=other, date=other.start, part="morning", minutes=5)
    make_programme(person)
    assert client.get(f"/rugoefening/wandeling/{entry.id}/").status_code == 404
    assert client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form()).status_code == 404
    assert client.post(f"/rugoefening/wandeling/{entry.id}/wissen/").status_code == 404
    assert WalkEntry.objects.get(id=entry.id).minutes == 5


def test_W_9_fever_stops_the_plan_and_shows_the_rugtest_advice(client, person):
    make_programme(person, days_ago=3)
    assert 'href="/rugoefening/wandeling/' in client.get("/rugoefening/").content.decode()
    response = client.post("/rugoefening/wandeling/", walk_form(minutes="0", warning_signs=["fever"], confirm_signs="yes"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/rugoefening/"
    assert 'data-level="urgent"' in html
    assert "Bel vandaag nog uw huisarts" in html
    assert "Koorts" in html
    # A stopped plan offers no way to log a walk as if nothing happened (W-9).
    assert 'href="/rugoefening/wandeling/' not in html
    assert "Wandeling invullen" not in html
    assert client.get("/rugoefening/voortgang/").status_code == 200


@pytest.mark.parametrize(
    "age, aneurysm, expected",
    [(35, "no", "Bel vandaag nog uw huisarts"), (60, "no", "Bel nu 112"), (35, "unknown", "Bel nu 112")],
)
def test_W_9_sudden_severe_pain_depends_on_the_latest_rugtest(client, person, age, aneurysm, expected):
    make_programme(person, age=age, known_aneurysm=aneurysm)
    html = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["sudden_severe_pain"]), follow=True).content.decode()
    assert expected in html
    if expected.startswith("Bel vandaag"):
        # D-15: the condition for 112 in the sentence of the sign
        # (112 is a tap-to-call link inside the sentence: issue 20)
        assert 'Voelt u zich bij deze pijn ook flauw, bleek of zweterig? Bel dan <a href="tel:112">112</a>.' in html


def test_W_9_a_warning_sign_cannot_be_deleted_or_removed(client, person):
    make_programme(person)
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["leg_weakness"], confirm_signs="yes"))
    entry = WalkEntry.objects.get()
    client.post(f"/rugoefening/wandeling/{entry.id}/wissen/")
    client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(minutes="5"))
    entry.refresh_from_db()
    assert entry.warning_signs == ["leg_weakness"]


def test_W_1_after_a_stop_a_new_programme_needs_a_new_rugtest(client, person):
    make_programme(person)
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["fever"], confirm_signs="yes"))
    assert client.get("/rugoefening/beginnen/").status_code == 302
    give_result(person, "E-10")
    assert client.get("/rugoefening/beginnen/").status_code == 200


def test_W_10_rising_pain_asks_the_question_and_yes_stops_the_plan(client, person):
    programme = make_programme(person, days_ago=10)
    for day in range(10):
        pain = 1 if day < 2 else 5
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(
                programme=programme, date=programme.start + dt.timedelta(days=day), part=part, minutes=10, pain_after=pain
            )
    html = client.get("/rugoefening/").content.decode()
    assert "Wordt uw pijn steeds erger?" in html
    client.post("/rugoefening/pijn/", {"pain_worsening": "no"})
    assert "Wordt uw pijn steeds erger?" in client.get("/rugoefening/").content.decode()
    html = client.post("/rugoefening/pijn/", {"pain_worsening": "yes"}, follow=True).content.decode()
    assert "Maak een afspraak bij uw huisarts" in html
    assert 'data-level="gp"' in html


@pytest.mark.parametrize("sign, level", [("sudden_severe_pain", "emergency"), ("fever", "urgent"),
                                         ("pain_worsening", "gp")])
def test_W_9_a_stop_comes_first_on_the_programme_page_with_nothing_that_says_otherwise(client, person, sign, level):
    """An emergency sign is acted on at once: the stop advice is the first thing after the
    page's title; no "who can help: you can do this yourself", no measurement offer."""
    make_programme(person, days_ago=21, age=60)
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=[sign], confirm_signs="yes"))
    html = client.get("/rugoefening/").content.decode()
    main = html[html.index("<main"):]
    after_title = main[main.index("</h1>"):]
    assert after_title.index(f'data-level="{level}"') < 400, after_title[:400]
    assert "Wie kan u helpen?" not in main and "data-moment=" not in main
    assert ("Uw schema staat stil" in main) == (level == "gp")
    assert ("De rugoefening is gestopt" in main) == (level != "gp")


def test_W_10_rising_pain_asks_the_question_also_after_day_84(client, person):
    """W-10 asks "while pain_trend_alert is true"; W-7: after day 84 the person keeps walking."""
    programme = make_programme(person, days_ago=90)
    today = timezone.localdate()
    for day in [programme.start, programme.start + dt.timedelta(days=1)] + [today - dt.timedelta(days=d) for d in (1, 2, 3)]:
        pain = 1 if day < programme.start + dt.timedelta(days=2) else 5
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(programme=programme, date=day, part=part, minutes=10, pain_after=pain)
    html = client.get("/rugoefening/").content.decode()
    assert "Gefeliciteerd" in html and "Wordt uw pijn steeds erger?" in html
    html = client.post("/rugoefening/pijn/", {"pain_worsening": "yes"}, follow=True).content.decode()
    assert "Maak een afspraak bij uw huisarts" in html and "Gefeliciteerd" not in html
    assert "Wordt uw pijn steeds erger?" not in html  # stopped: asked no more


def test_W_11_history_shows_table_chart_and_weeks(client, person):
    programme = make_programme(person, days_ago=8, baseline=10)
    for day in range(8):
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(
                programme=programme, date=programme.start + dt.timedelta(days=day), part=part, minutes=12, pain_after=2
            )
    html = client.get("/rugoefening/voortgang/").content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "36 van 24 minuten, gehaald" in html  # day 0: 3 × 12 walked, goal 3 × 8
    assert "U haalde uw doel op 100% van de dagen." in html
    # W-11 per week, each week one line that opens on tap: minutes, completed days, mean pain
    week_1 = re.search(r'<details class="week" data-week="1">(.*?)</details>', html, re.S).group(1)
    assert "Week 1: 7 dagen gehaald" in week_1
    assert "252 minuten gewandeld." in week_1 and "Gemiddelde pijn na het wandelen: 2,0." in week_1  # decimal comma
    assert re.search(r'<details class="week" open data-week="2">', html)  # the current week open
    # The current week is not over: its line says so, not as a failed week; an ended one does not.
    week_2 = re.search(r'<details class="week" open data-week="2">(.*?)</details>', html, re.S).group(1)
    assert re.search(r"Week 2, nog bezig: \d+ dag(en)? gehaald", week_2)
    assert "nog bezig" not in week_1
    assert re.search(r'<rect class="bar" x="[0-9.]+" y="[0-9.]+"', html)  # SVG numbers are never localised


def test_days_follow_europe_amsterdam_across_daylight_saving(client, person):
    # 28 March 2026, 23:30 UTC is already 29 March in Amsterdam (the night the clocks change).
    instant = dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        make_programme(person, days_ago=1)
        response = client.post("/rugoefening/wandeling/", walk_form(date="2026-03-29", minutes="9"))
    assert response.status_code == 302
    assert WalkEntry.objects.get().date == dt.date(2026, 3, 29)


def test_programme_pages_need_an_account(client):
    for url in ("/rugoefening/beginnen/", "/rugoefening/wandeling/", "/rugoefening/voortgang/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_W_9_a_sign_logged_after_the_stop_still_shows_its_more_urgent_advice(client, person):
    programme = make_programme(person, days_ago=4)
    WalkEntry.objects.create(programme=programme, date=programme.start + dt.timedelta(days=1), part="morning",
                             minutes=10, warning_signs=["pain_worsening"])
    assert "Maak een afspraak bij uw huisarts" in client.get("/rugoefening/").content.decode()
    html = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["bladder_bowel"]), follow=True).content.decode()
    assert "Bel nu meteen uw huisarts" in html
    assert 'data-level="emergency"' in html


def test_W_9_sudden_severe_pain_is_judged_on_the_most_recent_rugtest(client, person):
    make_programme(person, age=40, known_aneurysm="no")
    give_result(person, "E-09", age=41, known_aneurysm="unknown")
    html = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["sudden_severe_pain"]), follow=True).content.decode()
    assert "Bel nu 112" in html


def test_W_1_taking_the_rugtest_again_with_the_same_answers_reopens_a_stopped_programme(client, person):
    walk(client, CASES["E-09"]["answers"])
    client.post("/rugoefening/beginnen/", {"baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on"})
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["fever"], confirm_signs="yes"))
    assert client.get("/rugoefening/beginnen/").status_code == 302
    client.get("/rugtest/uitslag/")  # a reload of the old result does not count
    assert client.get("/rugoefening/beginnen/").status_code == 302
    client.post("/rugtest/opnieuw/", {"confirm": "yes"})
    walk(client, CASES["E-09"]["answers"])
    assert client.get("/rugoefening/beginnen/").status_code == 200


def test_W_1_optional_after_acute_pain_says_it_usually_eases_and_moving_matters_most(client, person):
    give_result(person, "E-08")
    html = client.get("/rugoefening/").content.decode()
    # D-18: "wordt minder", not "gaat over"
    assert ("wordt meestal binnen een paar weken vanzelf minder; vaak merkt u binnen twee weken al verschil. "
            "Soms duurt het langer of komt het terug; dat is niet gevaarlijk.") in html
    assert "Het belangrijkste is dat u in beweging blijft." in html
    assert 'href="/rugoefening/beginnen/"' in html


def test_a_double_click_on_start_makes_one_programme(client, person):
    give_result(person)
    data = {"baseline_method": "direct", "baseline_minutes": "10", "confirm_past_week": "on"}
    client.post("/rugoefening/beginnen/", data)
    response = client.post("/rugoefening/beginnen/", data)
    assert response["Location"] == "/rugoefening/"
    assert Programme.objects.count() == 1


def test_W_11_today_s_walks_come_before_the_start_measurement_and_who_can_help(client, person):
    """The most important thing first: the day's target, then the offer of the start
    measurement (O-2) and the support line (W-1)."""
    make_programme(person, days_ago=1)
    html = client.get("/rugoefening/").content.decode()
    target = html.index('class="target"')
    assert target < html.index('data-moment="start"') and target < html.index('class="support"')


@pytest.mark.parametrize("prefix, words", [("", "Kunt u langer dan 60 minuten makkelijk wandelen? Vul dan 60 in."),
                                           ("/en", "Can you walk easily for longer than 60 minutes? Then fill in 60.")])
def test_W_2_a_start_time_above_60_says_what_to_fill_in(client, person, prefix, words):
    give_result(person, "E-09")
    response = client.post(prefix + "/rugoefening/beginnen/", {"baseline_minutes": "999"})
    assert response.status_code == 200 and words in response.content.decode()
    assert not Programme.objects.exists()


def test_W_10_the_pain_question_s_address_opened_leads_to_the_programme_page(client, person):
    make_programme(person)
    response = client.get("/rugoefening/pijn/")
    assert response.status_code == 302 and response["Location"] == "/rugoefening/"


@pytest.mark.parametrize("prefix, words", [("", "Status: gestopt op 12 november 2026."),
                                           ("/en", "Status: stopped on 12 November 2026.")])
def test_W_11_the_progress_page_says_the_date_the_programme_stopped(client, person, prefix, words):
    """W-11 "State: stopped (W-9, with the date and the advice)": the date of the sign."""
    programme = make_programme(person)
    Programme.objects.filter(pk=programme.pk).update(start=dt.date(2026, 11, 10))
    WalkEntry.objects.create(programme=programme, date=dt.date(2026, 11, 12), part="morning", minutes=0,
                             warning_signs=["fever"])
    html = re.sub(r"\s+", " ", client.get(prefix + "/rugoefening/voortgang/").content.decode())
    assert words in html


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("days_ago", [30, 90])
@pytest.mark.parametrize("prefix, question", [
    ("", "Uw pijncijfers zijn de laatste twee weken hoger geworden. Wordt uw pijn steeds erger?"),
    ("/en", "Your pain scores have gone up over the last two weeks. Is your pain getting worse and worse?"),
])
def test_W_10_the_pain_question_is_the_first_thing_after_the_title(client, person, days_ago, prefix, question):
    """W-10 asks the pain_worsening question "at the top": on day 30 (a check-in and its
    measurement due) and after day 84 (the closing summary and the last measurement), nothing
    stands between the page's title and the question."""
    programme = make_programme(person, days_ago=days_ago)
    today = timezone.localdate()
    first_days = [programme.start, programme.start + dt.timedelta(days=1)]  # 6 scores of 1
    last_days = [today - dt.timedelta(days=d) for d in (1, 2, 3)]  # 9 scores of 5 in the last 14 days
    for day in first_days + last_days:
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(programme=programme, date=day, part=part, minutes=10,
                                     pain_after=1 if day in first_days else 5)
    html = client.get(prefix + "/rugoefening/").content.decode()
    after_title = html[html.index("</h1>") + len("</h1>"):]
    assert visible_text(after_title).startswith(question)
    assert 'data-moment="' in after_title  # a measurement is due, below the question


def stopped_on_12_november(person, signs=("bladder_bowel", "fever")):
    """A programme begun on 10 November 2026 and stopped on the 12th by an emergency sign (W-9)."""
    programme = make_programme(person)
    Programme.objects.filter(pk=programme.pk).update(start=dt.date(2026, 11, 10))
    WalkEntry.objects.create(programme=programme, date=dt.date(2026, 11, 12), part="morning", minutes=5,
                             warning_signs=list(signs))
    return programme


def plan_part(html: str) -> str:
    """The person's own part of the programme page: from the title to the explanation for everyone."""
    return html[html.index("</h1>"):html.index('id="waarom"')]


@pytest.mark.parametrize("prefix, stop_first, new_start, previous", [
    ("", "Uw rugoefening De rugoefening is gestopt", "Een nieuwe rugoefening beginnen",
     "Uw vorige schema stopte op 12 november 2026, omdat u deze klachten meldde: "
     "Sinds kort moeite met plassen, of u kunt uw plas of ontlasting niet meer goed ophouden Koorts: 38 °C of hoger"),
    ("/en", "Your walking programme The walking programme has stopped", "Start a new walking programme",
     "Your previous plan stopped on 12 November 2026, because you reported these symptoms:"),
])
def test_W_1_W_9_after_an_emergency_stop_only_a_new_rugtest_that_allows_a_start_comes_before_the_stop(
        client, person, prefix, stop_first, new_start, previous):
    """W-9: after an emergency sign the page opens with its advice and call buttons, also after
    a new rugtest that says "not now" (W-1). A new rugtest that allows a new programme (every
    warning sign "Nee") puts the new start first; the old stop follows, dated, without the
    emergency box or its call buttons, so that the person does not think they have a new
    emergency."""
    stopped_on_12_november(person)
    for case_id in (None, "E-03"):  # no rugtest since the sign; then one that says "not now"
        if case_id:
            give_result(person, case_id)
        mine = plan_part(client.get(prefix + "/rugoefening/").content.decode())
        assert visible_text(mine).startswith(stop_first)
        assert mine.index('data-level="emergency"') < mine.index('href="tel:')
        assert f'href="{prefix}/rugoefening/beginnen/"' not in mine and "vorige-rugoefening" not in mine
        progress = client.get(prefix + "/rugoefening/voortgang/").content.decode()
        assert 'data-level="emergency"' in progress and "vorige-rugoefening" not in progress
    give_result(person, "E-09")  # taken after the sign: recommended
    html = client.get(prefix + "/rugoefening/").content.decode()
    mine = plan_part(html)
    text = visible_text(mine)
    assert text.startswith(new_start)
    assert mine.index(f'href="{prefix}/rugoefening/beginnen/"') < mine.index("vorige-rugoefening")
    assert previous in text
    assert "data-level=" not in mine and 'class="level' not in mine
    assert 'href="tel:' not in mine
    # the warning signs and what to do stay on the page, one tap away
    assert f'href="{prefix}/rugoefening/#stoppen"' in mine and 'id="stoppen"' in html
    # the progress page tells the stop the same way: dated and calm, after the new rugtest
    progress = client.get(prefix + "/rugoefening/voortgang/").content.decode()
    assert '<h2 id="vorige-rugoefening">' in progress and previous in visible_text(progress)
    assert 'data-level="emergency"' not in progress and 'href="tel:' not in progress.split("<footer")[0]


def test_a_start_form_sent_again_from_a_second_tab_keeps_the_first_start_and_says_so(client, person):
    """Two tabs with the start form: the first starts the programme with 10 minutes; the second,
    sent after it with 20, changes nothing and the person reads that it was not saved."""
    give_result(person)
    client.post("/rugoefening/beginnen/", {"baseline_minutes": "10"})
    response = client.post("/rugoefening/beginnen/", {"baseline_minutes": "20"}, follow=True)
    assert Programme.objects.get().baseline_minutes == 10
    html = response.content.decode()
    assert ("Uw rugoefening was al begonnen, met een begintijd van 10 minuten. Wat u net nog eens invulde, "
            "is niet opgeslagen.") in html
    assert re.search(r'class="big">8</span>', html)
    # Only opening the start page again (no form sent) says nothing of the kind.
    assert "was al begonnen" not in client.get("/rugoefening/beginnen/", follow=True).content.decode()
    english = client.post("/en/rugoefening/beginnen/", {"baseline_minutes": "20"}, follow=True)
    assert ("Your walking programme had already started, with a starting time of 10 minutes. What you just "
            "filled in again has not been saved.") in (
        english.content.decode())
