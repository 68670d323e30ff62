"""What every page needs: the link to the same page in the other language."""

from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    lang = get_language() or "nl"
    other = "en" if lang == "nl" else "nl"
    return {
        "lang": lang,
        "other_lang": other,
        "other_lang_name": "English" if other == "en" else "Nederlands",
        "other_lang_url": translate_url(request.path, other),
    }
