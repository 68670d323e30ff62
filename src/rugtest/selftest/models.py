"""What the rugtest keeps of a signed-in person: their results.

Visitors without an account keep their answers in the session only
(``rugtest.selftest.progress``); a result is stored once it belongs to an account.
"""

import hashlib
import json

from django.conf import settings
from django.db import models


def answers_digest(answers: dict) -> str:
    """SHA-256 of the answers as canonical JSON (keys sorted, no spaces): the same answers
    give the same digest, whatever order they were given in."""
    canonical = json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


class RugtestResult(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rugtest_results")
    answers = models.JSONField()
    outcome = models.JSONField()
    run = models.CharField(max_length=32, blank=True, default="")  # one taking of the rugtest
    answers_digest = models.CharField(max_length=64, editable=False)  # set from ``answers`` on save
    # When this result became the person's current one: when it was first kept, or when the
    # same answers came back after a changed answer within one taking (services.save_result).
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One taking of the rugtest with the same answers is one result of a person: a
            # reload, a second tab or sixteen requests at once store it once. Results kept
            # before takings were told apart have no run: nothing says two of them were one.
            models.UniqueConstraint(
                fields=["user", "run", "answers_digest"], condition=~models.Q(run=""),
                name="one_result_per_run_and_answers",
            ),
        ]

    def __str__(self) -> str:
        return f"rugtest result {self.pk}"

    def save(self, *args, **kwargs):
        self.answers_digest = answers_digest(self.answers)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "answers" in update_fields:
            kwargs["update_fields"] = {*update_fields, "answers_digest"}
        super().save(*args, **kwargs)

    @property
    def programme(self) -> str:
        return self.outcome["programme"]
