"""Calendar tokens: random, 256 bits, kept only as a hash, compared in constant time."""

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32  # 256 bits of randomness (the issue asks for at least 128)
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"  # token_urlsafe(32) is 43 characters
_TOKEN = re.compile(TOKEN_PATTERN)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def well_formed(token: str) -> bool:
    return bool(_TOKEN.fullmatch(token or ""))


def matches(token: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented token with a stored hash."""
    return bool(stored_hash) and hmac.compare_digest(token_hash(token), stored_hash)
