"""Selectors: a rugtest result in words, for the result page and the report for the GP.

Every word comes from one home: the question and answer wording from ``core.questions``,
the level, action, condition, duration and advice texts from ``rugtest.words``. These functions
read and never change anything; they speak the language that is active when called.
"""

from __future__ import annotations

import re

from django.utils import translation

from rugtest import words
from rugtest.core import questions
from rugtest.core.triage import (
    LEVELS,
    RULES,
    RULES_VERSION,
    aaa_suspected_by_age,
    check_advice_for,
    firing_answers,
    says_call_112,
    triggers,
    true_questions,
    uncertain_level,
)


def answer_text(question: questions.Question, value, lang: str) -> str:
    if question.id == "duration_weeks" and value in words.DURATION_WEEKS:  # D-9
        with translation.override(lang):
            return str(words.DURATION_WEEKS[value])
    if question.type == questions.INT:
        unit = question.unit(lang)
        return f"{value} {unit}".strip()
    if question.type == questions.MULTI:
        return _list_in_a_sentence([question.choice_text(v, lang) for v in value]) or "–"
    return question.choice_text(value, lang)


def _list_in_a_sentence(texts: list[str]) -> str:
    """Choices one after the other, as in a sentence: "Sport, mijn werk" (a choice's capital only
    at the start, unless the word is all capitals)."""
    return ", ".join(
        text if i == 0 or text[:2].isupper() else text[:1].lower() + text[1:] for i, text in enumerate(texts)
    )


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


def answer_matters(question: questions.Question, answers: dict, outcome: dict) -> bool:
    """Whether an answer is one a reader looks for first (marked in the answer tables): the
    answer that makes a rule of the table fire, or "Weet ik niet" to such a question
    (``firing_answers``: "Ja", but "Nee" to earlier back pain, R-AGE-2). A warning sign (steps
    2 to 4) so answered is always marked; another question only when a rule it is part of
    fired ("Nee" to earlier back pain at 30 is no alarm sign). Never in the closed step 6."""
    if question.type != questions.YESNO or question.step == questions.PRIVATE_STEP:
        return False
    if answers.get(question.id) not in firing_answers(question.id):
        return False
    return questions.is_warning_sign(question) or question.id in rules_by_trigger(answers, outcome)


