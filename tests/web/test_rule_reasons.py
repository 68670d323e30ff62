"""Issue 19, "The reason for every advice, in words" and "Words for people, codes for machines".

- Every rule of triage-rules.md has its reason in the one home of the words (words.RULE_REASONS),
  in Dutch and in English; every rule that can fire uncertain has the words for that too.
- The result page's "Waarom dit advies?" lists exactly the reasons of the rules that fired
  (certain and uncertain), never nothing; a reassuring result (selfcare) says why it reassures.
- No result page and no report for the GP shows an internal id or value: no R-/A-/F-/W-/D-/O-
  id, no level or action name, no raw answer value. The ids stay in data- attributes.

The rule ids and their levels are read from triage-rules.md, not from the code under test.
"""

from __future__ import annotations

import io
import json
import os
import re

import pytest
from codes import codes_in
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from test_words import section, table

from answers import complete_answers
from clinical import clinical_text
from factories import CASES
from helpers import parse, walk
from rugtest import words
from rugtest.core import questions
from rugtest.core.triage import evaluate

RULES_MD = clinical_text("triage-rules.md")
RULE_ROWS = {row[0]: row for row in table(section(RULES_MD, "Rules"))}
# A rule can fire uncertain when its condition asks a yes/no question (the numbers are always
# known): every rule but the ones on numbers only.
YESNO_IDS = {q.id for q in questions.QUESTIONS if q.type == questions.YESNO}


def _asks_yes_no(when: str) -> bool:
    return any(f"`{qid}`" in when for qid in YESNO_IDS) or "previous_episodes" in when


def _both(text) -> tuple[str, str]:
    with translation.override("nl"):
        dutch = str(text)
    with translation.override("en"):
        english = str(text)
    return dutch, english


@pytest.mark.parametrize("rule_id", sorted(RULE_ROWS))
def test_every_rule_of_triage_rules_md_has_a_reason_in_dutch_and_english(rule_id):
    reason = words.RULE_REASONS.get(rule_id)
    assert reason is not None, f"{rule_id} has no reason in words.RULE_REASONS"
    dutch, english = _both(reason["why"])
    assert dutch.strip() and english.strip() and dutch != english, rule_id
    if _asks_yes_no(RULE_ROWS[rule_id][1]):
        dutch, english = _both(reason["unsure"])
        assert dutch.strip() and english.strip() and dutch != english, f"{rule_id} fires uncertain: no words"


def test_rules_on_numbers_only_are_known_to_the_reason_table():
    """R-AGE-1 (`age` < 20) can never be uncertain: no "unsure" words are invented for it."""
    assert not _asks_yes_no(RULE_ROWS["R-AGE-1"][1])
    assert "unsure" not in words.RULE_REASONS["R-AGE-1"]


def test_every_question_a_rule_asks_can_be_named_in_a_reason():
    rule_questions = {qid for row in RULE_ROWS.values() for qid in re.findall(r"`(\w+)`", row[1]) if qid in YESNO_IDS}
    assert rule_questions <= set(words.QUESTION_ABOUT)
    for qid in rule_questions:
        dutch, english = _both(words.QUESTION_ABOUT[qid])
        assert dutch.strip() and english.strip(), qid


# --- What no person may read ----------------------------------------------------------------

def test_the_scan_finds_what_it_looks_for():
    """The scan itself: an id, a level or action name and an answer value are each found."""
    assert codes_in("regels R-MAL-1; onzeker", "nl") == ["R-MAL-1"]
    assert codes_in("A-CHECK-TODAY F-STRESS W-9 D-22 O-1", "en") == ["A-CHECK-TODAY", "F-STRESS", "W-9", "D-22", "O-1"]
    assert codes_in("niveau selfcare · see_gp", "nl") == ["selfcare", "see_gp"]
    assert codes_in("antwoord same", "nl") == ["same"]
    assert codes_in("About the same. Call 112 or 0800-0113.", "en") == []
    # A link's random token is an address, not words.
    assert codes_in("http://testserver/gedeeld/xx-R-AB3_no-same/ en /agenda/a-A-1.ics", "nl") == []


