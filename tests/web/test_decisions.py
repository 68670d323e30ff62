"""shared/clinical/decisions.md D-1 … D-14 on the pages, the reports and the core. Each test
names its decision; the expected words are taken from decisions.md (the English says the same).

D-7 (the calendar's stop event) is held in test_calendar.py, D-10 (FHIR canonical addresses) in
test_fhir_canonical.py, D-15 … D-22 in test_decisions_wording.py.
"""

import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from factories import CASES, make_programme, make_user
from helpers import parse, walk
from rugtest import words
from rugtest.api import fhir
from rugtest.core import programme as core
from rugtest.core.triage import triage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def back_to_dutch():
    """An /en/ request leaves English active in this thread; later tests expect the default."""
    yield
    translation.activate("nl")
BOTH = pytest.mark.parametrize("prefix, lang", [("", "nl"), ("/en", "en")], ids=["nl", "en"])
ROOT = Path(__file__).resolve().parents[2]


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def signed_in_with_programme(**changes):
    user = make_user(password=None, verified=True)
    programme = make_programme(user, days_ago=3, **changes)
    client = Client()
    client.force_login(user)
    return client, programme


# --- D-1: the log form's warning-sign question ----------------------------------------------------


@BOTH
def test_D_1_the_warning_sign_question_follows_minutes_and_save_under_its_own_heading(prefix, lang):
    client, _ = signed_in_with_programme()
    html = client.get(f"{prefix}/rugoefening/wandeling/").content.decode()
    heading = {"nl": "Nieuwe klachten?", "en": "New complaints?"}[lang]
    main = parse(client.get(f"{prefix}/rugoefening/wandeling/")).find("main")
    [h2] = [h for h in main.find_all("h2") if h.words() == heading]
    assert "niet verplicht" not in h2.words() and "optional" not in h2.words()
    # Minutes, part of the day and Save first; then the heading and the signs; then the details.
    order = [html.index('name="minutes"'), html.index('name="part"'), html.index('type="submit"'),
             html.index(heading), html.index('name="warning_signs"'), html.index('name="pain_before"')]
    assert order == sorted(order), order


def test_D_1_not_ticking_a_sign_means_no_sign_reported():
    client, programme = signed_in_with_programme()
    response = client.post("/rugoefening/wandeling/", {"minutes": "8", "part": "morning",
                                                       "date": programme.start.isoformat()})
    assert response.status_code == 302
    assert list(programme.entries.get().warning_signs) == []


@BOTH
def test_D_1_the_programme_page_keeps_the_signs_with_what_to_do(client, prefix, lang):
    main = parse(client.get(f"{prefix}/rugoefening/")).find("main")
    for sign in core.WARNING_SIGNS:
        if sign == "pain_worsening":
            continue
        [item] = main.find_all("li", data_sign=sign)
        assert re.search(r"[Bb]el|[Cc]all", item.words()), item.words()


# --- D-2: unasked questions in reports --------------------------------------------------------------


@BOTH
def test_D_2_questions_not_asked_after_an_early_stop_say_so_never_no(client, prefix, lang):
    walk(client, CASES["E-01"]["answers"], prefix)  # saddle numbness: the rugtest stops after step 2
    text = pdf_text(client.get(f"{prefix}/rugtest/uitslag.pdf"))
    fever = {"nl": "Heeft u koorts gehad sinds de rugpijn begon?", "en": "Have you had a fever since the back pain began?"}[lang]
    not_asked = {"nl": "niet gevraagd", "en": "not asked"}[lang]
    after = text[text.index(fever):][:200]
    assert not_asked in after, after
    assert not re.search(r"\b(Nee|No)\b", after.split(not_asked)[0]), after


# --- D-3: a step 6 question left open at a check-in -------------------------------------------------


def test_D_3_a_step_6_question_left_open_at_a_check_in_counts_as_not_present():
    rugtest = {**CASES["E-09"]["answers"], "stress": "yes", "fear_of_moving": "yes"}
    found = core.checkin_outcome(rugtest, "selfcare", {"stress": "", "fear_of_moving": "no"})
    assert "F-STRESS" not in found["risk_factors"]  # not the older rugtest's "yes"
    assert "F-FEAR" not in found["risk_factors"]


# --- D-4: A-CAUSE-MOVEMENT next to a named condition --------------------------------------------------


