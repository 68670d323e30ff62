"""What every page needs: the link to the same page in the other language, and the absolute
addresses of both language versions."""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import lazy
from django.utils.translation import get_language

# Worked out only when a page shows it: base.html keeps that part of the page as a fragment.
_translated_url = lazy(translate_url, str)


def site(request):
    lang = get_language() or "nl"
    other = "en" if lang == "nl" else "nl"
    return {
        "lang": lang,
        "other_lang": other,
        "other_lang_name": "English" if other == "en" else "Nederlands",
        "other_lang_url": _translated_url(request.path, other),
        # Both language versions and x-default (the Dutch, at the root) as absolute addresses,
        # for search engines: from RUGTEST_PUBLIC_URL, else the request's own address.
        "site_base": settings.RUGTEST_PUBLIC_URL or _site_base(request),
        "nl_url": _translated_url(request.path, "nl"),
        "en_url": _translated_url(request.path, "en"),
    }


def _base_of(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


_site_base = lazy(_base_of, str)
