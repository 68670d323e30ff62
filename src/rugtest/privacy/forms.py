from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_TIMES

TIME_ERROR = _("Vul een tijd in als uu:mm, bijvoorbeeld 09:00.")


def time_field(label, part):
    return forms.TimeField(
        label=label, initial=DEFAULT_TIMES[part], input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": TIME_ERROR, "required": TIME_ERROR},
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time", "step": 60}),
    )


class TimesForm(forms.Form):
    morning = time_field(_("Ochtend"), "morning")
    afternoon = time_field(_("Middag"), "afternoon")
    evening = time_field(_("Avond"), "evening")

    def clean(self):
        data = super().clean()
        times = [data.get(p) for p in ("morning", "afternoon", "evening")]
        if all(times) and not times[0] < times[1] < times[2]:
            raise forms.ValidationError(_("Kies de tijden op volgorde: eerst de ochtend, dan de middag, dan de avond."))
        return data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet. Er is niets gewist."))
        return password
