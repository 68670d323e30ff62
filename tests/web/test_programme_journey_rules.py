"""The journeys around the walking programme (issue "The journeys on a phone"), with Django's
test client: from a result into the programme, the shared-browser question, the W-9 confirm
step, the words after saving a walk, the W-3 reminder and strict whole numbers."""

import datetime as dt
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from factories import CASES, give_result, make_programme, make_user
from helpers import walk
from rugtest.programme import visit
from rugtest.programme.models import Programme, WalkEntry
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db
PASSWORD = "walking-every-day-9"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The level names of triage-rules.md as the result page words them (Dutch).
LEVEL_LABELS = {"selfcare": "U kunt zelf veel doen", "urgent": "Vandaag naar de huisarts"}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def person(client):
    user = make_user(password=None)
    client.force_login(user)
    return user


def walk_form(**changes):
    data = {"date": timezone.localdate().isoformat(), "part": "morning", "minutes": "8"}
    data.update(changes)
    return data


def mailed_code():
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- From the result into the programme (W-1) ---------------------------------------------


def test_right_after_a_recommending_result_the_programme_page_knows_it_and_leads_to_an_account(client):
    walk(client, CASES["E-09"]["answers"])  # selfcare, chronic: programme recommended
    html = text(client.get("/rugoefening/"))
    assert "Doe eerst de rugtest" not in html
    assert "Uw rugtest van vandaag" in html
    assert f"Uitslag: {LEVEL_LABELS['selfcare']}." in html
    assert "Wat krijgt u met een account?" in html
    assert 'href="/accounts/signup/?next=/rugoefening/beginnen/"' in html
    assert 'href="/accounts/login/?next=/rugoefening/beginnen/"' in html


@pytest.mark.parametrize("case_id", ["E-03", "E-04"])
def test_W_1_not_now_results_never_get_a_start_or_sign_up_button(client, case_id):
    walk(client, CASES[case_id]["answers"])
    html = text(client.get("/rugoefening/"))
    assert 'data-programme="not_now"' in html
    assert "/rugoefening/beginnen/" not in html
    assert "Maak een account en begin" not in html
    assert "Begin daarom nu niet met de rugoefening" in html


def test_W_1_ask_gp_first_explains_the_gp_tick_on_the_way_in(client):
    walk(client, CASES["E-05"]["answers"])
    assert CASES["E-05"]["expect"]["programme"] == "ask_gp_first"
    html = text(client.get("/rugoefening/"))
    assert "Mijn huisarts vindt het goed dat ik begin" in html
    assert "Zonder dat vinkje kunt u niet beginnen." in html
    assert "Maak een account en begin" in html


def sign_up_with_code(client, next_url="/rugoefening/beginnen/", email="new@example.org"):
    """Sign up from the programme page and type the mailed code: where the browser is sent."""
    response = client.post(f"/accounts/signup/?next={next_url}",
                           {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": next_url})
    assert response.status_code == 302
    response = client.post(response["Location"], {"code": mailed_code()})
    assert response.status_code == 302
    return response["Location"]


def test_sign_up_from_the_programme_page_asks_whether_the_result_is_ones_own_then_lands_on_the_baseline(client):
    walk(client, CASES["E-09"]["answers"])
    assert sign_up_with_code(client) == "/rugoefening/beginnen/"
    user = get_user_model().objects.get(email="new@example.org")
    assert not RugtestResult.objects.filter(user=user).exists()  # not kept without asking
    response = client.get("/rugoefening/beginnen/")
    assert response["Location"] == "/rugoefening/uitslag-in-deze-browser/?next=/rugoefening/beginnen/"
    page = text(client.get(response["Location"]))
    assert "Uw account is klaar. Nog één vraag voordat u verdergaat." in page
    assert "Is deze uitslag van u?" in page
    assert f"Uitslag: {LEVEL_LABELS['selfcare']}." in page
    # Looking at the result page meanwhile does not keep it either.
    client.get("/rugtest/uitslag/")
    assert not RugtestResult.objects.filter(user=user).exists()
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "yes", "next": "/rugoefening/beginnen/"})
    assert response["Location"] == "/rugoefening/beginnen/"
    kept = RugtestResult.objects.get(user=user)
    assert (kept.outcome["level"], kept.outcome["programme"]) == ("selfcare", "recommended")
    page = client.get("/rugoefening/beginnen/")
    assert page.status_code == 200
    assert "De uitslag is bij uw account bewaard." in text(page)
    assert "Hoeveel minuten kunt u nu makkelijk wandelen?" in text(page)


