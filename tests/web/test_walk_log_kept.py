"""The walk log as a tester used it: a walk already logged is never written over by a new
one, also not when a warning sign is ticked with it, and the sign is never lost (W-8, W-9);
the target beside a walk of an earlier day is that day's (W-4); the words after saving a walk
of an earlier day say what they are about; the warning-sign words of the programme name the
complaints of the walk log (Django's test client, no JavaScript)."""

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.utils import timezone

from factories import CASES, make_programme, make_user
from helpers import walk, walk_form
from rugtest.programme.models import WalkEntry

pytestmark = pytest.mark.django_db

# The Dutch names of the days and months, as a person reads a date ("donderdag 3 december").
DAYS_NL = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december"]
LEG = "Een been of voet is zwak of zwakker dan eerst: de voet klapt neer of sleept"
RUGTEST_SENTENCE = "Zeg dat u de rugtest heeft gedaan en noem de klachten hieronder."


@pytest.fixture
def person(client):
    user = make_user(password=None)
    client.force_login(user)
    return user


def text(response) -> str:
    """The words inside <main>, tags taken out, spaces made single."""
    html = response.content.decode()
    html = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".")


def hidden_fields(response) -> list[tuple[str, str]]:
    """What the confirm page's form sends along (the browser posts these with the button)."""
    form = next(f for f in response.content.decode().split("<form") if 'name="confirm_signs"' in f)
    return [(name, value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form)
            if name != "csrfmiddlewaretoken"]


def press(client, url, response, button):
    """Press a button of the W-9 confirm page: its hidden fields and the button's value."""
    data: dict[str, list[str]] = {}
    for name, value in hidden_fields(response):
        data.setdefault(name, []).append(value)
    data["confirm_signs"] = [button]
    return client.post(url, data, follow=True)


def long_date(day: dt.date) -> str:
    return f"{DAYS_NL[day.weekday()]} {day.day} {MONTHS_NL[day.month - 1]}"


# --- 1. A walk already logged stays; a sign ticked with a new one is not lost ----------------


def test_the_testers_walk_of_8_minutes_stays_and_the_sign_is_put_on_it(client, person):
    """The tester's steps: Ochtend 8 minutes, pain after 3, a note; then the form of a new
    morning walk again, 2 minutes and a warning sign, confirmed. Before, the 8 minutes became 2."""
    make_programme(person, days_ago=3)
    client.post("/rugoefening/wandeling/?part=morning",
                walk_form(minutes="8", pain_after="3", note="Mooi weer, rondje park"))
    entry = WalkEntry.objects.get()

    # The form of a new morning walk, opened again, is not the saved walk to write over.
    page = client.get("/rugoefening/wandeling/?part=morning")
    assert page.status_code == 200
    html = page.content.decode()
    assert "U heeft deze wandeling al ingevuld: 8 minuten." in text(page)
    assert f'href="/rugoefening/wandeling/{entry.id}/"' in html
    assert not re.search(r'name="minutes"[^>]*value="8"', html)
    assert "Mooi weer" not in html

    # 2 minutes and a sign: first the confirm step, which says the walk that is there stays.
    confirm = client.post("/rugoefening/wandeling/", walk_form(minutes="2", warning_signs=["leg_weakness"]))
    words = text(confirm)
    assert confirm.status_code == 200 and "Klopt dit?" in words
    assert "U had deze wandeling al ingevuld: ochtend, 8 minuten." in words
    assert "De klacht wordt bij die wandeling opgeslagen. Verder blijft die wandeling zoals hij was." in words
    entry.refresh_from_db()
    assert entry.warning_signs == []  # nothing saved before the answer

    # "Ja": the sign is on the walk of 8 minutes, whose minutes, pain and note are unchanged.
    home = press(client, "/rugoefening/wandeling/", confirm, "yes")
    assert WalkEntry.objects.count() == 1
    entry.refresh_from_db()
    assert (entry.minutes, entry.pain_after, entry.note) == (8, 3, "Mooi weer, rondje park")
    assert entry.warning_signs == ["leg_weakness"]
    # It is acted on at once (W-9) and the person reads what happened.
    assert home.redirect_chain[-1][0] == "/rugoefening/"
    assert 'data-level="urgent"' in home.content.decode()
    assert ("De klacht is opgeslagen bij de wandeling die er al stond: ochtend, 8 minuten. "
            "Verder is die wandeling niet veranderd.") in text(home)


