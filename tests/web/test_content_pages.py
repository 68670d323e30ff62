"""What a person sees on the information pages: home, rugoefening and medicatie, nl and en.

The medication page is checked against shared/clinical/medication.md: every fact id M-1 …
M-22 is on the page, the dose table (M-20) carries the numbers of the spec, and every dose
is followed by who the doses are for (M-2). The Dutch text must be easy to read
(Flesch–Douma 60 or higher).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clinical import clinical_text
from environment import import_or_skip
from helpers import DUTCH_WORDS, Element, get_main, numbers, parse  # noqa: F401 - used below and by name

PAGES = ["/", "/rugoefening/", "/medicatie/"]
# Dutch lives at the root, English under /en/.
BOTH_LANGUAGES = pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])

def medication_fact_ids() -> list[str]:
    ids = re.findall(r"\*\*(M-\d+)\*\*", clinical_text("medication.md"))
    assert ids, "no fact ids found in medication.md"
    return sorted(set(ids), key=lambda i: int(i[2:]))


def spec_dose_table() -> list[list[str]]:
    """The body rows of the M-20 table in medication.md, cells as written."""
    text = clinical_text("medication.md")
    section = text.split("## Dose table", 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|")
    ]
    assert len(rows) >= 3 and set(rows[1][0]) <= set("- "), "dose table not found in the spec"
    return rows[2:]


def without_refs(cell: str) -> str:
    """A spec cell without its cross-references to other facts, e.g. ' (M-5)'."""
    return re.sub(r"\s*\(M-\d+\)", "", cell)


# --- Every page, both languages ---------------------------------------------------------------

DUTCH_CONTENT = {
    "/": ["Last van uw onderrug?", "ongeveer 9 van de 10", "1 van de 10", "korter dan 6 weken",
          "6 weken tot 3 maanden", "langer dan 3 maanden", "binnen een paar weken vanzelf minder",
          "sportarts", "bedrijfsarts", "Spoed?", "Bel dan 112.", "In bed blijven liggen helpt niet."],
    "/rugoefening/": ["drie keer per dag", "80%", "minstens 2 minuten en hoogstens 20 minuten",
                      "2 van de 3", "1 minuut", "30 minuten per wandeling", "12 weken",
                      "niet langer dan het doel", "Het doel blijft gewoon hetzelfde",
                      "38 °C", "Welkom terug!"],
    "/medicatie/": ["Pijnstillers genezen rugpijn niet", "6 tabletten (3000 mg)", "1200 mg",
                    "7 dagen", "ontstekingen remmen", "bijsluiter", "huisartsenpost"],
}
ENGLISH_CONTENT = {
    "/en/": ["Pain in your lower back?", "about 9 in 10", "1 in 10", "less than 6 weeks",
             "6 weeks to 3 months", "more than 3 months", "usually eases by itself within a few weeks",
             "sports doctor", "company doctor", "Emergency?", "Then call 112.",
             "Staying in bed does not help."],
    "/en/rugoefening/": ["three times a day", "80%", "at least 2 minutes and at most 20 minutes",
                         "2 of the 3", "1 minute", "30 minutes per walk", "12 weeks",
                         "do not walk longer than the target", "The target simply stays the same",
                         "38 °C", "Welcome back!"],
    "/en/medicatie/": ["Painkillers do not cure back pain", "6 tablets (3000 mg)", "1200 mg",
                       "7 days", "reduce inflammation", "package leaflet", "out-of-hours"],
}


@pytest.mark.parametrize("path", DUTCH_CONTENT)
def test_page_is_shown_in_dutch_with_its_key_content(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    main = parse(response).find("main").words()
    for phrase in DUTCH_CONTENT[path]:
        assert phrase in main, f"{path}: {phrase!r} missing"


@pytest.mark.parametrize("path", ENGLISH_CONTENT)
def test_page_is_shown_in_english_with_its_key_content(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    main = parse(response).find("main").words()
    for phrase in ENGLISH_CONTENT[path]:
        assert phrase in main, f"{path}: {phrase!r} missing"
    left_in_dutch = DUTCH_WORDS & set(re.findall(r"\w+", main.lower()))
    assert not left_in_dutch, f"{path}: untranslated Dutch words {left_in_dutch}"


@pytest.mark.parametrize("path", PAGES)
def test_english_page_has_the_same_numbers_as_the_dutch_page(client, path):
    dutch = get_main(client, path).words()
    english = get_main(client, "/en" + path).words()
    assert sorted(numbers(english)) == sorted(numbers(dutch))


@pytest.mark.parametrize("path", PAGES)
def test_page_has_one_h1(client, path):
    for prefix in ("", "/en"):
        assert len(get_main(client, prefix + path).find_all("h1")) == 1


# --- Home ------------------------------------------------------------------------------------

@BOTH_LANGUAGES
def test_home_leads_to_the_rugtest_and_the_two_information_pages(client, prefix):
    main = get_main(client, prefix + "/")
    buttons = [a for a in main.find_all("a") if a.has_class("button")]
    assert buttons and buttons[0].attrs["href"] == f"{prefix}/rugtest/", "rugtest comes first"
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {f"{prefix}/rugoefening/", f"{prefix}/medicatie/"} <= hrefs


@BOTH_LANGUAGES
def test_home_points_to_112_in_an_emergency(client, prefix):
    main = get_main(client, prefix + "/")
    notice = next(el for el in main.find_all("section") if el.has_class("notice"))
    assert "112" in notice.words()
    assert any(a.attrs.get("href") == "tel:112" for a in notice.find_all("a"))


# Issue #8: the urgent box names every emergency sign of triage-rules.md with its own action,
# and its heading promises no action of its own. Words per sign, in both languages.
EMERGENCY_SIGN_WORDS = {
    "nl": {
        "call_112": ["plotseling", "heel erg", "flauw", "bleek", "zweterig", "ouder dan 40", "slagader"],
        "call_gp_now": ["kruis", "billen", "plassen", "ontlasting", "allebei uw benen", "huisartsenpost"],
    },
    "en": {
        "call_112": ["suddenly", "very bad", "faint", "pale", "sweaty", "older than 40", "artery"],
        "call_gp_now": ["groin", "buttocks", "urine", "stool", "both your legs", "out-of-hours"],
    },
}


@BOTH_LANGUAGES
def test_home_urgent_box_names_every_emergency_sign_with_the_action_that_matches_it(client, prefix):
    lang = "en" if prefix else "nl"
    main = get_main(client, prefix + "/")
    box = next(el for el in main.find_all("section") if el.has_class("urgent-box"))
    heading = box.find("h2").words()
    assert "112" not in heading and "huisarts" not in heading.lower() and "GP" not in heading
    for action, words in EMERGENCY_SIGN_WORDS[lang].items():
        part = box.find(data_action=action).words()
        for word in words:
            assert word in part, f"{action}: {word!r} missing in {part!r}"
    call_112 = box.find(data_action="call_112")
    assert any(a.attrs.get("href") == "tel:112" for a in call_112.find_all("a"))
    gp_now = box.find(data_action="call_gp_now").words()
    assert re.search(r"Bel dan nu meteen uw huisarts|Then call your GP straight away", gp_now)


# --- Rugoefening -----------------------------------------------------------------------------

WARNING_SIGNS = ["saddle_numbness", "bladder_bowel", "both_legs", "sudden_severe_pain",
                 "leg_weakness", "fever", "pain_worsening"]


@BOTH_LANGUAGES
def test_rugoefening_explains_in_sections_and_links_to_rugtest_and_medicatie(client, prefix):
    main = get_main(client, prefix + "/rugoefening/")
    assert len(main.find_all("h2")) >= 8
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {f"{prefix}/rugtest/", f"{prefix}/medicatie/"} <= hrefs


@BOTH_LANGUAGES
@pytest.mark.parametrize("sign", WARNING_SIGNS)
def test_rugoefening_names_each_W9_warning_sign_with_what_to_do(client, prefix, sign):
    item = get_main(client, prefix + "/rugoefening/").find("li", data_sign=sign)
    action = item.find("strong").words()
    assert re.search(r"112|huisarts|GP", action), f"{sign}: no action in {action!r}"


# --- Medicatie -------------------------------------------------------------------------------

@BOTH_LANGUAGES
def test_medication_page_carries_every_fact_of_the_spec(client, prefix):
    main = get_main(client, prefix + "/medicatie/")
    for fact in medication_fact_ids():
        elements = main.find_all(data_fact=fact)
        assert len(elements) == 1, f"{fact}: {len(elements)} elements"
        assert elements[0].words(), f"{fact} is empty"


@BOTH_LANGUAGES
def test_medication_page_has_no_fact_that_is_not_in_the_spec(client, prefix):
    main = get_main(client, prefix + "/medicatie/")
    on_page = {el.attrs["data-fact"] for el in main.iter() if "data-fact" in el.attrs}
    assert on_page == set(medication_fact_ids())


def test_each_medication_fact_has_the_same_numbers_in_both_languages(client):
    dutch = get_main(client, "/medicatie/")
    english = get_main(client, "/en/medicatie/")
    for fact in medication_fact_ids():
        nl = numbers(dutch.find(data_fact=fact).words())
        en = numbers(english.find(data_fact=fact).words())
        assert sorted(nl) == sorted(en), fact


DUTCH_DOSE_TABLE = [
    ["paracetamol 500 mg", "1–2 tabletten (500–1000 mg)",
     "steeds minstens 4 uur ertussen; op vaste tijden, bijvoorbeeld 3 × per dag",
     "6 tabletten (3000 mg)", "zo lang als gepland; na 2 weken naar de huisarts"],
    ["ibuprofen 200 of 400 mg", "200–400 mg",
     "steeds minstens 6 uur ertussen, maximaal 3 × per dag", "1200 mg", "7 dagen"],
    ["naproxen(natrium) 220, 250 of 275 mg", "1 tablet",
     "steeds minstens 8 uur ertussen, maximaal 3 × per dag", "3 tabletten; 65 jaar en ouder: 2 tabletten", "7 dagen"],
]


def page_dose_table(main: Element) -> Element:
    return main.find(data_fact="M-20").find("table")


def body_rows(table: Element) -> list[list[str]]:
    return [[cell.words() for cell in row.elements] for row in table.find("tbody").find_all("tr")]


@BOTH_LANGUAGES
def test_dose_table_is_a_real_table_that_scrolls_on_a_phone(client, prefix):
    main = get_main(client, prefix + "/medicatie/")
    table = page_dose_table(main)
    assert table.parent.tag == "div" and table.parent.has_class("table-scroll")
    assert table.find("caption").words()
    assert len(table.find_all("th", scope="col")) == 5
    assert len(table.find_all("th", scope="row")) == 3


@BOTH_LANGUAGES
def test_dose_table_has_every_number_of_the_spec_in_the_same_cell(client, prefix):
    page = body_rows(page_dose_table(get_main(client, prefix + "/medicatie/")))
    spec = spec_dose_table()
    assert len(page) == len(spec)
    for page_row, spec_row in zip(page, spec):
        assert len(page_row) == len(spec_row)
        for page_cell, spec_cell in zip(page_row, spec_row):
            assert numbers(page_cell) == numbers(without_refs(spec_cell)), page_cell


def test_english_dose_table_is_exactly_as_written_in_the_spec(client):
    page = body_rows(page_dose_table(get_main(client, "/en/medicatie/")))
    assert page == [[without_refs(cell) for cell in row] for row in spec_dose_table()]
    assert "6 tablets (3000 mg)" in page[0]


def test_dutch_dose_table_has_the_agreed_wording(client):
    page = body_rows(page_dose_table(get_main(client, "/medicatie/")))
    assert page == DUTCH_DOSE_TABLE


@BOTH_LANGUAGES
def test_who_the_doses_are_for_stands_directly_above_the_dose_table(client, prefix):
    main = get_main(client, prefix + "/medicatie/")
    scroll = page_dose_table(main).parent
    siblings = scroll.parent.elements
    above = siblings[siblings.index(scroll) - 1]
    assert above.attrs.get("data-fact") == "M-2"


DOSE = re.compile(r"\b\d+\s*(mg|tablet|tablets|tabletten)\b")


@BOTH_LANGUAGES
def test_every_dose_is_followed_in_its_block_by_who_the_doses_are_for(client, prefix):
    """Page rule: every dose is followed, in the same block (its section), by M-2 (re-stated briefly)."""
    main = get_main(client, prefix + "/medicatie/")
    ordered = list(main.iter())
    doses = [el for el in ordered
             if any(isinstance(c, str) and DOSE.search(c) for c in el.children)]
    assert len(doses) >= 8
    for element in doses:
        block = element
        while block.tag != "section":
            block = block.parent
        later = ordered[ordered.index(element) + 1:]
        restated = [el for el in block.iter()
                    if el in later and el.attrs.get("data-restates") == "M-2"]
        assert restated, f"no M-2 after {element.words()!r}"
        assert re.search(r"volwassenen|adults", restated[0].words())
        assert re.search(r"zwanger|pregnant", restated[0].words())


@BOTH_LANGUAGES
def test_who_the_doses_are_for_is_said_once_in_full_and_restated_once_after_all_doses(client, prefix):
    """Issue #8: the dose disclaimer is said where it belongs, not after every paragraph."""
    main = get_main(client, prefix + "/medicatie/")
    assert len(main.find_all(data_fact="M-2")) == 1
    restated = [el for el in main.iter() if el.attrs.get("data-restates") == "M-2"]
    assert len(restated) == 1
    doses = [el for el in main.iter() if any(isinstance(c, str) and DOSE.search(c) for c in el.children)]
    sections = {id(_section_of(el)) for el in doses}
    assert sections == {id(_section_of(restated[0]))}, "every dose stands in the one section that restates M-2"


