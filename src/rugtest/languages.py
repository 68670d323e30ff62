"""Which language a request is in: Django's LocaleMiddleware, for this site's addresses.

The pages are Dutch without a prefix and English under /en/ (``i18n_patterns`` with
``prefix_default_language=False``). With such patterns Django's middleware always ends up
with the language of the address, or Dutch; on the way it reads the language from the
address three times per request and the language cookie and Accept-Language header once,
only to set them aside. In the profile (docs/performance.md) that was a tenth of the time of
``/healthz``. This middleware reads the address once and gives the same language and the
same headers; with any other URL set-up it leaves everything to Django's.
"""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _address_decides(request) -> bool:
    used, prefixed_default = is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))
    return used and not prefixed_default


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_request(self, request):
        if not _address_decides(request):
            return super().process_request(request)
        from_path = translation.get_language_from_path(request.path_info)
        request._rugtest_language_from_path = from_path
        translation.activate(from_path or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if not _address_decides(request):
            return super().process_response(request, response)
        try:
            from_path = request._rugtest_language_from_path
        except AttributeError:
            from_path = translation.get_language_from_path(request.path_info)
        if not from_path:
            patch_vary_headers(response, ("Accept-Language",))  # as Django's
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