def visible(response) -> str:
    return parse(response).find("main").words()


def pdf_text(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def why_items(response):
    """Every reason under "Waarom dit advies?", also those of a long list folded under "Nog … redenen"."""
    return [li for ul in parse(response).find("main").find_all("ul", aria_labelledby="waarom") for li in ul.find_all("li")]


LEVEL_ORDER = ["emergency", "urgent", "gp"]  # most urgent first (triage-rules.md)


def expected_reasons(answers: dict, outcome: dict) -> list[tuple[str, str]]:
    """(rule id, the start of its words) for every fired rule, most important first: by the
    level of the rule's row in triage-rules.md (an uncertain emergency rule fires at urgent),
    a certain rule before an uncertain one, then in table order."""
    fired = []
    for order, (rule_id, row) in enumerate(RULE_ROWS.items()):  # table order
        uncertain = rule_id in outcome["uncertain_rules"]
        level = "urgent" if uncertain and row[2] == "emergency" else row[2]
        if rule_id in outcome["rules"]:  # what the person answered: the reason's first sentence
            reason = words.RULE_REASONS[rule_id]
            # (R-AAA-1 names only the part of its OR that is true: the words its forms share.)
            start = os.path.commonprefix([re.split(r"(?<=[.?!])\s+", str(text))[0]
                                          for text in [reason["why"], *reason.get("why_only", {}).values()]])
        elif uncertain:
            # "U antwoordde 'Weet ik niet' op de vraag / vragen over …"
            start = os.path.commonprefix([str(words.UNSURE["one"]), str(words.UNSURE["many"])])
        else:
            continue
        fired.append(((LEVEL_ORDER.index(level), uncertain, order), rule_id, start))
    return [(rule_id, start) for _, rule_id, start in sorted(fired)]


def check_result_page(client, answers: dict, prefix: str, lang: str) -> None:
    response = walk(client, answers, prefix=prefix)
    # The outcome the person got (an early emergency stops before every question is asked).
    outcome = json.loads(client.get(f"{prefix}/rugtest/uitslag.json").content)
    items = why_items(response)
    assert items, "a 'why' section without items"
    with translation.override(lang):
        expected = expected_reasons(answers, outcome)
        if not expected:  # selfcare: nothing fired, one sentence of reassurance
            assert outcome["level"] == "selfcare"
            assert [li.words() for li in items] == [str(words.SELFCARE_REASON)]
            assert items[0].attrs.get("data-reason") == "reassuring"
        else:
            # One line per rule; a rule with nothing new to say shares the line before it.
            assert [rule_id for li in items for rule_id in li.attrs["data-rule"].split()] == [
                rule_id for rule_id, _ in expected]
            starts = dict(expected)
            said = ""
            for li in items:
                rule_id = li.attrs["data-rule"].split()[0]
                start = starts[rule_id]
                # It opens with what the person answered, unless an earlier line opened with the
                # same words (R-SEV-1 after R-AAA-1).
                assert li.words().startswith(start) or start.rstrip(".") in said, rule_id
                said += " " + li.words()
            for rule_id in outcome["uncertain_rules"]:  # said under its own line or an earlier one
                assert str(words.RULE_REASONS[rule_id]["unsure"]) in said, rule_id
            # No sentence twice, the openings included ("U antwoordde 'Weet ik niet' op de vraag
            # over …" once, however many rules that one answer left unsure).
            sentences = [s for li in items for s in re.split(r"(?<=[.?!])\s+", li.words())]
            assert len(sentences) == len(set(sentences)), "a sentence said twice under 'why'"
    assert codes_in(visible(response), lang) == []
    assert codes_in(pdf_text(client.get(f"{prefix}/rugtest/uitslag.pdf")), lang) == []


BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])


@BOTH
@pytest.mark.parametrize("case_id", sorted(CASES))
@pytest.mark.django_db
def test_every_public_example_says_why_in_words_without_codes(client, case_id, prefix, lang):
    check_result_page(client, CASES[case_id]["answers"], prefix, lang)


