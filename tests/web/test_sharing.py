"""A share link the GP can open: /rugoefening/delen/ (the person's links) and /gedeeld/<token>/.

The life of a link: made, opened by someone without an account, ended after its days,
revoked with one confirmation, erased with the account. Expected words are written out
here (or read from the words home for an id); expected days and limits are the ones the
issue and the privacy page state (90 days unless fewer, removal 30 days after the end).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from pypdf import PdfReader

from factories import give_result, make_programme, make_user
from helpers import DUTCH_WORDS
from rugtest import words
from rugtest.privacy import services as privacy_services
from rugtest.programme.models import CheckIn, WalkEntry
from rugtest.sharing import services
from rugtest.sharing.models import ShareLink

pytestmark = pytest.mark.django_db
SHARE_URL = re.compile(r'id="share-url"[^>]*>(https?://testserver(/gedeeld/([A-Za-z0-9_-]+)/))</textarea>')
MANAGE = "/rugoefening/delen/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the per-address limit counts in the database cache
    yield
    cache.clear()


def person(email="anna@example.org"):
    return make_user(email, password=None)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def a_week_of_walks(programme, days=7, minutes=9):
    for day in range(days):
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(programme=programme, date=programme.start + dt.timedelta(days=day), part=part,
                                     minutes=minutes, pain_after=3)


def make_link(client, **fields) -> tuple[str, str]:
    """Make a link on the page as the person does; returns (path, token) of the link shown once."""
    page = client.get(MANAGE).content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    data = {"label": "Huisarts", "days": "90", "name": "", "form_key": key, **fields}
    response = client.post(MANAGE, data)
    assert response.status_code == 200
    found = SHARE_URL.search(response.content.decode())
    assert found, "the new link is shown on the page"
    return found.group(2), found.group(3)


def gp() -> Client:
    """The GP's browser: no account, no cookies."""
    return Client()