def test_a_sign_posted_at_once_with_a_new_walk_for_a_part_already_logged_is_kept(client, person):
    """Without the confirm page in between (a form post that says yes at once), two signs."""
    programme = make_programme(person, days_ago=3)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    first = WalkEntry.objects.create(programme=programme, date=yesterday, part="evening", minutes=6,
                                     pain_before=2, painkiller="yes")
    response = client.post("/rugoefening/wandeling/", walk_form(
        date=yesterday.isoformat(), part="evening", minutes="0", pain_before="7", note="nieuw",
        warning_signs=["fever", "leg_weakness"], confirm_signs="yes"), follow=True)
    first.refresh_from_db()
    assert (first.minutes, first.pain_before, first.painkiller, first.note) == (6, 2, "yes", "")
    assert sorted(first.warning_signs) == ["fever", "leg_weakness"]
    assert WalkEntry.objects.count() == 1
    assert (f"De klachten zijn opgeslagen bij de wandeling die er al stond: {long_date(yesterday)}, avond, "
            "6 minuten.") in text(response)
    # Posted again: nothing new to keep, so the rule of a plain new walk holds (the page says the
    # walk is there and links to it).
    again = client.post("/rugoefening/wandeling/", walk_form(
        date=yesterday.isoformat(), part="evening", minutes="0", warning_signs=["fever"], confirm_signs="yes"))
    assert again.status_code == 200 and "U heeft deze wandeling al ingevuld: 6 minuten." in text(again)
    first.refresh_from_db()
    assert first.minutes == 6


def test_no_on_the_confirm_step_changes_nothing_on_the_walk_already_logged(client, person):
    make_programme(person)
    client.post("/rugoefening/wandeling/", walk_form(minutes="8", pain_after="3"))
    confirm = client.post("/rugoefening/wandeling/", walk_form(minutes="2", warning_signs=["fever"]))
    page = press(client, "/rugoefening/wandeling/", confirm, "no")
    entry = WalkEntry.objects.get()
    assert (entry.minutes, entry.pain_after, entry.warning_signs) == (8, 3, [])
    assert "Er is nog niets opgeslagen." in text(page)


def test_a_walk_changed_to_a_part_already_logged_with_a_sign_moves_nothing_and_keeps_the_sign(client, person):
    programme = make_programme(person)
    morning = WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=8)
    evening = WalkEntry.objects.create(programme=programme, date=programme.start, part="evening", minutes=4)
    confirm = client.post(f"/rugoefening/wandeling/{evening.id}/",
                          walk_form(part="morning", minutes="3", warning_signs=["leg_weakness"]))
    assert "U had deze wandeling al ingevuld: ochtend, 8 minuten." in text(confirm)
    press(client, f"/rugoefening/wandeling/{evening.id}/", confirm, "yes")
    morning.refresh_from_db()
    evening.refresh_from_db()
    assert (morning.minutes, morning.warning_signs) == (8, ["leg_weakness"])
    assert (evening.part, evening.minutes, evening.warning_signs) == ("evening", 4, [])


def test_a_saved_walk_changed_with_a_sign_says_what_is_saved_and_what_it_replaces(client, person):
    """Editing a saved walk of 8 minutes to 3 minutes and ticking a sign: the confirm step says
    the walk is saved as now filled in (3 minutes) and that 8 minutes stood there first."""
    programme = make_programme(person)
    morning = WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=8)
    url = f"/rugoefening/wandeling/{morning.id}/"
    confirm = client.post(url, walk_form(date=programme.start.isoformat(), minutes="3", warning_signs=["fever"]))
    words = text(confirm)
    assert "Uw wandeling wordt dan opgeslagen zoals u hem nu heeft ingevuld: ochtend, 3 minuten, met deze klacht." in words
    assert "Eerst stond er: ochtend, 8 minuten." in words
    press(client, url, confirm, "yes")
    morning.refresh_from_db()
    assert (morning.minutes, morning.warning_signs) == (3, ["fever"])

    # Only the sign is new, the minutes are the same: nothing is said to be replaced.
    evening = WalkEntry.objects.create(programme=programme, date=programme.start, part="evening", minutes=5)
    confirm = client.post(f"/en/rugoefening/wandeling/{evening.id}/",
                          walk_form(date=programme.start.isoformat(), part="evening", minutes="5",
                                    warning_signs=["leg_weakness"]))
    words = text(confirm)
    assert "Your walk is then saved as you have now filled it in: evening, 5 minutes, with this complaint." in words
    assert "Before, it said" not in words


def test_in_english_the_walk_already_logged_and_its_sign(client, person):
    make_programme(person)
    client.post("/en/rugoefening/wandeling/", walk_form(minutes="8"))
    assert "You have already filled in this walk: 8 minutes." in text(client.get("/en/rugoefening/wandeling/?part=morning"))
    confirm = client.post("/en/rugoefening/wandeling/", walk_form(minutes="2", warning_signs=["fever"]))
    assert "You had already filled in this walk: morning, 8 minutes." in text(confirm)
    assert "Yes, I have this complaint" in text(confirm)
    home = press(client, "/en/rugoefening/wandeling/", confirm, "yes")
    assert ("The complaint has been saved with the walk that was already there: morning, 8 minutes. "
            "Otherwise that walk has not changed.") in text(home)
    assert WalkEntry.objects.get().minutes == 8


