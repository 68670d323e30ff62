"""Every page of the site as a browser test opens it, in Dutch and in English.

The catalogue (``PAGES``, ``BY_NAME``, ``cases``) names each page and each state a person can
meet and says how to bring a fresh browser page to it: the state behind it (rugtest answers, a
signed-in person with a plan) is made with Django's test client on the live server's database
and handed to the browser as the session cookie; error states are made in the browser, by
submitting the form as a person would. ``layout_problems`` finds what sticks out sideways or
is cut off. Shared by the accessibility tests and the phone journeys.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone, translation
from playwright.sync_api import Page, Response, expect

from factories import CASES, form_data, give_result, make_programme, make_user
from flows import Visit
from rugtest import words as texts
from rugtest.core import questions
from rugtest.programme.models import CheckIn, Measurement, Programme, WalkEntry

LANGS = ["nl", "en"]
STEP_CASE = "E-06"  # the one example case that passes every step page, 4b included


# --- A visit: one browser page in one language, and how to bring it into a state -----------


def answer_until(client: Client, answers: dict, stop_at: str | None = None) -> None:
    """Answer the rugtest page after page with the test client, up to page ``stop_at`` (or the result)."""
    response = client.get("/rugtest/stap/1/")
    so_far: dict = {}
    for _ in range(10):
        path = response.request["PATH_INFO"]
        assert response.status_code == 200, path
        if path.endswith("/uitslag/"):
            assert stop_at is None, f"the rugtest ended before page {stop_at}"
            return
        page_id = path.rstrip("/").split("/")[-1]
        if page_id == stop_at:
            return
        data = form_data(page_id, answers, so_far)
        so_far.update({k: answers[k] for k in data})
        response = client.post(path, data, follow=True)
    raise AssertionError("the rugtest did not end")


# --- The people and plans of the signed-in pages -------------------------------------------


def add_walks(programme: Programme, days: int, pain=lambda day: 2, minutes: int = 9) -> None:
    for day in range(days):
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(
                programme=programme, date=programme.start + dt.timedelta(days=day), part=part,
                minutes=minutes, pain_after=pain(day),
            )


# --- Every page, as a function that brings a fresh browser page to it ---------------------


@dataclass(frozen=True)
class SitePage:
    name: str
    open: Callable[[Visit], Response]
    status: int = 200  # what the page must answer: anything else fails the test


def plain(path: str) -> Callable[[Visit], Response]:
    return lambda v: v.goto(path)


def step_page(page_id: str) -> Callable[[Visit], Response]:
    def open_(v: Visit) -> Response:
        if page_id != "1":
            client = Client()
            answer_until(client, CASES[STEP_CASE]["answers"], stop_at=page_id)
            v.adopt_session(client)
        response = v.goto(f"/rugtest/stap/{page_id}/")
        assert v.page.url.endswith(f"/rugtest/stap/{page_id}/"), f"sent on to {v.page.url}"
        return response

    return open_


def step_1_with_error(v: Visit) -> Response:
    """Step 1 shown again after age 300 (and the other questions left open): the error state."""
    v.goto("/rugtest/stap/1/")
    v.page.fill('input[name="age"]', "300")
    response = v.submit()
    assert v.page.url.endswith("/rugtest/stap/1/")
    expect(v.page.locator("main .error-summary")).to_be_visible()
    expect(v.page.locator('input[name="age"]')).to_have_attribute("aria-invalid", "true")
    return response


def result_page(case_id: str, changes: dict | None = None, expected: dict | None = None) -> Callable[[Visit], Response]:
    """The result page after the answers of public example ``case_id`` (with ``changes``); its
    level and action are the example's (or ``expected``, taken from triage-rules.md)."""
    def open_(v: Visit) -> Response:
        client = Client()
        answer_until(client, {**CASES[case_id]["answers"], **(changes or {})})
        v.adopt_session(client)
        response = v.goto("/rugtest/uitslag/")
        want = expected or CASES[case_id]["expect"]
        expect(v.page.locator("main")).to_have_attribute("data-level", want["level"])
        with translation.override(v.lang):
            title = str(texts.ACTIONS[want["action"]]["title"])
        expect(v.page.locator("main h1")).to_have_text(title)  # e.g. call 112, or call the GP now
        return response

    return open_