@BOTH
def test_D_4_the_movement_cause_advice_is_left_out_next_to_a_named_condition(client, prefix, lang):
    answers = {**CASES["E-09"]["answers"], "cancer_history": "yes"}
    outcome = triage({"answers": answers})
    assert outcome["conditions"] and "A-CAUSE-MOVEMENT" in outcome["advice"]  # the JSON keeps it
    walk(client, answers, prefix)
    movement = str(words.ADVICE["A-CAUSE-MOVEMENT"]).split(".")[0]
    with_lang = {"nl": movement}
    page = client.get(f"{prefix}/rugtest/uitslag/").content.decode()
    main = parse(client.get(f"{prefix}/rugtest/uitslag/")).find("main")
    assert not main.find_all("li", data_advice="A-CAUSE-MOVEMENT"), page
    if lang == "nl":
        assert with_lang["nl"] not in pdf_text(client.get("/rugtest/uitslag.pdf"))


def test_D_4_without_a_named_condition_the_movement_cause_advice_is_shown(client):
    walk(client, CASES["E-09"]["answers"])
    assert "A-CAUSE-MOVEMENT" in triage({"answers": CASES["E-09"]["answers"]})["advice"]
    main = parse(client.get("/rugtest/uitslag/")).find("main")
    assert main.find_all("li", data_advice="A-CAUSE-MOVEMENT")
    movement = str(words.ADVICE["A-CAUSE-MOVEMENT"]).split(".")[0]
    assert movement in pdf_text(client.get("/rugtest/uitslag.pdf")).replace("\n", " ")


# --- D-5: the reminder for walking far more than the target; parts of the day ----------------------


@pytest.mark.parametrize("minutes, target, reminded", [
    (13, 8, True),    # more than 12 (1.5 × 8) and 5 over
    (12, 8, False),   # exactly 1.5 × the target
    (31, 20, True), (30, 20, False),
    (7, 2, True),     # 3.5 × and 5 over
    (6, 2, False),    # 3 × but only 4 over
])
def test_D_5_a_walk_over_one_and_a_half_times_the_target_and_5_minutes_over_gets_the_reminder(minutes, target, reminded):
    assert core.far_above_target(minutes, target) is reminded


@pytest.mark.parametrize("hour, part", [(0, "morning"), (11, "morning"), (12, "afternoon"), (17, "afternoon"),
                                        (18, "evening"), (23, "evening")])
def test_D_5_morning_until_12_afternoon_until_18_evening_after(hour, part):
    assert core.part_of_day(hour) == part


# --- D-6: accounts never confirmed ------------------------------------------------------------------


@BOTH
def test_D_6_the_privacy_page_says_unconfirmed_accounts_go_after_7_days(client, prefix, lang):
    text = parse(client.get(f"{prefix}/privacy/")).find("main").words()
    expected = {"nl": "Dan wissen we het account na 7 dagen.", "en": "7 days"}[lang]
    assert expected in text


# --- D-8: the sentence before the report download ---------------------------------------------------


@BOTH
@pytest.mark.parametrize("page", ["result", "progress"])
def test_D_8_the_page_that_offers_the_report_says_it_holds_all_answers(prefix, lang, page):
    if page == "result":
        client = Client()
        walk(client, CASES["E-09"]["answers"], prefix)
        path = f"{prefix}/rugtest/uitslag/"
    else:
        client, _ = signed_in_with_programme()
        path = f"{prefix}/rugoefening/voortgang/"
    section = parse(client.get(path)).find("section", id="huisarts")
    text = section.words()
    sentence = {"nl": "Het verslag bevat al uw antwoorden, ook die over angst om te bewegen, stress, somberheid en uw gezondheid.",
                "en": "The report holds all your answers, also those about fear of moving, stress, low mood and your health."}[lang]
    assert text.count(sentence) == 1, text
    button = {"nl": "Print of download voor uw huisarts", "en": "Print"}[lang]
    assert text.index(sentence) < text.index(button)


