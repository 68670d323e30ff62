"""outcome-measures.md O-1 … O-5 on the pages: /rugoefening/meting/, the progress table, the
pain rise question, bad input, erasure (test client)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from factories import make_programme, make_user
from rugtest.programme.models import CheckIn, Measurement
from rugtest.programme.selectors import plan_for

pytestmark = pytest.mark.django_db

URL = "/rugoefening/meting/"


@pytest.fixture
def person(client):
    user = make_user(password=None)
    client.force_login(user)
    return user


def start_measurement(programme, pain=7, activities=(("Sokken aantrekken", 3), ("Tuinieren", 5)), days_ago=None):
    day = programme.start if days_ago is None else timezone.localdate() - dt.timedelta(days=days_ago)
    return Measurement.objects.create(programme=programme, moment="start", date=day, pain_24h=pain,
                                      activities=[{"activity": a, "score": s} for a, s in activities])


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_O_1_the_start_form_asks_pain_and_three_activities_as_tapped_scales(client, person):
    make_programme(person)
    html = client.get(URL).content.decode()
    assert "Hoe erg was uw rugpijn gemiddeld in de afgelopen 24 uur?" in html
    assert html.count('type="radio" name="pain_24h"') == 11  # 0 … 10
    for i in (1, 2, 3):
        assert f'name="activity_{i}"' in html and html.count(f'type="radio" name="score_{i}"') == 11
    assert 'name="activity_4"' not in html
    assert "<fieldset" in html and "<legend>" in html


def test_O_1_O_2_the_start_measurement_is_saved_with_moment_date_pain_and_activities(client, person):
    programme = make_programme(person)
    response = client.post(URL, {"pain_24h": "7", "activity_1": "Sokken aantrekken", "score_1": "3",
                                 "activity_2": " Tuinieren ", "score_2": "5", "activity_3": "", })
    assert response.status_code == 302
    m = Measurement.objects.get(programme=programme)
    assert (m.moment, m.date, m.pain_24h) == ("start", timezone.localdate(), 7)
    assert m.activities == [{"activity": "Sokken aantrekken", "score": 3}, {"activity": "Tuinieren", "score": 5}]


def test_O_2_a_measurement_is_corrected_the_same_day_never_two_per_moment(client, person):
    programme = make_programme(person)
    client.post(URL, {"pain_24h": "7", "activity_1": "Werk", "score_1": "3"})
    html = client.get(URL).content.decode()
    assert 'value="Werk"' in html  # opens filled in
    client.post(URL, {"pain_24h": "6", "activity_1": "Werk", "score_1": "4"})
    assert list(Measurement.objects.filter(programme=programme).values_list("moment", "pain_24h")) == [("start", 6)]


def test_O_2_a_new_form_sent_after_another_tab_saved_one_says_it_replaced_it(client, person):
    """Two tabs open on the start measurement: the second one sent corrects the first (one per
    moment) and says so; a form opened to correct today's measurement says nothing extra."""
    programme = make_programme(person)
    new_form = client.get(URL).content.decode()
    assert 'name="correcting" value="0"' in new_form
    client.post(URL, {"correcting": "0", "pain_24h": "7", "activity_1": "Werk", "score_1": "3"})
    page = client.post(URL, {"correcting": "0", "pain_24h": "5", "activity_1": "Tuin", "score_1": "4"},
                       follow=True).content.decode()
    assert "U had vandaag al een meting ingevuld. Die is nu vervangen door wat u net invulde." in page
    assert list(Measurement.objects.filter(programme=programme).values_list("pain_24h", flat=True)) == [5]
    assert 'name="correcting" value="1"' in client.get(URL).content.decode()
    page = client.post(URL, {"correcting": "1", "pain_24h": "4", "activity_1": "Tuin", "score_1": "4"},
                       follow=True).content.decode()
    assert "Uw meting is opgeslagen." in page and "al een meting ingevuld" not in page
    english = client.post("/en" + URL, {"correcting": "0", "pain_24h": "4", "activity_1": "Tuin", "score_1": "4"},
                          follow=True).content.decode()
    assert "You had already filled in a measurement today. It has now been replaced" in english


