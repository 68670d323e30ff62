"""What every page needs: the link to the same page in the other language."""

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
    }
