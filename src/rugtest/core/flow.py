"""The page flow of the web rugtest (shared/clinical/questionnaire.md): which page comes
next, which came before, which pages a person may open, and when an emergency sign ends the
test early.

The questionnaire (``questions``) and the rules (``triage``) know nothing of pages in a row;
this module uses both, so neither has to import the other.
"""

from __future__ import annotations

from .questions import BY_ID, PAGES, YESNO, Page, page_applies
from .triage import EMERGENCY, fired_rules, outcome_of


def emergency_so_far(answers: dict) -> dict | None:
    """The outcome if the answers given so far already fire a certain emergency rule.

    Used by the web flow to show the result at once. Questions not asked yet are unknown,
    never "no": a rule counts only if it is true whatever the remaining answers are. The
    outcome then reports what the person answered; the questions that were skipped do not
    appear as "don't know", because they were never asked.

    Also before step 1 (a step 2 answered in a second tab, or after the session expired): a
    number not asked is unknown (``triage.num``), except that R-AAA-1 counts an unknown age
    as older (112 where it could apply); the outcome then has no ``duration_class`` (None).
    """
    unasked = {q: "unknown" for q in BY_ID if q not in answers and BY_ID[q].required and BY_ID[q].type == YESNO}
    certain, _ = fired_rules({**answers, **unasked})
    if not any(rule.level == EMERGENCY for rule in certain):
        return None
    # Uncertain rules that stay uncertain with the unasked questions as "no" come from the
    # person's own "don't know" answers, and are reported; the others were never asked. A
    # rule still uncertain with those answers as "no" too rests on a number not asked.
    asked_only = {**answers, **{q: "no" for q in unasked}}
    own_answers_no = {**asked_only, **{q: "no" for q, value in answers.items() if value == "unknown"}}
    _, uncertain = fired_rules(asked_only)
    uncertain = [rule for rule in uncertain if rule.when(own_answers_no) is not None]
    return outcome_of(asked_only, certain, uncertain)


def next_page(answers: dict, done: set[str] | frozenset[str]) -> Page | None:
    """The next page to ask, or ``None`` when the result can be shown.

    ``done`` holds the ids of the pages the person has submitted. The result comes at once
    when the answers so far fire a certain emergency rule: a person with an emergency sign
    is not made to answer more questions.
    """
    if emergency_so_far(answers):
        return None
    for page in PAGES:
        if page.id not in done and page_applies(page, answers):
            return page
    return None


def previous_page(page: Page, answers: dict) -> Page | None:
    """The page before ``page`` that applies to these answers (the "back" link)."""
    index = PAGES.index(page)
    for earlier in reversed(PAGES[:index]):
        if page_applies(earlier, answers):
            return earlier
    return None


def reachable(page: Page, answers: dict, done: set[str] | frozenset[str]) -> bool:
    """A page may be opened once every applicable page before it has been answered."""
    if not page_applies(page, answers):
        return False
    before = PAGES[: PAGES.index(page)]
    return all(p.id in done for p in before if page_applies(p, answers))


def cut_short(answers: dict, done: set[str] | frozenset[str]) -> bool:
    """True when an emergency ended the questionnaire with applicable pages still open."""
    return any(page.id not in done and page_applies(page, answers) for page in PAGES)