def _section_of(element):
    while element.tag != "section":
        element = element.parent
    return element


@BOTH_LANGUAGES
def test_medication_page_links_to_rugoefening_and_rugtest(client, prefix):
    main = get_main(client, prefix + "/medicatie/")
    hrefs = {a.attrs.get("href") for a in main.find_all("a")}
    assert {f"{prefix}/rugoefening/", f"{prefix}/rugtest/"} <= hrefs
    m22 = main.find(data_fact="M-22")
    assert any(a.attrs.get("href") == f"{prefix}/rugtest/" for a in m22.find_all("a"))


@BOTH_LANGUAGES
def test_medication_page_names_active_substances_and_no_brands(client, prefix):
    text = get_main(client, prefix + "/medicatie/").words().lower()
    for substance in ("paracetamol", "ibuprofen", "naproxen"):
        assert substance in text
    for brand in ("advil", "nurofen", "aleve", "panadol", "sinaspril", "naprosyne", "brufen",
                  "tylenol", "aspro", "aspirine"):
        assert brand not in text, brand


# --- Reading ease --------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_dutch_text_is_easy_to_read(client, path):
    """Flesch–Douma reading ease of all visible text in <main>, tables included: 60 or more."""
    textstat = import_or_skip("textstat")
    textstat.set_lang("nl")
    text = get_main(client, path).text()
    score = textstat.flesch_reading_ease(text)
    assert score >= 60, f"{path}: Flesch–Douma {score:.1f}"


