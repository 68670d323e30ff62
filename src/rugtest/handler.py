"""The WSGI handler of `rugtest serve`: Django's own, with two things done once per process.

- Which view an address goes to is looked up once per address and language and then kept
  (bounded). Walking the nested URL patterns of the language prefix and each app took 40 to
  80 µs a request in the profile (docs/performance.md), more than some whole stored pages.
  Only addresses that resolve are kept; a change of ROOT_URLCONF (in tests) forgets them.
- At start, the URL patterns (and with them every view module) are loaded before the first
  request instead of during it, and what is loaded by then is moved out of the garbage
  collector's way (gc.freeze), so that a full collection does not walk the whole framework
  in the middle of someone's request.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from importlib import import_module

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import setting_changed
from django.utils.translation import get_language

SIZE = 2000  # addresses per process
_matches: OrderedDict = OrderedDict()
_lock = threading.Lock()


def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        with _lock:
            _matches.clear()


setting_changed.connect(_forget)


class Handler(WSGIHandler):
    def resolve_request(self, request):
        if hasattr(request, "urlconf"):  # a request with a URLconf of its own: not kept
            return super().resolve_request(request)
        key = (request.path_info, get_language())
        with _lock:
            match = _matches.get(key)
            if match is not None:
                _matches.move_to_end(key)
        if match is None:
            match = super().resolve_request(request)  # Resolver404 for an unknown address
            with _lock:
                _matches[key] = match
                while len(_matches) > SIZE:
                    _matches.popitem(last=False)
        else:
            request.resolver_match = match
        return match


def make_application() -> Handler:
    """The handler, with the URL patterns loaded and the start-up objects frozen."""
    import django

    django.setup(set_prefix=False)
    handler = Handler()
    import_module(settings.ROOT_URLCONF)  # and with it every view module
    gc.collect()
    gc.freeze()
    return handler