def test_signed_out_the_share_page_asks_to_sign_in(client):
    response = client.get(MANAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_link_is_made_shown_once_and_listed_with_its_dates():
    user = person()
    make_programme(user, days_ago=5)
    client = signed_in(user)
    page = client.get(MANAGE).content.decode()
    assert "U heeft nog geen link gemaakt." in page
    # What the GP will see and that anyone with the link can: said before the link is made.
    assert "Met de link ziet die uw schema, uw wandelingen, de grafiek" in page
    # D-8: the step 6 answers the GP will read are named before the link is made.
    assert "Daarbij staan ook uw antwoorden over angst om te bewegen, stress en somberheid." in page
    assert "Iedereen met de link kan dit lezen, zonder account." in page

    before = timezone.now()
    path, token = make_link(client, label="  Fysiotherapeut\tJansen  ")
    assert len(token) >= 43  # token_urlsafe(32): 256 bits
    link = ShareLink.objects.get(user=user)
    assert link.label == "Fysiotherapeut Jansen"  # trimmed, the tab made a space
    assert dt.timedelta(days=90) <= link.expires_at - before <= dt.timedelta(days=90, minutes=1)
    assert link.last_opened_at is None and link.revoked_at is None

    again = client.get(MANAGE).content.decode()
    assert token not in again  # shown once: the list never shows it again
    item = re.search(r'<li data-state="active">(.*?)</li>', again, re.S).group(1)
    assert "Fysiotherapeut Jansen" in item
    assert "Gemaakt op" in item and "Werkt tot" in item
    assert timezone.localtime(link.expires_at).strftime("%Y") in item
    assert "nog niet geopend" in item
    assert path == f"/gedeeld/{token}/"


def test_the_link_opens_in_dutch_also_when_made_on_the_english_page():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    page = client.get("/en/rugoefening/delen/").content.decode()
    assert "Share your progress with your GP" in page
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    response = client.post("/en/rugoefening/delen/", {"label": "", "days": "30", "name": "", "form_key": key})
    html = response.content.decode()
    assert "Copy the link now and send it to your GP." in html
    assert SHARE_URL.search(html).group(2).startswith("/gedeeld/")


def test_the_gp_opens_the_report_without_an_account_and_can_change_nothing():
    user = person()
    programme = make_programme(user, days_ago=8, baseline=10)
    a_week_of_walks(programme)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=9,
                             warning_signs=["pain_worsening"])
    CheckIn.objects.create(programme=programme, date=timezone.localdate() - dt.timedelta(days=1), progress="same",
                           answers={}, risk_factors=[], support="physio")
    path, token = make_link(signed_in(user))

    browser = gp()
    response = browser.get(path)
    assert response.status_code == 200
    assert not response.cookies  # no session, no form token: nothing is kept of the visit
    # Not kept by any cache, not listed by search engines, the address never in a Referer.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<meta name="referrer" content="no-referrer">' in html

    # The report: plan, log summary, chart, warning signs, check-ins, the rugtest in words.
    assert "<h1>Rugoefening van een patiënt</h1>" in html  # no name was typed
    assert "Begintijd: 10 minuten makkelijk wandelen; eerste doel 8 minuten per wandeling." in html  # W-2: 10 → 8
    assert 'class="chart"' in html and "<h2 id=\"per-week\">Per week</h2>" in html
    assert "Week 1" in html and "Week 2" in html
    assert str(words.SIGNS["pain_worsening"]["label"]) in html
    assert "Ongeveer hetzelfde" in html  # the check-in in words, not "same"
    assert "Een fysiotherapeut of oefentherapeut kan u begeleiden." in html
    assert "De rugtest bij het begin" in html and str(words.LEVELS["selfcare"]["label"]) in html
    assert 'href="/gedeeld/' + token + '/rapport.pdf"' in html

    # No way into the person's account, no form, nothing to post.
    for forbidden in ("/accounts/", "/mijn-gegevens/", "/rugoefening/", "Inloggen", "Uitloggen", "<form",
                      "csrfmiddlewaretoken", "/wandeling/"):
        assert forbidden not in html, forbidden
    # And no id or code where the GP reads words.
    assert "pain_worsening" not in html and "physio" not in html.replace("physiotherap", "")
    assert "R-" not in re.sub(r"<[^>]+>", " ", html)

    assert browser.post(path).status_code == 405
    assert browser.post(path, {"anything": "1"}, HTTP_X_CSRFTOKEN="x").status_code == 405
    assert browser.put(path).status_code == 405
    assert browser.delete(path + "rapport.pdf").status_code == 405
    assert browser.head(path).status_code == 200
    assert ShareLink.objects.filter(user=user, revoked_at__isnull=True).count() == 1


def test_the_page_names_the_person_only_when_they_typed_a_name_for_it():
    user = person()
    make_programme(user, days_ago=2)
    client = signed_in(user)
    named, _ = make_link(client, name="Anna de Vries")
    unnamed, _ = make_link(client, name="")
    assert "<h1>Rugoefening van Anna de Vries</h1>" in gp().get(named).content.decode()
    html = gp().get(unnamed).content.decode()
    assert "<h1>Rugoefening van een patiënt</h1>" in html
    assert "anna" not in html.lower()  # not the e-mail address either


def test_the_pdf_is_the_programme_report_with_the_typed_name():
    user = person()
    programme = make_programme(user, days_ago=8)
    a_week_of_walks(programme)
    path, _ = make_link(signed_in(user), name="Anna de Vries")
    response = gp().get(path + "rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"].startswith("noindex")
    assert re.fullmatch(r'inline; filename="rugoefening-verslag-\d{4}-\d{2}-\d{2}\.pdf"', response["Content-Disposition"])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Rugoefening: verslag voor de huisarts" in text
    assert "Anna de Vries" in text
    assert "eerste doel 8 minuten per wandeling" in text


