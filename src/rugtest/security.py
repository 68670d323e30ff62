"""Site-wide protections that Django has no setting for (docs/production.md):

- ``client_ip``: the address of the person, also behind a TLS proxy (RUGTEST_TRUSTED_PROXIES);
- ``SecurityHeadersMiddleware``: Content-Security-Policy and Permissions-Policy on every
  response, and
  ``Cache-Control: no-store, private`` on every page made for one person (signed in, or with
  rugtest answers in the session), so that a shared device's back button or cache does not
  show their health data to the next person;
- ``rate_limit``: a fixed-window counter per client address in the shared cache, so that the
  limit holds across every app server;
- ``is_local_path``: whether a ``next`` address a browser sent may be redirected to.
"""

from __future__ import annotations

import ipaddress
import time
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

# No page of the site has a longer address; a longer ``next`` is not one of them.
LOCAL_PATH_MAX_LENGTH = 2000


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _parse(address: str):
    address = address.strip()
    if address.startswith("[") and "]" in address:  # [::1]:port
        address = address[1:address.index("]")]
    elif address.count(":") == 1:  # 203.0.113.9:port
        address = address.split(":", 1)[0]
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, unless that is one of RUGTEST_TRUSTED_PROXIES;
    then X-Forwarded-For is read from the right, skipping the trusted proxies, and the first
    address that is not one of them is the client. Addresses a client wrote itself further
    left are never believed, so that nobody can pose as someone else to lock them out."""
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or ipaddress.ip_address("0.0.0.0")
    networks = _networks(tuple(settings.RUGTEST_TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.RUGTEST_CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", settings.RUGTEST_PERMISSIONS_POLICY)
        if _personal(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and bool(session.keys())


def rate_limit(request, scope: str, limit: int, period: int) -> int | None:
    """Count one request of ``client_ip(request)`` in ``scope``; the seconds to wait when
    more than ``limit`` came in this ``period``, else None."""
    now = int(time.time())
    window = now // period
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            count = 1
    if count > limit:
        return (window + 1) * period - now
    return None


def is_local_path(value) -> bool:
    """Whether ``value`` (a ``next`` parameter) is a path on this site, such as
    "/rugoefening/beginnen/?stap=2", so that a redirect to it stays here.

    It must start with exactly one "/": a view name or a bare word ("x", "inf", "23:59:60")
    is not an address, "//host" and "/\\host" are other sites, "javascript:" is a scheme.
    No control or format character either: a newline would break the Location header."""
    return (
        isinstance(value, str)
        and value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and len(value) <= LOCAL_PATH_MAX_LENGTH
        and not any(unicodedata.category(char).startswith("C") for char in value)
        and url_has_allowed_host_and_scheme(value, allowed_hosts=set())
    )