# --- The content a GP would sign (issue "Clinical spec version 2") -----------------------------
# Every page a person can reach, both languages, and every source the words come from.

SRC = Path(__file__).resolve().parents[2] / "src" / "rugtest"
CONTENT_PATHS = ["/", "/rugoefening/", "/medicatie/", "/informatie/", "/informatie/hoe-lang/",
                 "/informatie/oorzaken/", "/over/"] + [
    f"/informatie/{slug}/" for slug in ("caudasyndroom", "scheur-buikslagader", "andere-ernstige-oorzaak",
                                        "wervelbreuk", "infectie", "hernia", "kanker", "ingezakte-wervel",
                                        "bechterew", "nauw-wervelkanaal")]

# Wording a GP would not sign, with why. Lower case; matched against lower-cased text.
WRONG_WORDING = {
    "nl": {
        "binnen ongeveer twee weken veel minder": "a promise: 'within a few weeks, often clearly within two'",
        "binnen twee weken over": "a promise",
        "plassen of poepen": "includes constipation: 'new trouble passing urine, or loss of control'",
        "plassen of met poepen": "includes constipation",
        "problemen met plassen?": "not the spec's bladder/bowel sign",
        "ontsteking in de rug": "infection is 'infectie'; 'ontsteking' is the Bechterew page's inflammation",
        "ontsteking door bacteriën": "infection is 'infectie'",
        "ssri": "medical word: say 'medicine for depression'",
        "ace-remmer": "medical word",
        "sartaan": "medical word",
        "lithium": "medical word",
        "methotrexaat": "medical word",
        "zwakke spieren geven weer pijn": "long-lasting pain is several things together, not weak muscles alone",
        # spec version 3, decisions.md
        "binnen een paar weken vanzelf over": "D-18: acute back pain 'wordt minder', it does not 'go away'",
        "binnen ongeveer twee weken": "D-19: muscles weaken with sitting still or bed rest, not with moving less",
        "95 van de 100": "D-20: 'ongeveer 9 van de 10'",
        "na 6 weken": "D-17: back to the GP after 3 to 4 weeks",
        "6 weken of langer en sprak": "D-17",
        "vraag uw huisarts ernaar": "D-21: a physiotherapist needs no referral",
        "spoed? bel 112": "D-16: the cauda equina signs go to the GP now",
        "uw huisarts of 112": "D-16: each sign its own action",
    },
    "en": {
        "much better within about two weeks": "a promise",
        "peeing": "includes constipation",
        "with your bowels": "includes constipation",
        "ssri": "medical word",
        "ace inhibitor": "medical word",
        "angiotensin": "medical word",
        "lithium": "medical word",
        "methotrexate": "medical word",
        "weak muscles cause pain again": "not weak muscles alone",
        "within a few weeks, often clearly within two": "D-18",
        "within about two weeks": "D-19",
        "95 out of 100": "D-20",
        "95 in 100": "D-20",
        "after 6 weeks": "D-17",
        "ask your gp about it": "D-21",
        "emergency? call 112": "D-16",
        "your gp or 112": "D-16",
    },
}


