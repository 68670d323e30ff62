"""The whole rugtest in a real browser on a phone, as a person would do it.

The example cases (shared/clinical/vignettes-examples.json) are filled in page by page from
what each page shows, by field name (the question ids of the contract), and must end on a
result page with the case's level and action.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from clinical import load_clinical_json
from flows import (
    ALL_STEPS,
    RESULT_PATH,
    answer_for,
    begin,
    fill_step,
    page_id,
    question_ids_on,
    submit_step,
    walk,
)
from rugtest.core import questions
from rugtest.words import ACTION_ADVICE, RULE_REASONS

CASES = {case["id"]: case for case in load_clinical_json("vignettes-examples.json")}

# What the person must read first on the result page, per action of triage-rules.md.
ACTION_TITLES = {
    "call_112": "Bel nu 112",
    "call_gp_now": "Bel nu meteen uw huisarts",
    "call_gp_today": "Bel vandaag nog uw huisarts",
    "see_gp": "Maak een afspraak bij uw huisarts",
    "selfcare": "Uw rugpijn lijkt op gewone rugpijn",
}
def expect_result(page: Page, level: str, action_title: str) -> None:
    expect(page.locator("main")).to_have_attribute("data-level", level)
    expect(page.locator("main h1")).to_have_text(action_title)


# --- The example cases, one level each (and both emergency actions) -------------------------

FLOWS = [
    # case, the step pages a person sees
    pytest.param("E-01", ["1", "2"], id="E-01-emergency-saddle-numbness-result-after-step-2"),
    pytest.param("E-02", ["1", "2"], id="E-02-emergency-aaa-call-112-after-step-2"),
    pytest.param("E-04", ALL_STEPS, id="E-04-urgent-unknown-bladder"),
    pytest.param("E-06", ["1", "2", "3", "4", "4b", "5", "6"], id="E-06-gp-leg-pain-with-follow-up-page"),
    pytest.param("E-09", ALL_STEPS, id="E-09-selfcare-work-and-posture"),
    pytest.param("E-10", ALL_STEPS, id="E-10-selfcare-sport-and-fear"),
]


@pytest.mark.parametrize(("case_id", "steps"), FLOWS)
def test_example_case_walked_on_a_phone_ends_on_its_result(phone, screenshot, case_id, steps):
    case = CASES[case_id]
    expected = case["expect"]
    begin(phone)

    seen = walk(phone, case["answers"], shoot=screenshot if case_id == "E-06" else None)

    assert seen == steps
    expect_result(phone, expected["level"], ACTION_TITLES[expected["action"]])
    shown_advice = phone.locator("main li[data-advice]").evaluate_all(
        "els => els.map(e => e.dataset.advice)"
    )
    assert shown_advice == [a for a in expected["advice"] if a not in ACTION_ADVICE]
    screenshot(phone, "result")

    main = phone.locator("main")
    if expected["action"] == "call_112":
        expect(main.locator('a[href="tel:112"]')).to_be_visible()
    if steps == ["1", "2"]:
        # An emergency sign ends the test at once: no questions of steps 3-5 were asked.
        expect(main).to_contain_text("hebben we de andere vragen overgeslagen")
        expect(main.get_by_text(questions.BY_ID["fever"].nl)).to_have_count(0)
        expect(main.get_by_text(questions.BY_ID["leg_pain_below_knee"].nl)).to_have_count(0)
    if "A-CHECK-TODAY" in expected["advice"]:
        expect(main).to_contain_text("Weet ik niet")
    if expected["level"] == "selfcare":
        expect(main.locator('a[href="/rugoefening/"]').first).to_be_visible()
    for qid, values in case["answers"].items():
        question = questions.BY_ID[qid]
        if question.type == questions.MULTI and "5" in steps:
            # The ticked boxes arrived: the answers table lists them in the person's words,
            # in the order the page shows them, as one sentence (a capital only at its start).
            chosen = [c.nl for c in question.choices if c.value in values]
            texts = ", ".join([chosen[0], *(t[0].lower() + t[1:] for t in chosen[1:])])
            expect(main.locator("table")).to_contain_text([texts])


# --- English ------------------------------------------------------------------------------


def test_english_rugtest_is_reached_by_the_language_link_and_ends_in_english(phone, screenshot):
    case = CASES["E-10"]
    phone.goto("/rugtest/")
    switch = phone.locator("header a.lang")
    expect(switch).to_have_attribute("lang", "en")
    expect(switch).to_have_attribute("href", "/en/rugtest/")
    with phone.expect_navigation():
        switch.click()
    expect(phone).to_have_url(re.compile(r"/en/rugtest/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    # The English start page links back to Dutch.
    expect(phone.locator("header a.lang")).to_have_attribute("href", "/rugtest/")

    with phone.expect_navigation():
        phone.locator("main .actions a.button").first.click()
    expect(phone).to_have_url(re.compile(r"/en/rugtest/stap/1/$"))
    expect(phone.locator("label[for=q-age]")).to_contain_text("How old are you?")

    seen = walk(phone, case["answers"], button_name=None)

    assert seen == ALL_STEPS
    expect(phone).to_have_url(re.compile(r"/en/rugtest/uitslag/$"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.locator("main")).to_have_attribute("data-level", "selfcare")
    main = phone.locator("main")
    expect(main.locator("table")).to_contain_text(["How old are you?"])
    expect(main).to_contain_text("Are you afraid that moving will damage your back?")
    expect(main.locator('a[href="/en/rugoefening/"]').first).to_be_visible()
    screenshot(phone, "result")


# --- Going back and changing an answer -----------------------------------------------------


def test_back_link_keeps_answers_and_changing_step_3_to_fever_makes_the_result_urgent(phone, screenshot):
    answers = CASES["E-09"]["answers"]
    begin(phone)
    fill_step(phone, answers)
    submit_step(phone)
    fill_step(phone, answers)
    submit_step(phone)
    assert page_id(phone) == "3"

    # "Vorige stap" twice: the answers already given are still there.
    with phone.expect_navigation():
        phone.get_by_role("link", name="Vorige stap").click()
    assert page_id(phone) == "2"
    expect(phone.locator('input[name="saddle_numbness"][value="no"]')).to_be_checked()
    with phone.expect_navigation():
        phone.get_by_role("link", name="Vorige stap").click()
    assert page_id(phone) == "1"
    expect(phone.locator('input[name="age"]')).to_have_value("45")
    expect(phone.locator('input[name="sex"][value="female"]')).to_be_checked()
    expect(phone.get_by_role("link", name="Vorige stap")).to_have_count(0)

    submit_step(phone)
    assert walk(phone, answers)[0] == "3", "step 2 was answered already"
    expect_result(phone, "selfcare", ACTION_TITLES["selfcare"])

    # Change an answer of step 3 from the result page.
    with phone.expect_navigation():
        phone.get_by_role("link", name=re.compile(r"Antwoord veranderen.*Andere waarschuwingstekens")).click()
    assert page_id(phone) == "3"
    expect(phone.locator('input[name="fever"][value="no"]')).to_be_checked()
    phone.check('input[name="fever"][value="yes"]')
    submit_step(phone)

    expect(phone).to_have_url(RESULT_PATH)
    expect_result(phone, "urgent", ACTION_TITLES["call_gp_today"])
    # The page says, in words, which answer led to the advice (R-INF-1's reason).
    with translation.override("nl"):  # the page's language, whatever an earlier test left active
        why = str(RULE_REASONS["R-INF-1"]["why"])
    expect(phone.locator("ul.reasons")).to_contain_text(why)
    screenshot(phone, "result")


# --- Bad input ----------------------------------------------------------------------------


def test_age_300_shows_step_1_again_with_the_error_next_to_the_field_and_answers_kept(phone, screenshot):
    begin(phone)
    phone.fill('input[name="age"]', "300")
    phone.check('input[name="sex"][value="female"]')
    phone.fill('input[name="duration_weeks"]', "9")
    phone.fill('input[name="pain_score"]', "4")
    phone.check('input[name="previous_episodes"][value="yes"]')
    submit_step(phone)

    assert page_id(phone) == "1"
    age_block = phone.locator(".question").filter(has=phone.locator('input[name="age"]'))
    error = age_block.locator(".error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("120")
    expect(phone.locator('input[name="age"]')).to_have_attribute("aria-invalid", "true")
    expect(phone.locator(".error-summary")).to_contain_text(questions.BY_ID["age"].nl)
    # Next to the field: the message is close above or below the age box on the screen.
    error_box = error.bounding_box()
    field_box = phone.locator('input[name="age"]').bounding_box()
    assert abs(error_box["y"] - field_box["y"]) < 120, (error_box, field_box)
    # Nothing typed is lost.
    expect(phone.locator('input[name="age"]')).to_have_value("300")
    expect(phone.locator('input[name="duration_weeks"]')).to_have_value("9")
    expect(phone.locator('input[name="pain_score"]')).to_have_value("4")
    expect(phone.locator('input[name="sex"][value="female"]')).to_be_checked()
    expect(phone.locator('input[name="previous_episodes"][value="yes"]')).to_be_checked()
    expect(phone.locator(".question .error")).to_have_count(1)
    screenshot(phone, "error")

    phone.fill('input[name="age"]', "45")
    submit_step(phone)
    assert page_id(phone) == "2"


# --- Keyboard only ------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName, type: e.type || "", name: e.name || "", value: e.value || "",
    checked: !!e.checked, text: (e.textContent || "").trim(),
    inForm: !!e.closest("main form"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


def keyboard_step(page: Page, answers: dict, focus_log: list, shoot=None) -> None:
    """Answer the current step with Tab, arrows, Space and typing, then Enter on the button.

    ``shoot(page)`` is called once, while the first radio button of the step has the focus.
    """
    todo = {qid: answer_for(qid, answers) for qid in question_ids_on(page)}
    todo = {qid: value for qid, value in todo.items() if value is not None}
    for _ in range(150):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        if el["inForm"]:
            focus_log.append(el)
        qid = el["name"]
        if el["type"] == "radio" and qid in todo:
            values = page.eval_on_selector_all(f'input[name="{qid}"]', "els => els.map(e => e.value)")
            steps = (values.index(todo[qid]) - values.index(el["value"])) % len(values)
            if steps == 0:
                page.keyboard.press("Space")
            for _ in range(steps):
                page.keyboard.press("ArrowDown")  # moves within the group and selects
            expect(page.locator(f'input[name="{qid}"][value="{todo.pop(qid)}"]')).to_be_checked()
            if shoot:
                shoot(page)
                shoot = None
        elif el["type"] == "checkbox" and qid in todo:
            if el["value"] in todo[qid] and not el["checked"]:
                page.keyboard.press("Space")
                expect(page.locator(f'input[name="{qid}"][value="{el["value"]}"]')).to_be_checked()
        elif el["type"] == "number" and qid in todo:
            page.keyboard.type(str(todo.pop(qid)))
        elif el["tag"] == "BUTTON" and el["inForm"] and el["type"] == "submit":
            left = [q for q, v in todo.items() if questions.BY_ID[q].type != questions.MULTI]
            assert not left, f"Tab reached the button before these questions: {left}"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"Tab never reached the submit button on {page.url}")


def test_rugtest_can_be_done_with_the_keyboard_only_and_focus_is_visible(phone, screenshot):
    case = CASES["E-11"]  # selfcare, with a choice, numbers and a cause checkbox
    phone.goto("/rugtest/")
    for _ in range(30):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.textContent.trim()") == "Begin de rugtest":
            break
    else:
        raise AssertionError("Tab never reached 'Begin de rugtest'")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")

    focus_log: list[dict] = []
    seen = []
    while (current := page_id(phone)) is not None:
        assert len(seen) < 10, seen
        seen.append(current)
        keyboard_step(
            phone, case["answers"], focus_log,
            shoot=(lambda p: screenshot(p, "focus", full_page=False)) if current == "1" else None,
        )
        assert page_id(phone) != current, " | ".join(phone.locator("main .error").all_inner_texts())

    assert seen == ALL_STEPS
    expect_result(phone, "selfcare", ACTION_TITLES["selfcare"])
    expect(phone.locator("main table")).to_contain_text(["Ik weet het niet"])
    screenshot(phone, "result")

    visible = [el for el in focus_log if el["outline"] or el["shadow"]]
    assert visible, "no focused form control showed a focus outline or shadow"
    invisible = {(el["type"], el["name"] or el["text"]) for el in focus_log if el not in visible}
    assert not invisible, f"focus not visible on: {sorted(invisible)}"
