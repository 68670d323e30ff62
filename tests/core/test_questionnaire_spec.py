"""The questionnaire in code against shared/clinical/questionnaire.md, read by its own parser.

Every question id of the spec is in rugtest.core.questions and every question there is in the
spec, in the same step, with the same answer type, range and values. Above all, each
question's ``required`` flag is what the spec says: a safety question that became optional
would turn a missing answer into a silent "no" (triage-rules.md), and that must fail here.

The spec says which questions are required in three ways, and the parser reads all three
(never a list of ids typed here):

- a ``required`` column in the step's table (steps 1 and 4);
- the sentence "Every question in steps 2 and 3 is a safety question and is required";
- "all optional" in the step's heading (steps 5 and 6).

If the file changes shape so that a question's required-ness can no longer be read, or two
of these say different things, the parser fails with what it could not read.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from clinical import clinical_text
from rugtest.core import questions

SPEC = clinical_text("questionnaire.md")


class SpecShapeError(AssertionError):
    """questionnaire.md no longer says something this parser needs to read."""


@dataclasses.dataclass(frozen=True)
class SpecQuestion:
    id: str
    step: int
    type: str
    required: bool
    minimum: int | None = None
    maximum: int | None = None
    values: tuple[str, ...] = ()


STEP_HEADING = re.compile(r"^## Step (\d+) — (.+)$", re.M)
SAFETY_SENTENCE = re.compile(
    r"Every question in steps? (\d+(?:(?:, | and )\d+)*) is a safety question and is required"
)
ANSWER_TYPES = ("yesno", "int", "choice", "multi")


def _first_table(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the body rows of the first markdown table in ``text``."""
    lines = [line.strip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("|")), None)
    if start is None:
        raise SpecShapeError("a step without a table of its questions")
    block = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        block.append([cell.strip() for cell in line.strip("|").split("|")])
    if len(block) < 3 or not set("".join(block[1])) <= set("-: "):
        raise SpecShapeError(f"not a markdown table: {block[:2]}")
    return [cell.lower() for cell in block[0]], block[2:]


def _ticked(cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"`([^`]+)`", cell))


def _required_cell(cell: str, where: str) -> bool:
    if cell.lower() not in ("yes", "no"):
        raise SpecShapeError(f"{where}: the required column says {cell!r}, not yes or no")
    return cell.lower() == "yes"


def safety_steps(text: str) -> set[int]:
    """The steps the spec calls safety steps, every question of which is required."""
    sentences = SAFETY_SENTENCE.findall(text)
    if len(sentences) != 1:
        raise SpecShapeError(
            f"expected one sentence 'Every question in steps … is a safety question and is required', found {len(sentences)}"
        )
    return {int(n) for n in re.findall(r"\d+", sentences[0])}


def read_questionnaire(text: str) -> dict[str, SpecQuestion]:
    """Every question of the spec, by id, with its step, type, range, values and required-ness."""
    safety = safety_steps(text)
    headings = list(STEP_HEADING.finditer(text))
    if not headings:
        raise SpecShapeError("no '## Step N — …' headings")
    found: dict[str, SpecQuestion] = {}
    for n, heading in enumerate(headings):
        step, title = int(heading.group(1)), heading.group(2)
        end = headings[n + 1].start() if n + 1 < len(headings) else len(text)
        header, rows = _first_table(text[heading.end():end])
        for column in ("id", "type"):
            if column not in header:
                raise SpecShapeError(f"step {step}: the table has no {column!r} column ({header})")
        all_optional = "all optional" in title
        if all_optional and step in safety:
            raise SpecShapeError(f"step {step} is called a safety step and 'all optional'")
        for row in rows:
            if len(row) != len(header):
                raise SpecShapeError(f"step {step}: a row with {len(row)} cells under {len(header)} columns: {row}")
            cell = dict(zip(header, row))
            ids = _ticked(cell["id"])
            if len(ids) != 1:
                raise SpecShapeError(f"step {step}: cannot read the id in {cell['id']!r}")
            qid, qtype = ids[0], cell["type"]
            if qtype not in ANSWER_TYPES:
                raise SpecShapeError(f"{qid}: unknown answer type {qtype!r}")
            # Every way the spec says it, and they must agree.
            said = []
            if "required" in cell:
                said.append(_required_cell(cell["required"], qid))
            if step in safety:
                said.append(True)
            if all_optional:
                said.append(False)
            if not said:
                raise SpecShapeError(f"{qid} (step {step}): the spec does not say whether it is required")
            if len(set(said)) != 1:
                raise SpecShapeError(f"{qid} (step {step}): the spec says both required and optional")
            spread = cell.get("range / values", cell.get("values", cell.get("range", "")))
            minimum = maximum = None
            values: tuple[str, ...] = ()
            if qtype == "int":
                match = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", spread)
                if not match:
                    raise SpecShapeError(f"{qid}: cannot read the range {spread!r}")
                minimum, maximum = int(match.group(1)), int(match.group(2))
            elif qtype in ("choice", "multi"):
                values = _ticked(spread)
                if not values:
                    raise SpecShapeError(f"{qid}: a {qtype} question without values")
            if qid in found:
                raise SpecShapeError(f"{qid} is in the spec twice")
            found[qid] = SpecQuestion(qid, step, qtype, said[0], minimum, maximum, values)
    return found