def _assert_no_wrong_wording(text: str, lang: str, where: str):
    lowered = " ".join(text.lower().split())
    for wrong, why in WRONG_WORDING[lang].items():
        assert wrong not in lowered, f"{where}: {wrong!r} ({why})"


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
@pytest.mark.parametrize("path", CONTENT_PATHS)
def test_no_page_has_wording_a_gp_would_not_sign(client, prefix, path):
    main = get_main(client, prefix + path)
    _assert_no_wrong_wording(main.text(), "en" if prefix else "nl", prefix + path)


def test_no_template_source_or_catalogue_has_wording_a_gp_would_not_sign():
    """Pages that need a session (result, programme) are covered by their sources."""
    from babel.messages.pofile import read_po

    for source in [*SRC.rglob("*.html"), *SRC.rglob("*.py")]:
        if "migrations" not in source.parts:
            _assert_no_wrong_wording(source.read_text(encoding="utf-8"), "nl", str(source.relative_to(SRC)))
    for po in SRC.rglob("locale/en/LC_MESSAGES/django.po"):
        with po.open("rb") as handle:
            for message in read_po(handle):
                text = message.string if isinstance(message.string, str) else " ".join(message.string)
                _assert_no_wrong_wording(text, "en", f"{po.relative_to(SRC)}: {message.id!r}")


