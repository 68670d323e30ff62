"""Pages rendered once per app-server process and then served as they are.

Most of what Rugtest shows is the same for everyone who asks for it: the home page, the
information pages, the first step of the rugtest for someone who has not begun. Under load,
rendering those templates again and again was most of the server's work
(benchmarks/README.md), so a view can hand its page to ``page()`` with a key that names
everything the page depends on besides the language, the address and the day; the next
request with the same key gets the stored bytes.

What is never stored or served from here:
- anything but a plain 200 answer to GET or HEAD, and any page when RUGTEST_DEBUG is on;
- a page that showed a notice ("Opgeslagen") or that someone with a notice waiting asks for;
- a page that sets a cookie of its own.

The form token differs per visitor: it is stored as a mark and the visitor's own token is put
in its place on every answer. Pages are kept compressed too (``Stored``).

The store is per process and bounded; a restart (a new release) empties it, and so does a
change of settings in the tests.
"""

from __future__ import annotations

import functools
import re
import struct
import threading
import zlib
from collections import OrderedDict

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from rugtest.formtoken import get_form_token

SIZE = 500  # pages per process: a few MB at most
TOKEN_MARK = b"\x00csrf\x00"
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_pages: OrderedDict = OrderedDict()
_lock = threading.Lock()


def clear(**kwargs) -> None:
    with _lock:
        _pages.clear()
        _tokens.clear()


setting_changed.connect(clear)


def _notices_waiting(request) -> bool:
    session = getattr(request, "session", None)
    return session is not None and bool(session.get("_messages"))


def _showed_notices(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(storage.used or getattr(storage, "_queued_messages", None))


class Stored:
    """A page as kept: its bytes split where the form token goes, and each piece compressed
    on its own (raw deflate, flushed to a byte boundary), so that an answer is the pieces
    with the visitor's token compressed between them: no page is compressed per request.

    Compressed apart, the token can never be matched against the rest of the page, which is
    what the BREACH attack measures; Django's own per-answer compression pads against it
    instead."""

    def __init__(self, content: bytes, content_type: str):
        self.parts = content.split(TOKEN_MARK)
        self.content_type = content_type
        self.deflated = [_deflate(part, last=i == len(self.parts) - 1, level=9) for i, part in enumerate(self.parts)]
        self.whole_gzip = _gzip(self.deflated, self.parts) if len(self.parts) == 1 else None
        # A page with a visitor's own token differs per cookie, as Django's CSRF code says.
        self.vary_gzip = ("Accept-Encoding", "Cookie") if len(self.parts) > 1 else ("Accept-Encoding",)

    def response(self, request) -> HttpResponse:
        token, deflated_token = _form_token(request) if len(self.parts) > 1 else (b"", b"")
        if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            if self.whole_gzip is not None:
                content = self.whole_gzip
            else:
                pieces, deflated = [], []
                for i, part in enumerate(self.parts):
                    if i:
                        pieces.append(token)
                        deflated.append(deflated_token)
                    pieces.append(part)
                    deflated.append(self.deflated[i])
                content = _gzip(deflated, pieces)
            response = HttpResponse(content, content_type=self.content_type)
            response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, self.vary_gzip)
            return response
        response = HttpResponse(token.join(self.parts), content_type=self.content_type)
        if token:
            patch_vary_headers(response, ("Cookie",))
        return response


_tokens: dict[str, tuple[bytes, bytes]] = {}
TOKENS = 10_000  # visitors whose masked token is kept, per process


def _form_token(request) -> tuple[bytes, bytes]:
    """The visitor's form token, and the same compressed on its own. Django masks the secret
    anew for every page, so that a compressed page never shows the same token twice (BREACH).
    Here the token is compressed apart from the page (``Stored``), so one masked token per
    secret is kept: masking costs 32 reads of the system's random source, which was a tenth
    of a stored page's time.

    A visitor without a form-token cookie gets one, as from any Django form page. One who has
    it keeps it as it is: Django would send the cookie again with every form page to renew
    its year of life, and setting that header was a tenth of a stored page's time too; it is
    still renewed by every page made anew."""
    secret = request.META.get("CSRF_COOKIE")
    known = _tokens.get(secret) if secret else None
    if known is None:
        token = get_form_token(request).encode()  # a new visitor: a new secret and its cookie
        known = _keep_token(request.META.get("CSRF_COOKIE"), token)
    return known


def _keep_token(secret: str | None, token: bytes) -> tuple[bytes, bytes]:
    known = token, _deflate(token, last=False, level=1)
    if secret:
        with _lock:
            if len(_tokens) >= TOKENS:
                _tokens.clear()
            _tokens[secret] = known
    return known


def _deflate(data: bytes, last: bool, level: int) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def _gzip(deflated: list[bytes], pieces: list[bytes]) -> bytes:
    """A gzip member (RFC 1952) of deflate pieces that each end on a byte boundary."""
    crc, size = 0, 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # deflate, no name, no time, best, unknown OS
    return header + b"".join(deflated) + struct.pack("<II", crc, size & 0xFFFFFFFF)


def page(request, key: tuple, build) -> HttpResponse:
    """The page ``build()`` makes, from the store when a page with the same ``key``,
    language, address, day and sign-in state is there."""
    if settings.DEBUG or request.method not in ("GET", "HEAD") or _notices_waiting(request):
        return build()
    full_key = (key, get_language(), request.get_full_path(), timezone.localdate(),
                request.user.is_authenticated)
    with _lock:
        stored = _pages.get(full_key)
        if stored is not None:
            _pages.move_to_end(full_key)
    if stored is not None:
        return stored.response(request)
    response = build()
    if (type(response) is HttpResponse and response.status_code == 200 and not response.cookies
            and not _showed_notices(request)):
        content = response.content
        tokens = set(_TOKEN.findall(content))
        for token in tokens:
            content = content.replace(token, TOKEN_MARK)
        if len(tokens) == 1:
            _keep_token(request.META.get("CSRF_COOKIE"), tokens.pop())
        stored = Stored(content, response["Content-Type"])
        with _lock:
            _pages[full_key] = stored
            while len(_pages) > SIZE:
                _pages.popitem(last=False)
    return response


def shared(view):
    """For a view whose page is the same for everyone who is not signed in and has nothing
    in the session: such visitors get the stored page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        session = getattr(request, "session", None)
        if session is not None and session.keys():
            return view(request, *args, **kwargs)
        return page(request, (view.__module__, view.__qualname__, args, tuple(sorted(kwargs.items()))),
                    lambda: view(request, *args, **kwargs))

    return wrapper