def test_O_2_the_programme_starts_without_a_measurement_and_the_page_offers_it(client, person):
    make_programme(person)
    html = client.get("/rugoefening/").content.decode()
    assert 'data-moment="start"' in html and 'href="/rugoefening/meting/"' in html
    assert "niet verplicht" in html


def test_O_2_a_skipped_start_measurement_is_asked_once_more_on_the_next_visit(client, person):
    """O-2: "The programme can start without it …, but asks once more on the next visit"."""
    programme = make_programme(person, days_ago=3)
    for _ in range(2):  # the next visit: offered, also when the page is opened again that day
        assert 'data-moment="start"' in client.get("/rugoefening/").content.decode()
    programme.refresh_from_db()
    assert programme.start_measure_asked_again_on == timezone.localdate()
    assert client.get(URL).status_code == 200  # and it can be given that day
    # A later day: asked once more already (yesterday), so no longer.
    programme.start_measure_asked_again_on = timezone.localdate() - dt.timedelta(days=1)
    programme.save()
    assert 'data-moment=' not in client.get("/rugoefening/").content.decode()
    assert client.get(URL)["Location"] == "/rugoefening/voortgang/"
    client.post(URL, {"pain_24h": "5", "activity_1": "Werk", "score_1": "3"})
    assert not Measurement.objects.filter(programme=programme).exists()


def test_O_2_a_check_in_without_a_start_measurement_asks_the_check_in_measurement(client, person):
    """O-2: a measurement "with every W-14 check-in": not the start measurement at day 21."""
    programme = make_programme(person, days_ago=21)
    html = client.get("/rugoefening/").content.decode()
    assert 'data-moment="checkin"' in html and 'data-moment="start"' not in html
    response = client.post(URL, {"pain_24h": "4", "activity_1": "Werk", "score_1": "6"})
    assert response.status_code == 302
    assert list(Measurement.objects.filter(programme=programme).values_list("moment", flat=True)) == ["checkin"]


def test_O_2_no_measurement_is_due_between_moments(client, person):
    programme = make_programme(person, days_ago=5)
    start_measurement(programme, days_ago=5)
    assert 'data-moment=' not in client.get("/rugoefening/").content.decode()
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/rugoefening/voortgang/"
    response = client.post(URL, {"pain_24h": "3"})
    assert Measurement.objects.filter(programme=programme).count() == 1


def test_O_2_with_a_check_in_the_same_activities_are_scored_and_a_score_may_stay_open(client, person):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    html = client.get(URL).content.decode()
    assert 'data-moment="checkin"' in html
    assert "Sokken aantrekken" in html and "Tuinieren" in html and 'name="activity_1"' not in html
    response = client.post(URL, {"pain_24h": "4", "score_1": "7", "score_2": ""})
    assert response.status_code == 302
    m = Measurement.objects.get(programme=programme, moment="checkin")
    assert m.activities == [{"activity": "Sokken aantrekken", "score": 7}, {"activity": "Tuinieren", "score": None}]


def test_O_2_a_check_in_answered_today_still_offers_its_measurement(client, person):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    CheckIn.objects.create(programme=programme, date=timezone.localdate(), progress="same")
    assert client.get(URL).status_code == 200


def test_O_3_the_progress_page_shows_the_table_and_the_change_in_words(client, person):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    client.post(URL, {"pain_24h": "4", "score_1": "7", "score_2": "5"})
    html = client.get("/rugoefening/voortgang/").content.decode()
    words = text(html)
    assert "Pijn: van 7 naar 4 — duidelijk beter" in words
    assert "Sokken aantrekken: van 3 naar 7 — duidelijk beter" in words
    assert "Tuinieren: van 5 naar 5 — ongeveer gelijk" in words
    assert html.count('data-moment="start"') == 1 and html.count('data-moment="checkin"') == 1
    # words for people: no moment ids in the visible text
    assert "Tussenmeting" in words and "checkin" not in words  # words for people, not the moment id