def restart_question(v: Visit) -> Response:
    """"De test opnieuw doen" on a result: the page that asks before wiping it."""
    result_page("E-09")(v)
    with v.page.expect_navigation() as navigation:
        v.page.locator("main form[action$='/opnieuw/'] button").last.click()
    expect(v.page.locator("main h1")).to_have_text("Opnieuw beginnen?" if v.lang == "nl" else "Start again?")
    return navigation.value


# 'Weet ik niet' on the questions about cancer, weight loss and pain at night, at 45 and not
# feeling ill: R-MAL-1 and R-MAL-2 fire uncertain at level gp (with A-CHECK-GP), R-MAL-3 not at
# all (triage-rules.md).
DONT_KNOW = {"cancer_history": "unknown", "weight_loss": "unknown", "night_pain": "unknown"}


def login_with_wrong_password(v: Visit) -> Response:
    v.goto("/accounts/login/")
    v.page.fill('input[name="login"]', f"nobody-{uuid.uuid4().hex[:8]}@example.org")
    v.page.fill('input[name="password"]', "not-the-password")
    response = v.submit()
    assert "/accounts/login/" in v.page.url
    return response


def signup_code(v: Visit) -> Response:
    """The page that asks for the code from the sign-up mail."""
    v.goto("/accounts/signup/")
    v.page.fill('input[name="email"]', f"new-{uuid.uuid4().hex[:8]}@example.org")
    v.page.fill('input[name="password1"]', "walking-every-day-9")
    v.page.fill('input[name="password2"]', "walking-every-day-9")
    response = v.submit()
    expect(v.page.locator('input[name="code"]')).to_be_visible()
    return response


def password_reset_sent(v: Visit) -> Response:
    """The page after asking for a new password: "we have sent you an e-mail"."""
    v.goto("/accounts/password/reset/")
    v.page.fill('input[name="email"]', f"someone-{uuid.uuid4().hex[:8]}@example.org")
    response = v.submit()
    assert "/accounts/password/reset/done/" in v.page.url, v.page.url
    return response


def signed_in(setup: Callable[[object], None], path: str, then: Callable[[Visit], Response] | None = None):
    def open_(v: Visit) -> Response:
        user = make_user(password=None, verified=True)
        setup(user)
        v.sign_in(user)
        response = v.goto(path)
        assert v.page.url.endswith(v.prefix + path), f"sent on to {v.page.url}"
        return then(v) if then else response

    return open_


def active_plan(user) -> None:
    programme = make_programme(user, days_ago=3)
    add_walks(programme, days=3)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=9)


def stopped_plan(user) -> None:
    programme = make_programme(user, days_ago=3)
    add_walks(programme, days=2)
    WalkEntry.objects.create(
        programme=programme, date=timezone.localdate(), part="morning", minutes=0, warning_signs=["fever"]
    )


def stopped_then_a_new_rugtest(user) -> None:
    """A W-9 stop, then a rugtest that allows a new programme (W-1): the new start first."""
    stopped_plan(user)
    give_result(user)


def rising_pain_plan(user) -> None:
    """Pain scores going up for two weeks: the page asks "is your pain getting worse?" (W-10)."""
    programme = make_programme(user, days_ago=10)
    add_walks(programme, days=10, pain=lambda day: 1 if day < 2 else 5, minutes=10)


def long_plan(user) -> None:
    programme = make_programme(user, days_ago=9)
    add_walks(programme, days=9, minutes=12)


def only_a_result(user) -> None:
    give_result(user)


