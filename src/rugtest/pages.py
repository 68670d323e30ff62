"""Whole pages from Django's per-view cache, for visitors to whom every such page is the same.

The home page, the information pages, medication, /over/, /privacy/, the explanation of the
rugoefening and the start of the rugtest read the same for everyone who is not signed in and
has nothing in the session (no answers, no notice waiting). For those visitors ``shared_page``
hands the view to Django's ``cache_page``; everyone else gets the view itself, and nothing of
their visit is stored.

A page is stored only when it is the same for every such visitor:

- never when it holds a form token (CSRF): a token belongs to one visitor, so the page is
  marked ``Cache-Control: private``, which Django's cache refuses to store. Pages with a
  form (the rugtest steps, the result) cache their heavy parts as template fragments
  instead, and Django writes each visitor's own token around them;
- never when the view sets a cookie;
- the key is Django's: the address, the language and the time zone. The answer still says
  ``Vary: Cookie`` (and ``Accept-Language`` where Django's language middleware adds it) for
  browsers and proxies, because the same address gives a signed-in person another page.
  Django's cache looks only at the headers the view itself sets, and the view is only asked
  from the cache for a visitor without a session or an account, for whom the cookie
  changes nothing.

Browsers are told ``max-age=0`` (they ask again, as before); Django's own cache keeps the
page for ``PAGE_SECONDS`` or until the process restarts (the "pages" cache is per process,
settings.CACHES).
"""

from __future__ import annotations

import functools

from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page
from django.views.decorators.gzip import gzip_page

PAGE_CACHE = "pages"
PAGE_SECONDS = 60 * 60
FORM_TOKEN_FIELD = b'name="csrfmiddlewaretoken"'


def is_anonymous_without_session(request) -> bool:
    """Not signed in and nothing in the session: the visitor every shared page is the same for."""
    return not request.user.is_authenticated and not request.session.keys()


def _only_if_the_same_for_everyone(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.cookies or (not response.streaming and FORM_TOKEN_FIELD in response.content):
            # One visitor's page (a form token, a cookie of its own): never stored.
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, max_age=0)  # browsers ask again; Django's cache keeps it
        return response

    return wrapper


def shared_page(view):
    """``view`` from Django's per-view cache for a visitor without a session or an account
    (GET and HEAD); the view itself for everyone else."""
    cached = cache_page(PAGE_SECONDS, cache=PAGE_CACHE)(gzip_page(_only_if_the_same_for_everyone(view)))

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in ("GET", "HEAD") and is_anonymous_without_session(request):
            return cached(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapper
