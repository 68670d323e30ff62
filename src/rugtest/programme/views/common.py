"""What several programme views share: today's date, the W-1 claim step, form errors."""

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rugtest.core.errors import InputError
from rugtest.i18n import lang
from rugtest.security import is_local_path

from .. import visit
from ..selectors import current_programme


def today() -> date:
    """Today in Europe/Amsterdam (TIME_ZONE): the day the plan is computed for."""
    return timezone.localdate()


def add_input_error(form, error: InputError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message(lang()))


def claim_redirect(request):
    """Signed in on a browser that holds a rugtest result not yet kept: ask first (W-1)."""
    if visit.pending_claim(request) is None:
        return None
    return HttpResponseRedirect(f"{reverse('programme:claim')}?next={quote(request.path)}")


def programme_or_message(request):
    """The person's programme; None (with a line saying so) when there is none yet."""
    programme = current_programme(request.user)
    if programme is None:
        messages.info(request, _("U heeft nog geen rugoefening. Begin hieronder."))
    return programme


def safe_next(request, fallback="programme:home") -> str:
    """The page ``next`` names when it is a path on this site, else the fallback page."""
    target = request.POST.get("next") or request.GET.get("next")
    return target if is_local_path(target) else reverse(fallback)
