"""The form token (CSRF) of a stored page, made as Django makes it, with less work.

Django makes a new secret, and a masked token from it, with ``get_random_string``: one call
of ``secrets.choice`` per character, 64 in all. For a first visit to a stored page that
was a third of the request's time in the profile (docs/performance.md). Here the same kind
of strings come from one read of the system's random source: each random byte below 248
(4 × 62) picks a character of Django's alphabet uniformly, the rest are thrown away.

The secret goes where Django's CSRF middleware looks for it (``request.META``), so that the
middleware sets the cookie and checks sent forms exactly as it does for ``get_token``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token

_SIZE = len(CSRF_ALLOWED_CHARS)
_USABLE = 256 - 256 % _SIZE  # bytes below this map onto the alphabet uniformly
_TABLE = bytes(ord(CSRF_ALLOWED_CHARS[b % _SIZE]) for b in range(_USABLE)) + bytes(256 - _USABLE)
_REJECTED = bytes(range(_USABLE, 256))
_INDEX = {char: i for i, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_chars(length: int) -> str:
    """``length`` characters of Django's CSRF alphabet, each chosen uniformly by the system's
    random source."""
    chars = b""
    while len(chars) < length:
        chars += secrets.token_bytes(length + 8).translate(_TABLE, _REJECTED)
    return chars[:length].decode()


def masked(secret: str) -> str:
    """The token for ``secret`` under a new random mask, as Django's ``_mask_cipher_secret``."""
    mask = random_chars(CSRF_SECRET_LENGTH)
    cipher = "".join(CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % _SIZE] for s, m in zip(secret, mask))
    return mask + cipher


def get_form_token(request) -> str:
    """What ``django.middleware.csrf.get_token`` returns and does: the visitor's masked token,
    a new secret for a visitor without one, and the cookie sent (again) with the answer."""
    if settings.CSRF_USE_SESSIONS:
        return get_token(request)
    if "CSRF_COOKIE" in request.META:
        secret = request.META["CSRF_COOKIE"]
    else:
        secret = random_chars(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)
