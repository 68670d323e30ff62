"""The secret calendar link of a person's walking plan.

The token itself is never stored: only its SHA-256 hash, which is what a request is looked up
by (docs/data-rights.md). The chosen walk times stay when the link is revoked.
"""

import datetime as dt

from django.conf import settings
from django.db import models

DEFAULT_TIMES = {"morning": dt.time(9, 0), "afternoon": dt.time(13, 0), "evening": dt.time(18, 30)}


class CalendarLink(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_link")
    # SHA-256 of the token, hex; empty after "revoke" (the link answers 404).
    token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    token_created_at = models.DateTimeField(null=True, blank=True)
    morning = models.TimeField(default=DEFAULT_TIMES["morning"])
    afternoon = models.TimeField(default=DEFAULT_TIMES["afternoon"])
    evening = models.TimeField(default=DEFAULT_TIMES["evening"])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar link {self.pk}"

    @property
    def active(self) -> bool:
        return bool(self.token_hash)

    def times(self) -> dict:
        return {"morning": self.morning, "afternoon": self.afternoon, "evening": self.evening}