def test_the_page_and_the_pdf_say_the_same_report():
    """Made from one ProgrammeReport: the sentences of the PDF are on the page."""
    user = person()
    programme = make_programme(user, days_ago=12)
    a_week_of_walks(programme, days=10)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="evening", minutes=0,
                             warning_signs=["fever"])
    CheckIn.objects.create(programme=programme, date=timezone.localdate() - dt.timedelta(days=2), progress="better",
                           answers={}, risk_factors=[], support="self")
    path, _ = make_link(signed_in(user))
    browser = gp()
    page = " ".join(re.sub(r"<[^>]+>", " ", browser.get(path).content.decode()).replace("\u00ad", "").split())
    pdf = PdfReader(io.BytesIO(browser.get(path + "rapport.pdf").content))
    pdf_text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    for sentence in ("Begonnen op", "Status: gestopt op", "Doel gehaald op", "Duidelijk beter",
                     str(words.SIGNS["fever"]["label"]), "Gemelde waarschuwingstekens", "De rugtest bij het begin"):
        assert sentence in pdf_text, sentence
        assert sentence in page, sentence
    # The stop's advice (W-9) and the rugtest's: whichever action titles the PDF gives, the page gives.
    titles = [str(action["title"]) for action in words.ACTIONS.values() if str(action["title"]) in pdf_text]
    assert len(titles) >= 2 or len(set(titles)) == 1
    for title in titles:
        assert title in page, title


def test_the_page_and_the_pdf_say_that_the_advice_in_a_box_was_given_to_the_patient():
    """The GP reads "Bel vandaag nog uw huisarts" in the stop box and the rugtest's box: each is
    headed "Advies aan de patiënt", so that the "u" is not read as the GP."""
    user = person()
    programme = make_programme(user, days_ago=3)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=0,
                             warning_signs=["fever"])
    path, _ = make_link(signed_in(user))
    browser = gp()
    page = " ".join(re.sub(r"<[^>]+>", " ", browser.get(path).content.decode()).split())
    title = str(words.ACTIONS["call_gp_today"]["title"])
    assert page.count("Advies aan de patiënt") == 2
    assert page.index("Advies aan de patiënt") < page.index("De rugoefening is gestopt") < page.index(title)
    assert "Wie kan helpen?" in page and "Wie kan u helpen?" not in page
    pdf = PdfReader(io.BytesIO(browser.get(path + "rapport.pdf").content))
    pdf_text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert pdf_text.count("Advies aan de patiënt") == 2
    assert pdf_text.index("Advies aan de patiënt") < pdf_text.index(title)
    assert "Wie kan u helpen?" not in pdf_text
    english = " ".join(re.sub(r"<[^>]+>", " ", browser.get("/en" + path).content.decode()).split())
    assert english.count("Advice to the patient") == 2


def test_a_stopped_programme_shows_the_stop_first_W_9():
    user = person()
    programme = make_programme(user, days_ago=3)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=0,
                             warning_signs=["leg_weakness"])
    path, _ = make_link(signed_in(user))
    html = gp().get(path).content.decode()
    stop = html.index("De rugoefening is gestopt")
    assert stop < html.index("Minuten per dag")
    assert str(words.SIGNS["leg_weakness"]["label"]) in html[stop:]


def test_a_newer_rugtest_than_the_programmes_is_shown_too():
    user = person()
    make_programme(user, days_ago=10)
    later = give_result(user, "E-06")  # a GP-level result, done after the start
    later.created_at = timezone.now() + dt.timedelta(seconds=1)
    later.save()
    path, _ = make_link(signed_in(user))
    html = gp().get(path).content.decode()
    assert html.index("De laatste rugtest") < html.index("De rugtest bij het begin")
    assert str(words.LEVELS["gp"]["label"]) in html


def test_without_a_programme_the_page_shows_the_latest_rugtest_and_no_pdf():
    user = person()
    give_result(user)
    client = signed_in(user)
    assert "U bent nog niet begonnen met de rugoefening." in client.get(MANAGE).content.decode()
    path, _ = make_link(client)
    response = gp().get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze patiënt is nog niet begonnen met de rugoefening." in html
    assert "De laatste rugtest" in html and "rapport.pdf" not in html
    assert gp().get(path + "rapport.pdf").status_code == 404


def test_the_english_page_is_english():
    user = person()
    make_programme(user, days_ago=4)
    _, token = make_link(signed_in(user))
    response = gp().get(f"/en/gedeeld/{token}/")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert "Walking programme of a patient" in html and "Minutes per day" in html
    text = re.sub(r"<[^>]+>", " ", html[html.index("<main"):])
    assert not DUTCH_WORDS & set(text.lower().split()), DUTCH_WORDS & set(text.lower().split())
    # The header links to the same page in Dutch: a link, never a form.
    assert f'href="/gedeeld/{token}/"' in html and "<form" not in html


