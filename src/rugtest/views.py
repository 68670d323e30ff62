"""Site-wide views: health check and the friendly error pages."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from .accounts import rate_limit_retry_after


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say so, and offer the way back."""
    return render(request, "errors/csrf.html", status=403)


def too_many_requests(request, exception=None):
    """allauth's page past one of its rate limits, with the wait after which none refuses."""
    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = str(rate_limit_retry_after())
    return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def manifest(request):
    """The web app manifest, so that a phone can put Rugtest on its home screen."""
    return JsonResponse(
        {
            "name": "Rugtest",
            "short_name": "Rugtest",
            "description": "Rugtest, rugoefening en uitleg over pijnstillers bij lage rugpijn.",
            "lang": "nl",
            "start_url": "/start/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5394",
            "icons": [
                {"src": static("rugtest/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any maskable"},
                {"src": static("rugtest/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
                {"src": static("rugtest/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        },
        content_type="application/manifest+json",
    )


def app_start(request):
    """Where the home-screen app opens: the walking programme for a signed-in person."""
    return redirect("programme:home" if request.user.is_authenticated else "content:home")