def edit_walk(v: Visit) -> Response:
    """A walk logged earlier, opened again to change or delete it."""
    user = make_user(password=None, verified=True)
    programme = make_programme(user, days_ago=3)
    entry = WalkEntry.objects.create(programme=programme, date=programme.start, part="evening", minutes=7, pain_after=3)
    v.sign_in(user)
    response = v.goto(f"/rugoefening/wandeling/{entry.id}/")
    expect(v.page.locator('input[name="minutes"]')).to_have_value("7")
    return response


def edit_walk_with_a_sign(v: Visit) -> Response:
    """A saved walk changed (7 minutes to 4) with a new sign: the confirm step names what is
    saved and what stood there first."""
    edit_walk(v)
    v.page.fill('input[name="minutes"]', "4")
    v.page.check('input[name="warning_signs"][value="fever"]')
    response = v.submit()
    expect(v.page.locator('main button[name="confirm_signs"]')).to_have_count(2)
    return response


def paused_plan(user) -> None:
    """A GP-level stop (W-9 pain_worsening): the plan is on hold, daily life goes on."""
    programme = make_programme(user, days_ago=9)
    add_walks(programme, days=8, minutes=12)
    WalkEntry.objects.create(programme=programme, date=timezone.localdate(), part="morning", minutes=0,
                             warning_signs=["pain_worsening"])


def programme_after_result(case_id: str) -> Callable[[Visit], Response]:
    """/rugoefening/ right after the rugtest, not signed in: the way into the programme."""
    def open_(v: Visit) -> Response:
        client = Client()
        answer_until(client, CASES[case_id]["answers"])
        v.adopt_session(client)
        response = v.goto("/rugoefening/")
        expect(v.page.locator("section.way-in")).to_be_visible()
        return response

    return open_


def claim_question(v: Visit) -> Response:
    """Signed in on a browser that holds someone else's rugtest result: "is this yours?"."""
    user = make_user(f"claim-{uuid.uuid4().hex[:8]}@example.org", password="walking-every-day-9", verified=True)
    client = Client()
    answer_until(client, CASES["E-04"]["answers"])
    client.post("/accounts/login/", {"login": user.email, "password": "walking-every-day-9"})
    v.adopt_session(client)
    response = v.goto("/rugoefening/uitslag-in-deze-browser/")
    assert "/rugoefening/uitslag-in-deze-browser/" in v.page.url, v.page.url
    return response


def password_again(v: Visit) -> Response:
    """A download of one's data after a sign-in longer ago: allauth asks for the password."""
    user = make_user(f"again-{uuid.uuid4().hex[:8]}@example.org", password="walking-every-day-9", verified=True)
    v.sign_in(user)
    return v.goto("/accounts/reauthenticate/?next=/mijn-gegevens/export.json")


def tick_a_warning_sign(v: Visit) -> Response:
    """The W-9 confirm step: a sign ticked in the log asks "is this right?" first."""
    v.page.fill('input[name="minutes"]', "5")
    v.page.check('input[name="warning_signs"][value="fever"]')
    response = v.submit()
    expect(v.page.locator('main input[type="hidden"][name="warning_signs"]')).to_have_count(1)
    return response


def post_empty(v: Visit) -> Response:
    response = v.submit()
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return response


def post_minutes_181(v: Visit) -> Response:
    v.page.fill('input[name="minutes"]', "181")
    response = v.submit()
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return response


def agenda_new_link(v: Visit) -> Response:
    """The calendar page right after "make a link": the link shown once, with how to add it."""
    response = v.submit("main form")
    expect(v.page.locator("textarea#feed-url")).to_have_value(re.compile(r"/agenda/[A-Za-z0-9_-]{43}\.ics$"))
    return response