GP_WORDING = [
    # (path, Dutch, English): what each page must say
    # D-18
    ("/", "wordt meestal binnen een paar weken vanzelf minder; vaak merkt u binnen twee weken al verschil. "
          "Soms duurt het langer of komt het terug; dat is niet gevaarlijk.",
     "usually eases by itself within a few weeks; you often notice a difference within two weeks. "
     "Sometimes it takes longer or comes back; that is not dangerous."),
    ("/", "Ook zorgen en stress maken pijn erger. Zo houden een paar dingen samen de pijn in stand.",
     "Worry and stress also make pain worse. So several things together keep the pain going."),
    ("/informatie/hoe-lang/", "binnen een paar weken vanzelf minder", "eases by itself within a few weeks"),
    ("/informatie/hoe-lang/", "Zo houden een paar dingen samen de pijn in stand.", "So several things together keep the pain going."),
    ("/informatie/oorzaken/", "binnen een paar weken vanzelf minder", "eases by itself within a few weeks"),
    ("/rugoefening/", "binnen een paar weken vanzelf minder", "eases by itself within a few weeks"),
    ("/rugoefening/", "Zo houden een paar dingen samen de pijn in stand.", "So several things together keep the pain going."),
    ("/informatie/hernia/", "De huisarts laat geen scan maken.", "The GP does not order a scan."),
    ("/informatie/hernia/", "na 6 tot 8 weken of langer aan een operatie", "an operation after 6 to 8 weeks or more"),
    ("/informatie/caudasyndroom/",
     "U heeft sinds kort moeite met plassen. Of u kunt sinds kort uw plas of ontlasting niet meer goed ophouden.",
     "You recently have trouble passing urine. Or you recently can no longer hold your urine or stool well."),
    ("/medicatie/", "u heeft sinds kort moeite met plassen, of u kunt uw plas of ontlasting niet meer ophouden;",
     "you recently have trouble passing urine, or you can no longer hold your urine or stool;"),
    ("/medicatie/", "Of medicijnen tegen depressie, hoge bloeddruk, reuma of stemmingswisselingen, of een plaspil.",
     "Or medicines for depression, high blood pressure, rheumatism or mood swings, or a water pill."),
    ("/medicatie/", "Bent u 65 jaar of ouder? Neem dan niet meer dan 2 tabletten in 24 uur", "65"),
    ("/rugoefening/", "Blijf tot die afspraak zo gewoon mogelijk bewegen.", "Until that appointment, keep moving as normally as you can."),
    ("/informatie/infectie/", "Een infectie in de rug", "An infection in the back"),
    ("/", "een breuk of een infectie", "a fracture or an infection"),
]


