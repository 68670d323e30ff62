"""A share link: the person's programme report, readable without an account by whoever holds
the link (their GP or physiotherapist), until it ends or the person revokes it.

As for the calendar link, the token itself is never stored: only its SHA-256 hash, which is
what a request is looked up by (docs/sharing.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rugtest.reports.forms import NAME_MAX_CHARS

LABEL_MAX_CHARS = 60
DAYS_MAX = 90  # valid 90 days unless the person chooses fewer
DAYS_MIN = 1
FORM_KEY_CHARS = 22  # token_urlsafe(16)


class ShareLink(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    # SHA-256 of the token, hex; NULL once revoked, so that nothing can match it any more.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # For the person's own list only ("Huisarts", "Fysiotherapeut Jansen"); never on the shared page.
    label = models.CharField(max_length=LABEL_MAX_CHARS, blank=True, default="")
    # The name the shared page and its PDF show; empty: "een patiënt".
    name = models.CharField(max_length=NAME_MAX_CHARS, blank=True, default="")
    # The random key of the form that made the link: sending that form again makes no second link.
    form_key = models.CharField(max_length=FORM_KEY_CHARS, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_opened_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "form_key"], condition=~Q(form_key=""), name="one_link_per_form"),
        ]
        indexes = [
            # `rugtest purge` finds the links that ended or were revoked long enough ago.
            models.Index(fields=["expires_at"], name="sharelink_expires"),
            models.Index(fields=["revoked_at"], name="sharelink_revoked"),
        ]

    def __str__(self) -> str:
        return f"share link {self.pk}"

    @property
    def state(self) -> str:
        """"active", "ended" (its days are over) or "revoked": which dates the person's list shows."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "ended"
        return "active"