def test_sign_up_on_a_browser_with_someone_elses_result_forgets_it_on_not_mine(client):
    walk(client, CASES["E-04"]["answers"])  # someone else's urgent result on this browser
    sign_up_with_code(client, next_url="/rugoefening/")
    user = get_user_model().objects.get(email="new@example.org")
    response = client.get("/rugoefening/")
    assert response["Location"] == "/rugoefening/uitslag-in-deze-browser/?next=/rugoefening/"
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "no", "next": "/rugoefening/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/rugoefening/"
    assert "niet bij uw account bewaard" in text(response)
    assert "Doe eerst de rugtest" in text(response)
    assert not RugtestResult.objects.filter(user=user).exists()
    assert client.get("/rugtest/uitslag/").status_code == 302  # gone from this browser too
    assert not RugtestResult.objects.filter(user=user).exists()


def test_the_english_question_after_sign_up_says_the_account_is_ready(client):
    walk(client, CASES["E-09"]["answers"], prefix="/en")
    client.post("/en/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    response = client.post("/en/accounts/confirm-email/", {"code": mailed_code()}, follow=True)
    page = text(response)
    assert "Your account is ready. One more question before you go on." in page
    assert "Is this result yours?" in page


def test_signing_in_to_another_account_after_a_sign_up_does_not_say_the_account_was_just_made(client):
    own = make_user("own@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    client.post("/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD})
    client.force_login(own)  # the code never typed; someone signs in to their own account instead
    page = text(client.get("/rugoefening/uitslag-in-deze-browser/"))
    assert "Is deze uitslag van u?" in page
    assert "Uw account is klaar" not in page


def test_signing_in_asks_without_saying_an_account_was_just_made(client):
    make_user("own@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    client.post("/accounts/login/", {"login": "own@example.org", "password": PASSWORD})
    page = text(client.get("/rugoefening/uitslag-in-deze-browser/"))
    assert "Is deze uitslag van u?" in page
    assert "Uw account is klaar" not in page


def test_an_existing_account_signs_in_from_the_programme_page_and_lands_on_the_baseline(client):
    user = make_user("own@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    response = client.post("/accounts/login/?next=/rugoefening/beginnen/",
                           {"login": "own@example.org", "password": PASSWORD, "next": "/rugoefening/beginnen/"})
    assert response["Location"] == "/rugoefening/beginnen/"
    # The browser's result may be someone else's: the start page asks first, then comes back.
    response = client.get("/rugoefening/beginnen/")
    assert response["Location"] == "/rugoefening/uitslag-in-deze-browser/?next=/rugoefening/beginnen/"
    assert not RugtestResult.objects.filter(user=user).exists()
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "yes", "next": "/rugoefening/beginnen/"})
    assert response["Location"] == "/rugoefening/beginnen/"
    assert RugtestResult.objects.get(user=user).outcome == CASES["E-09"]["expect"]
    assert client.get("/rugoefening/beginnen/").status_code == 200


def test_shared_browser_sign_in_asks_with_date_and_level_and_never_adds_silently(client):
    owner = make_user("owner@example.org", PASSWORD, verified=True)
    give_result(owner, "E-10")
    walk(client, CASES["E-04"]["answers"])  # someone else's urgent result on this browser
    session = client.session
    assert session[visit.SEEN_KEY]["run"] == session["rugtest"]["run"]
    session[visit.SEEN_KEY]["at"] = "2026-11-29T09:05:00+00:00"  # when it was shown (UTC)
    session.save()
    client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD})
    assert RugtestResult.objects.filter(user=owner).count() == 1  # not added on sign-in
    response = client.get("/rugoefening/")
    assert response.status_code == 302
    page = text(client.get(response["Location"]))
    assert "Is deze uitslag van u?" in page
    assert "29 november 2026 om 10:05" in page  # the date and time it was shown, in Amsterdam
    assert f"Uitslag: {LEVEL_LABELS['urgent']}." in page
    # Looking at the result page meanwhile does not add it either.
    client.get("/rugtest/uitslag/")
    assert RugtestResult.objects.filter(user=owner).count() == 1
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "no", "next": "/rugoefening/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/rugoefening/"
    assert "niet bij uw account bewaard" in text(response)
    assert RugtestResult.objects.filter(user=owner).count() == 1
    # "Not mine" also forgets it in this browser: it cannot be added later by a side door.
    assert client.get("/rugtest/uitslag/").status_code == 302
    assert RugtestResult.objects.filter(user=owner).count() == 1


def test_the_question_page_sends_only_to_this_site(client):
    make_user("owner@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD})
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"mine": "yes", "next": "https://evil.example/"})
    assert response["Location"] == "/rugoefening/"


