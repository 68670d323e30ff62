"""The GP practice that offers this site, and its phone numbers (shared/CONTRACT.md).

``RUGTEST_PRACTICE_NAME``, ``RUGTEST_PRACTICE_PHONE`` and ``RUGTEST_OUT_OF_HOURS_PHONE`` are
read in settings.py. Here they are parsed once (Google's libphonenumber, Dutch numbers by
default) into what a page needs: the number as the practice typed it, to show, and its E.164
form, for the ``tel:`` link. A value that is not a phone number is a system check error that
names the variable, so that ``rugtest check`` and the start stop before a page shows a link
that calls nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.conf import settings
from django.core import checks

# Numbers without a country code are Dutch ones: "020-1234567", "0900 1234".
REGION = "NL"
PHONE_SETTINGS = ("RUGTEST_PRACTICE_PHONE", "RUGTEST_OUT_OF_HOURS_PHONE")


@dataclass(frozen=True)
class Phone:
    shown: str  # as the practice typed it, spaces tidied: "020-1234567"
    tel: str  # E.164, for tel: links: "+31201234567"


@dataclass(frozen=True)
class Practice:
    name: str  # "" when not set
    phone: Phone | None
    out_of_hours: Phone | None

    def __bool__(self) -> bool:
        return bool(self.name or self.phone or self.out_of_hours)


def parse_phone(value: str) -> Phone:
    """The phone number in ``value``; ValueError when it is not one."""
    shown = " ".join(value.split())
    try:
        number = phonenumbers.parse(shown, REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return Phone(shown=shown, tel=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@lru_cache(maxsize=8)
def _practice(name: str, phone: str, out_of_hours: str) -> Practice:
    return Practice(
        name=" ".join(name.split()),
        phone=parse_phone(phone) if phone else None,
        out_of_hours=parse_phone(out_of_hours) if out_of_hours else None,
    )


def current() -> Practice:
    """The practice of this site (empty when nothing is set); the system check vouches for the numbers."""
    return _practice(
        getattr(settings, "RUGTEST_PRACTICE_NAME", "") or "",
        getattr(settings, "RUGTEST_PRACTICE_PHONE", "") or "",
        getattr(settings, "RUGTEST_OUT_OF_HOURS_PHONE", "") or "",
    )


@checks.register()
def check_phone_numbers(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """rugtest.E001: a number setting that is not a phone number (the message names the variable)."""
    errors = []
    for name in PHONE_SETTINGS:
        value = getattr(settings, name, "") or ""
        if not value:
            continue
        try:
            parse_phone(value)
        except ValueError:
            errors.append(checks.Error(
                f"{name} is not a phone number: {value!r}.",
                hint=f"Set {name} to the number as you would dial it, e.g. 020-1234567 or +31 20 123 4567, "
                     "or leave it empty.",
                id="rugtest.E001",
            ))
    return errors
