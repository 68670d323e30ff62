"""Forms of the walking programme. They parse what was typed; the core decides what is
allowed (the service raises InputError, which the view shows next to the field)."""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rugtest.core import programme as core

PART_LABELS = {"morning": _("Ochtend"), "afternoon": _("Middag"), "evening": _("Avond")}

# W-9: the page text of each warning sign (B1).
SIGN_LABELS = {
    "saddle_numbness": _("Een doof gevoel of minder gevoel in uw kruis, billen, geslachtsdelen of aan de binnenkant van uw bovenbenen"),
    "bladder_bowel": _("Moeite met plassen, of u kunt uw plas of ontlasting niet goed ophouden"),
    "both_legs": _("Een doof gevoel, tintelingen of minder kracht in allebei uw benen tegelijk"),
    "sudden_severe_pain": _("Plotselinge, heel erge pijn die blijft, hoe u ook ligt, zit of beweegt"),
    "leg_weakness": _("Een been of voet is zwak of zwakker dan eerst: de voet klapt neer of sleept"),
    "fever": _("Koorts: 38 °C of hoger"),
    "pain_worsening": _("Uw rugpijn wordt al 2 weken steeds erger, ook met de rugoefening"),
}


class WholeNumberField(forms.IntegerField):
    """Plain digits only, as in the rugtest (core.questions.parse_answer): Django's
    IntegerField would also take "4_4", "44.0" and other scripts' digits ("٤٤", "４４")."""

    PLAIN = re.compile(r"-?[0-9]{1,6}")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not self.PLAIN.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


def whole_number(low, high, label, required=True, help_text=""):
    message = format_lazy(_("Vul een heel getal in van {low} tot en met {high}."), low=low, high=high)
    return WholeNumberField(
        label=label, required=required, min_value=low, max_value=high, help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message,
                        "required": _("Vul hier een getal in.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )


class StartForm(forms.Form):
    baseline_method = forms.ChoiceField(
        label=_("Hoe wilt u uw begintijd bepalen?"),
        choices=[
            ("direct", _("Ik weet hoe lang ik makkelijk kan wandelen")),
            ("test_walks", _("Ik heb 2 of 3 proefwandelingen gemaakt")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een van de antwoorden.")},
    )
    baseline_minutes = whole_number(
        1, 60, _("Hoeveel minuten kunt u makkelijk wandelen?"), required=False,
        help_text=_("Op een gewoon, rustig tempo. Tot het niet meer makkelijk gaat, niet tot het veel pijn doet."),
    )
    confirm_past_week = forms.BooleanField(
        label=_("Dit weet ik van het wandelen in de afgelopen week"), required=False,
    )
    test_walk_1 = whole_number(1, 120, _("Proefwandeling 1 (minuten)"), required=False)
    test_walk_2 = whole_number(1, 120, _("Proefwandeling 2 (minuten)"), required=False)
    test_walk_3 = whole_number(1, 120, _("Proefwandeling 3 (minuten, niet verplicht)"), required=False)
    gp_agrees = forms.BooleanField(label=_("Mijn huisarts vindt het goed dat ik begin"), required=False)

    def __init__(self, *args, needs_gp=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_gp:
            del self.fields["gp_agrees"]

    def clean(self):
        data = super().clean()
        method = data.get("baseline_method")
        if method == "direct":
            if data.get("baseline_minutes") is None and "baseline_minutes" not in self.errors:
                self.add_error("baseline_minutes", _("Vul hier een getal in."))
            if not data.get("confirm_past_week"):
                self.add_error("confirm_past_week", _("Vink dit aan als u het weet van de afgelopen week. Weet u het niet? Maak dan eerst proefwandelingen."))
        elif method == "test_walks":
            walks = [data.get(f"test_walk_{i}") for i in (1, 2, 3)]
            if sum(w is not None for w in walks) < 2 and not self.errors:
                self.add_error("test_walk_2", _("Vul ten minste 2 proefwandelingen in."))
        if "gp_agrees" in self.fields and not data.get("gp_agrees"):
            self.add_error("gp_agrees", _("Vink eerst aan dat uw huisarts het goed vindt."))
        return data


class WalkForm(forms.Form):
    warning_signs = forms.MultipleChoiceField(
        label=_("Heeft u een van deze nieuwe klachten?"),
        help_text=_("Kruis alleen aan wat nieuw is. Heeft u niets hiervan? Laat dan alles leeg."),
        choices=[(sign, SIGN_LABELS[sign]) for sign in core.WARNING_SIGNS],
        widget=forms.CheckboxSelectMultiple, required=False,
        error_messages={"invalid_choice": _("Kies alleen klachten uit de lijst.")},
    )
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-15."), "required": _("Vul een datum in.")},
    )
    part = forms.ChoiceField(
        label=_("Welke wandeling?"), choices=list(PART_LABELS.items()), widget=forms.RadioSelect,
        error_messages={"required": _("Kies ochtend, middag of avond."), "invalid_choice": _("Kies ochtend, middag of avond.")},
    )
    minutes = whole_number(0, 180, _("Hoeveel minuten heeft u gewandeld?"),
                           help_text=_("Lukte het niet? Vul dan 0 in. Dat telt ook: u heeft het geprobeerd."))
    pain_before = whole_number(0, 10, _("Pijn vóór het wandelen (0 tot en met 10, niet verplicht)"), required=False)
    pain_after = whole_number(0, 10, _("Pijn na het wandelen (0 tot en met 10, niet verplicht)"), required=False)
    painkiller = forms.ChoiceField(
        label=_("Nam u een pijnstiller voor deze wandeling? (niet verplicht)"),
        choices=[("yes", _("Ja")), ("no", _("Nee"))], widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": _("Kies een van de antwoorden.")},
    )
    note = forms.CharField(
        label=_("Notitie (niet verplicht)"), required=False, max_length=core.NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": format_lazy(_("Schrijf hooguit {count} tekens."), count=core.NOTE_MAX_CHARS)},
    )