def test_a_level_with_the_question_left_unanswered_asks_again(client):
    make_user("owner@example.org", PASSWORD, verified=True)
    walk(client, CASES["E-09"]["answers"])
    client.post("/accounts/login/", {"login": "owner@example.org", "password": PASSWORD})
    response = client.post("/rugoefening/uitslag-in-deze-browser/", {"next": "/rugoefening/"})
    assert response.status_code == 200
    assert "Kies een van de antwoorden." in text(response)


# --- A daily log of seconds (W-3, W-8, W-9) -------------------------------------------------


@pytest.mark.parametrize(
    "hour, part", [(7, "morning"), (11, "morning"), (12, "afternoon"), (17, "afternoon"), (18, "evening"), (23, "evening")]
)
def test_the_part_of_the_day_is_preselected_from_the_clock_in_amsterdam(client, person, hour, part):
    instant = dt.datetime(2026, 6, 10, hour, 30, tzinfo=AMSTERDAM)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        make_programme(person)
        html = client.get("/rugoefening/wandeling/").content.decode()
    assert re.search(rf'<input type="radio" name="part" value="{part}"[^>]*checked', html)
    assert len(re.findall(r'name="part"[^>]*checked', html)) == 1


def test_minutes_and_part_come_before_everything_else_and_pain_is_tapped(client, person):
    make_programme(person)
    html = client.get("/rugoefening/wandeling/").content.decode()
    form = html[html.index('<form method="post" novalidate class="walk-log">'):]
    assert form.index('name="minutes"') < form.index('name="part"') < form.index('name="warning_signs"')
    assert form.index('name="part"') < form.index('name="pain_before"')
    assert 'type="number"' not in form and 'name="pain_after" type="text"' not in form
    for score in range(11):
        assert f'<input type="radio" name="pain_after" value="{score}"' in form


def test_W_9_a_ticked_sign_asks_once_naming_the_sign_and_the_advice_and_saves_nothing_yet(client, person):
    make_programme(person)
    response = client.post("/rugoefening/wandeling/", walk_form(minutes="6", pain_after="4", note="zwaar", warning_signs=["fever"]))
    html = text(response)
    assert response.status_code == 200
    assert "Klopt dit?" in html
    assert "Koorts: 38 °C of hoger" in html
    assert "Bel vandaag nog uw huisarts" in html
    assert not WalkEntry.objects.exists()
    for name, value in (("minutes", "6"), ("pain_after", "4"), ("note", "zwaar"), ("warning_signs", "fever")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in html


def test_W_9_confirming_the_sign_stops_the_programme(client, person):
    make_programme(person)
    data = walk_form(minutes="6", pain_after="4", warning_signs=["fever"], confirm_signs="yes")
    response = client.post("/rugoefening/wandeling/", data, follow=True)
    entry = WalkEntry.objects.get()
    assert (entry.minutes, entry.pain_after, entry.warning_signs) == (6, 4, ["fever"])
    assert 'data-level="urgent"' in text(response)


def test_W_9_a_stray_tap_undone_keeps_the_rest_of_the_entry_and_stops_nothing(client, person):
    make_programme(person)
    data = walk_form(minutes="6", pain_before="2", pain_after="4", note="zwaar", warning_signs=["both_legs"], confirm_signs="no")
    html = client.post("/rugoefening/wandeling/", data).content.decode()
    assert not WalkEntry.objects.exists()
    assert re.search(r'name="minutes"[^>]*value="6"', html)
    assert re.search(r'name="pain_after" value="4"[^>]*checked', html)
    assert "zwaar</textarea>" in html
    assert not re.search(r'name="warning_signs" value="both_legs"[^>]*checked', html)
    assert "Er is nog niets opgeslagen." in html
    client.post("/rugoefening/wandeling/", walk_form(minutes="6", pain_after="4"))
    assert WalkEntry.objects.get().warning_signs == []


def test_W_9_a_sign_already_on_the_entry_is_not_asked_again_when_it_is_changed(client, person):
    programme = make_programme(person)
    entry = WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=0, warning_signs=["fever"])
    response = client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(minutes="3", warning_signs=["fever"]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.minutes == 3


def test_saving_says_in_words_what_happened_and_what_tomorrow_brings(client, person):
    programme = make_programme(person, days_ago=1, baseline=10)  # start target 8 (W-2)
    for part in ("morning", "afternoon", "evening"):
        WalkEntry.objects.create(programme=programme, date=programme.start, part=part, minutes=8)
    html = text(client.post("/rugoefening/wandeling/", walk_form(minutes="8"), follow=True))
    assert "Ochtend: 8 minuten, doel gehaald." in html
    # Day 0 completed; today (day 1) completed too would make day 2 a 9 (W-4).
    assert "Haalt u vandaag nog 1 keer uw doel? Dan wordt het morgen 9 minuten per wandeling. Anders blijft het 8." in html
    html = text(client.post("/rugoefening/wandeling/", walk_form(part="afternoon", minutes="10"), follow=True))
    assert "Middag: 10 minuten, doel gehaald." in html
    assert "Morgen: 9 minuten per wandeling." in html


def test_a_walk_below_the_target_is_worded_kindly(client, person):
    make_programme(person, baseline=10)
    html = text(client.post("/rugoefening/wandeling/", walk_form(part="evening", minutes="5"), follow=True))
    assert "Avond: 5 minuten van de 8, doel niet gehaald." in html
    assert "uw doel blijft dan gewoon hetzelfde" in html


def test_words_in_english(client, person):
    make_programme(person, baseline=10)
    html = text(client.post("/en/rugoefening/wandeling/", walk_form(minutes="8"), follow=True))
    assert "Morning: 8 minutes, target reached." in html
    assert "Tomorrow: 8 minutes per walk." in html


def test_W_3_far_more_than_the_target_is_kept_with_a_gentle_reminder(client, person):
    make_programme(person, baseline=10)
    html = text(client.post("/rugoefening/wandeling/", walk_form(minutes="45"), follow=True))
    assert WalkEntry.objects.get().minutes == 45
    assert "niet meer doet dan het doel" in html
    html = text(client.post("/rugoefening/wandeling/", walk_form(part="afternoon", minutes="9"), follow=True))
    assert "niet meer doet dan het doel" not in html  # a minute over is a normal walk


@pytest.mark.parametrize("typed", ["4_4", "44.0", "44,0", "٤٤", "４４", "+44", "4 4", "1e2", "44 minuten"])
def test_W_8_minutes_are_digits_only_and_a_bad_value_loses_nothing(client, person, typed):
    programme = make_programme(person)
    entry = WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=7, pain_after=3)
    response = client.post(f"/rugoefening/wandeling/{entry.id}/", walk_form(minutes=typed, pain_after="5"))
    assert response.status_code == 200
    html = text(response)
    assert "Typ alleen cijfers, zonder punt, komma of spatie." in html
    entry.refresh_from_db()
    assert (entry.minutes, entry.pain_after) == (7, 3)  # what was saved stays
    assert re.search(r'name="pain_after" value="5"[^>]*checked', html)  # and what was typed is still there
    response = client.post("/rugoefening/wandeling/", walk_form(part="evening", minutes=typed))
    assert response.status_code == 200
    assert WalkEntry.objects.count() == 1


