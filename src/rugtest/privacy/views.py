"""Calendar link, the feed, "my data" (export and erasure), and the privacy page."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rugtest.i18n import lang
from rugtest.pages import shared_page
from rugtest.programme.models import CheckIn, Measurement, Programme, WalkEntry
from rugtest.programme.selectors import current_programme, plan_for
from rugtest.selftest.models import RugtestResult
from rugtest.sharing import selectors as sharing_selectors
from rugtest.sharing.models import DAYS_MAX
from rugtest.sharing.services import KEEP_DAYS_AFTER_END

from . import calendar, export, services, signin
from .forms import DeleteAccountForm, TimesForm
from .models import CalendarLink

# A password typed wrong this often within the window blocks deletion for the window.
DELETE_ATTEMPTS, DELETE_WINDOW_SECONDS = 5, 15 * 60


def _download(content: bytes, content_type: str, name: str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"{name}-{timezone.localdate().isoformat()}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- /rugoefening/agenda/ ---------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def agenda(request):
    link = CalendarLink.objects.filter(user=request.user).first() or CalendarLink(user=request.user)
    times_form = TimesForm(initial={p: t.strftime("%H:%M") for p, t in link.times().items()})
    new_token = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("create", "renew"):
            new_token = services.new_calendar_token(user=request.user)
            link = services.calendar_link(request.user)
        elif action == "revoke":
            services.revoke_calendar_token(user=request.user)
            return redirect(reverse("privacy:agenda") + "?ingetrokken=1")
        elif action == "times":
            times_form = TimesForm(request.POST)
            if times_form.is_valid():
                services.set_walk_times(user=request.user, **times_form.cleaned_data)
                return redirect(reverse("privacy:agenda") + "?tijden=1")
            # Shown again with the errors (200, as every form of the site).
        else:
            status = 400
    feed_url = None
    if new_token:
        feed_url = request.build_absolute_uri(reverse("privacy:feed", kwargs={"token": new_token}))
    programme = current_programme(request.user)
    state = plan_for(programme, timezone.localdate()).state if programme else None
    return render(request, "privacy/agenda.html", {
        "section": "rugoefening",
        "link": link,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed_url else None,
        "times_form": times_form,
        "has_programme": programme is not None,
        "stopped": state == "stopped",  # W-9: the feed has no walks from a stop on
        "finished": state == "finished",  # W-7: nor after the last day
        "revoked": request.GET.get("ingetrokken") == "1",
        "times_saved": request.GET.get("tijden") == "1",
        "bad_action": status == 400,
    }, status=status)


@require_GET
def feed(request, token):
    """/agenda/<token>.ics: the plan as iCalendar; unknown, revoked or renewed-away: 404."""
    link = services.link_for_token(token)
    if link is None:
        raise Http404
    response = HttpResponse(calendar.feed_for(link, lang=lang()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="rugoefening-{timezone.localdate().isoformat()}.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- /mijn-gegevens/ --------------------------------------------------------------------------


@never_cache
@login_required
def mine(request):
    user = request.user
    results = RugtestResult.objects.filter(user=user)
    programmes = Programme.objects.filter(user=user)
    link = CalendarLink.objects.filter(user=user).first()
    return render(request, "privacy/mine.html", {
        "email": user.email,
        "date_joined": user.date_joined,
        "result_count": results.count(),
        "latest_result": results.first(),
        "programme_count": programmes.count(),
        "walk_count": WalkEntry.objects.filter(programme__user=user).count(),
        "measurement_count": Measurement.objects.filter(programme__user=user).count(),  # O-5
        "checkin_count": CheckIn.objects.filter(programme__user=user).count(),  # W-14
        "link": link,
        "share_links": sharing_selectors.links_of(user),
    })


# Downloading everything about a person needs a recent sign-in, as deleting the account needs
# the password: a browser left signed in is not enough. allauth asks for the password again
# (its "reauthenticate" rate limit applies) unless this browser signed in within
# ACCOUNT_REAUTHENTICATION_TIMEOUT (signin.py).
@never_cache
@login_required
@reauthentication_required(enabled=signin.needs_password_again)
@require_GET
def export_json(request):
    body = json.dumps(export.export_json(request.user), ensure_ascii=False, indent=2).encode()
    return _download(body, "application/json; charset=utf-8", "rugtest-gegevens", "json")


@never_cache
@login_required
@reauthentication_required(enabled=signin.needs_password_again)
@require_GET
def export_fhir(request):
    body = json.dumps(export.export_fhir(request.user), ensure_ascii=False, indent=2).encode()
    return _download(body, "application/fhir+json; charset=utf-8", "rugtest-gegevens", "fhir.json")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    attempts_key = f"privacy:delete-attempts:{request.user.pk}"
    form = DeleteAccountForm(user=request.user)
    blocked = False
    status = 200
    if request.method == "POST":
        attempts = cache.get(attempts_key, 0)
        if attempts >= DELETE_ATTEMPTS:
            blocked = True
            status = 429
        else:
            form = DeleteAccountForm(request.POST, user=request.user)
            if form.is_valid():
                user = request.user
                logout(request)
                services.delete_account(user=user)
                cache.delete(attempts_key)
                return redirect("privacy:deleted")
            cache.set(attempts_key, attempts + 1, DELETE_WINDOW_SECONDS)
    return render(request, "privacy/delete.html", {"form": form, "blocked": blocked}, status=status)


def deleted(request):
    return render(request, "privacy/deleted.html")


@shared_page
def privacy(request):
    return render(request, "privacy/privacy.html", {
        "section": "privacy",
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "unconfirmed_days": services.UNCONFIRMED_ACCOUNT_DAYS,
        "share_days": DAYS_MAX,
        "share_kept_days": KEEP_DAYS_AFTER_END,
        "contact_email": getattr(settings, "RUGTEST_CONTACT_EMAIL", "fouten@rugtest.invalid"),
    })