def agenda_times_out_of_order(v: Visit) -> Response:
    v.page.fill('input[name="morning"]', "14:00")
    v.page.fill('input[name="afternoon"]', "12:00")
    with v.page.expect_navigation() as navigation:
        v.page.locator("form:has(input[name=morning]) button[type=submit]").click()
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return navigation.value


def delete_with_wrong_password(v: Visit) -> Response:
    v.page.fill('input[name="password"]', "not-the-password")
    response = v.submit()
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return response


def share_new_link(v: Visit) -> Response:
    """/rugoefening/delen/ right after "make the link": the link shown once, to copy."""
    v.page.fill('input[name="label"]', "Huisarts")
    response = v.submit("main form:has(input[name=label])")
    expect(v.page.locator("textarea#share-url")).to_have_value(re.compile(r"/gedeeld/[A-Za-z0-9_-]{43}/$"))
    return response


def share_bad_days(v: Visit) -> Response:
    v.page.fill('input[name="days"]', "91")
    response = v.submit("main form:has(input[name=label])")
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return response


def shared_report(v: Visit) -> Response:
    """What the GP opens, without an account: the programme report of a person nine days in,
    with a warning sign and a check-in, and the rugtest in words."""
    from rugtest.sharing import services

    user = make_user(f"shared-{uuid.uuid4().hex[:8]}@example.org", password=None, verified=True)
    programme = make_programme(user, days_ago=9)
    add_walks(programme, days=9, minutes=12)
    CheckIn.objects.create(programme=programme, date=timezone.localdate() - dt.timedelta(days=1), progress="same",
                           answers={"stress": "yes"}, risk_factors=["F-STRESS"], support="physio")
    start_measurement(programme)
    Measurement.objects.create(programme=programme, moment="checkin", date=timezone.localdate() - dt.timedelta(days=1),
                               pain_24h=5, activities=[{"activity": "Sokken aantrekken", "score": 6},
                                                       {"activity": "Tuinieren", "score": 5}])
    _, token = services.make_link(user=user, days=90, form_key=uuid.uuid4().hex[:22])
    response = v.goto(f"/gedeeld/{token}/")
    expect(v.page.locator("main h1")).to_be_visible()
    return response


def checkin_due_plan(user) -> None:
    """Day 21: the programme page asks the check-in (W-14): a line at the top, the questions below
    today's walks."""
    programme = make_programme(user, days_ago=21)
    add_walks(programme, days=3)


def checkin_page(then: Callable[[Visit], Response] | None = None, answered: bool = False):
    """The check-in's own page: the form (with errors after ``then``), or what an answer means."""
    def open_(v: Visit) -> Response:
        user = make_user(password=None, verified=True)
        programme = make_programme(user, days_ago=25)
        if answered:  # "worse", with stress: the support in full and the W-9 question
            CheckIn.objects.create(programme=programme, date=timezone.localdate(), progress="worse",
                                   answers={"stress": "yes", "low_mood": "yes"},
                                   risk_factors=["F-STRESS", "F-MOOD"], support="gp_talk")
        v.sign_in(user)
        response = v.goto(f"/rugoefening/hoe-gaat-het/{programme.id}/")
        return then(v) if then else response

    return open_


def start_measurement(programme: Programme, pain: int = 7) -> Measurement:
    return Measurement.objects.create(programme=programme, moment="start", date=programme.start, pain_24h=pain,
                                      activities=[{"activity": "Sokken aantrekken", "score": 3},
                                                  {"activity": "Tuinieren", "score": 5}])


def checkin_with_measurements(user) -> None:
    """Day 21, with the start measurement: the check-in measurement scores the same activities (O-1)."""
    programme = make_programme(user, days_ago=21)
    add_walks(programme, days=3)
    start_measurement(programme)


def measured_plan(user) -> None:
    """Nine days in, two measurements: the progress page's table and the change in words (O-3)."""
    programme = make_programme(user, days_ago=9)
    add_walks(programme, days=9, minutes=12)
    start_measurement(programme)
    Measurement.objects.create(programme=programme, moment="checkin", date=timezone.localdate(), pain_24h=4,
                               activities=[{"activity": "Sokken aantrekken", "score": 7},
                                           {"activity": "Tuinieren", "score": None}])