def answer_groups(answers: dict, outcome: dict, lang: str) -> list[dict]:
    """The answers per page of the questionnaire, in its order (the result page's table).

    ``matters``: what a reader looks for first (``answer_matters``, marked in the table).
    """
    groups = []
    for page in questions.PAGES:
        rows = [
            {"id": q.id, "text": q.text(lang), "answer": answer_text(q, answers[q.id], lang),
             "matters": answer_matters(q, answers, outcome)}
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


def unsure_questions(rule, answers: dict) -> list[str]:
    """The questions of ``rule`` answered "don't know" that keep it uncertain: those whose
    "yes" and "no" would give the rule different values (triage-rules.md, Kleene logic)."""
    return [
        qid for qid in dict.fromkeys(rule.questions)
        if answers.get(qid) == "unknown"
        and rule.when({**answers, qid: "yes"}) != rule.when({**answers, qid: "no"})
    ]


def _unsure_lead(asked: list[str]) -> str:
    """"U antwoordde 'Weet ik niet' op de vraag over koorts." (empty when none is known)."""
    if not asked:
        return ""
    about = [str(words.QUESTION_ABOUT[q]) for q in asked]
    named = about[0]
    if len(about) > 1:
        named = str(words.UNSURE["and"]) % {"first": ", ".join(about[:-1]), "last": about[-1]}
    return str(words.UNSURE["one" if len(about) == 1 else "many"]) % {"questions": named}


def _unsure_do(rule, outcome: dict) -> str:
    """What to do about an uncertain rule: the words of A-CHECK-TODAY or A-CHECK-GP, as the
    outcome gives them for the rule's level (an uncertain emergency rule counts as urgent)."""
    advice = check_advice_for(rule, outcome)
    # None: the outcome's level is emergency: the person acts now, and the doctor asks.
    return str(words.UNSURE_DO[advice]) if advice else ""


def reasons(answers: dict, outcome: dict, say_what_to_do: bool = True) -> list[dict]:
    """Why this advice: the reason (``words.RULE_REASONS``) of every rule that fired, certain
    or uncertain, most important first; for a reassuring result (no rule fired), why it
    reassures.

    Never empty. Most important first: by the level the rule gives (an uncertain emergency
    rule counts as urgent, triage-rules.md), a certain rule before an uncertain one, then in
    table order. A rule's own action (``do``, R-ANE-1: D-22) is said only when its level is
    the outcome's, so that no reason names a milder action than the one the person must take;
    its sign for 112 (``_then_112``) is said with every result that is not "Bel nu 112",
    certain or uncertain, once: by the first reason that has one.
    An uncertain rule names the questions answered "Weet ik niet"; what to do about them
    (A-CHECK-TODAY / A-CHECK-GP) follows the first reason it belongs to, and not at all with
    ``say_what_to_do`` False: the result page says it with its own list of the "Weet ik niet"
    answers. No sentence is said twice: each reason opens with what the person answered, and
    leaves out a later sentence an earlier reason said already; it leaves out its opening too
    when an earlier reason said it or opened with the same words (R-SEV-1 after R-AAA-1:
    "Zulke pijn …"; both unsure: "Is het antwoord 'Ja' …"),
    and a reason with nothing new to say (R-OST-2 and R-OST-3 unsure about one question) is
    one line with the earlier one: its ``id`` then names both rules, space-separated. The words
    are in the active language.
    """
    certain, uncertain = set(outcome["rules"]), set(outcome["uncertain_rules"])
    fired = [rule for rule in RULES if rule.id in certain or rule.id in uncertain]
    fired.sort(key=lambda rule: (LEVELS.index(_reason_level(rule, rule.id in uncertain)), rule.id in uncertain))
    found: list[dict] = []
    said: set[str] = set()
    said_112 = False  # one sign for 112 in the list: the first, most important, reason's
    for rule in fired:
        words_of = words.RULE_REASONS[rule.id]
        then_112 = "" if said_112 else _then_112(words_of, answers, outcome)
        said_112 = said_112 or bool(then_112)
        if rule.id in certain:
            parts = [_why(rule, answers)]
            if "do" in words_of and rule.level == outcome["level"]:
                parts.append(str(words_of["do"]))
        else:
            parts = [_unsure_lead(unsure_questions(rule, answers)), str(words_of["unsure"])]
            parts.append(_unsure_do(rule, outcome) if say_what_to_do else "")
        first, *rest = SENTENCE_END.split(" ".join(p for p in parts if p))
        new = [sentence for sentence in rest if sentence not in said]
        if first in said and not new:
            # Nothing this reason says is new: one line with the reason that said it.
            earlier = next(f for f in reversed(found) if first in SENTENCE_END.split(f["text"]))
            earlier["id"] = f"{earlier['id']} {rule.id}"
            earlier["text"] = " ".join(p for p in (earlier["text"], then_112) if p)
            continue
        # Each reason opens with what the person answered; a sentence an earlier reason said
        # already ("Dan kan een wervel ingezakt zijn door broze botten.") is not said again,
        # nor is its opening: the same one ("U antwoordde 'Weet ik niet' op de vraag over
        # plotselinge, heel erge pijn.": R-SEV-1 after R-AAA-1, both unsure) or the start of
        # a longer one said before. The reason then starts with its new sentence.
        opened_alike = new and any(sentence.startswith(first.rstrip(".?!")) for sentence in said)
        text = " ".join(new if opened_alike else [first, *new])
        said.update(SENTENCE_END.split(text))
        # The sign for 112 stays whole: never shortened by a sentence said before.
        text = " ".join(p for p in (text, then_112) if p)
        found.append({"id": rule.id, "text": text, "uncertain": rule.id in uncertain})
    if not found:
        found.append({"id": "", "text": str(words.SELFCARE_REASON), "uncertain": False})
    return found


def _then_112(words_of: dict, answers: dict, outcome: dict) -> str:
    """When to call 112 all the same, unless the result is "Bel nu 112" already: D-22's sign
    (R-ANE-1), and W-9's faint line for sudden severe pain at 40 or younger (R-SEV-1, D-15;
    above 40 that pain alone is R-AAA-1's 112)."""
    if says_call_112(outcome):
        return ""
    if "then_112" in words_of:
        return str(words_of["then_112"])
    if "then_112_at_40_or_under" in words_of and not aaa_suspected_by_age(answers.get("age")):
        return str(words_of["then_112_at_40_or_under"])
    return ""


SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _why(rule, answers: dict) -> str:
    """What the person answered that fired ``rule``: of a rule with an OR (R-AAA-1), only the
    part their answers made true, where the words have it (``why_only``). A part true only
    because its number was never asked (R-AAA-1 counts an age not asked as older) is not
    named as if answered: ``why_age_not_asked`` says so."""
    words_of = words.RULE_REASONS[rule.id]
    only = words_of.get("why_only", {})
    true = true_questions(rule.when, answers)
    named = [qid for qid in only if qid in true and qid in answers]
    if not named and "why_age_not_asked" in words_of and any(qid in true for qid in only):
        return str(words_of["why_age_not_asked"])
    return str(only[named[0]] if len(named) == 1 else words_of["why"])


def _reason_level(rule, uncertain: bool) -> str:
    """The level a fired rule gives: an uncertain emergency rule fires at urgent."""
    return uncertain_level(rule) if uncertain else rule.level


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
