"""The words of every clinical id, in one place: Dutch here (B1, "u"), English in the catalogue.

Each id of shared/clinical/ that a person reads about — levels, actions, conditions,
duration classes, advice, risk factors, support, the warning signs of the walking programme
(W-9), the parts of a day and the check-in answers (W-14) — has its wording here once, with
its short and long forms side by side. The result page, the information pages, the
programme pages, and later the PDF and the mails read it from here; nothing else types it
again. tests/web/test_words.py fails when an id of the spec has no wording here, or a wording
here has no id in the spec.

Page text is the team's; the spec says what it must mean (triage-rules.md, "Advice"). D-13:
the phone lines (SAY), the step 2 "call now" list, support and risk-factor sentences and the
check-in advice are kept as built, here, and listed in docs/clinical-decisions.md's GP-signable
content list, so that a clinician can change each in one place.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

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
    # Named at emergency (R-SEV-1 next to R-AAA-1: call 112) and at urgent (R-SEV-1 alone: the
    # GP today), so the text names no action: never a milder one than the banner's.
    "other_serious_cause": {
        "name": _("Een andere ernstige oorzaak van rugpijn"),
        "what": _(
            "Plotselinge, heel erge pijn die niet verandert als u beweegt, komt meestal niet "
            "van de spieren of gewrichten van de rug. Een arts moet snel kijken waar de pijn "
            "vandaan komt."
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

# Why a rule gave its advice, in words: one entry per rule id of triage-rules.md, shown under
# "Waarom dit advies?" on the result page and in the report for the GP
# (tests/web/test_rule_reasons.py holds every rule id of the spec against this table).
#
# - ``why``: what the person answered and why that matters. It never names an action, so it
#   can stand on any result: a rule outranked by a more urgent one keeps its reason.
# - ``do``: the rule's own action, said only when the rule decides the result (its level is
#   the outcome's level), so that a reason never names a milder action than the one the
#   person must take. Only R-ANE-1 has one (D-22).
# - ``unsure``: when the rule fired uncertain. It follows ``UNSURE`` (which names the questions
#   answered "Weet ik niet") and is followed by ``UNSURE_DO`` (A-CHECK-TODAY / A-CHECK-GP).
#   R-AGE-1 asks numbers only and so never fires uncertain.
RULE_REASONS = {
    "R-CE-1": {
        "why": _(
            "U voelt sinds kort minder in uw kruis, billen, geslachtsdelen of aan de binnenkant "
            "van uw bovenbenen. Dat kan betekenen dat zenuwen onderin uw rug klem zitten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kunnen zenuwen onderin uw rug klem zitten."),
    },
    "R-CE-2": {
        "why": _(
            "U heeft sinds kort moeite met plassen, of u kunt uw plas of ontlasting niet goed "
            "ophouden. Dat kan betekenen dat zenuwen onderin uw rug klem zitten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kunnen zenuwen onderin uw rug klem zitten."),
    },
    "R-CE-3": {
        "why": _(
            "U heeft sinds kort in allebei uw benen een doof gevoel, tintelingen of minder kracht. "
            "Dat kan betekenen dat zenuwen onderin uw rug klem zitten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kunnen zenuwen onderin uw rug klem zitten."),
    },
    # D-15: the sign with "whatever position", and the conditions for 112 in the same sentence.
    "R-AAA-1": {
        # Both parts of "older than 40 OR an aneurysm a doctor found" true; "why_only" when
        # only one of them is (summary.reasons names only what the person answered).
        "why": _(
            "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt, u "
            "bent ouder dan 40 jaar en een arts zei dat de grote slagader in uw buik te wijd is. "
            "Dat kan passen bij een scheur in die slagader."
        ),
        "why_only": {
            "age": _(
                "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt, "
                "en u bent ouder dan 40 jaar. Dat kan passen bij een scheur in de grote slagader "
                "in uw buik."
            ),
            "known_aneurysm": _(
                "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt, "
                "en een arts zei dat de grote slagader in uw buik te wijd is. Dat kan passen bij "
                "een scheur in die slagader."
            ),
        },
        # The age not asked (the test stopped at this sign before step 1): it counts as older.
        "why_age_not_asked": _(
            "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt, en "
            "we weten niet of u ouder bent dan 40 jaar. Dat kan passen bij een scheur in de grote "
            "slagader in uw buik."
        ),
        "unsure": _(
            "Is het antwoord 'Ja', dan kan het gaan om een scheur in de grote slagader in uw buik."
        ),
    },
    "R-AAA-2": {
        "why": _(
            "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt, en u "
            "voelt zich flauw, bleek of zweterig. Dat kan passen bij een scheur in de grote "
            "slagader in uw buik."
        ),
        "unsure": _(
            "Is het antwoord 'Ja', dan kan het gaan om een scheur in de grote slagader in uw buik."
        ),
    },
    "R-SEV-1": {
        "why": _(
            "De pijn kwam plotseling, is heel erg en blijft hoe u ook ligt, zit of beweegt. Zulke "
            "pijn komt meestal niet van de spieren of gewrichten van de rug."
        ),
        "unsure": _(
            "Is het antwoord 'Ja', dan komt de pijn misschien niet van de spieren of gewrichten "
            "van de rug."
        ),
    },
    # D-22: the reason in the decision's words; ``why``, ``do`` and ``then_112`` together are
    # that sentence. ``then_112`` is the one part said with every result that is not already
    # "Bel nu 112", also when a more urgent rule set the level or the answer was "Weet ik niet".
    "R-ANE-1": {
        "why": _("U weet dat de grote slagader in uw buik te wijd is, en u heeft nu rugpijn."),
        "do": _("Bel vandaag uw huisarts."),
        "then_112": _("Wordt de pijn plotseling heel erg, of voelt u zich flauw, bleek of zweterig? Bel dan 112."),
        "unsure": _(
            "Is de slagader te wijd, dan kan rugpijn een teken zijn dat die dreigt te scheuren."
        ),
    },
    "R-FRA-1": {
        "why": _(
            "De pijn begon na een ernstig ongeluk. Dan kan er een wervel gebroken zijn."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan er een wervel gebroken zijn."),
    },
    "R-INF-1": {
        "why": _(
            "U heeft koorts gehad sinds de rugpijn begon. Koorts samen met rugpijn kan passen bij "
            "een infectie in de rug."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan er een infectie in de rug zijn."),
    },
    "R-INF-2": {
        "why": _(
            "U bent kort geleden aan uw rug geopereerd of kreeg een prik in uw rug, en u voelt "
            "zich ziek of heeft 's nachts pijn. Dat kan passen bij een infectie in de rug."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan er een infectie in de rug zijn."),
    },
    "R-INF-3": {
        "why": _(
            "Uw afweer is minder goed en u voelt zich ziek. Dat kan passen bij een infectie in de "
            "rug."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan er een infectie in de rug zijn."),
    },
    "R-LRS-1": {
        "why": _(
            "Een been of voet is zwakker geworden. Dan zit een zenuw naar het been misschien zo "
            "klem dat de huisarts snel moet kijken."
        ),
        "unsure": _("Is het antwoord 'Ja', dan zit een zenuw naar het been misschien klem."),
    },
    "R-INF-4": {
        "why": _(
            "Uw afweer is minder goed. Dan kan rugpijn een enkele keer door een infectie komen. "
            "De huisarts wil dat nagaan."
        ),
        "unsure": _("Bij een minder goede afweer wil de huisarts een infectie uitsluiten."),
    },
    "R-SUR-1": {
        "why": _(
            "U bent kort geleden aan uw rug geopereerd of kreeg een prik in uw rug. De huisarts "
            "wil weten of de pijn daarmee te maken heeft."
        ),
        "unsure": _("De huisarts wil weten of de pijn met een operatie of prik te maken heeft."),
    },
    "R-MAL-1": {
        "why": _(
            "U heeft kanker of had kanker. Heel soms komt rugpijn dan door kanker in de wervels. "
            "De huisarts wil dat nagaan."
        ),
        "unsure": _("Na kanker wil de huisarts nagaan waar de rugpijn door komt."),
    },
    "R-MAL-2": {
        "why": _(
            "U bent zonder dat u het wilde veel afgevallen. De huisarts wil nagaan waar dat door "
            "komt."
        ),
        "unsure": _("Afvallen zonder reden wil de huisarts altijd nagaan."),
    },
    "R-MAL-3": {
        "why": _(
            "U heeft 's nachts pijn die niet minder wordt, en u bent 50 jaar of ouder of u voelt "
            "zich ziek. De huisarts wil dan een andere oorzaak uitsluiten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan wil de huisarts een andere oorzaak uitsluiten."),
    },
    "R-ILL-1": {
        "why": _(
            "U voelt zich ziek, niet alleen door de rugpijn. De huisarts wil nagaan of dat bij "
            "elkaar hoort."
        ),
        "unsure": _("Is het antwoord 'Ja', dan wil de huisarts nagaan waar dat door komt."),
    },
    "R-AGE-1": {
        "why": _(
            "U bent jonger dan 20 jaar. Bij jonge mensen zoekt de huisarts liever na waar "
            "rugpijn vandaan komt."
        ),
    },
    # The issue's own example sentence.
    "R-AGE-2": {
        "why": _(
            "U bent 50 jaar of ouder en u heeft deze rugpijn voor het eerst. Dan wil de huisarts "
            "u graag zien om een andere oorzaak uit te sluiten."
        ),
        "unsure": _(
            "U bent 50 jaar of ouder. Heeft u deze rugpijn voor het eerst, dan wil de huisarts "
            "een andere oorzaak uitsluiten."
        ),
    },
    "R-PRO-1": {
        "why": _(
            "Uw pijn wordt week na week erger, ook met rust of pijnstillers. De huisarts wil "
            "nagaan waar dat door komt."
        ),
        "unsure": _("Is het antwoord 'Ja', dan wil de huisarts nagaan waar dat door komt."),
    },
    "R-OST-1": {
        "why": _(
            "De pijn begon na een kleine val, stoot of tillen, en u heeft broze botten of u "
            "gebruikte lang prednison of een vergelijkbaar middel. Dan kan een wervel ingezakt "
            "zijn."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan een wervel ingezakt zijn."),
    },
    "R-OST-2": {
        "why": _(
            "De pijn begon na een kleine val, stoot of tillen, en u bent 70 jaar of ouder. Dan "
            "kan een wervel ingezakt zijn door broze botten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan een wervel ingezakt zijn."),
    },
    "R-OST-3": {
        "why": _(
            "De pijn begon na een kleine val, stoot of tillen, en u bent een vrouw van 50 jaar "
            "of ouder. Dan kan een wervel ingezakt zijn door broze botten."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan een wervel ingezakt zijn."),
    },
    "R-AXS-1": {
        "why": _(
            "Uw rug is 's ochtends lang stijf en wordt beter van bewegen. De pijn duurt al meer "
            "dan 3 maanden en begon voor uw 45e. Dat kan passen bij een ontsteking van de "
            "gewrichten in de rug."
        ),
        "unsure": _(
            "Is het antwoord 'Ja', dan kan er een ontsteking van de gewrichten in de rug zijn."
        ),
    },
    "R-LRS-2": {
        "why": _(
            "De pijn loopt door tot onder uw knie. Het been doet meer pijn dan de rug, doet pijn "
            "bij hoesten of niezen, of is doof of tintelt. Dat kan passen bij een beknelde zenuw."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan er een zenuw naar het been bekneld zijn."),
    },
    "R-STE-1": {
        "why": _(
            "U krijgt bij lopen of staan last in uw benen, dat weggaat als u zit of voorover "
            "buigt, en u bent 50 jaar of ouder. Dat kan passen bij een te nauw kanaal voor de "
            "zenuwen in de rug."
        ),
        "unsure": _(
            "Is het antwoord 'Ja', dan kan het kanaal voor de zenuwen in de rug te nauw zijn."
        ),
    },
    "R-PAIN-1": {
        "why": _(
            "De pijn is niet te houden, ook niet met pijnstillers. De huisarts kan met u kijken "
            "wat wel helpt."
        ),
        "unsure": _("Is het antwoord 'Ja', dan kan de huisarts met u kijken wat wel helpt."),
    },
}

# The start of a reason of a rule that fired uncertain: the questions answered "Weet ik niet",
# each by what it asks about (``QUESTION_ABOUT``). The full questions are in the answers.
UNSURE = {
    "one": _("U antwoordde 'Weet ik niet' op de vraag over %(questions)s."),
    "many": _("U antwoordde 'Weet ik niet' op de vragen over %(questions)s."),
    "and": _("%(first)s en %(last)s"),
}

# What a yes/no question of steps 1–4 asks about, in a few words: "de vraag over koorts".
QUESTION_ABOUT = {
    "previous_episodes": _("eerdere rugpijn"),
    "saddle_numbness": _("minder gevoel in uw kruis, billen of bovenbenen"),
    "bladder_bowel": _("moeite met plassen of ophouden"),
    "both_legs": _("een doof of zwak gevoel in allebei uw benen"),
    # D-15: the sign always with "whatever position".
    "sudden_severe_pain": _("plotselinge, heel erge pijn die blijft hoe u ook ligt, zit of beweegt"),
    "faint_pale_sweaty": _("u flauw, bleek of zweterig voelen"),
    "known_aneurysm": _("een te wijde slagader in uw buik"),
    "major_trauma": _("een ernstig ongeluk"),
    "fever": _("koorts"),
    "recent_spine_surgery": _("een operatie of prik in uw rug"),
    "weak_immunity": _("uw afweer"),
    "cancer_history": _("kanker"),
    "weight_loss": _("afvallen zonder dat u het wilde"),
    "feeling_ill": _("u ziek voelen"),
    "night_pain": _("pijn in de nacht"),
    "leg_weakness": _("een zwakker been of voet"),
    "osteoporosis": _("broze botten"),
    "steroids": _("prednison of een vergelijkbaar middel"),
    "minor_trauma": _("een kleine val, stoot of tillen"),
    "progressive": _("pijn die week na week erger wordt"),
    "leg_pain_below_knee": _("pijn tot onder de knie"),
    "leg_pain_dominant": _("meer pijn in uw been dan in uw rug"),
    "cough_sneeze_pain": _("pijn bij hoesten, niezen of persen"),
    "leg_numb_tingling": _("een doof of tintelend been"),
    "walking_legs_relief_bending": _("last in uw benen bij lopen of staan"),
    "morning_stiffness": _("een stijve rug in de ochtend"),
    "better_with_movement": _("beter worden door bewegen"),
    "pain_uncontrolled": _("pijn die niet te houden is"),
}

# What to do about a "Weet ik niet", after an uncertain rule's reason: the words of the advice
# the outcome gives for it (triage-rules.md, A-CHECK-TODAY / A-CHECK-GP). At level emergency
# neither is given: the person acts now, and the doctor asks.
UNSURE_DO = {
    "A-CHECK-TODAY": _("Laat dit vandaag nog nakijken door een huisarts."),
    "A-CHECK-GP": _("Vertel dit aan uw huisarts. Die kan nagaan wat het antwoord is."),
}

# The reason of a reassuring result (level selfcare: no rule fired), in one sentence.
SELFCARE_REASON = _(
    "We vroegen naar elk teken van een ernstige oorzaak, en geen van uw antwoorden past daarbij."
)  # why it reassures; the banner above (ACTIONS["selfcare"]) already says "niet gevaarlijk"

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

# The same factors in a few words, for the report for the GP ("Kans op langdurige klachten:
# stress, bang om te bewegen").
RISK_FACTORS_SHORT = {
    "F-EPISODES": _("eerder zulke rugpijn"),
    "F-LIMITED": _("doet veel minder dan vóór de pijn"),
    "F-LEG-PAIN": _("pijn tot onder de knie"),
    "F-PAIN-HIGH": _("veel pijn (7 of hoger)"),
    "F-HEALTH": _("gezondheid niet goed"),
    "F-STRESS": _("stress"),
    "F-FEAR": _("bang om te bewegen"),
    "F-MOOD": _("vaak somber"),
    "F-EXPECT": _("verwacht geen herstel"),
    "F-WORK-HEAVY": _("zwaar werk"),
    "F-WORK-UNHAPPY": _("niet naar de zin op het werk"),
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
        "title": _("U kunt het zelf doen"),
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

# W-9: in the walking programme the new complaints come from the walk log, not from the
# rugtest. There the GP-today advice says to name them, and where they stand on the page: the
# confirm step lists them above its advice, the stop box below it. (The other actions read the
# same as the rugtest's.) Formatted with {"count": the number of complaints}.
PROGRAMME_ACTION_BODY = {
    "call_gp_today": {
        "above": ngettext_lazy(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Zeg welke nieuwe klacht u heeft. U ziet die hierboven.",
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Zeg welke nieuwe klachten u heeft. U ziet ze hierboven.",
            "count",
        ),
        "below": ngettext_lazy(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Zeg welke nieuwe klacht u heeft. U ziet die hieronder.",
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Zeg welke nieuwe klachten u heeft. U ziet ze hieronder.",
            "count",
        ),
    },
}

# D-7: the calendar feed's one all-day event on the stop date: the stop's advice in one
# sentence, by the action of the most urgent sign (W-9). For a GP-level stop (pain_worsening)
# it says to keep moving in daily life until the GP appointment.
STOP_EVENT_TITLE = _("Rugoefening gestopt")
STOP_EVENT = {
    "call_112": _("U meldde een waarschuwingsteken: bel 112, en wandel niet verder tot een arts naar u heeft gekeken."),
    "call_gp_now": _(
        "U meldde een waarschuwingsteken: bel meteen uw huisarts (in de avond, nacht of het weekend de "
        "huisartsenpost, en krijgt u niemand te spreken, bel dan 112), en wandel niet verder tot een arts naar u "
        "heeft gekeken."
    ),
    "call_gp_today": _(
        "U meldde een waarschuwingsteken: bel vandaag nog uw huisarts (in de avond, nacht of het weekend de "
        "huisartsenpost), en wandel niet verder tot een arts naar u heeft gekeken."
    ),
    # W-9 / R-SEV-1 at 40 or younger: the condition for 112 in the same sentence (D-15).
    "call_gp_today_faint": _(
        "U meldde een waarschuwingsteken: bel vandaag nog uw huisarts (in de avond, nacht of het weekend de "
        "huisartsenpost, en voelt u zich ook flauw, bleek of zweterig, bel dan 112), en wandel niet verder tot een "
        "arts naar u heeft gekeken."
    ),
    "see_gp": _(
        "U meldde dat uw rugpijn steeds erger wordt: maak binnen een paar dagen een afspraak bij uw huisarts, en "
        "blijf in het dagelijks leven zo gewoon mogelijk bewegen tot die afspraak."
    ),
}

# D-9: how long the pain has lasted, where a number of weeks would read wrong: 0 and 1.
DURATION_WEEKS = {0: _("korter dan een week"), 1: _("1 week")}

# D-8: the one sentence on every page that offers the GP report, before the download.
REPORT = {
    "holds_all_answers": _(
        "Het verslag bevat al uw antwoorden, ook die over angst om te bewegen, stress, somberheid en uw gezondheid."
    ),
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


# Every sentence that tells someone to call 112, the GP now, the huisartsenpost or the GP today,
# per action id of triage-rules.md: the one home of these words (issue 19). Pages, mails and
# reports take them from here through ``{% safety %}`` and ``{% calls %}``
# (rugtest/content/templatetags/safety.py) or ``safety.text()``, which add the practice's
# tap-to-call links when RUGTEST_PRACTICE_PHONE / RUGTEST_OUT_OF_HOURS_PHONE are set.
# tests/web/test_safety_sentences.py fails when a template or module types its own version.
# ``now``: on its own; ``then``: after a sign's question ("Heeft u …? Bel dan …");
# ``after``: the evening, night and weekend, and who to call when nobody answers.
# D-16: the aneurysm signs → 112; the cauda equina signs → the GP now, the huisartsenpost in the
# evening, night and weekend, 112 if nobody answers.
SAFETY = {
    "call_112": {
        "now": _("Bel nu 112."),
        "then": _("Bel dan 112."),
        "after": None,
        # Footer and error pages: for danger to life only (D-16).
        "danger": _("Bij levensgevaar: bel 112."),
        # Above the questions of a step with a safety question.
        "doubt": _("Denkt u dat het levensgevaarlijk is? Bel dan meteen 112."),
        # M-17: bleeding or breathlessness on an NSAID, and faint.
        "faint": _("Voelt u zich daarbij ook flauw? Bel dan 112."),
        # The 500 and 503 pages, the about page: a danger to life.
        "doubt_short": _("Is er levensgevaar? Bel dan 112."),
        # W-9, D-15 (the programme page): the conditions for 112 in the sentence of the sign.
        "programme_sign": _(
            "Bel 112 als u ouder bent dan 40, als u zich bij deze pijn flauw, bleek of zweterig "
            "voelt, of als een arts zei dat de grote slagader in uw buik te wijd is."
        ),
        # W-9: a stop advice with the sudden severe pain sign, when 112 did not apply at once.
        "faint_line": _("Voelt u zich bij deze pijn ook flauw, bleek of zweterig? Bel dan 112."),
    },
    "call_gp_now": {
        "now": _("Bel nu meteen uw huisarts."),
        "then": _("Bel dan nu meteen uw huisarts."),
        "after": _(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Krijgt u niemand te "
            "spreken? Bel dan 112."
        ),
        # M-17 (medication.md): stop the NSAID and call at once, the list of signs follows.
        "stop_nsaid": _("Stop met het NSAID en bel meteen uw huisarts als:"),
        "after_at_once": _("Is het avond, nacht of weekend? Bel dan meteen de huisartsenpost."),
        # M-9: too much paracetamol.
        "paracetamol": _(
            "Heeft u toch meer genomen? Bel dan meteen uw huisarts, ook als u zich goed voelt. Is "
            "het avond, nacht of weekend? Bel dan de huisartsenpost."
        ),
        # The programme page, under the list of warning signs (W-9).
        "after_programme": _(
            "Is het avond, nacht of weekend? Bel dan de huisartsenpost. Krijgt u bij spoed niemand "
            "te spreken? Bel dan 112."
        ),
        # The rugtest's start page, /over/: severe complaints or doubt.
        "doubt": _(
            "Bel dan meteen uw huisarts. 's Avonds, 's nachts en in het weekend: de huisartsenpost. "
            "Bij levensgevaar: bel 112."
        ),
    },
    "call_gp_today": {
        "now": _("Bel vandaag nog uw huisarts."),
        "then": _("Bel dan vandaag nog uw huisarts."),
        "after": _("Is het avond, nacht of weekend? Bel dan de huisartsenpost."),
        # M-17 (medication.md): stop the NSAID and call the same day, the list of signs follows.
        "stop_nsaid": _("Stop met het NSAID en bel dezelfde dag uw huisarts als:"),
        # W-9 (the programme page): the sudden severe pain sign when 112 does not apply.
        "otherwise": _("Anders: bel vandaag nog uw huisarts."),
    },
}

# W-9 / D-15: sudden severe pain at 40 or younger is "call your GP today", and 112 when the
# person also feels faint, pale or sweaty; the result's reason for R-SEV-1 says so too, in the
# words of the walking programme's stop advice (one home for the sentence).
RULE_REASONS["R-SEV-1"]["then_112_at_40_or_under"] = SAFETY["call_112"]["faint_line"]

# The tap-to-call links. ``practice``: with RUGTEST_PRACTICE_NAME, else ``practice_unnamed``.
CALLS = {
    "call_112": _("Bel 112"),
    "fallback_112": _("Niemand te spreken? Bel 112"),
    "practice": _("Bel %(name)s: %(phone)s"),
    "practice_unnamed": _("Bel uw huisartsenpraktijk: %(phone)s"),
    "out_of_hours": _("Bel de huisartsenpost: %(phone)s"),
    # see_gp: the appointment is made by phone.
    "appointment": _("Bel %(name)s voor een afspraak: %(phone)s"),
    "appointment_unnamed": _("Bel uw huisartsenpraktijk voor een afspraak: %(phone)s"),
    # The PDF and the mails show the numbers as text.
    "practice_text": _("%(name)s: %(phone)s"),
    "practice_unnamed_text": _("Uw huisartsenpraktijk: %(phone)s"),
    "out_of_hours_text": _("Huisartsenpost: %(phone)s"),
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
    "start": _("Beginmeting"),
    "checkin": _("Tussenmeting"),
    "end": _("Eindmeting"),
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


# D-18: the course of back pain that began recently, in the decision's words ("wordt minder",
# not "gaat over"), in one place for the pages that explain it (home, information, the
# rugoefening): ``{% word "courses" "acute" %}``. The result page says it as its advice
# A-ACUTE-COURSE ("Deze rugpijn …", the person's own pain).
COURSES = {
    "acute": _(
        "Rugpijn die kort geleden begon, wordt meestal binnen een paar weken vanzelf minder; "
        "vaak merkt u binnen twee weken al verschil. Soms duurt het langer of komt het terug; "
        "dat is niet gevaarlijk."
    ),
}