def finished_plan(user) -> None:
    """Day 84 (W-7): the closing summary, with the start measurement and the end one asked."""
    programme = make_programme(user, days_ago=84)
    add_walks(programme, days=5)
    start_measurement(programme)


def measure_bad_input(v: Visit) -> Response:
    """O-1 bad input: a score without its activity; the page says so and keeps what was typed."""
    v.page.locator("label[for=id_pain_24h_6]").click()
    v.page.fill("input[name=activity_1]", "Naar de winkel lopen")
    v.page.locator("label[for=id_score_1_2]").click()
    v.page.locator("label[for=id_score_2_5]").click()
    response = v.submit("main form.measure-form")
    expect(v.page.locator("main .error-summary")).to_be_visible()
    return response


def measure_pain_rise(v: Visit) -> Response:
    """O-4: a pain score 2 above the start asks the pain_worsening question (W-9)."""
    v.page.locator("label[for=id_pain_24h_9]").click()
    response = v.submit("main form.measure-form")
    expect(v.page.locator('main input[name="pain_worsening"]')).to_have_count(2)
    return response


def info_pages() -> list[SitePage]:
    """The information pages: the index, one page per condition (rugtest.words.CONDITION_SLUGS), the
    duration classes, the everyday causes and the about page.

    Each is listed unconditionally: a page that answers 404 fails its tests (``open_page``
    checks the status), it is never skipped.
    """

    paths = {"info": "/informatie/"}
    paths.update({f"info-{slug}": f"/informatie/{slug}/" for slug in texts.CONDITION_SLUGS.values()})
    paths.update({"info-how-long": "/informatie/hoe-lang/", "info-causes": "/informatie/oorzaken/", "about": "/over/"})
    return [SitePage(name, plain(path)) for name, path in paths.items()]