# --- 2. The target beside a walk of an earlier day is that day's ----------------------------


def test_changing_a_walk_of_an_earlier_day_shows_the_target_of_that_day(client, person):
    """W-2/W-4: start 10 gives 8 minutes; two completed days give +1, so today it is 9 and
    yesterday it was 8."""
    programme = make_programme(person, days_ago=2, baseline=10)
    start, yesterday = programme.start, programme.start + dt.timedelta(days=1)
    for day in (start, yesterday):
        for part in ("morning", "afternoon"):
            WalkEntry.objects.create(programme=programme, date=day, part=part, minutes=8)
    assert "Doel: 9 min." in text(client.get("/rugoefening/wandeling/"))  # today's
    entry = WalkEntry.objects.get(date=yesterday, part="morning")
    page = text(client.get(f"/rugoefening/wandeling/{entry.id}/"))
    assert "Doel: 8 min." in page and "Doel: 9 min." not in page
    # The form of a new walk opened for that day too, and in English.
    assert "Doel: 8 min." in text(client.get(f"/rugoefening/wandeling/?date={yesterday.isoformat()}&part=evening"))
    assert "Target: 8 min." in text(client.get(f"/en/rugoefening/wandeling/{entry.id}/"))


# --- 3. The words after saving a walk of an earlier day -------------------------------------


def test_a_walk_of_yesterday_is_worded_as_yesterday_and_a_new_target_for_today_is_said(client, person):
    programme = make_programme(person, days_ago=2, baseline=10)  # start target 8 (W-2)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for part in ("morning", "afternoon"):
        WalkEntry.objects.create(programme=programme, date=programme.start, part=part, minutes=8)
    WalkEntry.objects.create(programme=programme, date=yesterday, part="morning", minutes=8)
    assert "Doel: 8 min." in text(client.get("/rugoefening/wandeling/"))
    # Yesterday's second walk at the target: yesterday completed, the second completed day in a
    # row, so today's target goes up to 9 (W-4), which the person did not do today.
    page = text(client.post("/rugoefening/wandeling/", walk_form(date=yesterday.isoformat(), part="afternoon",
                                                                 minutes="8"), follow=True))
    day = long_date(yesterday)
    assert f"{day[0].upper()}{day[1:]}, middag: 8 minuten, doel gehaald." in page
    assert "Uw doel voor vandaag is nu 9 minuten." in page
    assert "Haalt u vandaag" not in page and "Morgen:" not in page


def test_a_walk_of_yesterday_that_changes_nothing_today_says_only_what_it_was(client, person):
    programme = make_programme(person, days_ago=2, baseline=10)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=8)
    page = text(client.post("/rugoefening/wandeling/", walk_form(date=yesterday.isoformat(), part="evening",
                                                                 minutes="5"), follow=True))
    assert ", avond: 5 minuten van de 8, doel niet gehaald." in page
    assert "Uw doel voor vandaag" not in page
    assert "Haalt u vandaag" not in page and "Morgen:" not in page


def test_a_new_target_for_today_in_english(client, person):
    programme = make_programme(person, days_ago=2, baseline=10)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for day, part in ((programme.start, "morning"), (programme.start, "afternoon"), (yesterday, "morning")):
        WalkEntry.objects.create(programme=programme, date=day, part=part, minutes=8)
    page = text(client.post("/en/rugoefening/wandeling/", walk_form(date=yesterday.isoformat(), part="evening",
                                                                    minutes="8"), follow=True))
    assert "Your target for today is now 9 minutes." in page
    assert "Tomorrow:" not in page


# --- 4. The programme's warning-sign words ----------------------------------------------------


def test_the_confirm_step_and_the_stop_box_name_the_new_complaints_where_they_stand(client, person):
    make_programme(person)
    response = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["leg_weakness"]))
    one = text(response)
    assert LEG in one
    assert "Zeg welke nieuwe klacht u heeft. U ziet die hierboven." in one
    assert RUGTEST_SENTENCE not in one and "rugtest heeft gedaan" not in one
    assert re.search(r'value="yes">\s*Ja, ik heb deze klacht\s*</button>', response.content.decode())
    response = client.post("/rugoefening/wandeling/", walk_form(warning_signs=["leg_weakness", "fever"]))
    two = text(response)
    assert "Heeft u de klachten hierboven echt?" in two
    assert "Zeg welke nieuwe klachten u heeft. U ziet ze hierboven." in two
    assert re.search(r'value="yes">\s*Ja, ik heb deze klachten\s*</button>', response.content.decode())
    # The stop box lists the complaints under its advice ("U meldde:").
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["leg_weakness", "fever"], confirm_signs="yes"))
    for address in ("/rugoefening/", "/rugoefening/voortgang/"):
        box = text(client.get(address))
        assert "Zeg welke nieuwe klachten u heeft. U ziet ze hieronder." in box
        assert box.index("U ziet ze hieronder") < box.index("U meldde:") < box.index(LEG)
        assert "rugtest heeft gedaan" not in box
    # The rugtest's own result keeps its sentence (someone else, not signed in, in this browser).
    assert RUGTEST_SENTENCE in text(walk(Client(), CASES["E-03"]["answers"]))


