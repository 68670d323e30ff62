"""Forms of the walking programme. They parse what was typed; the core decides what is
allowed (the service raises InputError, which the view shows next to the field)."""

import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rugtest import words
from rugtest.core import measures
from rugtest.core import programme as core
from rugtest.core.questions import RISK_QUESTIONS

YES_NO = {"yes": _("Ja"), "no": _("Nee")}
# The words live in rugtest.words; these names stay for code that still imports them here.
PART_LABELS = words.PARTS
SIGN_LABELS = {sign: entry["label"] for sign, entry in words.SIGNS.items()}
PROGRESS_LABELS = words.PROGRESS
STEP6_QUESTIONS = RISK_QUESTIONS


# Digits 0-9 only (W-8 "integer"): Python's int() would also take "4_4", " 44.0 " (Django
# strips the ".0"), Arabic-Indic or full-width digits, which a person never means to type.
STRICT_DIGITS = re.compile(r"[0-9]+")


class StrictIntegerField(forms.IntegerField):
    """A whole number typed with the digits 0-9 only; anything else is refused, not guessed."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not STRICT_DIGITS.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        # Digits only, but more of them than the largest allowed number has (10000 minutes): the
        # range is what to say, and the number is never made.
        if self.max_value is not None and len(text.lstrip("0")) > len(str(self.max_value)):
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value",
                                        params={"limit_value": self.max_value})
        return int(text)


def whole_number(low, high, label, required=True, help_text="", above=None):
    """A number typed as digits, from ``low`` to ``high``; ``above``: the message for a number
    above ``high`` where the range alone does not say what to do."""
    message = format_lazy(_("Vul een heel getal in van {low} tot en met {high}."), low=low, high=high)
    digits = format_lazy(
        _("Vul een heel getal in van {low} tot en met {high}. Typ alleen cijfers, zonder punt, komma of spatie."),
        low=low, high=high,
    )
    return StrictIntegerField(
        label=label, required=required, min_value=low, max_value=high, help_text=help_text,
        error_messages={"invalid": digits, "min_value": message, "max_value": above or message,
                        "required": _("Vul hier een getal in.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}),
    )


PAIN_CHOICES = [(str(n), str(n)) for n in range(core.PAIN_MIN, core.PAIN_MAX + 1)]


def pain_scale(label):
    """W-8 pain 0-10, tapped on a row of big targets (radio buttons), not typed."""
    return forms.TypedChoiceField(
        label=label, required=False, choices=PAIN_CHOICES, coerce=int, empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "scale-input"}),
        help_text=_("0 is geen pijn, 10 is de ergste pijn die u zich kunt voorstellen."),
        error_messages={"invalid_choice": _("Kies een getal van 0 tot en met 10.")},
    )


class StartForm(forms.Form):
    """W-2, and issue "starting takes one number": the minutes the person can walk easily now.

    The test walks are the other way to set the baseline; they are optional and never block
    the start when the number is there. The W-2 tick "I know this from the past week" is no
    longer asked: the question itself says "now", and the help text says how to know.
    """

    baseline_minutes = whole_number(
        core.BASELINE_MIN, core.BASELINE_MAX, _("Hoeveel minuten kunt u nu makkelijk wandelen?"), required=False,
        help_text=_("Op een gewoon, rustig tempo. Tot het niet meer makkelijk gaat, niet tot het veel pijn doet."),
        # W-2: the baseline counts up to 60; the first walks are at most 20 minutes anyway.
        above=format_lazy(_("Kunt u langer dan {high} minuten makkelijk wandelen? Vul dan {high} in."),
                          high=core.BASELINE_MAX),
    )
    test_walk_1 = whole_number(core.TEST_WALK_MIN, core.TEST_WALK_MAX, _("Proefwandeling 1 (minuten)"), required=False)
    test_walk_2 = whole_number(core.TEST_WALK_MIN, core.TEST_WALK_MAX, _("Proefwandeling 2 (minuten)"), required=False)
    test_walk_3 = whole_number(core.TEST_WALK_MIN, core.TEST_WALK_MAX, _("Proefwandeling 3 (minuten, niet verplicht)"), required=False)
    gp_agrees = forms.BooleanField(label=_("Mijn huisarts vindt het goed dat ik begin"), required=False)

    def __init__(self, *args, needs_gp=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_gp:
            del self.fields["gp_agrees"]

    def clean(self):
        data = super().clean()
        walks = [data.get(f"test_walk_{i}") for i in (1, 2, 3)]
        # The way the baseline was given follows from what was typed: the one number, or
        # (only without it) the test walks.
        if data.get("baseline_minutes") is not None:
            data["baseline_method"] = "direct"
        elif any(w is not None for w in walks):
            data["baseline_method"] = "test_walks"
            if sum(w is not None for w in walks) < core.TEST_WALKS_MIN_COUNT and not self.errors:
                self.add_error("test_walk_2", _("Vul ten minste 2 proefwandelingen in."))
        elif "baseline_minutes" not in self.errors and not any(f"test_walk_{i}" in self.errors for i in (1, 2, 3)):
            self.add_error("baseline_minutes", _("Vul hier een getal in."))
        if "gp_agrees" in self.fields and not data.get("gp_agrees"):
            self.add_error("gp_agrees", _("Vink eerst aan dat uw huisarts het goed vindt."))
        return data




class WalkForm(forms.Form):
    """W-8. Minutes and part first (a log of seconds), then the optional details and the
    W-9 question; a ticked warning sign is confirmed on a page of its own (views)."""

    minutes = whole_number(0, core.MINUTES_MAX, _("Hoeveel minuten heeft u gewandeld?"),
                           help_text=_("Lukte het niet? Vul dan 0 in. Dat telt ook: u heeft het geprobeerd."))
    part = forms.ChoiceField(
        label=_("Welke wandeling?"), choices=[(part, words.PARTS[part]) for part in core.PARTS], widget=forms.RadioSelect,
        error_messages={"required": _("Kies ochtend, middag of avond."), "invalid_choice": _("Kies ochtend, middag of avond.")},
    )
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 2026-03-15."), "required": _("Vul een datum in.")},
    )
    pain_before = pain_scale(_("Pijn vóór het wandelen (niet verplicht)"))
    pain_after = pain_scale(_("Pijn na het wandelen (niet verplicht)"))
    painkiller = forms.ChoiceField(
        label=_("Nam u een pijnstiller voor deze wandeling? (niet verplicht)"),
        choices=[(value, YES_NO[value]) for value in core.PAINKILLER_VALUES], widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": _("Kies een van de antwoorden.")},
    )
    warning_signs = forms.MultipleChoiceField(
        label=_("Heeft u een van deze nieuwe klachten?"),
        help_text=_("Kruis alleen aan wat nieuw is. Heeft u niets hiervan? Laat dan alles leeg."),
        choices=[(sign, words.SIGNS[sign]["label"]) for sign in core.WARNING_SIGNS],
        widget=forms.CheckboxSelectMultiple, required=False,
        error_messages={"invalid_choice": _("Kies alleen klachten uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Notitie (niet verplicht)"), required=False, max_length=core.NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": format_lazy(_("Schrijf hooguit {count} tekens."), count=core.NOTE_MAX_CHARS)},
    )


class CheckInForm(forms.Form):
    """W-14: better / the same / worse, and the step 6 questions again (optional, Ja/Nee)."""

    progress = forms.ChoiceField(
        label=_("Hoe gaat het nu met uw rug, vergeleken met het begin van de rugoefening?"),
        choices=[(value, words.PROGRESS[value]) for value in core.PROGRESS_VALUES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een van de antwoorden."), "invalid_choice": _("Kies een van de antwoorden.")},
    )

    def __init__(self, *args, lang="nl", **kwargs):
        super().__init__(*args, **kwargs)
        for question in STEP6_QUESTIONS:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text(lang), required=False, widget=forms.RadioSelect,
                choices=[(c.value, c.text(lang)) for c in question.web_choices()],
                error_messages={"invalid_choice": _("Kies Ja of Nee, of sla de vraag over.")},
            )

    def step6_answers(self) -> dict:
        return {q.id: self.cleaned_data.get(q.id) or "" for q in STEP6_QUESTIONS}


# outcome-measures.md O-1: a measurement of pain and the person's own activities ----------------

SCORE_CHOICES = [(str(n), str(n)) for n in range(measures.SCORE_MIN, measures.SCORE_MAX + 1)]


def score_scale(label, help_text, required):
    """O-1: a score 0–10, tapped on a row of big targets (radio buttons), not typed."""
    return forms.TypedChoiceField(
        label=label, required=required, choices=SCORE_CHOICES, coerce=int, empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "scale-input"}), help_text=help_text,
        error_messages={"invalid_choice": _("Kies een getal van 0 tot en met 10."),
                        "required": _("Kies een getal van 0 tot en met 10.")},
    )


class MeasurementForm(forms.Form):
    """O-1: pain over the last 24 hours, and up to three activities of the person's own with
    a score each. At a later moment (``start_activities`` given) the activities are those of
    the start: shown with their text, scored only, and a score may be left open."""

    pain_24h = score_scale(words.MEASURE_QUESTIONS["pain_24h"], words.MEASURE_QUESTIONS["pain_24h_help"], True)

    def __init__(self, *args, start_activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_activities = list(start_activities or [])
        later = bool(self.start_activities)
        count = len(self.start_activities) if later else measures.ACTIVITIES_MAX
        for i in range(1, count + 1):
            if not later:
                # O-1: 1–60 characters. No maxlength in the page: a browser would cut a longer
                # text without a word; the server names the limit and gives the text back.
                self.fields[f"activity_{i}"] = forms.CharField(
                    label=format_lazy(_("Bezigheid {number}"), number=i), required=False, strip=True,
                    # Django's validator fills in the limit and the length typed.
                    validators=[MaxLengthValidator(measures.ACTIVITY_MAX_CHARS, message=_(
                        "Schrijf hooguit %(limit_value)d tekens. Nu zijn het er %(show_value)d."))],
                    widget=forms.TextInput(attrs={"autocomplete": "off"}),
                    help_text=_("Bijvoorbeeld: sokken aantrekken.") if i == 1 else _("Niet verplicht."),
                )
                label = format_lazy(_("Hoe goed lukt bezigheid {number} nu?"), number=i)
                help_text = words.MEASURE_QUESTIONS["activity_score_help"]
            else:
                label = format_lazy(_("{activity}: hoe goed lukt dit nu?"), activity=self.start_activities[i - 1])
                help_text = words.MEASURE_QUESTIONS["activity_score_help"]
            self.fields[f"score_{i}"] = score_scale(label, help_text, False)

    def clean(self):
        data = super().clean()
        if self.start_activities:
            return data
        if any(key.startswith("activity_") and key not in self.fields and (self.data.get(key) or "").strip()
               for key in self.data):
            # O-1: up to three activities; a fourth is refused, the three kept.
            self.add_error(None, _("Kies hooguit drie bezigheden. Een vierde kunt u niet opslaan."))
        named = 0
        for i in range(1, measures.ACTIVITIES_MAX + 1):
            text, score = data.get(f"activity_{i}"), data.get(f"score_{i}")
            if f"activity_{i}" in self.errors or f"score_{i}" in self.errors:
                named += 1
                continue
            if text:
                named += 1
                if score is None:
                    self.add_error(f"score_{i}", _("Kies een getal van 0 tot en met 10."))
            elif score is not None:
                self.add_error(f"activity_{i}", _("Schrijf op welke bezigheid het is."))
        if not named and NON_FIELD_ERRORS not in self.errors and not any(
                key.startswith(("activity_", "score_")) for key in self.errors):
            # Said at once beside a missing pain score: every problem in one round. Not when an
            # activity already has its own message ("Schrijf op welke bezigheid het is."): one
            # message per problem.
            self.add_error("activity_1", _("Schrijf ten minste één bezigheid op."))
        return data

    def activities_and_scores(self) -> tuple[list, list]:
        data = self.cleaned_data
        if self.start_activities:
            return [], [data.get(f"score_{i}") for i in range(1, len(self.start_activities) + 1)]
        pairs = [(data.get(f"activity_{i}"), data.get(f"score_{i}")) for i in range(1, measures.ACTIVITIES_MAX + 1)]
        pairs = [(text, score) for text, score in pairs if text]
        return [text for text, _ in pairs], [score for _, score in pairs]
