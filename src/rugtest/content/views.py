"""The information pages: home, medication, /informatie/ and /over/.

The walking programme's explanation (/rugoefening/) is served by the programme app, which
shows it to everyone and adds the personal plan for a signed-in person.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from rugtest import practice, words
from rugtest.core import questions
from rugtest.core.triage import condition_levels
from rugtest.pages import shared_page


@shared_page
def home(request):
    # The number of steps the rugtest's step pages say ("Stap 1 van N").
    return render(request, "content/home.html", {"section": "home", "step_count": questions.STEP_COUNT})


@shared_page
def medicatie(request):
    return render(request, "content/medicatie.html", {"section": "medicatie"})


@shared_page
def info_index(request):
    conditions = [
        {"id": condition_id, "title": words.CONDITION_TITLES[condition_id], "url": words.condition_url(condition_id)}
        for condition_id in words.CONDITION_SLUGS
    ]
    return render(request, "content/info/index.html", {"section": "informatie", "conditions": conditions})


@shared_page
def condition(request, slug):
    condition_id = words.CONDITION_BY_SLUG.get(slug)
    if condition_id is None:
        raise Http404
    return render(request, f"content/info/conditions/{condition_id}.html", {
        "section": "informatie",
        "condition_id": condition_id,
        "title": words.CONDITION_TITLES[condition_id],
        "levels": condition_levels(condition_id),
    })


@shared_page
def duration(request):
    return render(request, "content/info/duration.html", {"section": "informatie"})


@shared_page
def causes(request):
    return render(request, "content/info/causes.html", {"section": "informatie"})


@shared_page
def about(request):
    return render(request, "content/info/about.html", {
        "section": "over",
        "checked": words.CONTENT_CHECKED,
        "spec_version": words.RUGTEST_SPEC_VERSION,
        "contact_email": getattr(settings, "RUGTEST_CONTACT_EMAIL", "fouten@rugtest.invalid"),
        "practice": practice.current(),
    })
