"""The reports for the GP, read back from the PDF as a GP's computer would (pypdf)."""

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from factories import CASES, make_user
from helpers import walk
from rugtest.core import questions
from rugtest.core.triage import evaluate, triage
from rugtest.programme.models import Programme, WalkEntry
from rugtest.reports.result import result_pdf
from rugtest.selftest import summary
from rugtest.selftest.models import RugtestResult

pytestmark = pytest.mark.django_db

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def long_date(day, lang):
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def read(response):
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())  # lines wrap where the page ends: compare words


def fonts_of(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, "the TrueType font is embedded"
            names.add(str(font["/BaseFont"]))
    return names


# E-05: a 59-year-old who has had cancer: "Binnen een paar dagen naar de huisarts", R-MAL-1.
@pytest.mark.parametrize("prefix, lang, level, action, sign, answer", [
    ("", "nl", "Binnen een paar dagen naar de huisarts", "Maak een afspraak bij uw huisarts",
     "Heeft u kanker, of heeft u kanker gehad?", "Ja"),
    ("/en", "en", "See a GP within a few days", "Make an appointment with your GP",
     "Do you have cancer, or have you had cancer?", "Yes"),
])
def test_result_report_holds_level_action_yes_sign_rule_and_date(client, prefix, lang, level, action, sign, answer):
    walk(client, CASES["E-05"]["answers"], prefix=prefix)
    response = client.get(f"{prefix}/rugtest/uitslag.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'inline; filename="rugtest-uitslag-{today.isoformat()}.pdf"'
    reader, text = read(response)
    assert len(reader.pages) <= 2
    assert level in text and action in text
    assert f"{sign} {answer}" in text  # the sign by name, the answer
    # R-MAL-1's reason in words, never its id
    assert {"nl": "U heeft kanker of had kanker.", "en": "You have or had cancer."}[lang] in text
    assert "R-MAL-1" not in text
    assert long_date(today, lang) in text
    assert "59" in text  # age as given
    assert any("Lato" in name for name in fonts_of(reader))


def test_result_report_lists_dont_know_signs_and_the_uncertain_rule(client):
    answers = {**CASES["E-05"]["answers"], "fever": "unknown"}
    walk(client, answers)
    _, text = read(client.get("/rugtest/uitslag.pdf"))
    assert "Heeft u koorts gehad sinds de rugpijn begon? Dat is 38 °C of hoger. Weet ik niet" in text
    assert "Vandaag naar de huisarts" in text  # R-INF-1 uncertain fires at urgent
    # the uncertain rule's reason names the question and says what to do (A-CHECK-TODAY)
    assert ("U antwoordde 'Weet ik niet' op de vraag over koorts. Is het antwoord 'Ja', dan kan er een infectie "
            "in de rug zijn. Laat dit vandaag nog nakijken door een huisarts.") in text
    assert "R-INF-1" not in text


def test_result_report_answers_start_with_the_warning_signs(client):
    walk(client, CASES["E-05"]["answers"])
    _, text = read(client.get("/rugtest/uitslag.pdf"))
    answers = text[text.index("Alle antwoorden"):]
    first_sign = answers.index("Voelt u sinds kort minder of iets doofs")
    assert first_sign < answers.index("Hoe oud bent u?")
    # The "yes" sign stands above with its rule and is not printed a second time.
    assert text.count("Heeft u kanker, of heeft u kanker gehad?") == 1
    assert answers.index("Is de pijn niet te houden") < answers.index("Hoe oud bent u?")


def test_early_emergency_report_says_which_questions_were_not_asked(client):
    walk(client, CASES["E-01"]["answers"])  # saddle numbness: the test stops after step 2
    _, text = read(client.get("/rugtest/uitslag.pdf"))
    assert "Spoed" in text and "Bel nu meteen uw huisarts" in text
    assert "Heeft u koorts gehad sinds de rugpijn begon? Dat is 38 °C of hoger. niet gevraagd" in text
    assert "de rugtest stopte bij een teken van spoed" in text


def test_no_name_on_the_report_unless_typed_and_accents_print(client):
    user = make_user("zoe@example.org", password=None)
    client.force_login(user)
    walk(client, CASES["E-05"]["answers"])
    _, text = read(client.get("/rugtest/uitslag.pdf"))
    assert "zoe@example.org" not in text and "Naam" not in text
    response = client.post("/rugtest/uitslag.pdf", {"name": "  Zoë   Ménard\t"})
    assert response.status_code == 200
    _, text = read(response)
    assert "Naam: Zoë Ménard" in text
    assert "zoe@example.org" not in text


def test_the_result_page_offers_the_report_form_without_javascript(client):
    html = walk(client, CASES["E-05"]["answers"]).content.decode()
    form = re.search(r'<form method="post" action="/rugtest/uitslag.pdf">(.*?)</form>', html, re.S)
    assert form, "a plain HTML form posts to the PDF"
    assert 'name="name"' in form.group(1) and 'name="csrfmiddlewaretoken"' in form.group(1)
    assert "Print of download voor uw huisarts" in form.group(1)


def test_a_too_long_name_shows_the_form_again_with_a_message(client):
    walk(client, CASES["E-05"]["answers"], prefix="/en")
    response = client.post("/en/rugtest/uitslag.pdf", {"name": "x" * 81})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Your name may have at most 80 characters." in response.content.decode()


def test_the_report_form_needs_its_csrf_token_like_every_form(client):
    walk(client, CASES["E-05"]["answers"])
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies  # the same session, without the form's token
    assert strict.post("/rugtest/uitslag.pdf", {"name": "Anna"}).status_code == 403
    assert strict.get("/rugtest/uitslag.pdf").status_code == 200


@pytest.mark.parametrize("prefix, words", [
    ("", "Er is geen uitslag om te printen"),
    ("/en", "There is no result to print"),
])
def test_no_result_or_an_expired_session_gives_a_clear_page_not_a_file(client, prefix, words):
    response = client.get(f"{prefix}/rugtest/uitslag.pdf")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert words in response.content.decode()
    # Half a test is no result either.
    client.post(f"{prefix}/rugtest/stap/1/", {"age": "50", "duration_weeks": "2", "pain_score": "3",
                                                "previous_episodes": "yes"})
    assert words in client.get(f"{prefix}/rugtest/uitslag.pdf").content.decode()


def _every_answer(value):
    """A complete set of answers with ``value`` on every yes/no question: the longest report."""
    answers = {}
    for q in questions.QUESTIONS:
        if q.type == questions.INT:
            answers[q.id] = q.maximum if q.id != "age" else 75
        elif q.type == questions.YESNO:
            answers[q.id] = value
        elif q.type == questions.CHOICE:
            answers[q.id] = q.values[0]
        else:
            answers[q.id] = list(q.values)
    return answers


@pytest.mark.parametrize("value", ["yes", "unknown"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_longest_result_report_with_every_rule_reason_fits_on_three_pages(value, lang):
    from django.utils import translation

    answers = _every_answer(value)
    with translation.override(lang):
        data = result_pdf(answers=answers, outcome=evaluate(answers), taken_on=dt.date(2026, 3, 2),
                          early=False, name="Ë" * 80, made=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
    reader = PdfReader(io.BytesIO(data))
    # Every yes/no question "yes" (or "don't know") fires every rule: each rule's reason is on
    # the report in words (issue 19), and it still fits on three pages.
    assert len(reader.pages) <= 3
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    signs = [q for q in questions.QUESTIONS if q.type == questions.YESNO and q.step in (2, 3, 4)]
    for q in signs:  # every sign by name, once, with its answer
        assert text.count(" ".join(q.text(lang).split())) == 1, q.id
    assert "R-CE-1" not in text and "R-AAA-1" not in text
    # A reason may run on over a page break: read the text without the page's foot and the
    # next page's head ("Rugtest volgt … 1 / 3 Rugtest: uitslag voor de huisarts 2 maart 2026").
    flowing = re.sub(r" Rugtest (?:volgt|follows) .*? \d / \d \D*? \d+ \w+ \d{4}", "", text)
    with translation.override(lang):  # every fired rule's reason, in words
        for reason in summary.reasons(answers, evaluate(answers)):
            assert reason["text"] in flowing, reason["id"]
    assert long_date(dt.date(2026, 3, 2), lang) in text


# The programme report -------------------------------------------------------------------


def _programme_with_log(user, days=20):
    answers = {k: v for k, v in CASES["E-09"]["answers"].items() if k in questions.BY_ID}
    result = RugtestResult.objects.create(user=user, answers=answers, outcome=triage({"answers": answers}))
    start = timezone.localdate() - dt.timedelta(days=days)
    programme = Programme.objects.create(user=user, result=result, start=start, baseline_minutes=8,
                                         baseline_method="direct")
    for d in range(days):
        for part in ("morning", "afternoon", "evening"):
            WalkEntry.objects.create(programme=programme, date=start + dt.timedelta(days=d), part=part,
                                     minutes=11, pain_after=3)
    return programme


@pytest.mark.parametrize("prefix, lang, started, sign", [
    ("", "nl", "Begonnen op", "Koorts: 38 °C of hoger"),
    ("/en", "en", "Started on", "Fever: 38 °C or higher"),
])
def test_programme_report_holds_start_baseline_weeks_and_signs(client, prefix, lang, started, sign):
    user = make_user(password=None)
    programme = _programme_with_log(user)
    WalkEntry.objects.filter(programme=programme, date=programme.start + dt.timedelta(days=19),
                             part="evening").update(warning_signs=["fever"])
    client.force_login(user)
    response = client.get(f"{prefix}/rugoefening/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    today = timezone.localdate()
    assert response["Content-Disposition"] == f'inline; filename="rugoefening-verslag-{today.isoformat()}.pdf"'
    reader, text = read(response)
    assert len(reader.pages) <= 2
    assert f"{started} {long_date(programme.start, lang)}" in text
    assert "8" in text and long_date(today, lang) in text
    # Week 1: 7 days × 3 walks × 11 minutes = 231 minutes, every day completed (W-3).
    assert re.search(r"\b1 \d\d-\d\d – \d\d-\d\d 231 7 3[,.]0\b", text), text
    assert sign in text and "fever" not in text
    assert user.email not in text
    # W-9: fever stopped the programme; the report opens with the advice of that sign.
    stopped = {"nl": "De rugoefening is gestopt · Vandaag naar de huisarts Bel vandaag nog uw huisarts",
               "en": "The walking programme has stopped · See a GP today Call your GP today"}[lang]
    assert stopped in text
    assert text.index(stopped) < text.index(started)


def test_programme_report_of_a_full_programme_fits_on_two_pages(client):
    from rugtest.programme.models import CheckIn

    user = make_user(password=None)
    programme = _programme_with_log(user, days=90)
    for day in (21, 49, 77):  # W-14: a check-in every 4 weeks from day 21, with every factor
        CheckIn.objects.create(programme=programme, date=programme.start + dt.timedelta(days=day), progress="worse",
                               risk_factors=["F-HEALTH", "F-STRESS", "F-FEAR", "F-MOOD", "F-EXPECT"], support="gp_talk")
    client.force_login(user)
    reader, text = read(client.get("/rugoefening/rapport.pdf"))
    assert len(reader.pages) <= 2
    assert "12 weken zijn voorbij" in text


def test_progress_page_offers_the_programme_report_form(client):
    user = make_user(password=None)
    _programme_with_log(user, days=3)
    client.force_login(user)
    html = client.get("/rugoefening/voortgang/").content.decode()
    assert '<form method="post" action="/rugoefening/rapport.pdf">' in html
    assert "Print of download voor uw huisarts" in html
    _, text = read(client.post("/rugoefening/rapport.pdf", {"name": "Anna Jansen"}))
    assert "Naam: Anna Jansen" in text
    # The running week of a programme on day 3 is not over: its dates end in "nu", not today.
    assert re.search(r"\b1 \d\d-\d\d – nu \d+ \d\b", text), text


@pytest.mark.parametrize("prefix, words", [
    ("", "Er is nog geen rugoefening om te printen"),
    ("/en", "There is no walking programme to print yet"),
])
def test_programme_report_without_a_programme_is_a_clear_page(client, prefix, words):
    client.force_login(make_user(password=None))
    response = client.get(f"{prefix}/rugoefening/rapport.pdf")
    assert response.status_code == 404
    assert words in response.content.decode()


def test_programme_report_needs_sign_in(client):
    response = client.get("/rugoefening/rapport.pdf")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_report_carries_the_day_of_the_answers_not_the_day_it_is_printed(client):
    walk(client, CASES["E-05"]["answers"])
    session = client.session
    session["rugtest"] = {**session["rugtest"], "answered_on": "2026-01-05"}
    session.save()
    response = client.get("/rugtest/uitslag.pdf")
    assert response["Content-Disposition"] == 'inline; filename="rugtest-uitslag-2026-01-05.pdf"'
    _, text = read(response)
    assert "Rugtest ingevuld op: 5 januari 2026" in text
    fhir = client.get("/rugtest/uitslag.fhir.json")
    assert fhir["Content-Disposition"] == 'attachment; filename="rugtest-uitslag-2026-01-05.fhir.json"'


@pytest.mark.parametrize("prefix, message", [
    ("", "Deze tekens kunnen we niet printen: Ω μ"),
    ("/en", "We cannot print these characters: Ω μ"),
])
def test_a_name_the_font_cannot_print_is_refused_with_a_message_not_dropped(client, prefix, message):
    walk(client, CASES["E-05"]["answers"], prefix=prefix)
    response = client.post(f"{prefix}/rugtest/uitslag.pdf", {"name": "Ωμ Łódź"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert 'value="Ωμ Łódź"' in response.content.decode()  # what was typed is kept
    _, text = read(client.post(f"{prefix}/rugtest/uitslag.pdf", {"name": "Łódź Ñúñez"}))
    assert "Łódź Ñúñez" in text


def test_the_embedded_font_prints_every_word_a_report_can_hold():
    from django.utils import translation

    from rugtest import words as texts
    from rugtest.programme.forms import PART_LABELS, SIGN_LABELS
    from rugtest.reports.document import unprintable

    words = []
    for q in questions.QUESTIONS:
        words += [q.nl, q.en] + [c.nl for c in q.choices] + [c.en for c in q.choices]
    lazy = [v for table in (texts.ADVICE, texts.RISK_FACTORS, SIGN_LABELS, PART_LABELS) for v in table.values()]
    for table in (texts.LEVELS, texts.ACTIONS, texts.CONDITIONS, texts.DURATION, texts.SUPPORT):
        lazy += [v for entry in table.values() for k, v in entry.items() if k != "icon"]
    for lang in ("nl", "en"):
        with translation.override(lang):
            words += [str(text) for text in lazy]
    missing = {ch for text in words for ch in unprintable(text)}
    assert missing == set()


@pytest.mark.parametrize("prefix, heading, progress, support", [
    ("", "Hoe het met de rug ging (na 3 tot 4 weken)", "Ongeveer hetzelfde", "U kunt dit zelf doen."),
    ("/en", "How the back was doing (after 3 to 4 weeks)", "About the same", "You can do this on your own."),
])
def test_programme_report_shows_each_check_in_with_its_date_W_14(client, prefix, heading, progress, support):
    from rugtest.programme.models import CheckIn

    user = make_user(password=None)
    programme = _programme_with_log(user, days=25)
    checked_on = programme.start + dt.timedelta(days=21)
    CheckIn.objects.create(programme=programme, date=checked_on, progress="same", answers={"stress": "yes"},
                           risk_factors=["F-STRESS"], support="self")
    client.force_login(user)
    _, text = read(client.get(f"{prefix}/rugoefening/rapport.pdf"))
    section = text[text.index(heading):]
    lang = "en" if prefix else "nl"
    assert long_date(checked_on, lang) in section
    assert progress in section and support in section and "F-STRESS" not in section
    assert {"nl": "U heeft nu veel stress.", "en": "You have a lot of stress at the moment."}[lang] in section


def test_programme_report_without_check_ins_says_none_yet(client):
    user = make_user(password=None)
    _programme_with_log(user, days=10)
    client.force_login(user)
    _, text = read(client.get("/rugoefening/rapport.pdf"))
    assert "Hoe het met de rug ging (na 3 tot 4 weken) Nog geen." in text


def test_a_table_kept_together_goes_to_the_next_page_with_its_heading_and_legend_when_it_would_be_cut():
    """The measurement table of the programme report and the legend under it (which says what
    the numbers mean) are never split over two pages (ReportPDF.keep_together)."""
    from rugtest.reports.document import ReportPDF

    def table(pdf):
        pdf.heading("Pijn en bezigheden")
        pdf.grid(["Meting", "Pijn (0 tot 10)"], [[(f"Meting {n}", "B"), (str(n), "")] for n in range(1, 7)],
                 [46, 18])
        pdf.paragraph("LEGENDA: 0 is geen pijn.")

    def pages(kept: bool) -> list[str]:
        pdf = ReportPDF(title="Rugoefening", subtitle="Verslag", footer="Rugtest", lang="nl",
                        made=dt.datetime(2026, 12, 4, 12, 0))
        pdf.set_y(pdf.page_break_trigger - 30)  # room for the heading and a few rows only
        pdf.paragraph("Tekst ervoor.")
        if kept:
            pdf.keep_together(lambda: table(pdf), at_most=100)
        else:
            table(pdf)
        reader = PdfReader(io.BytesIO(bytes(pdf.output())))
        return [" ".join(page.extract_text().split()) for page in reader.pages]

    # Drawn as it comes, the table is cut: the legend stands on the next page without its heading.
    cut = pages(kept=False)
    assert len(cut) == 2 and "Pijn en bezigheden" in cut[0] and "LEGENDA" in cut[1]
    # Kept together, it all moves to the next page; the text before it stays.
    kept = pages(kept=True)
    assert len(kept) == 2
    assert "Tekst ervoor." in kept[0] and "Pijn en bezigheden" not in kept[0] and "Meting" not in kept[0]
    assert all(words in kept[1] for words in ["Pijn en bezigheden", "Meting 1", "Meting 6", "LEGENDA"])


def test_the_outcome_box_is_never_cut_over_two_pages():
    """Near the end of a page the coloured box of the outcome (its label, title and advice) goes
    whole to the next page: cut, its frame was drawn on the wrong page over the text below."""
    from rugtest.reports.document import ReportPDF

    pdf = ReportPDF(title="Rugoefening", subtitle="Verslag", footer="Rugtest", lang="nl",
                    made=dt.datetime(2026, 12, 4, 12, 0))
    pdf.set_y(pdf.page_break_trigger - 14)  # room for the label and the title, not the advice
    pdf.paragraph("Tekst ervoor.")
    pdf.level_box("selfcare", "U kunt zelf veel doen", "Uw rugpijn lijkt op gewone rugpijn",
                  "We vonden geen teken van een ernstige oorzaak. " * 3 + "EINDE.")
    pdf.paragraph("Tekst erna.")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(bytes(pdf.output()))).pages]
    assert len(pages) == 2
    assert "Tekst ervoor." in pages[0] and "U kunt zelf veel doen" not in pages[0]
    assert all(words in pages[1] for words in ["U kunt zelf veel doen", "Uw rugpijn lijkt op gewone rugpijn", "EINDE.",
                                               "Tekst erna."])