# --- Ending: days, revoking, erasure; and tokens that never open -----------------------------


def test_a_link_works_90_days_and_then_answers_404():
    user = person()
    make_programme(user, days_ago=1)
    made = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=made):
        path, _ = make_link(signed_in(user))
    almost = made + dt.timedelta(days=90) - dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=almost):
        assert gp().get(path).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=made + dt.timedelta(days=90, seconds=1)):
        assert gp().get(path).status_code == 404
        assert gp().get(path + "rapport.pdf").status_code == 404
        listed = signed_in(user).get(MANAGE).content.decode()
    assert '<li data-state="ended">' in listed and "Verlopen op" in listed and "Link intrekken" not in listed


@pytest.mark.parametrize("days", [1, 7, 30])
def test_fewer_days_chosen_end_the_link_sooner(days):
    user = person()
    make_programme(user, days_ago=1)
    made = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=made):
        path, _ = make_link(signed_in(user), days=str(days))
    with mock.patch("django.utils.timezone.now", return_value=made + dt.timedelta(days=days) - dt.timedelta(seconds=5)):
        assert gp().get(path).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=made + dt.timedelta(days=days, seconds=1)):
        assert gp().get(path).status_code == 404


def test_revoking_takes_one_confirmation_and_the_link_answers_404():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    path, token = make_link(client)
    link = ShareLink.objects.get(user=user)
    page = client.get(MANAGE).content.decode()
    # The confirmation is in the page, without JavaScript: a <details> with the second button.
    details = re.search(r'<details class="later revoke">(.*?)</details>', page, re.S).group(1)
    assert "<summary>Link intrekken</summary>" in details and "Weet u het zeker?" in details
    assert f'action="/rugoefening/delen/{link.id}/intrekken/"' in details and "Ja, trek de link in" in details
    # The same question as a page of its own; asking changes nothing.
    confirm = client.get(f"/rugoefening/delen/{link.id}/intrekken/")
    assert confirm.status_code == 200 and "Ja, trek de link in" in confirm.content.decode()
    assert gp().get(path).status_code == 200

    response = client.post(f"/rugoefening/delen/{link.id}/intrekken/", follow=True)
    assert "De link is ingetrokken. Hij werkt niet meer." in response.content.decode()
    assert gp().get(path).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is not None and link.token_hash is None
    assert '<li data-state="revoked">' in response.content.decode() and "Ingetrokken op" in response.content.decode()
    # Again (a double tap): nothing changes, no error.
    revoked_at = link.revoked_at
    assert client.post(f"/rugoefening/delen/{link.id}/intrekken/").status_code == 302
    link.refresh_from_db()
    assert link.revoked_at == revoked_at


def test_another_persons_link_id_is_404_and_changes_nothing():
    anna, bram = person(), person("bram@example.org")
    make_programme(anna, days_ago=1)
    path, _ = make_link(signed_in(anna))
    link = ShareLink.objects.get(user=anna)
    intruder = signed_in(bram)
    assert intruder.get(f"/rugoefening/delen/{link.id}/intrekken/").status_code == 404
    assert intruder.post(f"/rugoefening/delen/{link.id}/intrekken/").status_code == 404
    assert intruder.post(f"/en/rugoefening/delen/{link.id}/intrekken/").status_code == 404
    assert "U heeft nog geen link gemaakt." in intruder.get(MANAGE).content.decode()
    link.refresh_from_db()
    assert link.revoked_at is None and gp().get(path).status_code == 200


def test_deleting_the_account_deletes_the_links():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    path, _ = make_link(client)
    make_link(client, label="Fysiotherapeut")
    privacy_services.delete_account(user=user)
    assert ShareLink.objects.count() == 0
    assert gp().get(path).status_code == 404


def test_a_deactivated_account_shares_nothing():
    user = person()
    make_programme(user, days_ago=1)
    path, _ = make_link(signed_in(user))
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    assert gp().get(path).status_code == 404


