"""The words of every clinical id, in one place: Dutch here (B1, "u"), English in the catalogue.

Each id of shared/clinical/ that a person reads about — levels, actions, conditions,
duration classes, advice, risk factors, support, the warning signs of the walking programme
(W-9), the parts of a day and the check-in answers (W-14) — has its wording here once, with
its short and long forms side by side. The result page, the information pages, the
programme pages, and later the PDF and the mails read it from here; nothing else types it
again. tests/web/test_words.py fails when an id of the spec has no wording here, or a wording
here has no id in the spec.

Page text is the team's; the spec says what it must mean (triage-rules.md, "Advice").
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rugtest.core.triage import RULES_VERSION

LEVELS = {
    "emergency": {
        "label": _("Spoed"),
        "icon": "!",
    },
    "urgent": {
        "label": _("Vandaag naar de huisarts"),
        "icon": "!",
    },
    "gp": {
        "label": _("Binnen een paar dagen naar de huisarts"),
        "icon": "i",
    },
    "selfcare": {
        "label": _("U kunt zelf veel doen"),
        "icon": "✓",
    },
}

ACTIONS = {
    "call_112": {
        "title": _("Bel nu 112"),
        "body": _(
            "Uw klachten kunnen passen bij een scheur in de grote slagader in uw buik. "
            "Dat is levensgevaarlijk. Wacht niet af en ga niet zelf rijden."
        ),
    },
    "call_gp_now": {
        "title": _("Bel nu meteen uw huisarts"),
        "body": _(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. "
            "Krijgt u niemand te spreken? Bel dan 112."
        ),
    },
    "call_gp_today": {
        "title": _("Bel vandaag nog uw huisarts"),
        "body": _(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. "
            "Zeg dat u de rugtest heeft gedaan en noem de klachten hieronder."
        ),
    },
    "see_gp": {
        "title": _("Maak een afspraak bij uw huisarts"),
        "body": _(
            "Doe dat binnen een paar dagen. Wordt het erger? Ga dan eerder."
        ),
    },
    "selfcare": {
        "title": _("Uw rugpijn lijkt op gewone rugpijn"),
        "body": _(
            "We vonden geen teken van een ernstige oorzaak. Artsen noemen dit aspecifieke "
            "lage rugpijn: er is geen duidelijke oorzaak in de rug te vinden. Bij ongeveer 9 van "
            "de 10 mensen met rugpijn is dat zo. Het is vervelend, maar niet gevaarlijk."
        ),  # D-20: "ongeveer 9 van de 10", no percentage
    },
}

CONDITIONS = {
    "cauda_equina": {
        "name": _("Beknelde zenuwen onderin de rug (caudasyndroom)"),
        "what": _(
            "Onderin uw rug lopen zenuwen naar uw blaas, darmen, geslachtsdelen en benen. "
            "Als die zenuwen klem zitten, moet een arts heel snel helpen. Anders kan er "
            "blijvende schade komen."
        ),
    },
    # Named at emergency (R-AAA-1, R-AAA-2: a tear) and at urgent (R-ANE-1: a known aneurysm
    # with back pain), so the text fits both: what a threatening tear feels like, and when
    # it is 112.
    "aaa_rupture": {
        "name": _("Een scheur in de grote buikslagader"),
        "what": _(
            "De grote slagader in de buik kan wijder worden. Artsen noemen dat een "
            "aneurysma. Dreigt het te scheuren, dan geeft dat vaak pijn in rug of buik. Die "
            "pijn kan eerst af en toe komen. Scheurt het, dan komt er plotseling heel erge pijn. "
            "Dat is levensgevaarlijk en moet meteen in het ziekenhuis worden behandeld."
        ),
    },
    "other_serious_cause": {
        "name": _("Een andere ernstige oorzaak van rugpijn"),
        "what": _(
            "Plotselinge, heel erge pijn die niet verandert als u beweegt, komt meestal niet "
            "van de spieren of gewrichten van de rug. De huisarts moet vandaag kijken waar "
            "de pijn vandaan komt."
        ),
    },
    "spinal_fracture": {
        "name": _("Een gebroken wervel"),
        "what": _(
            "Een wervel is een van de botjes van uw ruggengraat. Na een ernstig ongeluk kan "
            "een wervel gebroken zijn. De huisarts onderzoekt u en laat zo nodig een foto "
            "maken."
        ),
    },
    "infection": {
        "name": _("Een infectie in de rug"),
        "what": _(
            "Koorts of een zwakke afweer samen met rugpijn kan passen bij een infectie door "
            "bacteriën in of bij de wervels. Dat is zeldzaam, maar moet snel worden behandeld."
        ),
    },
    "radicular_syndrome": {
        "name": _("Een beknelde zenuw, vaak door een hernia"),
        "what": _(
            "Tussen de wervels liggen zachte schijven. Bij een hernia drukt zo'n schijf op een "
            "zenuw naar het been. Dat geeft pijn, tintelingen of een doof gevoel in het been. "
            "Vaak gaat het vanzelf over. Wordt een been of voet zwak, dan moet de huisarts "
            "snel kijken."
        ),
    },
    "malignancy": {
        "name": _("Kanker in de wervels"),
        "what": _(
            "Heel soms komt rugpijn door kanker die zich naar de wervels heeft verspreid. Dat "
            "is zeldzaam. Uw antwoorden zijn een reden om de huisarts dit te laten nagaan."
        ),
    },
    "osteoporotic_fracture": {
        "name": _("Een ingezakte wervel door broze botten"),
        "what": _(
            "Bij broze botten (osteoporose) kan een wervel al inzakken na een kleine val of "
            "na tillen. De huisarts kan dit onderzoeken en u helpen met de pijn en met "
            "sterkere botten."
        ),
    },
    "axial_spondyloarthritis": {
        "name": _("Een ontsteking van de gewrichten in de rug (ziekte van Bechterew)"),
        "what": _(
            "Rugpijn die al lang duurt, 's ochtends stijf is en beter wordt door bewegen, kan "
            "komen door een ontsteking van de gewrichten van de wervelkolom. Een bekend "
            "voorbeeld is de ziekte van Bechterew. De huisarts kan u onderzoeken en zo nodig "
            "verwijzen."
        ),
    },
    "spinal_stenosis": {
        "name": _("Een te nauw kanaal voor de zenuwen in de rug"),
        "what": _(
            "In de wervelkolom loopt een kanaal met zenuwen. Bij ouderen kan dat kanaal te "
            "nauw worden. Dan krijgt u bij lopen pijn of een zwaar gevoel in de benen, dat "
            "weggaat als u gaat zitten of voorover buigt. De huisarts kan u onderzoeken."
        ),
    },
}

DURATION = {
    "acute": {
        "name": _("Acute rugpijn"),
        "what": _("U heeft de pijn korter dan 6 weken."),
    },
    "subacute": {
        "name": _("Subacute rugpijn"),
        "what": _("U heeft de pijn 6 weken tot 3 maanden."),
    },
    "chronic": {
        "name": _("Chronische rugpijn"),
        "what": _("U heeft de pijn langer dan 3 maanden."),
    },
}

ADVICE = {
    "A-CALL-112": _("Bel nu 112."),
    "A-CALL-GP-NOW": _(
        "Bel nu meteen uw huisarts. Is het avond, nacht of weekend? Bel dan de "
        "huisartsenpost. Krijgt u niemand te spreken? Bel 112."
    ),
    "A-CALL-GP-TODAY": _(
        "Bel vandaag nog uw huisarts. Is het avond, nacht of weekend? Bel dan de "
        "huisartsenpost."
    ),
    "A-CHECK-TODAY": _(
        "U antwoordde 'Weet ik niet' op een vraag over een waarschuwingsteken. Laat dat "
        "vandaag nog nakijken door een huisarts."
    ),
    "A-SEE-GP": _(
        "Maak binnen een paar dagen een afspraak bij uw huisarts. Wordt het erger? Ga dan "
        "eerder."
    ),
    "A-STAY-ACTIVE": _(
        "Blijf zo gewoon mogelijk bewegen en doe uw dagelijkse dingen. In bed blijven liggen "
        "helpt niet."
    ),
    "A-CHECK-GP": _(
        "U antwoordde 'Weet ik niet' op een vraag die hier belangrijk is. Vertel dat aan uw "
        "huisarts."
    ),
    # D-18: the course of acute back pain, in the decision's words ("wordt minder", not "gaat over").
    "A-ACUTE-COURSE": _(
        "Deze rugpijn wordt meestal binnen een paar weken vanzelf minder; vaak merkt u binnen "
        "twee weken al verschil. Soms duurt het langer of komt het terug; dat is niet gevaarlijk."
    ),
    # D-19: muscles weaken with sitting still or bed rest, not with moving somewhat less.
    "A-CHRONIC-CYCLE": _(
        "Pijn die blijft, komt meestal door een paar dingen samen. Als u veel stil zit of in bed "
        "ligt, worden uw spieren snel minder sterk. Blijven bewegen is goed voor uw rug. Zorgen "
        "en stress maken pijn erger. Zo houden een paar dingen samen de pijn in stand. Elke dag "
        "rustig bewegen, en dat opbouwen volgens een vast schema, doorbreekt die cirkel."
    ),
    "A-NO-SCAN": _(
        "Een röntgenfoto of MRI-scan helpt niet bij deze rugpijn. Zo'n foto is niet nodig."
    ),
    "A-CAUSE-MOVEMENT": _(
        "Een verkeerde beweging, even te zwaar tillen, een verkeerde houding of een klein "
        "ongelukje kan spieren en banden in de rug overbelasten. Dat doet pijn, maar het "
        "betekent niet dat er iets kapot is."
    ),
    "A-SPORT": _(
        "Begon de pijn bij het sporten? Praat met uw trainer of een sportarts over hoe zwaar "
        "u traint en over uw techniek."
    ),
    "A-WORK": _(
        "Praat over uw werk met uw werkgever, of met de bedrijfsarts als u die heeft. Praat "
        "over blijven werken, of stap voor stap weer beginnen. Werken hoort bij in beweging "
        "blijven."
    ),
    "A-FEAR": _(
        "Bewegen is veilig en het helpt. Bent u bang om te bewegen? Een fysiotherapeut kan u "
        "helpen om rustig te beginnen."
    ),
    "A-MOOD": _(
        "Somber zijn gaat vaak samen met pijn die blijft. Vertel het uw huisarts: voor allebei "
        "is hulp. Denkt u aan een einde aan uw leven? Bel dan 113 of 0800-0113 (gratis, dag "
        "en nacht), of vandaag uw huisarts."
    ),
    "A-PAINKILLERS": _(
        "Pijnstillers genezen rugpijn niet, maar ze kunnen helpen om in beweging te blijven."
    ),
    "A-PROGRAMME": _(
        "Begin met de rugoefening: drie keer per dag een korte wandeling, die u rustig "
        "langer maakt."
    ),
    "A-SUPPORT-PHYSIO": _(
        "Een paar dingen maken de kans groter dat de pijn lang duurt. Een fysiotherapeut of "
        "oefentherapeut kan u begeleiden bij de rugoefening. U heeft geen verwijzing nodig. "
        "Kijk wel of uw zorgverzekering het betaalt."
    ),
    "A-SUPPORT-GP": _(
        "Zorgen, stress of een somber gevoel kunnen pijn laten aanhouden. Praat daarover met "
        "uw huisarts. De huisarts kan ook een fysiotherapeut inschakelen, of de "
        "praktijkondersteuner voor psychische klachten (POH-GGZ)."
    ),
    # D-17: back to the GP after 3 to 4 weeks without clear improvement, never "after 6 weeks".
    "A-SEE-GP-IF": _(
        "Ga naar de huisarts als de pijn steeds erger wordt, als u een waarschuwingsteken "
        "krijgt, of als het over 3 tot 4 weken niet duidelijk beter is."
    ),
}

# The part of an advice that applies only when the pain is not acute (triage-rules.md,
# A-SEE-GP-IF: "when the pain is not `acute` and you have not talked to your GP about it yet,
# do so"). Shown after the advice's own words; no number of weeks here (D-17).
ADVICE_NOT_ACUTE = {
    "A-SEE-GP-IF": _(
        "U heeft deze pijn al een tijd. Sprak u er nog niet met uw huisarts over? Doe dat dan."
    ),
}

# Why a rule gave its advice, in words: what the person answered and why that matters. One
# entry per rule id of triage-rules.md (the other rules follow). Shown on the result page and
# in the report for the GP when the rule fired certain at the level of the outcome, so that
# a reason never names a milder action than the one the person must take.
RULE_REASONS = {
    # D-22
    "R-ANE-1": _(
        "U weet dat de grote slagader in uw buik te wijd is, en u heeft nu rugpijn. Bel vandaag "
        "uw huisarts. Wordt de pijn plotseling heel erg, of voelt u zich flauw, bleek of "
        "zweterig? Bel dan 112."
    ),
}

# The rules a result was made under (the outcome's ``spec_version``, triage-rules.md). A result
# kept under an earlier version keeps the outcome the person saw; its reports say so.
RESULT_VERSION = {
    "made_under": _("Uitslag volgens de regels van versie %(version)s van de rugtest."),
    "changed": _(
        "De regels zijn daarna veranderd (nu versie %(current)s). Een nieuwe rugtest kan een "
        "ander advies geven."
    ),
}

# Advice that reveals the answers of step 6: shown only in the section the person opens
# (questionnaire.md, step 6).
PRIVATE_ADVICE = {"A-MOOD", "A-SUPPORT-GP"}

# F-* of triage-rules.md, in the words of "what you told us".
RISK_FACTORS = {
    "F-EPISODES": _("U had eerder zulke rugpijn."),
    "F-LIMITED": _("U doet veel minder dan vóór de pijn."),
    "F-LEG-PAIN": _("De pijn loopt door in uw been, tot onder de knie."),
    "F-PAIN-HIGH": _("U heeft veel pijn (een 7 of hoger)."),
    "F-HEALTH": _("Uw gezondheid is in het algemeen niet goed."),
    "F-STRESS": _("U heeft nu veel stress."),
    "F-FEAR": _("U bent bang dat bewegen uw rug beschadigt."),
    "F-MOOD": _("U voelde zich vaak somber."),
    "F-EXPECT": _("U denkt dat de pijn nooit echt beter wordt."),
    "F-WORK-HEAVY": _("Uw werk is zwaar voor uw lichaam."),
    "F-WORK-UNHAPPY": _("U heeft het niet naar uw zin op uw werk."),
}

# ``support`` of triage-rules.md: who can best help the person get active again. ``short``
# is the programme page's line (W-1), ``title`` and ``body`` the result page's. ``None`` is
# the outcome's ``null`` (level gp): W-1 says to follow what was agreed with the GP.
SUPPORT = {
    None: {
        "short": _("Doe wat u met uw huisarts heeft afgesproken."),
    },
    "self": {
        "short": _("U kunt dit zelf doen."),
        "title": _("U kunt dit zelf"),
        "body": _(
            "U kunt de rugoefening zelf doen. Lukt het niet goed, of wordt het niet beter? "
            "Dan kan een fysiotherapeut of uw huisarts helpen."
        ),
    },
    "physio": {
        "short": _(
            "Een fysiotherapeut of oefentherapeut kan u begeleiden. U heeft geen verwijzing nodig. "
            "Het schema hieronder kunt u laten zien."
        ),
        "title": _("Een fysiotherapeut kan u helpen"),
        "body": _(
            "Een fysiotherapeut of oefentherapeut kan u begeleiden bij de rugoefening. U heeft "
            "geen verwijzing nodig. Kijk wel of uw zorgverzekering het betaalt."
        ),
    },
    "gp_talk": {
        "short": _("Praat er ook over met uw huisarts."),
        "title": _("Praat ook met uw huisarts"),
        "body": _(
            "Uw huisarts kan u helpen om weer actief te worden. Lees hieronder waarom we dit "
            "aanraden."
        ),
    },
}

# The advice the level banner at the top already gives; the advice list leaves it out.
ACTION_ADVICE = {"A-CALL-112", "A-CALL-GP-NOW", "A-CALL-GP-TODAY", "A-SEE-GP", "A-CHECK-TODAY"}

# W-14: what the page says after a check-in.
CHECKIN_ADVICE = {
    "better": _("Fijn dat het beter gaat. Houd u aan uw schema, ook als het goed gaat."),
    "same": _(
        "Volgens de richtlijn voor huisartsen is dit het moment om met uw huisarts of een "
        "fysiotherapeut te praten. Samen kijkt u wat de pijn laat aanhouden."
    ),
    "worse": _(
        "Volgens de richtlijn voor huisartsen is dit het moment om met uw huisarts of een "
        "fysiotherapeut te praten. Samen kijkt u wat de pijn laat aanhouden."
    ),
}


# W-9: the warning signs of the walking programme. ``label`` is the tick box of the log form
# and the list in the stop advice; ``sentence`` is the list on the programme's page.
SIGNS = {
    "saddle_numbness": {
        "label": _("Een doof gevoel of minder gevoel in uw kruis, billen, geslachtsdelen of aan de binnenkant van uw bovenbenen"),
        "sentence": _(
            "U voelt sinds kort minder, of iets doofs, in uw kruis, billen, geslachtsdelen of aan de binnenkant van uw "
            "bovenbenen."
        ),
    },
    "bladder_bowel": {
        "label": _("Sinds kort moeite met plassen, of u kunt uw plas of ontlasting niet meer goed ophouden"),
        "sentence": _("U heeft sinds kort moeite met plassen. Of u kunt uw plas of ontlasting niet meer goed ophouden."),
    },
    "both_legs": {
        "label": _("Een doof gevoel, tintelingen of minder kracht in allebei uw benen tegelijk"),
        "sentence": _("U heeft sinds kort in allebei uw benen tegelijk een doof gevoel, tintelingen of minder kracht."),
    },
    "sudden_severe_pain": {
        "label": _("Plotselinge, heel erge pijn die blijft, hoe u ook ligt, zit of beweegt"),
        "sentence": _("De pijn kwam plotseling. Hij is heel erg en blijft, hoe u ook ligt, zit of beweegt."),
    },
    "leg_weakness": {
        "label": _("Een been of voet is zwak of zwakker dan eerst: de voet klapt neer of sleept"),
        "sentence": _("Een been of voet is zwakker geworden. Uw voet klapt neer of sleept. Of lopen op uw hakken of tenen lukt niet."),
    },
    "fever": {
        "label": _("Koorts: 38 °C of hoger"),
        "sentence": _("U heeft koorts: 38 °C of hoger."),
    },
    "pain_worsening": {
        "label": _("Uw rugpijn wordt al 2 weken steeds erger, ook met de rugoefening"),
        "sentence": _("Uw rugpijn wordt al 2 weken steeds erger, ook met de rugoefening."),
    },
}

# Terms of walking-programme.md: the three parts of a day.
PARTS = {"morning": _("Ochtend"), "afternoon": _("Middag"), "evening": _("Avond")}

# W-14: "compared with the start of the programme, is your back better, the same or worse?"
PROGRESS = {
    "better": _("Duidelijk beter"),
    "same": _("Ongeveer hetzelfde"),
    "worse": _("Slechter"),
}


# What to tell the person who answers the phone, per emergency sign answered "Ja"
# (the emergency result page).
SAY = {
    "saddle_numbness": _(
        "Ik voel sinds kort minder in mijn kruis, billen of aan de binnenkant van mijn "
        "bovenbenen."
    ),
    "bladder_bowel": _(
        "Ik heb sinds kort moeite met plassen. Of ik kan mijn plas of ontlasting niet goed "
        "ophouden."
    ),
    "both_legs": _("Ik heb sinds kort in allebei mijn benen een doof gevoel, tintelingen of minder kracht."),
    "sudden_severe_pain": _("De pijn kwam plotseling. Hij is heel erg en blijft."),
    "faint_pale_sweaty": _("Ik voel me flauw, bleek of zweterig."),
    "known_aneurysm": _("Een arts heeft gezegd dat de grote slagader in mijn buik te wijd is."),
    "major_trauma": _("De pijn begon na een ernstig ongeluk."),
}


# The information pages (/informatie/<slug>/) --------------------------------------------------
#
# Every condition id that the rugtest can name (triage-rules.md) has a page. The slugs are
# Dutch words a person can read in the address bar; the same slugs are used under /en/.

# The one place that says when a clinician last checked the texts against the guidelines
# (shown on /over/). Change it after every check.
CONTENT_CHECKED = date(2026, 11, 25)

# The rugtest spec version the pages follow (shared/clinical/, shown on /over/).
RUGTEST_SPEC_VERSION = RULES_VERSION

# condition id (triage-rules.md) -> slug of its page, in the order of the rules table.
CONDITION_SLUGS = {
    "cauda_equina": "caudasyndroom",
    "aaa_rupture": "scheur-buikslagader",
    "other_serious_cause": "andere-ernstige-oorzaak",
    "spinal_fracture": "wervelbreuk",
    "infection": "infectie",
    "radicular_syndrome": "hernia",
    "malignancy": "kanker",
    "osteoporotic_fracture": "ingezakte-wervel",
    "axial_spondyloarthritis": "bechterew",
    "spinal_stenosis": "nauw-wervelkanaal",
}
CONDITION_BY_SLUG = {slug: condition_id for condition_id, slug in CONDITION_SLUGS.items()}

# The page title of each condition (its h1, and its name in the list on /informatie/): the
# condition's name above, the same words as on the result page.
CONDITION_TITLES = {condition_id: CONDITIONS[condition_id]["name"] for condition_id in CONDITION_SLUGS}


def condition_url(condition_id: str) -> str:
    """The address of a condition's page, in the active language (KeyError if unknown)."""
    return reverse("content:condition", kwargs={"slug": CONDITION_SLUGS[condition_id]})