PAGES = [
    SitePage("home", plain("/")),
    SitePage("rugtest-start", plain("/rugtest/")),
    *[SitePage(f"step-{p.id}", step_page(p.id)) for p in questions.PAGES],
    SitePage("step-1-error", step_1_with_error),
    SitePage("result-emergency-call-112", result_page("E-02")),
    SitePage("result-emergency-call-gp-now", result_page("E-01")),
    SitePage("result-urgent", result_page("E-04")),
    SitePage("result-gp", result_page("E-06")),
    SitePage("result-selfcare", result_page("E-09")),
    SitePage("result-dont-know", result_page("E-09", DONT_KNOW, {"level": "gp", "action": "see_gp"})),
    SitePage("result-restart-question", restart_question),
    SitePage("rugoefening-anonymous", plain("/rugoefening/")),
    SitePage("rugoefening-after-result", programme_after_result("E-09")),
    SitePage("rugoefening-after-gp-result", programme_after_result("E-05")),
    SitePage("medicatie", plain("/medicatie/")),
    *info_pages(),
    SitePage("login", plain("/accounts/login/")),
    SitePage("login-wrong-password", login_with_wrong_password),
    SitePage("signup", plain("/accounts/signup/")),
    SitePage("signup-code", signup_code),
    SitePage("password-reset", plain("/accounts/password/reset/")),
    SitePage("password-reset-sent", password_reset_sent),
    SitePage("logout", signed_in(only_a_result, "/accounts/logout/")),
    SitePage("programme-active", signed_in(active_plan, "/rugoefening/")),
    SitePage("programme-stopped", signed_in(stopped_plan, "/rugoefening/")),
    SitePage("programme-new-start-after-stop", signed_in(stopped_then_a_new_rugtest, "/rugoefening/")),
    SitePage("programme-pain-question", signed_in(rising_pain_plan, "/rugoefening/")),
    SitePage("programme-start", signed_in(only_a_result, "/rugoefening/beginnen/")),
    SitePage("programme-start-errors", signed_in(only_a_result, "/rugoefening/beginnen/", post_empty)),
    SitePage("programme-log", signed_in(active_plan, "/rugoefening/wandeling/")),
    SitePage("programme-log-errors", signed_in(active_plan, "/rugoefening/wandeling/", post_minutes_181)),
    SitePage("programme-log-confirm-sign", signed_in(active_plan, "/rugoefening/wandeling/", tick_a_warning_sign)),
    SitePage("programme-claim-result", claim_question),
    SitePage("programme-edit-walk", edit_walk),
    SitePage("programme-edit-walk-confirm-sign", edit_walk_with_a_sign),
    SitePage("programme-paused-history", signed_in(paused_plan, "/rugoefening/voortgang/")),
    SitePage("programme-history", signed_in(long_plan, "/rugoefening/voortgang/")),
    SitePage("programme-history-measurements", signed_in(measured_plan, "/rugoefening/voortgang/")),
    SitePage("programme-finished", signed_in(finished_plan, "/rugoefening/")),
    SitePage("measure-start", signed_in(active_plan, "/rugoefening/meting/")),
    SitePage("measure-start-errors", signed_in(active_plan, "/rugoefening/meting/", measure_bad_input)),
    SitePage("measure-checkin", signed_in(checkin_with_measurements, "/rugoefening/meting/")),
    SitePage("measure-pain-rise", signed_in(checkin_with_measurements, "/rugoefening/meting/", measure_pain_rise)),
    SitePage("privacy", plain("/privacy/")),
    SitePage("agenda", signed_in(active_plan, "/rugoefening/agenda/")),
    SitePage("agenda-new-link", signed_in(active_plan, "/rugoefening/agenda/", agenda_new_link)),
    SitePage("agenda-times-error", signed_in(active_plan, "/rugoefening/agenda/", agenda_times_out_of_order)),
    SitePage("share-links", signed_in(active_plan, "/rugoefening/delen/")),
    SitePage("share-links-new", signed_in(active_plan, "/rugoefening/delen/", share_new_link)),
    SitePage("share-links-errors", signed_in(active_plan, "/rugoefening/delen/", share_bad_days)),
    SitePage("shared-report", shared_report),
    SitePage("shared-link-gone", plain("/gedeeld/" + "A" * 43 + "/"), status=404),
    SitePage("my-data", signed_in(long_plan, "/mijn-gegevens/")),
    SitePage("my-data-empty", signed_in(lambda user: None, "/mijn-gegevens/")),
    SitePage("delete-account", signed_in(only_a_result, "/mijn-gegevens/verwijderen/")),
    SitePage("delete-account-wrong-password",
             signed_in(only_a_result, "/mijn-gegevens/verwijderen/", delete_with_wrong_password)),
    SitePage("account-deleted", plain("/mijn-gegevens/verwijderd/")),
    SitePage("password-again", password_again),
    SitePage("programme-checkin", signed_in(checkin_due_plan, "/rugoefening/")),
    SitePage("checkin-errors", checkin_page(post_empty)),
    SitePage("checkin-answered", checkin_page(answered=True)),
    SitePage("not-found", plain("/bestaat-niet/"), status=404),
]
BY_NAME = {p.name: p for p in PAGES}
assert len(BY_NAME) == len(PAGES), "two pages with one name"
assert {f"step-{p.id}" for p in questions.PAGES} >= {"step-1", "step-2", "step-3", "step-4", "step-4b", "step-5"}


