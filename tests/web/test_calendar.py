"""The walks in the person's calendar: /rugoefening/agenda/ and the feed /agenda/<token>.ics.

The feed is parsed back with the icalendar library. Expected minutes come from the spec's
formulas (W-2, W-4/I-7), expected clock times from the Dutch daylight-saving dates.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from rugtest.privacy import calendar
from rugtest.privacy.models import CalendarLink
from rugtest.programme.models import Programme, WalkEntry
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db
UTC = dt.UTC
PARTS = ("morning", "afternoon", "evening")
FEED = re.compile(r'id="feed-url"[^>]*>(https?://[^<]+/agenda/([A-Za-z0-9_-]+)\.ics)</textarea>')
SELFCARE = {"spec_version": 1, "level": "selfcare", "action": "selfcare", "conditions": [], "rules": [],
            "uncertain_rules": [], "duration_class": "subacute", "nonspecific": True,
            "programme": "recommended", "advice": ["A-PROGRAMME"]}


def person(email="walker@example.org"):
    return get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=None)


def programme_of(user, start: dt.date, baseline=10) -> Programme:
    result = RugtestResult.objects.create(user=user, answers={"age": 50, "duration_weeks": 9}, outcome=SELFCARE)
    return Programme.objects.create(user=user, result=result, start=start, baseline_minutes=baseline,
                                    baseline_method="direct")


def walk_every_part(programme, days: int, minutes: int) -> None:
    for d in range(days):
        for part in PARTS:
            WalkEntry.objects.create(programme=programme, date=programme.start + dt.timedelta(days=d),
                                     part=part, minutes=minutes)


def events(cal_bytes_or_cal) -> list:
    cal = cal_bytes_or_cal
    if isinstance(cal, bytes):
        cal = icalendar.Calendar.from_ical(cal)
    return list(cal.walk("VEVENT"))


def times(**overrides):
    base = {"morning": dt.time(9, 0), "afternoon": dt.time(13, 0), "evening": dt.time(18, 30)}
    return {**base, **overrides}


# --- The feed itself ------------------------------------------------------------------------


def test_three_walks_a_day_for_14_days_with_the_plans_minutes_and_an_alarm():
    user = person()
    start = dt.date(2027, 1, 4)
    programme = programme_of(user, start, baseline=10)  # W-2: start 8 minutes
    walk_every_part(programme, days=4, minutes=30)  # days 0-3 completed
    today = start + dt.timedelta(days=4)
    feed = calendar.build_calendar(programme=programme, times=times(), today=today).to_ical()

    parsed = events(feed)
    assert len(parsed) == 14 * 3
    expected_minutes = min(30, 8 + 4 // 2)  # W-4 / I-7: every day completed → start + ⌊d/2⌋ = 10
    days = sorted({e.decoded("dtstart").date() for e in parsed})
    assert days == [today + dt.timedelta(days=i) for i in range(14)]
    for event in parsed:
        assert str(event["summary"]) == f"Wandelen: {expected_minutes} minuten"
        assert event.decoded("duration") == dt.timedelta(minutes=expected_minutes)
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        assert alarms[0].decoded("trigger") == -dt.timedelta(minutes=10)
    local = sorted((e.decoded("dtstart").date(), e.decoded("dtstart").time()) for e in parsed)[:3]
    assert [t for _, t in local] == [dt.time(9, 0), dt.time(13, 0), dt.time(18, 30)]


def test_english_feed_titles():
    programme = programme_of(person(), dt.date(2027, 1, 4), baseline=4)  # W-2: start 3
    feed = calendar.build_calendar(programme=programme, times=times(), today=dt.date(2027, 1, 4), lang="en")
    assert {str(e["summary"]) for e in events(feed)} == {"Walk: 3 minutes"}


@pytest.mark.parametrize("today, before, after", [
    # Summer time starts on Sunday 28 March 2027 and ends on Sunday 31 October 2027.
    (dt.date(2027, 3, 24), dt.date(2027, 3, 27), dt.date(2027, 3, 29)),
    (dt.date(2027, 10, 27), dt.date(2027, 10, 30), dt.date(2027, 11, 1)),
], ids=["march", "october"])
def test_walks_keep_their_local_time_across_the_daylight_saving_change(today, before, after):
    programme = programme_of(person(), today)
    cal = calendar.build_calendar(programme=programme, times=times(), today=today)
    raw = cal.to_ical().decode()
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Amsterdam" in raw
    zones = cal.walk("VTIMEZONE")
    assert len(zones) == 1
    assert {c.name for c in zones[0].subcomponents} >= {"STANDARD", "DAYLIGHT"}
    assert "DTSTART;TZID=Europe/Amsterdam:" in raw

    parsed = icalendar.Calendar.from_ical(raw)
    morning = {e.decoded("dtstart").date(): e.decoded("dtstart") for e in parsed.walk("VEVENT")
               if e.decoded("dtstart").time() == dt.time(9, 0)}
    winter, summer = (before, after) if today.month == 3 else (after, before)
    assert morning[winter].astimezone(UTC).time() == dt.time(8, 0)  # 09:00 CET = 08:00 UTC
    assert morning[summer].astimezone(UTC).time() == dt.time(7, 0)  # 09:00 CEST = 07:00 UTC
    assert morning[winter].tzinfo is not None and morning[summer].utcoffset() == dt.timedelta(hours=2)
    # The VTIMEZONE itself (what a client without the zone database reads) has the change.
    own_zone = zones[0].to_tz()
    assert dt.datetime.combine(winter, dt.time(9), tzinfo=own_zone).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime.combine(summer, dt.time(9), tzinfo=own_zone).utcoffset() == dt.timedelta(hours=2)


def test_uids_are_stable_when_the_plan_changes_and_unique_per_walk():
    start = dt.date(2027, 2, 1)
    programme = programme_of(person(), start, baseline=10)
    today = start + dt.timedelta(days=2)
    first = events(calendar.build_calendar(programme=programme, times=times(), today=today))
    walk_every_part(programme, days=2, minutes=30)  # the plan rises: target 9 on day 2
    second = events(calendar.build_calendar(programme=programme, times=times(evening=dt.time(20, 0)), today=today))
    uids_first = [str(e["uid"]) for e in first]
    assert len(set(uids_first)) == len(uids_first) == 42
    assert uids_first == [str(e["uid"]) for e in second]
    assert {str(e["summary"]) for e in first} == {"Wandelen: 8 minuten"}
    assert {str(e["summary"]) for e in second} == {"Wandelen: 9 minuten"}
    # The next day's feed keeps the UIDs of the days both cover.
    later = events(calendar.build_calendar(programme=programme, times=times(), today=today + dt.timedelta(days=1)))
    assert set(uids_first) & {str(e["uid"]) for e in later} == set(uids_first[3:])


@pytest.mark.parametrize("sign_day", [0, 3])
def test_no_walk_from_a_stop_on_only_the_stop_event_W_9_D_7(sign_day):
    start = dt.date(2027, 5, 3)
    programme = programme_of(person(), start)
    WalkEntry.objects.create(programme=programme, date=start + dt.timedelta(days=sign_day), part="morning",
                             minutes=0, warning_signs=["fever"])
    cal = calendar.build_calendar(programme=programme, times=times(), today=start + dt.timedelta(days=3))
    [stop] = events(cal)  # D-7: no walks, one event on the stop date
    assert stop.decoded("dtstart") == start + dt.timedelta(days=sign_day)  # a date: all day
    assert stop.decoded("dtend") == start + dt.timedelta(days=sign_day + 1)
    assert cal.walk("VTIMEZONE"), "a calendar still names its time zone"


# D-7: the stop's advice in one sentence, by the action W-9 gives the sign (at age 50).
STOP_SENTENCES = {
    "fever": ("nl", "bel vandaag nog uw huisarts"),
    "saddle_numbness": ("nl", "bel meteen uw huisarts"),
    "sudden_severe_pain": ("nl", "bel 112"),
    "pain_worsening": ("nl", "blijf in het dagelijks leven zo gewoon mogelijk bewegen tot die afspraak"),
}


@pytest.mark.parametrize("sign", list(STOP_SENTENCES))
def test_D_7_the_stop_event_says_the_stop_s_advice_in_one_sentence(sign):
    start = dt.date(2027, 5, 3)
    programme = programme_of(person(), start)
    stopped_on = start + dt.timedelta(days=5)
    WalkEntry.objects.create(programme=programme, date=stopped_on, part="afternoon", minutes=4, warning_signs=[sign])
    parsed = events(calendar.build_calendar(programme=programme, times=times(), today=start + dt.timedelta(days=6)))
    [stop] = parsed
    assert str(stop["summary"]) == "Rugoefening gestopt"
    assert stop.decoded("dtstart") == stopped_on and not isinstance(stop.decoded("dtstart"), dt.datetime)
    description = str(stop["description"])
    assert STOP_SENTENCES[sign][1] in description
    assert len(re.findall(r"[.?!](\s|$)", description)) == 1, description  # one sentence
    if sign == "pain_worsening":
        assert "112" not in description and "wandel niet verder" not in description


def test_D_7_the_stop_event_in_english():
    start = dt.date(2027, 5, 3)
    programme = programme_of(person(), start)
    WalkEntry.objects.create(programme=programme, date=start, part="morning", minutes=4, warning_signs=["pain_worsening"])
    [stop] = events(calendar.build_calendar(programme=programme, times=times(), today=start, lang="en"))
    assert str(stop["summary"]) == "Walking programme stopped"
    assert "keep moving" in str(stop["description"]) and "GP" in str(stop["description"])


def test_no_event_after_the_last_day_of_the_programme_W_7():
    start = dt.date(2027, 1, 4)
    programme = programme_of(person(), start)
    today = start + dt.timedelta(days=80)  # days 80, 81, 82, 83 are left
    parsed = events(calendar.build_calendar(programme=programme, times=times(), today=today))
    assert sorted({e.decoded("dtstart").date() for e in parsed}) == [start + dt.timedelta(days=d) for d in range(80, 84)]


def test_no_programme_gives_a_valid_empty_calendar():
    cal = calendar.build_calendar(programme=None, times=times(), today=dt.date(2027, 1, 4))
    parsed = icalendar.Calendar.from_ical(cal.to_ical())
    assert str(parsed["version"]) == "2.0" and parsed.walk("VEVENT") == []


# --- The page and the link ------------------------------------------------------------------


def create_link(client, action="create"):
    response = client.post("/rugoefening/agenda/", {"action": action})
    assert response.status_code == 200
    url, token = FEED.search(response.content.decode()).groups()
    return url, token


def test_signed_out_agenda_page_sends_to_sign_in(client):
    response = client.get("/rugoefening/agenda/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_create_show_once_fetch_renew_and_revoke(client):
    user = person()
    programme_of(user, timezone.localdate())
    client.force_login(user)
    page = client.get("/rugoefening/agenda/").content.decode()
    assert "U heeft nog geen link" in page and not FEED.search(page)

    url, token = create_link(client)
    assert len(token) >= 22  # ≥ 128 bits in URL-safe base64
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert re.search(r'filename="rugoefening-\d{4}-\d{2}-\d{2}\.ics"', response["Content-Disposition"])
    assert len(events(response.content)) == 42

    # The link is shown once: the page later tells that there is one, without it.
    again = client.get("/rugoefening/agenda/").content.decode()
    assert token not in again and "U heeft een link sinds" in again

    # Stored only as a hash: the token is in no column of the table.
    link = CalendarLink.objects.get(user=user)
    assert token not in str([getattr(link, f.attname) for f in CalendarLink._meta.concrete_fields])
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM privacy_calendarlink")
        assert token not in repr(cursor.fetchall())

    # Renew: the old link stops at once, the new one works.
    _, new_token = create_link(client, action="renew")
    assert new_token != token
    assert client.get(f"/agenda/{token}.ics").status_code == 404
    assert client.get(f"/agenda/{new_token}.ics").status_code == 200

    # Revoke: 404, and the page says so.
    response = client.post("/rugoefening/agenda/", {"action": "revoke"}, follow=True)
    assert "De link werkt niet meer" in response.content.decode()
    assert client.get(f"/agenda/{new_token}.ics").status_code == 404


@pytest.mark.parametrize("path", [
    "/agenda/" + "A" * 43 + ".ics",  # well-formed, unknown
    "/agenda/short.ics",  # not a token at all
    "/en/agenda/" + "b" * 43 + ".ics",
])
def test_unknown_tokens_are_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_feed_needs_no_sign_in_and_sets_no_cookie(client):
    user = person()
    programme_of(user, timezone.localdate())
    client.force_login(user)
    _, token = create_link(client)
    client.logout()
    from django.test import Client

    response = Client().get(f"/agenda/{token}.ics")
    assert response.status_code == 200 and not response.cookies


def test_chosen_times_are_used_and_bad_times_get_a_clear_message(client):
    user = person()
    programme_of(user, timezone.localdate())
    client.force_login(user)
    response = client.post("/rugoefening/agenda/", {"action": "times", "morning": "07:30", "afternoon": "12:00",
                                                    "evening": "20:15"}, follow=True)
    assert "Uw tijden zijn opgeslagen" in response.content.decode()
    _, token = create_link(client)
    feed = events(client.get(f"/agenda/{token}.ics").content)
    assert {e.decoded("dtstart").astimezone(ZoneInfo("Europe/Amsterdam")).time() for e in feed} == {
        dt.time(7, 30), dt.time(12, 0), dt.time(20, 15)}

    bad = client.post("/rugoefening/agenda/", {"action": "times", "morning": "25:00", "afternoon": "12:00",
                                               "evening": "20:15"})
    assert bad.status_code == 200
    assert "Vul een tijd in als uu:mm" in bad.content.decode()
    order = client.post("/en/rugoefening/agenda/", {"action": "times", "morning": "14:00", "afternoon": "12:00",
                                                    "evening": "20:15"})
    assert order.status_code == 200 and "choose the times in order" in order.content.decode()
    link = CalendarLink.objects.get(user=user)
    assert (link.morning, link.afternoon, link.evening) == (dt.time(7, 30), dt.time(12, 0), dt.time(20, 15))


def test_unknown_action_is_a_clear_page_not_an_error(client):
    client.force_login(person())
    response = client.post("/rugoefening/agenda/", {"action": "explode"})
    assert response.status_code == 400 and "Dat ging niet goed" in response.content.decode()


def test_one_persons_link_never_shows_another_persons_plan(client):
    anna, bram = person("anna@example.org"), person("bram@example.org")
    programme_of(anna, timezone.localdate(), baseline=4)  # 3 minutes
    programme_of(bram, timezone.localdate(), baseline=25)  # 20 minutes
    client.force_login(anna)
    _, token = create_link(client)
    summaries = {str(e["summary"]) for e in events(client.get(f"/agenda/{token}.ics").content)}
    assert summaries == {"Wandelen: 3 minuten"}


def test_the_page_says_why_a_stopped_programme_has_no_walks_W_9(client):
    user = person()
    programme = programme_of(user, timezone.localdate() - dt.timedelta(days=2))
    client.force_login(user)
    _, token = create_link(client)
    assert len(events(client.get(f"/agenda/{token}.ics").content)) == 42
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=0,
                             warning_signs=["leg_weakness"])
    [stop] = events(client.get(f"/agenda/{token}.ics").content)  # D-7: no walks, the stop event
    assert str(stop["summary"]) == "Rugoefening gestopt"
    assert "Uw rugoefening is gestopt" in client.get("/rugoefening/agenda/").content.decode()
    assert "has stopped" in client.get("/en/rugoefening/agenda/").content.decode()


def test_the_programme_page_leads_to_the_calendar_and_my_data(client):
    user = person()
    programme_of(user, timezone.localdate())
    client.force_login(user)
    page = client.get("/rugoefening/").content.decode()
    assert 'href="/rugoefening/agenda/"' in page and 'href="/mijn-gegevens/"' in page
    english = client.get("/en/rugoefening/").content.decode()
    assert 'href="/en/rugoefening/agenda/"' in english and "Put your walks in your calendar" in english