def test_O_3_one_measurement_shows_no_change_yet(client, person):
    programme = make_programme(person)
    start_measurement(programme)
    words = text(client.get("/rugoefening/voortgang/").content.decode())
    assert "Pijn: van" not in words and "Beginmeting" in words


def test_O_3_a_measurement_never_changes_a_target(client, person):
    programme = make_programme(person, days_ago=21)
    before = plan_for(programme, timezone.localdate()).plan
    start_measurement(programme, days_ago=21, pain=2)
    client.post(URL, {"pain_24h": "9", "score_1": "0", "score_2": "0"})
    assert plan_for(programme, timezone.localdate()).plan == before


@pytest.mark.parametrize("lang, question", [("", "Wordt uw rugpijn steeds erger"), ("/en", "Is your back pain getting worse")])
def test_O_4_a_pain_rise_of_2_asks_the_pain_worsening_question(client, person, lang, question):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21, pain=4)
    response = client.post(f"{lang}{URL}", {"pain_24h": "6", "score_1": "3", "score_2": "5"})
    html = response.content.decode()
    assert response.status_code == 200 and 'name="pain_worsening"' in html and question in html
    # "Ja" stops the programme as W-9 says
    client.post(f"{lang}/rugoefening/pijn/", {"pain_worsening": "yes"})
    assert plan_for(programme, timezone.localdate()).state == "stopped"


def test_O_4_a_rise_of_1_does_not_ask(client, person):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21, pain=4)
    response = client.post(URL, {"pain_24h": "5", "score_1": "3", "score_2": "5"})
    assert response.status_code == 302


BAD = [
    ({"pain_24h": "11", "activity_1": "Werk", "score_1": "3"}, "Kies een getal van 0 tot en met 10.",
     "Choose a number from 0 to 10."),
    ({"pain_24h": "5", "activity_1": "Werk", "score_1": "11"}, "Kies een getal van 0 tot en met 10.",
     "Choose a number from 0 to 10."),
    ({"pain_24h": "5", "activity_1": "", "score_1": "3"}, "Schrijf op welke bezigheid het is.",
     "Please write which activity it is."),
    ({"pain_24h": "5", "activity_1": "Werk", "score_1": "3", "activity_2": "Fietsen", "score_2": "4",
      "activity_3": "Tuin", "score_3": "2", "activity_4": "Zwemmen", "score_4": "1"},
     "Kies hooguit drie bezigheden", "Please choose at most three activities"),
    ({"pain_24h": "5", "activity_1": "x" * 200, "score_1": "3"}, "Schrijf hooguit 60 tekens. Nu zijn het er 200.",
     "Write no more than 60 characters. Now there are 200."),
]


def test_O_1_an_empty_start_form_names_every_problem_in_one_round(client, person):
    """The pain score and at least one activity, both said at once: not one after the other."""
    make_programme(person)
    for lang, messages in (("", ["Kies een getal van 0 tot en met 10.", "Schrijf ten minste één bezigheid op."]),
                           ("/en", ["Choose a number from 0 to 10.", "Please write at least one activity."])):
        html = client.post(f"{lang}{URL}", {}).content.decode()
        summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
        for message in messages:
            assert message in summary, (lang, message)


