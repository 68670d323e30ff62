"""The rugtest questionnaire as data (shared/clinical/questionnaire.md, spec version 2).

One entry per question: its id and answer type (part of the contract), whether it is
required, which page of the web flow asks it, when it is shown, and its wording in Dutch
(B1, "u") and English. A reviewer can hold this file next to questionnaire.md and tick
the questions off.

The web flow asks one step of the spec per page (which page comes next: ``flow.py``). Step 4 has follow-up questions that
may only be shown after a "yes" or "don't know" on the same step; without JavaScript they
need a page of their own, so step 4 has two pages: ``4`` and ``4b``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

# The version of questionnaire.md this table follows. The rules and the outcome have their own
# version (``triage.RULES_VERSION``): spec version 3 changed the rules, not the questions.
QUESTIONNAIRE_VERSION = 2

YESNO = "yesno"
INT = "int"
CHOICE = "choice"
MULTI = "multi"

YESNO_VALUES = ("yes", "no", "unknown")


@dataclass(frozen=True)
class Choice:
    value: str
    nl: str
    en: str

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    step: int
    page: str
    required: bool
    nl: str
    en: str
    help_nl: str = ""
    help_en: str = ""
    minimum: int | None = None
    maximum: int | None = None
    unit_nl: str = ""
    unit_en: str = ""
    choices: tuple[Choice, ...] = ()
    # Shown only when, for every (question id, values) pair, the answer is one of the values
    # (questionnaire.md, last lines).
    show_if: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def safety(self) -> bool:
        return self.step in (2, 3)

    @property
    def offers_unknown(self) -> bool:
        """"Weet ik niet" is offered on the yes/no questions of steps 1–4 only (questionnaire.md)."""
        return self.type == YESNO and self.step <= 4

    def web_choices(self) -> tuple[Choice, ...]:
        """The answers the web form offers: steps 5 and 6 offer "Ja" and "Nee" only."""
        if self.type == YESNO and not self.offers_unknown:
            return tuple(c for c in self.choices if c.value != "unknown")
        return self.choices

    @property
    def values(self) -> tuple[str, ...]:
        if self.type == YESNO:
            return YESNO_VALUES
        return tuple(c.value for c in self.choices)

    def text(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def help(self, lang: str) -> str:
        return self.help_nl if lang == "nl" else self.help_en

    def unit(self, lang: str) -> str:
        return self.unit_nl if lang == "nl" else self.unit_en

    def choice_text(self, value: str, lang: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.text(lang)
        return value


def _yesno_choices() -> tuple[Choice, ...]:
    return (
        Choice("yes", "Ja", "Yes"),
        Choice("no", "Nee", "No"),
        Choice("unknown", "Weet ik niet", "Don't know"),
    )


def _yn(qid: str, step: int, page: str, required: bool, nl: str, en: str, help_nl: str = "", help_en: str = "",
        show_if: tuple = ()) -> Question:
    return Question(
        qid, YESNO, step, page, required, nl, en, help_nl, help_en,
        choices=_yesno_choices(), show_if=show_if,
    )


@dataclass(frozen=True)
class Page:
    id: str
    step: int
    nl: str
    en: str
    intro_nl: str = ""
    intro_en: str = ""
    questions: tuple[Question, ...] = field(default=(), compare=False)

    def title(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def intro(self, lang: str) -> str:
        return self.intro_nl if lang == "nl" else self.intro_en


STEP_COUNT = 6
# questionnaire.md: "Every question in steps 2 and 3 is a safety question and is required;
# together with the yes/no questions of step 4 they are the warning signs of triage-rules.md's
# safety property." Step 2 holds the emergency signs (its page shows how to call 112 now).
SAFETY_STEPS = (2, 3)
EMERGENCY_STEP = 2
WARNING_SIGN_STEPS = (2, 3, 4)
# Step 6: the risk of a long course (asked again at the W-14 check-in). questionnaire.md: "A
# result page never shows what step 6 reveals": closed until the person opens it.
RISK_STEP = 6
PRIVATE_STEP = RISK_STEP
# A yes/no answer "Ja" or "Weet ik niet": what a reader of the answers looks for first (a
# "don't know" to a warning sign never counts as "no").
ANSWERS_THAT_MATTER = ("yes", "unknown")

QUESTIONS: tuple[Question, ...] = (
    # Step 1 — About you and your pain
    Question(
        "age", INT, 1, "1", True,
        "Hoe oud bent u?", "How old are you?",
        minimum=16, maximum=120, unit_nl="jaar", unit_en="years",
    ),
    Question(
        "sex", CHOICE, 1, "1", False,
        "Wat is uw geslacht?", "What is your sex?",
        "Dit vragen we alleen om de kans op broze botten in te schatten.",
        "We only ask this to judge the chance of brittle bones.",
        choices=(
            Choice("female", "Vrouw", "Female"),
            Choice("male", "Man", "Male"),
            Choice("other", "Anders", "Other"),
        ),
    ),
    Question(
        "duration_weeks", INT, 1, "1", True,
        "Hoeveel weken heeft u deze rugpijn al?",
        "For how many weeks have you had this back pain?",
        "Korter dan een week? Vul dan 0 in.",
        "Less than a week? Then fill in 0.",
        minimum=0, maximum=520, unit_nl="weken", unit_en="weeks",
    ),
    Question(
        "pain_score", INT, 1, "1", True,
        "Hoeveel pijn heeft u nu?", "How much pain do you have now?",
        "Geef een cijfer van 0 tot en met 10. 0 is geen pijn. 10 is de ergste pijn die u zich "
        "kunt voorstellen.",
        "Give a number from 0 to 10. 0 is no pain. 10 is the worst pain you can imagine.",
        minimum=0, maximum=10,
    ),
    _yn(
        "previous_episodes", 1, "1", True,
        "Heeft u eerder zulke rugpijn gehad?", "Have you had back pain like this before?",
    ),
    # Step 2 — Emergency signs (safety)
    _yn(
        "saddle_numbness", 2, "2", True,
        "Voelt u sinds kort minder of iets doofs in uw kruis, billen, geslachtsdelen of aan de "
        "binnenkant van uw bovenbenen?",
        "Have you recently had less feeling, or a numb feeling, in your groin, buttocks, genitals "
        "or inner thighs?",
        "Dit is het gebied dat op een zadel rust.",
        "This is the area that rests on a saddle.",
    ),
    _yn(
        "bladder_bowel", 2, "2", True,
        "Heeft u sinds kort moeite met plassen? Of kunt u uw plas of ontlasting niet meer goed "
        "ophouden?",
        "Have you recently had trouble passing urine? Or can you no longer hold your urine or "
        "stool well?",
    ),
    _yn(
        "both_legs", 2, "2", True,
        "Heeft u sinds kort in allebei uw benen tegelijk een doof gevoel, tintelingen of minder "
        "kracht?",
        "Have you recently had numbness, tingling or weakness in both legs at the same time?",
        "Tel een klacht die u al lang heeft niet mee, zoals zenuwschade door suikerziekte.",
        "Do not count a problem you have had for a long time, such as nerve damage from "
        "diabetes.",
    ),
    _yn(
        "sudden_severe_pain", 2, "2", True,
        "Kwam de pijn plotseling? En is hij heel erg en blijft hij, hoe u ook ligt, zit of "
        "beweegt?",
        "Did the pain come on suddenly? And is it very bad and constant, however you lie, sit "
        "or move?",
        "De pijn kan ook naar uw buik of zij trekken.",
        "The pain may also spread to your belly or side.",
    ),
    _yn(
        "faint_pale_sweaty", 2, "2", True,
        "Voelt u zich flauw, bleek, zweterig of klam bij de pijn?",
        "Do you feel faint, pale, sweaty or clammy with the pain?",
    ),
    _yn(
        "known_aneurysm", 2, "2", True,
        "Heeft een arts u verteld dat de grote slagader in uw buik te wijd is?",
        "Has a doctor told you that the main artery in your belly is too wide?",
        "Dit heet een aneurysma van de buikslagader.",
        "This is called an abdominal aortic aneurysm.",
    ),
    _yn(
        "major_trauma", 2, "2", True,
        "Begon de pijn na een ernstig ongeluk? Bijvoorbeeld een val van hoogte, een "
        "verkeersongeluk of een harde klap.",
        "Did the pain start after a serious accident? For example a fall from a height, a "
        "traffic accident or a hard blow.",
    ),
    # Step 3 — Other warning signs (safety)
    _yn(
        "fever", 3, "3", True,
        "Heeft u koorts gehad sinds de rugpijn begon? Dat is 38 °C of hoger.",
        "Have you had a fever since the back pain began? That is 38 °C or higher.",
    ),
    _yn(
        "recent_spine_surgery", 3, "3", True,
        "Bent u in de laatste 6 weken aan uw rug geopereerd? Of kreeg u in die weken een prik "
        "in uw rug, in of bij de wervelkolom?",
        "Have you had an operation on your back in the last 6 weeks? Or an injection into or "
        "near your spine in those weeks?",
    ),
    _yn(
        "weak_immunity", 3, "3", True,
        "Is uw afweer minder goed?",
        "Is your resistance to infection lowered?",
        "Bijvoorbeeld door medicijnen die de afweer remmen, chemotherapie of hiv. Of doordat u "
        "drugs spuit.",
        "For example because of medicines that suppress the immune system, chemotherapy or HIV. "
        "Or because you inject drugs.",
    ),
    _yn(
        "cancer_history", 3, "3", True,
        "Heeft u kanker, of heeft u kanker gehad?",
        "Do you have cancer, or have you had cancer?",
    ),
    _yn(
        "weight_loss", 3, "3", True,
        "Bent u de laatste maanden meer dan ongeveer 5 kilo afgevallen, zonder dat u dat "
        "wilde?",
        "Have you lost more than about 5 kilos in the last months without trying?",
    ),
    _yn(
        "feeling_ill", 3, "3", True,
        "Voelt u zich ziek? Dus niet alleen rugpijn, maar ook algemeen ziek.",
        "Do you feel ill? Not only back pain, but ill in general.",
    ),
    _yn(
        "night_pain", 3, "3", True,
        "Heeft u 's nachts pijn die niet minder wordt als u stil ligt of anders gaat liggen?",
        "Do you have pain at night that does not get less when you lie still or change "
        "position?",
    ),
    _yn(
        "leg_weakness", 3, "3", True,
        "Is een been of voet zwakker geworden sinds de rugpijn begon?",
        "Has a leg or foot become weaker since the back pain began?",
        "Bijvoorbeeld: uw voet klapt neer of sleept. Of lopen op uw hakken of tenen lukt niet.",
        "For example: your foot slaps down or drags. Or you cannot walk on your heels or toes.",
    ),
    _yn(
        "osteoporosis", 3, "3", True,
        "Heeft u broze botten (osteoporose)? Of brak u eerder een bot bij een kleine val?",
        "Do you have brittle bones (osteoporosis)? Or did you break a bone before in a minor "
        "fall?",
    ),
    _yn(
        "steroids", 3, "3", True,
        "Heeft u langer dan 3 maanden prednison of een vergelijkbaar middel als tabletten "
        "gebruikt?",
        "Have you taken prednisone or a similar medicine (a corticosteroid) as tablets for more "
        "than 3 months?",
    ),
    _yn(
        "minor_trauma", 3, "3", True,
        "Begon de pijn na een kleine val of stoot, of na iets optillen?",
        "Did the pain start after a minor fall or bump, or after lifting something?",
    ),
    _yn(
        "progressive", 3, "3", True,
        "Wordt de pijn week na week erger? Ook als u rust of pijnstillers neemt?",
        "Does the pain keep getting worse week after week? Also when you rest or take "
        "painkillers?",
        "Het gaat niet om een slechte dag af en toe.",
        "This is not about a bad day now and then.",
    ),
    # Step 4 — Leg pain and stiffness
    _yn(
        "leg_pain_below_knee", 4, "4", True,
        "Loopt de pijn vanuit uw rug of bil door in uw been, tot onder de knie?",
        "Does the pain run from your back or buttock down into your leg, below the knee?",
    ),
    _yn(
        "walking_legs_relief_bending", 4, "4", True,
        "Krijgt u bij lopen of staan pijn, een zwaar of moe gevoel in uw benen? En gaat dat weg "
        "als u gaat zitten of voorover buigt?",
        "When you walk or stand, do your legs get painful, heavy or tired? And does that go "
        "away when you sit down or bend forward?",
    ),
    _yn(
        "morning_stiffness", 4, "4", True,
        "Is uw rug 's ochtends langer dan een half uur stijf?",
        "Is your back stiff in the morning for more than half an hour?",
    ),
    _yn(
        "pain_uncontrolled", 4, "4", True,
        "Is de pijn niet te houden, ook niet met pijnstillers zoals op de bijsluiter staat?",
        "Is the pain unbearable, even with painkillers taken as the leaflet says?",
    ),
    _yn(
        "leg_pain_dominant", 4, "4b", False,
        "Is de pijn in uw been erger dan de pijn in uw rug?",
        "Is the pain in your leg worse than the pain in your back?",
        show_if=(("leg_pain_below_knee", ("yes", "unknown")),),
    ),
    _yn(
        "cough_sneeze_pain", 4, "4b", False,
        "Wordt de pijn in uw been erger als u hoest, niest of perst?",
        "Does the pain in your leg get worse when you cough, sneeze or strain?",
        show_if=(("leg_pain_below_knee", ("yes", "unknown")),),
    ),
    _yn(
        "leg_numb_tingling", 4, "4b", False,
        "Heeft u een doof gevoel of tintelingen in één been of voet?",
        "Do you have numbness or tingling in one leg or foot?",
        show_if=(("leg_pain_below_knee", ("yes", "unknown")),),
    ),
    _yn(
        "better_with_movement", 4, "4b", False,
        "Wordt de rugpijn beter als u beweegt, en niet als u rust?",
        "Does the back pain get better when you move, and not when you rest?",
        show_if=(("morning_stiffness", ("yes", "unknown")),),
    ),
    # Step 5 — How it started and what you do (not safety; all optional)
    Question(
        "causes", MULTI, 5, "5", False,
        "Waardoor begon de pijn, denkt u?", "What do you think started the pain?",
        "U mag meer dan één antwoord kiezen.", "You may choose more than one answer.",
        choices=(
            Choice("sudden_movement", "Een plotselinge verkeerde beweging",
                   "A sudden wrong movement"),
            Choice("short_overload", "Even te zwaar belast, bijvoorbeeld door tillen of verhuizen",
                   "A short overload, for example lifting or moving house"),
            Choice("awkward_posture", "Lang in een verkeerde houding gezeten of gestaan",
                   "Sitting or standing in an awkward posture for a long time"),
            Choice("sport", "Sport", "Sport"),
            Choice("work", "Mijn werk", "My work"),
            Choice("small_accident", "Een klein ongelukje, zoals uitglijden",
                   "A small accident, such as slipping"),
            Choice("unknown", "Ik weet het niet", "I don't know"),
        ),
    ),
    Question(
        "activity_level", CHOICE, 5, "5", False,
        "Hoe actief bent u nu, vergeleken met vóór de pijn?",
        "How active are you now, compared with before the pain?",
        choices=(
            Choice("as_usual", "Net zo actief als anders", "As active as usual"),
            Choice("less", "Minder actief", "Less active"),
            Choice("much_less", "Veel minder actief", "Much less active"),
        ),
    ),
    _yn(
        "off_work", 5, "5", False,
        "Werkt u niet of minder door de rugpijn?",
        "Are you not working, or working less, because of the back pain?",
        "Het gaat om betaald en onbetaald werk.",
        "This is about paid and unpaid work.",
    ),
    _yn(
        "heavy_work", 5, "5", False,
        "Is uw werk zwaar voor uw lichaam? Bijvoorbeeld veel tillen, bukken of lang staan.",
        "Is your work physically heavy? For example a lot of lifting, bending or long "
        "standing.",
        "Het gaat om betaald en onbetaald werk.",
        "This is about paid and unpaid work.",
    ),
    _yn(
        "work_unhappy", 5, "5", False,
        "Heeft u het niet naar uw zin op uw werk? Of is er spanning met collega's of uw baas?",
        "Are you unhappy at work? Or is there tension with colleagues or your boss?",
    ),
    # Step 6 — What may keep it going (not safety; all optional)
    _yn(
        "fear_of_moving", 6, "6", False,
        "Bent u bang dat bewegen uw rug beschadigt?",
        "Are you afraid that moving will damage your back?",
    ),
    _yn(
        "expect_no_recovery", 6, "6", False,
        "Denkt u dat uw rugpijn nooit echt beter wordt?",
        "Do you think your back pain will never really get better?",
    ),
    _yn(
        "stress", 6, "6", False,
        "Heeft u nu veel stress, thuis of op uw werk?",
        "Do you have a lot of stress at the moment, at home or at work?",
    ),
    _yn(
        "low_mood", 6, "6", False,
        "Voelde u zich de laatste twee weken vaak somber, neerslachtig of hopeloos?",
        "In the last two weeks, have you often felt down, depressed or hopeless?",
    ),
    _yn(
        "poor_health", 6, "6", False,
        "Is uw gezondheid in het algemeen slecht? Bijvoorbeeld door andere ziektes of klachten "
        "naast uw rug.",
        "Is your health poor in general? For example because of other illnesses or complaints "
        "besides your back.",
    ),
)

BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}
REQUIRED_IDS: tuple[str, ...] = tuple(q.id for q in QUESTIONS if q.required)

_PAGE_TITLES = (
    ("1", 1, "Over u en uw pijn", "About you and your pain", "", ""),
    (
        "2", 2, "Tekenen van spoed", "Emergency signs",
        "Deze vragen gaan over klachten die snel hulp nodig hebben. Beantwoord ze allemaal. "
        "Weet u het niet zeker? Kies dan 'Weet ik niet'.",
        "These questions are about signs that need help fast. Please answer them all. "
        "Not sure? Then choose 'Don't know'.",
    ),
    (
        "3", 3, "Andere waarschuwingstekens", "Other warning signs",
        "Deze vragen gaan over klachten waarmee u naar de huisarts moet. Beantwoord ze allemaal.",
        "These questions are about signs that need a GP. Please answer them all.",
    ),
    ("4", 4, "Pijn in uw been en stijfheid", "Leg pain and stiffness", "", ""),
    (
        "4b", 4, "Nog een paar vragen over uw been en rug", "A few more questions about your "
        "leg and back", "Deze vragen zijn niet verplicht.", "These questions are optional.",
    ),
    (
        "5", 5, "Hoe het begon, en uw werk", "How it started, and your work",
        "Met deze vragen geven we advies dat bij u past. U mag elke vraag overslaan.",
        "With these questions we give advice that fits you. You may skip any question.",
    ),
    (
        "6", 6, "Wat de pijn kan laten aanhouden", "What may keep the pain going",
        "Sommige dingen maken de kans groter dat rugpijn lang duurt. Met deze vragen zeggen we "
        "wie u het beste kan helpen. U mag elke vraag overslaan. Uw antwoorden staan niet open "
        "op de uitslag.",
        "Some things make it more likely that back pain lasts. With these questions we tell "
        "you who can help you best. You may skip any question. Your answers are not shown "
        "openly on the result.",
    ),
)

PAGES: tuple[Page, ...] = tuple(
    Page(pid, step, nl, en, inl, ien, tuple(q for q in QUESTIONS if q.page == pid))
    for pid, step, nl, en, inl, ien in _PAGE_TITLES
)
PAGE_BY_ID: dict[str, Page] = {p.id: p for p in PAGES}


def is_warning_sign(question: Question) -> bool:
    """A yes/no question of steps 2–4: a warning sign of triage-rules.md's safety property."""
    return question.type == YESNO and question.step in WARNING_SIGN_STEPS