def test_unknown_ended_revoked_and_malformed_tokens_get_one_and_the_same_404():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    revoked, _ = make_link(client, label="weg")
    client.post(f"/rugoefening/delen/{ShareLink.objects.get(label='weg').id}/intrekken/")
    ended, _ = make_link(client, label="kort", days="1")
    ShareLink.objects.filter(label="kort").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    answers = {}
    for name, path in {"unknown": "/gedeeld/" + "A" * 43 + "/", "revoked": revoked, "ended": ended,
                       "malformed": "/gedeeld/kort/", "too long": "/gedeeld/" + "B" * 200 + "/"}.items():
        response = gp().get(path)
        assert response.status_code == 404, name
        assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"], name
        body = response.content.decode().replace(path, "PATH").replace(path.replace("/gedeeld/", "/en/gedeeld/"), "EN")
        # Expires is "now" to the second: two requests a second apart may differ in it alone.
        answers[name] = (body, sorted((k, v if k != "Expires" else "now") for k, v in response.items()
                                      if k not in ("Content-Length",)))
        assert "Deze link werkt niet" in body and "Vraag de patiënt om een nieuwe link." in body
    assert len({body for body, _ in answers.values()}) == 1
    assert len({str(headers) for _, headers in answers.values()}) == 1


# --- Opening: last opened, the limit per address ---------------------------------------------