def test_O_1_an_activity_of_only_spaces_with_a_score_gets_one_message_not_two(client, person):
    """Spaces are no activity: "Schrijf op welke bezigheid het is." for it, and not also "Schrijf
    ten minste één bezigheid op." for the same field."""
    make_programme(person)
    for lang, one, other in (("", "Schrijf op welke bezigheid het is.", "Schrijf ten minste één bezigheid op."),
                             ("/en", "Please write which activity it is.", "Please write at least one activity.")):
        html = client.post(f"{lang}{URL}", {"pain_24h": "5", "activity_1": "   ", "score_1": "3"}).content.decode()
        summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
        assert summary.count(one) == 1 and other not in summary, lang


@pytest.mark.parametrize("data, nl, en", BAD)
def test_O_1_bad_input_gets_a_clear_message_in_the_pages_language_and_keeps_what_was_typed(client, person, data, nl, en):
    programme = make_programme(person)
    for lang, message in (("", nl), ("/en", en)):
        response = client.post(f"{lang}{URL}", data)
        html = response.content.decode()
        assert response.status_code == 200 and message in html, lang
        assert 'class="error-summary"' in html
        for key, value in data.items():
            if key.startswith("activity_") and value and key != "activity_4":
                assert f'value="{value}"' in html, key  # nothing typed is lost
            if key.startswith(("score_", "pain_")) and value in {str(n) for n in range(11)} and key != "score_4":
                assert re.search(rf'name="{key}" value="{value}"[^>]*checked', html), key
    assert not Measurement.objects.filter(programme=programme).exists()


def test_O_5_erasing_the_account_deletes_the_measurements(client, person):
    from rugtest.privacy.services import delete_account

    other = make_programme(make_user("other@example.org", password=None))
    start_measurement(other)
    programme = make_programme(person)
    start_measurement(programme)
    delete_account(user=person)
    assert list(Measurement.objects.values_list("programme__user__email", flat=True)) == ["other@example.org"]


def test_O_1_the_page_needs_a_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/account/" in response["Location"] or "login" in response["Location"]


def test_O_5_both_exports_and_my_data_carry_the_measurements(client, person):
    from rugtest.privacy import export

    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    client.post(URL, {"pain_24h": "4", "score_1": "7", "score_2": ""})
    data = export.export_json(person)
    assert [(m["moment"], m["pain_24h"], m["activities"]) for m in data["programmes"][0]["measurements"]] == [
        ("start", 7, [{"activity": "Sokken aantrekken", "score": 3}, {"activity": "Tuinieren", "score": 5}]),
        ("checkin", 4, [{"activity": "Sokken aantrekken", "score": 7}, {"activity": "Tuinieren", "score": None}]),
    ]
    assert "rugtest.Measurement" not in str(data["other"].keys()) and "programme.Measurement" not in data["other"]
    bundle = export.export_fhir(person)
    resources = [e["resource"] for e in bundle["entry"]]
    questionnaire = next(r for r in resources if r["resourceType"] == "Questionnaire")
    answers = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"
               and r["questionnaire"] == questionnaire["url"]]
    assert len(answers) == 2  # one per measurement
    pain = [item["answer"][0]["valueInteger"] for r in answers for item in r["item"] if item["linkId"] == "pain_24h"]
    assert pain == [7, 4]
    html = client.get("/mijn-gegevens/").content.decode()
    assert "2 metingen van uw pijn en uw bezigheden" in html


def test_O_3_the_programme_report_pdf_and_the_share_page_carry_the_table_and_the_changes(client, person):
    import io

    from pypdf import PdfReader

    from rugtest.reports.programme import programme_report
    from rugtest.reports.programme_page import report_page

    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    client.post(URL, {"pain_24h": "4", "score_1": "7", "score_2": "5"})
    pdf = client.get("/rugoefening/rapport.pdf")
    assert pdf.status_code == 200
    pdf_text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Pijn: van 7 naar 4 — duidelijk beter" in pdf_text
    assert "Sokken aantrekken: van 3 naar 7 — duidelijk beter" in pdf_text
    assert "Tussenmeting" in pdf_text and "checkin" not in pdf_text
    page = report_page(programme_report(programme, timezone.localdate()))
    assert [str(line) for line in page["measures"]["changes"]][0] == "Pijn: van 7 naar 4 — duidelijk beter"
    assert [row["pain"] for row in page["measures"]["rows"]] == [7, 4]