def sign_matters(question: Question, value: object) -> bool:
    """A warning sign answered "yes" or "don't know" (shown first, on the page and the PDF)."""
    return is_warning_sign(question) and value in ANSWERS_THAT_MATTER


def is_shown(question: Question, answers: dict) -> bool:
    """Whether the web form may show ``question``, given the answers so far."""
    return all(answers.get(qid) in values for qid, values in question.show_if)


def page_applies(page: Page, answers: dict) -> bool:
    """A page applies when at least one of its questions may be shown."""
    return any(is_shown(q, answers) for q in page.questions)


def shown_questions(page: Page, answers: dict) -> tuple[Question, ...]:
    return tuple(q for q in page.questions if is_shown(q, answers))


def drop_hidden(answers: dict) -> dict:
    """Answers without the follow-ups whose condition no longer holds (a changed answer)."""
    kept = dict(answers)
    changed = True
    while changed:
        changed = False
        for qid in list(kept):
            if qid in BY_ID and not is_shown(BY_ID[qid], kept):
                del kept[qid]
                changed = True
    return kept


# --- Validation -------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def check_answer(question: Question, value: Any) -> Any:
    """Return ``value`` if it is a valid answer to ``question``, else raise InputError."""
    qid = question.id
    if question.type == INT:
        if qid == "age" and _is_int(value) and 0 < value < question.minimum:
            # The rugtest is for 16 and older (questionnaire.md): a younger person (1 to 15; 0
            # is a slip of the finger, told the range) is told who to ask instead. The API
            # keeps its one message per field.
            raise InputError(
                qid,
                f"must be a whole number from {question.minimum} to {question.maximum}",
                f"De rugtest is voor mensen van {question.minimum} jaar en ouder. Bent u jonger? "
                "Praat dan over uw rugpijn met uw vader, moeder of verzorger. Ga samen met hen "
                "naar de huisarts.",
                f"The back test is for people aged {question.minimum} and over. Are you younger? "
                "Then talk about your back pain with your father, mother or carer. See the GP "
                "together with them.",
            )
        if not _is_int(value) or not question.minimum <= value <= question.maximum:
            raise InputError(
                qid,
                f"must be a whole number from {question.minimum} to {question.maximum}",
                f"Vul een heel getal in van {question.minimum} tot en met {question.maximum}.",
                f"Please fill in a whole number from {question.minimum} to {question.maximum}.",
            )
        return value
    if question.type in (YESNO, CHOICE):
        if not isinstance(value, str) or value not in question.values:
            raise InputError(
                qid,
                f"must be one of {_quoted(question.values)}",
                "Kies een van de antwoorden.",
                "Please choose one of the answers.",
            )
        return value
    # MULTI
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v in question.values for v in value
    ):
        raise InputError(
            qid,
            f"must be a list of values from {_quoted(question.values)}",
            "Kies alleen antwoorden uit de lijst.",
            "Please choose only answers from the list.",
        )
    return list(value)


