"""One home for the words of each id: rugtest.words has wording for every id of the clinical
spec that a person reads about, and no wording for an id the spec does not have.

The ids are read from the markdown tables of shared/clinical/, not from the code.
"""

import re

import pytest
from django.utils import translation

from clinical import clinical_text
from rugtest import words


def section(markdown: str, heading: str) -> str:
    """The text under ``heading`` (a markdown heading line) up to the next heading."""
    match = re.search(rf"^#+ {re.escape(heading)}[^\n]*\n(.*?)(?=^#+ |\Z)", markdown, re.M | re.S)
    assert match, f"no section {heading!r} in the spec"
    return match.group(1)


def table(text: str) -> list[list[str]]:
    """The body rows of the first markdown table in ``text``, as lists of cells."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        block.append(line)
    rows = [line.strip().strip("|").split("|") for line in block]
    assert len(rows) > 2, "no table"
    return [[cell.strip() for cell in row] for row in rows[2:]]


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


RULES_MD = clinical_text("triage-rules.md")
PROGRAMME_MD = clinical_text("walking-programme.md")
LEVELS_TABLE = table(section(RULES_MD, "Levels"))

SPEC_IDS = {
    "LEVELS": {ticked(row[0])[0] for row in LEVELS_TABLE},
    "ACTIONS": {action for row in LEVELS_TABLE for action in ticked(row[2])},
    "CONDITIONS": {ticked(row[3])[0] for row in table(section(RULES_MD, "Rules")) if ticked(row[3])},
    "DURATION": {ticked(row[1])[0] for row in table(section(RULES_MD, "Duration class"))},
    "ADVICE": {row[0] for row in table(section(RULES_MD, "Advice"))},
    "RISK_FACTORS": {row[0] for row in table(section(RULES_MD, "Risk of a long course"))},
    # the support table, and the outcome's null ("`support` is `null` unless ...")
    "SUPPORT": {ticked(row[0])[0] for row in table(section(RULES_MD, "Risk of a long course").split("`support` is `null`")[1])} | {None},
    "SIGNS": {ticked(row[0])[0] for row in table(section(PROGRAMME_MD, "W-9"))},
    "PARTS": {part for row in table(section(PROGRAMME_MD, "W-8")) if row[0] == "`part`" for part in ticked(row[1])},
    "PROGRESS": set(ticked(re.search(r"`progress`(.*?);", section(PROGRAMME_MD, "W-14"), re.S).group(1))),
}


def test_the_spec_tables_were_read():
    assert SPEC_IDS["LEVELS"] == {"emergency", "urgent", "gp", "selfcare"}
    assert "call_112" in SPEC_IDS["ACTIONS"] and "infection" in SPEC_IDS["CONDITIONS"]
    assert len(SPEC_IDS["ADVICE"]) >= 20 and len(SPEC_IDS["RISK_FACTORS"]) == 11
    assert SPEC_IDS["SUPPORT"] == {"self", "physio", "gp_talk", None}
    assert "pain_worsening" in SPEC_IDS["SIGNS"] and SPEC_IDS["PARTS"] == {"morning", "afternoon", "evening"}
    assert SPEC_IDS["PROGRESS"] == {"better", "same", "worse"}


@pytest.mark.parametrize("kind", sorted(SPEC_IDS))
def test_every_id_of_the_spec_has_wording_and_every_wording_an_id(kind):
    defined = set(getattr(words, kind))
    assert SPEC_IDS[kind] - defined == set(), f"{kind}: ids of the spec without wording"
    assert defined - SPEC_IDS[kind] == set(), f"{kind}: wording for ids the spec does not have"


def _texts(entry):
    return list(entry.values()) if isinstance(entry, dict) else [entry]


@pytest.mark.parametrize("kind", sorted(SPEC_IDS))
def test_every_wording_is_dutch_here_and_english_in_the_catalogue(kind):
    for word_id, entry in getattr(words, kind).items():
        for text in _texts(entry):
            if not hasattr(text, "_proxy____args"):  # icons and other marks are not words
                continue
            with translation.override("nl"):
                dutch = str(text)
            with translation.override("en"):
                english = str(text)
            assert dutch.strip(), (kind, word_id)
            assert english != dutch, f"{kind} {word_id}: no English for {dutch!r}"


def test_the_result_page_and_the_information_page_name_a_condition_alike():
    for condition_id in SPEC_IDS["CONDITIONS"]:
        assert words.CONDITION_TITLES[condition_id] is words.CONDITIONS[condition_id]["name"]


@pytest.mark.parametrize("module", ["rugtest.selftest.texts", "rugtest.content.info"])
def test_the_words_of_the_site_have_one_home(module):
    """Issue #18: the words live in rugtest.words only; the old second homes are gone."""
    import importlib

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(module)


