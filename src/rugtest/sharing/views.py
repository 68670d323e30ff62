"""Share links: the person's own page (/rugoefening/delen/) and the read-only page their GP
or physiotherapist opens (/gedeeld/<token>/). HTTP in, HTTP out: services change, selectors read."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from rugtest.programme.selectors import current_programme
from rugtest.reports.http import pdf_response
from rugtest.reports.programme import programme_report
from rugtest.reports.programme_page import report_page, rugtest_words
from rugtest.security import rate_limit
from rugtest.selftest.selectors import latest_result

from . import selectors, services
from .forms import ShareLinkForm

# --- /rugoefening/delen/: the person's links ----------------------------------------------------


def _share_url(request, token: str) -> str:
    # The link opens in Dutch, the language of the practice; its page links to English.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("sharing:shared", kwargs={"token": token})
    return request.build_absolute_uri(path)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def manage(request):
    form = ShareLinkForm(request.POST) if request.method == "POST" else ShareLinkForm()
    new_link = None
    form_used = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            link, token = services.make_link(
                user=request.user, days=data["days"], label=data["label"], name=data["name"],
                form_key=data["form_key"],
            )
        except services.TooManyLinks:
            form.add_error(None, _("U heeft al %(count)s links die werken. Trek eerst een link in die u niet meer nodig heeft.")
                           % {"count": services.MAX_ACTIVE_LINKS})
        except services.FormAlreadyUsed:
            # Sent again long after: nothing made, nothing typed lost; one more tap makes it.
            form_used = True
            form = ShareLinkForm(initial={k: data[k] for k in ("label", "days", "name")})
        else:
            # Shown once, in this answer (not through a redirect: the token never sits in the session).
            new_link = {"link": link, "url": _share_url(request, token)}
            form = ShareLinkForm()
    return render(request, "sharing/manage.html", {
        "section": "rugoefening",
        "form": form,
        "new_link": new_link,
        "form_used": form_used,
        "links": selectors.links_of(request.user),
        "has_programme": current_programme(request.user) is not None,
    })


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, link_id):
    """GET: "are you sure?" (for a browser that cannot open the list's own question); POST: revoke."""
    link = selectors.link_of(request.user, link_id)
    if link is None:
        raise Http404
    if request.method == "POST":
        services.revoke_link(link=link)
        messages.success(request, _("De link is ingetrokken. Hij werkt niet meer."))
        return redirect("sharing:manage")
    return render(request, "sharing/revoke.html", {"section": "rugoefening", "link": link})


# --- /gedeeld/<token>/: what the GP opens ---------------------------------------------------------


def _private(response):
    """Health data for one reader: no cache keeps it, no search engine lists it, and the address
    (it holds the token) never leaves in a Referer header."""
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _gone(request):
    # One page for a token that is unknown, ended or revoked: the answer tells nothing about which.
    return render(request, "sharing/gone.html", status=404)


def shared_view(view):
    """Every address under /gedeeld/: the per-address limit (429 with Retry-After), GET and HEAD
    only (405), one 404 for every token that does not open, and the private headers.

    No CSRF check: these views change nothing a visitor asks for and read no cookie; with it a
    POST would get the 403 of a missing token instead of 405."""
    @csrf_exempt
    @wraps(view)
    def wrapped(request, token):
        limit, period = settings.RUGTEST_SHARE_RATE_LIMIT
        wait = rate_limit(request, "share", limit, period)
        if wait is not None:
            response = render(request, "sharing/too_many.html", {"wait": wait}, status=429)
            response["Retry-After"] = str(wait)
        elif request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        else:
            link = selectors.link_for_token(token)
            if link is None:
                response = _gone(request)
            else:
                services.note_opened(link=link)
                response = view(request, link) or _gone(request)
        return _private(response)

    return wrapped


@shared_view
def shared(request, link):
    """The programme report as a page, made from the same report as the PDF."""
    user = link.user
    programme = current_programme(user, with_result=True)
    context = {"name": link.name, "expires_at": link.expires_at}
    if programme is not None:
        report = programme_report(programme, timezone.localdate())
        context.update(report_page(report, name=link.name), has_programme=True, view=report.view)
    latest = latest_result(user)
    behind = programme.result if programme is not None else None
    if latest is not None and (behind is None or latest.created_at > behind.created_at):
        # A rugtest done after the one the programme started from: the GP sees the newest too.
        context["latest_rugtest"] = rugtest_words(latest)
    context["pdf_url"] = request.path + "rapport.pdf" if programme is not None else None
    return render(request, "sharing/shared.html", context)


@shared_view
def shared_pdf(request, link):
    programme = current_programme(link.user, with_result=True)
    if programme is None:
        return None
    report = programme_report(programme, timezone.localdate())
    return pdf_response(report.pdf(name=link.name), "rugoefening-verslag", report.view.today)