# --- D-9: 0 and 1 weeks -----------------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("weeks, expected", [
    (0, {"nl": "korter dan een week", "en": "less than a week"}),
    (1, {"nl": "1 week", "en": "1 week"}),
])
def test_D_9_a_duration_of_0_or_1_week_on_the_result_page_and_report(client, prefix, lang, weeks, expected):
    walk(client, {**CASES["E-09"]["answers"], "duration_weeks": weeks}, prefix)
    page = parse(client.get(f"{prefix}/rugtest/uitslag/")).find("main").words()
    report = pdf_text(client.get(f"{prefix}/rugtest/uitslag.pdf"))
    for text in (page, report):
        assert expected[lang] in text
        assert not re.search(r"\b0 (weken|weeks)\b", text) and not re.search(r"\b1 (weken|weeks)\b", text)


# --- D-11: the FHIR outcome resource ------------------------------------------------------------------


def test_D_11_the_outcome_is_an_observation_and_no_patient_is_kept(client):
    walk(client, CASES["E-09"]["answers"])
    bundle = client.get("/rugtest/uitslag.fhir.json").json()
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["QuestionnaireResponse", "Observation"]
    assert "Patient" not in str(bundle)
    assert fhir.outcome_observation(triage({"answers": CASES["E-09"]["answers"]}), "urn:uuid:x")["resourceType"] == "Observation"


# --- D-12: M-2 in the dose section ------------------------------------------------------------------


@BOTH
def test_D_12_m_2_above_the_dose_table_and_once_after_the_last_dose_in_the_same_section(client, prefix, lang):
    main = parse(client.get(f"{prefix}/medicatie/")).find("main")
    [section] = [s for s in main.find_all("section") if s.find_all(data_fact="M-20")]
    order = [e for e in section.iter() if e.attrs.get("data-fact") in ("M-2", "M-20") or e.attrs.get("data-restates") == "M-2"]
    labels = [e.attrs.get("data-fact") or "restates" for e in order]
    assert labels == ["M-2", "M-20", "restates"], labels


# --- D-13: kept as built, in the one home of the words, and listed for the GP ----------------------


def test_D_13_the_listed_texts_live_in_the_words_and_in_the_gp_signable_list():
    assert words.SAY and words.SUPPORT and words.RISK_FACTORS and words.CHECKIN_ADVICE
    listed = (ROOT / "docs" / "clinical-decisions.md").read_text()
    part = listed[listed.index("## GP-signable content"):]
    for name in ("words.SAY", "words.SUPPORT", "words.RISK_FACTORS", "words.CHECKIN_ADVICE", "words.STOP_EVENT"):
        assert name in part, name


# --- D-14: a named source under every statement shared/clinical does not cover -----------------------

D14_STATEMENTS = [
    ("/informatie/kanker/", "Bij minder dan 1 van de 100 mensen met rugpijn is kanker de oorzaak.",
     "NHG-Standaard Aspecifieke lagerugpijn"),
    ("/informatie/scheur-buikslagader/", "Het komt vooral voor bij oudere mannen en bij mensen die roken.", "Thuisarts.nl"),
    ("/informatie/hernia/", "Dat duurt vaak een paar weken tot 3 maanden.", "NHG-Standaard Lumbosacraal radiculair syndroom"),
    ("/informatie/hoe-lang/", "Ook zorgen en stress maken pijn erger.", "KNGF-richtlijn"),
    ("/informatie/hoe-lang/", "Ook zorgen, stress en slecht slapen kunnen de pijn erger maken.", "NHG-Standaard Pijn"),
]


@pytest.mark.parametrize("path, statement, source", D14_STATEMENTS)
def test_D_14_each_statement_outside_the_spec_names_its_source_under_it(client, path, statement, source):
    response = client.get(path)
    if response.status_code == 404:
        pytest.fail(f"{path}: no such page")
    main = parse(response).find("main")
    holders = [e for e in main.iter() if e.tag in ("section", "div", "article") and statement in e.words()]
    assert holders, statement
    innermost = holders[-1]
    text = innermost.words()
    sources = [p.words() for p in innermost.find_all("p", data_decision="D-14")]
    assert any(s.startswith("Bron:") and source in s for s in sources), (statement, sources)
    assert text.index(statement) < text.index(source)


@pytest.mark.parametrize("path", sorted({p for p, _, _ in D14_STATEMENTS}))
def test_D_14_the_source_lines_in_english(client, path):
    main = parse(client.get("/en" + path)).find("main")
    sources = [p.words() for p in main.find_all("p", data_decision="D-14")]
    assert sources and all(s.startswith("Source:") for s in sources), sources
