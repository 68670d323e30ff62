"""The form that makes a report: only an optional name, typed by the person."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .document import unprintable

NAME_MAX_CHARS = 80


class ReportForm(forms.Form):
    # No name unless the person types one: the report leaves the site on paper.
    name = forms.CharField(
        label=_("Uw naam op het papier (niet verplicht)"), required=False, max_length=NAME_MAX_CHARS,
        help_text=_("Laat dit leeg als u uw naam niet op het papier wilt."),
        error_messages={"max_length": _("Uw naam mag hoogstens %(limit_value)d tekens hebben.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self):
        # Control characters (a pasted tab or line break) have no place on a printed line.
        name = " ".join("".join(ch if ch.isprintable() else " " for ch in self.cleaned_data["name"]).split())
        missing = unprintable(name)
        if missing:
            # Never drop what the person typed without saying so.
            raise forms.ValidationError(
                _("Deze tekens kunnen we niet printen: %(chars)s. Typ uw naam met andere letters, of laat dit leeg."),
                params={"chars": " ".join(missing)},
            )
        return name