def cases(names=None, xfail: dict | None = None, modes: list[str] | None = None):
    """(lang, page name[, mode]) parameters, one test id each: ``nl-step-2``, ``nl-home-320px``.

    ``xfail`` marks known app problems (strict: the mark must go when the fix is in), keyed by
    the test id, or by the id without the language for both languages.
    """
    xfail = xfail or {}
    params = []
    for lang in LANGS:
        for page in PAGES:
            if names is not None and page.name not in names:
                continue
            for mode in modes or [None]:
                values = (lang, page.name) if mode is None else (lang, page.name, mode)
                bare = page.name if mode is None else f"{page.name}-{mode}"
                marks = []
                reason = xfail.get(f"{lang}-{bare}") or xfail.get(bare)
                if reason:
                    marks.append(pytest.mark.xfail(strict=True, reason=reason))
                params.append(pytest.param(*values, id=f"{lang}-{bare}", marks=marks))
    unknown = {key for key in xfail if not any(p.id == key or p.id.endswith("-" + key) for p in params)}
    assert not unknown, f"xfail marks for tests that do not exist: {unknown}"
    return params


# --- Fixtures ---------------------------------------------------------------------------------


def open_page(visit, lang: str, name: str, **options) -> Visit:
    page = BY_NAME[name]
    v = visit(lang, allow=page.status, **options)
    response = page.open(v)
    assert response is not None and response.status == page.status, (
        f"{v.page.url} answered {response and response.status}, expected {page.status}"
    )
    expect(v.page.locator("html")).to_have_attribute("lang", lang)
    return v


NARROW = {"width": 320, "height": 640}

