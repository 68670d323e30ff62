"""The HTTP side of a report: a PDF response with the date in its file name."""

from datetime import date

from django.http import HttpResponse


def pdf_response(data: bytes, stem: str, day: date) -> HttpResponse:
    """``inline``: a phone or computer opens it in its PDF viewer, to print or to save."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}-{day.isoformat()}.pdf"'
    # Health data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