# outcome-measures.md: the measurement of pain and activities (O-1 … O-5).
# O-2: the moments of a measurement, as the table and the report name them.
MEASURE_MOMENTS = {
    "start": _("Begin"),
    "checkin": _("Tussenmeting"),
    "end": _("Einde"),
}

# O-3: the change since the start, in words for the person; the numbers stand beside them.
MEASURE_CHANGES = {
    "better": _("duidelijk beter"),
    "worse": _("duidelijk slechter"),
    "same": _("ongeveer gelijk"),
}

# O-1: the questions, in B1 words.
MEASURE_QUESTIONS = {
    "pain_24h": _("Hoe erg was uw rugpijn gemiddeld in de afgelopen 24 uur?"),
    "pain_24h_help": _("0 is geen pijn. 10 is de ergste pijn die u zich kunt voorstellen."),
    "activities": _("Welke bezigheden zijn nu moeilijk voor u door uw rug?"),
    "activities_help": _(
        "Kies er hooguit drie die voor u belangrijk zijn. Bijvoorbeeld: sokken aantrekken, "
        "een maaltijd lang zitten, naar de winkel lopen, tuinieren, spelen met een kleinkind, "
        "uw werk."
    ),
    "activity_score": _("Hoe goed lukt dit nu?"),
    "activity_score_help": _("0 is: dit lukt helemaal niet. 10 is: dit lukt net zo goed als vóór de rugpijn."),
    "activity_score_later_help": _(
        "Doet u dit niet meer om een andere reden? Dan mag u het open laten."
    ),
}
