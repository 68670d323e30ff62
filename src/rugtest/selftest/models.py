"""What the rugtest keeps of a signed-in person: their results.

Visitors without an account keep their answers in the session only
(``rugtest.selftest.progress``); a result is stored once it belongs to an account.
"""

from django.conf import settings
from django.db import models


class RugtestResult(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rugtest_results")
    answers = models.JSONField()
    outcome = models.JSONField()
    run = models.CharField(max_length=32, blank=True, default="")  # one taking of the rugtest
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def programme(self) -> str:
        return self.outcome["programme"]
