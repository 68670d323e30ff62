"""Accounts (django-allauth) as Rugtest needs them.

An account here says that someone has back pain, so sign-up must not tell whether an
address already has one: allauth then sends a mail instead of making the account and shows
the same page (ACCOUNT_PREVENT_ENUMERATION). ``SignupForm`` also makes that answer take the
same time, by hashing the password as a new account would. ``AccountAdapter`` gives
allauth's rate limits the real client address behind a proxy (rugtest.security.client_ip).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from rugtest.security import client_ip


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The work a new account costs (Argon2 takes most of the time), thrown away.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        return client_ip(request)
