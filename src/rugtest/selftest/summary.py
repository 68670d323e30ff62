"""Selectors: a rugtest result in words, for the result page and the report for the GP.

Every word comes from one home: the question and answer wording from ``core.questions``,
the level, action, condition, duration and advice texts from ``rugtest.words``. These functions
read and never change anything; they speak the language that is active when called.
"""

from __future__ import annotations

from rugtest import words
from rugtest.core import questions
from rugtest.core.triage import RULE_BY_ID, RULES, RULES_VERSION, triggers

def answer_text(question: questions.Question, value, lang: str) -> str:
    if question.type == questions.INT:
        unit = question.unit(lang)
        return f"{value} {unit}".strip()
    if question.type == questions.MULTI:
        return ", ".join(question.choice_text(v, lang) for v in value) or "–"
    return question.choice_text(value, lang)


def rules_by_trigger(answers: dict, outcome: dict) -> dict[str, list[str]]:
    """Per question id answered "yes" or "don't know", the fired rules it made fire."""
    fired = set(outcome["rules"]) | set(outcome["uncertain_rules"])
    found: dict[str, list[str]] = {}
    for rule in RULES:
        if rule.id in fired:
            for qid in triggers(rule, answers):
                found.setdefault(qid, []).append(rule.id)
    return found


def concerns(answers: dict, outcome: dict, lang: str) -> list[dict]:
    """The answers that made a rule fire, in the order of the rules (the page's "why")."""
    return [
        {
            "id": qid,
            "text": questions.BY_ID[qid].text(lang),
            "answer": questions.BY_ID[qid].choice_text(answers[qid], lang),
            "rules": rule_ids,
        }
        for qid, rule_ids in rules_by_trigger(answers, outcome).items()
    ]


def warning_signs(answers: dict, outcome: dict, lang: str) -> list[dict]:
    """Every warning sign answered "yes" or "don't know", in questionnaire order.

    Also a sign that made no rule fire on its own (a known aneurysm without sudden pain):
    the GP should see it. ``rules`` are the fired rules it took part in.
    """
    by_trigger = rules_by_trigger(answers, outcome)
    return [
        {
            "id": q.id,
            "text": q.text(lang),
            "value": answers[q.id],
            "answer": q.choice_text(answers[q.id], lang),
            "rules": by_trigger.get(q.id, []),
        }
        for q in questions.QUESTIONS
        if questions.sign_matters(q, answers.get(q.id))
    ]


def conditions(outcome: dict) -> list[dict]:
    """The outcome's conditions in words, each with the fired rules that name it."""
    fired = outcome["rules"] + outcome["uncertain_rules"]
    by_condition: dict[str, list[str]] = {}
    for rule in RULES:
        if rule.id in fired and rule.condition:
            by_condition.setdefault(rule.condition, []).append(rule.id)
    return [
        dict(words.CONDITIONS[c], id=c, rules=by_condition.get(c, []))
        for c in outcome["conditions"]
    ]


def answer_groups(answers: dict, lang: str) -> list[dict]:
    """The answers per page of the questionnaire, in its order (the result page's table).

    ``matters``: a yes/no answer "Ja" or "Weet ik niet" outside the closed step 6, what a reader
    looks for first (marked in the table).
    """
    groups = []
    for page in questions.PAGES:
        rows = [
            {"id": q.id, "text": q.text(lang), "answer": answer_text(q, answers[q.id], lang),
             "matters": q.type == questions.YESNO and answers[q.id] in questions.ANSWERS_THAT_MATTER
             and page.step != questions.PRIVATE_STEP}
            for q in page.questions if q.id in answers
        ]
        if rows:
            groups.append({
                "page": page, "title": page.title(lang), "rows": rows,
                # Step 6 stays closed until the person opens it (questionnaire.md).
                "private": page.step == questions.PRIVATE_STEP,
            })
    return groups


def answers_signs_first(answers: dict, lang: str, early: bool = False) -> list[dict]:
    """Every question with its answer, the warning signs first (for the GP's report).

    A question the person did not answer says so; after an early emergency stop the
    required questions that were never asked say "not asked" (questionnaire.md).
    """
    signs = [q for q in questions.QUESTIONS if questions.is_warning_sign(q)]
    rows = []
    for q in signs + [q for q in questions.QUESTIONS if q not in signs]:
        row = {"id": q.id, "text": q.text(lang), "value": answers.get(q.id), "answer": None, "asked": True}
        if q.id in answers:
            row["answer"] = answer_text(q, answers[q.id], lang)
        elif early:
            if not q.required:
                continue  # an optional question after the stop was never on a page
            row["asked"] = False
        elif not questions.is_shown(q, answers):
            continue  # a follow-up that did not apply
        rows.append(row)
    return rows


def reasons(outcome: dict) -> list[dict]:
    """The reasons (``words.RULE_REASONS``) of the rules that fired certain at the outcome's
    own level, in table order.

    A reason says what to do at its rule's level (R-ANE-1, D-22: "Bel vandaag uw huisarts"),
    so a rule outranked by a more urgent one keeps its reason back: the person acts on the
    most urgent advice only. A rule that fired uncertain says so in the "don't know" part.
    """
    found = []
    for rule_id in outcome["rules"]:
        rule = RULE_BY_ID.get(rule_id)
        if rule is None or rule_id not in words.RULE_REASONS or rule.level != outcome["level"]:
            continue
        found.append({"id": rule_id, "text": words.RULE_REASONS[rule_id]})
    return found


def advice_text(advice_id: str, outcome: dict) -> str:
    """An advice in words, with the part that applies only to pain that is not acute."""
    text = str(words.ADVICE[advice_id])
    if advice_id in words.ADVICE_NOT_ACUTE and outcome.get("duration_class") != "acute":
        text = f"{text} {words.ADVICE_NOT_ACUTE[advice_id]}"
    return text


def version_lines(outcome: dict) -> list[str]:
    """Which rules the result was made under, in words; and, for a result kept under an
    earlier version, that the rules have changed since (it is never made again)."""
    version = outcome["spec_version"]
    lines = [str(words.RESULT_VERSION["made_under"]) % {"version": version}]
    if version < RULES_VERSION:
        lines.append(str(words.RESULT_VERSION["changed"]) % {"current": RULES_VERSION})
    return lines