@BOTH
@pytest.mark.django_db
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=complete_answers())
def test_for_generated_answers_the_why_list_is_exactly_the_fired_rules_reasons(client, answers, prefix, lang):
    client.cookies.clear()
    check_result_page(client, answers, prefix, lang)


@BOTH
@pytest.mark.django_db
def test_a_selfcare_result_says_in_one_sentence_why_it_reassures(client, prefix, lang):
    """Why it reassures, in one sentence that the banner above does not already say (the
    banner says that it is not dangerous)."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    response = walk(client, selfcare, prefix=prefix)
    items = why_items(response)
    assert [li.words() for li in items] == [{
        "nl": "We vroegen naar elk teken van een ernstige oorzaak, en geen van uw antwoorden past daarbij.",
        "en": "We asked about every sign of a serious cause, and none of your answers fits one.",
    }[lang]]
    banner = parse(response).find("main").find("section").words()
    assert {"nl": "niet gevaarlijk", "en": "not dangerous"}[lang] in banner
    assert {"nl": "gevaarlijk", "en": "dangerous"}[lang] not in items[0].words()


@BOTH
@pytest.mark.django_db
def test_lifting_as_the_cause_is_never_a_reason_or_a_warning_sign(client, prefix, lang):
    """An answer that fired no rule (lifting as the cause) is not under "why"."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "causes": ["short_overload"]}
    assert evaluate(answers)["level"] == "selfcare"
    response = walk(client, answers, prefix=prefix)
    why = " ".join(li.words() for li in why_items(response))
    lifting = questions.BY_ID["causes"].choice_text("short_overload", lang)
    assert lifting not in why
    assert {"nl": "kunnen wijzen op een oorzaak", "en": "could point to a cause"}[lang] not in visible(response)


