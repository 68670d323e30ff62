"""The rugtest answers of one visitor, kept in the server-side session.

Views call these functions and never touch the session keys themselves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.dispatch import Signal
from django.utils import timezone

from rugtest.core import flow, questions
from rugtest.core.errors import InputError
from rugtest.core.flow import emergency_so_far
from rugtest.core.triage import evaluate

SESSION_KEY = "rugtest"

# Sent when a result page is shown (kwargs: request, answers, outcome, run), so that the
# programme app can keep the result of a signed-in person without this app knowing it.
result_shown = Signal()


@dataclass
class Progress:
    answers: dict = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    # One id per taking of the rugtest ("start again" gives a new one), so that a result
    # is kept once per taking, and taking the test again with the same answers counts.
    run: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The day of the last answer (ISO date): the date on the report for the GP.
    answered_on: str = ""

    @property
    def date(self) -> date | None:
        try:
            return date.fromisoformat(self.answered_on)
        except ValueError:
            return None

    @property
    def started(self) -> bool:
        # Answers without a page done: a page sent out of turn (``keep_answers``).
        return bool(self.done or self.answers)

    def next_page(self) -> questions.Page | None:
        return flow.next_page(self.answers, self.done)

    def reachable(self, page: questions.Page) -> bool:
        """A page may be opened once every applicable page before it has been answered."""
        return flow.reachable(page, self.answers, self.done)

    def outcome(self) -> dict | None:
        """The outcome, or None while questions are still open."""
        early = emergency_so_far(self.answers)
        if early is not None:
            return early
        if self.next_page() is not None:
            return None
        try:
            questions.validate_request({"answers": self.answers})
        except InputError:
            return None
        return evaluate(self.answers)

    def is_early(self) -> bool:
        """True when an emergency cut the questionnaire short."""
        return flow.cut_short(self.answers, self.done)


def load(session) -> Progress:
    data = session.get(SESSION_KEY) or {}
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    done = data.get("done") if isinstance(data.get("done"), list) else []
    clean, done_ok = _checked(answers, done)
    run = data.get("run") if isinstance(data.get("run"), str) else None
    progress = Progress(clean, done_ok, run) if run else Progress(clean, done_ok)
    if isinstance(data.get("answered_on"), str):
        progress.answered_on = data["answered_on"]
    return progress


def _checked(answers: dict, done: list) -> tuple[dict, set[str]]:
    """The answers and pages done of a session that still validate."""
    # Only keep what still validates: a changed spec or a tampered session never
    # counts as an answer.
    clean = {}
    for qid, value in answers.items():
        question = questions.BY_ID.get(qid)
        if question is None:
            continue
        try:
            clean[qid] = questions.check_answer(question, value)
        except InputError:
            continue
    clean = questions.drop_hidden(clean)
    done_ok = {pid for pid in done if isinstance(pid, str) and pid in questions.PAGE_BY_ID}
    # A page whose required answers are gone is no longer done.
    for pid in list(done_ok):
        page = questions.PAGE_BY_ID[pid]
        if any(q.required and q.id not in clean for q in page.questions):
            done_ok.discard(pid)
    return clean, done_ok


def save(session, progress: Progress) -> None:
    session[SESSION_KEY] = {
        "answers": progress.answers, "done": sorted(progress.done), "run": progress.run,
        "answered_on": progress.answered_on,
    }


def clear(session) -> None:
    session.pop(SESSION_KEY, None)


def keep_answers(progress: Progress, page: questions.Page, data) -> bool:
    """Keep what a page sent out of turn holds (a step answered in a second tab after the test
    was started again, or after the session expired); True when something was kept.

    Every valid answer to a question the page shows is kept; the page does not count as done,
    so the person is still asked it, with these answers filled in. An emergency sign among
    them ends the test at once (questionnaire.md, early emergency: ``Progress.outcome``).
    """
    answers = dict(progress.answers)
    for question in questions.shown_questions(page, progress.answers):
        raw = data.getlist(question.id) if question.type == questions.MULTI else data.get(question.id)
        try:
            value = questions.parse_form_value(question, raw)
        except InputError:
            continue  # missing or not valid: nothing to keep
        if value not in (None, []):
            answers[question.id] = value
    answers = questions.drop_hidden(answers)
    if answers == progress.answers:
        return False
    progress.answers = answers
    progress.answered_on = timezone.localdate().isoformat()
    return True


def submit_page(progress: Progress, page: questions.Page, data) -> dict[str, InputError]:
    """Apply one submitted page. Returns the errors per question id (empty when saved).

    On errors nothing is changed, so answers already given are kept.
    """
    shown = questions.shown_questions(page, progress.answers)
    new_values, errors = {}, {}
    for question in shown:
        raw = data.getlist(question.id) if question.type == questions.MULTI else data.get(question.id)
        try:
            new_values[question.id] = questions.parse_form_value(question, raw)
        except InputError as error:
            errors[question.id] = error
    answers = dict(progress.answers)
    for qid, value in new_values.items():
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
    answers = questions.drop_hidden(answers)
    if errors:
        # questionnaire.md, early emergency: a sign that makes an emergency certain is acted
        # on at once, also when other questions on the page are still open.
        if emergency_so_far(answers) is None:
            return errors
        progress.answers = answers
        progress.answered_on = timezone.localdate().isoformat()
        return {}
    progress.answers = answers
    progress.done.add(page.id)
    progress.answered_on = timezone.localdate().isoformat()
    return {}
