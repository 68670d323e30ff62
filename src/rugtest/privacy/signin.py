"""When this browser last signed in: a download of everything the site holds about a person
needs a recent sign-in, as deleting the account needs the password.

A sign-in within ACCOUNT_REAUTHENTICATION_TIMEOUT counts; after that, allauth's
reauthentication asks for the password once more (and then counts that for as long).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "privacy_signed_in_at"  # in the session: time.time() of this browser's sign-in


@receiver(user_logged_in)
def remember_sign_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        session[SIGNED_IN_AT] = time.time()


def needs_password_again(request) -> bool:
    """Whether the sign-in of this browser is too long ago for a download (the ``enabled`` test
    of allauth's ``reauthentication_required``)."""
    signed_in_at = request.session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, (int, float)):
        return True
    return not 0 <= time.time() - signed_in_at < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
