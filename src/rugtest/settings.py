"""Django settings for Rugtest.

All configuration comes from environment variables (shared/CONTRACT.md), read here and
nowhere else, with defaults that make `make run` work with nothing set.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("RUGTEST_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """RUGTEST_SECRET_KEY, else a key generated once and kept in var/secret_key."""
    if os.environ.get("RUGTEST_SECRET_KEY"):
        return os.environ["RUGTEST_SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("RUGTEST_DEBUG")
ALLOWED_HOSTS = env_list("RUGTEST_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "rugtest.selftest",
    "rugtest.programme",
    "rugtest.content",
    "rugtest.api",
    "rugtest.privacy",
    "rugtest.sharing",
]

MIDDLEWARE = [
    # Pages compressed for weak connections (Django's gzip pads against BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's own address for FHIR canonical URLs when RUGTEST_PUBLIC_URL is not set (D-10).
    "rugtest.api.fhir.PublicAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy and Permissions-Policy in one pass, each header written once at
    # start-up (it is the same for every page).
    "rugtest.security.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "rugtest.urls"
WSGI_APPLICATION = "rugtest.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,  # with DEBUG off, Django keeps compiled templates (its cached loader)
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rugtest.context_processors.site",
            ],
        },
    },
]

# SQLite waits for a busy database instead of failing: write-ahead log (readers never block
# the writer), every transaction takes the write lock when it begins (BEGIN IMMEDIATE, so two
# transactions never deadlock upgrading a read lock) and a writer waits up to
# RUGTEST_DB_TIMEOUT seconds for the lock. synchronous=FULL: an acknowledged write survives
# a crash of the server and of the machine. See docs/production.md.
SQLITE_TIMEOUT = float(os.environ.get("RUGTEST_DB_TIMEOUT", "20"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_TIMEOUT,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        f"PRAGMA busy_timeout={int(SQLITE_TIMEOUT * 1000)};"
        "PRAGMA foreign_keys=ON;"
    ),
}


def _database() -> dict:
    """DATABASE_URL, else SQLite in var/. PostgreSQL keeps its connections open between
    requests (checked before reuse), so that each request does not pay for a new one."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'rugtest.sqlite3'}"
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("RUGTEST_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
    return database


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default": one cache shared by every app server, in the database (nothing to install): the
# sign-in rate limits must count across servers, and a person's computed plan is kept there
# under its version (programme/plans.py). Per process, with nothing personal in them:
# "pages", the pages that are the same for every visitor without a session or an account
# (rugtest/pages.py), and "template_fragments", the parts of pages that are the same for
# everyone ({% cache %} in the templates). docs/performance.md, docs/production.md.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rugtest_cache",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rugtest-pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rugtest-fragments",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# Accounts: sign-up and sign-in by e-mail address (django-allauth), verified by a code sent
# by mail, Argon2 password hashing; allauth's default rate limits guard sign-in and reset.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # Only the e-mail address: the username is made from it, and no name is asked. So the message
    # can say "Het wachtwoord lijkt te veel op het e-mailadres" (one article for one attribute).
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ["email"]}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# The code page says in words how long the code works ("De code werkt 15 minuten",
# locale/nl): a test holds the words to this number.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 15 * 60
# A person whose code mail went astray can ask for it again on the code page.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Rugtest: "
# Sign-up answers alike, and as fast, for a new address and for one that has an account.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "rugtest.accounts.SignupForm"}
ACCOUNT_ADAPTER = "rugtest.accounts.AccountAdapter"
# allauth's limits, written out (README): per client address ("ip"), per e-mail address
# ("key") or per signed-in person ("user"); past them a friendly 429 page.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    # A code mail per address: allauth's default (1 per 10 s) refused a second "send the code
    # again" within 10 seconds with a dead end (a new code made, none sent). Resending is
    # capped at 2 per sign-up (ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND), so this only
    # bounds the mail one address can get.
    "confirm_email": "5/300s/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Downloading one's data needs a sign-in or the password again within this many seconds
