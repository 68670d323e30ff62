"""Accounts (django-allauth) as Rugtest needs them.

An account here says that someone has back pain, so sign-up must not tell whether an
address already has one: allauth then sends a mail instead of making the account and shows
the same page (ACCOUNT_PREVENT_ENUMERATION). ``SignupForm`` also makes that answer take the
same time, by hashing the password as a new account would. ``AccountAdapter`` gives
allauth's rate limits the real client address behind a proxy (rugtest.security.client_ip),
and lets a ``next`` address lead only to a page of this site. ``rate_limit_retry_after``
gives allauth's 429 page a truthful Retry-After.
"""

import math
import re

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_noop

from rugtest.security import client_ip, is_local_path

# allauth's and Django's own English on the account pages, said in the site's words ("Create an
# account", "e-mail" spelled one way): the English catalogue (src/rugtest/locale/en) translates
# these into the site's English, the Dutch one (src/rugtest/locale/nl) into its Dutch. Listed
# here so that `make messages` keeps them in the catalogue.
ACCOUNT_WORDS = (
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("email address"),
    gettext_noop("Password (again)"),
    gettext_noop("Password Reset"),
    gettext_noop("Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."),
    gettext_noop("Use a different email address"),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("Your email has been confirmed."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us "
        "if you do not receive it in a few minutes."
    ),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Email Verification"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("Incorrect code."),
    gettext_noop("Change Password"),
    gettext_noop("You have signed out."),
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
)


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every field has a visible label; a placeholder that repeats it was cut off on a phone
        # ("Wachtwoord (bevestigen").
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def try_save(self, request):
        if self.account_already_exists:
            # The work a new account costs (Argon2 takes most of the time), thrown away.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        return client_ip(request)

    def is_safe_url(self, url):
        # Only a path on this site: "x" or "23:59:60" would be sent on as a relative address.
        return is_local_path(url)


# allauth's limit windows: "m", "300s", "1/10s/key" … (ACCOUNT_RATE_LIMITS).
_WINDOW = re.compile(r"(\d*(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_limit_retry_after() -> int:
    """The seconds after which every limit of ACCOUNT_RATE_LIMITS has room again: the longest
    window among them. Each limit counts the attempts of its last window, so once that much
    time has passed without a new attempt, none of them refuses (the Retry-After of the 429
    page allauth shows past a limit)."""
    longest = 1
    for rates in (settings.ACCOUNT_RATE_LIMITS or {}).values():
        for rate in str(rates or "").split(","):
            parts = rate.strip().split("/")
            window = _WINDOW.fullmatch(parts[1]) if len(parts) >= 2 else None
            if window:
                longest = max(longest, math.ceil(float(window.group(1) or 1) * _UNIT_SECONDS[window.group(2)]))
    return longest