def test_form_bounds_and_values_come_from_the_core():
    from rugtest.core import programme as core
    from rugtest.programme.forms import CheckInForm, StartForm, WalkForm
    from rugtest.programme.models import WalkEntry

    walk = WalkForm().fields
    assert (walk["minutes"].min_value, walk["minutes"].max_value) == (0, core.MINUTES_MAX)
    pain_scale = [int(v) for v, _ in walk["pain_after"].choices]
    assert (pain_scale[0], pain_scale[-1]) == (core.PAIN_MIN, core.PAIN_MAX)
    assert [v for v, _ in walk["painkiller"].choices] == list(core.PAINKILLER_VALUES)
    assert [v for v, _ in walk["part"].choices] == list(core.PARTS)
    assert [v for v, _ in walk["warning_signs"].choices] == list(core.WARNING_SIGNS)
    start = StartForm().fields
    assert (start["baseline_minutes"].min_value, start["baseline_minutes"].max_value) == (core.BASELINE_MIN, core.BASELINE_MAX)
    assert [v for v, _ in CheckInForm().fields["progress"].choices] == list(core.PROGRESS_VALUES)
    assert WalkEntry._meta.get_field("note").max_length == core.NOTE_MAX_CHARS


# --- The reason of each rule (issue: every result explains itself) ------------------------------

RULE_IDS_OF_THE_SPEC = {row[0] for row in table(section(RULES_MD, "Rules"))}
DECISIONS_MD = clinical_text("decisions.md")


def decision(decision_id: str) -> str:
    """The decision column of a row of decisions.md."""
    row = next(row for row in table(DECISIONS_MD) if row[0] == decision_id)
    return row[2]


RULE_WHEN_OF_THE_SPEC = {row[0]: row[1] for row in table(section(RULES_MD, "Rules"))}


def test_every_rule_reason_belongs_to_a_rule_of_the_spec_and_has_english():
    assert set(words.RULE_REASONS) <= RULE_IDS_OF_THE_SPEC
    for rule_id, parts in words.RULE_REASONS.items():
        assert set(parts) <= {"why", "do", "then_112", "then_112_at_40_or_under", "unsure", "why_only",
                              "why_age_not_asked"}, rule_id
        if "why_age_not_asked" in parts:  # an early emergency before step 1 asked the age
            assert "`age`" in RULE_WHEN_OF_THE_SPEC[rule_id], rule_id
        parts = dict(parts)
        # "why_only": the words for one part of an OR, by a question the spec's rule reads.
        for question, reason in parts.pop("why_only", {}).items():
            assert f"`{question}`" in RULE_WHEN_OF_THE_SPEC[rule_id], (rule_id, question)
            parts[f"why_only {question}"] = reason
        for part, reason in parts.items():
            with translation.override("nl"):
                dutch = str(reason)
            with translation.override("en"):
                english = str(reason)
            assert dutch.strip() and english != dutch, (rule_id, part)


@pytest.mark.parametrize("rule_id, decision_id", [("R-ANE-1", "D-22")])
def test_the_reason_of_a_rule_is_the_sentence_its_decision_gives(rule_id, decision_id):
    quoted = re.search(r"\"(.+?)\"", decision(decision_id)).group(1)
    reason = words.RULE_REASONS[rule_id]
    with translation.override("nl"):
        assert f"{reason['why']} {reason['do']} {reason['then_112']}" == quoted


@pytest.mark.parametrize("kind", ["ADVICE_NOT_ACUTE", "RESULT_VERSION"])
def test_the_other_new_words_are_dutch_here_and_english_in_the_catalogue(kind):
    for word_id, text in getattr(words, kind).items():
        with translation.override("nl"):
            dutch = str(text)
        with translation.override("en"):
            english = str(text)
        assert dutch.strip() and english != dutch, (kind, word_id)
    assert set(words.ADVICE_NOT_ACUTE) <= set(words.ADVICE)


def _phone_numbers(text: str) -> list[str]:
    return re.findall(r"(?<![\d-])\d{3,4}(?:-\d{4})?(?![\d-])", text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_words_of_A_MOOD_give_the_numbers_of_the_spec_to_call_when_thinking_of_ending_ones_life(lang):
    """triage-rules.md, A-MOOD says "call 113 or 0800-0113 (free, day and night) or your GP
    today": the page text carries both numbers, in Dutch and in the English catalogue."""
    says = next(row[2] for row in table(section(RULES_MD, "Advice")) if row[0] == "A-MOOD")
    numbers = _phone_numbers(says)
    assert numbers == ["113", "0800-0113"], f"the spec's A-MOOD line changed: {says!r}"
    with translation.override(lang):
        text = str(words.ADVICE["A-MOOD"])
    with translation.override("nl"):
        dutch = str(words.ADVICE["A-MOOD"])
    assert _phone_numbers(text) == numbers, text
    assert (text == dutch) is (lang == "nl"), "no English for A-MOOD in the catalogue"


def test_the_course_of_acute_pain_has_one_home():
    """D-18's sentence is in rugtest.words only: every page that explains the course of back
    pain that began recently takes it from there (``{% word "courses" "acute" %}``), and no
    template types it again."""
    from pathlib import Path

    import rugtest

    d18 = "binnen twee weken al verschil"
    with translation.override("nl"):
        assert d18 in str(words.COURSES["acute"])
    typed = [str(path) for path in Path(rugtest.__file__).parent.rglob("*.html") if d18 in path.read_text()]
    assert typed == []