def test_opening_notes_last_opened_at_most_once_a_minute():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    path, _ = make_link(client)
    first = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=first):
        gp().get(path)
    link = ShareLink.objects.get(user=user)
    assert link.last_opened_at == first
    with mock.patch("django.utils.timezone.now", return_value=first + dt.timedelta(seconds=40)):
        gp().get(path + "rapport.pdf")
    link.refresh_from_db()
    assert link.last_opened_at == first  # within the minute: no write
    later = first + dt.timedelta(seconds=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        gp().get(path)
    link.refresh_from_db()
    assert link.last_opened_at == later
    listed = client.get(MANAGE).content.decode()
    assert "nog niet geopend" not in listed and "Laatst geopend" in listed
    # An unknown token touches no link.
    gp().get("/gedeeld/" + "C" * 43 + "/")
    link.refresh_from_db()
    assert link.last_opened_at == later


@override_settings(RUGTEST_SHARE_RATE_LIMIT=(5, 60))
def test_the_share_pages_are_limited_per_address_with_retry_after():
    user = person()
    make_programme(user, days_ago=1)
    path, _ = make_link(signed_in(user))
    browser = gp()
    # Good and bad tokens count alike: guessing is as limited as reading.
    for attempt in range(5):
        target = path if attempt % 2 else "/gedeeld/" + "D" * 43 + "/"
        assert browser.get(target, REMOTE_ADDR="203.0.113.7").status_code in (200, 404)
    refused = browser.get(path, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Probeer het over" in refused.content.decode()
    assert refused["Referrer-Policy"] == "no-referrer" and "no-store" in refused["Cache-Control"]
    assert browser.get(path + "rapport.pdf", REMOTE_ADDR="203.0.113.7").status_code == 429
    # Another address is not held back.
    assert gp().get(path, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_the_person_may_open_their_own_link_signed_in_and_sees_no_account_links():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    path, _ = make_link(client)
    html = client.get(path).content.decode()
    assert "Uitloggen" not in html and "/mijn-gegevens/" not in html and "<form" not in html


# --- Bad input: a clear message, nothing lost --------------------------------------------------


@pytest.mark.parametrize("prefix, days, message", [
    ("", "0", "Vul een heel getal in van 1 tot en met 90."),
    ("", "91", "Vul een heel getal in van 1 tot en met 90."),
    ("", "abc", "Vul een heel getal in van 1 tot en met 90. Typ alleen cijfers"),
    ("", "", "Vul hier een getal in."),
    ("/en", "91", "Enter a whole number from 1 to 90."),
    ("/en", "abc", "Please fill in a whole number from 1 to 90."),
])
def test_bad_days_get_a_clear_message_and_keep_what_was_typed(prefix, days, message):
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    response = client.post(f"{prefix}{MANAGE}", {"label": "Huisarts Jansen", "days": days, "name": "Anna",
                                                 "form_key": "k" * 22})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Huisarts Jansen"' in html and 'value="Anna"' in html
    days_field = re.search(r'<input[^>]*name="days"[^>]*>', html).group(0)
    assert (f'value="{days}"' in days_field) if days else ("value=" not in days_field)
    assert 'aria-invalid="true"' in days_field or "id_days_error" in days_field
    assert "error-summary" in html
    assert not ShareLink.objects.exists()


@pytest.mark.parametrize("prefix, message", [
    ("", "Schrijf hooguit 60 tekens. U schreef er 500."),
    ("/en", "Please write at most 60 characters. You wrote 500."),
])
def test_a_label_of_500_characters_is_refused_with_a_message_and_kept(prefix, message):
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    label = "Fysiotherapeut " + "x" * 485
    response = client.post(f"{prefix}{MANAGE}", {"label": label, "days": "30", "name": "", "form_key": "k" * 22})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'value="{label}"' in html  # all 500 characters are still in the field
    assert 'maxlength' not in re.search(r'<input[^>]*name="label"[^>]*>', html).group(0)
    assert not ShareLink.objects.exists()


def test_a_name_too_long_or_unprintable_is_refused_like_on_the_report():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    long_name = client.post(MANAGE, {"label": "", "days": "30", "name": "A" * 81, "form_key": "k" * 22})
    assert "Uw naam mag hoogstens 80 tekens hebben." in long_name.content.decode()
    odd = client.post(MANAGE, {"label": "", "days": "30", "name": "Anna 😀", "form_key": "k" * 22})
    assert "Deze tekens kunnen we niet printen: 😀" in odd.content.decode()
    assert not ShareLink.objects.exists()


def test_the_same_form_sent_twice_makes_one_link_and_the_shown_link_works():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    page = client.get(MANAGE).content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    data = {"label": "Huisarts", "days": "90", "name": "", "form_key": key}
    first = SHARE_URL.search(client.post(MANAGE, data).content.decode()).group(2)
    second = SHARE_URL.search(client.post(MANAGE, data).content.decode()).group(2)
    assert ShareLink.objects.filter(user=user).count() == 1
    assert gp().get(second).status_code == 200  # the link on the screen works
    assert gp().get(first).status_code == 404  # the answer the person never saw is gone

    # Sent again much later: no link, a message, and what was typed is still there.
    ShareLink.objects.filter(user=user).update(created_at=timezone.now() - services.REPEAT_WINDOW - dt.timedelta(1))
    late = client.post(MANAGE, data).content.decode()
    assert "Dit formulier was al eerder verstuurd. Er is geen nieuwe link gemaakt." in late
    assert 'value="Huisarts"' in late and not SHARE_URL.search(late)
    assert ShareLink.objects.filter(user=user).count() == 1


def test_at_most_20_links_work_at_once_and_a_revoked_one_makes_room():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    for number in range(20):
        services.make_link(user=user, days=30, label=f"link {number}", form_key=f"{number:022d}")
    page = client.get(MANAGE).content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    data = {"label": "Nog een", "days": "30", "name": "", "form_key": key}
    refused = client.post(MANAGE, data).content.decode()
    assert "U heeft al 20 links die werken. Trek eerst een link in die u niet meer nodig heeft." in refused
    assert 'value="Nog een"' in refused and not SHARE_URL.search(refused)
    client.post(f"/rugoefening/delen/{ShareLink.objects.get(label='link 3').id}/intrekken/")
    assert SHARE_URL.search(client.post(MANAGE, data).content.decode())
    assert ShareLink.objects.filter(user=user, revoked_at__isnull=True).count() == 20


def test_what_the_person_types_is_shown_as_text_never_as_html():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    path, _ = make_link(client, label="<b>Huisarts</b>", name="<i>Anna</i>")
    assert "&lt;b&gt;Huisarts&lt;/b&gt;" in client.get(MANAGE).content.decode()
    html = gp().get(path).content.decode()
    assert "<i>Anna</i>" not in html and "Rugoefening van &lt;i&gt;Anna&lt;/i&gt;" in html


def test_the_same_form_at_the_same_moment_still_makes_one_link():
    """Two requests with one form key, the second before the first is committed: the unique
    key refuses the second row, and the second request gives the first link a new token."""
    user = person()
    first, first_token = services.make_link(user=user, days=30, form_key="s" * 22)
    real = services._made_by_form
    with mock.patch.object(services, "_made_by_form", side_effect=[None, real(user, "s" * 22)]):
        second, token = services.make_link(user=user, days=30, form_key="s" * 22)
    assert second.pk == first.pk and token != first_token
    assert ShareLink.objects.filter(user=user).count() == 1
    assert gp().get(f"/gedeeld/{token}/").status_code == 200
    assert gp().get(f"/gedeeld/{first_token}/").status_code == 404


# --- Only the hash is stored; export; purge ------------------------------------------------------


def test_only_the_hash_of_the_token_is_stored_anywhere_in_the_database():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    _, token = make_link(client)
    gp().get(f"/gedeeld/{token}/")
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump.append(repr(cursor.fetchall()))
    everything = "\n".join(dump)
    assert token not in everything
    import hashlib

    assert hashlib.sha256(token.encode()).hexdigest() in everything  # what it is looked up by


def test_the_export_and_my_data_list_the_links_without_the_token():
    user = person()
    make_programme(user, days_ago=1)
    client = signed_in(user)
    _, token = make_link(client, label="Huisarts", name="Anna de Vries")
    make_link(client, label="Fysiotherapeut")
    client.post(f"/rugoefening/delen/{ShareLink.objects.get(label='Fysiotherapeut').id}/intrekken/")
    gp().get(f"/gedeeld/{token}/")
    from rugtest.privacy import export

    data = export.export_json(user)
    body = json.dumps(data)
    assert token not in body
    for link in ShareLink.objects.all():
        assert link.token_hash is None or link.token_hash not in body
    assert "share_links" in data and "sharing.ShareLink" not in data["other"]
    listed = {link["label"]: link for link in data["share_links"]}
    assert set(listed) == {"Huisarts", "Fysiotherapeut"}
    assert listed["Huisarts"]["name_shown"] == "Anna de Vries" and listed["Huisarts"]["revoked_at"] is None
    assert listed["Huisarts"]["last_opened_at"] is not None and listed["Huisarts"]["valid_until"]
    assert listed["Fysiotherapeut"]["revoked_at"] is not None and listed["Fysiotherapeut"]["last_opened_at"] is None
    assert set(listed["Huisarts"]) == {"label", "name_shown", "created_at", "valid_until", "last_opened_at", "revoked_at"}

    mine = client.get("/mijn-gegevens/").content.decode()
    assert "Uw links voor uw huisarts" in mine and "Huisarts" in mine and "Fysiotherapeut" in mine
    assert "ingetrokken" in mine and token not in mine
    assert "en wie een link van u heeft die nog werkt" in mine


def test_purge_removes_links_30_days_after_they_ended_or_were_revoked():
    user = person()
    now = timezone.now()
    make = lambda label, **fields: ShareLink.objects.create(  # noqa: E731
        user=user, label=label, token_hash=None, expires_at=fields.pop("expires_at", now + dt.timedelta(days=5)), **fields)
    make("live")
    make("just ended", expires_at=now - dt.timedelta(days=29))
    make("ended long ago", expires_at=now - dt.timedelta(days=31))
    make("just revoked", revoked_at=now - dt.timedelta(days=2))
    make("revoked long ago", revoked_at=now - dt.timedelta(days=31))
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "ended share links removed: 2" in out.getvalue().splitlines()
    assert set(ShareLink.objects.values_list("label", flat=True)) == {"live", "just ended", "just revoked"}
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "ended share links removed: 0" in out.getvalue().splitlines()


def test_the_privacy_page_says_what_a_link_shows_and_how_long_it_lives():
    html = Client().get("/privacy/").content.decode()
    assert "Een link voor uw huisarts" in html
    assert "Dan kan iedereen met die link uw rugoefening lezen." in html
    assert f"Een link werkt hoogstens {90} dagen." in html
    assert f"Dan wissen we na {services.KEEP_DAYS_AFTER_END} dagen ook wanneer u hem maakte." in html
    english = Client().get("/en/privacy/").content.decode()
    assert "A link works for at most 90 days." in english


def test_the_programme_and_progress_pages_lead_to_the_share_page():
    user = person()
    make_programme(user, days_ago=2)
    client = signed_in(user)
    assert f'href="{MANAGE}"' in client.get("/rugoefening/").content.decode()
    assert f'href="{MANAGE}"' in client.get("/rugoefening/voortgang/").content.decode()