@BOTH
@pytest.mark.django_db
def test_R_AGE_2_reason_is_the_issues_sentence(client, prefix, lang):
    """R-AGE-2: a first back pain at 50 or older, in the issue's own words."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "age": 55, "duration_weeks": 2, "previous_episodes": "no"}
    outcome = evaluate(answers)
    assert "R-AGE-2" in outcome["rules"]
    items = why_items(walk(client, answers, prefix=prefix))
    texts = {li.attrs.get("data-rule"): li.words() for li in items}
    assert texts["R-AGE-2"] == {
        "nl": "U bent 50 jaar of ouder en u heeft deze rugpijn voor het eerst. Dan wil de huisarts u graag zien om "
              "een andere oorzaak uit te sluiten.",
        "en": "You are 50 or older and this is the first time you have this back pain. Then the GP would like to see "
              "you to rule out another cause.",
    }[lang]


@BOTH
@pytest.mark.django_db
def test_the_care_providers_line_speaks_words_and_keeps_the_ids_in_data_attributes(client, prefix, lang):
    case = next(c["answers"] for c in CASES.values() if "R-MAL-1" in evaluate(c["answers"])["rules"])
    main = parse(walk(client, case, prefix=prefix)).find("main")
    line = next(p for p in main.find_all("p") if p.attrs.get("data-spec-version"))
    assert "R-MAL-1" in line.attrs["data-rules"].split()
    assert line.words().startswith({"nl": "Voor de zorgverlener: Binnen een paar dagen naar de huisarts.",
                                    "en": "For the health professional: See a GP within a few days."}[lang])
    assert codes_in(line.words(), lang) == []


# --- Most important first, and nothing said twice ------------------------------------------

# E-05 (R-MAL-1, gp) with 'Weet ik niet' on fever (R-INF-1, urgent) and on weak immunity
# (R-INF-4, gp): level urgent, with A-CHECK-TODAY and A-CHECK-GP (triage-rules.md).
MIXED = {**CASES["E-05"]["answers"], "fever": "unknown", "weak_immunity": "unknown"}
CHECK_TODAY = {"nl": "Laat dit vandaag nog nakijken door een huisarts.", "en": "Have this checked by a GP today."}
CHECK_GP = {"nl": "Vertel dit aan uw huisarts. Die kan nagaan wat het antwoord is.",
            "en": "Tell your GP. The GP can find out what the answer is."}


@BOTH
@pytest.mark.django_db
def test_the_most_important_reason_comes_first(client, prefix, lang):
    """R-INF-1 uncertain gives urgent: before R-MAL-1 (gp, certain), which comes before R-INF-4
    (gp, uncertain); in the table R-INF-4 stands above R-MAL-1."""
    outcome = evaluate(MIXED)
    assert outcome["level"] == "urgent" and {"A-CHECK-TODAY", "A-CHECK-GP"} <= set(outcome["advice"])
    items = why_items(walk(client, MIXED, prefix=prefix))
    assert [li.attrs.get("data-rule") for li in items] == ["R-INF-1", "R-MAL-1", "R-INF-4"]


@BOTH
@pytest.mark.django_db
def test_what_to_do_after_weet_ik_niet_is_said_once_on_the_page_and_in_the_report(client, prefix, lang):
    """A-CHECK-TODAY: the result page says it once, in its list of the 'Weet ik niet' answers,
    not again under every reason; the report for the GP says it once, after the first reason.
    Two uncertain gp rules (R-MAL-1, R-MAL-2) in the report: A-CHECK-GP once."""
    page = visible(walk(client, MIXED, prefix=prefix))
    assert page.count(CHECK_TODAY[lang]) == 1
    report = pdf_text(client.get(f"{prefix}/rugtest/uitslag.pdf"))
    assert report.count(CHECK_TODAY[lang]) == 1
    client.cookies.clear()
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "cancer_history": "unknown", "weight_loss": "unknown"}
    assert evaluate(answers)["uncertain_rules"] == ["R-MAL-1", "R-MAL-2"]
    page = visible(walk(client, answers, prefix=prefix))
    assert page.count(CHECK_GP[lang]) == 1
    report = pdf_text(client.get(f"{prefix}/rugtest/uitslag.pdf"))
    assert report.count(CHECK_GP[lang]) == 1


@BOTH
@pytest.mark.django_db
def test_a_112_result_names_no_milder_action(client, prefix, lang):
    """E-02 (R-AAA-1 and R-SEV-1): call 112. The reasons and the causes named under them never
    send the person to the GP 'today' (R-SEV-1's cause once said "De huisarts moet vandaag
    kijken")."""
    response = walk(client, CASES["E-02"]["answers"], prefix=prefix)
    assert parse(response).find("main").attrs["data-level"] == "emergency"
    text = visible(response)
    assert {"nl": "Bel nu 112", "en": "Call 112 now"}[lang] in text
    assert {"nl": "vandaag", "en": "today"}[lang] not in text.lower()


@BOTH
@pytest.mark.django_db
def test_three_osteoporosis_rules_say_their_shared_sentence_once(client, prefix, lang):
    """E-07 fires R-OST-1, R-OST-2 and R-OST-3: each reason says what the person answered, and
    "Dan kan een wervel ingezakt zijn door broze botten." stands once, not under each."""
    outcome = evaluate(CASES["E-07"]["answers"])
    assert outcome["rules"] == ["R-OST-1", "R-OST-2", "R-OST-3"]
    items = why_items(walk(client, CASES["E-07"]["answers"], prefix=prefix))
    assert [li.attrs.get("data-rule") for li in items] == outcome["rules"]
    text = " ".join(li.words() for li in items)
    shared = {"nl": "Dan kan een wervel ingezakt zijn door broze botten.",
              "en": "Then a vertebra may have collapsed because of brittle bones."}[lang]
    assert text.count(shared) == 1
    for li, age in zip(items[1:], ({"nl": "70 jaar", "en": "70"}, {"nl": "vrouw", "en": "woman"})):
        assert age[lang] in li.words()


# --- Only what the person answered, and no line twice ---------------------------------------

AAA_START = {"nl": "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt",
             "en": "The pain came suddenly, is very bad and stays the same however you lie, sit or move"}
OLDER = {"nl": "ouder dan 40 jaar", "en": "older than 40"}
TOO_WIDE = {"nl": "te wijd", "en": "too wide"}


@BOTH
@pytest.mark.parametrize(("age", "known", "names_age", "names_aneurysm"), [
    (60, "no", True, False),     # older than 40 (triage-rules.md's own example)
    (35, "yes", False, True),    # an aneurysm a doctor found, at 35
    (60, "yes", True, True),     # both
    (60, "unknown", True, False),  # the age decides; the unknown aneurysm is not named as if known
])
@pytest.mark.django_db
def test_the_aaa_reason_names_only_what_the_person_answered(client, prefix, lang, age, known, names_age, names_aneurysm):
    """R-AAA-1 fires on sudden severe pain and (age > 40 OR known_aneurysm): its line says the
    part that is true, not "older than 40 or a doctor said …" (triage-rules.md)."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "age": age, "sudden_severe_pain": "yes", "known_aneurysm": known}
    assert "R-AAA-1" in evaluate(answers)["rules"]
    items = why_items(walk(client, answers, prefix=prefix))
    [line] = [li.words() for li in items if "R-AAA-1" in li.attrs["data-rule"].split()]
    assert line.startswith(AAA_START[lang])
    assert (OLDER[lang] in line) is names_age, line
    assert (TOO_WIDE[lang] in line) is names_aneurysm, line


@BOTH
@pytest.mark.django_db
def test_the_reason_after_the_aaa_reason_does_not_open_with_the_same_words(client, prefix, lang):
    """E-02 fires R-AAA-1 and R-SEV-1: the words about the pain stand once; R-SEV-1's line says
    what it adds ("Zulke pijn …")."""
    items = why_items(walk(client, CASES["E-02"]["answers"], prefix=prefix))
    lines = {li.attrs["data-rule"]: li.words() for li in items}
    assert lines["R-AAA-1"].startswith(AAA_START[lang])
    assert lines["R-SEV-1"] == {
        "nl": "Zulke pijn komt meestal niet van de spieren of gewrichten van de rug.",
        "en": "Such pain usually does not come from the muscles or joints of the back.",
    }[lang]
    assert " ".join(lines.values()).count(AAA_START[lang]) == 1


@BOTH
@pytest.mark.django_db
def test_dont_know_to_sudden_severe_pain_over_40_says_so_once(client, prefix, lang):
    """'Weet ik niet' to the sudden severe pain question at 45 leaves R-AAA-1 and R-SEV-1 both
    unsure about that one answer. The list says once that the person answered 'Weet ik niet'
    to it; the second reason starts with what it adds ("Is het antwoord 'Ja' …")."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "age": 45, "sudden_severe_pain": "unknown"}
    assert evaluate(answers)["uncertain_rules"] == ["R-AAA-1", "R-SEV-1"]  # triage-rules.md: both read it
    items = why_items(walk(client, answers, prefix=prefix))
    lines = {li.attrs["data-rule"]: li.words() for li in items}
    assert list(lines) == ["R-AAA-1", "R-SEV-1"]
    said = {"nl": "U antwoordde 'Weet ik niet' op de vraag over plotselinge, heel erge pijn",
            "en": "You answered 'Don't know' to the question about sudden, very bad pain"}[lang]
    assert lines["R-AAA-1"].startswith(said)
    assert " ".join(lines.values()).count(said) == 1
    # R-SEV-1 opens with its own "if the answer is 'Yes'" sentence (words.RULE_REASONS).
    assert lines["R-SEV-1"].startswith({"nl": "Is het antwoord 'Ja', dan komt de pijn misschien niet",
                                        "en": "If the answer is 'Yes', the pain may not come"}[lang]), lines["R-SEV-1"]


@BOTH
@pytest.mark.django_db
def test_two_rules_unsure_about_one_question_give_one_line(client, prefix, lang):
    """A woman of 72 who does not know whether a small fall came first: R-OST-2 (age 70) and
    R-OST-3 (woman of 50) are both uncertain on that one question, and their words are the
    same: one line, which names both rules for programs."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "age": 72, "sex": "female", "minor_trauma": "unknown"}
    outcome = evaluate(answers)
    assert {"R-OST-2", "R-OST-3"} <= set(outcome["uncertain_rules"])
    items = why_items(walk(client, answers, prefix=prefix))
    texts = [li.words() for li in items]
    assert len(texts) == len(set(texts)), texts
    ost = [li for li in items if "R-OST-2" in li.attrs["data-rule"].split()]
    assert len(ost) == 1 and "R-OST-3" in ost[0].attrs["data-rule"].split()
    unsure = {"nl": "Is het antwoord 'Ja', dan kan een wervel ingezakt zijn.",
              "en": "If the answer is 'Yes', a vertebra may have collapsed."}[lang]
    assert " ".join(texts).count(unsure) == 1


@BOTH
@pytest.mark.django_db
def test_many_dont_know_answers_keep_what_to_do_and_the_first_reasons_in_sight(client, prefix, lang):
    """'Weet ik niet' to every question that offers it (steps 1 to 4, questionnaire.md): what to
    do comes right under the count, the long list of questions is folded, and "Waarom dit
    advies?" shows its five most important reasons, the others folded under "Nog … redenen"."""
    answers = {"age": 62, "sex": "female", "duration_weeks": 3, "pain_score": 6, "causes": ["unknown"],
               "activity_level": "as_usual"}
    answers.update({q.id: ("unknown" if q.step <= 4 else "no") for q in questions.QUESTIONS if q.type == questions.YESNO})
    main = parse(walk(client, answers, prefix=prefix)).find("main")
    card = main.find("section", aria_labelledby="weet-niet")
    count = int(card.attrs["data-unknowns"])
    assert count > 5
    # the card: heading, what to do, then the questions in a closed <details>
    assert [child.tag for child in card.elements][:3] == ["h2", "p", "details"]
    assert card.find("p").attrs["data-advice"] == "A-CHECK-TODAY"
    assert len(card.find("details").find("ul").find_all("li")) == count
    assert "open" not in card.find("details").attrs
    shown, folded = main.find_all("ul", aria_labelledby="waarom")
    assert len(shown.find_all("li")) == 5
    rest = len(folded.find_all("li"))
    assert rest >= 3
    details = folded.parent
    assert details.tag == "details" and "open" not in details.attrs
    assert details.find("summary").words() == {"nl": f"Nog {rest} redenen", "en": f"{rest} more reasons"}[lang]


@BOTH
@pytest.mark.django_db
@pytest.mark.parametrize("age, faint_line", [(35, True), (40, True), (41, False)])
def test_sudden_severe_pain_at_40_or_under_says_when_to_call_112_all_the_same(client, prefix, lang, age, faint_line):
    """R-SEV-1 alone (triage-rules.md: at 40 or younger, no faintness, no known aneurysm) is
    "call your GP today"; its reason adds W-9's line "call 112 if you also feel faint, pale or
    sweaty" (D-15: the condition in the sentence). Above 40 the same pain is R-AAA-1's 112."""
    selfcare = next(c["answers"] for c in CASES.values() if evaluate(c["answers"])["level"] == "selfcare")
    answers = {**selfcare, "age": age, "sudden_severe_pain": "yes", "faint_pale_sweaty": "no", "known_aneurysm": "no"}
    response = walk(client, answers, prefix=prefix)
    main = parse(response).find("main")
    line = {"nl": "Voelt u zich bij deze pijn ook flauw, bleek of zweterig? Bel dan 112.",
            "en": "Do you also feel faint, pale or sweaty with this pain? Then call 112."}[lang]
    reason = main.find("li", data_rule="R-SEV-1") if faint_line else None
    if faint_line:
        assert main.attrs["data-level"] == "urgent"
        assert reason.words().endswith(line)
        assert main.words().count(line) == 1
    else:
        assert main.attrs["data-level"] == "emergency"
        assert line not in main.words()