def yesno_values(text: str) -> tuple[str, ...]:
    """The answers of a yes/no question: '- `yesno`: `"yes"`, `"no"` or `"unknown"`'."""
    match = re.search(r"^- `yesno`: (.+)$", text, re.M)
    if not match:
        raise SpecShapeError("the answer types no longer say what a yesno answer is")
    return tuple(re.findall(r'`"(\w+)"`', match.group(1)))


SPEC_QUESTIONS = read_questionnaire(SPEC)


def required_mismatches(spec: dict[str, SpecQuestion], code) -> list[str]:
    """The questions whose ``required`` flag in ``code`` is not what the spec says."""
    return [
        f"{q.id}: required={q.required} in the code, {spec[q.id].required} in questionnaire.md"
        for q in code if q.id in spec and q.required != spec[q.id].required
    ]


# --- The parser read the spec ------------------------------------------------------------------


def test_the_parser_read_every_step_and_the_safety_sentence():
    steps = {q.step for q in SPEC_QUESTIONS.values()}
    assert steps == {int(step) for step, _ in STEP_HEADING.findall(SPEC)}
    assert len(steps) >= 6
    assert safety_steps(SPEC)  # the safety steps are named, and their questions are many
    assert sum(q.required for q in SPEC_QUESTIONS.values()) > len(SPEC_QUESTIONS) / 2
    assert any(not q.required for q in SPEC_QUESTIONS.values())


# --- The code against the spec -----------------------------------------------------------------


def test_every_question_of_the_spec_is_in_the_code_and_every_question_of_the_code_in_the_spec():
    in_code = [q.id for q in questions.QUESTIONS]
    assert len(in_code) == len(set(in_code)), "a question id twice in the code"
    assert set(SPEC_QUESTIONS) - set(in_code) == set(), "questions of the spec missing in the code"
    assert set(in_code) - set(SPEC_QUESTIONS) == set(), "questions in the code that the spec does not have"


def test_every_required_flag_is_what_the_spec_says():
    assert required_mismatches(SPEC_QUESTIONS, questions.QUESTIONS) == []
    assert set(questions.REQUIRED_IDS) == {qid for qid, q in SPEC_QUESTIONS.items() if q.required}


@pytest.mark.parametrize("qid", sorted(SPEC_QUESTIONS))
def test_each_question_has_the_step_type_range_and_values_of_the_spec(qid):
    spec, code = SPEC_QUESTIONS[qid], questions.BY_ID[qid]
    assert (code.step, code.type, code.required) == (spec.step, spec.type, spec.required)
    if spec.type == "int":
        assert (code.minimum, code.maximum) == (spec.minimum, spec.maximum)
    if spec.type in ("choice", "multi"):
        assert code.values == spec.values
    if spec.type == "yesno":
        assert code.values == yesno_values(SPEC)


def test_the_safety_questions_are_the_questions_of_the_safety_steps():
    safety = safety_steps(SPEC)
    assert {q.id for q in questions.QUESTIONS if q.safety} == {q.id for q in SPEC_QUESTIONS.values() if q.step in safety}
    assert all(q.required for q in questions.QUESTIONS if q.safety)


# --- The check fails when it should ------------------------------------------------------------


@pytest.mark.parametrize("qid", sorted(q.id for q in SPEC_QUESTIONS.values() if q.step in safety_steps(SPEC)))
def test_a_safety_question_made_optional_is_noticed(qid):
    """What the check above would say if ``qid`` were made optional in the code."""
    changed = [dataclasses.replace(q, required=False) if q.id == qid else q for q in questions.QUESTIONS]
    assert required_mismatches(SPEC_QUESTIONS, changed) == [
        f"{qid}: required=False in the code, True in questionnaire.md"
    ]


@pytest.mark.parametrize("change, complaint", [
    (lambda t: t.replace("Every question in steps 2 and 3 is a safety question and is required", "Steps 2 and 3 matter"),
     "Every question in steps"),
    (lambda t: t.replace("(not safety; all optional)", "(not safety)"), "does not say whether it is required"),
    (lambda t: t.replace("| `leg_pain_dominant` | yesno | no |", "| `leg_pain_dominant` | yesno | maybe |"), "not yes or no"),
    (lambda t: t.replace("| id | type | required | meaning |", "| id | type | meaning |"), "cells under"),
    (lambda t: t + "\nEvery question in step 4 is a safety question and is required.\n", "expected one sentence"),
    (lambda t: t.replace("| `age` | int | 16–120 |", "| `age` | int | from 16 |"), "cannot read the range"),
    (lambda t: t.replace("| `fever` | yesno |", "| fever | yesno |"), "cannot read the id"),
], ids=["no-safety-sentence", "no-all-optional", "odd-required-cell", "column-dropped", "two-safety-sentences", "odd-range", "id-untagged"])
def test_a_spec_whose_shape_changed_cannot_be_read(change, complaint):
    changed = change(SPEC)
    assert changed != SPEC, "the change did not apply: update this test to the spec's wording"
    with pytest.raises(SpecShapeError, match=re.escape(complaint)):
        read_questionnaire(changed)


def test_a_safety_step_that_is_also_all_optional_cannot_be_read():
    changed = SPEC.replace("Every question in steps 2 and 3 is", "Every question in steps 2, 3 and 5 is")
    assert changed != SPEC
    with pytest.raises(SpecShapeError, match="a safety step and 'all optional'"):
        read_questionnaire(changed)
