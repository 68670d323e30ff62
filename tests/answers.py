"""Hypothesis strategies for rugtest answers, shared by the core and web tests.

Most people who do the rugtest have no warning sign at all, and a test of the outcome needs
every level. So each generated case first draws *how many* warning signs (the yes/no
questions of steps 2–4) it has: mostly none or one, now and then two or many. The signs it
has are answered "yes" or "don't know", the others "no". A third or more of the cases end at
`gp` and a third or more at `selfcare`, so that the advice of those levels is tested as
often as the emergencies, and every answer to every question still comes up in a few cases
in a hundred (tests/core/test_answer_generator.py measures both on a fixed seed). The
questions that are not warning signs (numbers, choices, steps 5 and 6) are drawn freely in
every case.
"""

from hypothesis import strategies as st

from rugtest.core import questions

YESNO = st.sampled_from(["no", "no", "yes", "unknown"])
# previous_episodes is the one question of steps 1–4 where "yes" is the reassuring answer
# (triage-rules.md, safety property): drawn by itself, a little more often "yes" than not.
REASSURING_YES = "previous_episodes"
PREVIOUS = st.sampled_from(["yes"] * 5 + ["no"] * 2 + ["unknown"] * 2)
# How many warning signs a case has: none in three cases of five, one in about one of four,
# two now and then, and in about one of eight "many": then each sign is "no", "yes" or
# "don't know" by itself, so that every combination can come up (and the emergencies do).
MANY = "many"
HOW_MANY = st.sampled_from([0] * 16 + [1] * 6 + [2] + [MANY] * 3)
SIGN = st.sampled_from(["yes", "unknown"])  # a sign the case has
ANY_SIGN = st.sampled_from(["no", "yes", "unknown"])  # each sign of a "many" case
# The numbers on and beside the thresholds of the rules and the duration classes.
NUMBER_EDGES = (19, 20, 39, 40, 41, 44, 45, 49, 50, 69, 70, 5, 6, 12, 13, 52, 104)


def warning_sign_ids() -> list[str]:
    """The yes/no questions of steps 1–4 whose "yes" is the worrying answer."""
    return [q.id for q in questions.QUESTIONS if q.type == questions.YESNO and q.step <= 4 and q.id != REASSURING_YES]


def answer_for(question):
    if question.type == questions.INT:
        low, high = question.minimum, question.maximum
        edges = [low, high] + [b for b in NUMBER_EDGES if low <= b <= high]
        return st.one_of(st.sampled_from(edges), st.integers(low, high))
    if question.type == questions.YESNO:
        return YESNO
    if question.type == questions.CHOICE:
        return st.sampled_from(question.values)
    return st.lists(st.sampled_from(question.values), unique=True, max_size=4)


@st.composite
def complete_answers(draw, only_no_red_flags=False):
    """A valid set of answers: every required question, some optional ones.

    ``only_no_red_flags``: every yes/no question "no" (the numbers and choices decide).
    """
    signs = warning_sign_ids()
    how_many = draw(HOW_MANY)
    many = how_many == MANY
    present = set() if many else set(draw(st.lists(st.sampled_from(signs), min_size=how_many, max_size=how_many, unique=True)))
    answers = {}
    for question in questions.QUESTIONS:
        # An optional question is left out half of the time, unless it carries a sign.
        answered = question.required or question.id in present or (many and question.id in signs)
        if not (answered or draw(st.booleans())):
            continue
        if only_no_red_flags and question.type == questions.YESNO:
            answers[question.id] = "no"
        elif question.id in present:
            answers[question.id] = draw(SIGN)
        elif question.id in signs:
            answers[question.id] = draw(ANY_SIGN) if many else "no"
        elif question.id == REASSURING_YES:
            answers[question.id] = draw(PREVIOUS)
        else:
            answers[question.id] = draw(answer_for(question))
    return answers


def yesno_ids():
    return [q.id for q in questions.QUESTIONS if q.type == questions.YESNO]
