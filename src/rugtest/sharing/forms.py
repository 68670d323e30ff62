"""The form that makes a share link: for whom (a label), how long, and a name if the person wants one."""

import re
import secrets

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rugtest.programme.forms import whole_number
from rugtest.reports.forms import ReportForm

from .models import DAYS_MAX, DAYS_MIN, FORM_KEY_CHARS, LABEL_MAX_CHARS

FORM_KEY = re.compile(rf"[A-Za-z0-9_-]{{{FORM_KEY_CHARS}}}")


def new_form_key() -> str:
    return secrets.token_urlsafe(16)


def _one_line(text: str) -> str:
    """Control characters (a pasted tab or line break) become spaces; spaces are collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


class ShareLinkForm(ReportForm):
    """ReportForm's optional name (the same checks: it goes on the PDF too), and the link's own fields."""

    label = forms.CharField(
        label=_("Voor wie is de link? (niet verplicht)"), required=False,
        help_text=_("Bijvoorbeeld: Huisarts, of Fysiotherapeut Jansen. Alleen u ziet dit."),
        # No maxlength in the page: a longer text pasted in is kept and gets a message, never cut off unseen.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    days = whole_number(DAYS_MIN, DAYS_MAX, _("Hoeveel dagen mag de link werken?"),
                        help_text=_("Van 1 tot en met 90 dagen. Daarna werkt de link niet meer."))
    form_key = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["label", "days", "name"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"days": DAYS_MAX, "form_key": new_form_key(), **kwargs["initial"]}
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        name.label = _("Uw naam voor uw huisarts (niet verplicht)")
        name.help_text = _("Laat dit leeg als u uw naam niet wilt laten zien. De pagina zegt dan: een patiënt.")
        name.widget.attrs.pop("maxlength", None)

    def clean_label(self):
        label = _one_line(self.cleaned_data["label"])
        if len(label) > LABEL_MAX_CHARS:
            raise forms.ValidationError(
                format_lazy(_("Schrijf hooguit {count} tekens. U schreef er {typed}."), count=LABEL_MAX_CHARS,
                            typed=len(label)))
        return label

    def clean_form_key(self):
        key = self.cleaned_data["form_key"]
        # A form without its key (an old page, a script): still one link per send.
        return key if FORM_KEY.fullmatch(key or "") else new_form_key()