def missing_error(question: Question) -> InputError:
    return InputError(
        question.id,
        "is required",
        "Vul hier een getal in." if question.type == INT else "Beantwoord deze vraag.",
        "Please fill in a number." if question.type == INT else "Please answer this question.",
    )


def validate_request(request: Any) -> dict:
    """Validate a triage request (outcome-format.md) and return its answers.

    Every required question must be there: a missing safety answer is an input error,
    never a silent "no".
    """
    if not isinstance(request, dict):
        raise InputError(None, "the request must be a JSON object", "het verzoek moet een JSON-object zijn")
    for key in request:
        if key != "answers":
            raise InputError(key, 'is not allowed; send only "answers"', 'is niet toegestaan; stuur alleen "answers"')
    if "answers" not in request:
        raise InputError("answers", "is required", "is verplicht")
    answers = request["answers"]
    if not isinstance(answers, dict):
        raise InputError("answers", "must be a JSON object", "moet een JSON-object zijn")
    for qid in answers:
        if qid not in BY_ID:
            raise InputError(qid, "is not a question of the rugtest", "is geen vraag van de rugtest")
    checked = {}
    for question in QUESTIONS:
        if question.id in answers:
            checked[question.id] = check_answer(question, answers[question.id])
        elif question.required:
            raise missing_error(question)
    return checked


def parse_form_value(question: Question, raw: Any) -> Any:
    """Turn a submitted form value (a string, or a list for ``multi``) into an answer.

    Returns ``None`` for an empty optional answer; raises InputError for a bad or missing one.
    """
    if question.type == MULTI:
        values = [v for v in (raw or []) if v != ""]
        return check_answer(question, values)
    text = (raw or "").strip()
    if text == "":
        if question.required:
            raise missing_error(question)
        return None
    if question.type == INT:
        # Plain digits only: int() would also take "4_4" or other scripts' digits.
        number = int(text) if re.fullmatch(r"-?[0-9]{1,6}", text) else None
        return check_answer(question, number)
    return check_answer(question, text)


# The questions of step 6, which the W-14 check-in asks again.
RISK_QUESTIONS: tuple[Question, ...] = tuple(q for q in QUESTIONS if q.step == RISK_STEP)