@pytest.mark.parametrize("path, dutch, english", GP_WORDING)
def test_each_page_says_what_a_gp_would_sign(client, path, dutch, english):
    assert dutch in get_main(client, path).words(), path
    assert english in get_main(client, "/en" + path).words(), "/en" + path


@pytest.mark.django_db
def test_the_infection_has_one_name_on_the_result_and_its_page(client):
    from helpers import walk

    answers = {**_selfcare_answers(), "fever": "yes"}
    result = parse(walk(client, answers)).find("main").words()
    page = get_main(client, "/informatie/infectie/").find("h1").words()
    assert page == "Een infectie in de rug" and page in result
    assert "ontsteking" not in result


def _selfcare_answers():
    from factories import CASES

    return dict(CASES["E-09"]["answers"])


@pytest.mark.django_db
@pytest.mark.parametrize("sign, keep_moving", [("pain_worsening", True), ("fever", False), ("saddle_numbness", False)])
def test_W_9_only_urgent_and_emergency_stops_say_stop_walking(client, sign, keep_moving):
    from factories import make_programme, make_user
    from rugtest.programme.models import WalkEntry

    user = make_user(password=None)
    client.force_login(user)
    programme = make_programme(user, days_ago=3)
    WalkEntry.objects.create(programme=programme, date=programme.start, part="morning", minutes=0,
                             warning_signs=[sign])
    for prefix, keep, stop in (("", "Blijf in het dagelijks leven zo gewoon mogelijk bewegen tot uw afspraak",
                                 "Stop met de wandelingen"),
                                ("/en", "Keep moving as normally as you can in daily life until your GP appointment",
                                 "Stop the walks")):
        text = get_main(client, prefix + "/rugoefening/").words()
        assert (keep in text) is keep_moving, (prefix, sign)
        assert (stop in text) is not keep_moving, (prefix, sign)


def spec_fact_numbers(fact: str) -> set[str]:
    """The numbers of one medication fact as the spec writes them, without its sources
    (``*(…)*``), its references to other facts and the numbers of words like "NSAID's"."""
    text = clinical_text("medication.md")
    body = re.split(rf"\*\*{fact}\*\*", text, maxsplit=1)[1]
    body = re.split(r"\n- \*\*M-\d+\*\*|\n## |\n\|", body, maxsplit=1)[0]
    body = re.sub(r"\*\([^*]*\)\*", "", body, flags=re.S)
    body = re.sub(r"\b[A-Z]+(?:-[A-Z]+)*-\d+\b", "", body)  # ids such as M-10 and R-PAIN-1
    return set(numbers(body))




@BOTH_LANGUAGES
def test_each_medication_fact_says_every_number_of_the_spec(client, prefix):
    """medication.md: numbers "may not be changed, rounded or left out"."""
    main = get_main(client, prefix + "/medicatie/")
    missing = {}
    for fact in medication_fact_ids():
        on_page = set(numbers(" ".join(el.words() for el in main.find_all(data_fact=fact))))
        if spec_fact_numbers(fact) - on_page:
            missing[fact] = sorted(spec_fact_numbers(fact) - on_page)
    assert not missing, missing


@BOTH_LANGUAGES
def test_the_naproxen_amounts_belong_to_the_three_tablet_limit(client, prefix):
    """M-12: 660/825/750 mg are the 3-tablet limit; the 65-and-older limit (2 tablets) comes
    after them, so that the amounts never read as the limit for older people."""
    text = get_main(client, prefix + "/medicatie/").find(data_fact="M-12").words()
    three, amounts, older = (text.index(word) for word in (
        ("3 tabletten in 24 uur", "660 mg", "65 jaar") if prefix == "" else ("3 tablets in 24 hours", "660 mg", "65")))
    assert three < amounts < older, text