# (rugtest/privacy/signin.py; allauth's reauthentication).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "programme:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "content:home"

# Mail goes to files under var/mail/ unless EMAIL_URL configures SMTP.
if os.environ.get("EMAIL_URL"):
    globals().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("RUGTEST_FROM_EMAIL", "Rugtest <noreply@localhost>")
# Where people report an error in the content (shown on /over/).
RUGTEST_CONTACT_EMAIL = os.environ.get("RUGTEST_CONTACT_EMAIL", "fouten@rugtest.invalid")
# The address people reach the site at (e.g. https://rug.praktijk.nl), without a trailing
# slash; empty: the request's own address. The base of the FHIR canonical URLs (decisions.md
# D-10) and of the pages' alternate-language addresses.
RUGTEST_PUBLIC_URL = os.environ.get("RUGTEST_PUBLIC_URL", "").strip().rstrip("/")

# The GP practice that offers this site, and its numbers (shared/CONTRACT.md). With them, every
# "call your GP" and "evening, night or weekend" advice is a tap-to-call link to that number
# (rugtest/practice.py). A value that is not a phone number stops `rugtest check` and the start
# (the system check rugtest.E001/E002 names the variable).
RUGTEST_PRACTICE_NAME = os.environ.get("RUGTEST_PRACTICE_NAME", "").strip()
RUGTEST_PRACTICE_PHONE = os.environ.get("RUGTEST_PRACTICE_PHONE", "").strip()
RUGTEST_OUT_OF_HOURS_PHONE = os.environ.get("RUGTEST_OUT_OF_HOURS_PHONE", "").strip()

# Answers live in the server-side session; they are gone after a day, or at "start again".
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 24 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Messages ride in the session: no cookie beyond session, CSRF and language (privacy page).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_FAILURE_VIEW = "rugtest.views.csrf_failure"

# Dutch first, at the root; English under /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed file names, so that the one CSS file can be cached for a year.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Tests and a fresh checkout may run before collectstatic: fall back to the plain name.
WHITENOISE_MANIFEST_STRICT = False

# --- Security (docs/production.md) ----------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page has a script that needs the CSRF cookie: the token travels in the forms.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# RUGTEST_HTTPS=1: production behind a TLS-terminating proxy that sets X-Forwarded-Proto.
RUGTEST_HTTPS = env_bool("RUGTEST_HTTPS")
if RUGTEST_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the proxy's health check may come over plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("RUGTEST_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RUGTEST_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("RUGTEST_HSTS_PRELOAD", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("RUGTEST_HTTP_PROTOCOL", "https" if RUGTEST_HTTPS else "http")

# Content-Security-Policy: only this site's own files; no inline script or style, no
# plug-ins, no framing, forms post only here.
RUGTEST_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])
# Browser features the site does not use are off for it and anything it could embed.
RUGTEST_PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
))

# The client's address, for the rate limits: proxies whose X-Forwarded-For is believed
# (addresses or networks, comma-separated). Empty: the address of the connection itself.
RUGTEST_TRUSTED_PROXIES = env_list("RUGTEST_TRUSTED_PROXIES", "")


def _rate(name: str, default: str) -> tuple[int, int]:
    """"120/60" -> (120 requests, per 60 seconds)."""
    count, _, seconds = os.environ.get(name, default).partition("/")
    return int(count), int(seconds or 60)


# The JSON API: at most this many requests per client address per period (429 past it).
RUGTEST_API_RATE_LIMIT = _rate("RUGTEST_API_RATE_LIMIT", "120/60")
# The share pages a GP opens without an account (/gedeeld/…): requests per client address per period.
RUGTEST_SHARE_RATE_LIMIT = _rate("RUGTEST_SHARE_RATE_LIMIT", "60/60")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