def test_W_8_digits_in_english_get_an_english_message(client, person):
    make_programme(person)
    html = text(client.post("/en/rugoefening/wandeling/", walk_form(minutes="44.0")))
    assert "Type digits only, without a point, comma or space." in html


def test_W_2_the_baseline_is_strict_too(client, person):
    give_result(person)
    response = client.post("/rugoefening/beginnen/", {"baseline_method": "direct", "baseline_minutes": "10.0", "confirm_past_week": "on"})
    assert "Typ alleen cijfers" in text(response)
    assert not Programme.objects.exists()


def test_veranderen_opens_the_form_filled_with_what_was_logged(client, person):
    programme = make_programme(person)
    entry = WalkEntry.objects.create(
        programme=programme, date=programme.start, part="afternoon", minutes=7, pain_before=2, pain_after=5, note="wind",
    )
    home = client.get("/rugoefening/").content.decode()
    assert f'href="/rugoefening/wandeling/{entry.id}/"' in home
    html = client.get(f"/rugoefening/wandeling/{entry.id}/").content.decode()
    assert re.search(r'name="minutes"[^>]*value="7"', html)
    assert re.search(r'name="part" value="afternoon"[^>]*checked', html)
    assert re.search(r'name="pain_before" value="2"[^>]*checked', html)
    assert re.search(r'name="pain_after" value="5"[^>]*checked', html)
    assert "wind</textarea>" in html


# --- Progress you can read (W-11) -----------------------------------------------------------


def test_W_11_progress_in_words_with_a_pain_chart_and_table(client, person):
    programme = make_programme(person, days_ago=2, baseline=10)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=8, pain_after=3)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="evening", minutes=0, pain_after=6)
    html = text(client.get("/rugoefening/voortgang/"))
    assert "8 van 24 minuten, niet gehaald" in html
    assert "0 van 24 minuten, niet gehaald" in html  # day 1: nothing logged
    assert "0 van 24 minuten, vandaag nog bezig" in html  # today is not judged yet
    assert 'class="chart pain-chart"' in html
    assert html.count('class="pain-dot"') == 1
    assert "ochtend 3, avond 6" in html
    assert "R-" not in html.split("<main")[1]  # words, not rule codes