def test_the_confirm_step_says_pause_for_worsening_pain_and_stop_for_the_other_signs(client, person):
    """W-9: worsening pain (level gp) puts the plan on hold, not daily life, as the stop box
    after "Ja" says ("Uw schema staat stil"); the urgent and emergency signs stop it."""
    make_programme(person)
    worse = text(client.post("/rugoefening/wandeling/", walk_form(warning_signs=["pain_worsening"])))
    assert ("Heeft u de klacht hierboven echt? Dan staat uw schema stil. Blijf wel zo gewoon mogelijk bewegen "
            "tot uw afspraak bij de huisarts.") in worse
    assert "Dan stopt de rugoefening" not in worse
    fever = text(client.post("/rugoefening/wandeling/", walk_form(warning_signs=["fever"])))
    assert "Heeft u de klacht hierboven echt? Dan stopt de rugoefening. Uw wandeling wordt dan opgeslagen met deze klacht." in fever
    assert "schema stil" not in fever
    # Worse pain together with an urgent sign: the most urgent, a stop.
    both = text(client.post("/rugoefening/wandeling/", walk_form(warning_signs=["pain_worsening", "fever"])))
    assert "Dan stopt de rugoefening." in both and "schema stil" not in both
    english = text(client.post("/en/rugoefening/wandeling/", walk_form(warning_signs=["pain_worsening"])))
    assert "Do you really have the complaint above? Then your plan is paused." in english
    # After "Ja", the progress page's status says the same as its stop box.
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["pain_worsening"], confirm_signs="yes"))
    progress = text(client.get("/rugoefening/voortgang/"))
    assert f"Status: uw schema staat stil sinds {timezone.localdate().day} " in progress
    assert "Uw schema staat stil" in progress and "gestopt op" not in progress


def test_after_a_stop_how_the_programme_works_is_folded_away(client, person):
    """W-9: "Stop met de wandelingen tot een arts naar u heeft gekeken" is not followed, open on
    the page, by "U wandelt drie keer per dag"; before the stop that explanation stands open."""
    make_programme(person)
    html = client.get("/rugoefening/").content.decode()
    assert "Drie keer per dag" in html and "<summary>Zo werkt de rugoefening</summary>" not in html
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["fever"], confirm_signs="yes"))
    html = client.get("/rugoefening/").content.decode()
    folded = re.search(r'<details class="later"><summary>Zo werkt de rugoefening</summary>(.*?)</details>', html, re.S)
    assert folded and "Drie keer per dag" in folded.group(1)
    assert html.count("Drie keer per dag") == 1
    assert html.index("Stop met de wandelingen tot een arts naar u heeft gekeken") < folded.start()
    english = client.get("/en/rugoefening/").content.decode()
    assert "<summary>How the walking programme works</summary>" in english


def test_the_programme_words_in_english(client, person):
    make_programme(person)
    two = text(client.post("/en/rugoefening/wandeling/", walk_form(warning_signs=["leg_weakness", "fever"])))
    assert "Say which new complaints you have. You can see them above." in two
    assert "Yes, I have these complaints" in two
    client.post("/en/rugoefening/wandeling/", walk_form(warning_signs=["fever"], confirm_signs="yes"))
    assert "Say which new complaint you have. You can see it below." in text(client.get("/en/rugoefening/"))


def test_the_report_for_the_gp_words_the_stop_as_the_programme_does(client, person):
    """The PDF of a programme stopped by a complaint from the log says to name that complaint,
    listed below; not the rugtest's "Zeg dat u de rugtest heeft gedaan"."""
    from pypdf import PdfReader

    make_programme(person)
    client.post("/rugoefening/wandeling/", walk_form(warning_signs=["fever"], confirm_signs="yes"))
    response = client.get("/rugoefening/rapport.pdf")
    assert response.status_code == 200
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Zeg welke nieuwe klacht u heeft. U ziet die hieronder." in pdf
    assert "rugtest heeft gedaan" not in pdf
