"""Site-wide views: health check and the friendly error pages."""

from django.http import HttpResponse
from django.shortcuts import render


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say so, and offer the way back."""
    return render(request, "errors/csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