def test_W_7_O_2_the_end_shows_a_closing_summary_and_asks_the_last_measurement(client, person):
    """Issue 20: "The end of the programme (day 84, W-7) shows a closing summary: minutes at the
    start and now, the measurements, and the advice to keep walking (about 30 minutes, five
    times a week) with the offer to start a new programme"."""
    programme = make_programme(person, days_ago=84, baseline=10)
    start_measurement(programme, pain=6, activities=(("Werk", 2),))
    html = client.get("/rugoefening/").content.decode()
    words = text(html)
    assert "10 minuten makkelijk wandelen" in words  # the start
    assert "minuten per wandeling, drie keer per dag" in words  # now
    assert "ongeveer 30 minuten te lopen, vijf keer per week" in words
    assert 'href="/rugoefening/beginnen/"' in html  # a new programme
    assert 'data-moment="end"' in html and 'href="/rugoefening/meting/"' in html
    client.post(URL, {"pain_24h": "3", "score_1": "8"})
    m = Measurement.objects.get(programme=programme, moment="end")
    assert (m.pain_24h, m.activities) == (3, [{"activity": "Werk", "score": 8}])
    words = text(client.get("/rugoefening/").content.decode())
    assert "Pijn: van 6 naar 3 — duidelijk beter" in words and "Werk: van 2 naar 8 — duidelijk beter" in words
    # O-2: the end once
    assert "measure-offer" not in client.get("/rugoefening/").content.decode()  # O-2: the end once
    assert client.get(URL).status_code == 200  # today's can still be corrected


def test_O_2_the_answered_check_in_offers_its_measurement(client, person):
    programme = make_programme(person, days_ago=21)
    start_measurement(programme, days_ago=21)
    client.post(f"/rugoefening/hoe-gaat-het/{programme.id}/", {"progress": "same"})
    html = client.get(f"/rugoefening/hoe-gaat-het/{programme.id}/").content.decode()
    assert 'data-moment="checkin"' in html and 'href="/rugoefening/meting/"' in html
    client.post(URL, {"pain_24h": "5", "score_1": "4", "score_2": "5"})
    assert 'href="/rugoefening/meting/"' not in client.get(f"/rugoefening/hoe-gaat-het/{programme.id}/").content.decode()


def test_O_5_D_10_the_measurement_questionnaire_is_served_at_its_canonical_address(client, person):
    from rugtest.privacy import export

    programme = make_programme(person)
    start_measurement(programme)
    bundle = export.export_fhir(person)
    url = next(e["resource"]["url"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Questionnaire")
    assert url.endswith("/fhir/Questionnaire/rugtest-measures")
    served = client.get("/fhir/Questionnaire/rugtest-measures")
    # the address is the public one (RUGTEST_PUBLIC_URL, else the request's own host)
    assert served.status_code == 200 and served.json()["url"].endswith("/fhir/Questionnaire/rugtest-measures")
    assert [item["linkId"] for item in served.json()["item"]] == ["moment", "pain_24h", "activities"]


def test_O_2_a_corrected_end_measurement_shows_at_once_on_the_kept_programme_page(client, person):
    programme = make_programme(person, days_ago=84, baseline=10)
    start_measurement(programme, pain=6, activities=(("Werk", 2),))
    client.post(URL, {"pain_24h": "3", "score_1": "8"})
    assert "Pijn: van 6 naar 3" in text(client.get("/rugoefening/").content.decode())
    client.post(URL, {"pain_24h": "5", "score_1": "8"})  # corrected the same day
    words = text(client.get("/rugoefening/").content.decode())
    assert "Pijn: van 6 naar 5" in words and "Pijn: van 6 naar 3" not in words
