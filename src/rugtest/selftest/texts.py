"""The words of the result page, per id of triage-rules.md (page text is the team's, B1).

Dutch is the source language; English comes from the catalogue. Tests check that every
level, action, condition and advice id of the spec has its text here.
"""

from django.utils.translation import gettext_lazy as _

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
            "lage rugpijn: er is geen duidelijke oorzaak in de rug te vinden. Zo is het bij "
            "95 van de 100 mensen met rugpijn. Het is vervelend, maar niet gevaarlijk."
        ),
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
    "aaa_rupture": {
        "name": _("Een scheur in de grote buikslagader"),
        "what": _(
            "De grote slagader in de buik kan wijder worden. Artsen noemen dat een "
            "aneurysma. Als die scheurt, geeft dat plotseling heel erge pijn in rug of buik. "
            "Dit is levensgevaarlijk en moet meteen in het ziekenhuis worden behandeld."
        ),
    },
    "other_serious_cause": {
        "name": _("Een andere ernstige oorzaak"),
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
        "name": _("Een ontsteking in de rug"),
        "what": _(
            "Koorts of een zwakke afweer samen met rugpijn kan passen bij een ontsteking door "
            "bacteriën in of bij de wervels. Dat is zeldzaam, maar moet snel worden behandeld."
        ),
    },
    "radicular_syndrome": {
        "name": _("Een beknelde zenuw (vaak door een hernia)"),
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
        "name": _("Een ontsteking van de gewrichten in de rug"),
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
    "A-ACUTE-COURSE": _(
        "Rugpijn die kort geleden begon, wordt meestal binnen ongeveer twee weken veel minder."
    ),
    "A-CHRONIC-CYCLE": _(
        "Als u uw rug spaart, worden uw spieren binnen ongeveer twee weken zwakker. Daardoor "
        "houdt de pijn zichzelf in stand. Elke dag rustig meer bewegen doorbreekt die cirkel."
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
        "Heeft de pijn met uw werk te maken, of werkt u minder? Praat met uw werkgever of de "
        "bedrijfsarts over aanpassingen in uw werk."
    ),
    "A-FEAR": _(
        "Bewegen is veilig en het helpt. Bent u bang om te bewegen? Een fysiotherapeut kan u "
        "helpen om rustig te beginnen."
    ),
    "A-PAINKILLERS": _(
        "Pijnstillers genezen rugpijn niet, maar ze kunnen helpen om in beweging te blijven."
    ),
    "A-PROGRAMME": _(
        "Begin met de rugoefening: drie keer per dag een korte wandeling, die u rustig "
        "langer maakt."
    ),
    "A-SEE-GP-IF": _(
        "Ga naar de huisarts als het na 6 weken niet beter is, als het steeds erger wordt of "
        "als u een waarschuwingsteken krijgt, zoals koorts of een zwak been."
    ),
}

# The advice the level banner at the top already gives; the advice list leaves it out.
ACTION_ADVICE = {"A-CALL-112", "A-CALL-GP-NOW", "A-CALL-GP-TODAY", "A-SEE-GP", "A-CHECK-TODAY"}
