"""What a person does in the rugtest on a phone, shared by the browser tests."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from rugtest.core import questions

ALL_STEPS = ["1", "2", "3", "4", "5", "6"]
RESULT_PATH = re.compile(r"/rugtest/uitslag/$")
STEP_PATH = re.compile(r"/rugtest/stap/([0-9a-z]+)/$")


# --- Helpers: what a person does ------------------------------------------------------------


def page_id(page: Page) -> str | None:
    match = STEP_PATH.search(page.url)
    return match.group(1) if match else None


def question_ids_on(page: Page) -> list[str]:
    """The question ids the current step shows, in page order (never assumed)."""
    names = page.eval_on_selector_all(
        "main form input[name]", "els => [...new Set(els.map(e => e.name))]"
    )
    return [name for name in names if name in questions.BY_ID]


def answer_for(qid: str, answers: dict):
    """The case's answer; "no" for a required yes/no the case leaves out; None = leave empty."""
    if qid in answers:
        return answers[qid]
    question = questions.BY_ID[qid]
    if question.required:
        assert question.type == questions.YESNO, f"the case has no answer for required {qid!r}"
        return "no"
    return None


def fill_step(page: Page, answers: dict) -> None:
    for qid in question_ids_on(page):
        value = answer_for(qid, answers)
        if value is None:
            continue
        question = questions.BY_ID[qid]
        if question.type == questions.INT:
            page.fill(f'input[name="{qid}"]', str(value))
        elif question.type == questions.MULTI:
            for item in value:
                page.check(f'input[name="{qid}"][value="{item}"]')
        else:
            page.check(f'input[name="{qid}"][value="{value}"]')


def submit_step(page: Page, button_name: str | None = "Volgende") -> None:
    """Click the step's submit button (by its visible name when given) and wait for the next page."""
    if button_name == "Volgende":
        # The last step that applies says "Bekijk uw uitslag" instead.
        button = page.get_by_role("button", name=re.compile(r"^(Volgende|Bekijk uw uitslag)$"))
    elif button_name:
        button = page.get_by_role("button", name=button_name, exact=True)
    else:
        button = page.locator("main form button[type=submit]")
    with page.expect_navigation():
        button.click()


def assert_autofocus_on_error_summary(page: Page) -> None:
    """The error summary is the page's only autofocus element and gets the focus.

    The browser applies autofocus in a rendering step after the load, once the stylesheets are
    in: wait for it, up to 15 s (a busy CI machine, with every worker's browser at work, once
    took longer than 5 s)."""
    assert page.locator("[autofocus]").evaluate_all("els => els.map(e => e.id)") == ["fouten"]
    try:
        page.wait_for_function("document.activeElement && document.activeElement.id === 'fouten'", timeout=15_000)
    except PlaywrightTimeout:
        state = page.evaluate(
            "() => [document.readyState, document.activeElement && document.activeElement.outerHTML.slice(0, 120),"
            " document.hasFocus(), location.href]"
        )
        raise AssertionError(f"the error summary does not have the focus: {state}") from None


def assert_fits_the_phone(page: Page) -> None:
    """Nothing sticks out sideways: a phone user never has to scroll left and right."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide on a {widths[1]}px screen"


def walk(page: Page, answers: dict, button_name: str | None = "Volgende", shoot=None) -> list[str]:
    """Answer step after step until the result page; returns the step pages seen, in order."""
    seen = []
    while (current := page_id(page)) is not None:
        assert len(seen) < 10, f"the rugtest does not end: {seen}"
        seen.append(current)
        assert_fits_the_phone(page)
        fill_step(page, answers)
        if shoot:
            shoot(page, f"step-{current}")
        submit_step(page, button_name)
        assert page_id(page) != current, (
            f"step {current} was shown again: "
            + " | ".join(page.locator("main .error").all_inner_texts())
        )
    expect(page).to_have_url(RESULT_PATH)
    assert_fits_the_phone(page)
    return seen


def begin(page: Page, start_path: str = "/rugtest/") -> None:
    page.goto(start_path)
    with page.expect_navigation():
        page.get_by_role("link", name="Begin de rugtest").click()
    assert page_id(page) == "1"


class Visit:
    def __init__(self, page: Page, site: str, lang: str):
        self.page, self.site, self.lang = page, site, lang
        self.prefix = "" if lang == "nl" else "/en"

    def goto(self, path: str) -> Response:
        return self.page.goto(self.prefix + path)

    def submit(self, form: str = "main form") -> Response:
        """Click the form's (first) submit button, as a person does; the response of the page shown."""
        with self.page.expect_navigation() as navigation:
            self.page.locator(f"{form} button[type=submit]").first.click()
        return navigation.value

    def adopt_session(self, client: Client) -> None:
        """Give the browser the session that Django's test client built (answers, sign-in)."""
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.site}])

    def sign_in(self, user) -> None:
        client = Client()
        client.force_login(user)
        self.adopt_session(client)
