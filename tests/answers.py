"""Hypothesis strategies for rugtest answers, shared by the core and web tests."""

from hypothesis import strategies as st

from rugtest.core import questions

YESNO = st.sampled_from(["no", "no", "yes", "unknown"])


def answer_for(question):
    if question.type == questions.INT:
        low, high = question.minimum, question.maximum
        edges = [low, high] + [b for b in (19, 20, 39, 40, 41, 44, 45, 49, 50, 69, 70, 5, 6, 12, 13, 52, 104) if low <= b <= high]
        return st.one_of(st.sampled_from(edges), st.integers(low, high))
    if question.type == questions.YESNO:
        return YESNO
    if question.type == questions.CHOICE:
        return st.sampled_from(question.values)
    return st.lists(st.sampled_from(question.values), unique=True, max_size=4)


@st.composite
def complete_answers(draw, only_no_red_flags=False):
    """A valid set of answers: every required question, some optional ones."""
    answers = {}
    for question in questions.QUESTIONS:
        if question.required or draw(st.booleans()):
            if only_no_red_flags and question.type == questions.YESNO:
                answers[question.id] = "no"
            else:
                answers[question.id] = draw(answer_for(question))
    return answers


def yesno_ids():
    return [q.id for q in questions.QUESTIONS if q.type == questions.YESNO]