# In the page: what sticks out sideways or is cut off. ``width`` is the viewport's CSS width.
LAYOUT_PROBLEMS = r"""(width) => {
  const problems = [];
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += "#" + el.id;
    const cls = typeof el.className === "string" ? el.className.trim() : "";
    if (cls) s += "." + cls.split(/\s+/).join(".");
    return s;
  };
  const text = (el) => ((el.innerText ?? el.textContent) || "").trim().replace(/\s+/g, " ");
  // Hidden on purpose: for screen readers only, or the skip link until it gets the focus.
  // Also any box hidden the same way by a stylesheet at this width (clipped to 1 × 1 px),
  // e.g. a table head that a stacked table keeps for screen readers only.
  const clippedAway = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const box = p.getBoundingClientRect();
      if (getComputedStyle(p).clip === "rect(0px, 0px, 0px, 0px)" && box.width <= 1 && box.height <= 1) return true;
    }
    return false;
  };
  const forScreenReaders = (el) => !!el.closest(".visually-hidden, .skip:not(:focus)") || clippedAway(el);
  // Inside a box that scrolls sideways on its own (e.g. .table-scroll): allowed to be wider.
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const root = document.documentElement;
  if (root.scrollWidth > width) {
    problems.push(`the page is ${root.scrollWidth}px wide on a ${width}px screen: it scrolls sideways`);
    // Name the culprits: the innermost boxes that stick out. Inside a sideways scroller only
    // what escapes it counts: e.g. an absolutely positioned (screen reader) text whose
    // containing block is the page, not the scroller.
    const escapes = (el) => !inScroller(el) || getComputedStyle(el).position === "absolute";
    const out = (el) => el.getBoundingClientRect().right > width + 1 && escapes(el);
    const culprits = [...document.body.querySelectorAll("*")].filter(
      (el) => out(el) && ![...el.children].some(out));
    if (!culprits.length) problems.push("  (no element found that sticks out)");
    const named = new Set();
    for (const el of culprits) {
      const html = el.outerHTML.slice(0, 120).replace(/\s+/g, " ");
      if (named.has(html) || named.size >= 8) continue;
      named.add(html);
      const box = el.getBoundingClientRect();
      problems.push(`  sticks out: ${name(el)} (x ${Math.round(box.left)}..${Math.round(box.right)}, ` +
        `width ${Math.round(box.width)}) ${html}`);
    }
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (forScreenReaders(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const words = text(el);
    if (!words) continue;
    const clipX = style.overflowX === "hidden" || style.overflowX === "clip";
    const clipY = style.overflowY === "hidden" || style.overflowY === "clip";
    if ((clipX && el.scrollWidth > el.clientWidth + 1) || (clipY && el.scrollHeight > el.clientHeight + 1)) {
      problems.push(`text cut off (overflow ${style.overflowX}/${style.overflowY}, content ` +
        `${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}): ` +
        `${name(el)} "${words.slice(0, 60)}"`);
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (ownText && !inScroller(el)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) {
        problems.push(`text outside the screen (x ${Math.round(box.left)}..${Math.round(box.right)} ` +
          `of 0..${width}): ${name(el)} "${words.slice(0, 60)}"`);
      }
    }
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS, page.viewport_size["width"])


# The pages whose reflow is checked: at 320 px (test_every_page_once.py) and with text at 200%
# (test_accessibility.py).
REFLOW_PAGES = [
    "home", "step-1", "step-2", "result-emergency-call-112", "result-selfcare",
    "medicatie", "programme-log", "programme-history", "rugoefening-after-result",
    "programme-log-confirm-sign", "programme-edit-walk-confirm-sign", "measure-start-errors", "programme-claim-result",
    "privacy", "agenda-new-link", "my-data", "share-links-new", "shared-report",
]


def reflow_problems(page: Page) -> list[str]:
    """What sticks out or is cut off, and a region that scrolls on its own (a wide table) but
    cannot be scrolled by keyboard."""
    from axecheck import AXE, describe_violations

    problems = layout_problems(page)
    violations = AXE.run(page, options={"runOnly": ["scrollable-region-focusable"]}).response["violations"]
    if violations:
        problems.append(describe_violations("the page", violations))
    return problems


def narrow(page: Page) -> None:
    """The open page on a 320 px phone: the viewport narrowed, the page laid out again."""
    # The browser lays the page out again before the next measurement reads it. (A phone's
    # window.innerWidth is no measure of this: it widens to content that sticks out.)
    page.set_viewport_size(NARROW)


# --- What a person can read, and where a word breaks -----------------------------------------

# The words of the page, as a person can come to read them: the title and every text node of
# the body, each a word apart (a block's text never runs into the next one's), without scripts,
# styles and the link fields (a token is an address, not words).
PAGE_TEXT = r"""() => {
  const skip = "script, style, template, textarea";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [document.title];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest(skip)) texts.push(node.textContent);
  }
  return texts.join(" ");
}"""


def page_text(page) -> str:
    return " ".join(page.evaluate(PAGE_TEXT).split())


# Every word of the page's text that lands on two lines: where it breaks, and whether the
# character before the break is a hyphen (a soft hyphen, shown as "-", or a real one). A break
# the browser makes by `hyphens: auto` shows a hyphen that is not in the text; this chromium has
# no hyphenation dictionaries, so every break it makes is in the text or bare.
BARE_BREAKS = r"""() => {
  const bare = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !el.offsetParent || el.closest(".visually-hidden, textarea, script, style")) continue;
    const text = node.textContent;
    const re = /[^\s\u2013\u2014\/;,]{2,}/g;
    let m;
    while ((m = re.exec(text))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size < 2) continue;
      let previousTop = null;
      for (let i = m.index; i < m.index + m[0].length; i++) {
        const one = document.createRange();
        one.setStart(node, i);
        one.setEnd(node, i + 1);
        // A character just after a break may also report a sliver at the end of the line above.
        const rect = [...one.getClientRects()].filter(r => r.width > 0).pop();
        if (!rect) continue;
        const top = Math.round(rect.top);
        if (previousTop !== null && top > previousTop + 2) {
          if (!/[-\u00ad\u2010]$/.test(text.slice(m.index, i)))
            bare.push(`${text.slice(m.index, i)}/${text.slice(i, m.index + m[0].length)}`.replace(/\u00ad/g, ""));
          break;
        }
        previousTop = top;
      }
    }
  }
  return bare;
}"""
